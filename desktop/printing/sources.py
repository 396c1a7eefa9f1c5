"""The register's data for paper: merge records, one household's sheet, canvass lists and the
day's figures. Reading only; everything comes back as the frozen records forms draw from."""
from datetime import date

from desktop import place_words, vocab
from desktop.address import building_number, parse_place
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.printing.records import DailyFigures, HouseholdSheet, MergeRecord
from desktop.records import Building, Compound, Household, TreeNode
from desktop.register import HouseholdForm, Register
from desktop.register.places import place_core
from desktop.textnorm import clean


def _merge_record(h: Household, compound: Compound) -> MergeRecord:
    return MergeRecord(h.id, h.name, h.address, compound.name, h.building, h.unit, h.room, h.member_count,
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


ADDRESS_EXAMPLE = "幸福里小区 3栋2单元501、王家湾组 12号"


def household_at(register: Register, typed: str) -> Household:
    """The household at an address as a clerk writes it (幸福里小区 3栋2单元501, 幸福里3-2-501,
    王家湾组 12号; its id, which no screen shows, still taken), for one household's paper from the
    command line. Without a compound's name, the one compound that has the door. An InputError
    names what was not found, or what is ambiguous: a door in two compounds, two households at
    one door (群租)."""
    text = clean(typed)
    if not text:
        raise InputError("household", f"请写上这一户的地址，例如：{ADDRESS_EXAMPLE}。")
    try:
        return register.household(text)
    except NotFoundError:
        pass
    compounds = register.compounds()
    head, _, rest = text.partition(" ")
    # The compound named before the door: as registered or by its distinctive part (王家湾组 for
    # 王家湾村民小组, 幸福里 for 幸福里小区); written together with the door, the longest name it begins with.
    # A name as registered beats a distinctive part; a part two compounds share (王家湾 of 王家湾组
    # and 王家湾村) names both: the door decides, or the address is said to be ambiguous.
    if rest:
        named = ([(c, head) for c in compounds if c.name == head]
                 or [(c, head) for c in compounds if place_core(head) == place_core(c.name)])
    else:
        named = [(c, name) for c in compounds for name in {c.name, place_core(c.name)} if name and text.startswith(name)]
        longest = max((len(name) for _, name in named), default=0)
        named = [(c, name) for c, name in named if len(name) == longest]
        named = [(c, name) for c, name in named if name == c.name] or named
    if named:
        name = named[0][1]
        candidates, door = list(dict.fromkeys(c for c, _ in named)), text[len(name):].strip(" ,，")
        if not door:
            raise InputError("household", f"请在“{candidates[0].name if len(candidates) == 1 else name}”后面写上门牌，"
                                          f"例如：{ADDRESS_EXAMPLE}。")
    else:
        candidates, door = compounds, text
        typed_place = parse_place(text)
        if typed_place and typed_place.compound:   # a name the register does not have: never a guess
            raise InputError("household", f"没有名为“{typed_place.compound}”的{place_words.ANY_PLACE}。现有："
                             + "、".join(c.name for c in compounds[:12]) + "。")
    found = []
    for c in candidates:
        place = parse_place(door)
        form = (HouseholdForm(compound_id=c.id, building=place.building, unit=place.unit, room=place.room)
                if place and place.building else HouseholdForm(compound_id=c.id, address_text=door))
        try:
            found += [(c, h) for h in register.households_at_door(form)]
        except InputErrors:
            pass                                   # no household at that door of this compound
    if not found:
        where = (f"{'、'.join(c.name for c in candidates)}没有登记在“{door}”的住户" if named
                 else f"没有找到登记在“{door}”的住户")
        raise InputError("household", f"{where}。请按户籍登记页上的地址写，例如：{ADDRESS_EXAMPLE}。")
    if len({c.id for c, _ in found}) > 1:
        raise InputError("household", f"“{door}”在" + "、".join(dict.fromkeys(c.name for c, _ in found))
                         + f"都有，请在门牌前写上名称，例如：{found[0][0].name} {door}。")
    if len(found) > 1:
        raise InputError("household", f"{found[0][1].address}登记了{len(found)}户（"
                         + "、".join(h.name or "无人" for _, h in found)
                         + "），分不清是哪一户。请在户籍登记页选中这一户，按“打印本户登记表”；"
                           "或用 --compound 和 --building 打印整栋。")
    return found[0][1]


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


