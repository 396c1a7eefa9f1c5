"""The street page: the communities in the street's folder with their figures of the day and the
street's total (each community's own figures, summed), and a community opened to its
households (double-click)."""
from types import SimpleNamespace

import pytest

from desktop.aggregate.street import summed
from tests.aggregate.communities import DAY
from tests.conftest import as_usb_stick, type_text
from ui.events import DataEvents
from ui.pages.street_page import StreetPage


def shown(model):
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


@pytest.fixture
def street_folder(small_street, street_copy):
    """A street folder that took in three communities (a copy of the session's)."""
    return street_copy, small_street.own, small_street.names


@pytest.mark.gui
def test_the_street_page_sums_its_communities_and_opens_one_to_its_households(app_ctx, qtbot, qt_zh,
                                                                                street_folder, tmp_path):
    folder, own, names = street_folder
    page = StreetPage(app_ctx, DataEvents(), today=DAY)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and "还没有选择街道文件夹" in page.folder_label.text()
    assert not page.purpose.isHidden() and "街道办的电脑用的" in page.purpose.text()
    page.use_folder(folder)
    assert page.purpose.isHidden()
    rows = shown(page.model)
    assert [r[0] for r in rows[:-1]] == sorted(names.values())
    by_name = {names[c]: f for c, f in own.items()}
    for r in rows[:-1]:
        f = by_name[r[0]]
        assert r[1:] == tuple(f"{f[k]:,}" for k in ("households", "people", "home_isolation", "observation", "away",
                                                      "key_persons", "gate_in", "gate_out", "gate_turned_back",
                                                      "gate_fevers"))
    total = summed(own)
    assert rows[-1][0] == "街道合计（3 个社区）"
    assert rows[-1][2] == f"{total['people']:,}" and rows[-1][7] == f"{total['gate_in']:,}"
    # Drill down: double-click the first community.
    first = page.community_ids[0]
    page.open_community(0)
    houses = shown(page.houses)
    assert len(houses) == own[first]["households"]
    assert sum(int(h[1]) for h in houses) == own[first]["people"]
    assert names[first] in page.house_title.text()
    # … and a household, double-clicked, to its people, the ID numbers masked.
    import re
    from PySide6.QtCore import Qt
    row = next(i for i, h in enumerate(houses) if int(h[1]) > 0)
    page.resize(1366, 768)
    with qtbot.waitExposed(page):
        page.show()
    rect = page.house_table.visualRect(page.houses.index(row, 0))
    qtbot.mouseClick(page.house_table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.house_table.viewport(), Qt.LeftButton, pos=rect.center())
    people = shown(page.people)
    assert len(people) == int(houses[row][1])
    assert all(re.fullmatch(r"\d{4,6}\*{8,10}[\dX]{4}", p[2]) and len(p[2]) == 18 for p in people if p[2])
    assert any(p[2] for p in people)
    for size, name in (((1366, 768), "street-1366.png"), ((1024, 768), "street-1024.png")):
        page.resize(*size)
        page.grab().save(str(tmp_path / name))
    # Beside the page list of a 1024×768 window the gate's figures, the most serious status and a
    # member's status had scrolled out of sight; the masked ID is whole.
    page.resize(880, 660)
    for table in (page.table, page.house_table, page.people_table):
        header, last = table.horizontalHeader(), table.model().columnCount() - 1
        qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=1000)
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    idno = next(p[2] for p in people if p[2])
    assert page.people_table.columnWidth(2) >= page.people_table.fontMetrics().horizontalAdvance(idno) + 6
    # The street's total was "街道合计（3 …" (in English too: test_at_1024_a_long_folder_path_…).
    assert page.table.columnWidth(0) >= page.table.fontMetrics().horizontalAdvance(rows[-1][0]) + 6
    # The folder is remembered on this machine.
    again = StreetPage(app_ctx, DataEvents(), today=DAY)
    qtbot.addWidget(again)
    assert again.model.rowCount() == 4
    page.street.close()
    again.street.close()


@pytest.mark.gui
def test_at_1024_a_long_folder_path_keeps_the_page_on_the_screen_and_the_total_is_whole(
        app_ctx, qtbot, qt_zh, street_folder, tmp_path):
    """Beside the page list of a 1024×768 window (880 pixels), in English a long folder path made
    the page 909 pixels wide (the folder's label neither wrapped nor gave way), and "Street total
    (0 …" was cut in the Community column (in Chinese too: the test above). The path gives way in
    its middle (whole on hover), the total is read whole, nothing scrolls sideways.
    A long community name (two of one name carry their code) was cut there, whole only on hover;
    and the message line, empty until something is said, left a blank strip above the list. The
    name goes on to a second line; the line is there only with something to say."""
    import os
    import shutil
    from PySide6.QtCore import QSize, Qt
    from desktop.aggregate.street import Street
    from ui import i18n
    folder, _own, names = street_folder
    first, long_name = sorted(names, key=names.get)[0], "幸福里街道新民村村民委员会（第三网格）"
    with Street(folder) as street, street.replica(first).transaction() as conn:
        conn.execute("UPDATE community SET name = ? WHERE id = ?", (long_name, first))
    deep = tmp_path / "街道办事处" / "2020年疫情防控工作" / "各社区数据汇总（每日更新）" / "第三网格与第四网格合并后的汇总"
    deep.parent.mkdir(parents=True)
    shutil.move(folder, deep)                      # the test's own copy, put deep
    i18n.install_language(qt_zh, "en")
    page = StreetPage(app_ctx, DataEvents(), today=DAY)
    qtbot.addWidget(page)
    page.use_folder(deep)
    page.resize(880, 660)
    with qtbot.waitExposed(page):
        page.show()
    assert page.minimumSizeHint().width() <= 880 and page.size() == QSize(880, 660)
    label = page.folder_label
    whole = f"Street folder: {deep}"
    assert label.toolTip() == whole and label.whole() == whole
    shown = label.text()
    assert shown != whole and "…" in shown and shown.endswith("汇总") and shown.startswith(whole[:8])
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.mapTo(page, label.rect().topRight()).x() < page.width()
    table = page.table
    total = page.model.index(page.model.rowCount() - 1, 0).data()
    assert total == "Street total (3 communities)"
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(total) + 6
    assert table.horizontalScrollBar().maximum() == 0
    row = page.community_ids.index(first)
    rect = table.visualRect(page.model.index(row, 0))
    drawn = table.fontMetrics().boundingRect(rect.adjusted(4, 0, -4, 0), Qt.AlignLeft | Qt.TextWordWrap, long_name)
    assert page.model.index(row, 0).data() == long_name
    assert drawn.height() <= rect.height() and rect.height() > table.rowHeight(row + 1), (drawn, rect)
    # The list right under the passphrase's row: no strip for a message not said.
    below = page.passphrase.mapTo(page, page.passphrase.rect().bottomLeft()).y()
    gap = table.mapTo(page, table.rect().topLeft()).y() - below
    assert gap <= 2 * page.layout().spacing() and page.message.isHidden(), gap
    if os.environ.get("MENSHEN_SHOTS"):
        page.grab().save(os.path.join(os.environ["MENSHEN_SHOTS"], "street-880-en.png"))


@pytest.mark.gui
def test_the_street_page_fills_the_streets_own_report(app_ctx, qtbot, qt_zh, street_folder, tmp_path):
    from openpyxl import Workbook, load_workbook
    from tests.aggregate.test_street_report import street_template
    folder, own, names = street_folder
    page = StreetPage(app_ctx, DataEvents(), today=DAY)
    qtbot.addWidget(page)
    page.use_folder(folder)
    out = tmp_path / "日报.xlsx"
    assert page.fill_report(street_template(tmp_path / "t.xlsx"), out)
    assert "3" in page.message.text() and out.exists()
    ws = load_workbook(out)["日报"]
    assert [ws.cell(r, 2).value for r in range(5, 9)] == sorted(names.values()) + ["合计"]
    book = Workbook()
    book.active["A1"] = "不是日报"
    book.save(tmp_path / "bad.xlsx")
    assert not page.fill_report(tmp_path / "bad.xlsx", tmp_path / "no.xlsx")
    assert "社区名称" in page.message.text() and not (tmp_path / "no.xlsx").exists()


@pytest.mark.gui
def test_the_street_page_imports_the_communities_packages_with_their_passphrases(app_ctx, qtbot, qt_zh, tmp_path,
                                                                                 small_street, packages_copy):
    from ui.workers.task import InlineRunner, use_runner
    packages, own, passphrases = packages_copy, small_street.own, small_street.passphrases
    communities = [SimpleNamespace(id=c) for c in small_street.names]        # in the order built
    old = use_runner(InlineRunner())
    try:
        page = StreetPage(app_ctx, DataEvents(), today=DAY)
        qtbot.addWidget(page)
        page.import_packages(packages)                      # no street folder yet: said, nothing done
        assert "请先选择街道文件夹" in page.message.text() and page.street is None
        page.use_folder(tmp_path / "street")
        page.import_packages(packages)                      # no passphrase: said what to give
        assert "同步口令" in page.message.text() and page.model.rowCount() == 1   # the total line only
        # A passphrase file that misses one community: the other two come in, the third is named.
        first, *rest = communities
        (tmp_path / "keys.txt").write_text("\n".join(f"{c.id} {passphrases[c.id]}" for c in rest), "utf-8")
        page.use_passphrase_file(tmp_path / "keys.txt")
        page.import_packages(packages)
        assert f"没有社区“{first.id}”的口令" in page.message.text()
        assert len(page.community_ids) == 2
        (tmp_path / "keys.txt").write_text("\n".join(f"{c} {p}" for c, p in passphrases.items()), "utf-8")
        page.import_packages(packages)
        assert sorted(page.community_ids) == sorted(own)
        rows = shown(page.model)
        assert rows[-1][2] == f"{summed(own)['people']:,}"
        page.import_packages(packages)                      # again: nothing new, figures the same
        assert "没有新的同步包" in page.message.text() and shown(page.model) == rows
        page.use_passphrase_file(tmp_path / "missing.txt")
        page.import_packages(packages)
        assert "找不到口令文件" in page.message.text()
        (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\xd0\xff\x00" * 20)   # not a text file
        page.use_passphrase_file(tmp_path / "picture.png")
        page.import_packages(packages)
        assert "不是文本文件" in page.message.text() and "codec" not in page.message.text()
    finally:
        use_runner(old)
        page.close()


@pytest.mark.gui
def test_a_wrong_report_day_fills_nothing(app_ctx, qtbot, qt_zh, street_folder, tmp_path):
    """A day the calendar lacks in the day box: the report is refused with the reason, not filled
    for the day the list still shows (a clerk who typed 02-30 got the 20th's report)."""
    from tests.aggregate.test_street_report import street_template
    folder, own, names = street_folder
    page = StreetPage(app_ctx, DataEvents(), today=DAY)
    qtbot.addWidget(page)
    page.use_folder(folder)
    page.day.setText(f"{DAY.year}-02-30")
    out = tmp_path / "日报.xlsx"
    assert not page.fill_report(street_template(tmp_path / "t.xlsx"), out)
    assert "日期不存在" in page.message.text() and not out.exists()


@pytest.mark.gui
def test_a_community_office_lists_no_street_page_until_it_is_asked_for(app_ctx, qtbot, qt_zh, small_community):
    """街道 was in the list of pages on a community's and a village's PC, where nobody imports
    other communities' packages. It is listed on a street office's machine (its folder chosen),
    or once 视图 ▸ 街道汇总页 is checked; unchecked, it goes away again."""
    from PySide6.QtWidgets import QMenu
    from desktop.aggregate.street import set_street_folder, street_page_shown
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    nav = window.nav
    street = window.page_names.index("street")
    assert nav.item(street).text() == "街道" and nav.item(street).isHidden()
    assert [nav.item(r).text() for r in range(nav.count()) if not nav.item(r).isHidden()][-1] == "账号管理"
    view = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "视图(&V)")
    action = next(a for a in view.actions() if a.objectName() == "street_page_action")
    assert action.text() == "街道汇总页(&S)" and not action.isChecked()
    action.trigger()
    assert not nav.item(street).isHidden() and nav.currentRow() == street
    assert "街道办的电脑用的" in window.pages.currentWidget().purpose.text()
    assert street_page_shown(app_ctx.db)                 # and at the next start
    action.trigger()
    assert nav.item(street).isHidden() and nav.currentRow() == 0 and not street_page_shown(app_ctx.db)
    set_street_folder(app_ctx.db, "D:/街道")               # a street office's machine, as before
    assert not street_page_shown(app_ctx.db)             # put away by hand: that choice stands


def test_a_street_offices_machine_lists_its_page(app_ctx):
    from desktop.aggregate.street import set_street_folder, street_page_shown
    assert not street_page_shown(app_ctx.db)
    set_street_folder(app_ctx.db, "D:/街道")
    assert street_page_shown(app_ctx.db)


@pytest.mark.gui
def test_a_stick_pulled_while_the_packages_are_read_is_said_as_a_read(app_ctx, qtbot, qt_zh, tmp_path, monkeypatch):
    """The packages' folder could not be read (the stick pulled as 导入 began): the page said
    nothing and opened an error report; it says the stick could not be read and nothing changed.
    It said 再同步一次 (the sync page's action) on a page whose action is 导入: it says its own."""
    import errno
    from pathlib import Path
    import ui.failures
    from desktop.sync import mailbox
    from ui.workers.task import InlineRunner, use_runner
    reports = []
    monkeypatch.setattr(ui.failures, "_show_report", lambda report, parent: reports.append(report))

    real = mailbox.os.scandir

    def pulled(folder):
        if Path(folder).name == "stick":
            raise OSError(errno.EIO, "Input/output error")
        return real(folder)
    monkeypatch.setattr(mailbox.os, "scandir", pulled)
    as_usb_stick(monkeypatch, tmp_path / "stick")
    old = use_runner(InlineRunner())
    try:
        page = StreetPage(app_ctx, DataEvents(), today=DAY)
        qtbot.addWidget(page)
        page.use_folder(tmp_path / "street")
        type_text(page.passphrase, "any-passphrase-1")
        (tmp_path / "stick").mkdir()
        page.import_packages(tmp_path / "stick")
    finally:
        use_runner(old)
    said = page.message.text()
    assert reports == []
    assert said.startswith("stick：读取U盘时出错")           # the folder chosen, by its name
    assert "本机数据没有改动" in said and "没有保存" not in said
    assert "等电脑认出U盘后再导入一次" in said and "同步" not in said


def test_a_package_the_stick_failed_to_give_is_listed_with_the_street_pages_action(qt_zh):
    """A package the stick could not read while the street imported: its line said 再同步一次.
    And in the English window the page's own words said what the import did in Chinese (desktop
    made the sentence); the refusal's reason stays Chinese."""
    from desktop.aggregate.street import StreetIngest
    from desktop.sync.errors import StickReadError
    from ui import i18n
    from ui.pages.street_page import ingest_text
    got = StreetIngest(unreadable=[("a.cspkg", StickReadError("读取中断", file="a.cspkg"))], no_passphrase=["c9"])
    assert ingest_text(got, {"c9": "新民社区"}.get).splitlines() == [
        "导入了 0 个同步包，0 条新记录，涉及 0 个社区。",
        "没有导入 a.cspkg：读取U盘时出错（读取中断）：U盘可能被拔出或接触不良。请重新插好U盘，"
        "等电脑认出U盘后再导入一次；本机数据没有改动。",
        "没有社区“新民社区”的口令，它的同步包没有导入（请在口令文件里加上这个社区）。"]
    assert "再同步一次" in StickReadError("读取中断").message          # the sync page's own words stay
    i18n.install_language(qt_zh, "en")
    said = ingest_text(got, {"c9": "新民社区"}.get).splitlines()
    assert said[0] == "Imported 0 packages, 0 new records, from 0 communities."
    assert said[1].startswith("Not imported: a.cspkg: 读取U盘时出错")
    assert said[2].startswith("No passphrase for the community 新民社区:")
    assert ingest_text(StreetIngest()).startswith("No new package in this folder")
