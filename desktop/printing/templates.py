"""The notice template library (模板库): built-in templates plus the office's own.

Built-in templates live in code, not in the database: every installation seeding its own copy
would sync into duplicates. The office edits a copy, which is stored in ``notice_template`` (a
replicated LWW table, so every office machine gets the same library).
"""
from dataclasses import replace
from datetime import datetime

from db.connection import Database
from db.sync.ids import uuid7
from desktop import place_words
from desktop.errors import InputError, NotFoundError
from desktop.printing.notice import check_template
from desktop.printing.records import NoticeTemplate
from desktop.textnorm import clean

LETTER_ID = "builtin:letter-to-household"


def letter_name(kind: str | None = None) -> str:
    """The built-in letter's name, in the template list, on the print page and after
    ``--template``: a village writes to its villagers (致村民的一封信), a city community to its
    households (致住户的一封信), as the letter itself says (致{小区}村民的一封信)."""
    return f"致{'住户' if place_words.words(kind).has_buildings else '村民'}的一封信（每户一封）"


def built_in(kind: str | None = None, w: place_words.PlaceWords | None = None) -> tuple[NoticeTemplate, ...]:
    """The built-in templates in the words of the office's place (``place_words``): a village's
    say 本村, 村民 and 村委会 where a city community's say 本小区, 居民 and 社区. ``w``: one
    place's words instead (``in_place_words``)."""
    w = w or place_words.words(kind)
    return (
        NoticeTemplate(
            id="builtin:closed-management", name="封闭管理通知（张贴）", kind="notice",
            title="关于{小区}实行封闭管理的通知", salutation=f"各位{w.residents}：",
            body=f"为做好疫情防控工作，保障广大{w.residents}身体健康和生命安全，根据上级部署，"
                 f"自即日起本{w.place}实行封闭管理。现将有关事项通知如下：\n"
                 f"一、{w.entrances}，{w.residents}凭出入证出入，进出须测量体温、佩戴口罩。\n"
                 "二、非必要不外出、不聚集、不串门。确需外出采购的，每户每两天可指派一名家庭成员外出。\n"
                 f"三、外来人员、车辆一律不得进入。快递、外卖放在{w.drop_point}指定地点自取。\n"
                 # The number to call ({电话}, the office phone; without one: 请立即拨打社区电话报告).
                 f"四、如有发热（体温≥37.3℃）、咳嗽、乏力等症状，请立即拨打{w.office}电话{{电话}}报告，不要自行前往医院。\n"
                 "感谢您的理解与配合！"),
        NoticeTemplate(
            id=LETTER_ID, name=letter_name(kind), kind="letter",
            title=f"致{{小区}}{w.residents}的一封信", salutation="尊敬的{户主}家庭：",
            body=f"您好！为了您和家人的健康，{w.office}正在开展逐户摸排登记。请您家（{{地址}}，登记{{人数}}人）"
                 f"如实告知近14天的行程和身体状况，家中如有从外地返回的人员，请主动向{w.office}报告。\n"
                 f"居家期间请每天早晚各测一次体温。如有发热、咳嗽等症状，请立即联系{w.office}，"
                 f"由{w.office}安排就医，不要自行前往医院。\n"
                 # The number itself (the paper page's office phone; without one the sentence reads as before):
                 # a letter that says "call us" and gives no number leaves a household alone with it.
                 f"独居老人、行动不便或有其他困难的家庭，请告诉{w.block_head}或拨打{w.office}电话{{电话}}，"
                 "我们提供代买生活物资和药品等服务。\n"
                 f"感谢您对{w.office}工作的理解和支持！"),
    )


def in_place_words(template: NoticeTemplate, w: place_words.PlaceWords) -> NoticeTemplate:
    """A built-in template for one place, in that place's words (``place_words.words_in``): a
    village group of a city community was told 本小区, 各位居民 and 楼栋长. The office's own
    templates print as typed."""
    if not NoticeTemplates.is_built_in(template.id):
        return template
    own = next((t for t in built_in(w=w) if t.id == template.id), template)
    return replace(own, name=template.name)


#: A city community's built-in templates (what tests and the bench print).
BUILT_IN = built_in("community")


class NoticeTemplates:
    """The library over one database: list, get, save (one transaction), remove (tombstone)."""

    def __init__(self, db: Database):
        self.db = db

    def all(self) -> list[NoticeTemplate]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, name, title, body, kind, issuer_mark, salutation, signature"
                                " FROM notice_template WHERE is_deleted = 0 ORDER BY name, id").fetchall()
        own = [NoticeTemplate(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or "", r[7] or "") for r in rows]
        return list(built_in(place_words.community_kind(self.db))) + own

    def get(self, template_id: str) -> NoticeTemplate:
        for t in self.all():
            if t.id == template_id:
                return t
        raise NotFoundError("这个通知模板")

    def numbered(self) -> str:
        """The templates one a line with the numbers ``find`` takes ('  1. 封闭管理通知（张贴）')."""
        return "\n".join(f"  {i}. {t.name}" for i, t in enumerate(self.all(), 1))

    def find(self, name: str) -> NoticeTemplate:
        """By name, as ``menshen print notice --template NAME`` gives it (the newest if two), or
        by its number in ``numbered`` (the help says 名称或编号; a template named '1' wins)."""
        name = clean(name)
        every = self.all()
        matches = [t for t in every if t.name == name]
        if not matches and name.isdigit() and 1 <= int(name) <= len(every):
            matches = [every[int(name) - 1]]
        if not matches and name:
            # 致住户的一封信 for 致住户的一封信（每户一封）: the name without its bracketed note,
            # when it is the start of one template's name only.
            started = {t.name for t in every if t.name.startswith(name)}
            matches = [t for t in every if t.name in started] if len(started) == 1 else []
        if not matches and name and name in {n for k in ("community", "village")
                                          for n in (letter_name(k), letter_name(k).partition("（")[0])}:
            # The letter by its other office's name (a village clerk following the guide's
            # 致住户的一封信): the same built-in letter, in this office's words.
            matches = [t for t in every if t.id == LETTER_ID]
        if not matches:
            raise InputError("template", f"没有找到名为“{name}”的通知模板。可以用的模板："
                             + "、".join(f"{i}.“{t.name}”" for i, t in enumerate(every, 1)) + "。")
        return matches[-1]

    @staticmethod
    def is_built_in(template_id: str) -> bool:
        return template_id.startswith("builtin:")

    def save(self, t: NoticeTemplate) -> NoticeTemplate:
        """Store a template; a built-in one (or a new one, id '') is saved as a new copy."""
        t = NoticeTemplate(t.id, clean(t.name), t.title.strip(), t.body.strip(), t.kind,
                           clean(t.issuer_mark), t.salutation.strip(), t.signature.strip())
        check_template(t)
        values = {"name": t.name, "kind": t.kind, "issuer_mark": t.issuer_mark or None,
                  "title": t.title, "salutation": t.salutation or None, "body": t.body,
                  "signature": t.signature or None,
                  "updated_wall": datetime.now().isoformat(timespec="seconds")}
        with self.db.transaction() as conn:
            exists = t.id and not self.is_built_in(t.id) and conn.execute(
                "SELECT 1 FROM notice_template WHERE id = ? AND is_deleted = 0", (t.id,)).fetchone()
            if exists:
                conn.execute("UPDATE notice_template SET " + ", ".join(f"{k} = ?" for k in values)
                             + " WHERE id = ?", (*values.values(), t.id))
                new_id = t.id
            else:
                new_id = uuid7()
                conn.execute("INSERT INTO notice_template (id, " + ", ".join(values) + ", created_site,"
                             " created_wall) VALUES (" + ", ".join("?" * (len(values) + 3)) + ")",
                             (new_id, *values.values(), self.db.site.site_id, values["updated_wall"]))
        return self.get(new_id)

    def remove(self, template_id: str) -> None:
        if self.is_built_in(template_id):
            raise InputError("template", "内置模板不能删除；可以另存一份再修改。")
        with self.db.transaction() as conn:
            conn.execute("UPDATE notice_template SET is_deleted = 1 WHERE id = ?", (template_id,))
