"""The line each ``menshen`` command prints on stdout when it has done its work (DESIGN.md's
command-line contract), in Chinese: a clerk reads it, or the technician helping them by phone.
Errors and warnings go to stderr, in Chinese too (desktop/cli.py).

One function per command; each line keeps the facts of the English line it replaces, and
thousands separators where that line had them. What was written, and where: `` → PATH``.
"""

TO = " → "


def _by_effect(new: int, updated: int, unchanged: int) -> str:
    """An import's rows by what they do to the register (the real run and the check alike)."""
    return f"（新增{new}，更新{updated}，未变{unchanged}）"


def imported(result, flagged: int) -> str:
    """``menshen import``: ``result`` an ImportResult; ``flagged`` rows kept with something to check."""
    return (f"已导入{result.imported}行，未导入{result.rejected}行"
            + _by_effect(result.created, result.updated, result.unchanged)
            + "".join(f"；另有{people}人改由{name}帮扶（以前导入的台账写了{name}是责任人，当时没有电话）"
                      for name, people in result.helpers_took)
            + (f"；{flagged}行需要核对" if flagged else ""))


def checked(rows: int, would_import: int, rejected: int, counts: dict) -> str:
    """``menshen import --dry-run``: what the real run would do (``counts``: new, update, same)."""
    return (f"已检查{rows}行，数据没有改动：正式导入将导入{would_import}行，未导入{rejected}行"
            + _by_effect(counts["new"], counts["update"], counts["same"]))


def exported(rows: int, to) -> str:
    """``menshen export``: a list written as a workbook or CSV."""
    return f"已导出{rows}行{TO}{to}"


def filled(places: int, to) -> str:
    """``menshen template``: the office's report template filled (``places``: cells or rows)."""
    return f"已按模板填好{places}处{TO}{to}"


def printed(title: str, items: int, pages: int, path, unit: str = "份") -> str:
    """``menshen print``: ``title`` the form's name in the print catalogue (not its command word),
    a notice's the name of the template printed (致住户的一封信, not 通知 / 致住户的信); ``unit``
    what was counted (desktop.printing.pages.Printed): a day's gate log's 5条记录 had read as
    5份, five copies; blank sheets ('') are their pages."""
    counted = f"{items}{unit}，" if unit else ""
    return f"已打印 {title}：{counted}{pages}页{TO}{path}"


def demo(households: int, people: int, seconds: float, path) -> str:
    """``menshen demo``: the demo community made; with no households, an empty register."""
    if households == 0:
        return f"已建好空白的数据文件：0户，可以导入台账或用U盘同步{TO}{path}"
    return f"演示社区已建好：{households}户，{people}人，用时{seconds:.1f}秒{TO}{path}"


def care_day(today, care: dict, isolation: dict) -> str:
    """``menshen care``: the day's care visits (CareBook.counts) and isolation checks (IsolationBook.counts)."""
    due = care["due"] + care["overdue"] + care["neglected"]
    return (f"{today} 关爱走访：应访{due}人（其中超过两个周期未走访{care['neglected']}人，逾期{care['overdue']}人）；"
            f"隔离{isolation['open']}人，上午未随访{isolation['morning_unchecked']}人，"
            f"下午未随访{isolation['evening_unchecked']}人，发热{isolation['fever']}人")


def care_helper(today, helper: str, due: int) -> str:
    """``menshen care --helper NAME``: after the helper's visit list, how many are due."""
    return f"{today} 关爱走访：{helper}应访{due}人"


def sync_export(changes: int, kind: str, path) -> str:
    """``menshen sync export``: ``kind`` snapshot or incremental, said as the sync page says it."""
    from desktop.sync.status import KIND_LABELS
    return f"同步导出：{changes:,}条更改（{KIND_LABELS.get(kind, kind)}）{TO}{path}"


def sync_import(packages: int, changes: int, conflicts: int, refused: int = 0, held: int = 0, tidied: int = 0) -> str:
    """``menshen sync import``: ``refused`` and ``held`` packages are each named on stderr first."""
    return (f"同步导入：收到{packages:,}个同步包，新的更改{changes:,}条，冲突{conflicts:,}处"
            + (f"，{refused}个同步包没有导入（原因见上）" if refused else "")
            + (f"，{held}个同步包因日期暂不导入" if held else "")
            + (f"，已删除{tidied}个各台电脑都已收到的旧同步包" if tidied else ""))


def admin_reset(name: str, re_enabled: bool = False) -> str:
    """``menshen account reset-admin``: an admin's password set with the sync passphrase (and the
    account, when it was disabled, enabled again)."""
    again = "（这个账号原来已停用，现在重新启用了）" if re_enabled else ""
    return f"已用同步口令重设管理员账号“{name}”的密码{again}，请用新密码登录"


def machine_named(words: str) -> str:
    """``menshen sync name``: ``words`` the machine as the others will list it (machine_name)."""
    return f"这台电脑叫 {words}，别的电脑从下一次同步起这样称呼它"


def audit(entries: int, to) -> str:
    """``menshen audit``: the audit written as a workbook."""
    return f"已导出审计记录{entries}条{TO}{to}"


def backup_list(backups: int, folder) -> str:
    """``menshen backup list``: after the backups, one a line, how many and where."""
    return f"共有{backups}个备份，在 {folder}"


def backup_asides(asides: int, db_path) -> str:
    """``menshen backup list``: the registers kept aside by restores (beside the register), and how
    one is put back (a wrong restore undone)."""
    from desktop.backup import ASIDE_LABEL
    return (f"{ASIDE_LABEL}：{asides}个，在 {db_path.parent}"
            f"（恢复它：menshen backup restore --db {db_path} --file 文件名）")


def backup_made(path) -> str:
    """``menshen backup now``."""
    return f"已备份{TO}{path}"


def restored(chosen, done, path) -> str:
    """``menshen backup restore``: ``chosen`` the Backup put in place, ``done`` what the restore
    kept (the file that was there set aside; an aside put back, marked as used)."""
    from desktop.backup import RESTORED_LABEL
    line = f"已恢复备份 {chosen.path.name}（{chosen.when:%Y-%m-%d %H:%M:%S}，{chosen.label}）{TO}{path}"
    if done.aside:
        line += f"；原来的文件另存为 {done.aside.name}"
    if done.marked:
        line += f"；{chosen.path.name} 已改名为 {done.marked.name}（{RESTORED_LABEL}）"
    return line


def encrypted(path, backups: int) -> str:
    """``menshen backup encrypt``: the register, and its plain backups with the same key."""
    return f"已给数据文件 {path} 加密；它的{backups}个未加密的备份也用同一个口令加密了"


def aggregate_pg(packages: int, changes: int, already: int, refused: int) -> str:
    """``menshen aggregate --pg``: the packages merged into the district's or city's PostgreSQL
    (``refused`` ones are each named on stderr first)."""
    return (f"汇总完成：{packages:,}个同步包，{changes:,}条更改已合并到 PostgreSQL（{already:,}个以前已经汇总过"
            + (f"，{refused}个没有汇总（原因见上）" if refused else "") + "）")


def aggregate_street(packages: int, changes: int, communities: int, refused: int) -> str:
    """``menshen aggregate --street``: the packages read into the street office's community replicas."""
    return (f"汇总完成：{packages:,}个同步包，{changes:,}条新的更改，共{communities}个社区副本"
            + (f"，{refused}个同步包没有导入（原因见上）" if refused else ""))


def street_report(communities: int, to) -> str:
    """``menshen aggregate --street --report``: the street's own daily form filled."""
    return f"已填好街道日报：{communities}个社区和合计{TO}{to}"
