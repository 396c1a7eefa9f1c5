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
    <name>ExcelPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Take the ledgers you keep in Excel as they are: household register, gate log, care list (.xlsx, .xls, .csv). You see every row before anything is saved; rows with errors come back as a workbook to fix.</source>
        <translation>直接导入您在Excel里的台账：户籍台账、出入登记、关爱名单（.xlsx、.xls、.csv）。保存之前先逐行预览；有错误的行会导出成一个工作簿，改好后再导入。</translation>
    </message>
    <message>
        <source>Import a ledger...</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Lists as workbooks ready to print: bold header, filter, A4, ID numbers as text.</source>
        <translation>导出可直接打印的名单：表头加粗、可筛选、A4纸、身份证号按文本保存。</translation>
    </message>
    <message>
        <source>Hide ID numbers and phone numbers (for public lists)</source>
        <translation>隐去身份证号码和电话号码（用于公开张贴的名单）</translation>
    </message>
    <message>
        <source>Household register</source>
        <translation>户籍台账</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>Street office template</source>
        <translation>街道报表模板</translation>
    </message>
    <message>
        <source>Pick the form the street office sends (a daily figures form or a list). The first time you say which blank gets which figure; from then on it is filled for today in one click.</source>
        <translation>选择街道下发的报表模板（每日数字报表或名单表）。第一次使用时指定每个空格填什么数字；以后一键即可填好当天的报表。</translation>
    </message>
    <message>
        <source>Fill a template...</source>
        <translation>填写报表模板…</translation>
    </message>
    <message>
        <source>Choose the template</source>
        <translation>选择报表模板</translation>
    </message>
    <message>
        <source>Save the filled form</source>
        <translation>保存填好的报表</translation>
    </message>
    <message>
        <source>%1 blanks or rows filled in %2.</source>
        <translation>已在 %2 中填写%1项（行）。</translation>
    </message>
    <message>
        <source>Could not write the file (is it open in Excel?): %1</source>
        <translation>无法写入文件（是否正在Excel中打开？）：%1</translation>
    </message>
    <message>
        <source>%1 rows written to %2.</source>
        <translation>已导出%1行到 %2。</translation>
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
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a ledger from Excel</source>
        <translation>从Excel导入台账</translation>
    </message>
    <message>
        <source>Choose an .xlsx, .xls or .csv file</source>
        <translation>请选择 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Guess from the headers</source>
        <translation>按表头自动识别</translation>
    </message>
    <message>
        <source>Household register</source>
        <translation>户籍台账</translation>
    </message>
    <message>
        <source>Gate log</source>
        <translation>出入登记</translation>
    </message>
    <message>
        <source>Care list</source>
        <translation>关爱名单</translation>
    </message>
    <message>
        <source>from the file&apos;s title</source>
        <translation>按文件标题</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Compound:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>台账类型：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>对应</translation>
    </message>
    <message>
        <source>Check again with this mapping</source>
        <translation>按此对应重新检查</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Show only rows with errors</source>
        <translation>只显示有错误的行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save rows with errors...</source>
        <translation>保存错误行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a ledger</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <source>Checking the file...</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>%1 rows checked: %2 new, %3 to update, %4 unchanged; &lt;b style=&apos;color:#b71c1c&apos;&gt;%5 with errors&lt;/b&gt; (red, not imported).</source>
        <translation>共检查%1行：新增%2行，更新%3行，无变化%4行；&lt;b style=&apos;color:#b71c1c&apos;&gt;%5行有错误&lt;/b&gt;（红色，不导入）。</translation>
    </message>
    <message>
        <source>Compound: %1.</source>
        <translation>小区：%1。</translation>
    </message>
    <message>
        <source>Sheets without a header were skipped: %1.</source>
        <translation>以下工作表没有找到表头，已跳过：%1。</translation>
    </message>
    <message>
        <source>(column %1)</source>
        <translation>（第%1列）</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>No row can be imported yet.</source>
        <translation>还没有可以导入的行。</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported %1 rows (%2 new, %3 updated, %4 unchanged); %5 rows with errors were not imported.</source>
        <translation>已导入%1行（新增%2行，更新%3行，无变化%4行）；%5行有错误，未导入。</translation>
    </message>
    <message>
        <source>Save rows with errors</source>
        <translation>保存错误行</translation>
    </message>
    <message>
        <source>%1 rows with errors saved to %2. Fix them there and import that file.</source>
        <translation>已把%1行错误行保存到 %2。请在该文件中改正后再导入。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>已取消，台账没有任何改动。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Nothing was changed. Please report this:</source>
        <translation>台账没有任何改动。请把以下信息报告给技术人员：</translation>
    </message>
    <message>
        <source>Import %1 good rows</source>
        <translation>导入%1行正确数据</translation>
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
        <source>Excel</source>
        <translation>导入导出</translation>
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
    <name>TemplateDialog</name>
    <message>
        <source>Map the street office&apos;s template</source>
        <translation>对应街道报表模板</translation>
    </message>
    <message>
        <source>e.g. daily report to the street office</source>
        <translation>例如：每日疫情防控报表</translation>
    </message>
    <message>
        <source>Template name:</source>
        <translation>模板名称：</translation>
    </message>
    <message>
        <source>Blank in the template</source>
        <translation>模板中的填报项</translation>
    </message>
    <message>
        <source>Column in the template</source>
        <translation>模板中的列</translation>
    </message>
    <message>
        <source>Filled with</source>
        <translation>填写内容</translation>
    </message>
    <message>
        <source>(leave empty)</source>
        <translation>（不填）</translation>
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
