"""What a gate laptop needs travels by sync: every gate table is declared, the log is append-only
and captured as one insert per row."""
from db.sync.registry import APPEND, SYNC_TABLES
from db.sync.versions import row_versions
from desktop.gate import GATE_TABLES


def test_gate_tables_are_replicated(app_ctx):
    assert set(GATE_TABLES) <= set(SYNC_TABLES)
    assert SYNC_TABLES["gate_log"].kind == APPEND
    with app_ctx.db.reading() as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(gate_log)")]
    assert SYNC_TABLES["gate_log"].column_groups(columns) == {"entry": columns[1:]}


def test_a_passage_is_one_insert_change_and_no_field_versions(gate):
    """An append-only row is merged by its id alone (SYNC.md 9.6): no field-group versions."""
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    db = gate["db"]
    s = person_subject(gate["app"].register.person(gate["people"]["张三"].id))
    row = record_passage(db, Passage(s, "out"), gate["checkpoint"])
    with db.reading() as conn:
        changes = conn.execute("SELECT kind FROM sync_change WHERE row_id = ?", (row,)).fetchall()
        cells, heads = row_versions(conn, "gate_log", row)
    assert changes == [("insert",)] and cells == {} and heads == {}
