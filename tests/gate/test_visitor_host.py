"""Whom a visitor came to see: the household found in the form's 被访人/住址 box as the register's
search finds it, linked to the passage, and its address on the log, the export and the sheet."""
from datetime import date, datetime, timedelta

from desktop.accounts.roles import Actor
from desktop.gate import log as gate_log
from desktop.gate.subjects import visitor_subject
from desktop.gate.visitors import VisitorForm, find_hosts, save_visitor, written_host

T0 = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=9)


def visit(gate, name, phone, typed, host=None, at=T0):
    values = VisitorForm(name, phone, "", "武昌", "送药", typed, host=host).validate()
    v = save_visitor(gate["db"], values)
    s = visitor_subject(v, values["reason"], values["visiting"], values["plate"], values["host"])
    return gate_log.record_passage(gate["db"], gate_log.Passage(s, "in", 36.5), gate["checkpoint"], at)


def test_the_host_box_finds_a_household_as_the_register_search_does(gate):
    h501, h101, house12 = (h.id for h in gate["households"])
    db = gate["db"]
    assert [h.household_id for h in find_hosts(db, "张三")] == [h501]
    assert [h.household_id for h in find_hosts(db, "zs")] == [h501]
    assert [h.household_id for h in find_hosts(db, "3-2-501")] == [h501]
    assert [h.household_id for h in find_hosts(db, "501")] == [h501]          # a bare door number
    assert [h.household_id for h in find_hosts(db, "12号")] == [house12]
    one = find_hosts(db, "3-2-501 李梅")[0]
    assert one.label == "幸福里小区 3栋2单元501 李梅"
    # A door with a name the register does not hold there: the door, the name as typed.
    guest = find_hosts(db, "3-1-101 刘师傅")
    assert [(h.household_id, h.names) for h in guest] == [(h101, "刘师傅")]
    assert find_hosts(db, "楼下超市") == [] and find_hosts(db, "0013") == []  # an ID's or phone's digits: no door
    # A typed-up ledger's 探访何人 is linked only where it writes a door of one household.
    assert written_host(db, "3-2-501 张三").household_id == h501
    assert written_host(db, "12号 王大爷").household_id == house12
    assert written_host(db, "张三") is None and written_host(db, "3-2-502 张三") is None


def test_a_visit_to_a_chosen_household_is_on_the_log_the_sheet_the_export_and_the_household_s_list(
        gate, tmp_path):
    """The household chosen is kept with the passage: the log's 住址, the printed sheet's 房号/地址
    (it was empty for every visitor) and the export's 住址 give its address; words typed freely
    (a shop) stay as typed, linked to nobody; the household lists its visitors of 14 days."""
    from openpyxl import load_workbook
    from desktop.excel.lists import export_list
    from desktop.printing.feeds import gate_log as printed_log
    db, (h501, h101, _) = gate["db"], (h.id for h in gate["households"])
    host = find_hosts(db, "zs")[0]
    linked = visit(gate, "刘师傅", "13900001234", host.label, host)
    free = visit(gate, "快递员", "13900005678", "楼下超市", at=T0 + timedelta(minutes=5))
    # A chosen household whose box was typed over afterwards is the guard's words, linked to nobody.
    edited = visit(gate, "王阿姨", "13900007777", host.label + "家隔壁", host, at=T0 + timedelta(minutes=9))
    with db.reading() as conn:
        rows = dict(conn.execute("SELECT id, visiting_household_id FROM gate_log").fetchall())
    assert rows == {linked: h501, free: None, edited: None}
    assert gate_log.entry(db, linked).address == "访：幸福里小区 3栋2单元501 张三"
    assert gate_log.entry(db, free).address == "访：楼下超市"
    # A correction keeps the household the visitor came to see; the voided row is no visit.
    fixed = gate_log.void_entry(db, linked, "体温输错了", corrected={"temperature": 36.6})
    assert gate_log.entry(db, fixed).address == "访：幸福里小区 3栋2单元501 张三"
    sheet = {e.name: e for e in printed_log(gate["app"].register, "幸福里东门", T0.date())[1]}
    assert (sheet["刘师傅"].door, sheet["刘师傅"].reason) == ("访：幸福里小区 3栋2单元501", "送药 探访张三")
    assert (sheet["快递员"].door, sheet["快递员"].reason) == ("", "送药 探访楼下超市")
    assert export_list(gate["app"], "gate-log", tmp_path / "g.xlsx", on=T0.date()) == 3
    ws = load_workbook(tmp_path / "g.xlsx").active
    header = [c.value for c in ws[2]]
    exported = {r[3]: dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert exported["刘师傅"]["住址"] == "访：幸福里小区 3栋2单元501 张三"
    assert exported["快递员"]["住址"] == "访：楼下超市"
    to_101 = find_hosts(db, "王租客")[0]
    visit(gate, "钱师傅", "13900003333", to_101.label, to_101, at=T0 + timedelta(minutes=20))
    visit(gate, "孙师傅", "13900004444", host.label, host, at=T0 - timedelta(days=20))      # long ago
    assert [(v.visitor_name, v.phone, v.reason, v.checkpoint) for v in gate_log.household_visits(db, h501)] == [
        ("刘师傅", "13900001234", "送药", "幸福里东门")]
    # A name typed with a phone in it is masked for the gate account, as on its log.
    visit(gate, "周13912345678", "13900005555", to_101.label, to_101, at=T0 + timedelta(minutes=30))
    db.actor = Actor("老李", "gate")
    assert [(v.visitor_name, v.phone) for v in gate_log.household_visits(db, h101)] == [
        ("周139****5678", "139****5555"), ("钱师傅", "139****3333")]


def test_a_visitor_s_way_out_is_linked_to_the_household_they_came_to_see_and_the_handover_names_it(gate, qt_zh):
    """刘师傅 came to 3栋2单元501 with 37.9°C, let in; scanned on his way out (no form, no host
    asked), the passage out was linked to no household: the household's visitors showed him come
    and never leave, and the handover's fever line (刘师傅 37.9°C 放行) did not say whom he had
    seen. The way out takes the household of his way in today; a visitor who saw two households
    today is linked to neither; the handover names the household visited."""
    from desktop.gate.day import day_summary
    from ui.gate.day_words import handover_text
    db = gate["db"]
    h501 = gate["households"][0].id

    def came(name, phone, host, at, temperature=36.5, outcome=""):
        values = VisitorForm(name, phone, "", "武昌", "送药", host.label, host=host).validate()
        v = save_visitor(db, values)
        s = visitor_subject(v, values["reason"], values["visiting"], values["plate"], values["host"])
        gate_log.record_passage(db, gate_log.Passage(s, "in", temperature, outcome), gate["checkpoint"], at)
        return v

    def left(v, at):                                    # scanned: the returning visitor, no host
        out = gate_log.Passage(visitor_subject(v), "out", outcome="allowed")
        return gate_log.record_passage(db, out, gate["checkpoint"], at)
    liu = came("刘师傅", "13900001234", find_hosts(db, "zs")[0], T0, 37.9, "allowed")
    courier = came("快递员", "13900005678", find_hosts(db, "zs")[0], T0)
    came("快递员", "13900005678", find_hosts(db, "王租客")[0], T0 + timedelta(minutes=10))
    liu_out, courier_out = left(liu, T0 + timedelta(hours=1)), left(courier, T0 + timedelta(hours=1))
    with db.reading() as conn:
        linked = dict(conn.execute("SELECT id, visiting_household_id FROM gate_log WHERE direction = 'out'"))
    assert linked == {liu_out: h501, courier_out: None}
    assert gate_log.entry(db, liu_out).address == "访：幸福里小区 3栋2单元501"
    assert [(v.visitor_name, v.direction) for v in gate_log.household_visits(db, h501, T0)][:1] == [("刘师傅", "out")]
    said = handover_text(day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=2)))
    assert "刘师傅（访：幸福里小区 3栋2单元501 张三） 37.9°C 放行" in said


def test_the_gate_s_own_compound_s_door_is_listed_first(gate):
    """1-1-101 typed at 幸福里's gate: 幸福里's 3栋1单元101 came after the other compounds' doors of
    that number, beyond the six shown on a big register; the gate's own compound's come first."""
    from desktop.gate.visitors import hosts_found
    from desktop.register import HouseholdForm, PersonForm
    db, here = gate["db"], gate["compound"].id
    register = gate["app"].register
    ours = next(h.id for h in gate["households"] if h.room == "101")
    for compound, head in (("首义小区", "丁磊"), ("汽修厂宿舍", "李俊")):   # shorter names: listed first
        elsewhere = register.add_household(HouseholdForm(compound_id=register.add_compound(compound).id,
                                                         building="3", unit="1", room="101"))
        register.add_person(PersonForm(full_name=head), elsewhere.id, "head")
    anywhere = [h.household_id for h in hosts_found(db, "3-1-101").hosts]
    assert len(anywhere) == 3 and anywhere[0] != ours      # as the search sorts them
    assert [h.household_id for h in hosts_found(db, "3-1-101", near=here).hosts] == \
        [ours] + [h for h in anywhere if h != ours]
