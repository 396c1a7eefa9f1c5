"""Which column is which field: header words, a synonym table, and remembered corrections.

Offices name the same column many ways (身份证号 / 身份证号码 / 公民身份号码). A header is matched
exactly to a synonym first, then by the longest synonym it contains ('联系电话（手机）' is the
phone); each field takes one column. A clerk's correction is remembered under the file's header
words (its *signature*), so the next file with the same headers maps itself.

Remembered mappings are local to the machine (``import_mapping``, not synced): they describe
files this machine was given, a wrong guess on one machine must not spread to the others, and
each office re-maps in one click.
"""
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.textnorm import clean

REGISTER, GATE, CARE, CANVASS = "register", "gate", "care", "canvass"
KINDS = (REGISTER, GATE, CARE, CANVASS)
KIND_LABELS = {REGISTER: "户籍台账", GATE: "出入登记", CARE: "关爱名单", CANVASS: "摸排结果"}


@dataclass(frozen=True)
class Field:
    key: str
    label: str                       # the Chinese header an exported list uses
    synonyms: tuple[str, ...] = ()


def _f(key: str, label: str, *synonyms: str) -> Field:
    return Field(key, label, (label, *synonyms))


_PERSON = [
    # 姓 alone heads the surname of a name kept in two columns (姓 | 名, often under a 姓名 merged
    # over both): the 名 column beside it is ``given_name``, joined to it (normalise.joined_name).
    _f("full_name", "姓名", "名字", "居民姓名", "人员姓名", "被登记人", "姓 名", "成员姓名", "家庭成员",
       "家庭成员姓名", "居民", "进出人员", "出入人员", "来访人员", "外来人员", "姓", "姓氏"),
    _f("given_name", "名"),
    _f("id_number", "身份证号码", "身份证号", "公民身份号码", "公民身份证号", "身份证", "证件号码", "证件号",
       "身份证件号码", "身份号码"),
    _f("phone", "联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "本人电话", "联系手机"),
]
_PLACE = [
    _f("compound", "小区", "小区名称", "院落", "小区/院落", "所在小区", "村民小组", "小组", "组别", "片区"),
    _f("building", "楼栋", "楼号", "栋", "栋号", "幢", "楼栋号", "楼", "幢号"),
    _f("unit", "单元", "单元号"),
    _f("room", "门牌号", "房号", "房间号", "室", "门牌", "房间", "房号/门牌号"),
    _f("address", "住址", "地址", "现住址", "家庭住址", "居住地址", "详细地址", "现居住地址", "居住地"),
]

FIELDS: dict[str, list[Field]] = {
    REGISTER: _PERSON + _PLACE + [
        # 户号 numbers a household in the ledger (A001, 1, 2 …): rows with the same 户号 are one
        # household, and a member row whose address is left blank belongs to it. Not a room.
        _f("household_no", "户号", "户编号", "户序号", "家庭编号"),
        _f("address_text", "门牌地址", "门牌位置"),
        _f("sex", "性别"),
        _f("birth_date", "出生日期", "出生年月", "生日"),
        _f("id_type", "证件类型", "证件种类"),
        _f("relation", "与户主关系", "关系", "家庭关系", "与户主的关系", "是否户主", "是否为户主"),
        _f("tenure", "住房性质", "房屋性质", "产权", "自有/租住", "租住情况", "房屋类型"),
        _f("residence_kind", "人口类型", "户籍类型", "人员类型", "户籍性质", "人口性质", "人员类别"),
        _f("landlord_name", "房东姓名", "房东", "房主姓名", "房主"),
        _f("landlord_phone", "房东电话", "房东联系电话", "房东手机", "房主电话"),
        # A second column of the person's own numbers (手机号 beside 联系电话): kept, never dropped.
        # A landline (座机) beside the mobile: an old person living alone often has only that one.
        _f("other_phone", "其他电话", "备用电话", "第二电话", "电话2", "手机2", "其他联系电话", "备用手机",
           "座机", "座机号码", "座机电话", "固话", "固定电话", "家庭电话", "宅电", "家里电话"),
        _f("hukou_address", "户籍地", "户籍地址", "户籍所在地", "户口所在地", "户籍"),
        _f("is_key_person", "重点人员", "是否重点人员", "是否重点"),
        _f("key_reason", "重点人员原因", "重点原因", "管控原因", "重点类别"),
        _f("status", "状态", "健康状态", "人员状态"),
        _f("work_place", "工作单位", "单位", "工作地点"),
        _f("note", "备注", "说明", "情况说明"),
    ],
    GATE: _PERSON + [
        _f("date", "日期", "登记日期", "出入日期"),
        _f("time", "时间", "登记时间", "出入时间"),
        # A visitor book: one row per visit, with the time in and the time out.
        _f("time_in", "进入时间", "进门时间", "到达时间", "来访时间", "入村时间", "进村时间", "进小区时间"),
        _f("time_out", "离开时间", "出门时间", "离村时间", "出村时间", "离开小区时间", "出小区时间"),
        _f("direction", "进/出", "进出", "出入", "方向", "进出方向", "进/出村", "出/入"),
        _f("temperature", "体温", "体温(℃)", "体温（℃）", "测温", "温度"),
        _f("plate", "车牌号", "车牌", "车牌号码", "车辆号牌", "车辆号码", "车号"),
        _f("reason", "事由", "出入事由", "原因", "进出事由"),
        _f("from_place", "来自", "从何处来", "来源地", "从哪里来"),
        _f("visiting", "探访对象", "拜访对象", "找谁", "探访何人"),
        # The printed gate sheet's one column for both (desktop/printing/gate_sheet.py): split at
        # its "/" when the guard wrote both, else a visitor's host or a resident's reason (kinds).
        _f("reason_visiting", "事由/探访何人", "事由/探访对象", "事由/拜访对象", "事由及探访对象"),
        # A resident's door, as the printed gate sheet heads it (房号/地址, a village's 门牌): with
        # the name it finds them in the register when no ID number is written (gate.log).
        _f("door", "房号/地址", "门牌", "房号", "门牌号", "房号/门牌号", "住址", "地址", "家庭住址", "现住址",
           "居住地址", "详细地址"),
        _f("outcome", "处理结果", "处理", "结果", "是否放行"),
        _f("recorded_by", "登记人", "值守人", "值班人", "记录人", "检查人"),
    ],
    # A care list gives the address as one text (住址) or in the register's own columns (小区、
    # 楼栋、单元、门牌号): the person is found by their door either way (care/imports.find_person).
    CARE: _PERSON + _PLACE + [
        _f("categories", "类别", "关爱类别", "人员类别", "困难类型", "群体类别", "类型"),
        _f("needs", "需求", "服务需求", "主要需求", "需要帮助"),
        _f("frequency", "走访频次", "频次", "走访频率", "探访频次"),
        _f("helper", "责任人", "包保人", "帮扶人", "联系人（社区）", "网格员", "包联干部", "包联人", "联系干部"),
        # The helper's own phone: longer than 责任人, so it wins (the helper is added with it).
        _f("helper_phone", "责任人电话", "责任人联系电话", "责任人手机", "包保人电话", "包保人联系电话", "帮扶人电话",
           "帮扶人联系电话", "帮扶人手机", "网格员电话", "网格员联系电话", "包联干部电话", "包联人电话", "联系干部电话"),
        _f("emergency_contact", "紧急联系人", "监护人", "家属", "亲属", "家属姓名", "监护人姓名", "紧急联系人姓名",
           "亲属姓名"),
        # The guardian's phone, never the person's own: longer than 联系电话, so it wins.
        _f("emergency_phone", "紧急联系电话", "紧急联系人电话", "监护人电话", "监护人联系电话", "监护人手机",
           "紧急联系人联系电话", "家属电话", "家属联系电话", "家属手机", "亲属电话", "亲属联系电话"),
        _f("last_visit", "上次走访", "上次走访日期", "最近走访", "走访日期", "上次走访时间", "最近走访时间",
           "最近一次走访", "最近一次走访时间", "上次探访", "上次探访时间"),
        _f("note", "备注", "说明"),
    ],
}
# Canvass results (desktop/excel/canvass_kind.py): the round's sheet as canvassers filled it. Its
# name may be in two columns too (姓 | 名): joined by the import as a register's is.
FIELDS[CANVASS] = _PERSON[:2] + [
    _f("code", "代码", "户代码", "摸排代码"),
    _f("address", "住址", "地址", "房号/地址", "门牌号"),
    _f("outcome", "摸排结果", "结果", "走访结果", "入户情况"),
    _f("fever", "发热", "是否发热", "发热/咳嗽"),
    _f("cough", "咳嗽", "是否咳嗽", "症状"),
    _f("arrived", "外地返回", "近14天外地返回", "从何处返回", "返回地"),
    _f("contact", "接触史", "接触确诊疑似", "是否接触"),
    _f("needs", "需要帮助", "需求", "困难需求"),
    _f("canvasser", "摸排人", "走访人", "入户人员"),
    _f("visited_on", "走访日期", "摸排日期", "日期"),
    _f("note", "备注", "说明"),
]
# Words that are headers but no field: known so they do not look like unmapped data.
IGNORED = ("序号", "编号", "错误原因")
# Each kind's column that every data row has; a header row must contain it.
KEY_FIELD = {REGISTER: "full_name", GATE: "full_name", CARE: "full_name", CANVASS: "full_name"}
# Fields that tell the kinds apart when the user did not say which kind a file is.
TELLING = {REGISTER: {"relation", "building", "room", "tenure", "hukou_address"},
           GATE: {"direction", "temperature", "plate", "time"},
           CARE: {"categories", "needs", "frequency", "helper", "last_visit"},
           CANVASS: {"code", "outcome", "canvasser", "fever", "arrived"}}

_NOISE = re.compile(r"[\s*＊:：\n\r]|[（(](必填|选填|可选|必须|选填项|必填项)[)）]")


def header_word(text) -> str:
    """A header cell reduced to its words: no spaces, stars, colons or '(必填)'."""
    return _NOISE.sub("", clean(text)).lower()


def fields_of(kind: str) -> dict[str, Field]:
    return {f.key: f for f in FIELDS[kind]}


def field_label(f: Field, village: bool = False) -> str:
    """A field's caption in the import's columns and preview: a village's 组别 column is its
    村民小组, not a 小区 (a village clerk read 组别 → 小区 as a wrong guess)."""
    if village and f.key == "compound":
        return "村民小组"
    return f.label


# A column about the household head (户主姓名, 户主身份证号) in a ledger of every member: the
# person's own name or number only when the file has no other column for it.
_ABOUT_THE_HEAD = re.compile(r"^户主(?!关系)")
_HEAD_PENALTY = 2.5


@lru_cache(maxsize=4096)           # the header search asks for the same words row after row, kind after kind
def about_the_head(word: str) -> bool:
    """户主姓名, 户主身份证号: a column about the household's head, not the row's person."""
    return bool(_ABOUT_THE_HEAD.match(word))


def match_word(word: str, kind: str) -> tuple[str, int] | None:
    """(field, strength) for one header word: 3 exact, 1 + length/100 when it contains a synonym;
    a word about the head (户主…) comes after any other column for the same field."""
    if not word:
        return None
    found = _match_word(word, kind)
    if found and about_the_head(word) and found[0] in ("full_name", "id_number", "phone"):
        return found[0], found[1] - _HEAD_PENALTY
    return found


@lru_cache(maxsize=None)
def _synonym_words(kind: str) -> tuple[tuple[str, str], ...]:
    """(field, synonym as a header word) of a kind, in order: reduced once, not per header cell."""
    return tuple((f.key, header_word(s)) for f in FIELDS[kind] for s in f.synonyms)


# What a header says in brackets explains its column ('住址(楼-单元-室)', '电话（手机）'): the
# words outside are the column's name, and the words inside must not name another field.
_EXPLAINED = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_EXPLAINED_STRENGTH = 2.5


def _match_word(word: str, kind: str) -> tuple[str, int] | None:
    best = None
    named = _EXPLAINED.sub("", word) if "(" in word or "（" in word or "[" in word or "【" in word else word
    for key, s in _synonym_words(kind):
        if s == word:
            return key, 3
        if s == named:
            best = (key, _EXPLAINED_STRENGTH)
            continue
        if len(s) >= 2 and s in word:
            strength = 1 + len(s) / 100
            if best is None or strength > best[1]:
                best = (key, strength)
    return best


def auto_mapping(labels: list[str], kind: str) -> dict[int, str]:
    """Column index -> field, each field at most once: exact words first, then containment."""
    candidates = []
    for i, label in enumerate(labels):
        word = header_word(label)
        if word in IGNORED:
            continue
        m = match_word(word, kind)
        if m:
            candidates.append((-m[1], i, m[0]))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for _, i, key in sorted(candidates):
        if key not in taken and i not in mapping:
            mapping[i] = key
            taken.add(key)
        elif key == "phone" and "other_phone" in fields_of(kind) and "other_phone" not in taken \
                and i not in mapping and not about_the_head(header_word(labels[i])):
            mapping[i] = "other_phone"           # the person's second phone column
            taken.add("other_phone")
    return dict(sorted(mapping.items()))


def signature(labels: list[str]) -> str:
    """The file's header words, the key a remembered mapping is kept under."""
    return "|".join(header_word(x) for x in labels)


def remembered_mapping(conn, kind: str, labels: list[str]) -> dict[int, str] | None:
    row = conn.execute("SELECT mapping FROM import_mapping WHERE signature = ? AND kind = ?",
                       (signature(labels), kind)).fetchone()
    if not row:
        return None
    known = fields_of(kind)
    return {int(i): k for i, k in json.loads(row[0]).items() if k in known and int(i) < len(labels)}


def remember_mapping(conn, kind: str, labels: list[str], mapping: dict[int, str]) -> None:
    conn.execute(
        "INSERT INTO import_mapping (signature, kind, mapping, used_at) VALUES (?, ?, ?, datetime('now'))"
        " ON CONFLICT(signature, kind) DO UPDATE SET mapping = excluded.mapping, used_at = excluded.used_at",
        (signature(labels), kind, json.dumps({str(i): k for i, k in sorted(mapping.items())},
                                             ensure_ascii=False)))
