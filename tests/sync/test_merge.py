"""The merge core (db/sync/merge.py) against SYNC.md 10.4's model as an oracle.

Three real databases make random inserts, edits, deletes, gate rows and merges of duplicate
persons (SYNC.md 9.13); changes travel between
them in random subsets and orders (lost and repeated sticks); clocks jump. The same script runs
on the model; once every change has reached every replica, all replicas have identical tables,
identical change sets and identical open-conflict sets, and both agree with the model.
"""
import hashlib
import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from db.connection import Database
from db.sync.knowledge import knowledge
from db.sync.log import canonical_json, content_hash, iter_changes
from db.sync.merge import MergeRefused, apply_changes, open_conflicts, resolve_conflict
from desktop.errors import InputError
from desktop.register import Register
from desktop.sync.duplicates import merge_persons


# -- SYNC.md 10.4's model, kept as the oracle -----------------------------------------------------
# Two adaptations: a write takes the stamp and seq the real database gave (the model's own HLC
# is not what is under test; the order of stamps is), and conflict values are compared with
# NULLs left out (a new row's change omits its NULL columns, an edit sends them).

class Model:
    def __init__(self, site):
        self.site = site
        self.log, self.cell, self.data = {}, {}, {}

    def write(self, tbl, row, cols, hlc, seq):
        base = {c: ([list(self.cell[(tbl, row, c)][1:])] if (tbl, row, c) in self.cell else []) for c in cols}
        self._apply(dict(site=self.site, seq=seq, hlc=hlc, tbl=tbl, row=row, cols=dict(cols), base=base))
        return {c: b for c, b in base.items() if b}

    def resolve(self, tbl, row, col, cols, hlc, seq):          # base = ALL heads -> closes the conflict
        heads = sorted(list(h) for h in self.heads(tbl, row, col))
        self._apply(dict(site=self.site, seq=seq, hlc=hlc, tbl=tbl, row=row, cols=dict(cols), base={col: heads}))
        return {col: heads} if heads else {}

    def heads(self, tbl, row, col):
        vs = {v for v, m in self.log.items() if m['tbl'] == tbl and m['row'] == row and col in m['cols']}
        return vs - {tuple(b) for v in vs for b in self.log[v]['base'].get(col, [])}

    def _apply(self, m):
        vid = (m['site'], m['seq'])
        if vid in self.log:
            return
        self.log[vid] = m
        for col, val in m['cols'].items():
            k, cur = (m['tbl'], m['row'], col), self.cell.get((m['tbl'], m['row'], col))
            mine = (m['hlc'], m['site'], m['seq'])
            if cur is None or mine[:2] > cur[:2]:
                self.cell[k] = mine
                self.data.setdefault((m['tbl'], m['row']), {})[col] = val

    def receive(self, msgs):
        for m in sorted(msgs, key=lambda m: (m['hlc'], m['site'], m['seq'])):
            self._apply(dict(m))

    def open_conflicts(self):
        def value(v):
            return json.dumps({k: x for k, x in v.items() if x is not None}, sort_keys=True)
        return {(t, r, c, tuple(sorted(hs))) for (t, r, c) in self.cell if c != "created"   # who made it: not staff's
                for hs in [self.heads(t, r, c)] if len({value(self.log[h]['cols'][c]) for h in hs}) > 1}


# -- real replicas ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One migrated database file; each replica is a copy (a copy mints its own site)."""
    folder = tmp_path_factory.mktemp("template")
    Database(folder / "t.db", config_file=folder / "t.json").close()
    return folder / "t.db"


class Replica:
    def __init__(self, folder, template, name, wall):
        shutil.copy(template, folder / f"{name}.db")
        self.db = Database(folder / f"{name}.db", config_file=folder / f"{name}.json", user_name=name)
        self.wall = wall
        self.db.clock._wall = lambda: self.wall
        self.site = self.db.site.site_id
        self.model = Model(self.site)
        self.seen = 0

    def write(self, sql, args):
        with self.db.transaction() as conn:
            conn.execute(sql, args)
        for c in iter_changes(self.db.conn, {self.site: self.seen}):
            if c.site_id != self.site:
                continue
            base = self.model.write(c.tbl, c.row_id, json.loads(c.cols), c.hlc, c.seq)
            assert json.loads(c.base) == base         # capture names the versions the model does
            self.seen = c.seq

    def merge(self, survivor, loser):
        """Merge two persons with the same ID number as staff would (refused: nothing happens)."""
        try:
            merge_persons(self.db, survivor, loser)
        except InputError:
            return
        for c in iter_changes(self.db.conn, {self.site: self.seen}):
            if c.site_id == self.site:
                assert json.loads(c.base) == self.model.write(c.tbl, c.row_id, json.loads(c.cols), c.hlc, c.seq)
                self.seen = c.seq
        event("merged two persons")

    def merged_away(self):
        return dict(self.db.conn.execute("SELECT id, canonical_id FROM person_alias"))

    def resolve(self, conflict):
        tbl, row, group, _ = conflict
        resolve_conflict(self.db, tbl, row, group)
        [c] = [c for c in iter_changes(self.db.conn, {self.site: self.seen}) if c.site_id == self.site]
        assert json.loads(c.base) == self.model.resolve(tbl, row, group, json.loads(c.cols), c.hlc, c.seq)
        self.seen = c.seq

    def has(self, tbl, row):
        return self.db.conn.execute(f"SELECT 1 FROM {tbl} WHERE id = ?", (row,)).fetchone() is not None

    def close(self):
        self.db.close()


def msgs(src, changes):
    """The model's own messages for the changes the real replica sends."""
    return [src.model.log[(c.site_id, c.seq)] for c in changes]


def exchange(src, dst, changes=None):
    changes = list(iter_changes(src.db.conn)) if changes is None else changes
    result = apply_changes(dst.db, changes)
    dst.model.receive(msgs(src, changes))
    return result


def dump(db):
    conn = db.conn
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
           for t in ("person", "gate_log", "person_merge", "person_alias")}
    out["changes"] = sorted((c.site_id, c.seq, c.content_sha256) for c in iter_changes(conn))
    out["knowledge"] = knowledge(conn)
    return out


GROUPS = {"name": ("full_name",), "phone": ("phone",), "status": ("status_reason",),
          "is_deleted": ("is_deleted",)}
VALUES = st.sampled_from(["张三", "李四", "Ab", None])
ROWS = ["p1", "p2"]

step = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 2), st.sampled_from(ROWS), VALUES),
    st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(ROWS), st.sampled_from(sorted(GROUPS)), VALUES),
    st.tuples(st.just("gate"), st.integers(0, 2), st.integers(0, 4), VALUES, st.sampled_from(ROWS + [None])),
    st.tuples(st.just("merge"), st.integers(0, 2), st.booleans()),
    st.tuples(st.just("merge"), st.integers(0, 2), st.booleans()),      # (twice: merges need both persons)
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2), st.randoms(use_true_random=False)),
    st.tuples(st.just("clock"), st.integers(0, 2), st.integers(-5, 50)),
    st.tuples(st.just("resolve"), st.integers(0, 2), st.integers(0, 5)),
)


def check_cells(rep):
    """Every cell the model has a version for equals that version's value (SYNC.md 10.1); a
    person merged away is hidden whatever its own is_deleted says (the merge is settled)."""
    merged = rep.merged_away()
    for row, canon in merged.items():
        got = rep.db.conn.execute("SELECT is_deleted, merged_into FROM person WHERE id = ?", (row,)).fetchone()
        assert got is None or got == (1, canon)
    for (tbl, row), groups in rep.model.data.items():
        if tbl != "person":
            continue
        for g, value in groups.items():
            if g not in GROUPS or (g == "is_deleted" and row in merged):
                continue
            cols = GROUPS[g]
            got = rep.db.conn.execute(f"SELECT {', '.join(cols)} FROM person WHERE id = ?", (row,)).fetchone()
            assert got is not None
            assert dict(zip(cols, got)) == {c: value.get(c) for c in cols}


def run_script(folder, template, steps):
    base = 1_700_000_000_000
    reps = [Replica(folder, template, f"r{i}", base + 1000 * i) for i in range(3)]
    try:
        for s in steps:
            rep = reps[s[1]]
            rep.wall += 1
            if s[0] == "insert" and not rep.has("person", s[2]):
                rep.write("INSERT INTO person (id, full_name, id_number) VALUES (?, ?, '420106199001011234')",
                          (s[2], s[3]))
            elif s[0] == "edit" and rep.has("person", s[2]) and s[2] not in rep.merged_away():
                # (a person merged away is hidden: nobody edits it here)
                cols = GROUPS[s[3]]
                value = (1 if s[4] else 0) if s[3] == "is_deleted" else s[4]
                rep.write(f"UPDATE person SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                          [value] * len(cols) + [s[2]])
            elif s[0] == "gate" and not rep.has("gate_log", f"g{s[1]}{s[2]}"):
                rep.write("INSERT INTO gate_log (id, at, note, person_id) VALUES (?, '2026-12-04T08:00:00', ?, ?)",
                          (f"g{s[1]}{s[2]}", s[3], s[4]))
            elif s[0] == "merge" and rep.has("person", "p1") and rep.has("person", "p2"):
                rep.merge(*(("p1", "p2") if s[2] else ("p2", "p1")))
            elif s[0] == "sync" and s[1] != s[2]:
                src, dst, rnd = reps[s[1]], reps[s[2]], s[3]
                changes = [c for c in iter_changes(src.db.conn) if rnd.random() < 0.6]
                rnd.shuffle(changes)
                apply_changes(dst.db, changes)
                dst.model.receive(msgs(src, changes))
                check_cells(dst)
            elif s[0] == "resolve":
                open_now = sorted(open_conflicts(rep.db.conn))
                if open_now:
                    rep.resolve(open_now[s[2] % len(open_now)])
                    event("resolved a conflict")
            elif s[0] == "clock":
                rep.wall += s[2]
        # Anti-entropy: everything reaches everyone (twice round, so relayed changes arrive too),
        # each time what an export to that peer sends: every change above what it knows (the
        # steps above already deliver whole logs again, in random subsets and orders; the end
        # checks that a whole log delivered again changes nothing).
        for _ in range(2):
            for src in reps:
                for dst in reps:
                    if src is not dst:
                        changes = list(iter_changes(src.db.conn, knowledge(dst.db.conn)))
                        apply_changes(dst.db, changes)
                        dst.model.receive(msgs(src, changes))
        event(f"changes: {len(reps[0].model.log) // 10 * 10}+")
        event(f"conflicts: {min(len(reps[0].model.open_conflicts()), 3)}")
        dumps = [dump(r.db) for r in reps]
        conflicts = [open_conflicts(r.db.conn) for r in reps]
        assert dumps[0] == dumps[1] == dumps[2]
        assert conflicts[0] == conflicts[1] == conflicts[2]
        # The oracle: same winners, same open conflicts.
        for r in reps:
            check_cells(r)
            model_conflicts = {c for c in r.model.open_conflicts() if c[0] in ("person", "person_merge")}
            assert conflicts[0] == model_conflicts
        assert set(reps[0].model.log) == {(c[0], c[1]) for c in dumps[0]["changes"]}
        # Re-applying everything changes nothing.
        again = apply_changes(reps[0].db, list(iter_changes(reps[1].db.conn)))
        assert (again.n_new, again.n_applied) == (0, 0)
        assert dump(reps[0].db) == dumps[0]
    finally:
        for r in reps:
            r.close()


# Scripts tried, from a fixed seed: 30 (100 until session 24: 24 s) still fail on the divergences
# planted to check it (open_conflicts reading the bases of one version only; knowledge stepping
# over a missing change). The deep run: MENSHEN_MODEL_EXAMPLES=500 (about 2 minutes).
EXAMPLES = int(os.environ.get("MENSHEN_MODEL_EXAMPLES", "30"))


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=12, max_size=40))
def test_three_replicas_converge_and_agree_with_the_model(tmp_path_factory, template, steps):
    run_script(tmp_path_factory.mktemp("run"), template, steps)


def test_a_concurrent_edit_is_an_open_conflict_on_both_sides_and_the_later_one_wins(tmp_path, template):
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    try:
        a.write("INSERT INTO person (id, full_name, phone) VALUES ('p', '张三', '1')", ())
        exchange(a, b)
        a.wall += 10
        a.write("UPDATE person SET full_name = '张三丰' WHERE id = 'p'", ())
        b.wall += 20
        b.write("UPDATE person SET full_name = '张珊' WHERE id = 'p'", ())
        a.write("UPDATE person SET phone = '2' WHERE id = 'p'", ())     # another group: no conflict
        exchange(a, b)
        exchange(b, a)
        for r in (a, b):
            assert r.db.conn.execute("SELECT full_name, phone FROM person").fetchone() == ("张珊", "2")
            conflicts = open_conflicts(r.db.conn)
            assert {(t, row, g) for t, row, g, _ in conflicts} == {("person", "p", "name")}
    finally:
        a.close()
        b.close()


def _file_hash(db):
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def test_a_held_change_with_another_body_refuses_everything(tmp_path, template):
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    try:
        a.write("INSERT INTO person (id, full_name) VALUES ('p', '张三')", ())
        exchange(a, b)
        a.write("INSERT INTO person (id, full_name) VALUES ('q', '李四')", ())
        first, second = list(iter_changes(a.db.conn))
        cols = canonical_json({"name": {"full_name": "王五"}})
        forged = first._replace(cols=cols, content_sha256=content_hash(
            first.base, cols, first.hlc, first.kind, first.row_id, first.schema_version, first.seq,
            first.site_id, first.tbl))
        before = _file_hash(b.db)
        with pytest.raises(MergeRefused) as err:
            apply_changes(b.db, [second, forged])
        assert "内容不同" in err.value.message
        assert _file_hash(b.db) == before
        assert not b.has("person", "q")
        # A bad hash is refused too, before anything is written.
        with pytest.raises(MergeRefused):
            apply_changes(b.db, [second._replace(cols=canonical_json({"name": {"full_name": "x"}}))])
        with pytest.raises(MergeRefused):
            apply_changes(b.db, [second._replace(tbl="no_such_table")])
        assert _file_hash(b.db) == before
    finally:
        a.close()
        b.close()


def test_a_patch_before_its_insert_makes_a_partial_row_and_order_does_not_matter(tmp_path, template):
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    c = Replica(tmp_path, template, "c", 1_700_000_000_000)
    try:
        a.write("INSERT INTO person (id, full_name, phone) VALUES ('p', '张三', '1')", ())
        a.write("UPDATE person SET phone = '2' WHERE id = 'p'", ())
        a.write("INSERT INTO gate_log (id, at, person_id) VALUES ('g', '2026-12-04T08:00:00', 'p')", ())
        insert, edit, gate = list(iter_changes(a.db.conn))
        exchange(a, b, [edit])
        assert b.db.conn.execute("SELECT full_name, phone FROM person").fetchone() == (None, "2")
        assert knowledge(b.db.conn).get(a.site, 0) == 0        # 1 is missing: no contiguous prefix
        exchange(a, b, [gate, insert])
        exchange(a, c, [insert, edit, gate])
        assert dump(b.db) == dump(c.db)
        assert b.db.conn.execute("SELECT full_name, phone FROM person").fetchone() == ("张三", "2")
        assert knowledge(b.db.conn)[a.site] == 3
        # Nothing the merge wrote was captured as a change of b's own.
        assert {x.site_id for x in iter_changes(b.db.conn)} == {a.site}
    finally:
        for r in (a, b, c):
            r.close()


def test_small_batches_give_the_same_rows_and_a_late_refusal_undoes_the_early_batches(tmp_path, template,
                                                                                      monkeypatch):
    from db.sync import merge
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    c = Replica(tmp_path, template, "c", 1_700_000_000_000)
    try:
        for i in range(4):
            a.write("INSERT INTO person (id, full_name) VALUES (?, ?)", (f"p{i}", f"居民{i}"))
        for i in range(4):
            a.write("UPDATE person SET phone = ?, full_name = ? WHERE id = ?", (f"13{i}", f"改{i}", f"p{i}"))
        changes = list(iter_changes(a.db.conn))
        changes.reverse()                              # edits before their inserts, across batches
        exchange(a, c, changes)
        monkeypatch.setattr(merge, "BATCH", 3)
        before = _file_hash(b.db)
        last = changes[-1]
        cols = canonical_json({"name": {"full_name": "冒名"}})
        forged = last._replace(cols=cols, content_sha256=content_hash(
            last.base, cols, last.hlc, last.kind, last.row_id, last.schema_version, last.seq, last.site_id, last.tbl))
        with pytest.raises(MergeRefused):
            apply_changes(b.db, changes + [forged])    # the forgery is in the last batch
        assert _file_hash(b.db) == before
        exchange(a, b, changes)
        assert dump(b.db) == dump(c.db)
        assert b.db.conn.execute("SELECT full_name, phone FROM person WHERE id = 'p3'").fetchone() == ("改3", "133")
    finally:
        for r in (a, b, c):
            r.close()


@pytest.mark.parametrize("at", [0, 1, 2])
def test_a_failure_part_way_through_leaves_the_file_as_it_was(tmp_path, template, monkeypatch, at):
    """The disk fails at the first, second or third write (the gate rows set-wise, then the
    people's changes two at a time): nothing of the earlier writes is left."""
    from db.sync import incoming, merge
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    try:
        for i in range(4):
            a.write("INSERT INTO person (id, full_name) VALUES (?, ?)", (f"p{i}", f"居民{i}"))
            a.write("INSERT INTO gate_log (id, at, person_id) VALUES (?, '2026-12-04T08:00:00', ?)", (f"g{i}", f"p{i}"))
        for i in range(4):          # a row with two changes goes the checked way, two at a time
            a.write("UPDATE person SET full_name = ? WHERE id = ?", (f"改{i}", f"p{i}"))
        monkeypatch.setattr(merge, "BATCH", 2)
        calls = []
        real_rows, real_appends = merge._write_row, incoming.write_set_wise

        def failing(real):
            def write(*args):
                calls.append(1)
                if len(calls) > at:
                    raise OSError("disk I/O error (injected)")
                return real(*args)
            return write
        monkeypatch.setattr(merge, "_write_row", failing(real_rows))
        monkeypatch.setattr(incoming, "write_set_wise", failing(real_appends))
        before = _file_hash(b.db)
        with pytest.raises(OSError):
            apply_changes(b.db, list(iter_changes(a.db.conn)))
        assert _file_hash(b.db) == before
        assert b.db.conn.execute("SELECT count(*) FROM gate_log").fetchone()[0] == 0
        assert len(calls) == at + 1
        monkeypatch.setattr(merge, "_write_row", real_rows)
        monkeypatch.setattr(incoming, "write_set_wise", real_appends)
        exchange(a, b)
        assert b.db.conn.execute("SELECT count(*) FROM person").fetchone()[0] == 4
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("choice", ["keep", "other"])
def test_resolving_a_conflict_closes_it_on_every_machine(tmp_path, template, choice):
    from db.sync.merge import resolve_conflict
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    try:
        a.write("INSERT INTO person (id, full_name) VALUES ('p', '张三')", ())
        exchange(a, b)
        a.wall += 10
        a.write("UPDATE person SET full_name = '张三丰' WHERE id = 'p'", ())
        b.wall += 20
        b.write("UPDATE person SET full_name = '张珊' WHERE id = 'p'", ())
        exchange(a, b)
        exchange(b, a)
        assert len(open_conflicts(a.db.conn)) == len(open_conflicts(b.db.conn)) == 1
        # On a, staff keep what is shown (b's later edit) or take a's own value instead.
        resolve_conflict(a.db, "person", "p", "name", None if choice == "keep" else {"full_name": "张三丰"})
        assert open_conflicts(a.db.conn) == set()
        apply_changes(b.db, list(iter_changes(a.db.conn)))
        want = "张珊" if choice == "keep" else "张三丰"
        for r in (a, b):
            assert open_conflicts(r.db.conn) == set()
            assert r.db.conn.execute("SELECT full_name FROM person").fetchone() == (want,)
        assert dump(a.db) == dump(b.db)
    finally:
        a.close()
        b.close()


def _same_stamp(*reps):
    """Pin these replicas' clocks to one wall time past every stamp they hold: the next change
    each makes gets the same HLC (two PCs whose clocks agree to the millisecond)."""
    wall = max(r.db.clock.last >> 16 for r in reps) + 1
    for r in reps:
        r.wall = wall


def test_equal_stamps_from_two_machines_go_to_the_greater_machine_id_on_every_machine(tmp_path, template):
    """SYNC.md 9.3 and 11: a tie of HLC stamps is broken by site id, never by arrival, number or
    value. Two machines write the same fields with EQUAL stamps; the machine with the smaller id
    has the greater sequence number and the greater value on one row, the smaller on the other,
    so a rule by number or value picks the other machine on one of them; each tie arrives in
    both orders (a rule by arrival makes two machines disagree). A new row made on both at one
    stamp (a natural id) reaches a third machine set-wise first (db/sync/incoming.py); both
    remove two rows at one stamp, and every machine names the same user as having removed them."""
    a = Replica(tmp_path, template, "a", 1_700_000_000_000)
    b = Replica(tmp_path, template, "b", 1_700_000_000_000)
    c = Replica(tmp_path, template, "c", 1_700_000_000_000)
    d = Replica(tmp_path, template, "d", 1_700_000_000_000)
    hi, lo = sorted((a, b), key=lambda r: r.site, reverse=True)
    try:
        a.write("INSERT INTO person (id, full_name) VALUES ('p', '张三'), ('q', '李四')", ())
        exchange(a, b)
        ties = []

        def tie(row, sql, hi_args, lo_args):
            _same_stamp(hi, lo)
            hi.write(sql, hi_args)
            lo.write(sql, lo_args)
            ties.append((row, hi.seen, lo.seen))
            [h] = [x.hlc for x in iter_changes(hi.db.conn) if (x.site_id, x.seq) == (hi.site, hi.seen)]
            [l_] = [x.hlc for x in iter_changes(lo.db.conn) if (x.site_id, x.seq) == (lo.site, lo.seen)]
            assert h == l_                              # the premise: one stamp from two machines

        edit = "UPDATE person SET full_name = ? WHERE id = ?"
        while lo.seen <= hi.seen + 1:                   # p: the smaller id has the greater number
            lo.write("UPDATE person SET phone = ? WHERE id = 'q'", (str(lo.seen),))
        tie("p", edit, ("Ab", "p"), ("Zz", "p"))        # ... and the greater value
        while hi.seen <= lo.seen + 1:                   # q: the greater id has both
            hi.write("UPDATE person SET phone = ? WHERE id = 'p'", (str(hi.seen),))
        tie("q", edit, ("Zz", "q"), ("Ab", "q"))
        while lo.seen <= hi.seen + 1:                   # r as p
            lo.write("UPDATE person SET phone = ? WHERE id = 'q'", (str(lo.seen),))
        tie("r", "INSERT INTO person (id, full_name) VALUES ('r', ?)", ("Ab",), ("Zz",))
        remove = "UPDATE person SET is_deleted = 1 WHERE id = ?"
        while lo.seen <= hi.seen + 1:                   # both remove r, then q, numbered as p, q
            lo.write("UPDATE person SET phone = ? WHERE id = 'q'", (str(lo.seen),))
        tie("r", remove, ("r",), ("r",))
        while hi.seen <= lo.seen + 1:
            hi.write("UPDATE person SET phone = ? WHERE id = 'p'", (str(hi.seen),))
        tie("q", remove, ("q",), ("q",))
        assert [s > t for _, s, t in ties] == [False, True, False, False, True]    # as arranged
        exchange(a, c)                                  # c: a's first, r set-wise as a new row
        exchange(b, c)
        exchange(b, d)                                  # d: b's first
        exchange(a, d)
        exchange(a, b)                                  # a holds its own first, b the other's
        exchange(b, a)
        want = [("Ab",), ("Zz",), ("Ab",)]
        for r in (a, b, c, d):
            assert r.db.conn.execute("SELECT full_name FROM person WHERE id IN ('p', 'q', 'r') ORDER BY id"
                                     ).fetchall() == want, r.db.path.name
            check_cells(r)                              # and the model agrees
            # 已删除人员 names who removed q and r: the same user on every machine (rules.removal_change).
            assert [x.removed_by for x in Register(r.db).removed_people()] == [hi.db.path.stem] * 2
        assert dump(a.db) == dump(b.db) == dump(c.db) == dump(d.db)
        assert open_conflicts(a.db.conn) == open_conflicts(c.db.conn) == open_conflicts(d.db.conn)
        assert {(t, row, g) for t, row, g, _ in open_conflicts(a.db.conn)} == {("person", x, "name") for x in "pqr"}
    finally:
        for r in (a, b, c, d):
            r.close()
