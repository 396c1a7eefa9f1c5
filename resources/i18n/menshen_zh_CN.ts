<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompoundDialog</name>
    <message>
        <source>Add compound or village group</source>
        <translation>新增小区/村民小组</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Menshen</source>
        <translation>欢迎使用社区门神</translation>
    </message>
    <message>
        <source>The register is empty. Open a demo community to look around first? (It is kept in a separate file; your own register stays empty.)</source>
        <translation>登记册还是空的。要先打开一个演示社区看看吗？（演示数据保存在单独的文件里，不会混入您自己的登记册。）</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Edit household</source>
        <translation>修改户信息</translation>
    </message>
    <message>
        <source>Add household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>Compound or village group *</source>
        <translation>小区/村民小组 *</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>e.g. 3 or 3号楼</source>
        <translation>例如 3 或 3号楼</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>门牌号</translation>
    </message>
    <message>
        <source>House address (village)</source>
        <translation>门牌地址（农村）</translation>
    </message>
    <message>
        <source>for houses without building and unit</source>
        <translation>没有楼栋单元的房屋填写，例如 王家湾12号</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>住房性质</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>房东姓名</translation>
    </message>
    <message>
        <source>Landlord&apos;s phone</source>
        <translation>房东电话</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Menshen - community register</source>
        <translation>社区门神 - 社区登记</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>户籍登记</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Menshen</source>
        <translation>关于社区门神</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program.</source>
        <translation>新的语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Menshen keeps the household register, gate logs and care lists of a community office, offline.</source>
        <translation>社区门神在本机离线保存社区的户籍登记、卡口出入登记和特殊群体关爱名单。</translation>
    </message>
    <message>
        <source>Households: %1</source>
        <translation>户数：%1</translation>
    </message>
    <message>
        <source>People: %1</source>
        <translation>人数：%1</translation>
    </message>
    <message>
        <source>Key persons: %1</source>
        <translation>重点人员：%1</translation>
    </message>
</context>
<context>
    <name>NoticeEditorDialog</name>
    <message>
        <source>Notice templates</source>
        <translation>通知模板</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Notice (one copy, to post)</source>
        <translation>通知（张贴，一份）</translation>
    </message>
    <message>
        <source>Letter (one per household, mail merge)</source>
        <translation>致住户的信（每户一封，自动填入户主和住址）</translation>
    </message>
    <message>
        <source>Red header</source>
        <translation>红头（发文机关）</translation>
    </message>
    <message>
        <source>Empty: no red header</source>
        <translation>不填则不印红头</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
    <message>
        <source>Addressed to</source>
        <translation>称呼（主送）</translation>
    </message>
    <message>
        <source>Body *</source>
        <translation>正文 *</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Empty: the office&apos;s name</source>
        <translation>不填则用本社区名称</translation>
    </message>
    <message>
        <source>Insert field:</source>
        <translation>插入字段：</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source> (built in)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <source>Save as our own copy</source>
        <translation>另存为本社区模板</translation>
    </message>
    <message>
        <source>A built-in template stays as shipped; saving keeps your own copy.</source>
        <translation>内置模板保持原样；保存时另存一份本社区自己的模板。</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>Delete the template “%1”?</source>
        <translation>确定删除模板“%1”吗？</translation>
    </message>
</context>
<context>
    <name>PaperPage</name>
    <message>
        <source>Notice / letter to every household</source>
        <translation>通知 / 致住户的信</translation>
    </message>
    <message>
        <source>Household register sheet</source>
        <translation>住户登记表（一户一档）</translation>
    </message>
    <message>
        <source>Canvass sheet per building</source>
        <translation>滚动摸排表（按楼栋）</translation>
    </message>
    <message>
        <source>Gate log sheet (blank)</source>
        <translation>出入登记表（空白）</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>工作日报</translation>
    </message>
    <message>
        <source>Passes (8 a page)</source>
        <translation>出入证（每页8张）</translation>
    </message>
    <message>
        <source>Home isolation notice</source>
        <translation>居家隔离告知书</translation>
    </message>
    <message>
        <source>Door sign (isolation)</source>
        <translation>居家隔离门贴</translation>
    </message>
    <message>
        <source>14-day health record sheet</source>
        <translation>14天健康监测记录表</translation>
    </message>
    <message>
        <source>Care visit sheet per helper</source>
        <translation>关爱走访表（按帮扶人）</translation>
    </message>
    <message>
        <source>Prints once the gate and care lists are in this version.</source>
        <translation>门岗和关爱功能接入后即可打印。</translation>
    </message>
    <message>
        <source>Edit templates...</source>
        <translation>编辑模板…</translation>
    </message>
    <message>
        <source>A3 poster</source>
        <translation>A3 张贴版</translation>
    </message>
    <message>
        <source>Mask ID and phone numbers</source>
        <translation>隐去身份证号和电话中间几位</translation>
    </message>
    <message>
        <source>e.g. South gate</source>
        <translation>例如：南门</translation>
    </message>
    <message>
        <source>e.g. Round 3</source>
        <translation>例如：第3轮</translation>
    </message>
    <message>
        <source>For whom, and how</source>
        <translation>打印范围和选项</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区/院落</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>Blank pages</source>
        <translation>空白页数</translation>
    </message>
    <message>
        <source>Canvass round</source>
        <translation>摸排轮次</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>社区电话</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF...</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <source>Choose a form on the left and press Preview. The pages appear here exactly as they will be printed.</source>
        <translation>在左边选择要打印的表格，然后点“预览”。这里显示的就是打印出来的样子。</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Whole community</source>
        <translation>全社区</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Building %1</source>
        <translation>%1栋</translation>
    </message>
    <message>
        <source>This form is drawn from the gate or care lists, which are not in this version yet.</source>
        <translation>这张表的数据来自门岗或关爱功能，这个版本还没有接入。</translation>
    </message>
    <message>
        <source>The choices changed: press Preview to see the new version.</source>
        <translation>选项已更改，请点“预览”查看新的内容。</translation>
    </message>
    <message>
        <source>Preparing the pages...</source>
        <translation>正在生成页面…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was printed.</source>
        <translation>已取消，没有打印。</translation>
    </message>
    <message>
        <source>Drawing %1 of %2...</source>
        <translation>正在生成第%1份，共%2份…</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>%1 pages.</source>
        <translation>共%1页。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存PDF</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Sending to the printer...</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <source>%1 pages sent to the printer.</source>
        <translation>已发送%1页到打印机。</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>修改人员</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>18 digits; sex and birth date are read from it</source>
        <translation>18位；性别和出生日期自动读取</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>居住类型</translation>
    </message>
    <message>
        <source>Registered address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>On the key-person list</source>
        <translation>列入重点人员</translation>
    </message>
    <message>
        <source>Why a key person</source>
        <translation>重点人员原因</translation>
    </message>
    <message>
        <source>Work place</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Already in the register: %1 (%2). Open that person instead of adding a second one.</source>
        <translation>已经登记过：%1（%2）。请打开已有人员修改，不要重复登记。</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Whole community</source>
        <translation>全社区</translation>
    </message>
    <message>
        <source>Search: name, pinyin initials (zs), part of ID or phone, address (3-2-501)</source>
        <translation>搜索：姓名、拼音首字母(zs)、身份证或电话的一部分、地址(3-2-501)</translation>
    </message>
    <message>
        <source>Add compound</source>
        <translation>新增小区</translation>
    </message>
    <message>
        <source>Add household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>修改户信息</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>修改人员</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Record travel</source>
        <translation>登记行程</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 人</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>居住类型</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态变更记录</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>from</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Remove %1 from the register? The record is kept in the history and can be restored.</source>
        <translation>确定要从登记册中删除 %1 吗？记录会保留在历史中，可以恢复。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>%1 is now: %2</source>
        <translation>%1 现在的状态：%2</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>e.g. close contact, notified by the street office</source>
        <translation>例如：密切接触者，街道通知居家隔离</translation>
    </message>
    <message>
        <source>Choose the new status.</source>
        <translation>请选择新状态。</translation>
    </message>
</context>
<context>
    <name>TravelDialog</name>
    <message>
        <source>Record travel</source>
        <translation>登记行程</translation>
    </message>
    <message>
        <source>Arrived from *</source>
        <translation>从哪里来 *</translation>
    </message>
    <message>
        <source>e.g. Xiaogan, Hubei</source>
        <translation>例如：湖北省孝感市</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>到达日期</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>交通方式</translation>
    </message>
    <message>
        <source>train G1234, own car …</source>
        <translation>例如：G1234次列车、自驾</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
</TS>
