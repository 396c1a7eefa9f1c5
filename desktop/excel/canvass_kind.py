"""Canvass results from an Excel sheet filled by canvassers (kind ``canvass``).

The office hands out the round's sheet (``write_round_sheet``: one row per person, the
household's code, address and name filled in, a title naming the round); canvassers fill the
result, the answers and their name. The import reads it through the same plan/preview/errors
path as every ledger: each row is checked here, then each household's rows go through
``CanvassBook.record_result`` (one result per household per round). Rows of a household with
no result written are left alone (not reached)."""
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.canvass.records import OUTCOMES
from desktop.errors import InputError, InputErrors
from desktop.excel import normalise as n
from desktop.excel.plan import ImportCancelled, ImportResult, refusal
from desktop.textnorm import clean_name

# Words canvassers write for a result.
OUTCOME_WORDS = {"已访": "visited", "已走访": "visited", "走访": "visited", "在家": "visited", "正常": "visited",
                 "√": "visited", "1": "visited", "无人": "nobody_home", "无人在家": "nobody_home",
                 "不在家": "nobody_home", "家中无人": "nobody_home", "2": "nobody_home", "拒绝": "refused",
                 "拒访": "refused", "不配合": "refused", "3": "refused", "搬离": "moved_out", "已搬离": "moved_out",
                 "搬走": "moved_out", "已搬走": "moved_out", "迁出": "moved_out", "4": "moved_out"}
ANSWER_FIELDS = {"fever": "发热", "cough": "咳嗽", "arrived": "外地返回", "contact": "接触史", "needs": "需要帮助"}
TEXT_ANSWERS = {"arrived", "needs"}


@dataclass(frozen=True)
class CanvassDraft:
    """One person's row of a filled canvass sheet."""
    code: int | None
    address: str
    full_name: str
    outcome: str | None                  # None: left blank (not reached, or another row says)
    answers: tuple[tuple[str, object], ...]
    canvasser: str
    visited_on: date | None
    note: str


def _outcome(cell) -> str | None:
    t = n.text(cell)
    if not t:
        return None
    if t in OUTCOME_WORDS:
        return OUTCOME_WORDS[t]
    for code, (en, zh) in OUTCOMES.items():
        if t in (zh, en.lower(), code):
            return code
    raise InputError("outcome", f"摸排结果请填“已访”“无人在家”“拒绝”或“已搬离”，“{t}”看不懂。", value=t)


def canvass_row(cells: dict, ctx) -> tuple[CanvassDraft, list]:
    errors: list[InputError] = []
    code = None
    raw_code = n.text(cells.get("code"))
    if raw_code:
        if raw_code.isdigit():
            code = int(raw_code)
        else:
            errors.append(InputError("code", f"代码应是摸排表上的数字，例如 057：{raw_code}", value=raw_code))
    name = clean_name(n.text(cells.get("full_name")))
    if not name:
        errors.append(InputError("full_name", "请填写姓名。"))
    outcome = None
    try:
        outcome = _outcome(cells.get("outcome"))
    except InputError as e:
        errors.append(e)
    answers = []
    for key in ANSWER_FIELDS:
        cell = cells.get(key)
        if n.is_empty(cell):
            continue
        if key in TEXT_ANSWERS:
            t = n.text(cell)
            if t in ("否", "无", "没有", "/", "-"):
                answers.append((key, False))
            elif t in ("是", "有", "√"):
                answers.append((key, True))
            else:
                answers.append((key, t))
        else:
            try:
                answers.append((key, n.yes_no(cell, key)))
            except InputError as e:
                errors.append(e)
    if answers and any(v for _, v in answers) and outcome not in (None, "visited"):
        errors.append(InputError("outcome", f"结果是“{OUTCOMES[outcome][1]}”，却填了问答；只有已访的住户有问答。"))
    visited_on = None
    try:
        visited_on = n.date_value(cells.get("visited_on"), "visited_on", ctx.year)
        if visited_on and ctx.today and visited_on > ctx.today:
            errors.append(InputError("visited_on", f"走访日期{visited_on.isoformat()}在今天之后。"))
    except InputError as e:
        errors.append(e)
    if errors:
        raise InputErrors(errors)
    draft = CanvassDraft(code, n.text(cells.get("address")), name, outcome or ("visited" if answers else None),
                         tuple(answers), clean_name(n.text(cells.get("canvasser"))), visited_on,
                         n.text(cells.get("note")))
    return draft, []


def _round_for(book, plan):
    """The round the sheet names in its title (or a 轮次 cell), else the most recent round."""
    rounds = book.rounds()
    if not rounds:
        raise InputError("round", "还没有摸排轮次，请先在“滚动摸排”页新建一轮。")
    title = " ".join(str(c) for p in plan.sheets for row in p.title_rows for c in row if c) + " " + \
        " ".join(p.name for p in plan.sheets)
    named = [r for r in rounds if r.name and r.name in title]
    return max(named, key=lambda r: len(r.name)) if named else rounds[0]


def write_canvass(app, plan, progress=None, cancelled=None) -> ImportResult:
    """Write each household's result (one transaction): rows grouped by code (or address),
    people matched by name within the household."""
    from desktop.canvass.rounds import CanvassBook
    book = CanvassBook(app.db, app.register)
    rnd = _round_for(book, plan)
    today = date.today()
    by_address = {r.address.split(" ", 1)[-1]: r for r in book.roll(rnd.id)}
    by_address.update({r.address: r for r in book.roll(rnd.id)})
    groups: dict[str, list] = {}
    refused: list[InputError] = []
    for row in plan.good:
        d = row.draft
        try:
            result = book.result_by_code(rnd.id, d.code) if d.code is not None else by_address.get(d.address)
            if result is None:
                raise InputError("address", f"“{d.address}”不在“{rnd.name}”的范围里，请填摸排表上的代码。")
        except InputError as e:
            refused.append(refusal(row, e))
            continue
        groups.setdefault(result.household_id, []).append((row, d))

    def refuse_household(rows, e: InputError, at=None) -> None:
        """One result per household: a refusal refuses every row of the household, each named
        (``at``: the row at fault; the others say whose fault it is)."""
        for row, _ in rows:
            if at is None or row is at:
                refused.append(refusal(row, e))
            else:
                refused.append(refusal(row, e, f"同一户的{at.where()}有错误（{e.message.rstrip('。')}），"
                                                "这一户的结果没有导入。"))

    office_columns = _office_question_columns(app.db, rnd, plan)
    created = unchanged = 0
    actions: dict = {}
    with app.db.transaction():
        for i, (household_id, rows) in enumerate(groups.items()):
            if progress and i % 200 == 0:
                progress(i, len(groups))
                if cancelled and cancelled():
                    raise ImportCancelled()
            extra = {}
            try:
                for row, _ in rows:
                    at = row
                    extra[(row.sheet, row.row)] = office_answers(office_columns, row)
            except InputError as e:
                refuse_household(rows, e, at)
                continue
            # An answer to the office's own question, like a built-in one, means visited.
            outcomes = {d.outcome or ("visited" if any(extra[(row.sheet, row.row)].values()) else None) for row, d in rows}
            outcomes.discard(None)
            if not outcomes:                 # no result written: the household is left as it is
                unchanged += len(rows)
                actions.update({(row.sheet, row.row): "same" for row, _ in rows})
                continue
            if len(outcomes) > 1:
                refuse_household(rows, InputError(
                    "outcome", f"同一户写了不同的结果：{'、'.join(OUTCOMES[o][1] for o in outcomes)}"))
                continue
            members = {m.full_name: m.person_id for m in book.members(household_id)}
            answers: dict[str, dict] = {}
            at = None
            try:
                for row, d in rows:
                    given = {k: v for k, v in d.answers if k in rnd.questions}
                    given.update(extra[(row.sheet, row.row)])
                    if given:
                        if d.full_name not in members:
                            at = row
                            raise InputError("full_name", f"{d.full_name}不是这一户登记的人，请核对姓名。")
                        answers[members[d.full_name]] = given
                canvasser = next((d.canvasser for _, d in rows if d.canvasser), "")
                visited = next((d.visited_on for _, d in rows if d.visited_on), None)
                note = "；".join(dict.fromkeys(d.note for _, d in rows if d.note))
                with app.db.transaction():
                    book.record_result(rnd.id, household_id, outcomes.pop(), today, answers=answers,
                                       canvasser_name=canvasser, visited_on=visited, note=note)
                created += len(rows)
            except InputErrors as e:
                for x in e.errors:
                    refuse_household(rows, x, at)
            except InputError as e:
                refuse_household(rows, e, at)
    rejected = len(plan.bad) + len({(e.sheet, e.row) for e in refused})
    return ImportResult("canvass", created, created, 0, unchanged, rejected, tuple(refused), actions)


def _office_question_columns(db, rnd, plan) -> dict:
    """The columns of the office's own questions (those a round asks beyond the built-in five),
    found by their printed label in each sheet's header: {sheet: [(column, question code)]}."""
    from desktop.canvass.questions import questions_by_code
    from desktop.excel.columns import header_word
    asked = {header_word(q.label): q.code for code, q in questions_by_code(db).items()
             if code in rnd.questions and code not in ANSWER_FIELDS}
    found = {}
    for sheet in plan.sheets:
        found[sheet.name] = [(i, asked[header_word(label)]) for i, label in enumerate(sheet.labels)
                             if header_word(label) in asked and i not in sheet.mapping]
    return found


def office_answers(columns: dict, row) -> dict:
    """A row's answers to the office's own questions: 是/否 (√, 有, 无 …), blank for no answer.
    A word that is neither is refused with the row and the question named."""
    out = {}
    for i, code in columns.get(row.sheet, ()):
        cell = row.cells[i] if i < len(row.cells) else None
        if n.is_empty(cell):
            continue
        t = n.text(cell)
        if t in ("√", "有"):
            out[code] = True
        elif t in ("无", "没有", "/", "-"):
            out[code] = False
        else:
            try:
                out[code] = n.yes_no(cell, code)
            except InputError as e:
                raise InputError("answers", e.message, row=row.row, sheet=row.sheet) from None
    return out


def write_round_sheet(app, round_id: str, path: Path | str) -> int:
    """The round's sheet for canvassers to fill: one row per person (a household without
    people gets one row), the code, address and name filled in. Returns the rows written."""
    from desktop.canvass.rounds import CanvassBook
    from desktop.excel.export import Column, write_list
    book = CanvassBook(app.db, app.register)
    rnd = book.round(round_id)
    from desktop.canvass.questions import questions_by_code
    asked = [c for c in ANSWER_FIELDS if c in rnd.questions]
    # The office's own questions follow the built-in ones, headed by their label (the import
    # finds them by it).
    office = [q for code, q in questions_by_code(app.db).items() if code in rnd.questions and code not in ANSWER_FIELDS]
    columns = [Column("代码", 7), Column("住址", 22), Column("姓名", 10), Column("摸排结果", 12)] + \
        [Column(ANSWER_FIELDS[c], 10 if c not in TEXT_ANSWERS else 14) for c in asked] + \
        [Column(q.label, 12) for q in office] + \
        [Column("摸排人", 10), Column("走访日期", 12), Column("备注", 20)]
    asked = asked + [q.code for q in office]

    def rows():
        for r in book.roll(round_id):
            people = book.members(r.household_id) or [None]
            for m in people:
                yield [f"{r.code:03d}", r.address, m.full_name if m else "", None, *[None] * len(asked), None, None, None]
    # Written under a temporary name and renamed by the one list writer: a full stick names the
    # file the clerk chose (a .part.xlsx of its own was named instead).
    count = write_list(path, f"滚动摸排录入表 {rnd.name}", columns, rows(), sheet_name=rnd.name[:31] or "摸排")
    from desktop.audit import record_output
    record_output(app.db, "export", "canvass-round", count, False, path)
    return count
