"""Files Menshen writes are the owner's alone, and an export that stops half-way leaves no
scratch file with the list in it."""
import os
import stat
from datetime import date

import pytest

from desktop.excel.lists import export_list
from desktop.printing.catalogue import PrintRequest, print_form

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_exports_pdfs_and_config_are_owner_only(app_ctx, small_community, tmp_path, menshen_home):
    from desktop.failures import setup_logging
    old = os.umask(0o022)                      # what a desktop session usually has
    try:
        export_list(app_ctx, "register", tmp_path / "r.xlsx")
        print_form(app_ctx.register, PrintRequest("household-sheet"), tmp_path / "h.pdf")
        log = setup_logging(menshen_home)
    finally:
        os.umask(old)
    db = app_ctx.db.path
    written = [db, f"{db}-wal", f"{db}-shm", tmp_path / "r.xlsx", tmp_path / "h.pdf", log]
    written += list(menshen_home.rglob("*.json"))
    assert any(p.name == "site.json" for p in menshen_home.rglob("*.json"))
    for path in written:
        assert mode(path) == 0o600, (path, oct(mode(path)))


def test_a_new_database_is_owner_only_from_the_start(tmp_path):
    from desktop.app import open_app
    old = os.umask(0o022)
    try:
        app = open_app(tmp_path / "new.db")
    finally:
        os.umask(old)
    try:
        assert mode(tmp_path / "new.db") == 0o600
    finally:
        app.close()


def test_an_export_keeps_its_scratch_file_private_and_removes_it_when_stopped(app_ctx, small_community, tmp_path,
                                                                            menshen_home):
    from openpyxl.worksheet._writer import ALL_TEMP_FILES
    from desktop.excel.export import Column, write_list
    seen = []

    def stop(rows, _):
        seen.extend(ALL_TEMP_FILES)
        raise KeyboardInterrupt                # the clerk cancels, or the program is stopped

    rows = ((f"张{i}", "420106195803070011") for i in range(5000))
    with pytest.raises(KeyboardInterrupt):
        write_list(tmp_path / "big.xlsx", "名单", [Column("姓名"), Column("证件号")], rows, progress=stop)
    assert seen and all(os.path.dirname(p) == str(menshen_home / "tmp") for p in seen)
    assert mode(menshen_home / "tmp") == 0o700
    assert not any(os.path.exists(p) for p in seen)
    assert not (tmp_path / "big.xlsx").exists() and list(tmp_path.glob("*.tmp*")) == []


def test_scratch_left_by_a_killed_export_is_removed_at_the_next_start(tmp_path, menshen_home):
    from desktop.app import open_app
    folder = menshen_home / "tmp"
    folder.mkdir(parents=True)
    left = folder / "export.999999999.abcd.xml"          # a process that is gone
    left.write_text("<row>420106195803070011</row>")
    mine = folder / f"export.{os.getpid()}.efgh.xml"      # this process is writing it now
    mine.write_text("<row/>")
    app = open_app(tmp_path / "a.db")
    app.close()
    assert not left.exists() and mine.exists()


def test_the_gate_journal_is_owner_only(app_ctx):
    from desktop.gate import journal
    old = os.umask(0o022)
    try:
        journal.keep(app_ctx.db, lambda recorder: "row-id")     # a passage kept while the lock was busy
    finally:
        os.umask(old)
    assert mode(journal.journal_path(app_ctx.db)) == 0o600
    journal.journal_path(app_ctx.db).unlink()
