"""The questions asked at the door: five built in, and those the office adds (they sync).

A question's ``key`` is the letter a clerk types at the keyboard for a yes (``2f``: the second
member has a fever). The built-in keys are fixed; an added question takes a free letter."""
import string

from db.connection import Database
from db.sync.ids import uuid7
from desktop.canvass.records import Question
from desktop.errors import InputError, InputErrors
from desktop.register import now_text
from desktop.textnorm import clean

BUILTIN = (
    Question("fever", "发热（37.3°C及以上）", "Fever (37.3 °C or more)", "f", True, "isolation"),
    Question("cough", "咳嗽、乏力等症状", "Cough, fatigue or other symptoms", "c", True, "isolation"),
    Question("arrived", "近14天从外地返回", "Arrived from elsewhere in the last 14 days", "a", True,
             "isolation", kind="text"),
    Question("contact", "接触过确诊或疑似病例", "Contact with a confirmed or suspected case", "k", True,
             "isolation"),
    Question("needs", "需要帮助（买菜、买药、就医）", "Needs help (groceries, medicine, hospital)", "n", True,
             "care", kind="text"),
)
BUILTIN_CODES = tuple(q.code for q in BUILTIN)
# Letters a clerk could confuse with a digit or a result (l, o, i) are never keys.
FREE_KEYS = [c for c in string.ascii_lowercase if c not in "lio"]


def all_questions(db: Database) -> list[Question]:
    """Built-in questions first, then the office's, in their order."""
    with db.reading() as conn:
        rows = conn.execute("SELECT id, code, label, key, flags FROM canvass_question WHERE is_deleted = 0"
                            " AND code IS NOT NULL ORDER BY sort, created_wall").fetchall()
    added = [Question(r[1], r[2] or r[1], r[2] or r[1], r[3] or "", bool(r[4]), "status" if r[4] else "",
                      builtin=False, id=r[0]) for r in rows]
    return list(BUILTIN) + added


def questions_by_code(db: Database) -> dict[str, Question]:
    return {q.code: q for q in all_questions(db)}


def add_question(db: Database, label: str, key: str = "", flags: bool = False) -> Question:
    """Add a question to the office's list (it syncs to the other machines).

    ``key``: the letter typed for a yes; empty takes the first free one. ``flags``: a yes is an
    answer that matters (a next step is offered: a status change)."""
    label = clean(label)
    existing = all_questions(db)
    errors = []
    if not label:
        errors.append(InputError("label", "请填写问题，例如：是否接种疫苗。"))
    elif any(q.label == label for q in existing):
        errors.append(InputError("label", f"问题“{label}”已经在清单里了。"))
    used = {q.key for q in existing}
    key = clean(key).lower()
    if not key:
        free = [k for k in FREE_KEYS if k not in used]
        if not free:
            errors.append(InputError("key", "字母已经用完了，请先删除不用的问题。"))
        key = free[0] if free else ""
    elif len(key) != 1 or key not in FREE_KEYS:
        errors.append(InputError("key", f"按键请用一个小写字母（不用 l、o、i）：{key}"))
    elif key in used:
        other = next(q.label for q in existing if q.key == key)
        errors.append(InputError("key", f"字母“{key}”已经用于“{other}”，请换一个。"))
    if errors:
        raise InputErrors(errors)
    qid = uuid7()
    code = "q_" + qid.replace("-", "")[-8:]
    with db.transaction() as conn:
        conn.execute("INSERT INTO canvass_question (id, code, label, key, flags, sort, created_site, created_wall)"
                     " VALUES (?,?,?,?,?,?,?,?)",
                     (qid, code, label, key, 1 if flags else 0, 100 + len(existing), db.site.site_id, now_text()))
    return next(q for q in all_questions(db) if q.code == code)


def remove_question(db: Database, code: str) -> None:
    """Take an added question off the list (rounds that asked it keep their answers)."""
    if code in BUILTIN_CODES:
        raise InputError("question", "内置的问题不能删除；新一轮摸排可以不选它。")
    with db.transaction() as conn:
        conn.execute("UPDATE canvass_question SET is_deleted = 1 WHERE code = ?", (code,))
