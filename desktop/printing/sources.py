"""The register's data for paper: merge records, one household's sheet, canvass lists and the
day's figures. Reading only; everything comes back as the frozen records forms draw from."""
from datetime import date

from desktop import place_words, vocab
from desktop.address import building_number
from desktop.errors import InputError
from desktop.printing.records import DailyFigures, HouseholdSheet, MergeRecord
from desktop.records import Building, Compound, Household, TreeNode
from desktop.register import Register


def _merge_record(h: Household, compound: Compound) -> MergeRecord:
    return MergeRecord(h.id, h.head_name, h.address, compound.name, h.building, h.unit, h.room, h.member_count,
                       compound.kind)


def scope(register: Register, compound: str | None = None,
          building: str | None = None) -> list[tuple[Compound, Building | None]]:
    """The compounds (by name) and, when asked, the building of each that a request names;
    every compound when none is named. Unknown names get a clear message."""
    compounds = register.compounds()
    if compound:
        compounds = [c for c in compounds if c.name == compound.strip()]
        if not compounds:
            raise InputError("compound", f"没有名为“{compound}”的{place_words.community_words(register.db).places}。")
    elif building:
        raise InputError("building", "指定楼栋时请同时指定小区（--compound）。")
    if not building:
        return [(c, None) for c in compounds]
    out = []
    for c in compounds:
        match = [b for b in register.buildings(c.id) if b.number == building_number(building)]
        if not match:
            raise InputError("building", f"“{c.name}”没有{building}栋。")
        out.append((c, match[0]))
    return out


def scope_households(register: Register, compound: str | None = None,
                     building: str | None = None) -> list[tuple[Household, Compound]]:
    """Households of a compound (by name), a building of it, or the whole community, each
    with its compound, in ledger order."""
    out = []
    for c, b in scope(register, compound, building):
        households = register.households_in("building", b.id) if b else register.households_in("compound", c.id)
        out.extend((h, c) for h in households)
    return out


def merge_records(register: Register, compound: str | None = None,
                  building: str | None = None) -> list[MergeRecord]:
    """One merge record per household (户主 and address) for a letter to each."""
    return [_merge_record(h, c) for h, c in scope_households(register, compound, building)]


def _sheet(h: Household, members) -> HouseholdSheet:
    landlord = " ".join(x for x in (h.landlord_name, h.landlord_phone) if x)
    return HouseholdSheet(h.address, vocab.zh(vocab.TENURE, h.tenure), landlord, tuple(members), h.note)


def household_sheet(register: Register, household_id: str) -> HouseholdSheet:
    h = register.household(household_id)
    return _sheet(h, register.people_in(TreeNode("household", h.id, h.address), limit=100))


def household_sheets(register: Register, compound: str | None = None,
                     building: str | None = None) -> list[HouseholdSheet]:
    """The sheet of every household of a scope, in ledger order, members head first.

    The members come from one query per compound (or building), grouped here: asked one
    household at a time, the register's people query walks the whole person table for each
    (its LEFT JOINs start from ``person``), 7 ms a household at 14,500 people, which made the
    6,514 sheets of the demo take 80 s where its 6,514 letters take 10 s.
    """
    sheets = []
    for c, b in scope(register, compound, building):
        node = TreeNode("building", b.id, "") if b else TreeNode("compound", c.id, c.name)
        members: dict[str, list] = {}
        for p in register.people_in(node, limit=10 ** 9):
            members.setdefault(p.household_id, []).append(p)
        households = register.households_in(node.kind, node.id)
        sheets.extend(_sheet(h, members.get(h.id, ())) for h in households)
    return sheets


def daily_figures(register: Register, community: str, day: date, report=None) -> DailyFigures:
    """The day's figures for the printed report, from the overview's functions (the Today page's
    own): totals, the four colours overall and per compound, and who entered each status."""
    if report is None:
        from desktop.app import App
        from desktop.overview.report import daily_report
        report = daily_report(App(register.db, register), day)
    f = report.today
    return DailyFigures(community, day, f.households, f.people, f.key_persons, dict(f.status),
                        dict(report.entered), report.by_compound)


