"""What the sync page shows (issue 15 point 5), without Qt: the machines heard of, the log of
every export and import, and the open conflicts in words a clerk reads; and the two ways a
clerk closes a conflict (keep what the record shows now, or take one machine's value).

Everything is read in one read transaction per call and returned as frozen dataclasses.
"""
import json
import os
import platform
from dataclasses import dataclass, replace

from db.sync import knowledge as kn
from db.sync.log import q
from db.sync.merge import open_conflicts, resolve_conflict
from db.sync.registry import SYNC_TABLES
from db.sync.site import given_name, machine_name, name_site, site_words
from db.sync.versions import row_versions, says
from desktop import vocab
from desktop.accounts.roles import ROLE_NAMES, Permission, require
from desktop.canvass.records import OUTCOMES as CANVASS_OUTCOMES, SCOPE_KINDS, STEPS as CANVASS_STEPS
from desktop.care import vocab as cv
from desktop.duty.records import KIND as DUTY_KIND, POST_KIND
from desktop.gate.checkpoints import KIND_WORDS as CHECKPOINT_KINDS
from desktop.gate.log import DIRECTIONS, ENTRY_KINDS, OUTCOMES as GATE_OUTCOMES, SOURCES as GATE_SOURCES
from desktop.errors import InputError
from desktop.register import rules
from desktop.sync.exchange import duplicate_person_groups

# Field groups (db/sync/registry.py) and single columns, as a clerk calls them.
GROUP_LABELS = {
    "name": "姓名", "idno": "证件信息", "status": "在册状态", "key_person": "重点人员",
    "residence": "户籍与居住", "phone": "电话", "note": "备注", "is_deleted": "删除",
    "merged_into": "合并", "address": "地址", "tenure": "住房性质", "link": "所属户",
    "created": "登记信息", "validity": "有效期", "issued": "发放", "revoked": "作废",
    "rule": "出入规则", "contact": "联系人", "plan": "隔离日期", "release": "解除隔离",
    "content": "内容", "mapping": "对应关系", "question": "问题", "scope": "范围", "dates": "日期",
    "roll": "名单", "visit": "走访结果", "post": "岗位", "time": "时间", "pair": "合并",
}
TABLE_LABELS = {
    "person": "居民", "household": "户", "community": "社区", "grid": "网格", "compound": "小区",
    "building": "楼栋", "unit": "单元", "membership": "户成员", "gate_pass": "出入证", "visitor": "访客",
    "checkpoint": "卡口", "gate_rule": "出入规则", "care_subject": "关爱对象", "care_contact": "联系人",
    "isolation_episode": "居家隔离", "canvass_result": "排查结果", "duty_person": "值守人员",
    "duty_shift": "值班", "person_merge": "重复登记的合并", "account": "账号",
    "duty_merge": "值守人员重复登记的合并",
    "canvass_round": "摸排轮次", "care_visit": "关爱走访", "care_green_channel": "就医绿色通道",
    "isolation_followup": "隔离随访", "status_change": "状态变动", "travel_record": "行程", "gate_log": "出入登记",
    "gate_secret": "出入证密钥", "care_helper": "帮扶人", "vehicle": "车辆", "canvass_question": "摸排问题",
    "canvass_step": "摸排后续处理", "notice_template": "通知模板", "report_template": "报表模板",
    "place": "小区或楼栋",         # no table: records_words's look-up of either (a canvass round's scope)
    "canvass_target": "隔离、关爱对象或居民",     # no table: a canvass step's target, one of ``EITHER``'s
}
# Columns left out of a value shown (derived from another column of the same group).
_HIDDEN = {"name_pinyin", "name_initials"}
NAME_MAX = 20
KIND_LABELS = {"snapshot": "全量", "incremental": "增量"}
DELETED_WITH_MEMBERS = "deleted_with_members"


@dataclass(frozen=True)
class Machine:
    site_id: str
    name: str                   # machine_name: the name its clerk gave it (code), else its code
    last_package_at: str | None     # the newest package we imported from it (its wall time)
    missing: int                # changes we hold that it is not known to hold


@dataclass(frozen=True)
class LogEntry:
    at: str
    direction: str              # 'export' | 'import'
    peer: str                   # the machine's name; '' for "everyone"
    kind: str                   # 全量 / 增量
    file_name: str
    status: str
    n_changes: int
    n_new: int | None
    n_conflicts: int | None


@dataclass(frozen=True)
class Head:
    site_id: str
    seq: int
    device: str                 # the machine that made this version
    user: str                   # who typed it there
    wall_time: str              # when, by that machine's clock
    value: str                  # the group's values in words
    values: tuple               # ((column, value), ...): what "use this value" writes
    current: bool               # the value the record shows now


@dataclass(frozen=True)
class Conflict:
    table: str
    row_id: str
    group: str
    record: str                 # the person's name, the household's address …
    field: str                  # the field group in Chinese
    heads: tuple                # (Head, ...), the current one first
    kind: str = "conflict"      # or DELETED_WITH_MEMBERS: a household deleted while someone moved in


# -- machines ------------------------------------------------------------------------------------

def _names(conn, db) -> dict[str, str]:
    out = {r[0]: machine_name(r[1], r[2], r[0])
           for r in conn.execute("SELECT site_id, site_name, site_code FROM sync_peer")}
    site = db.site
    # This machine said as such: a conflict listed two codes (S8918, SD820) and the clerk could not
    # tell which value was typed here. Its own code is no help to the clerk, and the narrow
    # column cut 本机（S8918） to 本机….
    out[site.site_id] = "本机"
    return out


def machines(db) -> list[Machine]:
    """Every other machine heard of, newest exchange first: when its last package came, and how
    many of our changes it is still missing (our knowledge above what it told us it holds)."""
    with db.reading() as conn:
        ours = kn.knowledge(conn)
        out = []
        for site_id, name, code, last in conn.execute(
                "SELECT site_id, site_name, site_code, last_package_at FROM sync_peer"):
            acked = kn.peer_knowledge(conn, site_id)
            missing = sum(max(0, n - acked.get(s, 0)) for s, n in ours.items())
            out.append(Machine(site_id, machine_name(name, code, site_id), last, missing))
    return sorted(out, key=lambda m: m.last_package_at or "", reverse=True)


def this_machine_name(db) -> str:
    """The name a clerk gave this computer; '' when none was given."""
    return given_name(db.site.site_name, db.site.site_code)


def suggested_name() -> str:
    """The name a computer gets when its clerk gives none: Windows' computer name (the one on
    the technician's list), else the host's."""
    return (os.environ.get("COMPUTERNAME") or platform.node() or "").strip()[:NAME_MAX]


def name_this_machine(db, name: str) -> str:
    """Name this computer as the other machines will list it, from the next package on."""
    require(db, Permission.SYNC)
    name = " ".join(name.split())
    if not name:
        raise InputError("machine_name", "请给这台电脑起个名字，例如“村委会办公室”或“村口卡口笔记本”。")
    if len(name) > NAME_MAX:
        raise InputError("machine_name", f"电脑的名字最多{NAME_MAX}个字，请起个短一点的，例如“村口卡口笔记本”。")
    with db.transaction() as conn:
        name_site(conn, name)
    db.site = replace(db.site, site_name=name)      # the next package's header and directory carry it
    return name


# -- the log -------------------------------------------------------------------------------------

def sync_log(db, limit: int = 200) -> list[LogEntry]:
    """The newest exports and imports, newest first, with their counts."""
    with db.reading() as conn:
        names = _names(conn, db)
        rows = conn.execute(
            "SELECT at, direction, peer_site, kind, file_name, status, n_changes, n_new, n_conflicts"
            " FROM sync_package_log ORDER BY at DESC, rowid DESC LIMIT ?", (limit,)).fetchall()
    return [LogEntry(at, direction, names.get(peer, peer[:8]) if peer else "", KIND_LABELS.get(kind, kind or ""),
                     file_name or "", status, n or 0, n_new, n_conf)
            for at, direction, peer, kind, file_name, status, n, n_new, n_conf in rows]


# -- conflicts -----------------------------------------------------------------------------------

def _address(conn, values: dict) -> str:
    """A household's address group in words: 幸福里小区4栋2单元501室, or the free address."""
    def one(sql, key):
        found = conn.execute(sql, (values.get(key),)).fetchone() if values.get(key) else None
        return found[0] if found else None
    return place_words(one("SELECT name FROM compound WHERE id = ?", "compound_id"),
                       one("SELECT number FROM building WHERE id = ?", "building_id"),
                       one("SELECT number FROM unit WHERE id = ?", "unit_id"), values.get("room"),
                       values.get("address_text"))


def place_words(compound, building, unit, room, text) -> str:
    """An address from its parts (the compound's name, the building's and the unit's numbers,
    the room, the free address): 幸福里小区4栋2单元501室, or 王家湾小组王家湾12号."""
    if text and not building:
        return (compound or "") + text
    return "".join([compound or "", f"{building}栋" if building else "", f"{unit}单元" if unit else "",
                    f"{room}室" if room else ""]) or (text or "")


def household_addresses(conn, ids) -> dict[str, str]:
    """{household id: its address in words} for the households of ``ids`` on this machine that
    have one, in one query (the sync page's conflicts, a gate's households)."""
    return {i: words for (_, i), words in _held_words(conn, "household", ids).items() if words}


def _household_address(conn, row_id: str) -> str:
    return household_addresses(conn, [row_id]).get(row_id, "")


# A merge of one person registered twice: the table of the two records it joins.
MERGED = {"person_merge": "person", "duty_merge": "duty_person"}


def _merged_one(conn, tbl: str, row_id, role: str) -> str:
    """One of the two records a merge joins, told apart without a whole number: 李四（保留，证件
    尾号1239，电话尾号0001）, a resident without a phone with where and when it was entered;
    张志愿（另一条，电话尾号0001，区财政局）, a person on duty with his unit."""
    cols = ("full_name, id_number, phone, created_site, created_wall" if tbl == "person"
            else "full_name, NULL, phone, created_site, unit_name")
    row = conn.execute(f"SELECT {cols} FROM {tbl} WHERE id = ?", (row_id,)).fetchone() if row_id else None
    if row is None:
        return f"一条已不在本机的记录（{role}）"
    name, idno, phone, site, last = row
    said = [role]
    if idno:
        said.append(f"证件尾号{idno[-4:]}")
    if phone:
        said.append(f"电话尾号{phone[-4:]}")
    if tbl == "duty_person":
        said += [last] if last else []
    elif not phone:               # a resident without a phone: where and when the record was made
        made = site_words(conn, site)
        when = last.replace("T", " ")[:16] if last else ""
        said += [f"{made}{' ' if made and when else ''}{when}登记"] if made or when else []
    return f"{name or '（没有姓名）'}（{'，'.join(said)}）"


def merge_words(conn, tbl: str, survivor_id, loser_id) -> str:
    """A merge of ``MERGED`` as the sync page and the audit show it, never a record id:
    合并：张志愿（保留，电话尾号0001）← 张志愿（另一条，电话尾号0001，区财政局）. Read from the
    records as they are now (the one merged away is hidden, not gone)."""
    kept, gone = (_merged_one(conn, MERGED[tbl], pid, role)
                  for pid, role in ((survivor_id, "保留"), (loser_id, "另一条")))
    return f"合并：{kept}← {gone}"


def _value_words(conn, tbl: str, group: str, values: dict) -> str:
    """A head's values as a clerk reads them: an address, the person a merge keeps; never a raw
    record id."""
    if (tbl, group) == ("household", "address"):
        return _address(conn, values) or "（空）"
    if tbl in MERGED and group == "pair":
        return merge_words(conn, tbl, values.get("survivor_id"), values.get("loser_id"))
    return _words(tbl, values)


def record_words(conn, tbl: str, row_id: str) -> str:
    """The record a conflict or an audit line is about, in words (``records_words``)."""
    return records_words(conn, {tbl: [row_id]})[(tbl, row_id)]


def records_words(conn, wanted: dict) -> dict[tuple[str, str], str]:
    """{(table, record id): the record in words} for ``wanted`` ({table: record ids}), one query
    per table whatever the number of ids: a person's name, a household's or a place's address
    (幸福里小区3栋2单元501室), a checkpoint's name, a pass by its holder and number, an isolation
    or a care listing by its person and day, the person a merge keeps. A record without words
    reads as its kind and the end of its id (出入规则（编号尾号5f5442e8）); one of a kind that has
    words but is not on this machine says so. The end, not the start: an id starts with the time
    it was made, the same for every record made that minute."""
    found = {}
    for tbl, ids in wanted.items():
        ids = [i for i in dict.fromkeys(ids) if i]
        held = _held_words(conn, tbl, ids)
        for i in ids:
            gone = "" if (tbl, i) in held or tbl not in _NAMED and tbl not in EITHER else "，本机没有这条记录"
            found[(tbl, i)] = held.get((tbl, i)) or f"{TABLE_LABELS.get(tbl, tbl)}（编号尾号{i[-8:]}{gone}）"
    return found


def _held_words(conn, tbl: str, ids) -> dict[tuple[str, str], str | None]:
    """{(table, id): words} for the records of ``ids`` this machine holds (None: held, but
    nothing to name it by, such as a step of a household's canvass with no person)."""
    if tbl in EITHER:               # each table tried; an id is one table's (ids are unique)
        return {(tbl, i): words for one in EITHER[tbl] for (_, i), words in _held_words(conn, one, ids).items()}
    if tbl not in _NAMED:
        return {}
    sql, say = _NAMED[tbl]
    ids, found = list(dict.fromkeys(i for i in ids if i)), {}
    for start in range(0, len(ids), 900):             # SQLite's bound on the parameters of one query
        part = ids[start:start + 900]
        # Numbered (?1, ?2 …): a query may name the ids twice (a place: a compound or a building).
        numbered = ",".join(f"?{n}" for n in range(1, len(part) + 1))
        for row_id, *values in conn.execute(sql.format(ids=numbered), part):
            found[(tbl, row_id)] = say(*values) or None
    return found


# A column naming a record of one of several tables: a canvass step's target is the isolation it
# began, the care subject it listed or the person whose status it changed (canvass.rounds.take_step).
EITHER = {"canvass_target": ("isolation_episode", "care_subject", "person")}


# Records of one person (a person_id column), named by the person, and the day that tells one of
# theirs from another: 袁佳月（居家隔离，2026-11-25起）, 王宇航（出入登记，2026-11-24 07:00）.
_OF_PERSON = {"care_subject": "t.listed_on || '列入'", "isolation_episode": "t.start_on || '起'", "vehicle": "NULL",
              "travel_record": "t.arrived_on || '到达'", "status_change": "t.changed_at", "care_visit": "t.visited_on",
              "isolation_followup": "t.day", "gate_log": "t.at", "canvass_step": "NULL", "care_green_channel": "NULL"}
# A household's address: its compound's name, its building's and unit's numbers, room, free text.
_HOUSEHOLD_PLACE = ("c.name, b.number, u.number, h.room, h.address_text",
                    " LEFT JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
                    " LEFT JOIN unit u ON u.id = h.unit_id")


def _of_person(tbl: str) -> tuple:
    """How records of ``tbl`` are named by their person: a green channel through its care
    subject; a passage at the gate by the person, else the name written down or the visitor."""
    name, joins = "p.full_name", " LEFT JOIN person p ON p.id = t.person_id"
    if tbl == "care_green_channel":
        joins = " LEFT JOIN care_subject s ON s.id = t.subject_id LEFT JOIN person p ON p.id = s.person_id"
    elif tbl == "gate_log":
        name = "coalesce(p.full_name, t.holder_name, v.full_name)"
        joins += " LEFT JOIN visitor v ON v.id = t.visitor_id"
    label = TABLE_LABELS[tbl]
    return (f"SELECT t.id, {name}, {_OF_PERSON[tbl]} FROM {tbl} t{joins} WHERE t.id IN ({{ids}})",
            _whose(lambda who, when: f"{who}（{label}，{_day(when)}）" if when else f"{who}（{label}）"))


def _whose(say):
    """Words of a record named by a person (or a name): none when the name is not there."""
    return lambda name, *more: say(name, *more) if name else None


def _named(column: str, tbl: str) -> tuple:
    return f"SELECT id, {column} FROM {tbl} WHERE id IN ({{ids}})", _whose(lambda name: name)


def _merge_named(tbl: str) -> tuple:
    said = f"（{'值守人员，' if tbl == 'duty_merge' else ''}重复登记）"
    return (f"SELECT m.id, p.full_name FROM {tbl} m LEFT JOIN {MERGED[tbl]} p ON p.id = m.survivor_id"
            " WHERE m.id IN ({ids})", _whose(lambda name: name + said))


def _day(at) -> str:
    return str(at or "").replace("T", " ")[:16]


# Each kind of record with words: (its query, its words from the columns after the id, or None).
_NAMED = {
    **{tbl: _named("full_name", tbl) for tbl in ("person", "duty_person", "care_helper", "visitor", "care_contact")},
    **{tbl: _named("name", tbl) for tbl in ("checkpoint", "grid", "community", "canvass_round", "account",
                                            "notice_template", "report_template")},
    "canvass_question": _named("label", "canvass_question"),
    "household": (f"SELECT h.id, {_HOUSEHOLD_PLACE[0]} FROM household h{_HOUSEHOLD_PLACE[1]}"
                  " WHERE h.id IN ({ids})", place_words),
    "compound": ("SELECT id, name, NULL, NULL, NULL, NULL FROM compound WHERE id IN ({ids})", place_words),
    "building": ("SELECT b.id, c.name, b.number, NULL, NULL, NULL FROM building b"
                 " LEFT JOIN compound c ON c.id = b.compound_id WHERE b.id IN ({ids})", place_words),
    "unit": ("SELECT u.id, c.name, b.number, u.number, NULL, NULL FROM unit u"
             " LEFT JOIN building b ON b.id = u.building_id LEFT JOIN compound c ON c.id = b.compound_id"
             " WHERE u.id IN ({ids})", place_words),
    # A compound or a building (a canvass round's scope names either kind).
    "place": ("SELECT id, name, NULL, NULL, NULL, NULL FROM compound WHERE id IN ({ids}) UNION ALL"
              " SELECT b.id, c.name, b.number, NULL, NULL, NULL FROM building b"
              " LEFT JOIN compound c ON c.id = b.compound_id WHERE b.id IN ({ids})", place_words),
    **{tbl: _of_person(tbl) for tbl in _OF_PERSON},
    "membership": (f"SELECT t.id, p.full_name, {_HOUSEHOLD_PLACE[0]} FROM membership t LEFT JOIN person p"
                   f" ON p.id = t.person_id LEFT JOIN household h ON h.id = t.household_id{_HOUSEHOLD_PLACE[1]}"
                   " WHERE t.id IN ({ids})", _whose(lambda name, *place: f"{name}（户成员，{place_words(*place)}）"
                                                    if place_words(*place) else f"{name}（户成员）")),
    # A pass names its holder, or for a household's pass (any member) the household's door.
    "gate_pass": (f"SELECT g.id, g.pass_no, p.full_name, {_HOUSEHOLD_PLACE[0]} FROM gate_pass g"
                  f" LEFT JOIN person p ON p.id = g.person_id LEFT JOIN household h ON h.id = g.household_id"
                  f"{_HOUSEHOLD_PLACE[1]} WHERE g.id IN ({{ids}})",
                  lambda no, name, *place: f"{name or place_words(*place) or '一户'}（出入证 {no}）"),
    "duty_shift": ("SELECT t.id, p.full_name, t.starts_at FROM duty_shift t"
                   " LEFT JOIN duty_person p ON p.id = t.person_id WHERE t.id IN ({ids})",
                   _whose(lambda name, at: f"{name}（值班，{_day(at)}）")),
    "canvass_result": (f"SELECT t.id, coalesce(r.name, ''), {_HOUSEHOLD_PLACE[0]} FROM canvass_result t"
                       " LEFT JOIN canvass_round r ON r.id = t.round_id LEFT JOIN household h ON h.id = t.household_id"
                       f"{_HOUSEHOLD_PLACE[1]} WHERE t.id IN ({{ids}})",
                       lambda rnd, *place: f"{rnd or '排查结果'} {place_words(*place) or '（没有地址的户）'}"),
    **{tbl: _merge_named(tbl) for tbl in MERGED},
}


# Stored codes and yes/no columns, as a clerk reads them (a conflict's values, an audit line's):
# each vocabulary is the one the window and paper word the same codes by, code -> (English,
# Chinese) or code -> Chinese (the gate's).
CODED = {("person", "status"): vocab.STATUS, ("person", "residence_kind"): vocab.RESIDENCE,
         ("person", "id_type"): vocab.ID_TYPE, ("person", "sex"): vocab.SEX, ("membership", "relation"): vocab.RELATION,
         ("household", "tenure"): vocab.TENURE, ("compound", "kind"): vocab.COMPOUND_KIND,
         ("community", "kind"): vocab.COMMUNITY_KIND, ("account", "role"): ROLE_NAMES,
         ("status_change", "old_status"): vocab.STATUS, ("status_change", "new_status"): vocab.STATUS,
         ("duty_person", "kind"): DUTY_KIND, ("duty_shift", "post_kind"): POST_KIND,
         ("gate_log", "outcome"): GATE_OUTCOMES, ("gate_log", "direction"): DIRECTIONS,
         ("gate_log", "source"): GATE_SOURCES, ("gate_log", "kind"): ENTRY_KINDS,
         ("checkpoint", "kind"): CHECKPOINT_KINDS,
         ("care_helper", "kind"): cv.HELPER_KIND, ("care_subject", "categories"): cv.CATEGORY,
         ("care_subject", "needs"): cv.NEED, ("care_subject", "frequency"): cv.FREQUENCY,
         ("care_visit", "mode"): cv.VISIT_MODE, ("care_visit", "needs_raised"): cv.NEED,
         ("isolation_episode", "kind"): cv.ISOLATION_KIND, ("isolation_followup", "slot"): cv.SLOT,
         ("isolation_followup", "symptoms"): cv.SYMPTOM, ("isolation_followup", "needs"): cv.NEED,
         ("canvass_result", "outcome"): CANVASS_OUTCOMES, ("canvass_step", "step"): CANVASS_STEPS,
         ("canvass_round", "scope_kind"): SCOPE_KINDS, ("canvass_round", "from_outcomes"): CANVASS_OUTCOMES}
# Columns holding a list of codes, comma separated (desktop.care.vocab.join_codes).
LISTED = {("care_subject", "categories"), ("care_subject", "needs"), ("care_visit", "needs_raised"),
          ("isolation_followup", "symptoms"), ("isolation_followup", "needs"), ("canvass_round", "from_outcomes")}
YES_NO = {"is_deleted", "is_key_person", "disabled", "demo", "is_void", "fever", "rule_exceeded", "absent", "done",
          "has_property_management", "temperature_on_entry"}


def _code_word(coded: dict, code: str) -> str:
    word = coded.get(code)
    if word is None:                 # a code a newer version added: as it is
        return code
    return word[1] if isinstance(word, tuple) else word


def cell_words(tbl: str, column: str, value):
    """One stored value as a clerk reads it: a code's Chinese label (healthy: 健康, volunteer:
    志愿者, turned_back: 劝返, not_seen: 未见到本人), a list of codes as its labels
    (elder_alone,low_income: 独居老人、低保困难), a yes/no column's 是/否; anything else (a code
    a newer version added) as it is."""
    coded = CODED.get((tbl, column))
    if coded and isinstance(value, str):
        if (tbl, column) in LISTED:
            return "、".join(_code_word(coded, c) for c in cv.split_codes(value))
        if value in coded:
            return _code_word(coded, value)
    if column in YES_NO and str(value) in ("0", "1"):
        return "是" if str(value) == "1" else "否"
    return value


def _words(tbl: str, values: dict) -> str:
    shown = [str(cell_words(tbl, c, v)) for c, v in values.items() if v is not None and v != "" and c not in _HIDDEN]
    return "，".join(shown) if shown else "（空）"


def _field_words(group: str) -> str:
    """A field group as a clerk calls it; a group of one column (care_subject's frequency) by the
    column's name in the audit (desktop.audit.column_label: 走访频次)."""
    from desktop.audit import column_label
    return GROUP_LABELS.get(group) or column_label(group)


def conflict_list(db) -> list[Conflict]:
    """Every open conflict, by record then field, each with every head's value in words."""
    with db.reading() as conn:
        names = _names(conn, db)
        found = open_conflicts(conn)
        out = []
        for tbl, row_id, group, head_ids in found:
            winners = row_versions(conn, tbl, row_id)[0]
            winner = winners.get(group)
            heads = []
            for site, seq in head_ids:
                row = conn.execute("SELECT cols, wall_time, user_name, base FROM sync_change"
                                   " WHERE site_id = ? AND seq = ?", (site, seq)).fetchone()
                body = json.loads(row[0]) if row else {}
                values = _as_chosen(conn, tbl, row_id, group, body.get(group, {}), row[3] if row else None)
                current = winner is not None and (winner[1], winner[2]) == (site, seq)
                heads.append(Head(site, seq, names.get(site, site[:8]), (row[2] if row else "") or "",
                                  (row[1] if row else "") or "",
                                  _value_words(conn, tbl, group, values),
                                  tuple(sorted(values.items())), current))
            heads.sort(key=lambda h: (not h.current, h.wall_time))
            out.append(Conflict(tbl, row_id, group, record_words(conn, tbl, row_id), _field_words(group),
                                tuple(heads)))
        decided = {c.row_id for c in out if (c.table, c.group) == ("household", "is_deleted")}
        for hid, members in rules.deleted_with_members(conn).items():
            if hid not in decided:      # an open conflict on the deletion itself is decided there
                out.append(_deleted_with_members(conn, names, hid, members))
    return sorted(out, key=lambda c: (c.record, c.field, c.row_id))


def _as_chosen(conn, tbl: str, row_id: str, group: str, values: dict, base) -> dict:
    """A head's values as "use this value" writes them, in this database's columns (a newer
    Menshen's are neither shown nor chosen here): a column an older Menshen's edit left out (it
    had no such column: ``versions.says``) keeps what the record shows, as the merge keeps it,
    instead of being emptied by the choice."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({q(tbl)})")]
    cols = SYNC_TABLES[tbl].column_groups(columns).get(group, ())
    values = {c: v for c, v in values.items() if c in cols}
    silent = [c for c in cols if not says(values, c, base)]
    if not silent:
        return values
    shown = conn.execute(f"SELECT {', '.join(q(c) for c in silent)} FROM {q(tbl)} WHERE id = ?", (row_id,)).fetchone()
    return {**values, **dict(zip(silent, shown))} if shown else values


def _change_words(conn, names: dict, tbl: str, row_id: str, group: str) -> tuple[str, int, str, str, str]:
    """(site, seq, machine, user, wall time) of the change that wrote a group's value now shown."""
    winner = row_versions(conn, tbl, row_id)[0].get(group)
    if winner is None:
        return "", 0, "", "", ""
    _, site, seq = winner
    row = conn.execute("SELECT wall_time, user_name FROM sync_change WHERE site_id = ? AND seq = ?",
                       (site, seq)).fetchone()
    return site, seq, names.get(site, site[:8]), (row[1] if row else "") or "", (row[0] if row else "") or ""


def _deleted_with_members(conn, names: dict, hid: str, members: list) -> Conflict:
    """A household one machine deleted (it was empty there) while another put people in it: the
    people are kept but the household is hidden. Shown with the conflicts: "keep current" keeps it
    deleted and takes the people out of it (they stay in the register, without a household);
    "use this value" restores the household with them in it."""
    who = "、".join(name for _pid, name in members)
    site, seq, device, user, wall = _change_words(conn, names, "household", hid, "is_deleted")
    deleted = Head(site, seq, device, user, wall, f"删除这一户（{who}将不再属于任何一户）",
                   (("is_deleted", 1),), True)
    site, seq, device, user, wall = _change_words(conn, names, "membership",
                                                  rules.membership_id(hid, members[-1][0]), "link")
    kept = Head(site, seq, device, user, wall, f"保留这一户：{who}还登记在这一户", (("is_deleted", 0),), False)
    return Conflict("household", hid, "is_deleted", _household_address(conn, hid) or "（地址不明的户）",
                    "删除", (deleted, kept), DELETED_WITH_MEMBERS)


def duplicates(db) -> int:
    """ID numbers held by two or more live persons (offered for merge on the register)."""
    with db.reading() as conn:
        return duplicate_person_groups(conn)


def keep_current(db, conflict: Conflict) -> int:
    """Close the conflict keeping what the record shows now. A household deleted while people
    moved in stays deleted and its people leave it (as the register asks before a deletion)."""
    if conflict.kind == DELETED_WITH_MEMBERS:
        with db.transaction() as conn:
            for pid, _name in rules.deleted_with_members(conn).get(conflict.row_id, []):
                rules.unlink_member(conn, conflict.row_id, pid)
        return 0
    return resolve_conflict(db, conflict.table, conflict.row_id, conflict.group)


def use_value(db, conflict: Conflict, head: Head) -> int:
    """Close the conflict with this head's value."""
    return resolve_conflict(db, conflict.table, conflict.row_id, conflict.group, dict(head.values))
