"""The office's name, read once (desktop.place_words.community_name): the login, the paper and
the lists say the same community when a register holds two community rows (a demo of two
communities; a machine joined to one whose packages carried another's row)."""
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel

from desktop import place_words
from desktop.excel.lists import export_list
from desktop.printing.catalogue import office_of


def _two_communities(db, joined: str | None) -> None:
    with db.transaction() as conn:
        # 新民 has the smaller id, 建设 was made first: the paper read one, the lists the other.
        conn.execute("INSERT INTO community (id, name, created_wall) VALUES"
                     " ('c-1', '新民社区', '2026-02-01T09:00:00'), ('c-2', '建设社区', '2026-01-01T09:00:00')")
        if joined:
            conn.execute("INSERT INTO local_setting VALUES ('sync_community_id', ?)", (joined,))


@pytest.mark.parametrize("joined, name", [(None, "新民社区"), ("c-2", "建设社区")])
def test_the_login_the_paper_and_the_lists_name_one_community(qtbot, qt_zh, app_ctx,
                                                               tmp_path, joined, name):
    """Not joined: the community it syncs as is the smallest id (its packages and backups say
    so), and the lists said 建设社区 above a daily report and a login of 新民社区. Joined to 建设
    (the sync setting): the login and the paper said 新民社区."""
    from ui.dialogs.login_dialog import LoginDialog
    _two_communities(app_ctx.db, joined)
    other = ({"新民社区", "建设社区"} - {name}).pop()
    out = tmp_path / "名单.xlsx"
    export_list(app_ctx, "register", out, on=date(2020, 2, 20))
    heading = load_workbook(out).active["A1"].value
    assert heading.startswith(name) and other not in heading
    assert office_of(app_ctx.register).name == f"{name}居民委员会"       # who signs the paper
    assert place_words.community_name(app_ctx.db) == name                # the daily report, the map
    dialog = LoginDialog(app_ctx.db)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "login_heading").text() == f"请登录“{name}”的登记系统。"


def test_a_register_an_import_began_is_named_by_its_only_compound(app_ctx):
    """No community set up (a ledger imported on the command line): its one place names it (the
    lists said so, the paper and the login said nothing); two places, nothing. The committee is
    then the plain 社区居民委员会."""
    app_ctx.register.add_compound("幸福里小区")
    assert place_words.community_name(app_ctx.db) == "幸福里小区"
    assert place_words.committee_name(app_ctx.db) == "社区居民委员会"
    app_ctx.register.add_compound("王家湾组", kind="village_group")
    assert place_words.community_name(app_ctx.db) == ""
