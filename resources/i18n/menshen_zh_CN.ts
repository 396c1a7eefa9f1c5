<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts that may log in on this register (they sync to the other machines). Gate accounts see only the gate screen.</source>
        <translation>可以登录本登记册的账号（会同步到其他电脑）。卡口值守账号只能看到卡口登记。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New account...</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password...</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change role...</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Lock this machine&apos;s window after</source>
        <translation>本机窗口无人操作</translation>
    </message>
    <message>
        <source>never</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <source> minutes without use</source>
        <translation> 分钟后锁定</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Change role of %1</source>
        <translation>修改 %1 的角色</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>First click an account in the table.</source>
        <translation>请先在表里点选一个账号。</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>账号名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>New account %1</source>
        <translation>新建账号 %1</translation>
    </message>
    <message>
        <source>Reset password of %1</source>
        <translation>重设“%1”的密码</translation>
    </message>
</context>
<context>
    <name>AdminAccountPage</name>
    <message>
        <source>The administrator&apos;s account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>The community secretary&apos;s account: it manages the other accounts, the settings and the sync passphrase, and reads the audit log.</source>
        <translation>社区书记的账号：管理其他账号、设置和同步口令，查看操作记录。</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账号名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>The village secretary&apos;s account: it manages the other accounts, the settings and the sync passphrase, and reads the audit log.</source>
        <translation>村书记的账号：管理其他账号、设置和同步口令，查看操作记录。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Exports, prints and restores</source>
        <translation>导出、打印和恢复备份</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Reading the audit...</source>
        <translation>正在读取审计记录……</translation>
    </message>
    <message>
        <source>The audit could not be read.</source>
        <translation>无法读取审计记录。</translation>
    </message>
    <message>
        <source>No export, print or restore since %1. To see older ones, choose an earlier date in From.</source>
        <translation>%1以来没有导出、打印或恢复备份的记录。要看更早的，把“起始日期”往前改。</translation>
    </message>
    <message>
        <source>No change since %1. To see older ones, choose an earlier date in From.</source>
        <translation>%1以来没有修改记录。要看更早的，把“起始日期”往前改。</translation>
    </message>
    <message>
        <source>Nothing recorded since %1. To see older entries, choose an earlier date in From.</source>
        <translation>%1以来还没有记录。要看更早的，把“起始日期”往前改。</translation>
    </message>
    <message>
        <source>%1 entries, the newest %2 shown (export them all with menshen audit).</source>
        <translation>共 %1 条，显示最新的 %2 条（全部请用 menshen audit 导出）。</translation>
    </message>
    <message>
        <source>Entries: %1.</source>
        <translation>共 %1 条。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backups are kept in %1: one a day (the last 14) and one before every import that changes something, upgrade, merge and sync import (the last 10).</source>
        <translation>备份保存在 %1：每天一份（保留最近 14 份），每次导入台账（会改动数据时）、升级数据版本、合并和导入同步包之前各一份（保留最近 10 份）。</translation>
    </message>
    <message>
        <source>No backup yet. Press &quot;Back up now&quot; to make one.</source>
        <translation>还没有备份。按“立即备份”做一份。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Copy to a USB stick...</source>
        <translation>复制到U盘…</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>恢复……</translation>
    </message>
    <message>
        <source>Restore from a USB stick...</source>
        <translation>从U盘恢复…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Backing up the register...</source>
        <translation>正在备份数据文件……</translation>
    </message>
    <message>
        <source>Copying the data file...</source>
        <translation>正在复制数据文件……</translation>
    </message>
    <message>
        <source>Encrypting the copy...</source>
        <translation>正在加密备份……</translation>
    </message>
    <message>
        <source>Reading the backup back to check it...</source>
        <translation>正在读回备份，检查是否完好……</translation>
    </message>
    <message>
        <source>Copying the backup to the stick...</source>
        <translation>正在把备份复制到U盘……</translation>
    </message>
    <message>
        <source>Copying the backup to the folder...</source>
        <translation>正在把备份复制到所选的文件夹……</translation>
    </message>
    <message>
        <source>Backup cancelled: no backup was made and nothing of it is left; the data file and the other backups are as they were.</source>
        <translation>已取消备份：没有做成备份，也没有留下做了一半的文件；数据文件和已有的备份都没有改动。</translation>
    </message>
    <message>
        <source>The copy was already made when Cancel was pressed: the backup is kept in the list.</source>
        <translation>按“取消”时备份已经做好，保留在列表里。</translation>
    </message>
    <message>
        <source>Choose the USB stick (or a folder on it)</source>
        <translation>选择U盘（或U盘上的一个文件夹）</translation>
    </message>
    <message>
        <source>Reading the copy back off the stick to check it...</source>
        <translation>正在读回核对U盘上的副本……</translation>
    </message>
    <message>
        <source>Reading the copy back from the folder to check it...</source>
        <translation>正在读回核对文件夹里的副本……</translation>
    </message>
    <message>
        <source>The backup is on the stick: %1</source>
        <translation>备份已复制到U盘：%1</translation>
    </message>
    <message>
        <source>Keep the stick away from this computer.</source>
        <translation>请把U盘和这台电脑分开保管。</translation>
    </message>
    <message>
        <source>The backup was copied to the shared folder: %1</source>
        <translation>备份已复制到共享文件夹：%1</translation>
    </message>
    <message>
        <source>The folder is on another computer: a failure of this computer&apos;s disk does not take it.</source>
        <translation>这个文件夹在别的电脑上：这台电脑的硬盘坏了，它还在。</translation>
    </message>
    <message>
        <source>The backup was copied to the folder: %1</source>
        <translation>备份已复制到文件夹：%1</translation>
    </message>
    <message>
        <source>This folder is on the same disk as the data file: if the disk fails, both are lost. Copy the backup to a USB stick too, and keep the stick away from this computer.</source>
        <translation>这个文件夹和数据文件在同一块硬盘上：硬盘坏了，两份都会丢。请再复制一份到U盘，把U盘和这台电脑分开保管。</translation>
    </message>
    <message>
        <source>This folder is on another disk than the data file. If that disk is in this computer too, also copy the backup to a USB stick and keep the stick away from this computer.</source>
        <translation>这个文件夹和数据文件不在同一块磁盘上。如果那块磁盘也装在这台电脑里，请再复制一份到U盘，把U盘和这台电脑分开保管。</translation>
    </message>
    <message>
        <source>It is encrypted with the passphrase you set. The passphrase is not stored anywhere: restoring the copy on another computer asks for it, and without it nobody can open the copy. Keep it on paper, apart from the copy.</source>
        <translation>副本已用您刚设的口令加密。这个口令没有保存在任何地方：在别的电脑上恢复这份副本时要输入它，没有它谁都打不开这份副本。请把口令写在纸上，和副本分开保管。</translation>
    </message>
    <message>
        <source>To restore it after a disk failure, choose &quot;Restore from a backup on a USB stick&quot; at the new computer&apos;s first start (or File ▸ Backups ▸ Restore from a USB stick...), choose this file and type the passphrase.</source>
        <translation>硬盘坏了需要恢复时，在新电脑第一次打开门神时选“从U盘上的备份恢复”（或用“文件 → 备份 → 从U盘恢复…”），选这个文件，输入这个口令。</translation>
    </message>
    <message>
        <source>To restore it after a disk failure, choose &quot;Restore from a backup on a USB stick&quot; at the new computer&apos;s first start (or File ▸ Backups ▸ Restore from a USB stick...) and choose this file.</source>
        <translation>硬盘坏了需要恢复时，在新电脑第一次打开门神时选“从U盘上的备份恢复”（或用“文件 → 备份 → 从U盘恢复…”），选这个文件。</translation>
    </message>
    <message>
        <source>Choose the backup on the USB stick</source>
        <translation>选择U盘上的备份</translation>
    </message>
    <message>
        <source>Menshen backups (*.mbak *.bak)</source>
        <translation>门神的备份 (*.mbak *.bak)</translation>
    </message>
    <message>
        <source>Copying the backup from the USB stick...</source>
        <translation>正在从U盘复制备份……</translation>
    </message>
    <message>
        <source>Restore from a USB stick</source>
        <translation>从U盘恢复</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Put the backup of %1 in place of the register? The window closes and opens again; the register as it is now is kept beside it under another name. What was entered after the backup will not be in the restored register.</source>
        <translation>用 %1 的备份替换现在的数据文件吗？窗口会关闭再重新打开；现在的数据文件会改名保留在旁边。备份之后录入的内容不在恢复后的数据里。</translation>
    </message>
    <message>
        <source>Checking the backup...</source>
        <translation>正在检查备份……</translation>
    </message>
</context>
<context>
    <name>BattleMapPage</name>
    <message>
        <source>Public version (no names)</source>
        <translation>公示版（不显示姓名）</translation>
    </message>
    <message>
        <source>Save A3 PDF…</source>
        <translation>保存A3 PDF…</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <translation>正在绘制作战图…</translation>
    </message>
    <message>
        <source>The map could not be drawn: %1</source>
        <translation>作战图无法绘制：%1</translation>
    </message>
    <message>
        <source>Nobody registered</source>
        <translation>无人登记</translation>
    </message>
    <message>
        <source>, %1 people</source>
        <translation>，%1人</translation>
    </message>
    <message>
        <source>%1 households</source>
        <translation>%1户</translation>
    </message>
    <message>
        <source>%1: %2 households, %3 people; each household in the colour of its most serious status</source>
        <translation>%1：共%2户、%3人；每户按户内最严重的状态着色</translation>
    </message>
    <message>
        <source>%1 has no household yet. Register them first: on the Register page press Add household, then Add person.</source>
        <translation>%1还没有住户。先在“户籍登记”按“新增户”登记住户，再按“新增人员”。</translation>
    </message>
    <message>
        <source>Save A3 PDF</source>
        <translation>保存A3 PDF</translation>
    </message>
    <message>
        <source>%1 pages saved to %2</source>
        <translation>%1页已保存到 %2</translation>
    </message>
</context>
<context>
    <name>BattleMapView</name>
    <message>
        <source>Nobody registered</source>
        <translation>无人登记</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>%1人</translation>
    </message>
    <message>
        <source>Head: %1</source>
        <translation>户主：%1</translation>
    </message>
    <message>
        <source>Lives here: %1</source>
        <translation>住户：%1</translation>
    </message>
</context>
<context>
    <name>ButtonWait</name>
    <message>
        <source>Try again in %1</source>
        <translation>%1后再试</translation>
    </message>
</context>
<context>
    <name>CanvassPage</name>
    <message>
        <source>New round...</source>
        <translation>新建一轮…</translation>
    </message>
    <message>
        <source>Add a question...</source>
        <translation>增加问题…</translation>
    </message>
    <message>
        <source>Print sheets...</source>
        <translation>打印摸排表…</translation>
    </message>
    <message>
        <source>Excel sheet for canvassers...</source>
        <translation>导出摸排录入表…</translation>
    </message>
    <message>
        <source>Import filled sheet...</source>
        <translation>导入填好的录入表…</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Typing results from the sheet</source>
        <translation>按摸排表录入结果</translation>
    </message>
    <message>
        <source>1 visited  2 nobody home  3 refused  4 moved out</source>
        <translation>1 已访  2 无人在家  3 拒绝  4 已搬离</translation>
    </message>
    <message>
        <source>Canvasser</source>
        <translation>摸排人</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Head or resident</source>
        <translation>户主/住户</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Households, not reached first</source>
        <translation>住户（未访在前）</translation>
    </message>
    <message>
        <source>By building</source>
        <translation>按楼栋</translation>
    </message>
    <message>
        <source>By grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <source>By canvasser</source>
        <translation>按摸排人</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户（未访在前）</translation>
    </message>
    <message>
        <source>Name, as on the sheet</source>
        <translation>摸排人姓名（照表上写）</translation>
    </message>
    <message>
        <source>Result 1-4 (see below) or a code</source>
        <translation>结果 1-4（见下方），或三位代码</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已访</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已入户</translation>
    </message>
    <message>
        <source>Not home</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>已搬离</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未访</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Take the next step...</source>
        <translation>处理下一步…</translation>
    </message>
    <message>
        <source>Answers that matter</source>
        <translation>需处理的回答</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>By village group</source>
        <translation>按村民小组</translation>
    </message>
    <message>
        <source>Village group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>No canvass round yet. Press “New round...” to start one.</source>
        <translation>还没有摸排轮次。请按“新建一轮…”开始。</translation>
    </message>
    <message>
        <source>Results: 1 visited  2 nobody home  3 refused  4 moved out.</source>
        <translation>结果：1 已访  2 无人在家  3 拒绝  4 已搬离。</translation>
    </message>
    <message>
        <source>Answers after 1, the member&apos;s number then the letter (1 2f): %1.</source>
        <translation>回答写在 1 后面，先写人的序号再写字母（1 2f）：%1。</translation>
    </message>
    <message>
        <source>Codes (3 digits) jump to a household.</source>
        <translation>打三位代码可跳到某一户。</translation>
    </message>
    <message>
        <source>%1 households: &lt;b style=&apos;color:#2e7d32&apos;&gt;%2 visited&lt;/b&gt;, &lt;b style=&apos;color:#ef6c00&apos;&gt;%3 nobody home&lt;/b&gt;, %4 refused, %5 moved out, &lt;b style=&apos;color:#c62828&apos;&gt;%6 not yet&lt;/b&gt;; reached %7% (today %8)</source>
        <translation>共 %1 户：&lt;b style=&apos;color:#2e7d32&apos;&gt;已访 %2&lt;/b&gt;，&lt;b style=&apos;color:#ef6c00&apos;&gt;无人在家 %3&lt;/b&gt;，拒绝 %4，已搬离 %5，&lt;b style=&apos;color:#c62828&apos;&gt;未访 %6&lt;/b&gt;；入户率 %7%（今天 %8 户）</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Every household of this round has been typed in. Type a code to correct one.</source>
        <translation>本轮住户已全部录完。要改某一户，请打它的代码。</translation>
    </message>
    <message>
        <source>(nobody registered)</source>
        <translation>（未登记人员）</translation>
    </message>
    <message>
        <source>Saved %1 %2: %3</source>
        <translation>已保存 %1 %2：%3</translation>
    </message>
    <message>
        <source>Question added; new rounds ask it (key %1).</source>
        <translation>问题已增加，新的一轮会问它（按键 %1）。</translation>
    </message>
    <message>
        <source>Choose a person in the list first.</source>
        <translation>请先在名单里选一个人。</translation>
    </message>
    <message>
        <source>Save the canvass sheets</source>
        <translation>保存摸排表</translation>
    </message>
    <message>
        <source>Print sheets</source>
        <translation>打印摸排表</translation>
    </message>
    <message>
        <source>%1 pages saved to %2</source>
        <translation>%1 页已保存到 %2</translation>
    </message>
    <message>
        <source>Save the sheet for canvassers</source>
        <translation>保存摸排录入表</translation>
    </message>
    <message>
        <source>Excel sheet</source>
        <translation>摸排录入表</translation>
    </message>
    <message>
        <source>%1 rows saved to %2</source>
        <translation>%1 行已保存到 %2</translation>
    </message>
    <message>
        <source>Import a filled canvass sheet</source>
        <translation>导入填好的摸排录入表</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Imported %1 rows.</source>
        <translation>导入 %1 行。</translation>
    </message>
    <message>
        <source>%1 rows refused, each with its reason below:</source>
        <translation>退回 %1 行，原因如下：</translation>
    </message>
</context>
<context>
    <name>CanvassRoundDialog</name>
    <message>
        <source>New canvass round</source>
        <translation>新建一轮摸排</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>e.g. First round</source>
        <translation>例如：第一轮摸排</translation>
    </message>
    <message>
        <source>Visit again from</source>
        <translation>再访哪一轮</translation>
    </message>
    <message>
        <source>(a new round over a scope)</source>
        <translation>（按范围新建一轮）</translation>
    </message>
    <message>
        <source>also households not reached at all</source>
        <translation>也包括完全没走访到的住户</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Compounds or buildings</source>
        <translation>小区或楼栋</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>CanvassStepDialog</name>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Isolation kind</source>
        <translation>隔离类型</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Care category</source>
        <translation>关爱类别</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
</context>
<context>
    <name>CareListModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访频次</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>应访日期</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
</context>
<context>
    <name>CarePage</name>
    <message>
        <source>Today</source>
        <translation>回到今天</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Due today and overdue</source>
        <translation>今天应访和逾期</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Not visited for twice the interval</source>
        <translation>超过两个周期未走访</translation>
    </message>
    <message>
        <source>Everyone on the list</source>
        <translation>名单上所有人</translation>
    </message>
    <message>
        <source>Name or pinyin initials</source>
        <translation>姓名或拼音首字母</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>移出名单</translation>
    </message>
    <message>
        <source>&amp;Record visit</source>
        <translation>登记走访(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Correct last visit</source>
        <translation>更正上次走访(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add to care list</source>
        <translation>加入关爱名单(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>修改(&amp;E)</translation>
    </message>
    <message>
        <source>Remove from &amp;list</source>
        <translation>移出名单(&amp;L)</translation>
    </message>
    <message>
        <source>Add hel&amp;per</source>
        <translation>添加帮扶人(&amp;P)</translation>
    </message>
    <message>
        <source>Edi&amp;t helper</source>
        <translation>修改帮扶人(&amp;T)</translation>
    </message>
    <message>
        <source>All helpers</source>
        <translation>全部帮扶人</translation>
    </message>
    <message>
        <source>Nobody assigned</source>
        <translation>未安排帮扶人</translation>
    </message>
    <message>
        <source>Care list on %1</source>
        <translation>%1 关爱名单</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示%1人</translation>
    </message>
    <message>
        <source>Nobody is on the care list yet, and nobody is in the register: import the household register ledger first on the Excel page (or add households on the Register page), then import the care ledger or press Add to care list.</source>
        <translation>还没有关爱对象，户籍登记里也还没有人：请先在“导入导出”页导入户籍台账（或在“户籍登记”页逐户录入），再导入关爱台账或按“加入关爱名单”选人。</translation>
    </message>
    <message>
        <source>Nobody is on the care list yet. Press Add to care list to choose people from the register.</source>
        <translation>还没有关爱对象。按“加入关爱名单”从户籍登记里选人。</translation>
    </message>
    <message>
        <source>Nobody is due for a visit on %1 (%2 on the care list). Choose Everyone on the list above to see them all.</source>
        <translation>%1没有应访或逾期的对象（名单上共%2人）。在上面选“名单上所有人”可看全部。</translation>
    </message>
    <message>
        <source>Nobody is due for a visit today (%1 on the care list). Choose Everyone on the list above to see them all.</source>
        <translation>今天没有应访或逾期的对象（名单上共%1人）。在上面选“名单上所有人”可看全部。</translation>
    </message>
    <message>
        <source>%1 on the care list found by “%2”, but not among “%3”. Choose Everyone on the list above to see them.</source>
        <translation>关爱名单上有%1人符合“%2”，但不在“%3”里。在上面选“名单上所有人”即可看到。</translation>
    </message>
    <message>
        <source>None of the %1 people on the care list fits the filters above. Choose Everyone on the list, or clear the other filters, to see them.</source>
        <translation>没有符合条件的关爱对象（名单上共%1人）。选“名单上所有人”或清除其他筛选即可看到。</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访频次</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Emergency contacts</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Take %1 off the care list? Their visits stay in the history.</source>
        <translation>把%1移出关爱名单吗？走访记录会保留。</translation>
    </message>
</context>
<context>
    <name>CareSubjectDialog</name>
    <message>
        <source>Edit care subject</source>
        <translation>修改关爱对象</translation>
    </message>
    <message>
        <source>Add to care list</source>
        <translation>加入关爱名单</translation>
    </message>
    <message>
        <source>&amp;Person *</source>
        <translation>人员(&amp;P) *</translation>
    </message>
    <message>
        <source>&amp;Categories *</source>
        <translation>关爱类别(&amp;C) *</translation>
    </message>
    <message>
        <source>N&amp;eeds</source>
        <translation>需求(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>走访频次(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Helper</source>
        <translation>帮扶人(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Last visit (from the old ledger)</source>
        <translation>上次走访（原台账）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Treatment</source>
        <translation>治疗项目(&amp;T)</translation>
    </message>
    <message>
        <source>Hosp&amp;ital</source>
        <translation>医院(&amp;I)</translation>
    </message>
    <message>
        <source>Sche&amp;dule</source>
        <translation>治疗时间(&amp;D)</translation>
    </message>
    <message>
        <source>T&amp;ransport</source>
        <translation>交通方式(&amp;R)</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>姓名(&amp;M)</translation>
    </message>
    <message>
        <source>Rel&amp;ation</source>
        <translation>关系(&amp;A)</translation>
    </message>
    <message>
        <source>Ph&amp;one</source>
        <translation>电话(&amp;O)</translation>
    </message>
    <message>
        <source>Ticked from the person&apos;s note: %1. Check before saving.</source>
        <translation>已按此人的备注勾选：%1，请核对后再保存。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>（暂未安排）</translation>
    </message>
    <message>
        <source>Green channel (treatment outside)</source>
        <translation>绿色通道（院外治疗）</translation>
    </message>
    <message>
        <source>e.g. dialysis</source>
        <translation>例如：血液透析</translation>
    </message>
    <message>
        <source>e.g. Mon, Wed, Fri mornings</source>
        <translation>例如：每周一、三、五上午</translation>
    </message>
    <message>
        <source>Emergency contacts (add one below)</source>
        <translation>紧急联系人（可在下面添加）</translation>
    </message>
    <message>
        <source>Remove selected contact</source>
        <translation>删除选中的联系人</translation>
    </message>
    <message>
        <source>Find and choose the person first.</source>
        <translation>请先查找并选中这个人。</translation>
    </message>
</context>
<context>
    <name>ChangePlanDialog</name>
    <message>
        <source>Change planned end</source>
        <translation>调整解除日期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>From %1, planned end %2</source>
        <translation>%1开始，计划%2解除</translation>
    </message>
    <message>
        <source>New planned &amp;end</source>
        <translation>新的计划解除日期(&amp;E)</translation>
    </message>
    <message>
        <source>Whole isolation</source>
        <translation>隔离共计</translation>
    </message>
    <message>
        <source>%1 days (was %2)</source>
        <translation>%1天（原为%2天）</translation>
    </message>
</context>
<context>
    <name>CheckpointDialog</name>
    <message>
        <source>Change checkpoint %1</source>
        <translation>修改卡口 %1</translation>
    </message>
    <message>
        <source>Checkpoint &amp;name *</source>
        <translation>卡口名称(&amp;N) *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Temperature needed to come in</source>
        <translation>进入须测体温</translation>
    </message>
</context>
<context>
    <name>CommunityPage</name>
    <message>
        <source>Your community</source>
        <translation>本社区（村）</translation>
    </message>
    <message>
        <source>Printed notices and reports are signed with this name.</source>
        <translation>打印的通知和报表以这个名称落款。</translation>
    </message>
    <message>
        <source>e.g. 新民社区 or 王家湾村</source>
        <translation>例如：新民社区 或 王家湾村</translation>
    </message>
    <message>
        <source>Community (居委会)</source>
        <translation>社区（居委会）</translation>
    </message>
    <message>
        <source>Village (村委会)</source>
        <translation>村（村委会）</translation>
    </message>
    <message>
        <source>e.g. 积玉桥街道 or 五里镇</source>
        <translation>例如：积玉桥街道 或 五里镇</translation>
    </message>
    <message>
        <source>Village groups</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>One compound or village group a line, buildings after it:
幸福里小区：1-12栋
建设院 1、3、5
王家湾组</source>
        <translation>每行写一个小区（院落）或村民小组，楼栋写在后面：
幸福里小区：1-12栋
建设院 1、3、5
王家湾组</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Street office or town</source>
        <translation>所属街道或乡镇</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>办公电话</translation>
    </message>
    <message>
        <source>Compounds and buildings,
or village groups</source>
        <translation>小区和楼栋，
或村民小组</translation>
    </message>
    <message>
        <source>One village group a line:
一组
二组
王家湾组</source>
        <translation>每行写一个村民小组：
一组
二组
王家湾组</translation>
    </message>
</context>
<context>
    <name>CompoundDialog</name>
    <message>
        <source>Add compound or village group</source>
        <translation>新增小区/村民小组</translation>
    </message>
    <message>
        <source>Compound or group name *</source>
        <translation>小区/小组名称 *</translation>
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
    <name>CopyPassphraseDialog</name>
    <message>
        <source>Passphrase for the copy on the stick</source>
        <translation>U盘副本的口令</translation>
    </message>
    <message>
        <source>This data file is not encrypted, so the copy on the stick is encrypted with a passphrase you choose now. The passphrase is not stored anywhere, neither on this computer nor on the stick: write it on paper and keep the paper apart from the stick. Restoring the copy on another computer asks for it; without it nobody can open the copy, you included.</source>
        <translation>这台电脑的数据文件没有加密，所以U盘上的副本要用您现在设的口令加密。这个口令不会保存在任何地方，这台电脑和U盘上都没有：请写在纸上，和U盘分开保管。在别的电脑上恢复这份副本时要输入它；没有它，谁都打不开这份副本，包括您自己。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>The passphrase again</source>
        <translation>再输入一次口令</translation>
    </message>
    <message>
        <source>Copy to the stick</source>
        <translation>复制到U盘</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct a passage</source>
        <translation>更正出入记录</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正方式</translation>
    </message>
    <message>
        <source>Void it (recorded by mistake)</source>
        <translation>作废（误登记）</translation>
    </message>
    <message>
        <source>Flip the direction</source>
        <translation>改正方向（进/出对调）</translation>
    </message>
    <message>
        <source>Change the temperature</source>
        <translation>改正体温</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Turned back</source>
        <translation>劝返</translation>
    </message>
    <message>
        <source>Referred to the fever clinic</source>
        <translation>送发热门诊</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
</context>
<context>
    <name>DamageBanner</name>
    <message>
        <source>Restore a backup...</source>
        <translation>恢复备份……</translation>
    </message>
    <message>
        <source>Only an administrator can restore a backup: tell the office&apos;s administrator at once.</source>
        <translation>只有管理员能恢复备份：请马上告诉管理员。</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>This checkpoint only</source>
        <translation>只看本卡口</translation>
    </message>
    <message>
        <source>Correct the selected passage…</source>
        <translation>更正选中的记录…</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>交接班小结…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>All checkpoints</source>
        <translation>全部卡口</translation>
    </message>
    <message>
        <source>In: %1   Out: %2   Turned back: %3   Referred: %4   Fevers: %5   Corrections: %6</source>
        <translation>进：%1   出：%2   劝返：%3   送医：%4   发热：%5   更正：%6</translation>
    </message>
    <message>
        <source>   Of them kept, not yet written: %1</source>
        <translation>   其中暂存（尚未写入）：%1</translation>
    </message>
    <message>
        <source>Fevers</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Out and not back</source>
        <translation>外出未归</translation>
    </message>
    <message>
        <source>Visitors still inside</source>
        <translation>访客尚未离开</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>[kept]</source>
        <translation>[暂存]</translation>
    </message>
    <message>
        <source>%1/%2 %3</source>
        <translation>%1月%2日%3</translation>
    </message>
    <message>
        <source>in</source>
        <translation>进</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>%1 %2 %3 after a fever: %4</source>
        <translation>%1 %2 %3 发热后%4</translation>
    </message>
    <message>
        <source>a fever today</source>
        <translation>今日发热</translation>
    </message>
    <message>
        <source>a fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>the household pass&apos;s fever today</source>
        <translation>本户出入证今日发热</translation>
    </message>
    <message>
        <source>the household pass&apos;s fever</source>
        <translation>本户出入证发热</translation>
    </message>
    <message>
        <source>the household car %1&apos;s fever today</source>
        <translation>本户车辆 %1今日发热</translation>
    </message>
    <message>
        <source>the household car %1&apos;s fever</source>
        <translation>本户车辆 %1发热</translation>
    </message>
    <message>
        <source>the household&apos;s fever today</source>
        <translation>本户今日发热</translation>
    </message>
    <message>
        <source>the household&apos;s fever</source>
        <translation>本户发热</translation>
    </message>
    <message>
        <source>household member %1&apos;s fever today</source>
        <translation>本户%1今日发热</translation>
    </message>
    <message>
        <source>household member %1&apos;s fever</source>
        <translation>本户%1发热</translation>
    </message>
    <message>
        <source>%1 %2 %3 after %4 (%5): %6</source>
        <translation>%1 %2 %3 %4（%5）后%6</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Turned back</source>
        <translation>劝返</translation>
    </message>
    <message>
        <source>Sent to the fever clinic</source>
        <translation>送发热门诊</translation>
    </message>
    <message>
        <source>Outcome not recorded</source>
        <translation>处理结果未记录</translation>
    </message>
    <message>
        <source>Correct a passage</source>
        <translation>更正出入记录</translation>
    </message>
    <message>
        <source>Select a passage in the table first.</source>
        <translation>请先在表格中选中一条记录。</translation>
    </message>
    <message>
        <source>This passage was already corrected.</source>
        <translation>这条记录已经更正过了。</translation>
    </message>
    <message>
        <source>This passage is kept beside the data file (the data file is busy or cannot be written now). Correct it once it has been written.</source>
        <translation>这条记录暂存在数据文件旁边（数据文件正忙或现在不能写入），写入数据文件后才能更正。</translation>
    </message>
    <message>
        <source>choose a checkpoint above the table</source>
        <translation>在表格上方选一个卡口</translation>
    </message>
    <message>
        <source>Print the log</source>
        <translation>打印出入记录</translation>
    </message>
    <message>
        <source>A log sheet is one checkpoint&apos;s: first %1.</source>
        <translation>出入登记表一份只印一个卡口：请先%1。</translation>
    </message>
    <message>
        <source>Gate log of %1</source>
        <translation>%1出入记录</translation>
    </message>
    <message>
        <source>Gate log</source>
        <translation>出入记录</translation>
    </message>
</context>
<context>
    <name>DayWords</name>
    <message>
        <source>All %1 checkpoints</source>
        <translation>全部%1个卡口</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>All checkpoints (%1)</source>
        <translation>全部卡口（%1）</translation>
    </message>
    <message>
        <source>All checkpoints</source>
        <translation>全部卡口</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Shift handover %1 %2 to %3</source>
        <translation>交接班小结 %1 %2 至 %3</translation>
    </message>
    <message>
        <source>Let in %1, let out %2; turned back %3, sent to the fever clinic %4; corrections: %5.</source>
        <translation>放行进入 %1 人次，放行外出 %2 人次；劝返 %3 人次，送发热门诊 %4 人次；更正 %5 条。</translation>
    </message>
    <message>
        <source>Fevers: %1</source>
        <translation>发热：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Isolated or under observation, let out by exception: %1</source>
        <translation>隔离/观察人员特批外出：%1</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>%1 (out %2)</source>
        <translation>%1（%2出）</translation>
    </message>
    <message>
        <source>Out and not back%1 (%2): %3</source>
        <translation>外出未归%1 %2 人：%3</translation>
    </message>
    <message>
        <source>%1 and more</source>
        <translation>%1等</translation>
    </message>
    <message>
        <source>%1 in</source>
        <translation>%1进</translation>
    </message>
    <message>
        <source>plate %1</source>
        <translation>车牌 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Visitors still inside%1 (%2): %3</source>
        <translation>访客尚未离开%1 %2 人：%3</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <source>Add person...</source>
        <translation>登记人员…</translation>
    </message>
    <message>
        <source>Edit person...</source>
        <translation>修改人员…</translation>
    </message>
    <message>
        <source>Remove person...</source>
        <translation>删除人员…</translation>
    </message>
    <message>
        <source>Add shift...</source>
        <translation>排班…</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>未到岗</translation>
    </message>
    <message>
        <source>Remove shift</source>
        <translation>删除班次</translation>
    </message>
    <message>
        <source>Print roster...</source>
        <translation>打印值班表…</translation>
    </message>
    <message>
        <source>Export hours...</source>
        <translation>导出值守时长…</translation>
    </message>
    <message>
        <source>Week from</source>
        <translation>一周起始</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>特长</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>小区/卡口</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可值守时间</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Nobody on duty is registered yet. Press Add person... to add them.</source>
        <translation>还没有值守人员。按“登记人员…”添加。</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <source>Roster of the week</source>
        <translation>本周值班</translation>
    </message>
    <message>
        <source>Hours per person</source>
        <translation>个人时长</translation>
    </message>
    <message>
        <source>Hours per unit</source>
        <translation>单位时长</translation>
    </message>
    <message>
        <source>Change time...</source>
        <translation>改时间…</translation>
    </message>
    <message>
        <source>Merge...</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Group or checkpoint</source>
        <translation>村民小组/卡口</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was exported.</source>
        <translation>已取消，没有导出。</translation>
    </message>
    <message>
        <source>%1 rows saved to %2, phone numbers masked.</source>
        <translation>%1 行已保存到 %2，电话已隐去中间几位。</translation>
    </message>
    <message>
        <source>%1 rows saved to %2, with whole phone numbers.</source>
        <translation>%1 行已保存到 %2，电话为完整号码（已记入审计）。</translation>
    </message>
    <message>
        <source>No shift this week. Press Add shift... to put someone on duty.</source>
        <translation>本周还没有排班。按“排班…”安排值守。</translation>
    </message>
    <message>
        <source>No shift this week. First press Add person..., then Add shift...</source>
        <translation>本周还没有排班。先按“登记人员…”，再按“排班…”。</translation>
    </message>
    <message>
        <source>Perhaps registered on two computers and brought together by sync: their shifts and hours are split in two. Press Merge... to keep one entry.</source>
        <translation>可能是在两台电脑上各登记了一次，同步后成了两条：班次和时长被分在两处。请点「合并…」，只保留一条。</translation>
    </message>
    <message>
        <source>did not come</source>
        <translation>未到岗</translation>
    </message>
    <message>
        <source>Saved to %1, phone numbers masked.</source>
        <translation>已保存到 %1，电话已隐去中间几位。</translation>
    </message>
    <message>
        <source>Saved to %1, with whole phone numbers.</source>
        <translation>已保存到 %1，电话为完整号码（已记入审计）。</translation>
    </message>
    <message>
        <source>On duty now: %1</source>
        <translation>现在值班：%1</translation>
    </message>
    <message>
        <source>Printed roster and exported hours:</source>
        <translation>打印值班表、导出值守时长：</translation>
    </message>
    <message>
        <source>nobody rostered</source>
        <translation>没有排班</translation>
    </message>
    <message>
        <source>overlaps another shift of the same person</source>
        <translation>与此人另一个班次时间重叠</translation>
    </message>
    <message>
        <source>These shifts overlap: one person is rostered at two posts at once (perhaps rostered on two computers and brought together by sync).</source>
        <translation>以下班次时间重叠：同一个人同时排在两个岗位（可能是两台电脑各排了一次，同步后合在了一起）。</translation>
    </message>
    <message>
        <source>Choose one of them in the roster below, then press Change time... or Remove shift.</source>
        <translation>请在下面的值班表里选中其中一个班次，按“改时间…”或“删除班次”。</translation>
    </message>
    <message>
        <source>Shifts on other days overlap too: %1. Set Week from to those days to see them.</source>
        <translation>其他日子也有班次时间重叠：%1。请把“一周起始”改到那几天查看。</translation>
    </message>
    <message>
        <source>Every shift this week is marked Did not come, so there are no hours to count. If someone did come, choose the shift in Roster of the week and press Did not come again.</source>
        <translation>本周的班都标了“未到岗”，没有时长可算。如果有人其实来了，在“本周值班”里选中那一班，再按一次“未到岗”。</translation>
    </message>
    <message>
        <source>No shift this week, so there are no hours to count. Press Add shift... to put someone on duty.</source>
        <translation>本周还没有值班，没有时长可算。先按“排班…”安排值守。</translation>
    </message>
    <message>
        <source>No shift this week, so there are no hours to count. First press Add person..., then Add shift...</source>
        <translation>本周还没有值班，没有时长可算。先按“登记人员…”，再按“排班…”。</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>修改人员</translation>
    </message>
    <message>
        <source>Choose a person in the list first.</source>
        <translation>请先在名单里选一个人。</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Remove %1 from the people on duty?</source>
        <translation>把%1从值守人员名单中删除吗？</translation>
    </message>
    <message>
        <source>Their %1 shifts still to come are taken off the roster; find someone else for them.</source>
        <translation>此人还没到的 %1 个班次会从排班表上撤下，请另外安排人员。</translation>
    </message>
    <message>
        <source>The hours they have served keep counting.</source>
        <translation>已经值守的时长照常统计。</translation>
    </message>
    <message>
        <source>%1 removed; %2 shifts taken off the roster.</source>
        <translation>已删除%1，撤下 %2 个班次。</translation>
    </message>
    <message>
        <source>Merged; %1 shifts moved. The other computers take it at the next sync.</source>
        <translation>已合并，转过去 %1 个班次。其他电脑下次同步时一并合并。</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Choose a shift in the roster first.</source>
        <translation>请先在值班表里选一个班次。</translation>
    </message>
    <message>
        <source>Remove the shift of %1 on %2 (%3)?</source>
        <translation>删除%1在 %2 的班次（%3）吗？</translation>
    </message>
    <message>
        <source>Save the roster</source>
        <translation>保存值班表</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was printed.</source>
        <translation>已取消，没有打印。</translation>
    </message>
    <message>
        <source>Print roster</source>
        <translation>打印值班表</translation>
    </message>
    <message>
        <source>Export hours</source>
        <translation>导出值守时长</translation>
    </message>
</context>
<context>
    <name>DutyPersonDialog</name>
    <message>
        <source>Edit person on duty</source>
        <translation>修改值守人员</translation>
    </message>
    <message>
        <source>Add person on duty</source>
        <translation>登记值守人员</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Phone *</source>
        <translation>电话 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit they come from</source>
        <translation>派出单位</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>特长</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可值守时间</translation>
    </message>
    <message>
        <source>e.g. weekday evenings, all weekend</source>
        <translation>例如：工作日晚上，周末全天</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DutyWords</name>
    <message>
        <source>%1 next day</source>
        <translation>次日%1</translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 and more</source>
        <translation>%1等</translation>
    </message>
    <message>
        <source>%1 %2 %3 (%4) overlaps %5%6 (%7)</source>
        <translation>%1 %2 %3（%4）与 %5%6（%7）重叠</translation>
    </message>
    <message>
        <source>%1 (until %2)</source>
        <translation>%1（至%2）</translation>
    </message>
    <message>
        <source>On shift: %1</source>
        <translation>值班：%1</translation>
    </message>
    <message>
        <source>%1 registered twice (same phone)</source>
        <translation>%1 登记了两次（电话相同）</translation>
    </message>
    <message>
        <source>%1 registered twice (one of them has no phone)</source>
        <translation>%1 登记了两次（其中一条没有电话）</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <source>Encrypt the data file</source>
        <translation>给数据文件加密</translation>
    </message>
    <message>
        <source>After this the data file can only be opened by logging in: nobody who copies it can read it. Choose a data file passphrase, write it on paper and lock it away: it opens the file when the key file beside it is lost, and lets each account open it on this computer the first time. The window closes, the file and its backups are encrypted, and the window opens again.</source>
        <translation>加密以后，数据文件只有登录才能打开，别人拷走也看不了。请设一个“数据文件口令”，写在纸上锁好：数据文件旁边的钥匙文件丢了时要用它打开，别的账号第一次在这台电脑上打开时也要输入一次。窗口会先关闭，给数据文件和它的备份加密，然后重新打开。</translation>
    </message>
    <message>
        <source>Data file passphrase</source>
        <translation>数据文件口令</translation>
    </message>
    <message>
        <source>The passphrase again</source>
        <translation>再输入一次口令</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的登录密码</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>加密</translation>
    </message>
</context>
<context>
    <name>ExcelPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Take the ledgers you keep in Excel as they are: household register, gate log, care list (.xlsx, .xls, WPS&apos;s .et, .csv, or Excel&apos;s Unicode text .txt). You see every row before anything is saved; rows with errors come back as a workbook to fix.</source>
        <translation>直接导入您在Excel里的台账：户籍台账、出入登记、关爱名单（.xlsx、.xls、WPS的.et、.csv，或Excel另存的Unicode文本 .txt）。保存之前先逐行预览；有错误的行会导出成一个工作簿，改好后再导入。</translation>
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
        <source>Care list</source>
        <translation>特殊群体关爱名单</translation>
    </message>
    <message>
        <source>Isolation follow-up</source>
        <translation>居家隔离随访名单</translation>
    </message>
    <message>
        <source>Today&apos;s gate log</source>
        <translation>今天的出入登记</translation>
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
        <source>Change a template&apos;s mapping...</source>
        <translation>修改模板的对应…</translation>
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
        <source>Filling the form...</source>
        <translation>正在填写表格……</translation>
    </message>
    <message>
        <source>Writing the list...</source>
        <translation>正在写入名单……</translation>
    </message>
    <message>
        <source>%1 rows written to %2.</source>
        <translation>已导出%1行到 %2。</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>Menshen</source>
        <translation>门神</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>Set up %1: %2 village groups.</source>
        <translation>将建立%1：%2个村民小组。</translation>
    </message>
    <message>
        <source>Set up %1: %2 compounds or village groups, %3 buildings.</source>
        <translation>将建立%1：%2个小区（院落）或村民小组，%3栋楼。</translation>
    </message>
    <message>
        <source>Sync passphrase: set.</source>
        <translation>同步口令：已设置。</translation>
    </message>
    <message>
        <source>Sync passphrase: later, on the Sync page.</source>
        <translation>同步口令：以后在“同步”页设置。</translation>
    </message>
    <message>
        <source>Administrator account: %1. Every start asks for this name and its password: keep the password written down in the office.</source>
        <translation>管理员账号：%1。以后每次打开门神都要输入这个账号名和密码：请把密码写下来，保管在办公室。</translation>
    </message>
    <message>
        <source>The backup %1 is put in place of this computer&apos;s empty register. A backup encrypted with a passphrase asks for it now (the one set when it was copied to the stick); then log in with an account of the office.</source>
        <translation>用U盘上的备份 %1 换下这台电脑上空的数据文件。加密的备份会要求输入口令（复制到U盘时设的口令）；然后用办公室原来的账号登录。</translation>
    </message>
    <message>
        <source>Then the Excel page opens: choose your ledger there.</source>
        <translation>然后打开“导入导出”页：在那里选择您的Excel台账。</translation>
    </message>
    <message>
        <source>The Sync page opens: choose the USB stick and type the community&apos;s passphrase.</source>
        <translation>将打开“同步”页：选择U盘，输入本社区（村）的同步口令。</translation>
    </message>
    <message>
        <source>Then the Register page opens: add households there.</source>
        <translation>然后打开“户籍登记”页：在那里添加住户。</translation>
    </message>
    <message>
        <source>The demo community is made in a separate file (about half a minute) and opened; your own register stays empty.</source>
        <translation>演示社区保存在单独的文件里（生成约需半分钟）并打开；您自己的登记簿仍是空的。</translation>
    </message>
    <message>
        <source>If the passphrase is not typed or the backup cannot be restored, nothing is changed and this wizard comes back.</source>
        <translation>如果没有输入口令，或者这份备份不能恢复，什么都不会改动，并回到这个向导。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Menshen</source>
        <translation>欢迎使用社区门神</translation>
    </message>
    <message>
        <source>Making the demo community...</source>
        <translation>正在生成演示社区……</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to Menshen</source>
        <extracomment>The backup chosen on a USB stick to restore (START_RESTORE): checked, not yet copied.</extracomment>
        <translation>欢迎使用社区门神</translation>
    </message>
    <message>
        <source>Setting up is not finished. Quit the program? The next start begins setting up again.</source>
        <translation>还没有设置完成。退出程序吗？下次启动会重新开始设置。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Continue setting up</source>
        <translation>继续设置</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Record check</source>
        <translation>登记随访</translation>
    </message>
    <message>
        <source>Correct check</source>
        <translation>更正随访记录</translation>
    </message>
    <message>
        <source>%1, day %2 of %3</source>
        <translation>%1，第%2天（共%3天）</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>时段(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Temperature °C</source>
        <translation>体温(&amp;T) °C</translation>
    </message>
    <message>
        <source>S&amp;ymptoms</source>
        <translation>症状(&amp;Y)</translation>
    </message>
    <message>
        <source>N&amp;eeds</source>
        <translation>需求(&amp;E)</translation>
    </message>
    <message>
        <source>Taken on &amp;by</source>
        <translation>由谁负责(&amp;B)</translation>
    </message>
    <message>
        <source>Entered by &amp;mistake: remove this check</source>
        <translation>误录(&amp;M)：作废这条随访记录</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>No reading: say why, e.g. not at home, phone not answered</source>
        <translation>量不了体温时写明原因，例如：不在家，电话未接</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Saved as %1 °C</source>
        <translation>将记为 %1 °C</translation>
    </message>
    <message>
        <source>%1 has a temperature of %2 °C. Tell the village committee now: it is flagged at the top of the list.</source>
        <translation>%1体温%2 °C，请立即报告村委会。名单上已置顶标红。</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>%1 has a temperature of %2 °C. Tell the office now: it is flagged at the top of the list.</source>
        <translation>%1体温%2 °C，请立即报告社区办公室。名单上已置顶标红。</translation>
    </message>
</context>
<context>
    <name>FollowUpListModel</name>
    <message>
        <source>Flag</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Groceries by</source>
        <translation>代买代办</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>计划解除</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未随访</translation>
    </message>
    <message>
        <source>Release due</source>
        <translation>到期待解除</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未随访</translation>
    </message>
    <message>
        <source>Fever on: %1</source>
        <translation>发热日期：%1</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>What was typed in this form is not saved.</source>
        <translation>这张表里填写的内容还没有保存。</translation>
    </message>
    <message>
        <source>Close it and lose what was typed?</source>
        <translation>关闭后，填写的内容就没有了。要关闭吗？</translation>
    </message>
    <message>
        <source>Keep typing</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>&amp;Discard and close</source>
        <translation>不保存，关闭(&amp;D)</translation>
    </message>
</context>
<context>
    <name>FullOutput</name>
    <message>
        <source>Mask ID and phone numbers</source>
        <translation>隐去身份证号和电话中间几位</translation>
    </message>
    <message>
        <source>Only an administrator may print or export full ID and phone numbers.</source>
        <translation>只有管理员可以打印或导出完整的身份证号和电话。</translation>
    </message>
    <message>
        <source>This copy (%1) shows full ID and phone numbers. Write what it is for (kept in the audit):</source>
        <translation>这一份（%1）会显示完整的身份证号和电话。请写明用途（会记入审计）：</translation>
    </message>
    <message>
        <source>Full numbers</source>
        <translation>完整号码</translation>
    </message>
    <message>
        <source>This copy shows full ID and phone numbers. Write what it is for (kept in the audit):</source>
        <translation>这一份会显示完整的身份证号和电话。请写明用途（会记入审计）：</translation>
    </message>
</context>
<context>
    <name>GateForm</name>
    <message>
        <source>The next person&apos;s ID number was scanned (%1 waiting): shown once this form is saved or cancelled.</source>
        <translation>下一位的身份证号已扫到（%1人在等）：这张表保存或取消后就显示。</translation>
    </message>
    <message>
        <source>The next person&apos;s pass was scanned (%1 waiting): shown once this form is saved or cancelled.</source>
        <translation>下一位的出入证已扫到（%1人在等）：这张表保存或取消后就显示。</translation>
    </message>
    <message>
        <source>Someone scanned as this form opened and only the end of it arrived: it was taken out of this box. Ask them to scan again once this form is saved or cancelled.</source>
        <translation>这张表打开时有人扫了码，只收到后半段，已从这一栏删掉。这张表保存或取消后，请让他重新扫码。</translation>
    </message>
</context>
<context>
    <name>GateLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address / visiting</source>
        <translation>住址/来访</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>劝返</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>送医</translation>
    </message>
    <message>
        <source>None</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Guard: %1</source>
        <translation>值守人：%1</translation>
    </message>
    <message>
        <source>Let out: %1</source>
        <translation>特批外出：%1</translation>
    </message>
    <message>
        <source>Beyond the household rule</source>
        <translation>超出户规定放行</translation>
    </message>
    <message>
        <source>VOIDED: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>[kept]</source>
        <translation>[暂存]</translation>
    </message>
    <message>
        <source>In</source>
        <translation>进</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出</translation>
    </message>
</context>
<context>
    <name>GatePage</name>
    <message>
        <source>Gate (F11: full window)</source>
        <translation>门岗登记（F11 全屏）</translation>
    </message>
    <message>
        <source>Today&apos;s log</source>
        <translation>出入记录</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>出入证</translation>
    </message>
    <message>
        <source>Gate settings</source>
        <translation>卡口设置</translation>
    </message>
    <message>
        <source>Menshen - gate</source>
        <translation>社区门神 - 门岗</translation>
    </message>
</context>
<context>
    <name>GateScreen</name>
    <message>
        <source>Scan a pass, or type a name, initials, ID digits or plate</source>
        <translation>扫出入证，或输入姓名/首字母/证件号尾数/车牌</translation>
    </message>
    <message>
        <source>Enter: save    F2: in/out    F3: visitor    F4: turned back    F9: let out with a reason (green channel)    Esc: clear</source>
        <translation>回车：保存    F2：进/出    F3：访客    F4：劝返    F9：特批外出（绿色通道）    Esc：清空</translation>
    </message>
    <message>
        <source>none chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Which gate is this?</source>
        <translation>这台电脑在哪个卡口？</translation>
    </message>
    <message>
        <source>There is no checkpoint yet. Add this gate under Gate settings.</source>
        <translation>还没有卡口。请在“卡口设置”里添加本卡口。</translation>
    </message>
    <message>
        <source>There is no checkpoint yet. Ask the community office to log in on this computer and add this gate (Gate ▸ Gate settings).</source>
        <translation>还没有卡口。请社区工作人员用自己的账号在这台电脑上登录，在“门岗 → 卡口设置”里添加本卡口。</translation>
    </message>
    <message>
        <source>No checkpoint: nothing can be saved yet.</source>
        <translation>没有卡口，现在不能登记。</translation>
    </message>
    <message>
        <source>This computer has no checkpoint yet, so nothing is saved. It is asked once; this computer remembers the answer.</source>
        <translation>这台电脑还没有选择卡口，所以不会登记。只需选一次，本机会记住。</translation>
    </message>
    <message>
        <source>Type the number of this gate and Enter.</source>
        <translation>输入本卡口的编号，按回车。</translation>
    </message>
    <message>
        <source>First choose this gate: type its number and Enter.</source>
        <translation>请先选择本卡口：输入编号，按回车。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>请扫码</translation>
    </message>
    <message>
        <source>Waiting for the next person</source>
        <translation>等待下一位</translation>
    </message>
    <message>
        <source>Scan a pass or type, then Enter</source>
        <translation>扫出入证或输入，按回车</translation>
    </message>
    <message>
        <source>Not saved: %1 (Esc)</source>
        <translation>未保存：%1（按了 Esc）</translation>
    </message>
    <message>
        <source>Next person scanned, waiting (%1): shown once you type a number from the list (or Esc).</source>
        <translation>下一位已扫描，正在等待（%1人）：在上面的名单里输入序号（或按 Esc）后自动显示。</translation>
    </message>
    <message>
        <source>Next person scanned, waiting (%1). Settle %2 first: it is shown then.</source>
        <translation>下一位已扫描，正在等待（%1人）。请先处理完%2，之后自动显示。</translation>
    </message>
    <message>
        <source>IN/OUT: auto (F2)</source>
        <translation>进/出：自动（F2）</translation>
    </message>
    <message>
        <source>OUT  (F2 flips)</source>
        <translation>出  （F2 换）</translation>
    </message>
    <message>
        <source>OUT (chosen)</source>
        <translation>出（已选定）</translation>
    </message>
    <message>
        <source>IN  (F2 flips)</source>
        <translation>进  （F2 换）</translation>
    </message>
    <message>
        <source>IN (chosen)</source>
        <translation>进（已选定）</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Unregistered vehicle</source>
        <translation>未登记车辆</translation>
    </message>
    <message>
        <source>MUST NOT GO OUT</source>
        <translation>不得外出</translation>
    </message>
    <message>
        <source>Pass %1</source>
        <translation>出入证 %1</translation>
    </message>
    <message>
        <source> (household pass)</source>
        <translation>（全户证）</translation>
    </message>
    <message>
        <source>Visiting %1: %2</source>
        <translation>拜访 %1：%2</translation>
    </message>
    <message>
        <source>Plate %1</source>
        <translation>车牌 %1</translation>
    </message>
    <message>
        <source>Temperature %1 °C</source>
        <translation>体温 %1°C</translation>
    </message>
    <message>
        <source>Last passage: %1</source>
        <translation>上次通行：%1</translation>
    </message>
    <message>
        <source>HOUSEHOLD FEVER TODAY</source>
        <translation>本户今日有人发热</translation>
    </message>
    <message>
        <source>Household fever today: ask who it was. Enter lets through, 2 turned back, 3 fever clinic</source>
        <translation>本户今日有人发热：问清是谁。回车 放行，2 劝返，3 送发热门诊</translation>
    </message>
    <message>
        <source>FEVER TODAY</source>
        <translation>今日发热</translation>
    </message>
    <message>
        <source>Not used: &quot;%1&quot; (someone scanned while it was typed)</source>
        <translation>未使用：“%1”（输入时有人扫了码，需要的话请重新输入）</translation>
    </message>
    <message>
        <source>Scan incomplete: scan again</source>
        <translation>扫码不完整，请重新扫</translation>
    </message>
    <message>
        <source>Only the end of a scan arrived as a form closed; nobody was looked up.</source>
        <translation>表单关闭时只收到了扫码的后半段，没有查找任何人。</translation>
    </message>
    <message>
        <source>Only %1 found: type a number from 1 to %1 and Enter.</source>
        <translation>只有%1个结果，请输入1到%1</translation>
    </message>
    <message>
        <source>Not saved: Enter tries again, or use the paper sheet</source>
        <translation>没有保存：按回车再试一次，或改用纸质登记表</translation>
    </message>
    <message>
        <source> - household fever asked, let through</source>
        <translation> - 已问清本户发热，放行</translation>
    </message>
    <message>
        <source>Kept %1  %2  %3%4: the data file is damaged; it is written once a backup is restored</source>
        <translation>已暂存 %1  %2  %3%4：数据文件已损坏，这条记录暂存在本机，恢复备份后会自动写入</translation>
    </message>
    <message>
        <source>Kept %1  %2  %3%4: the data file cannot be written now; it is written once it can be</source>
        <translation>已暂存 %1  %2  %3%4：数据文件现在不能写入，这条记录暂存在本机，能写入后重新打开门神时会自动写入</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已暂存</translation>
    </message>
    <message>
        <source>Kept: %1 %2%3</source>
        <translation>已暂存：%1 %2%3</translation>
    </message>
    <message>
        <source>Saved: %1 %2%3</source>
        <translation>已保存：%1 %2%3</translation>
    </message>
    <message>
        <source>Not saved %1  %2  %3: write it on the paper sheet</source>
        <translation>没有保存 %1  %2  %3：请写在纸质登记表上</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>没有保存</translation>
    </message>
    <message>
        <source>Write it on the paper sheet</source>
        <translation>请写在纸质登记表上</translation>
    </message>
    <message>
        <source>Not saved: use the paper sheet</source>
        <translation>没有保存：请改用纸质登记表</translation>
    </message>
    <message>
        <source>%1… (%2 characters)</source>
        <translation>%1…（共 %2 个字符）</translation>
    </message>
    <message>
        <source>First settle %1: Enter saves, Esc drops</source>
        <translation>请先处理%1：回车保存，Esc 放弃</translation>
    </message>
    <message>
        <source>  [kept]</source>
        <translation>  [暂存]</translation>
    </message>
    <message>
        <source>FEVER %1 °C</source>
        <translation>发热 %1°C</translation>
    </message>
    <message>
        <source>Choose the outcome: type 1, 2 or 3 and Enter.</source>
        <translation>请选择处理结果：输入 1、2 或 3 再按回车。</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>拒绝通行</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>查无此人</translation>
    </message>
    <message>
        <source>Nobody found for &quot;%1&quot;. A visitor? Press F3.</source>
        <translation>没有找到“%1”。如果是访客，请按 F3 登记。</translation>
    </message>
    <message>
        <source>Which one?</source>
        <translation>请选择</translation>
    </message>
    <message>
        <source>%1 found: type the number and Enter.</source>
        <translation>找到 %1 人：输入序号再按回车。</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>进</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>卡口：%1</translation>
    </message>
    <message>
        <source>On duty: %1</source>
        <translation>值守：%1</translation>
    </message>
    <message>
        <source>Next person scanned, waiting (%1): shown once this gate is chosen.</source>
        <translation>下一位已扫描，正在等待（%1人）：选好本卡口后自动显示。</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Enter saves: %1 %2</source>
        <translation>按回车保存：%1 %2</translation>
    </message>
    <message>
        <source>Temperature needed: type it (365 or 36.5) and Enter</source>
        <translation>需要测体温：输入体温（365 或 36.5）再按回车</translation>
    </message>
    <message>
        <source>Must not go out: F4 turned back, F9 green channel with a reason</source>
        <translation>不得外出：F4 劝返，F9 绿色通道（须填原因）</translation>
    </message>
    <message>
        <source>Household rule: already out: %1.</source>
        <translation>户规定：本户已外出：%1。</translation>
    </message>
    <message>
        <source>Household rule: Enter lets them out anyway, F4 turns them back</source>
        <translation>超出户规定：回车仍然放行，F4 劝返</translation>
    </message>
    <message>
        <source>Fever: type 1 allow, 2 turned back, 3 fever clinic, then Enter</source>
        <translation>发热！输入 1 放行、2 劝返、3 送发热门诊，再按回车</translation>
    </message>
    <message>
        <source>Refused: do not let through</source>
        <translation>拒绝：不得通行</translation>
    </message>
    <message>
        <source>Not found: type again, or F3 for a visitor</source>
        <translation>没有找到：请重新输入，访客按 F3</translation>
    </message>
    <message>
        <source>Type the number and Enter</source>
        <translation>输入序号，按回车</translation>
    </message>
    <message>
        <source> - turned back</source>
        <translation> - 劝返</translation>
    </message>
    <message>
        <source> - referred to the fever clinic</source>
        <translation> - 送发热门诊</translation>
    </message>
    <message>
        <source> - fever, let through</source>
        <translation> - 发热，已放行</translation>
    </message>
    <message>
        <source> - green channel</source>
        <translation> - 绿色通道</translation>
    </message>
    <message>
        <source>Saved %1  %2  %3%4</source>
        <translation>已保存 %1  %2  %3%4</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Ready for the next person</source>
        <translation>请下一位</translation>
    </message>
    <message>
        <source>Not saved: visitor %1 (cancelled)</source>
        <translation>未保存：访客%1（点了取消）</translation>
    </message>
    <message>
        <source>turned back</source>
        <translation>劝返</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>送医</translation>
    </message>
    <message>
        <source>  [voided]</source>
        <translation>  [已作废]</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班小结</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Shift started at</source>
        <translation>本班开始时间</translation>
    </message>
</context>
<context>
    <name>HelperDialog</name>
    <message>
        <source>Add helper</source>
        <translation>添加帮扶人</translation>
    </message>
    <message>
        <source>Edit helper</source>
        <translation>修改帮扶人</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Phone *</source>
        <translation>电话 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The care ledger named %1 helper of %2 people, without a phone: saved with one, %1 is their helper.</source>
        <translation>台账里%1是%2人的责任人，但没有电话：填上电话保存后，%1就是这%2人的帮扶人。</translation>
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
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单元(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>门牌号(&amp;R)</translation>
    </message>
    <message>
        <source>House &amp;address (village)</source>
        <translation>门牌地址（农村）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tenure</source>
        <translation>住房性质(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Landlord</source>
        <translation>房东姓名(&amp;L)</translation>
    </message>
    <message>
        <source>Landlord&apos;s p&amp;hone</source>
        <translation>房东电话(&amp;H)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>e.g. 3 or 3号楼</source>
        <translation>例如 3 或 3号楼</translation>
    </message>
    <message>
        <source>for houses without building and unit</source>
        <translation>没有楼栋单元的房屋填写，例如 王家湾12号</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
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
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Household no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Door address</source>
        <translation>门牌地址</translation>
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
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Owned or rented</source>
        <translation>住房性质</translation>
    </message>
    <message>
        <source>Residence type</source>
        <translation>人口类型</translation>
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
        <source>Other phone</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <source>Hukou place</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>Key person reason</source>
        <translation>重点人员原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time in</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <source>Time out</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>进/出</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Coming from</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Visiting</source>
        <translation>探访对象</translation>
    </message>
    <message>
        <source>Reason/visiting</source>
        <translation>事由/探访何人</translation>
    </message>
    <message>
        <source>Room/address</source>
        <translation>房号/地址</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation>走访频次</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Helper&apos;s phone</source>
        <translation>责任人电话</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation>紧急联系电话</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Cough</source>
        <translation>咳嗽</translation>
    </message>
    <message>
        <source>Arrived from elsewhere</source>
        <translation>外地返回</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>接触史</translation>
    </message>
    <message>
        <source>Canvasser</source>
        <translation>摸排人</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Canvass result</source>
        <translation>摸排结果</translation>
    </message>
    <message>
        <source>Needs help</source>
        <translation>需要帮助</translation>
    </message>
    <message>
        <source>Village group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>所在户</translation>
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
    <message>
        <source>Not imported</source>
        <translation>有错误，不导入</translation>
    </message>
    <message>
        <source>Update: %1</source>
        <translation>更新：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a ledger from Excel</source>
        <extracomment>How many rows of the preview its columns are fitted to (the reason, whole in the pane below).</extracomment>
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
        <source>Kind:</source>
        <translation>台账类型：</translation>
    </message>
    <message>
        <source>Day of the sheet:</source>
        <translation>登记日期：</translation>
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
        <source>Sheets to import</source>
        <translation>要导入的工作表</translation>
    </message>
    <message>
        <source>Check again with the checked sheets</source>
        <translation>按勾选的工作表重新检查</translation>
    </message>
    <message>
        <source>Sheets (check those to import)</source>
        <translation>工作表（勾选要导入的）</translation>
    </message>
    <message>
        <source>1. Choose file... : a ledger as you keep it (.xlsx, .xls or .csv), household register, gate log or care list.
2. Every row shows here as it will be imported; rows with errors are red, with the reason.
3. Import saves the good rows; &quot;Save rows with errors...&quot; gives the others back as a workbook to fix and import again.
Nothing is saved before you press Import.</source>
        <translation>1. 点“选择文件…”，选您平时用的台账（.xlsx、.xls 或 .csv）：户籍台账、出入登记或关爱名单都可以。
2. 每一行按导入后的样子显示在这里；有错误的行标红，并写明原因。
3. 点“导入”保存没有错误的行；点“保存错误行…”把其余的行导出成工作簿，改好后再导入。
点“导入”之前，什么都不会保存。</translation>
    </message>
    <message>
        <source>After the check, the file&apos;s columns and what each means show here. Change one that was guessed wrong, then &quot;Check again with this mapping&quot;.</source>
        <translation>检查文件后，这里列出文件中的每一列和它对应的内容。认错了的列可以改，再点“按此对应重新检查”。</translation>
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
        <source>The sheet has no date column (or its first rows have no date) and its title names no day. Type the day of the sheet (for example 2020-02-14); nothing is imported before.</source>
        <translation>表里没有日期列（或开头几行没有写日期），标题里也没有写是哪一天。请填写这是哪一天的登记（例如 2020-02-14）；填好之前不会导入。</translation>
    </message>
    <message>
        <source>The sheet has no date column (or its first rows have no date): those rows are taken as of this day. Change it if it is wrong.</source>
        <translation>表里没有日期列（或开头几行没有写日期）：这些行按这一天导入。日期不对请改过来。</translation>
    </message>
    <message>
        <source>%1 — %2 rows — %3</source>
        <translation>%1 — %2行 — %3</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>不导入：%1</translation>
    </message>
    <message>
        <source>%1 rows checked: %2 new, %3 to update, %4 unchanged.</source>
        <translation>共检查%1行：新增%2行，更新%3行，无变化%4行。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b71c1c&apos;&gt;%1 with errors&lt;/b&gt; (red, not imported).</source>
        <translation>&lt;b style=&apos;color:#b71c1c&apos;&gt;%1行有错误&lt;/b&gt;（红色，不导入）。</translation>
    </message>
    <message>
        <source>Imported %1 rows (%2 new, %3 updated, %4 unchanged).</source>
        <translation>已导入%1行（新增%2行，更新%3行，无变化%4行）。</translation>
    </message>
    <message>
        <source>%1 more people are now helped by %2: an earlier ledger named %2 their helper, without a phone.</source>
        <translation>另有%1人改由%2帮扶（以前导入的台账写了%2是责任人，当时没有电话）。</translation>
    </message>
    <message>
        <source>%1 rows with errors were not imported.</source>
        <translation>%1行有错误，未导入。</translation>
    </message>
    <message>
        <source>%1 of the rows to import have something to check (yellow).</source>
        <translation>其中%1行要导入的数据有需要核对的地方（黄色）。</translation>
    </message>
    <message>
        <source>Sheets without a header were skipped: %1.</source>
        <translation>以下工作表没有找到表头，已跳过：%1。</translation>
    </message>
    <message>
        <source>Hidden sheets were not imported (check them in the sheet list to import them): %1.</source>
        <translation>隐藏的工作表没有导入（如需导入，请在左边的工作表列表里勾选）：%1。</translation>
    </message>
    <message>
        <source>Click a row (or move with the arrow keys) to read its reason whole here.</source>
        <translation>点一行（或用方向键上下移动），这里显示它的完整原因。</translation>
    </message>
    <message>
        <source>Nothing to check.</source>
        <translation>没有要核对的。</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
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
        <source>Press Save rows with errors... to save them as a workbook, each with its reason; correct them there and import that workbook.</source>
        <translation>请点“保存错误行…”把这些行存成工作簿（每行写明原因），在那里改好后再导入那个工作簿。</translation>
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
        <source>Writing the rows with errors...</source>
        <translation>正在写入错误行……</translation>
    </message>
    <message>
        <source>Finishing, please wait…</source>
        <translation>即将完成，请稍候…</translation>
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
        <source>Import %1 good rows</source>
        <translation>导入%1行正确数据</translation>
    </message>
</context>
<context>
    <name>IsolationPage</name>
    <message>
        <source>Only those not yet checked</source>
        <translation>只看未随访</translation>
    </message>
    <message>
        <source>Name or pinyin initials</source>
        <translation>姓名或拼音首字母</translation>
    </message>
    <message>
        <source>Start follow-up for them</source>
        <translation>为他们开始随访</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>All helpers</source>
        <translation>全部帮扶人</translation>
    </message>
    <message>
        <source>&amp;Record check</source>
        <translation>登记随访(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Correct last check</source>
        <translation>更正最近随访(&amp;C)</translation>
    </message>
    <message>
        <source>Start &amp;isolation</source>
        <translation>开始隔离(&amp;I)</translation>
    </message>
    <message>
        <source>Change &amp;planned end</source>
        <translation>调整解除日期(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;lease</source>
        <translation>解除隔离(&amp;L)</translation>
    </message>
    <message>
        <source>Fever: %1</source>
        <translation>发热：%1</translation>
    </message>
    <message>
        <source>Isolation follow-up on %1</source>
        <translation>%1 居家隔离随访</translation>
    </message>
    <message>
        <source>Under isolation: %1</source>
        <translation>隔离中：%1</translation>
    </message>
    <message>
        <source>Morning not checked: %1</source>
        <translation>上午未随访：%1</translation>
    </message>
    <message>
        <source>Evening not checked: %1</source>
        <translation>下午未随访：%1</translation>
    </message>
    <message>
        <source>Release due: %1</source>
        <translation>待解除：%1</translation>
    </message>
    <message>
        <source>%1 marked isolated in the register have no follow-up: %2</source>
        <translation>登记册中有%1人标为隔离但没有随访：%2</translation>
    </message>
    <message>
        <source>Nobody is isolated now. Press Start isolation to choose a person from the register.</source>
        <translation>现在没有人在隔离。按“开始隔离”从户籍登记里选人。</translation>
    </message>
    <message>
        <source>All %1 people isolated today have been checked.</source>
        <translation>今天隔离的%1人都已随访。</translation>
    </message>
    <message>
        <source>None of the %1 people isolated today fits the filters above. Clear them to see everyone.</source>
        <translation>没有符合条件的隔离人员（今天共%1人）。清除上面的筛选即可看到全部。</translation>
    </message>
    <message>
        <source>Planned end on %1 only</source>
        <translation>仅显示计划于%1期满的人员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Groceries by</source>
        <translation>代买代办</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Fever on: %1</source>
        <translation>发热日期：%1</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态变更记录</translation>
    </message>
    <message>
        <source>Earlier isolation: %1 to %2</source>
        <translation>此前隔离：%1 至 %2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>随访人</translation>
    </message>
    <message>
        <source>Start follow-up</source>
        <translation>开始随访</translation>
    </message>
    <message>
        <source>Start daily follow-up for %1 people from the day their status was set (at most 14 days ago)?</source>
        <translation>从状态变更之日起（最多14天前）为这%1人开始每日随访吗？</translation>
    </message>
    <message>
        <source>Release %1 from %2? Their status goes back to healthy.</source>
        <translation>解除%1的%2吗？其状态将改回“健康”。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Menshen - unlock</source>
        <translation>社区门神 - 解锁</translation>
    </message>
    <message>
        <source>Menshen - log in</source>
        <translation>社区门神 - 登录</translation>
    </message>
    <message>
        <source>The window is locked. Type your password to go on; at a shift change, the next person presses “Another person logs in”.</source>
        <translation>窗口已锁定。请输入密码继续；换班时，接班的人按“换人登录”。</translation>
    </message>
    <message>
        <source>The window was locked after a while without use. Type your password to go on.</source>
        <translation>窗口长时间无人操作，已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <source>Log in to the register of %1.</source>
        <translation>请登录“%1”的登记系统。</translation>
    </message>
    <message>
        <source>Log in to the village register.</source>
        <translation>请登录村委会登记系统。</translation>
    </message>
    <message>
        <source>Log in to the community register.</source>
        <translation>请登录社区登记系统。</translation>
    </message>
    <message>
        <source>Data file: %1</source>
        <translation>数据文件：%1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Data file passphrase</source>
        <translation>数据文件口令</translation>
    </message>
    <message>
        <source>%1: %2 / %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>Demo community accounts (account / password):</source>
        <translation>演示社区的账号（账号 / 密码）：</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Another person logs in</source>
        <translation>换人登录</translation>
    </message>
    <message>
        <source>Forgot password?</source>
        <translation>忘记密码？</translation>
    </message>
    <message>
        <source>The window is locked: the guard on duty first types the password to unlock, then scan again (the pass just scanned was not recorded).</source>
        <translation>窗口已锁定：请值守人员先输入密码解锁，再扫码（刚才扫的码没有登记）。</translation>
    </message>
    <message>
        <source>The password of administrator %1 is set and the account, which had been disabled, is enabled again. Log in with the new password.</source>
        <translation>管理员“%1”的密码已重设，这个账号原来已停用，现在重新启用了。请用新密码登录。</translation>
    </message>
    <message>
        <source>The password of administrator %1 is set. Log in with the new password.</source>
        <translation>管理员“%1”的密码已重设，请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Menshen - %1</source>
        <translation>社区门神 - %1</translation>
    </message>
    <message>
        <source>Menshen - village register</source>
        <translation>社区门神 - 村委会登记</translation>
    </message>
    <message>
        <source>Menshen - community register</source>
        <translation>社区门神 - 社区登记</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日概况</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>户籍登记</translation>
    </message>
    <message>
        <source>Please log in</source>
        <translation>请登录</translation>
    </message>
    <message>
        <source>This community&apos;s accounts came with the sync. Log in with your own account to go on (the office&apos;s administrator gives the accounts).</source>
        <translation>本社区的账号已经随同步来到这台电脑。请用您自己的账号登录后继续（账号由办公室的管理员开设）。</translation>
    </message>
    <message>
        <source>The accounts of %1 came with the sync. Log in with your own account to go on (the office&apos;s administrator gives the accounts).</source>
        <translation>%1的账号已经随同步来到这台电脑。请用您自己的账号登录后继续（账号由办公室的管理员开设）。</translation>
    </message>
    <message>
        <source>This village&apos;s accounts came with the sync. Log in with your own account to go on (the office&apos;s administrator gives the accounts).</source>
        <translation>本村的账号已经随同步来到这台电脑。请用您自己的账号登录后继续（账号由办公室的管理员开设）。</translation>
    </message>
    <message>
        <source>The window is locked.</source>
        <translation>窗口已锁定。</translation>
    </message>
    <message>
        <source>Battle map</source>
        <translation>作战图</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Care</source>
        <translation>特殊关爱</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>隔离随访</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>导入导出</translation>
    </message>
    <message>
        <source>Canvass</source>
        <translation>滚动摸排</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>值守排班</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>For a street office: its communities&apos; figures, from the packages they send</source>
        <translation>街道办用：各社区的数字，来自它们送来的同步包</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Backups...</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Encrypt the data file...</source>
        <translation>给数据文件加密(&amp;E)…</translation>
    </message>
    <message>
        <source>Change my &amp;password...</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Lock the window</source>
        <translation>锁定窗口(&amp;L)</translation>
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
        <source>&amp;Street office page</source>
        <translation>街道汇总页(&amp;S)</translation>
    </message>
    <message>
        <source>For a street office&apos;s computer: lists the page that sums its communities&apos; packages. A community or village office does not need it.</source>
        <translation>街道办的电脑用：在左边列出汇总各社区同步包的“街道”页。社区、村委会用不着。</translation>
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
        <source>Change the password of %1</source>
        <translation>修改 %1 的密码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The password is changed. Use the new one from the next login.</source>
        <translation>密码已修改，下次登录请用新密码。</translation>
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
    <name>MergeDutyPeopleDialog</name>
    <message>
        <source>Merge a person registered twice</source>
        <translation>合并重复登记的人员</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留哪一条</translation>
    </message>
    <message>
        <source>The other entry&apos;s shifts move to the one kept, and its unit, skills and other details fill what the kept one lacks. The other computers take the merge at the next sync.</source>
        <translation>另一条的班次都转到保留的这一条；保留的这一条没填的单位、技能等，用另一条的补上（已填的不改）。其他电脑下次同步时一并合并。</translation>
    </message>
    <message>
        <source>unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>skills: %1</source>
        <translation>技能：%1</translation>
    </message>
    <message>
        <source>%1 shifts</source>
        <translation>%1个班次</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Backing up the register, then merging...</source>
        <translation>正在备份数据文件，然后合并……</translation>
    </message>
    <message>
        <source>Not merged: cancelled. Nothing was changed.</source>
        <translation>已取消，没有合并，什么都没有改动。</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another household</source>
        <translation>迁到另一户</translation>
    </message>
    <message>
        <source>%1 now lives at: %2</source>
        <translation>%1 现在住在：%2</translation>
    </message>
    <message>
        <source>no household</source>
        <translation>未编入住户</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
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
        <source>Which household</source>
        <translation>迁入哪一户</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>no head</source>
        <translation>无户主</translation>
    </message>
    <message>
        <source>Head %1, %2 people</source>
        <translation>户主 %1，%2人</translation>
    </message>
    <message>
        <source>No head: %1 lives here, %2 people</source>
        <translation>无户主，住户 %1，%2人</translation>
    </message>
    <message>
        <source>%1 households live at this door: choose the one to join, then save again.</source>
        <translation>这个门牌登记了%1户，请选择迁入哪一户，再按“保存”。</translation>
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
        <translation>致各户的信（每户一封，自动填入户主和住址）</translation>
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
        <source>Empty: signed %1</source>
        <translation>不填则署名“%1”</translation>
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
        <source>(new template)</source>
        <translation>（新模板）</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有改动没有保存</translation>
    </message>
    <message>
        <source>The template “%1” has changes that are not saved. Save them?</source>
        <translation>模板“%1”的改动还没有保存。要保存吗？</translation>
    </message>
    <message>
        <source>Save as our own copy</source>
        <translation>另存为自己的模板</translation>
    </message>
    <message>
        <source>A built-in template stays as shipped; saving keeps your own copy.</source>
        <translation>内置模板保持原样；保存时另存一份自己的模板。</translation>
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
    <name>OverrideDialog</name>
    <message>
        <source>Let out with a reason</source>
        <translation>特批外出</translation>
    </message>
    <message>
        <source>Going out</source>
        <translation>外出的人</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Dialysis</source>
        <translation>透析</translation>
    </message>
    <message>
        <source>Childbirth</source>
        <translation>分娩</translation>
    </message>
    <message>
        <source>Surgery</source>
        <translation>手术</translation>
    </message>
    <message>
        <source>Emergency at hospital</source>
        <translation>急诊就医</translation>
    </message>
    <message>
        <source>Chemotherapy</source>
        <translation>化疗</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Details *</source>
        <translation>详细说明 *</translation>
    </message>
    <message>
        <source>hospital, escort, who approved</source>
        <translation>医院、陪同人、批准人</translation>
    </message>
    <message>
        <source> Record why they are let out:</source>
        <translation>请登记放行原因：</translation>
    </message>
    <message>
        <source>Write the details (hospital, escort, who approved).</source>
        <translation>请填写详细说明（医院、陪同人、批准人）。</translation>
    </message>
</context>
<context>
    <name>PaperPage</name>
    <message>
        <source>Notice / letter to every villager&apos;s household</source>
        <translation>通知 / 致村民的信</translation>
    </message>
    <message>
        <source>Canvass sheet per village group</source>
        <translation>滚动摸排表（按村民小组）</translation>
    </message>
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
        <source>Gate log sheet (blank, or a gate&apos;s day)</source>
        <translation>出入登记表（空白表或当天记录）</translation>
    </message>
    <message>
        <source>Battle map (A3)</source>
        <translation>疫情防控作战图（A3）</translation>
    </message>
    <message>
        <source>Passes (8 a page)</source>
        <translation>出入证（每页8张）</translation>
    </message>
    <message>
        <source>Isolation / observation notice</source>
        <translation>居家隔离/医学观察告知书</translation>
    </message>
    <message>
        <source>Door sign (isolation / observation)</source>
        <translation>居家隔离/医学观察门贴</translation>
    </message>
    <message>
        <source>Health record sheet</source>
        <translation>健康监测记录表</translation>
    </message>
    <message>
        <source>Care visit sheet per helper</source>
        <translation>关爱走访表（按帮扶人）</translation>
    </message>
    <message>
        <source>Duty roster (a week)</source>
        <translation>值班表（一周）</translation>
    </message>
    <message>
        <source>Print by place instead</source>
        <translation>改为按范围打印</translation>
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
        <source>Public version for the notice board (no names)</source>
        <translation>张贴用的公示版（不印姓名）</translation>
    </message>
    <message>
        <source>e.g. South gate</source>
        <translation>例如：南门</translation>
    </message>
    <message>
        <source>Print this gate&apos;s passages of a day, not blank sheets</source>
        <translation>打印这个卡口某一天的出入记录（不是空白表）</translation>
    </message>
    <message>
        <source>empty: a sheet per helper, a last one for those with no helper</source>
        <translation>不填：各帮扶人一页，末页是未安排帮扶人的</translation>
    </message>
    <message>
        <source>Left empty: a sheet for every helper with visits due that day, then a last sheet of those due whom no helper is assigned to (headed “Helper: not assigned”). A helper&apos;s name: only that helper&apos;s sheet.</source>
        <translation>不填：当天有走访任务的每位帮扶人各一页，最后一页是还没有安排帮扶人的对象（帮扶人：未安排）。填帮扶人姓名：只打这位帮扶人的一页。</translation>
    </message>
    <message>
        <source>e.g. Round 3</source>
        <translation>例如：第3轮</translation>
    </message>
    <message>
        <source>e.g. 027-88886666: the number notices and isolation papers tell people to call</source>
        <translation>例如：027-88886666，印在通知上</translation>
    </message>
    <message>
        <source>e.g. %1 document; empty: built-in notices without a red header</source>
        <translation>例如：%1文件；不填则内置通知不加红头</translation>
    </message>
    <message>
        <source>Only an administrator can change this (log in as the administrator).</source>
        <translation>只有管理员可以修改这一项（请用管理员账号登录后修改）。</translation>
    </message>
    <message>
        <source>not filled in: ask the administrator</source>
        <translation>还没有填写：请管理员填写</translation>
    </message>
    <message>
        <source>For whom, and how</source>
        <translation>打印范围和选项</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
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
        <source>Red header</source>
        <translation>红头</translation>
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
        <source>Visits due on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>帮扶人</translation>
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
        <source>Village committee phone</source>
        <translation>村委会电话</translation>
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
        <source>The data or a template changed: press Preview to see the new version.</source>
        <translation>数据或模板已更改，请点“预览”查看新的内容。</translation>
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
        <source>Gate log of %1</source>
        <translation>%1出入记录</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
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
        <source>household sheet of %1</source>
        <translation>%1 的住户登记表</translation>
    </message>
    <message>
        <source>%1 pages.</source>
        <translation>共%1页。</translation>
    </message>
    <message>
        <source>No %1 is filled in: these pages print a blank line where people are told to call. Fill in %1 (or ask the administrator to) and preview again.</source>
        <translation>没有填写%1：这些页上请大家打电话的地方印成空白横线。请填写“%1”（或请管理员填写）后重新预览。</translation>
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
        <source>No printer is installed on this computer. Use “Save PDF...” to put the pages on a USB stick and print them on a computer that has a printer.</source>
        <translation>这台电脑没有安装打印机。可以按“保存PDF…”把要打印的内容存到U盘，拿到有打印机的电脑上打印。</translation>
    </message>
    <message>
        <source>Sending to the printer...</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <source>The printer did not take the pages: is it switched on, connected and loaded with paper? Check it and press “Print...” again, or use “Save PDF...”.</source>
        <translation>打印机没有接收要打印的内容：请检查打印机是否开机、连好了线、有纸，再按“打印…”；也可以先按“保存PDF…”。</translation>
    </message>
    <message>
        <source>%1 pages sent to the printer.</source>
        <translation>已发送%1页到打印机。</translation>
    </message>
</context>
<context>
    <name>PassesView</name>
    <message>
        <source>Choose a person on the left: the passes of their household show here.</source>
        <translation>在左边选中一个人，这里显示他家的出入证。</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Issue household pass</source>
        <translation>发全户出入证</translation>
    </message>
    <message>
        <source>Issue personal pass</source>
        <translation>发个人出入证</translation>
    </message>
    <message>
        <source>Revoke selected pass…</source>
        <translation>作废选中的证…</translation>
    </message>
    <message>
        <source>Register a car plate…</source>
        <translation>登记车牌…</translation>
    </message>
    <message>
        <source>Issue household passes to every household without one</source>
        <translation>给还没有出入证的每一户发全户证</translation>
    </message>
    <message>
        <source>Find a person: name, initials, %1 (%2)</source>
        <translation>查找人员：姓名、拼音首字母、%1（%2）</translation>
    </message>
    <message>
        <source>Nobody found for &quot;%3&quot;. Check the spelling, or try the initials or the %1 (%2).</source>
        <translation>没有找到“%3”。请检查输入，或改用拼音首字母、%1（%2）查找。</translation>
    </message>
    <message>
        <source>Passes start here.
1. Type a name, pinyin initials or the %1 above (张三, zs, %2).
2. Choose the person in this list.
3. Their household&apos;s passes show on the right; issue, revoke or register a car plate with the buttons below.
Or issue a pass to every household at once with the button at the bottom.</source>
        <translation>在这里办理出入证：
1. 在上面输入姓名、拼音首字母或%1（张三、zs、%2）。
2. 在这个列表里选中这个人。
3. 右边显示他家的出入证；用下面的按钮发证、作废或登记车牌。
也可以用最下面的按钮，一次给所有还没有证的户发全户证。</translation>
    </message>
    <message>
        <source>All compounds</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>%1 belongs to no household: issue a personal pass.</source>
        <translation>%1没有所属的户，请发个人出入证。</translation>
    </message>
    <message>
        <source>%1&apos;s household has no pass yet: choose &quot;Issue household pass&quot; below (any member may use it) or a personal pass.</source>
        <translation>%1家还没有出入证：点下面的“发全户出入证”（全家人都可使用），或发个人出入证。</translation>
    </message>
    <message>
        <source>revoked: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>valid %1 to %2</source>
        <translation>有效期 %1 至 %2</translation>
    </message>
    <message>
        <source>household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>No pass ends within three days.</source>
        <translation>三日内没有到期的出入证。</translation>
    </message>
    <message>
        <source>%1 passes end within three days (soonest first). To renew one, find its holder above and issue a new pass.</source>
        <translation>%1张出入证将在三日内到期（最早到期的在前）。要续办，请在上面找到持证人，再发新证。</translation>
    </message>
    <message>
        <source>Issued pass %1 to %2.</source>
        <translation>已发出入证 %1 给 %2。</translation>
    </message>
    <message>
        <source>Revoke pass</source>
        <translation>作废出入证</translation>
    </message>
    <message>
        <source>Why is pass %1 revoked?</source>
        <translation>出入证 %1 作废的原因：</translation>
    </message>
    <message>
        <source>Car plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Plate of %1&apos;s household:</source>
        <translation>%1 家的车牌：</translation>
    </message>
    <message>
        <source>Plate %1 registered.</source>
        <translation>车牌 %1 已登记。</translation>
    </message>
    <message>
        <source>Every household already has a valid pass.</source>
        <translation>每一户都已经有有效的出入证。</translation>
    </message>
    <message>
        <source>Issued %1 household passes.</source>
        <translation>已发 %1 张全户出入证。</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Sync passphrase (optional)</source>
        <translation>同步口令（可以以后再设）</translation>
    </message>
    <message>
        <source>Every computer of the community types the same passphrase to exchange data by USB stick. Leave it empty to set it later on the Sync page.</source>
        <translation>本社区的每台电脑输入同一个口令，才能用U盘交换数据。留空则以后在“同步”页设置。</translation>
    </message>
    <message>
        <source>At least 12 characters, or 4 different words with spaces between them. Menshen does not keep the passphrase itself: write it down and keep it in the office.</source>
        <translation>至少12个字符，或用空格隔开的4个不同的词。门神不保存口令本身：请把它写下来，保管在办公室。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>同步口令</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Every computer of the village committee types the same passphrase to exchange data by USB stick. Leave it empty to set it later on the Sync page.</source>
        <translation>村委会的每台电脑输入同一个口令，才能用U盘交换数据。留空则以后在“同步”页设置。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>at least %1 characters</source>
        <translation>至少 %1 位</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
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
        <source>18 digits; sex and birth date are read from it</source>
        <translation>18位；性别和出生日期自动读取</translation>
    </message>
    <message>
        <source>On the key-person list</source>
        <translation>列入重点人员</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>姓名(&amp;N) *</translation>
    </message>
    <message>
        <source>Document &amp;type</source>
        <translation>证件类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Document number</source>
        <translation>证件号码(&amp;D)</translation>
    </message>
    <message>
        <source>Se&amp;x</source>
        <translation>性别(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Relation to head</source>
        <translation>与户主关系(&amp;R)</translation>
    </message>
    <message>
        <source>Res&amp;idence</source>
        <translation>居住类型(&amp;I)</translation>
    </message>
    <message>
        <source>Registered &amp;address</source>
        <translation>户籍地址(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Key person</source>
        <translation>重点人员(&amp;K)</translation>
    </message>
    <message>
        <source>W&amp;hy a key person</source>
        <translation>重点人员原因(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Work place</source>
        <translation>工作单位(&amp;W)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Joins household: %1</source>
        <translation>加入住户：%1</translation>
    </message>
    <message>
        <source>Not in any household. To add someone to a household, choose it in the tree (or one of its people) first.</source>
        <translation>不加入任何住户。要加到某一户，请先在左边的树里选中这一户（或选中这一户的某个人）。</translation>
    </message>
    <message>
        <source>Already in the register: %1 (%2). Open that person instead of adding a second one.</source>
        <translation>已经登记过：%1（%2）。请打开已有人员修改，不要重复登记。</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, pinyin initials, part of ID or phone, address</source>
        <translation>姓名、拼音首字母、身份证或电话的一部分、住址</translation>
    </message>
    <message>
        <source>Nobody registered matches “%1”. Check what you typed; someone not registered yet must first be added on the Register page (Add person).</source>
        <translation>户籍登记里没有找到“%1”。请核对输入；还没有登记的人，要先在“户籍登记”页按“新增人员”登记。</translation>
    </message>
    <message>
        <source>Type a name, pinyin initials or part of an ID number, then choose the person here. Only people already registered on the Register page can be chosen.</source>
        <translation>输入姓名、拼音首字母或证件号码的一部分，再在这里选人。只能选已在“户籍登记”页登记的人。</translation>
    </message>
</context>
<context>
    <name>PlaceFilter</name>
    <message>
        <source>All compounds</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Building %1</source>
        <translation>%1栋</translation>
    </message>
</context>
<context>
    <name>PlaceLabels</name>
    <message>
        <source>Compound</source>
        <translation>小区/院落</translation>
    </message>
    <message>
        <source>Compound:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Add compound</source>
        <translation>新增小区</translation>
    </message>
    <message>
        <source>Whole community</source>
        <translation>全社区</translation>
    </message>
    <message>
        <source>The register is empty. Press Add compound to add the first compound or village group, then Add household for each flat or village house, then Add person for each of its people.</source>
        <translation>户籍登记还是空的。请先按“新增小区”添加第一个小区（院落）或村民小组，再按“新增户”逐户添加住房或农户，然后按“新增人员”登记每户的人。</translation>
    </message>
    <message>
        <source>Compound: %1.</source>
        <translation>小区：%1。</translation>
    </message>
    <message>
        <source>No compound in the register yet.</source>
        <translation>户籍登记里还没有小区（院落）。</translation>
    </message>
    <message>
        <source>No compound or village group yet. Register them first: on the Register page press Add compound.</source>
        <translation>还没有小区或村组。先在“户籍登记”按“新增小区”登记。</translation>
    </message>
    <message>
        <source>e.g. East gate of Xingfuli</source>
        <translation>例如：幸福里小区东门</translation>
    </message>
    <message>
        <source>Search: name, pinyin initials (zs), part of ID or phone, address (3-2-501)</source>
        <translation>搜索：姓名、拼音首字母(zs)、身份证或电话的一部分、地址(3-2-501)</translation>
    </message>
    <message>
        <source>Nobody found. Check what you typed (a name, pinyin initials such as zs, part of an ID or phone number, an address such as 3-2-501); someone not registered yet is added with Add person.</source>
        <translation>没有找到。请核对输入（姓名、拼音首字母如zs、证件号或电话的一部分、地址如3-2-501）；还没有登记的人，按“新增人员”登记。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>e.g. 3-2-501 Zhang San</source>
        <translation>例如：3-2-501 张三</translation>
    </message>
    <message>
        <source>Village group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Village group:</source>
        <translation>村民小组：</translation>
    </message>
    <message>
        <source>Add village group</source>
        <translation>新增村民小组</translation>
    </message>
    <message>
        <source>Whole village</source>
        <translation>全村</translation>
    </message>
    <message>
        <source>The register is empty. Press Add village group to add the first village group, then Add household for each village house (its door number), then Add person for each of its people.</source>
        <translation>户籍登记还是空的。请先按“新增村民小组”添加第一个村民小组，再按“新增户”逐户添加农户（写门牌号），然后按“新增人员”登记每户的人。</translation>
    </message>
    <message>
        <source>Village group: %1.</source>
        <translation>村民小组：%1。</translation>
    </message>
    <message>
        <source>No village group in the register yet.</source>
        <translation>户籍登记里还没有村民小组。</translation>
    </message>
    <message>
        <source>No village group yet. Register them first: on the Register page press Add village group.</source>
        <translation>还没有村民小组。先在“户籍登记”按“新增村民小组”登记。</translation>
    </message>
    <message>
        <source>e.g. Wangjiawan village entrance</source>
        <translation>例如：王家湾村口</translation>
    </message>
    <message>
        <source>Search: name, pinyin initials (zs), part of ID or phone, door number (12)</source>
        <translation>搜索：姓名、拼音首字母(zs)、身份证或电话的一部分、门牌(12号)</translation>
    </message>
    <message>
        <source>Nobody found. Check what you typed (a name, pinyin initials such as zs, part of an ID or phone number, a door number such as 12); someone not registered yet is added with Add person.</source>
        <translation>没有找到。请核对输入（姓名、拼音首字母如zs、证件号或电话的一部分、门牌如12号）；还没有登记的人，按“新增人员”登记。</translation>
    </message>
    <message>
        <source>door number</source>
        <translation>门牌</translation>
    </message>
    <message>
        <source>No. 12</source>
        <translation>12号</translation>
    </message>
    <message>
        <source>e.g. No. 12 Grandpa Wang</source>
        <translation>例如：12号 王大爷</translation>
    </message>
    <message>
        <source>&amp;Compound or village group *</source>
        <translation>小区/村民小组(&amp;C) *</translation>
    </message>
    <message>
        <source>Village &amp;group *</source>
        <translation>村民小组(&amp;G) *</translation>
    </message>
    <message>
        <source>Compound or village group</source>
        <translation>小区/村民小组</translation>
    </message>
</context>
<context>
    <name>PrintTask</name>
    <message>
        <source>The pages could not be drawn (see the report).</source>
        <translation>页面没能生成（请看错误报告）。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <comment>All other platforms</comment>
        <translation>文件</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>快捷方式</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>Job &amp;priority:</source>
        <translation>任务优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>Scheduled &amp;printing:</source>
        <translation>计划打印(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Billing information:</source>
        <translation>账单信息(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>开始(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>结束(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QuestionDialog</name>
    <message>
        <source>Add a question</source>
        <translation>增加问题</translation>
    </message>
    <message>
        <source>Question *</source>
        <translation>问题 *</translation>
    </message>
    <message>
        <source>Key for a yes</source>
        <translation>“是”的按键</translation>
    </message>
    <message>
        <source>a free letter is taken when empty</source>
        <translation>不填则自动分配一个字母</translation>
    </message>
    <message>
        <source>A yes needs a next step</source>
        <translation>回答“是”需要下一步处理</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Removed people...</source>
        <translation>已删除的人员…</translation>
    </message>
    <message>
        <source>&amp;Add household</source>
        <translation>新增户(&amp;A)</translation>
    </message>
    <message>
        <source>Edit h&amp;ousehold</source>
        <translation>修改户信息(&amp;O)</translation>
    </message>
    <message>
        <source>Add &amp;person</source>
        <translation>新增人员(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Edit person</source>
        <translation>修改人员(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Move household</source>
        <translation>迁户(&amp;M)</translation>
    </message>
    <message>
        <source>Change &amp;status</source>
        <translation>变更状态(&amp;S)</translation>
    </message>
    <message>
        <source>Record &amp;travel</source>
        <translation>登记行程(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remove person</source>
        <translation>删除人员(&amp;R)</translation>
    </message>
    <message>
        <source>Pr&amp;int household sheet...</source>
        <translation>打印本户登记表(&amp;I)…</translation>
    </message>
    <message>
        <source>%1 people in status %2 (choose a place in the tree to see everyone)</source>
        <translation>状态为“%2”的共%1人（点左侧的地点可看全部人员）</translation>
    </message>
    <message>
        <source>Nobody is in this status now.</source>
        <translation>现在没有人处于这个状态。</translation>
    </message>
    <message>
        <source>More than %1 found; the first %1 are shown. Type more to narrow the search.</source>
        <translation>找到超过%1人，只显示前%1人。请多输入几个字缩小范围。</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 人</translation>
    </message>
    <message>
        <source>%1 found. %2 each have a house %3: to find one, add its group, as in %4%3.</source>
        <translation>找到 %1 人。%2都有%3：要找其中一户，请写上组名，如 %4%3。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>Nobody is registered in this household yet. Press Add person to add its people.</source>
        <translation>这一户还没有登记人员。请按“新增人员”登记这户的人。</translation>
    </message>
    <message>
        <source>Nobody is registered here yet. Press Add household to add a flat or village house (its door number), then Add person for each of its people.</source>
        <translation>这里还没有登记任何人。请按“新增户”添加一户（填门牌号），再按“新增人员”登记这户的每个人。</translation>
    </message>
    <message>
        <source>Select a person in the table to see their card: household, status history and travel.</source>
        <translation>在表格中选择一个人，查看其信息卡：所在户、状态变化记录和行程。</translation>
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
        <source>Visitors to this household (last %1 days)</source>
        <translation>本户来访（近%1天，卡口登记时关联的）</translation>
    </message>
    <message>
        <source>in</source>
        <translation>进</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Remove %1 from the register? The record is kept in the history and can be restored.</source>
        <translation>确定要从登记册中删除 %1 吗？记录会保留在历史中，可以恢复。</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <source>Release</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>From %1, planned end %2</source>
        <translation>%1开始，计划%2解除</translation>
    </message>
    <message>
        <source>Released &amp;on</source>
        <translation>解除日期(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>解除隔离(&amp;R)</translation>
    </message>
    <message>
        <source>Required before the planned end: why (e.g. negative test)</source>
        <translation>提前解除必填：原因（例如：核酸阴性）</translation>
    </message>
</context>
<context>
    <name>RemovedPeopleDialog</name>
    <message>
        <source>Removed people</source>
        <translation>已删除的人员</translation>
    </message>
    <message>
        <source>Find by name, pinyin initials, digits of the ID number or the old door (3-2-501)</source>
        <translation>输入姓名、拼音首字母、身份证号中的数字或原来的门牌（如 3栋2单元）查找，按回车</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Former address</source>
        <translation>原住址</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Removed at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>Removed by</source>
        <translation>删除人</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The %1 people removed last are shown; type a name to find others.</source>
        <translation>只显示最近删除的%1人；查找其他人请输入姓名。</translation>
    </message>
    <message>
        <source>%1 removed people</source>
        <translation>已删除%1人</translation>
    </message>
    <message>
        <source>Nobody found among the removed people. Check the name, the digits or the door.</source>
        <translation>已删除的人员中没有找到。请核对姓名、号码或门牌。</translation>
    </message>
    <message>
        <source>Nobody has been removed from the register.</source>
        <translation>目前没有已删除的人员：户籍中删除的人都会列在这里，可以恢复。</translation>
    </message>
    <message>
        <source>(in no household)</source>
        <translation>（不属于任何一户）</translation>
    </message>
    <message>
        <source>%1 (this household has been removed)</source>
        <translation>%1（这一户已删除）</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Unexpected problem</source>
        <translation>意外问题</translation>
    </message>
    <message>
        <source>Menshen met an unexpected problem. What was saved before is safe; the last action may not have been completed. Please copy this report and give it to your technician. It holds no names, ID numbers or phone numbers.</source>
        <translation>门神遇到了意外的问题。之前保存的数据是安全的；刚才的操作可能没有完成。请复制下面的报告交给技术人员。报告中不含姓名、证件号码和电话。</translation>
    </message>
    <message>
        <source>Copy the report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>ResetAdminDialog</name>
    <message>
        <source>Forgot the administrator&apos;s password</source>
        <translation>忘记管理员密码</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The administrator&apos;s password can be set again with the community&apos;s sync passphrase (the one written on paper). Other accounts: the administrator sets their passwords under Accounts after logging in.</source>
        <translation>用写在纸上的同步口令（各台电脑同步用的那个）重设管理员的密码。其他账号的密码，请管理员登录后在“账号管理”里重设。</translation>
    </message>
    <message>
        <source>Administrator account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>Data file passphrase</source>
        <translation>数据文件口令</translation>
    </message>
    <message>
        <source>Sync passphrase</source>
        <translation>同步口令</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
</context>
<context>
    <name>RestoreOfferDialog</name>
    <message>
        <source>The register cannot be opened</source>
        <translation>数据文件打不开</translation>
    </message>
    <message>
        <source>Restore the newest good backup? What was entered after the backup must be entered again.</source>
        <translation>恢复最新的完好备份吗？备份之后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <source>Restore the newest good backup? The damaged file is kept beside it under another name, never deleted. What was entered after the backup must be entered again.</source>
        <translation>恢复最新的完好备份吗？损坏的文件会改名保留在旁边，不会删除。备份之后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <source>The backups are encrypted and the right passphrase was not typed, so none of them could be opened; the backups themselves are not damaged. Nothing has been changed. Find the passphrase (the one noted when the copy was made, on paper or on the USB stick&apos;s label; capitals count; or the data file&apos;s passphrase), then close this window and open Menshen again: it asks for the passphrase again.</source>
        <translation>备份已加密，没有输入正确的口令，所以一份也打不开；备份本身没有损坏。没有任何改动。请找出口令（复制这份备份时记下的口令，记在纸上或U盘的标签上，区分大小写；或者数据文件的口令），然后关闭这个窗口，重新打开门神，门神会再问口令。</translation>
    </message>
    <message>
        <source>There is no backup of this data file. Nothing has been changed.</source>
        <translation>这个数据文件没有备份。门神没有做任何改动。</translation>
    </message>
    <message>
        <source>No backup passes the integrity check. Nothing has been changed; give the file and the backups folder to a technician.</source>
        <translation>没有一份备份通过完整性检查。什么都没有改动；请把数据文件和备份文件夹交给技术人员。</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Temperature needed to come in</source>
        <translation>进入须测体温</translation>
    </message>
    <message>
        <source>Add checkpoint</source>
        <translation>添加卡口</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>This computer serves</source>
        <translation>本机所在卡口</translation>
    </message>
    <message>
        <source>Existing checkpoints</source>
        <translation>已有卡口</translation>
    </message>
    <message>
        <source>New checkpoint</source>
        <translation>新卡口名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规定</translation>
    </message>
    <message>
        <source>Household rule (0 people: no rule)</source>
        <translation>户出行规定（0 人表示不限制）</translation>
    </message>
    <message>
        <source>People per household allowed out:</source>
        <translation>每户可外出人数：</translation>
    </message>
    <message>
        <source>every (days):</source>
        <translation>每（天）：</translation>
    </message>
    <message>
        <source>(not used at a gate)</source>
        <translation>（不在卡口使用）</translation>
    </message>
    <message>
        <source>temperature needed</source>
        <translation>须测体温</translation>
    </message>
    <message>
        <source>no temperature</source>
        <translation>不测体温</translation>
    </message>
    <message>
        <source>Choose a checkpoint in the list first.</source>
        <translation>请先在列表中选中一个卡口。</translation>
    </message>
    <message>
        <source>This checkpoint is no longer there (removed on another computer?).</source>
        <translation>这个卡口已经不在了（可能已在别的电脑上删除）。</translation>
    </message>
    <message>
        <source>Checkpoint %1 saved.</source>
        <translation>卡口“%1”已保存。</translation>
    </message>
    <message>
        <source>Remove checkpoint %1? It leaves the list of checkpoints; its %2 passages stay in the log, shown and printed under its name.</source>
        <translation>删除卡口“%1”吗？它将不再出现在卡口列表中；它的 %2 条出入记录仍然保留，照常以这个名称显示和打印。</translation>
    </message>
    <message>
        <source>Remove checkpoint %1? No passage was logged there.</source>
        <translation>删除卡口“%1”吗？这个卡口还没有出入记录。</translation>
    </message>
    <message>
        <source>Remove checkpoint</source>
        <translation>删除卡口</translation>
    </message>
    <message>
        <source>Checkpoint %1 removed.</source>
        <translation>卡口“%1”已删除。</translation>
    </message>
    <message>
        <source>This computer no longer serves %1: its gate screen asks which checkpoint before it logs a passage.</source>
        <translation>这台电脑不再服务于卡口“%1”：在这台电脑上登记出入前，会先问是哪个卡口。</translation>
    </message>
    <message>
        <source>Checkpoint %1 added.</source>
        <translation>卡口 %1 已添加。</translation>
    </message>
    <message>
        <source>Rule saved: %1</source>
        <translation>规定已保存：%1</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>Add shift</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Who *</source>
        <translation>值班人 *</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>before the start: the next day</source>
        <translation>早于开始时间即为次日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ShiftTimeDialog</name>
    <message>
        <source>Change shift time</source>
        <translation>改班次时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>值班人</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>before the start: the next day</source>
        <translation>早于开始时间即为次日</translation>
    </message>
</context>
<context>
    <name>StartIsolationDialog</name>
    <message>
        <source>Start isolation</source>
        <translation>开始隔离</translation>
    </message>
    <message>
        <source>e.g. close contact, notified by disease control</source>
        <translation>例如：密切接触者，疾控通知</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>&amp;Person *</source>
        <translation>人员(&amp;P) *</translation>
    </message>
    <message>
        <source>Same &amp;household</source>
        <translation>同户一起隔离(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Reason *</source>
        <translation>原因(&amp;R) *</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>第一天(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>天数(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Groceries and errands by</source>
        <translation>代买代办负责人(&amp;G)</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>（暂未安排）</translation>
    </message>
    <message>
        <source>The person&apos;s status changes with this reason, and goes back to healthy on release.</source>
        <translation>开始后此人的状态按此原因改为隔离，解除时改回“健康”。</translation>
    </message>
    <message>
        <source>%1 (day %2; release is due that day)</source>
        <translation>%1（第%2天，当天期满）</translation>
    </message>
    <message>
        <source>%1 (already %2)</source>
        <translation>%1（已在%2）</translation>
    </message>
    <message>
        <source>Find and choose the person first.</source>
        <translation>请先查找并选中这个人。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to Menshen</source>
        <translation>欢迎使用社区门神</translation>
    </message>
    <message>
        <source>How does this office begin? You can do the others later.</source>
        <translation>您想怎样开始？其他方式以后也可以再用。</translation>
    </message>
    <message>
        <source>Import our Excel ledger</source>
        <translation>导入我们的Excel台账</translation>
    </message>
    <message>
        <source>Set up the community, then read the household register you keep in Excel.</source>
        <translation>先建立本社区，再导入您用Excel记的户籍台账。</translation>
    </message>
    <message>
        <source>Join a community from a USB stick</source>
        <translation>从U盘加入已建好的社区</translation>
    </message>
    <message>
        <source>Another computer of the office has set it up: read its sync packages.</source>
        <translation>办公室的另一台电脑已经建好：读入它的同步包。</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Set up the community and type households in by hand.</source>
        <translation>建立本社区，然后逐户录入。</translation>
    </message>
    <message>
        <source>Try the demo community</source>
        <translation>试用演示社区</translation>
    </message>
    <message>
        <source>A made-up community in a separate file, to look around and to train staff.</source>
        <translation>一个虚构的社区，保存在单独的文件里，用来熟悉程序和培训人员。</translation>
    </message>
    <message>
        <source>Restore from a backup on a USB stick (a new computer, or the disk failed)</source>
        <translation>从U盘上的备份恢复（换了电脑或硬盘坏了）</translation>
    </message>
    <message>
        <source>Choose the backup the administrator copied to the stick (File &gt; Backups &gt; Copy to a USB stick); the register comes back as it was then.</source>
        <translation>选择管理员复制到U盘上的备份（“文件 → 备份 → 复制到U盘…”做的），数据恢复到复制时的样子。</translation>
    </message>
    <message>
        <source>Choose the backup on the USB stick</source>
        <translation>选择U盘上的备份</translation>
    </message>
    <message>
        <source>Menshen backups (*.mbak *.bak)</source>
        <translation>门神的备份 (*.mbak *.bak)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Read only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Data file encrypted</source>
        <translation>数据文件已加密</translation>
    </message>
    <message>
        <source>The data file and %1 backups are encrypted. Log in as usual to open it; other accounts are asked once for the data file passphrase on this computer (or get their key when you set their password). Keep the passphrase on paper in a safe place.</source>
        <translation>数据文件和 %1 份备份已经加密。以后照常登录就能打开；别的账号在这台电脑上第一次登录时要输入一次数据文件口令（或者由您给他们重设密码）。请把数据文件口令写在纸上，放在安全的地方。</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>Backup not restored</source>
        <translation>备份没有恢复</translation>
    </message>
    <message>
        <source>The passphrase was wrong three times, so the backup was not restored: the data file is as it was, nothing has been changed. Find the passphrase noted when the copy was made (on paper or on the USB stick&apos;s label; capitals count), or ask the administrator who made the copy, then restore again.</source>
        <translation>口令三次都不对，备份没有恢复：数据文件和原来一样，没有任何改动。请找出复制这份备份时记下的口令（记在纸上或U盘的标签上，区分大小写），或者问做这份副本的管理员，然后再恢复一次。</translation>
    </message>
    <message>
        <source>The register cannot be opened</source>
        <translation>数据文件打不开</translation>
    </message>
    <message>
        <source>Checking the backups...</source>
        <translation>正在检查哪个备份完好……</translation>
    </message>
    <message>
        <source>These backups were locked with another passphrase, not this data file&apos;s. Type that one: the passphrase set when the backup was copied to the USB stick, or the passphrase of the data file on the computer the backup was made on:</source>
        <translation>这些备份是用另一个口令加密的，不是这个数据文件的口令。请输入那个口令：复制到U盘时给备份设的口令，或者做这个备份的那台电脑上数据文件的口令：</translation>
    </message>
    <message>
        <source>The backups are encrypted. Type one of these passphrases:
1. the one set for the copy when it was copied to the USB stick;
2. the data file&apos;s passphrase on the computer the backup was made on (if its data file was encrypted);
3. the passphrase that computer&apos;s daily backups are locked with (set by whoever installed the program there, MENSHEN_BACKUP_PASSPHRASE).</source>
        <translation>备份是加密的。请输入下面三种口令中的一种：
1. 复制到U盘时给这份副本设的口令；
2. 做这份备份的那台电脑上数据文件的口令（那台电脑给数据文件加过密时）；
3. 那台电脑每天自动备份所用的口令（安装程序的人在那台电脑上设的，MENSHEN_BACKUP_PASSPHRASE）。</translation>
    </message>
    <message>
        <source>No backup opens with that passphrase. Type it again:</source>
        <translation>用这个口令打不开任何一份备份，请再输入一次：</translation>
    </message>
    <message>
        <source>Encrypted backups</source>
        <translation>加密的备份</translation>
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
        <source>&amp;New status</source>
        <translation>新状态(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reason *</source>
        <translation>原因(&amp;R) *</translation>
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
    <name>StreetPage</name>
    <message>
        <source>No new package in this folder (they were all imported before, or are not Menshen&apos;s sync packages).</source>
        <translation>这个文件夹里没有新的同步包（都已经导入过了，或者不是门神的同步包）。</translation>
    </message>
    <message>
        <source>Imported %1 packages, %2 new records, from %3 communities.</source>
        <translation>导入了 %1 个同步包，%2 条新记录，涉及 %3 个社区。</translation>
    </message>
    <message>
        <source>Not imported: %1: %2</source>
        <translation>没有导入 %1：%2</translation>
    </message>
    <message>
        <source>No passphrase for the community %1: its packages were not imported (add it to the passphrase file).</source>
        <translation>没有社区“%1”的口令，它的同步包没有导入（请在口令文件里加上这个社区）。</translation>
    </message>
    <message>
        <source>Choose the street&apos;s folder...</source>
        <translation>选择街道文件夹…</translation>
    </message>
    <message>
        <source>Fill the street&apos;s daily report...</source>
        <translation>填街道日报…</translation>
    </message>
    <message>
        <source>Import the communities&apos; packages...</source>
        <translation>导入各社区的同步包…</translation>
    </message>
    <message>
        <source>sync passphrase shared by every community</source>
        <translation>各社区共用的同步口令</translation>
    </message>
    <message>
        <source>Passphrase file...</source>
        <translation>口令文件…</translation>
    </message>
    <message>
        <source>This page is for a street office&apos;s computer: it sums the figures of the street&apos;s communities from the packages they send (no typing). Choose the street&apos;s folder, where a copy of each community is kept, then import the packages. A community or village office does not need this page: View → Street office page puts it away.</source>
        <translation>这一页是街道办的电脑用的：把街道各社区送来的同步包汇总成数字，不用重新录入。先选“街道文件夹”（放各社区的副本），再导入各社区的同步包。社区、村委会用不着这一页：点“视图 → 街道汇总页”可以把它收起来。</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Home isolation</source>
        <translation>居家隔离</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>医学观察</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>外出</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>In</source>
        <translation>进</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Turned back</source>
        <translation>劝返</translation>
    </message>
    <message>
        <source>Fevers</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Double-click a community to see its households.</source>
        <translation>双击一个社区，查看它的各户。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Most serious status</source>
        <translation>最严重的状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>No street folder chosen yet.</source>
        <translation>还没有选择街道文件夹。</translation>
    </message>
    <message>
        <source>Street folder: %1</source>
        <translation>街道文件夹：%1</translation>
    </message>
    <message>
        <source>The street&apos;s folder</source>
        <translation>街道文件夹</translation>
    </message>
    <message>
        <source>The street&apos;s report template</source>
        <translation>街道日报模板</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the filled report as</source>
        <translation>填好的日报另存为</translation>
    </message>
    <message>
        <source>Choose the street&apos;s folder first.</source>
        <translation>请先选择街道文件夹。</translation>
    </message>
    <message>
        <source>The report is filled: %1 communities and the total, saved as %2.</source>
        <translation>日报已填好：%1 个社区和合计，已保存为 %2。</translation>
    </message>
    <message>
        <source>The street&apos;s passphrase file</source>
        <translation>街道的口令文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Passphrase file: %1</source>
        <translation>口令文件：%1</translation>
    </message>
    <message>
        <source>The folder with the communities&apos; packages</source>
        <translation>放各社区同步包的文件夹</translation>
    </message>
    <message>
        <source>Street office</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Importing the communities&apos; packages...</source>
        <translation>正在导入各社区的同步包…</translation>
    </message>
    <message>
        <source>Street total (%1 communities)</source>
        <translation>街道合计（%1 个社区）</translation>
    </message>
    <message>
        <source>Households of %1: %2</source>
        <translation>%1 的住户：%2 户</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Choose folder...</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Look for drives</source>
        <translation>查找U盘</translation>
    </message>
    <message>
        <source>e.g. village office, gate laptop</source>
        <translation>如：村委会办公室、卡口笔记本</translation>
    </message>
    <message>
        <source>The other computers list this one by this name after the next sync. Left empty, it is called %1.</source>
        <translation>下次同步后，别的电脑上就用这个名字列出这台电脑。不填的话，就叫“%1”。</translation>
    </message>
    <message>
        <source>the community&apos;s sync passphrase</source>
        <translation>本社区的同步口令</translation>
    </message>
    <message>
        <source>Sync with this folder</source>
        <translation>与此文件夹同步</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Import anyway</source>
        <translation>仍然导入</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>同步口令</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <source>Still missing</source>
        <translation>对方还缺</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>By</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Shown now</source>
        <translation>当前显示</translation>
    </message>
    <message>
        <source>Keep current</source>
        <translation>保留当前值</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>采用这个值</translation>
    </message>
    <message>
        <source>Record 1</source>
        <translation>记录一</translation>
    </message>
    <message>
        <source>Record 2</source>
        <translation>记录二</translation>
    </message>
    <message>
        <source>Keep record 1</source>
        <translation>保留记录一</translation>
    </message>
    <message>
        <source>Keep record 2</source>
        <translation>保留记录二</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更改数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>No other computer synced yet: plug in the USB stick (or choose a shared folder), type the passphrase and press Sync with this folder.</source>
        <translation>还没有和别的电脑同步过：插入U盘（或选择共享文件夹），输入同步口令，点“与此文件夹同步”。</translation>
    </message>
    <message>
        <source>No conflict to decide.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>No sync yet.</source>
        <translation>还没有同步记录。</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>各台电脑</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑叫</translation>
    </message>
    <message>
        <source>Conflicts to decide</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <source>Same person entered twice</source>
        <translation>同一人被登记两次</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <source> (has packages)</source>
        <translation>（有同步包）</translation>
    </message>
    <message>
        <source>USB drive %1</source>
        <translation>U盘 %1</translation>
    </message>
    <message>
        <source>No USB drive found: plug one in and press Look for drives, or choose a shared folder.</source>
        <translation>没有找到U盘：请插入U盘后点“查找U盘”，或选择一个共享文件夹。</translation>
    </message>
    <message>
        <source>The folder used last time (%1) is not there now: the USB stick may be out or have another drive letter. Plug it in and press Look for drives, or choose the folder again.</source>
        <translation>上次用的同步文件夹（%1）现在找不到：U盘可能没插好，或者换了盘符。请插好U盘后按“查找U盘”，或者重新选择文件夹。</translation>
    </message>
    <message>
        <source>Choose the shared sync folder</source>
        <translation>选择共享的同步文件夹</translation>
    </message>
    <message>
        <source>This computer is now called %1; the other computers show this name after the next sync.</source>
        <translation>这台电脑现在叫“%1”，下次同步后别的电脑上也这样显示它。</translation>
    </message>
    <message>
        <source>Choose a USB drive or a folder first.</source>
        <translation>请先选择U盘或文件夹。</translation>
    </message>
    <message>
        <source>Type the village&apos;s sync passphrase first.</source>
        <translation>请先输入本村的同步口令。</translation>
    </message>
    <message>
        <source>Type the community&apos;s sync passphrase first.</source>
        <translation>请先输入本社区的同步口令。</translation>
    </message>
    <message>
        <source>Checking the passphrase...</source>
        <translation>正在核对同步口令…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Writing and reading sync packages...</source>
        <translation>正在写入和读取同步包…</translation>
    </message>
    <message>
        <source>Received %2 packages with %3 new changes, but this machine&apos;s changes were not written to the folder: %1</source>
        <translation>收到 %2 个同步包，其中新的更改 %3 条，已经导入；但本机的更改没有写进这个文件夹：%1</translation>
    </message>
    <message>
        <source>Sent %1 changes; received %2 packages with %3 new changes.</source>
        <translation>已发出 %1 条更改；收到 %2 个同步包，其中新的更改 %3 条。</translation>
    </message>
    <message>
        <source>%1 conflicts: two machines changed the same thing; both values are listed under Conflicts to resolve, choose the one to keep.</source>
        <translation>有%1处冲突：两台电脑改了同一处，两边的值都列在“待处理的冲突”里，请选择保留哪一个。</translation>
    </message>
    <message>
        <source>Removed %1 old packages that every machine has.</source>
        <translation>已从文件夹删除 %1 个各台电脑都已收到的旧同步包。</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message>
        <source>Not synced: cancelled.</source>
        <translation>没有同步：已取消。</translation>
    </message>
    <message>
        <source>the village&apos;s sync passphrase</source>
        <translation>本村的同步口令</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>所有电脑</translation>
    </message>
    <message>
        <source>ID number %1: %2 / %3</source>
        <translation>证件号码 %1：%2 / %3</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>登记于</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>%1 gate passages, %2 visits</source>
        <translation>出入 %1 次，走访 %2 次</translation>
    </message>
    <message>
        <source>No one is entered twice.</source>
        <translation>没有重复登记的人员。</translation>
    </message>
    <message>
        <source>Same ID number but different birth dates: check the documents before merging.</source>
        <translation>证件号码相同但出生日期不同：合并前请核对证件。</translation>
    </message>
    <message>
        <source>%1 people entered twice. Choose the record to keep; the other&apos;s records move to it.</source>
        <translation>有 %1 人被重复登记。请选择要保留的记录，另一条记录的出入、走访等记录都会归到它名下。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Keep record %1 (%2, entered on %3) and merge the other into it? Its gate passages, visits and household go with it. This cannot be undone.</source>
        <translation>保留记录%1（%2，登记于 %3），并把另一条合并进来吗？另一条的出入记录、走访和所属户都会归到这条记录。合并后不能撤销。</translation>
    </message>
    <message>
        <source>Backing up the register, then merging...</source>
        <translation>正在备份数据文件，然后合并……</translation>
    </message>
    <message>
        <source>Not merged: cancelled. Nothing was changed.</source>
        <translation>已取消，没有合并，什么都没有改动。</translation>
    </message>
    <message>
        <source>Merged. The other machines take it at the next sync.</source>
        <translation>已合并。其他电脑在下次同步时会同样合并。</translation>
    </message>
    <message>
        <source>Decided. The other machines take it at the next sync.</source>
        <translation>已处理。其他电脑在下次同步时得到这个结果。</translation>
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
    <name>TodayPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Daily report…</source>
        <translation>日报…</translation>
    </message>
    <message>
        <source>People by status (change since yesterday)</source>
        <translation>人员状态（括号内为较昨日变化）</translation>
    </message>
    <message>
        <source>Isolation follow-up</source>
        <translation>隔离随访</translation>
    </message>
    <message>
        <source>Care visits</source>
        <translation>关爱走访</translation>
    </message>
    <message>
        <source>Gates today</source>
        <translation>今日卡口</translation>
    </message>
    <message>
        <source>By gate, today</source>
        <translation>今日各卡口</translation>
    </message>
    <message>
        <source>Save charts as PNG…</source>
        <translation>图表另存为PNG…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日概况</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The figures could not be counted: %1</source>
        <translation>无法统计：%1</translation>
    </message>
    <message>
        <source>Today, %1 at %2 — %3 households, %4 people, %5 key persons</source>
        <translation>今日概况 %1 %2 — 共%3户、%4人，重点人员%5人</translation>
    </message>
    <message>
        <source>Ending today</source>
        <translation>今日期满</translation>
    </message>
    <message>
        <source>Ending tomorrow</source>
        <translation>明日期满</translation>
    </message>
    <message>
        <source>Checks not done today</source>
        <translation>今日未随访</translation>
    </message>
    <message>
        <source>With a fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天应访</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Twice the interval</source>
        <translation>超过两个周期未访</translation>
    </message>
    <message>
        <source>In</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>外出</translation>
    </message>
    <message>
        <source>Fevers</source>
        <translation>体温异常</translation>
    </message>
    <message>
        <source>Out, not back</source>
        <translation>外出未归</translation>
    </message>
    <message>
        <source>Passes expiring in 3 days</source>
        <translation>出入证将到期</translation>
    </message>
    <message>
        <source>%1: in %2, out %3, turned back %4, fevers %5</source>
        <translation>%1：进%2 出%3 劝返%4 发热%5</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source> (%1 kept on this computer, not yet in the data file)</source>
        <translation>（其中%1条暂存在本机，尚未写入数据文件）</translation>
    </message>
    <message>
        <source>No checkpoint yet.</source>
        <translation>还没有设置卡口。</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>还有 %1 处</translation>
    </message>
    <message>
        <source>Duty shifts at the same time (%1):</source>
        <translation>值班时间重叠（%1 处）：</translation>
    </message>
    <message>
        <source>Fix on the duty page</source>
        <translation>到“值班排班”页处理</translation>
    </message>
    <message>
        <source>Open sync conflicts and duplicates: %1</source>
        <translation>待处理的同步冲突和重复人员：%1</translation>
    </message>
    <message>
        <source>People by status, last 14 days</source>
        <translation>近14天人员状态</translation>
    </message>
    <message>
        <source>Gate traffic by day</source>
        <translation>每日出入人次</translation>
    </message>
    <message>
        <source>Gate traffic by hour, today</source>
        <translation>今日分时段出入人次</translation>
    </message>
    <message>
        <source>Fevers by day</source>
        <translation>每日发热人数</translation>
    </message>
    <message>
        <source>At the gates</source>
        <translation>卡口</translation>
    </message>
    <message>
        <source>In isolation checks</source>
        <translation>隔离随访</translation>
    </message>
    <message>
        <source>Care visits made against due</source>
        <translation>关爱走访：已访与应访</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应访</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>已访</translation>
    </message>
    <message>
        <source>Save charts as PNG</source>
        <translation>图表另存为PNG</translation>
    </message>
    <message>
        <source>%1 charts saved in %2</source>
        <translation>%1张图表已保存到 %2</translation>
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
<context>
    <name>VisitDialog</name>
    <message>
        <source>Correct visit</source>
        <translation>更正走访记录</translation>
    </message>
    <message>
        <source>Record visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Visited &amp;by</source>
        <translation>走访人(&amp;B)</translation>
    </message>
    <message>
        <source>(choose who visited)</source>
        <translation>（请选择走访人）</translation>
    </message>
    <message>
        <source>&amp;In person</source>
        <translation>上门(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;WeChat</source>
        <translation>微信(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Not seen (no answer)</source>
        <translation>未见到本人(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>方式(&amp;H)</translation>
    </message>
    <message>
        <source>What was &amp;found</source>
        <translation>走访情况(&amp;F)</translation>
    </message>
    <message>
        <source>N&amp;eeds raised</source>
        <translation>提出的需求(&amp;E)</translation>
    </message>
    <message>
        <source>What was d&amp;one</source>
        <translation>办理情况(&amp;O)</translation>
    </message>
    <message>
        <source>Entered by &amp;mistake: remove this visit</source>
        <translation>误录(&amp;M)：作废这条走访记录</translation>
    </message>
    <message>
        <source>e.g. in good health, food for three days</source>
        <translation>例如：身体好，菜够吃三天</translation>
    </message>
    <message>
        <source>e.g. bought vegetables and rice</source>
        <translation>例如：已代买蔬菜、大米</translation>
    </message>
    <message>
        <source>How was the person tried? e.g. knocked, nobody answered; phone not picked up</source>
        <translation>怎么联系的？例如：敲门没人应，电话没人接</translation>
    </message>
</context>
<context>
    <name>VisitorDialog</name>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Coming from</source>
        <translation>从哪里来</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>e.g. bringing medicine, visiting an old parent</source>
        <translation>例如：送药、探望老人</translation>
    </message>
    <message>
        <source>Household visited *</source>
        <translation>拜访哪一户 *</translation>
    </message>
    <message>
        <source>Car plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>only if they came by car, e.g. 鄂A12345</source>
        <translation>开车来的才填，例如 鄂A12345</translation>
    </message>
    <message>
        <source>Not in the register: saved as typed</source>
        <translation>登记里没有这一户：按所填文字登记</translation>
    </message>
    <message>
        <source>↑↓ choose, Enter or Tab takes it</source>
        <translation>按 ↑↓ 选住户，回车或 Tab 确认</translation>
    </message>
    <message>
        <source>%1 more households: type a few more characters</source>
        <translation>还有%1户，请多输几个字</translation>
    </message>
    <message>
        <source>over %1 more households: type a few more characters</source>
        <translation>还有不止%1户，请多输几个字</translation>
    </message>
    <message>
        <source>Linked to this household of the register</source>
        <translation>已关联到登记里的这一户</translation>
    </message>
    <message>
        <source>No household linked: saved as typed</source>
        <translation>不关联住户：按所填文字登记</translation>
    </message>
    <message>
        <source>No household: keep “%1” as typed</source>
        <translation>不关联住户，按所填文字登记：%1</translation>
    </message>
    <message>
        <source>The scanned ID number was put in the ID number field: check it is this visitor&apos;s.</source>
        <translation>扫到的证件号已放进“证件号码”一栏：请核对是不是这位访客的。</translation>
    </message>
    <message>
        <source>Last visit&apos;s household: change it if they visit another</source>
        <translation>上次拜访的这一户；这次去别家请改掉</translation>
    </message>
    <message>
        <source>Known visitor: came before. Check the details.</source>
        <translation>回访访客：以前登记过，请核对信息。</translation>
    </message>
</context>
<context>
    <name>_CarePicker</name>
    <message>
        <source> (already on the care list)</source>
        <translation>（已在名单上）</translation>
    </message>
</context>
</TS>
