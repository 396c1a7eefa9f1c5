"""The gate never waits for another writer: while another process holds the write lock (a big
import), a scan is kept in the journal beside the database at once, and reaches the database
when the lock frees — or at the next start if the window closed first."""
import time
from datetime import date, datetime, timedelta

import pytest

from desktop.app import open_app
from desktop.errors import InputError
from desktop.gate import journal
from desktop.gate import log as gate_log
from desktop.gate.subjects import person_subject
from desktop.gate.visitors import save_visitor
from tests.db.other_process import WriterElsewhere

T0 = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=8)


def _in_log(db, row_id) -> bool:
    with db.reading() as conn:
        return conn.execute("SELECT 1 FROM gate_log WHERE id = ?", (row_id,)).fetchone() is not None


def _scan(gate, name, direction="out", at=T0, **kw):
    s = person_subject(gate["app"].register.person(gate["people"][name].id))
    return gate_log.record_passage(gate["db"], gate_log.Passage(s, direction, **kw), gate["checkpoint"], at)


def test_a_scan_while_another_process_imports_is_kept_at_once_and_written_after(gate, tmp_path, menshen_home):
    db = gate["db"]
    with WriterElsewhere(db.path, menshen_home) as other:
        row = _scan(gate, "张三")                        # returns at once: no waiting on the lock
        assert journal.pending(db) == 1 and not _in_log(db, row)
        # The gate's rules still hold on the journal's path: a fever needs the guard's choice.
        with pytest.raises(InputError) as e:
            _scan(gate, "李梅", "in", T0 + timedelta(minutes=1), temperature=38.2)
        assert e.value.field == "outcome"
        other.release()
    assert journal.wait_until_written(db, 30)
    assert _in_log(db, row) and journal.pending(db) == 0
    entry = gate_log.entry(db, row)
    assert entry.direction == "out" and entry.holder_name == "张三" and entry.checkpoint == "幸福里东门"
    with db.reading() as conn:                          # captured for sync like any passage
        assert conn.execute("SELECT count(*) FROM sync_change WHERE tbl = 'gate_log' AND row_id = ?",
                            (row,)).fetchone()[0] == 1


def test_a_kept_scan_reaches_the_database_at_the_next_start(gate, tmp_path, menshen_home):
    db = gate["db"]
    with WriterElsewhere(db.path, menshen_home):
        row = _scan(gate, "张三")
        start = time.monotonic()
        gate["app"].close()                            # the window closes while the import runs
        assert time.monotonic() - start < 2.5          # at once (it hung 5 s on the import's lock)
    assert journal.pending(db) == 1
    again = open_app(db.path)
    try:
        assert _in_log(again.db, row) and journal.pending(again.db) == 0
    finally:
        again.close()


def test_writing_the_journal_twice_adds_each_passage_once(gate, menshen_home):
    db = gate["db"]
    with WriterElsewhere(db.path, menshen_home) as other:
        row = _scan(gate, "张三")
        kept = journal.journal_path(db).read_bytes()
        other.release()
    assert journal.wait_until_written(db, 30)
    lines = kept[:kept.index(b"\0")] if b"\0" in kept else kept
    journal.journal_path(db).write_bytes(lines + b'{"v": 1, "id": "torn')     # and a line cut short
    assert journal.replay(db) == 0 and journal.pending(db) == 0
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM gate_log WHERE id = ?", (row,)).fetchone()[0] == 1


def test_a_scan_with_the_lock_free_goes_straight_to_the_database(gate):
    row = _scan(gate, "张三")
    assert _in_log(gate["db"], row) and not journal.journal_path(gate["db"]).exists()


def test_a_line_cut_short_by_a_power_cut_does_not_swallow_the_next_passage(gate, menshen_home):
    db = gate["db"]
    journal.journal_path(db).write_bytes(b'{"v": 1, "id": "cut sh')
    with WriterElsewhere(db.path, menshen_home) as other:
        row = _scan(gate, "张三")
        assert journal.pending(db) == 1
        other.release()
    assert journal.wait_until_written(db, 30) and _in_log(db, row)


def test_opening_while_another_process_writes_waits_for_it_and_says_so(tmp_path, menshen_home, capsys):
    open_app(tmp_path / "r.db").close()
    with WriterElsewhere(tmp_path / "r.db", menshen_home) as other:
        import threading
        opened = []
        opener = threading.Thread(target=lambda: opened.append(open_app(tmp_path / "r.db")))
        opener.start()
        said = ""
        for _ in range(6000):                   # until it says it waits (it waits 1 s first)
            said += capsys.readouterr().err
            if "正在等待另一个门神程序" in said:
                break
            threading.Event().wait(0.01)
        assert not opened                       # still waiting for the other process
        other.release()
        opener.join(60)
    assert opened and "正在等待另一个门神程序" in said
    opened[0].close()


def test_the_next_scan_of_someone_whose_passage_waits_in_the_journal_guesses_from_it(gate, menshen_home):
    """张三 goes out while an import holds the database: his passage waits in the journal. When
    he comes back a minute later, the card guesses 进 from that waiting passage, not 出 from
    the row before it."""
    db = gate["db"]
    _scan(gate, "张三", "in", T0 - timedelta(hours=1), temperature=36.5)   # in the database: last went in
    s = person_subject(gate["app"].register.person(gate["people"]["张三"].id))
    with WriterElsewhere(db.path, menshen_home) as other:
        _scan(gate, "张三", "out", T0)                          # kept in the journal
        assert journal.pending(db) == 1
        assert gate_log.assess(db, s, when=T0 + timedelta(minutes=1)).direction == "in"
        other.release()
    assert journal.wait_until_written(db, 30)
    assert gate_log.assess(db, s, when=T0 + timedelta(minutes=2)).direction == "in"


def test_two_kept_scans_in_one_second_guess_from_the_later_one(gate, monkeypatch):
    """张三 scanned in and, in the same second, out (the guard flipped it) while an import held
    the lock: both waited in the journal and his next scan was guessed 出 again from the first
    (max of the time alone keeps the first of a tie). The later (greater id) one decides, as for
    the log's own last passage (db.bulk.last_passages)."""
    from db.errors import WriterBusyError
    db = gate["db"]

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    monkeypatch.setattr(db, "transaction", busy)              # the import holds the lock ...
    monkeypatch.setattr(journal, "_start_flusher", lambda db: None)     # ... all along
    _scan(gate, "张三", "in", temperature=36.5)
    _scan(gate, "张三", "out")
    assert journal.pending(db) == 2
    s = person_subject(gate["app"].register.person(gate["people"]["张三"].id))
    assert gate_log.assess(db, s, when=T0 + timedelta(minutes=5)).direction == "in"


def test_a_journal_that_cannot_be_written_while_the_register_is_only_busy_says_busy(gate, monkeypatch):
    """An import holds the lock and the journal's folder takes nothing (a full disk): the guard
    was told 数据文件现在不能写入, as for a write-protected stick, and the office looked for a
    stick's switch. It says the register is busy with another write, and to type the paper's
    passages in once that write ends."""
    import errno
    from db.errors import WriterBusyError
    db = gate["db"]

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))

    def full(file, mode="r", *args, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(file))
    monkeypatch.setattr(db, "transaction", busy)
    monkeypatch.setattr(journal, "open", full, raising=False)
    with pytest.raises(journal.JournalUnwritable) as e:
        _scan(gate, "张三")
    said = e.value.message
    assert "正被另一项写入占用" in said and "不能写入" not in said and "磁盘空间已满" in said
    assert "纸质登记表" in said and "写入结束后再补录" in said


def test_a_kept_passage_back_in_takes_its_person_off_out_and_not_back(gate, monkeypatch):
    """张三 went out (saved); back in while an import held the register (kept): the day's figures
    still had him out and not back, and nobody in."""
    from db.errors import WriterBusyError
    from desktop.gate.day import day_summary
    db = gate["db"]
    _scan(gate, "张三")

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    monkeypatch.setattr(db, "transaction", busy)
    monkeypatch.setattr(journal, "_start_flusher", lambda db: None)
    _scan(gate, "张三", "in", T0 + timedelta(minutes=5), temperature=36.5)
    s = day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert (s.went_in, s.went_out, s.kept, s.out_not_back_count, s.out_not_back) == (1, 1, 1, 0, ())


def _keep_while_busy(gate, monkeypatch, *scans):
    """Make each of ``scans`` (no-argument callables) while an import holds the register: kept in
    the journal, which nothing writes out until the test says (as while the import runs)."""
    from db.errors import WriterBusyError
    db, free = gate["db"], gate["db"].transaction

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    monkeypatch.setattr(journal, "_start_flusher", lambda db: None)
    monkeypatch.setattr(db, "transaction", busy)
    rows = [scan() for scan in scans]
    monkeypatch.setattr(db, "transaction", free)      # the office prints (its note goes in after the import)
    return rows


def test_the_evening_s_sheet_export_and_today_figures_have_the_passages_kept_in_the_journal(
        gate, monkeypatch, tmp_path):
    """张三 went out (saved); then an import held the register: 李梅 went out and 刘师傅 came in to
    bring medicine, both kept in the gate journal. The day's log tab listed them, but the gate
    sheet printed that evening, the exported log and the Today page had 张三 alone. They are
    there now, marked 暂存 where a row has room for it, with the visitor's reason and phone."""
    from openpyxl import load_workbook

    from desktop.excel.lists import export_list
    from desktop.gate.subjects import visitor_subject
    from desktop.gate.visitors import VisitorForm, save_visitor
    from desktop.overview.charts import gate_by_day, gate_by_hour
    from desktop.overview.today import today_figures
    from desktop.printing.catalogue import PrintRequest, print_form
    from tests.printing.conftest import page_texts, squeeze
    db, app = gate["db"], gate["app"]
    _scan(gate, "张三")
    typed = VisitorForm("刘师傅", "13900001234", "", "洪山区", "送药", "3-2-501").validate()
    liu = visitor_subject(save_visitor(db, typed), typed["reason"], typed["visiting"])
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=5)),
                     lambda: gate_log.record_passage(db, gate_log.Passage(liu, "in", 36.5), gate["checkpoint"],
                                                     T0 + timedelta(minutes=10)))
    assert journal.pending(db) == 2

    sheet = tmp_path / "log.pdf"
    print_form(app.register, PrintRequest("gate-sheet", gate="幸福里东门", day=T0.date(), gate_log=True), sheet)
    text = squeeze(page_texts(sheet)[0])
    assert "共3条，其中暂存2条（尚未写入数据文件）" in text
    assert text.index("张三") < text.index("李梅") < text.index("刘师傅")          # in time order
    assert "[暂存]送药探访3-2-501" in text and "139****1234" in text and "洪山区" in text

    out = tmp_path / "log.xlsx"
    assert export_list(app, "gate-log", out, on=T0.date()) == 3
    sheet_rows = [[c for c in r] for r in load_workbook(out).active.iter_rows(values_only=True)]
    listed = {r[3]: r for r in sheet_rows if r[3] in ("张三", "李梅", "刘师傅")}
    assert [listed[n][8] for n in ("张三", "李梅", "刘师傅")] == [None, "[暂存]", "[暂存]"]

    f = today_figures(app, T0 + timedelta(hours=1))
    assert (f.gate_in, f.gate_out, f.out_not_back, f.gate_kept) == (1, 2, 2, 2)
    [east] = f.by_gate
    assert (east.name, east.went_in, east.went_out, east.kept) == ("幸福里东门", 1, 2, 2)
    # The page's charts beside the figures: 08:00–09:00 and today's bar.
    hours, (days, _) = gate_by_hour(db, T0.date()).series, gate_by_day(db, T0.date())
    assert (hours["in"][8], hours["out"][8], days.series["in"][-1], days.series["out"][-1]) == (1, 2, 1, 2)


def test_the_journal_is_read_once_for_every_reader_and_again_once_written_out(gate, monkeypatch):
    """Every reader of the day (the recent list after each scan, the day tab's page, count and
    figures, Today, the paper) re-read and re-parsed the whole journal: 50,000 kept passages, a
    second or more each (bench/gate_journal.py). Each line is read once, a new scan's line alone
    after it; once written out, the passages are the log's, not kept, and a new one is kept again."""
    import json
    from types import SimpleNamespace

    from desktop.gate.day import day_summary
    db, day = gate["db"], T0.date().isoformat()
    parsed = []
    monkeypatch.setattr(journal, "json", SimpleNamespace(
        dumps=json.dumps, loads=lambda raw: parsed.append(raw) or json.loads(raw)))
    free = db.transaction
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "张三"),
                     lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=1)))

    def readers():
        summary = day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=1))
        return ([(e.holder_name, e.kept) for e in gate_log.day_log(db, day)], gate_log.count_day_log(db, day),
                summary.went_out, summary.kept, len(gate_log.recent_entries(db, day)))
    assert readers() == ([("李梅", True), ("张三", True)], 2, 2, 2, 2)
    assert readers() == ([("李梅", True), ("张三", True)], 2, 2, 2, 2) and len(parsed) == 2
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "张小明", at=T0 + timedelta(minutes=2)))
    assert readers()[1:] == (3, 3, 3, 3) and len(parsed) == 3          # the new line alone
    monkeypatch.setattr(db, "transaction", free)
    assert journal.replay(db) == 3                                     # the import ended: written out
    assert readers() == ([("张小明", False), ("李梅", False), ("张三", False)], 3, 3, 0, 3)
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "王租客", at=T0 + timedelta(minutes=3)))
    assert readers()[0][0] == ("王租客", True) and readers()[1:] == (4, 4, 1, 4)


def test_the_sheet_prints_on_a_damaged_register_whose_passages_wait_in_the_journal(gate, tmp_path):
    """A damaged register is when passages wait in the journal and the office prints them: the
    sheet was written, then its audit line's write raised 数据文件已损坏 as if nothing was printed."""
    from db.errors import DamagedDatabaseError
    from desktop.printing.catalogue import PrintRequest, print_form
    db, app = gate["db"], gate["app"]
    _scan(gate, "张三")
    db.damage = DamagedDatabaseError(str(db.path))          # the background check found it
    sheet = tmp_path / "log.pdf"
    print_form(app.register, PrintRequest("gate-sheet", gate="幸福里东门", day=T0.date(), gate_log=True), sheet)
    assert sheet.stat().st_size > 0


def test_the_recent_list_after_a_scan_reads_its_newest_kept_passages_not_every_one(gate, monkeypatch):
    """At 50,000 kept passages the recent list (after each scan) filtered and sorted every row of
    the journal again: 0.1-0.25 s a scan (bench/gate_journal.py). The rows are sorted once per
    filling of the journal and the list reads its newest few; the lines are the same: two gates,
    a saved passage among the kept ones, two kept in one second (the later written first)."""
    from desktop.gate.checkpoints import add_checkpoint
    db, day = gate["db"], T0.date().isoformat()
    east, west = gate["checkpoint"], add_checkpoint(db, "幸福里西门", gate["compound"].id)
    names = ("张三", "李梅", "张小明", "王租客")
    read = _rows_read(monkeypatch)                  # each kept row, noted when it is read

    def scan(i, at=None):
        s = person_subject(gate["app"].register.person(gate["people"][names[i % 4]].id))
        return gate_log.record_passage(db, gate_log.Passage(s, "in", 36.5), (east, west)[i % 2],
                                       at or T0 + timedelta(minutes=i))
    saved = scan(1, T0 + timedelta(minutes=30, seconds=30))             # written before the import began
    _keep_while_busy(gate, monkeypatch, *[lambda i=i: scan(i) for i in range(40)],
                     lambda: scan(0, T0 + timedelta(minutes=50)), lambda: scan(2, T0 + timedelta(minutes=50)))

    def everything(gate_id=None):                   # newest first by (time, id), as the log lists them
        every = gate_log.day_entries(db, day, gate_id, 1000) + gate_log.waiting_entries(db, day, gate_id, None)
        return [e.id for e in sorted(every, key=lambda e: (e.at, e.id), reverse=True)]
    assert [e.id for e in gate_log.recent_entries(db, day)] == everything()[:8]
    read.clear()
    recent, looked_at = gate_log.recent_entries(db, day, east.id), len(read)
    assert looked_at == 8 and [e.id for e in recent] == everything(east.id)[:8]    # not all 42 again
    assert all(e.kept for e in recent) and recent[0].at == recent[1].at and recent[0].id > recent[1].id
    _keep_while_busy(gate, monkeypatch, lambda: scan(2, T0 + timedelta(minutes=55)))    # the next scan
    read.clear()
    recent, looked_at = gate_log.recent_entries(db, day, east.id), len(read)
    assert looked_at == 8 and [e.id for e in recent] == everything(east.id)[:8]     # the new one among them
    assert saved in [e.id for e in gate_log.day_log(db, day, west.id, 200)]


def _rows_read(monkeypatch) -> set:
    """The kept rows (journal._rows_of's) read from now on: {id of each row read}."""
    read = set()

    class Row(dict):
        def __getitem__(self, key):
            read.add(id(self))
            return super().__getitem__(key)

        def get(self, key, default=None):
            read.add(id(self))
            return super().get(key, default)
    rows_of = journal._rows_of
    monkeypatch.setattr(journal, "_rows_of", lambda entries, table: [Row(r) for r in rows_of(entries, table)])
    return read


def test_the_card_after_a_scan_reads_the_kept_passages_of_its_subject_not_every_one(gate, monkeypatch):
    """At 50,000 kept passages each scan's card (the in/out guess, a fever today, the household a
    visitor leaves) went through every kept row several times: 45 ms a card (bench/gate_journal.py).
    张三 went out, then came back with 38.2°C and was turned back, both kept among 20 others' scans:
    his card still says 进 and his fever, and after the next scan it looks at his rows and the new one."""
    db = gate["db"]
    read = _rows_read(monkeypatch)
    east = gate["checkpoint"]

    def scan(name, direction, minute, **kw):
        return lambda: _scan(gate, name, direction, T0 + timedelta(minutes=minute), **kw)
    others = [scan(("王租客", "王大爷")[i % 2], ("out", "in")[i // 2 % 2], i, temperature=36.5) for i in range(20)]
    _keep_while_busy(gate, monkeypatch, *others[:10], scan("张三", "out", 20),
                     scan("张三", "in", 30, temperature=38.2, outcome="turned_back"), *others[10:])
    zhang = person_subject(gate["app"].register.person(gate["people"]["张三"].id))
    card = gate_log.assess(db, zhang, when=T0 + timedelta(minutes=60))
    assert (card.direction, card.last_at[11:16]) == ("in", "08:30")
    assert card.fever_today == f"今天 08:30 在{east.name}测得 38.2°C，请按发热流程处理"
    _keep_while_busy(gate, monkeypatch, scan("王租客", "out", 61))                  # the next scan, kept
    read.clear()
    assert gate_log.assess(db, zhang, when=T0 + timedelta(minutes=62)) == card
    assert len(read) == 3                       # his two and the new one, not all 23


def test_the_day_s_count_reads_no_kept_passage_twice_and_counts_one_already_written_once(gate, monkeypatch):
    """The day tab's row count read every kept passage of the day whole (1-2 s the first time at
    50,000) and went through each every time it counted (80 ms). A count looks up each one's id,
    once; after the next scan, that one alone. A passage written to the log while its line stayed
    in the journal (the power failed between the two) counts once."""
    db, day = gate["db"], T0.date().isoformat()
    read = _rows_read(monkeypatch)
    _scan(gate, "张三", at=T0 - timedelta(minutes=1))                                 # saved
    kept = _keep_while_busy(gate, monkeypatch, *[
        lambda i=i: _scan(gate, ("王租客", "王大爷")[i % 2], ("out", "in")[i // 2 % 2], T0 + timedelta(minutes=i),
                          temperature=36.5) for i in range(30)])
    with db.transaction() as conn:              # the first written out, its line still kept
        [entry] = [e for e in journal._read(journal.journal_path(db)) if e["id"] == kept[0]]
        for sql, params in entry["statements"]:
            conn.execute(sql, params)
    built = []                                  # passages read whole (address, gate, masking)
    monkeypatch.setattr(gate_log, "entry_from_row", lambda r, whole=gate_log.entry_from_row: built.append(r) or whole(r))
    assert gate_log.count_day_log(db, day) == 31 and not built              # their ids looked up alone
    assert len(gate_log.day_log(db, day)) == 31
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=40)))
    assert [e.holder_name for e in gate_log.recent_entries(db, day, limit=1)] == ["李梅"]      # after the scan
    read.clear()
    assert gate_log.count_day_log(db, day) == 32 == len(gate_log.day_log(db, day))
    read.clear()
    assert gate_log.count_day_log(db, day, gate["checkpoint"].id) == 32 and gate_log.count_day_log(db, "2020-01-01") == 0
    assert len(read) == 1                       # the one written out alone: is it of that day?


def test_a_returning_visitor_s_plate_and_host_read_his_kept_passages_not_every_one(gate, monkeypatch):
    """刘师傅 came by car to 3-2-501 while an import held the register (kept, among 30 others' scans).
    Back at the gate, the form offers his plate and host from that kept passage; it went through
    every kept passage for each (0.2-0.3 s at 50,000): after the next scan, his and the new one alone."""
    from desktop.gate.subjects import visitor_subject
    from desktop.gate.visitors import VisitorForm, written_host
    db = gate["db"]
    read = _rows_read(monkeypatch)
    typed = VisitorForm("刘师傅", "13900001234", "", "洪山区", "送药", "3-2-501").validate()
    liu = visitor_subject(save_visitor(db, typed), typed["reason"], typed["visiting"], host=written_host(db, "3-2-501"))
    others = [lambda i=i: _scan(gate, ("王租客", "王大爷")[i % 2], ("out", "in")[i // 2 % 2], T0 + timedelta(minutes=i),
                                temperature=36.5) for i in range(30)]
    _keep_while_busy(gate, monkeypatch, *others[:15], lambda: gate_log.record_passage(
        db, gate_log.Passage(liu, "in", 36.5, plate="鄂A12345"), gate["checkpoint"], T0 + timedelta(minutes=15)),
        *others[15:])
    offered = (gate_log.last_plate(db, liu.visitor_id), gate_log.last_host(db, liu.visitor_id))
    assert offered[0] == "鄂A12345" and offered[1].household_id == gate["households"][0].id
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=40)))
    read.clear()
    assert (gate_log.last_plate(db, liu.visitor_id), gate_log.last_host(db, liu.visitor_id)) == offered
    assert len(read) == 2                       # his and the new one, not all 32


def test_the_day_s_figures_after_a_scan_look_at_the_new_kept_passage_alone(gate, monkeypatch):
    """The day tab's figures (day_summary) looked at each kept passage of the day and of the three
    days of 'out and not back' every time (0.1-0.4 s at 50,000). Once read, they are looked up by
    the ids of the sorted journal: after the next scan, the new one alone is looked at, and the
    figures have it."""
    from desktop.gate.day import day_summary
    db = gate["db"]
    read = _rows_read(monkeypatch)
    _keep_while_busy(gate, monkeypatch, *[
        lambda i=i: _scan(gate, ("王租客", "王大爷")[i % 2], ("out", "in")[i // 2 % 2], T0 + timedelta(minutes=i),
                          temperature=36.5) for i in range(30)])
    since, until = T0 - timedelta(hours=1), T0 + timedelta(hours=2)
    s = day_summary(db, since, until)
    assert (s.went_in, s.went_out, s.kept, s.out_not_back_count) == (14, 16, 30, 2)
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=40)))
    read.clear()
    s = day_summary(db, since, until)
    assert (s.went_in, s.went_out, s.kept, s.out_not_back_count) == (14, 17, 31, 3)
    assert len(read) == 1


def test_the_household_rule_counts_a_member_let_out_while_the_register_was_busy(gate, monkeypatch):
    """The rule is one member out a day. 张三 went out while an import held the register (kept in
    the journal): his wife 李梅's card said nothing and she was let out on a bare scan, as if nobody
    of the household were out; for days on a damaged register. The card names him and the guard
    must confirm, as for a passage in the log."""
    from desktop.gate.rule import set_household_rule
    db = gate["db"]
    set_household_rule(db, 1, 1)
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "张三", "out", T0))
    li = person_subject(gate["app"].register.person(gate["people"]["李梅"].id))
    assert gate_log.assess(db, li, when=T0 + timedelta(minutes=5)).rule_others == ("张三",)

    def refused():
        with pytest.raises(InputError) as e:
            _scan(gate, "李梅", "out", T0 + timedelta(minutes=5))
        return e.value
    [said] = _keep_while_busy(gate, monkeypatch, refused)
    assert said.field == "rule" and "本户已有张三外出" in said.message
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "李梅", "out", T0 + timedelta(minutes=6), rule_confirmed=True))
    assert journal.pending(db) == 2
    zhang = person_subject(gate["app"].register.person(gate["people"]["张三"].id))
    assert gate_log.assess(db, zhang, "out", when=T0 + timedelta(minutes=7)).rule_others == ("李梅",)
    assert journal.replay(db) == 2                  # written out: the same from the log
    assert gate_log.assess(db, li, "out", when=T0 + timedelta(minutes=8)).rule_others == ("张三",)


def test_a_new_kept_line_is_added_to_the_passages_read_before_not_to_copies_of_them(gate, monkeypatch):
    """At 50,000 kept passages each new kept scan copied every line read before and every passage
    worked out of them (1-5 ms a scan, bench/gate_journal.py). A new line's passage is appended to
    what was read: a reading made before it keeps its own length; a line cut short is no passage."""
    db = gate["db"]
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "张三"), lambda: _scan(gate, "李梅", at=T0 + timedelta(minutes=1)))
    generation, rows, n, torn = journal.waiting_in_order(db)
    _keep_while_busy(gate, monkeypatch, lambda: _scan(gate, "张小明", at=T0 + timedelta(minutes=2)))
    with open(journal.journal_path(db), "ab") as f:
        f.write(b'{"v": 1, "id": "torn')                     # the power failed mid-line
    again, grown, now, torn = journal.waiting_in_order(db)
    assert (again, n, now, torn, journal.pending(db)) == (generation, 2, 3, [], 3)
    assert grown is rows and [r["holder_name"] for r in rows[:now]] == ["张三", "李梅", "张小明"]


def test_the_day_s_figures_and_today_s_read_whole_only_the_kept_passages_they_name(gate, monkeypatch):
    """At 50,000 kept passages the day tab's first figures read every kept passage whole (its
    address, gate, masking: 2-5 s before the guard saw them) and Today's gate figures went through
    each in Python at every refresh (0.3-0.4 s), its chart read each whole too. Of 30 kept scans,
    Today (figures, chart of the hours) reads none whole and the day's figures read the two they
    name: 王大爷's fever and 王租客, out and not back."""
    from desktop.gate.day import day_summary
    from desktop.overview.charts import gate_by_hour
    from desktop.overview.today import gates_today
    db = gate["db"]
    _keep_while_busy(gate, monkeypatch, *[
        lambda i=i: _scan(gate, ("王租客", "王大爷")[i % 2], ("out", "in")[i // 2 % 2], T0 + timedelta(minutes=i),
                          temperature=36.5) for i in range(29)],
        lambda: _scan(gate, "王大爷", "in", T0 + timedelta(minutes=29), temperature=38.2, outcome="turned_back"))
    built = []                                  # kept passages read whole
    whole = gate_log.entry_from_row
    monkeypatch.setattr(gate_log, "entry_from_row", lambda r: built.append(r[3]) or whole(r))
    [east], out_not_back = gates_today(db, T0 + timedelta(hours=1))
    assert (east.went_in, east.went_out, east.turned_back, east.fevers, east.kept) == (14, 15, 1, 1, 30)
    hours = gate_by_hour(db, T0.date()).series                         # the chart beside them
    assert out_not_back == 1 and (hours["in"][8], hours["out"][8]) == (14, 15) and built == []
    s = day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert (s.went_in, s.went_out, s.turned_back, s.kept, s.out_not_back_count) == (14, 15, 1, 30, 1)
    assert [e.holder_name for e in s.fevers + s.out_not_back] == ["王大爷", "王租客"] == sorted(built)


def test_the_first_read_after_opening_lists_each_kept_passage_once_in_its_place(gate, monkeypatch):
    """At 50,000 kept passages the first read after opening took 1.0-1.4 s for each reader
    (bench/gate_journal.py), 0.2 s of it Python's cycle collector walking the passages as they
    were read: it is paused while the journal is read, and back on after. The lists are the same:
    two gates, a line kept later with an earlier time, two in one second; the next kept scan goes
    in its place."""
    import gc

    from desktop.gate.checkpoints import add_checkpoint
    db, day = gate["db"], T0.date().isoformat()
    east, west = gate["checkpoint"], add_checkpoint(db, "幸福里西门", gate["compound"].id)

    def scan(name, at, where):
        s = person_subject(gate["app"].register.person(gate["people"][name].id))
        return lambda: gate_log.record_passage(db, gate_log.Passage(s, "in", 36.5), where, T0 + at)
    _keep_while_busy(gate, monkeypatch, scan("张三", timedelta(minutes=2), east), scan("李梅", timedelta(minutes=1), west),
                     scan("张小明", timedelta(minutes=3), west), scan("王租客", timedelta(0), east),
                     scan("王大爷", timedelta(minutes=2), east))
    journal._seen.clear()                           # as just after opening: nothing read yet
    gate_log._kept_read.clear()
    collecting = []
    parse = journal._parse
    monkeypatch.setattr(journal, "_parse", lambda data: collecting.append(gc.isenabled()) or parse(data))
    names = lambda gate_id=None: [e.holder_name for e in gate_log.day_log(db, day, gate_id)]   # noqa: E731
    assert names() == ["张小明", "王大爷", "张三", "李梅", "王租客"] and gate_log.count_day_log(db, day) == 5
    assert names(east.id) == ["王大爷", "张三", "王租客"] and names(west.id) == ["张小明", "李梅"]
    assert collecting and not any(collecting) and gc.isenabled()
    _keep_while_busy(gate, monkeypatch, scan("李梅", timedelta(minutes=1, seconds=30), east))     # the next scan
    assert names() == ["张小明", "王大爷", "张三", "李梅", "李梅", "王租客"]
    assert names(east.id) == ["王大爷", "张三", "李梅", "王租客"] and gate_log.count_day_log(db, day, east.id) == 4
