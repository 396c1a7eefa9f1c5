"""Machines by their names on the command line (docs/sync.md "Which computer is which"):
``menshen sync name`` names this one as the sync page does, ``--for`` takes a name."""
from desktop.app import open_app
from desktop.cli import main
from tests.conftest import new_database_file

PASS = "幸福里 门岗 同步 口令"


def _office_hearing_of(tmp_path, empty_register, peers) -> str:
    """An office register (no account yet: the implicit admin) that has heard of ``peers``."""
    db = new_database_file(empty_register, tmp_path / "office.db")
    app = open_app(db)
    try:
        with app.db.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.executemany("INSERT INTO sync_peer (site_id, site_code, site_name, first_seen)"
                             " VALUES (?, ?, ?, '2026-12-07T08:00:00')", peers)
    finally:
        app.close()
    return str(db)


def test_this_machine_is_named_from_the_command_line_as_on_the_sync_page(tmp_path, menshen_home, capsys, empty_register):
    db = _office_hearing_of(tmp_path, empty_register, [])
    capsys.readouterr()
    assert main(["sync", "name", "  村委会   办公室 ", "--db", db]) == 0
    out = capsys.readouterr().out.strip()
    app = open_app(db)
    try:
        code = app.db.site.site_code
        assert app.db.site.site_name == "村委会 办公室"          # spaces folded, as the page does
    finally:
        app.close()
    assert out == f"这台电脑叫 村委会 办公室（{code}），别的电脑从下一次同步起这样称呼它"
    assert main(["sync", "name", "", "--db", db]) == 1
    assert "请给这台电脑起个名字" in capsys.readouterr().err


def test_export_for_a_machine_by_its_name_and_an_ambiguous_name_refused(tmp_path, menshen_home, capsys,
                                                                        monkeypatch, empty_register):
    db = _office_hearing_of(tmp_path, empty_register, [("aaaaaaaa-1111-4111-8111-111111111111", "S1A2B", "村口卡口笔记本"),
                                       ("bbbbbbbb-2222-4222-8222-222222222222", "S3C4D", "网格员笔记本"),
                                       ("cccccccc-3333-4333-8333-333333333333", "S5E6F", "网格员笔记本")])
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", PASS)
    capsys.readouterr()
    assert main(["sync", "export", "--db", db, "--to", str(stick), "--for", "村口卡口笔记本"]) == 0
    assert capsys.readouterr().out.startswith("同步导出：") and len(list(stick.iterdir())) == 1
    assert main(["sync", "export", "--db", db, "--to", str(stick), "--for", "网格员笔记本"]) == 1
    err = capsys.readouterr().err
    assert "有2台电脑都叫“网格员笔记本”：网格员笔记本（S3C4D）、网格员笔记本（S5E6F）" in err and "--for S3C4D" in err
    assert main(["sync", "export", "--db", db, "--to", str(stick), "--for", "s5e6f"]) == 0     # its code still
    assert main(["sync", "export", "--db", db, "--to", str(stick), "--for", "办公室"]) == 1
    assert "认识的电脑：村口卡口笔记本（S1A2B）、网格员笔记本（S3C4D）、网格员笔记本（S5E6F）" in capsys.readouterr().err
