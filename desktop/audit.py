"""The audit (审计): who exported or printed personal data, and who changed what.

Two sources, one reading:

* **What left the program.** ``record_output`` writes one ``audit_event`` row for every export
  and every print of personal data: who (the database's user name), when, which list or form,
  how many people (rows or items), masked or not, and the file's name without its folder (a
  folder can name a person). Every export and print calls it: ``desktop.excel.lists.
  export_list``, ``desktop.excel.template.fill_template`` and ``desktop.printing.catalogue.
  print_form``. The table is replicated and append-only, so it syncs and cannot be edited.
* **Restores.** ``record_restore`` writes one row into the restored register for every restore
  of a backup (the whole register put back to an older day): who, when, from which backup (its
  file, time and reason) and where the replaced file was kept aside. ``desktop.backup.restore``
  calls it, so the window's File ▸ 备份 ▸ 恢复, the start-up offer and ``menshen backup
  restore`` all note it.
* **Changes.** Not copied: the change log (``db/sync/log.py``) already holds who, when and what
  for every change, also those that came by sync, and it cannot be edited either. A change's
  old value is the value the previous change of that row gave the column.

``audit_trail`` merges both, newest last; ``export_audit`` writes it as a workbook
(``menshen audit --db PATH [--since D] --to OUT.xlsx``).
"""
import heapq
import math
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from db.sync.ids import uuid7
from desktop.accounts.roles import Permission, require
from desktop.masking import mask_text

ACTIONS = {"export": "导出", "print": "打印", "restore": "恢复备份"}
# Bookkeeping columns a reader does not need to see as a change.
_QUIET = {"created_site", "created_wall", "name_pinyin", "name_initials"}
# Secrets: the audit says that they changed, never what they are (a password's hash can be
# guessed at offline; the pass key forges passes).
_SECRET = {"account.password_hash", "gate_secret.secret"}
SECRET_SHOWN = "（已更改，不显示）"


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit: an export or print, or one changed value."""
    at: str                   # ISO local time
    user_name: str
    action: str               # export | print | restore | insert | patch
    what: str                 # list or form name; for a change: table.column
    row_id: str = ""          # the changed row (a person's id for person changes)
    old: str | None = None
    new: str | None = None
    people: int | None = None
    masked: bool | None = None
    file_name: str = ""
    reason: str = ""          # a full (unmasked) output's purpose, as the admin wrote it


def record_output(db, action: str, target: str, people: int, masked: bool, path: Path | str,
                  reason: str = "") -> None:
    """Note one export or print of personal data. A database opened read-only (a locked stick)
    cannot take the note; the export itself still goes ahead."""
    _insert(db, db.user_name or "", action, target, people, masked, Path(path).name, reason)


def _insert(db, user_name: str, action: str, target: str, people: int, masked: bool, file_name: str,
            reason: str) -> None:
    if db.read_only or db.damage is not None:
        return          # the paper or file is made already; a register that cannot be written keeps no line
    at = datetime.now().isoformat(timespec="seconds")
    with db.transaction() as conn:
        conn.execute("INSERT INTO audit_event (id, at, user_name, action, target, people, masked, file_name,"
                     " reason, created_site) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (uuid7(), at, user_name, action, target, int(people), 1 if masked else 0,
                      file_name, reason or None, db.site.site_id))


#: What a restore's line names (the column "名单、表格或字段").
RESTORE_TARGET = "whole-register"


def not_logged_in() -> str:
    """Who restored when nobody could log in (the start-up offer for a damaged or missing file,
    ``menshen backup restore`` without ``--user``): said so, with the computer's account."""
    import getpass
    try:
        account = getpass.getuser()
    except Exception:           # no name the system gives (an unusual Windows set-up)
        account = ""
    return f"未登录（电脑用户 {account}）" if account else "未登录"


def record_restore(db, restored, by: str | None) -> None:
    """Note a restore in the restored register (``db``, just opened): ``by`` (the account that
    asked, or None when nobody could log in), now, the backup's file, time and reason, and the
    name the replaced file was kept aside under (``desktop.backup.Restored``), or where a gone
    file's -wal was (``desktop.backup.lone_wal_note``)."""
    from desktop.backup import EMPTY_MARK, lone_wal_note
    item = restored.backup
    with db.reading() as conn:
        people = conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0").fetchone()[0]
    said = f"恢复到 {item.when:%Y-%m-%d %H:%M:%S} 的备份（{item.label}）；"
    if restored.aside:
        said += f"被替换的数据文件改名保留为 {restored.aside.name}"
    else:                   # only its -wal may have been left: kept, and said below
        said += "原来没有数据文件（不见了）" + ("" if restored.kept_wal else "，没有要保留的")
    if restored.aside and restored.aside.name.endswith(EMPTY_MARK):
        said += "（它是空的，没有住户和人员）"
    if restored.marked is not None:
        said += f"；恢复所用的副本已标为“已恢复”：{restored.marked.name}"
    if note := lone_wal_note(restored):
        said += f"；{note}"
    _insert(db, by or not_logged_in(), "restore", RESTORE_TARGET, people, False, item.path.name, said)


def _outputs(conn, since: str | None) -> list[AuditEntry]:
    sql = "SELECT at, user_name, action, target, people, masked, file_name, reason FROM audit_event"
    # Within one second, in the order they were written here (rowid), not by a random id part.
    rows = conn.execute(sql + (" WHERE at >= ?" if since else "") + " ORDER BY at, rowid",
                        (since,) if since else ()).fetchall()
    return [AuditEntry(r[0], r[1] or "", r[2], r[3], people=r[4], masked=None if r[2] == "restore" else bool(r[5]),
                       file_name=mask_text(r[6] or ""), reason=mask_text(r[7] or "")) for r in rows]


def _text(value, what: str = "") -> str | None:
    """A changed value as the audit shows it: secrets hidden, and ID numbers and phone numbers
    masked wherever they are (desktop.masking), so the audit, which is read on screen and
    exported, holds no whole number (DESIGN.md, privacy)."""
    if value is None:
        return None
    if what in _SECRET:
        return SECRET_SHOWN
    if _refers_to(what):               # a record id, named in words by audit_rows: kept whole to look up
        return str(value)
    return mask_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _local_time(wall: str | None) -> str:
    """A change's wall time (UTC, with its offset) as the local time the audit's own rows use."""
    if not wall:
        return ""
    try:
        return datetime.fromisoformat(wall).astimezone().replace(tzinfo=None).isoformat(timespec="seconds")
    except ValueError:
        return wall[:19].replace(" ", "T")


def _person_changes(conn, person_id: str):
    """The changes of a person's own row and of every replicated row that names them."""
    from db.sync.log import iter_row_changes
    from db.sync.registry import SYNC_TABLES
    rows = [("person", person_id)]
    for table in SYNC_TABLES:
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if "person_id" in columns:
            rows += [(table, r[0]) for r in conn.execute(f'SELECT id FROM "{table}" WHERE person_id = ?', (person_id,))]
    # A merge names the person as one of its pair, not by person_id.
    rows += [("person_merge", r[0]) for r in conn.execute(
        "SELECT id FROM person_merge WHERE survivor_id = ? OR loser_id = ?", (person_id, person_id))]
    return [ch for tbl, row_id in rows for ch in iter_row_changes(conn, tbl, row_id)]


def _people_named(tbl: str, known: dict, values: dict) -> set:
    """The persons a change's row is about: its person_id, or a person merge's pair (before or
    after the change: a merge changed away from a person is still about them)."""
    columns = ("survivor_id", "loser_id") if tbl == "person_merge" else ("person_id",)
    return {state.get(c) for state in (known, values) for c in columns} - {None}


def _changes_in_order(conn):
    """Every change, oldest first by (HLC, site, seq), streamed: each site's changes come in
    seq order, which is HLC order for one site, so the sites' streams are merged, not sorted."""
    from db.sync.log import iter_changes
    sites = [r[0] for r in conn.execute("SELECT site_id FROM sync_site_no ORDER BY no")]
    skip_all = 1 << 62
    streams = [iter_changes(conn, {other: skip_all for other in sites if other != site}) for site in sites]
    return heapq.merge(*streams, key=lambda c: (c.hlc, c.site_id, c.seq))


def _changes(conn, person_id: str | None, since: str | None) -> Iterator[AuditEntry]:
    """The changed values, oldest first, each with the value before it."""
    from db.sync.registry import APPEND, SYNC_TABLES
    last: dict[tuple[str, str], dict] = {}        # (table, row) -> column -> value as last set
    if person_id:
        found = sorted(_person_changes(conn, person_id), key=lambda c: (c.hlc, c.site_id, c.seq))
    else:
        found = _changes_in_order(conn)
    for ch in found:
        if ch.tbl == "audit_event":
            continue
        values: dict = {}
        for group in json.loads(ch.cols or "{}").values():
            if isinstance(group, dict):
                values.update(group)
        # Rows of append-only logs are never changed again: nothing of theirs to remember.
        append = ch.tbl in SYNC_TABLES and SYNC_TABLES[ch.tbl].kind == APPEND
        known = None if append else last.get((ch.tbl, ch.row_id))
        kind = "patch" if known else "insert"        # a row's first change made it (SYNC.md)
        if known is None:
            known = {}
            if not append:
                last[(ch.tbl, ch.row_id)] = known
        about = ch.row_id == person_id or person_id in _people_named(ch.tbl, known, values)
        at = _local_time(ch.wall_time)
        keep = (person_id is None or about) and (since is None or at >= since)
        if ch.tbl in _MERGES:
            yield from _merge_change(conn, ch, kind, at, keep, known, values)
            continue
        for column, value in values.items():
            old = known.get(column)
            known[column] = value
            if keep and column not in _QUIET and (_said_when_new(column, value) if kind == "insert" else old != value):
                what = f"{ch.tbl}.{column}"
                yield AuditEntry(at, ch.user_name or "", kind, what, ch.row_id, _text(old, what), _text(value, what))


def _said_when_new(column: str, value) -> bool:
    """Whether a new row's value is a line of the audit: not an empty one, and not 删除 否 (every
    new row is not deleted); a deletion or a restore (删除 否 → 是, 是 → 否) is an edit, said."""
    return value is not None and not (column == "is_deleted" and value in (0, "0", False))


# A merge of a person registered twice (desktop.sync.status.MERGED): its pair is one line, in
# words (合并：李四（保留，证件尾号1239）← 李四（另一条，…）), not two lines of record ids; who
# merged and when are the line's own 操作人 and 时间.
_MERGES = ("person_merge", "duty_merge")
_PAIR = ("survivor_id", "loser_id")
_MERGE_QUIET = {*_PAIR, "merged_by", "merged_wall"}


def _merge_change(conn, ch, kind: str, at: str, keep: bool, known: dict, values: dict) -> Iterator[AuditEntry]:
    from desktop.sync.status import merge_words
    before = dict(known)
    known.update(values)
    if not keep:
        return
    was, now = (tuple(state.get(c) for c in _PAIR) for state in (before, known))
    if now != was and any(now):
        old = merge_words(conn, ch.tbl, *was) if any(was) else None
        yield AuditEntry(at, ch.user_name or "", kind, f"{ch.tbl}.pair", ch.row_id, _text(old),
                         _text(merge_words(conn, ch.tbl, *now)))
    for column, value in values.items():
        old = before.get(column)
        if column not in _MERGE_QUIET | _QUIET and (value if kind == "insert" else old != value):
            what = f"{ch.tbl}.{column}"
            yield AuditEntry(at, ch.user_name or "", kind, what, ch.row_id, _text(old, what), _text(value, what))


def _trail(conn, person_id, since, changes: bool, outputs: bool) -> Iterator[AuditEntry]:
    found = []
    if changes:
        found.append(_changes(conn, person_id, since))
    if outputs and not person_id:
        found.append(iter(_outputs(conn, since)))
    return heapq.merge(*found, key=lambda e: e.at)


def _since(since) -> str | None:
    return since.isoformat() if isinstance(since, date) else since


def audit_trail(db, person_id: str | None = None, since: str | date | None = None, *,
                changes: bool = True, outputs: bool = True) -> list[AuditEntry]:
    """Exports, prints and changes, oldest first; ``person_id``: only changes of that person's
    rows (exports and prints name lists, not people, so they are left out then); ``since``: an
    ISO date or time. Without ``person_id`` changes are read from the whole change log (old
    values need the changes before ``since``): about 9 s for the demo's 870,000 values on this
    machine; one person's rows are read through the log's (table, row) index."""
    require(db, Permission.AUDIT)
    with db.reading() as conn:
        return list(_trail(conn, person_id, _since(since), changes, outputs))


def newest_entries(db, since: str | date | None, limit: int, *, changes: bool = True,
                   outputs: bool = True) -> tuple[int, list[AuditEntry]]:
    """(how many entries there are, the newest ``limit`` of them, newest first), streamed: the
    audit page shows these without holding the whole log in memory."""
    require(db, Permission.AUDIT)
    from collections import deque
    total, kept = 0, deque(maxlen=limit)
    with db.reading() as conn:
        for entry in _trail(conn, None, _since(since), changes, outputs):
            total += 1
            kept.append(entry)
    return total, list(reversed(kept))


# Columns as a clerk calls them, beyond the register's own fields (desktop/excel/columns.py).
_COLUMN_LABELS = {
    "status_reason": "状态原因", "status_since": "状态起始", "status_by": "状态改动人", "household_id": "所属户",
    "person_id": "居民", "is_deleted": "删除", "merged_into": "合并到", "room": "门牌号", "number": "编号",
    "name": "名称", "kind": "类别", "compound_id": "小区", "building_id": "楼栋", "unit_id": "单元",
    "community_id": "社区", "grid_id": "网格", "landlord_person_id": "房东", "password_hash": "密码", "role": "角色",
    "disabled": "停用", "demo": "演示账号", "password_set_by": "密码设置人", "password_set_wall": "密码设置时间",
    "recorded_by": "记录人", "recorded_at": "记录时间", "entered_by": "录入人", "entered_at": "录入时间",
    "helper_id": "帮扶人", "helper_name": "帮扶人当日姓名", "subject_id": "关爱对象", "episode_id": "隔离记录",
    "visited_on": "走访日期", "outcome": "结果", "answers": "回答", "attempts": "走访次数", "code": "代码",
    "canvasser_id": "摸排人", "canvasser_name": "摸排人当日姓名", "round_id": "轮次", "questions": "问题",
    "scope_ids": "范围", "scope_kind": "范围类别", "starts_on": "开始日期", "from_outcomes": "上一轮结果",
    "categories": "关爱类别", "needs": "需求", "frequency": "走访频次", "listed_on": "列入日期", "done": "已办",
    "found": "走访情况", "mode": "方式", "needs_raised": "提出的需求", "is_void": "作废", "hospital": "医院",
    "schedule": "时间安排", "transport": "交通方式", "treatment": "治疗", "planned_end_on": "计划解除日期",
    "start_on": "开始日期", "reason": "原因", "released_at": "解除时间", "released_by": "解除人",
    "released_on": "解除日期", "checked_at": "随访时间", "checked_by": "随访人", "day": "日期", "slot": "时段",
    "symptoms": "症状", "temperature": "体温", "changed_at": "改动时间", "changed_by": "改动人",
    "new_status": "新状态", "old_status": "原状态", "arrived_on": "到达日期", "from_place": "从何处来",
    "at": "时间", "checkpoint_id": "卡口", "direction": "进/出", "fever": "发热", "holder_name": "姓名",
    "pass_id": "出入证", "rule_exceeded": "超出出入规则", "source": "来源", "visit_reason": "来访事由",
    "visiting": "拜访对象", "visiting_household_id": "拜访的住户", "after_fever_at": "此前发热的时间", "visitor_id": "访客", "issued_at": "发放时间", "issued_by": "发放人",
    "pass_no": "证号", "valid_from": "有效期起", "valid_to": "有效期止", "community_key": "社区",
    "secret": "密钥", "worker_name": "网格员", "worker_phone": "网格员电话", "temperature_on_entry": "进门测温",
    "has_property_management": "有物业", "available": "可值守时间", "skills": "特长", "unit_name": "单位",
    "absent": "缺岗", "ends_at": "结束时间", "post_kind": "岗位", "starts_at": "开始时间",
    "loser_id": "并入的一条", "survivor_id": "保留的一条", "merged_by": "合并人", "merged_wall": "合并时间",
    "pair": "合并的两条", "step": "后续措施", "target_id": "处理的记录", "detail": "详情", "taken_by": "处理人",
    "taken_at": "处理时间",
    "revoked_at": "作废时间", "revoked_reason": "作废原因", "revoked_by": "作废人", "plate": "车牌号",
    "override_reason": "特许出门原因", "voids_id": "作废的登记", "void_reason": "作废原因", "corrects_id": "更正的记录",
    "last_visit_on": "最近走访日期", "release_note": "解除说明", "ends_on": "结束日期", "from_round_id": "上一轮",
    "people_per_household": "每户可出门人数", "every_days": "每几天",
    # A column one table means otherwise (table.column): a shift's person is the one on duty.
    "duty_shift.person_id": "值守人员",
    "notice_template.issuer_mark": "红头", "notice_template.title": "标题", "notice_template.salutation": "称呼",
    "notice_template.body": "正文", "notice_template.signature": "落款", "notice_template.updated_wall": "修改时间",
    "report_template.form": "报表类型", "report_template.signature": "落款", "report_template.sheet": "工作表",
    "report_template.header_row": "表头所在行", "report_template.mapping": "对应关系", "report_template.list_name": "名单",
    "canvass_question.label": "问题", "canvass_question.key": "按键", "canvass_question.flags": "要紧的回答",
    "canvass_question.sort": "顺序",
}


_OUTPUT_LABELS = {"audit": "审计记录", "street-report": "街道日报", "import-errors": "导入出错的行",
                  "canvass-round": "摸排录入表", "template:figures": "填报表格（数字）",
                  "backup-copy": "备份的副本", RESTORE_TARGET: "整个数据文件"}


@lru_cache(maxsize=None)
def what_label(what: str) -> str:
    """What an audit line is about, as a clerk reads it: a changed column ('person.phone' is
    居民·联系电话) or the list or form printed or exported ('register' is 居民台账). A name no
    label is known for (a newer version's) is shown as it is. Remembered: an audit export runs
    it for every one of ~900,000 lines, which name a few hundred things."""
    from desktop.excel.lists import LISTS
    from desktop.printing.forms import FORMS
    from desktop.sync.status import TABLE_LABELS
    table, dot, column = what.partition(".")
    if not dot:
        if what in LISTS:
            return LISTS[what].title
        if what in FORMS:
            return FORMS[what].title
        if what.startswith("template:") and what[9:] in LISTS:
            return f"填报表格（{LISTS[what[9:]].title}）"
        return _OUTPUT_LABELS.get(what, what)
    return f"{TABLE_LABELS.get(table, table)}·{_COLUMN_LABELS.get(what) or column_label(column)}"


@lru_cache(maxsize=None)
def column_label(column: str) -> str:
    """A column as a clerk calls it (frequency: 走访频次); one no label is known for as it is."""
    from desktop.excel.columns import FIELDS, REGISTER
    fields = {f.key: f.label for f in FIELDS[REGISTER]}
    return _COLUMN_LABELS.get(column) or fields.get(column, column)


def _value_words(what: str, value: str | None) -> str | None:
    """A changed value as a clerk reads it (desktop.sync.status.cell_words: 健康, not healthy;
    是/否, not 1/0; a time as the line's own time, 2020-02-20 08:00, not 2020-02-20T08:00). Codes
    are short: a longer value (a name, a note) is shown as it is."""
    if value is not None and _TIME.fullmatch(value):
        return value.replace("T", " ", 1)
    return value if value is None or len(value) > 20 and not _listed(what) else _short_words(what, value)


_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


@lru_cache(maxsize=None)
def _listed(what: str) -> bool:
    """A column holding a list of codes (elder_alone,low_income,treatment): long, read all the same."""
    from desktop.sync.status import LISTED
    table, _, column = what.partition(".")
    return (table, column) in LISTED


@lru_cache(maxsize=4096)
def _short_words(what: str, value: str) -> str:
    from desktop.sync.status import cell_words
    table, _, column = what.partition(".")
    return cell_words(table, column, value) if column else value


# Columns holding a record's id, and the table it is a record of: the audit shows the record in
# words there (desktop.sync.status.records_words: a name, an address, a checkpoint, a pass), not
# 0193ab…; (table, column) first.
_REFERENCES = {("duty_shift", "person_id"): "duty_person", ("care_visit", "corrects_id"): "care_visit",
               ("isolation_followup", "corrects_id"): "isolation_followup", ("gate_log", "voids_id"): "gate_log",
               ("canvass_step", "target_id"): "canvass_target",
               ("gate_log", "visiting_household_id"): "household"}
_REFERENCE_COLUMNS = {"person_id": "person", "landlord_person_id": "person", "merged_into": "person",
                      "household_id": "household", "helper_id": "care_helper", "visitor_id": "visitor",
                      "canvasser_id": "duty_person", "compound_id": "compound", "building_id": "building",
                      "unit_id": "unit", "grid_id": "grid", "community_id": "community", "community_key": "community",
                      "checkpoint_id": "checkpoint", "pass_id": "gate_pass", "episode_id": "isolation_episode",
                      "subject_id": "care_subject", "round_id": "canvass_round", "from_round_id": "canvass_round"}
#: Lines read at once by ``audit_rows``: their records' words are looked up a page at a time.
PAGE = 500


@lru_cache(maxsize=None)
def _refers_to(what: str) -> str | None:
    """The table whose record a changed column ('membership.household_id') names, or None."""
    table, _, column = what.partition(".")
    return _REFERENCES.get((table, column)) or _REFERENCE_COLUMNS.get(column)


def _record_names(conn, entries: list[AuditEntry]) -> dict[tuple[str, str], str]:
    """{(table, record id): the record in words, masked as the audit masks} for every record the
    entries are about (their own row) or name in their old and new values; one query per table,
    whatever the number of lines."""
    from desktop.sync.status import records_words
    wanted: dict[str, set] = {}
    for e in entries:
        if table := _refers_to(e.what):
            wanted.setdefault(table, set()).update(v for v in (e.old, e.new) if v)
        elif e.what == _ANSWERS:
            wanted.setdefault("person", set()).update(p for v in (e.old, e.new) for p in _answers(v) or ())
        elif e.what == _SCOPE:
            wanted.setdefault("place", set()).update(i for v in (e.old, e.new) if v for i in v.split(","))
        table, dot, _ = e.what.partition(".")
        if dot and e.row_id:
            wanted.setdefault(table, set()).add(e.row_id)
    found = {key: _text(words) for key, words in records_words(conn, wanted).items()}
    if any(e.what in (_ANSWERS, _QUESTIONS) for e in entries):
        found.update((("question", code), label) for code, label in _question_labels(conn).items())
    return found


# A canvass result's answers: {person id: {question code: yes/no or words}}; a round's questions:
# their codes, comma separated.
_ANSWERS, _QUESTIONS = "canvass_result.answers", "canvass_round.questions"
# A round's scope: its compounds' or buildings' ids, comma separated.
_SCOPE = "canvass_round.scope_ids"


def _answers(value: str | None) -> dict | None:
    """The answers stored, or None for a value that is not answers (a newer version's)."""
    try:
        found = json.loads(value) if value else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _question_labels(conn) -> dict[str, str]:
    """{question code: the question as the canvass sheet asks it}: built in, then the office's."""
    from desktop.canvass.questions import BUILTIN
    added = conn.execute("SELECT code, label FROM canvass_question WHERE code IS NOT NULL AND label IS NOT NULL")
    return {q.code: q.label for q in BUILTIN} | dict(added.fetchall())


def _answers_words(value: str | None, names: dict) -> str | None:
    """A household's answers at the door as a clerk reads them: each person and what they
    answered yes (or in words) to (张三：发热（37.3°C及以上）；李梅：近14天从外地返回：武汉), not the
    stored {person id: {code: …}}; 都没有 when nobody answered yes (a member not named said no)."""
    if (answers := _answers(value)) is None:
        return value
    said = []
    for person, asked in answers.items():
        yes = [names.get(("question", code), code) + ("" if given is True else f"：{given}")
               for code, given in (asked.items() if isinstance(asked, dict) else ()) if given not in (False, None, "")]
        if yes:
            said.append(f"{names.get(('person', person), person)}：{'，'.join(yes)}")
    return "；".join(said) or "都没有"


def _reference_words(what: str, value: str | None, names: dict) -> str | None:
    """A record id as the audit shows it: the record in words (``_record_names``)."""
    return names.get((_refers_to(what), value), value) if value else value


def audit_rows(db, entries) -> list[tuple]:
    """The entries as the rows a person reads (the workbook's and the page's columns). The record
    a line is about, and a value that is a record's id, read as the record in words (a name masked
    as the audit masks, an address, a checkpoint's name); they are looked up a page of lines at a
    time (``PAGE``)."""
    entries = list(entries)
    rows = []
    with db.reading() as conn:
        for start in range(0, len(entries), PAGE):
            page = entries[start:start + PAGE]
            names = _record_names(conn, page)
            rows += [_row(e, names) for e in page]
    return rows


def _row(e: AuditEntry, names: dict) -> tuple:
    if _refers_to(e.what):
        old, new = _reference_words(e.what, e.old, names), _reference_words(e.what, e.new, names)
    elif e.what == _ANSWERS:
        old, new = _answers_words(e.old, names), _answers_words(e.new, names)
    elif e.what in (_QUESTIONS, _SCOPE):   # 发热（37.3°C及以上）、咳嗽…, not fever,cough; 幸福里小区3栋、…
        kind = "question" if e.what == _QUESTIONS else "place"
        old, new = ("、".join(names.get((kind, c), c) for c in v.split(",") if c) if v else v for v in (e.old, e.new))
    else:
        old, new = _value_words(e.what, e.old), _value_words(e.what, e.new)
    record = names.get((e.what.partition(".")[0], e.row_id), e.row_id)
    return (e.at.replace("T", " "), e.user_name, _KIND.get(e.action, e.action), what_label(e.what), record, old, new,
            e.people, masked_words(e.what, e.masked), e.file_name, e.reason or None)


def masked_words(what: str, masked: bool | None) -> str | None:
    """What an output held of personal data, in words that stand alone under the column 个人信息:
    号码已隐去/号码未隐去 (its ID numbers and phones hidden or whole); a form that never carries
    a number (the battle map, desktop.printing.forms.NAMES_ONLY) is masked when it leaves
    names out: 不含姓名/含姓名 (a 是 under 隐去号码 said nothing true of it). None: not an output
    (a change, a restore)."""
    if masked is None:              # most lines (changes): no import to look up
        return None
    from desktop.printing.forms import NAMES_ONLY
    if what in NAMES_ONLY:
        return "不含姓名" if masked else "含姓名"
    return "号码已隐去" if masked else "号码未隐去"


# 记录: the record in words (a name, an address, a pass's number), as a clerk finds it in the window;
# its id is found nowhere a clerk looks. 个人信息: numbers hidden or not, names on a map or not.
# (English, Chinese): the page (ui.i18n.label) and the workbook say the same words, short enough
# for the page's column at 1024×768.
HEADINGS = {"at": ("Time", "时间"), "user": ("User", "操作人"), "action": ("Action", "操作"),
            "what": ("List, form or field", "名单、表格或字段"), "record": ("Record", "记录"),
            "old": ("Old value", "原值"), "new": ("New value", "新值"), "people": ("People", "人数"),
            "masked": ("Personal data", "个人信息"), "file": ("File", "文件名"), "reason": ("Purpose", "用途")}
COLUMNS = tuple(chinese for _, chinese in HEADINGS.values())
_KIND = {**ACTIONS, "insert": "新增", "patch": "修改"}


# A change's wall time in ms (db/sync/log.py: ``wall`` is the wall ms after the HLC's ms), as the
# audit's 时间 shows it. A change received from another machine keeps the text it came with, in
# the form every Menshen writes (2020-02-20T08:00:00.123+00:00): read to the whole second, as
# ``_local_time`` reads it; -1 for any other text (a naive time is local to a clock we do not
# know), counted as before any ``since``. Cut and parsed by SQLite: 1.7 µs a change.
_TEXT_WALL_S = ("julianday(CASE WHEN length({0}.wall) = 29 AND substr({0}.wall, 20, 1) = '.'"
                " AND substr({0}.wall, -6, 1) IN ('+', '-') THEN substr({0}.wall, 1, 19) || substr({0}.wall, -6) END)")
_WALL_MS = ("(CASE typeof({0}.wall) WHEN 'integer' THEN ({0}.hlc >> 16) + {0}.wall"
            f" WHEN 'text' THEN coalesce(CAST(round(({_TEXT_WALL_S} - 2440587.5) * 86400) AS INTEGER) * 1000, -1)"
            " ELSE -1 END)")


def _since_ms(since: str) -> int | None:
    """The first wall ms (UTC) whose local time, as ``_changes`` compares it, is ``since`` or
    later; None when ``since`` is not a local date or time (nothing then counted as sure).
    Rounded up to a whole second (the audit's times are to the second) and, for an hour the
    clocks go back over, its later pass: a change counted is always one the audit keeps."""
    try:
        when = datetime.fromisoformat(since)
    except ValueError:
        return None
    if when.tzinfo is not None:
        return None
    return math.ceil(when.replace(fold=1).timestamp()) * 1000


def lines_at_least(conn, since: str | None) -> int:
    """The fewest lines the audit from ``since`` is sure to have, counted without reading the log
    (reading it takes half a minute on the demo): the export then says a stick too small for it
    before it starts. An export or print is one line. A row of an append-only log (a passage) is
    written once, whole, so each column it cannot leave empty is a line; every other row's first
    change says at least one of its values. With ``since``, the rows whose every change is that
    late (so their first one is in the audit), by the change's own wall time: not the HLC's, which
    a package from a fast clock pushes ahead of it; a change received from another machine by
    the text time it came with (``_WALL_MS``; a text in another form is left out: never more
    than the truth). The demo without ``since``: 209,000 of 862,000."""
    from db.sync.registry import APPEND, SYNC_TABLES
    outputs = conn.execute("SELECT count(*) FROM audit_event" + (" WHERE at >= ?" if since else ""),
                           (since,) if since else ()).fetchone()[0]
    lines = outputs
    if not since:
        made = conn.execute("SELECT t.name, count(DISTINCT l.row_id) FROM sync_log l"
                            " JOIN sync_table_no t ON t.no = l.tbl GROUP BY t.name").fetchall()
    elif (after := _since_ms(since)) is None:
        return outputs
    else:       # read through the (tbl, row_id) index only for the changes since
        made = conn.execute(
            "SELECT t.name, count(DISTINCT l.row_id) FROM sync_log l JOIN sync_table_no t ON t.no = l.tbl"
            f" WHERE {_WALL_MS.format('l')} >= ?1 AND NOT EXISTS (SELECT 1 FROM sync_log e"
            f" WHERE e.tbl = l.tbl AND e.row_id = l.row_id AND {_WALL_MS.format('e')} < ?1) GROUP BY t.name",
            (after,)).fetchall()
    for table, rows in made:
        if table == "audit_event" or table not in SYNC_TABLES:
            continue
        if SYNC_TABLES[table].kind != APPEND:
            lines += rows
            continue
        # NOT NULL (with a default: db/schema/0018) and said when new (_said_when_new).
        filled = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')
                  if c[3] and not c[5] and c[1] not in _QUIET | {"id", "is_deleted"}]
        lines += rows * len(filled)
    return lines


def export_audit(db, path: Path | str, since: str | date | None = None) -> int:
    """The audit as a workbook; returns its rows. Goes through the one list writer, so no cell
    is a formula; a stick too small for the lines it is sure to hold is said before the first
    (``lines_at_least``). Exporting the audit is itself audited."""
    require(db, Permission.AUDIT)
    from desktop.excel.export import Column, write_list
    widths = (17, 10, 6, 24, 24, 20, 20, 6, 10, 20, 20)
    from itertools import islice
    with db.reading() as conn:              # streamed: the demo's 870,000 values never all in memory
        trail = _trail(conn, None, _since(since), True, True)
        rows = (row for page in iter(lambda: list(islice(trail, PAGE)), []) for row in audit_rows(db, page))
        count = write_list(path, "审计记录", [Column(h, w) for h, w in zip(COLUMNS, widths)], rows,
                           sheet_name="审计", at_least=lines_at_least(conn, _since(since)))
    record_output(db, "export", "audit", count, True, path)     # masked: _text
    return count
