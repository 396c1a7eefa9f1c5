"""The window on the screens offices have (issue 13): 1366×768 with a taskbar, and 1024×768.
Nothing is cut or scrolled away; blank panes say what to do."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionComboBox

from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
from tests.conftest import type_text
from ui.widgets.screen_fit import FRAME, fitted_geometry, show_at
from ui.widgets.unbroken import plain

pytestmark = pytest.mark.gui
TASKBAR = 40
TODAY = date(2020, 2, 20)


def client_size(screen: QSize) -> QSize:
    """What a window maximised on that screen gets: the screen less the taskbar and its frame."""
    return QSize(screen.width() - FRAME.width(), screen.height() - TASKBAR - FRAME.height())


@pytest.mark.parametrize("screen, maximised", [((1024, 768), True), ((1366, 768), True), ((1920, 1080), False)])
def test_the_window_is_never_larger_than_the_free_screen(screen, maximised):
    available = QRect(0, 0, screen[0], screen[1] - TASKBAR)
    geometry, maximise = fitted_geometry(available, QSize(1366, 768))
    assert geometry.width() + FRAME.width() <= available.width()
    assert geometry.height() + FRAME.height() <= available.height()
    assert available.contains(geometry) and maximise == maximised
    if not maximised:
        assert geometry.size() == QSize(1366, 768)


def maximised_window(qtbot, app_ctx, screen: tuple[int, int]):
    """The main window shown as maximised on a screen of that size."""
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    size = client_size(QSize(*screen))
    show_at(window, size.width(), size.height())
    return window


@pytest.fixture
def window(qtbot, qt_zh, app_ctx, small_community):
    from ui.main_window import MainWindow
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    from desktop.care.isolation import IsolationBook
    IsolationBook(app_ctx.db, app_ctx.register).start(small_community["people"]["张小明"].id, "home_isolation",
                                                      "密接", TODAY - timedelta(days=2), TODAY)
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


def inside(widget, window) -> bool:
    """Is the whole widget within the window's client area (nothing cut)?"""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(top_left, widget.size()).intersected(window.rect()) == QRect(top_left, widget.size())


def wrapped_lines(label) -> list[str]:
    """A word-wrapped label's lines as it lays them out at its width, as the eye reads them."""
    layout = QTextLayout(label.text(), label.font())
    layout.setTextOption(QTextOption(label.alignment()))        # the label's own wrapping: at words
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(plain(label.text()[line.textStart():line.textStart() + line.textLength()]))
    layout.endLayout()
    return lines


def test_every_page_fits_1024_by_768(qtbot, window):
    small = client_size(QSize(1024, 768))
    for name in window.page_names:
        window.show_page(name)
        page = window.pages.currentWidget()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs else 1):
            if tabs:
                tabs.setCurrentIndex(index)
            hint = window.minimumSizeHint()
            assert hint.width() <= small.width() and hint.height() <= small.height(), (name, index, hint)
            assert page.minimumSizeHint().width() <= small.width(), name
    show_at(window, small.width(), small.height())
    for name in window.page_names:
        window.show_page(name)
        qtbot.wait(1)
        page = window.pages.currentWidget()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs else 1):
            if tabs:
                tabs.setCurrentIndex(index)
                qtbot.wait(1)
            for button in page.findChildren(QPushButton):
                if button.isVisible():
                    assert inside(button, window), (name, index, button.text())


def test_the_passes_tab_is_whole_at_1366_with_a_taskbar(qtbot, window):
    size = client_size(QSize(1366, 768))
    show_at(window, size.width(), size.height())
    window.show_page("gate")
    page = window.pages.currentWidget()
    page.tabs.setCurrentWidget(page.passes_view)
    qtbot.wait(1)
    bulk = page.passes_view.findChild(QPushButton, "passes_bulk")
    assert bulk.isVisible() and inside(bulk, window)


def test_the_columns_that_matter_stay_in_sight_at_1024(qtbot, window):
    size = client_size(QSize(1024, 768))
    show_at(window, size.width(), size.height())
    window.show_page("register")         # the window opens on Today
    qtbot.wait(1)
    table = window.register_page.table
    header, width = table.horizontalHeader(), table.viewport().width()
    status = window.register_page.people_model.COLUMNS.index("status")
    address = window.register_page.people_model.COLUMNS.index("address")
    for column in (0, status, address):          # name, status colour, address: not scrolled away
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= width, column
    # The address gives way from its start, on one line: its door is read ("…3栋2单元501"; the
    # compound is in the tree), and so is the whole phone number ("138…" was no number to call).
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
    from PySide6.QtWidgets import QStyleOptionViewItem
    model, metrics = window.register_page.people_model, QFontMetrics(table.font())
    phone = model.COLUMNS.index("phone")
    assert header.sectionSize(phone) >= metrics.horizontalAdvance("13800000000") + 10
    for row in range(model.rowCount()):
        index = model.index(row, address)
        option = QStyleOptionViewItem()
        table.itemDelegateForColumn(address).initStyleOption(option, index)
        assert option.textElideMode == _Qt.ElideLeft and not option.features & QStyleOptionViewItem.WrapText
        shown = metrics.elidedText(index.data(), _Qt.ElideLeft, header.sectionSize(address) - 10)
        assert shown.endswith(index.data().split(" ", 1)[-1]), (shown, index.data())
        assert index.data(_Qt.ToolTipRole) == index.data()          # the whole address on hover
    window.show_page("isolation")
    window.pages.currentWidget().set_today(TODAY)
    qtbot.wait(1)
    iso = window.pages.currentWidget().table
    row_text = iso.model().index(0, 2).data()
    assert row_text and iso.columnWidth(2) >= 170      # the address is read, not "…"
    assert iso.horizontalHeader().sectionViewportPosition(2) + iso.columnWidth(2) <= iso.viewport().width()


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_the_register_shows_every_header_and_a_whole_id(qtbot, window, screen):
    """At 1024×768 the ID column was 56 pixels ("42010…") and 与户主关系, 重点人员 were cut:
    every header is read in full, in sight, and an 18-character ID fits its column."""
    size = client_size(QSize(*screen))
    show_at(window, size.width(), size.height())
    window.show_page("register")
    qtbot.wait(1)
    table = window.register_page.table
    header, model = table.horizontalHeader(), table.model()
    metrics = QFontMetrics(header.font())
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text) + 8, text
        assert header.sectionViewportPosition(column) >= 0, text
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width(), text
    id_column = model.COLUMNS.index("id_number")
    shown_id = model.index(0, id_column).data()
    cells = QFontMetrics(table.font())
    assert len(shown_id) == 18
    for id_text in (shown_id, shown_id[:6] + "*" * 8 + shown_id[-4:], "0" * 17 + "X"):
        assert table.columnWidth(id_column) >= cells.horizontalAdvance(id_text) + 6, id_text


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_the_gate_entry_hint_is_read_whole(qtbot, window, screen):
    """At 1024×768 the hint ended "…证件号…": it is drawn smaller until it fits; what the guard
    types stays large, and the field keeps its height."""
    size = client_size(QSize(*screen))
    show_at(window, size.width(), size.height())
    window.show_page("gate")
    qtbot.wait(1)
    entry = window.pages.currentWidget().screen.entry
    height = entry.height()
    assert entry.text() == "" and entry.isVisible()
    hint = QFontMetrics(entry.font()).horizontalAdvance(entry.placeholderText())
    assert hint + 16 <= entry.contentsRect().width()
    assert entry.font().pointSize() >= 12
    type_text(entry, "张三")
    qtbot.wait(1)
    assert entry.font().pointSize() == 24 and entry.height() == height
    entry.clear()
    qtbot.wait(1)
    assert QFontMetrics(entry.font()).horizontalAdvance(entry.placeholderText()) == hint


def shown_width(combo) -> int:
    """The pixels a combo box draws its text in (less its frame and arrow)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, combo).width()


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_the_care_filters_show_their_items_whole(qtbot, qt_zh, app_ctx, small_community, screen):
    """With helpers named as offices name them, the filter row at 1024×768 squeezed the building
    filter to "全部楼…": the place filters show their longest item, the search its hint."""
    from desktop.care.care_book import CareBook
    book = CareBook(app_ctx.db, app_ctx.register)
    for name, kind in (("王春燕", "staff"), ("陈海燕", "building_head"), ("梁颖琪", "volunteer")):
        book.add_helper(name, "13900001111", kind)
    app_ctx.register.add_compound("王家湾村民小组", kind="village_group")
    window = maximised_window(qtbot, app_ctx, screen)
    window.show_page("care")
    qtbot.wait(1)
    page = window.pages.currentWidget()
    places = page.place_filter
    for compound in (0, places.compound.findData(small_community["compound"].id)):
        places.compound.setCurrentIndex(compound)
        qtbot.wait(1)
        for combo in (places.compound, places.building):
            metrics = QFontMetrics(combo.font())
            longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
            assert shown_width(combo) >= longest, (combo.objectName(), compound)
            assert inside(combo, window)
    assert places.building.count() == 2          # 全部楼栋 and 3栋: the compound's buildings
    search = page.search
    hint = QFontMetrics(search.font()).horizontalAdvance(search.placeholderText())
    assert hint + 8 <= search.contentsRect().width() and inside(search, window)


def test_blank_panes_say_what_to_do(qtbot, window, app_ctx):
    window.show_page("gate")
    view = window.pages.currentWidget().passes_view
    window.pages.currentWidget().tabs.setCurrentWidget(view)
    assert view.people_hint.shown() and "输入姓名" in view.people_hint.text()
    assert view.passes_hint.shown() and "选中" in view.passes_hint.text()
    type_text(view.search, "张三")
    qtbot.waitUntil(lambda: view.people.count() == 1)
    assert not view.people_hint.shown()
    assert view.passes_hint.shown() and "还没有出入证" in view.passes_hint.text()
    view.buttons["household"].click()
    assert not view.passes_hint.shown()
    from ui.dialogs.import_wizard import ImportWizard
    wizard = ImportWizard(app_ctx, window.events)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.preview_hint.shown() and "选择文件" in wizard.preview_hint.text()
    assert wizard.mapping_hint.shown()


def test_the_main_window_sizes_itself_to_the_screen(qtbot, qt_zh, app_ctx):
    """Off screen the screen is 800 pixels wide: smaller than 1366×768, so the window opens
    maximised (the window manager fits it to the free area) instead of 1366 wide."""
    from ui.main_window import MainWindow
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    available = w.screen().availableGeometry()
    assert available.width() < 1366
    with qtbot.waitExposed(w):
        w.show()
    assert w.isMaximized()
    assert w.width() <= max(available.width(), w.minimumSizeHint().width())


def test_a_window_is_fitted_without_asking_qt_for_its_own_screen(qtbot, monkeypatch):
    """fit_to_screen asked window.screen(), the call that crashed the next widget made when a
    form asked it at each refusal (PySide6 6.11.3). The screen is the one under the window's
    centre, else the primary one (screen_of, which the forms use too)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget
    from ui.widgets.screen_fit import fit_to_screen

    def crashes(widget):
        raise AssertionError("window.screen() was asked")
    monkeypatch.setattr(QWidget, "screen", crashes)
    window = QWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 1366, 768)
    free = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() + FRAME.width() <= free.width() and window.windowState() & Qt.WindowMaximized


def header_lines(header, column: int) -> int:
    """The lines a header's text is drawn on in its section (wrapped as the header wraps it)."""
    text = header.model().headerData(column, Qt.Horizontal)
    metrics = QFontMetrics(header.font())
    margins = header.sectionSizeHint(column) - metrics.horizontalAdvance(text)
    one = metrics.boundingRect(QRect(0, 0, 1000, 1000), Qt.AlignCenter | Qt.TextWordWrap, text).height()
    drawn = metrics.boundingRect(QRect(0, 0, header.sectionSize(column) - margins, 1000),
                                 Qt.AlignCenter | Qt.TextWordWrap, text)
    assert drawn.width() <= header.sectionSize(column) - margins, text      # no line wider than its section
    return round(drawn.height() / one)


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_twelve_hundred_people_need_no_sideways_scroll(qtbot, qt_zh, app_ctx, screen):
    """With 1,206 people the row numbers grow to four digits as the clerk goes to the end, and at
    1024×768 重点人员 was only reached by scrolling sideways: every column stays in sight, every
    header is read whole (on two lines if it must: 与户主/关系), an ID whole."""
    from PySide6.QtCore import Qt as _Qt
    from desktop.demo import make_demo
    assert make_demo(app_ctx.db, households=545, seed=7, today=TODAY).people >= 1200
    window = maximised_window(qtbot, app_ctx, screen)
    window.show_page("register")
    table = window.register_page.table
    model, header = table.model(), table.horizontalHeader()
    qtbot.mouseClick(table.viewport(), _Qt.LeftButton, pos=table.visualRect(model.index(0, 0)).center())
    while model.rowCount() < model.total() or table.currentIndex().row() < model.total() - 1:
        qtbot.keyClick(table, _Qt.Key_End, _Qt.ControlModifier)      # the rows come a page at a time
        qtbot.wait(1)
    assert table.currentIndex().row() == model.total() - 1
    assert table.verticalHeader().width() >= QFontMetrics(table.verticalHeader().font()).horizontalAdvance("1206")
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Horizontal)
        assert header.sectionViewportPosition(column) >= 0, text
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width(), text
        assert header_lines(header, column) <= 2, text
        assert header_lines(header, column) == 1 or screen == (1024, 768), text
    id_column = model.COLUMNS.index("id_number")
    assert table.columnWidth(id_column) >= QFontMetrics(table.font()).horizontalAdvance("0" * 17 + "X") + 6


def test_a_helper_with_a_long_name_does_not_widen_the_care_pages_past_1024(qtbot, qt_zh, app_ctx, small_community):
    """A volunteer named 欧阳娜娜·古丽米热·阿不都热西提 made the helper filter as wide as her name:
    the care and isolation pages no longer fitted 1024×768 and the window ran off the screen.
    The filter keeps its width; the list that drops down shows her name whole."""
    from desktop.care.care_book import CareBook
    long_name = "欧阳娜娜·古丽米热·阿不都热西提"
    CareBook(app_ctx.db, app_ctx.register).add_helper(long_name, "13900001111", "volunteer")
    small = client_size(QSize(1024, 768))
    window = maximised_window(qtbot, app_ctx, (1024, 768))
    for name in ("care", "isolation"):
        window.show_page(name)
        qtbot.wait(1)
        assert window.minimumSizeHint().width() <= small.width(), name
        assert window.width() <= small.width(), name
        combo = window.pages.currentWidget().helper_filter
        row = combo.findText(long_name, Qt.MatchStartsWith)
        assert row >= 0 and inside(combo, window)
        assert combo.view().minimumWidth() >= QFontMetrics(combo.font()).horizontalAdvance(combo.itemText(row)), name


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_the_today_figures_are_read_whole_at_a_street_offices_numbers(qtbot, qt_zh, app_ctx, small_community, screen):
    """'14407  (-2)' was cut to '14407  (-2,' and 今日未随访 to 今日未随 at 1024; a street office's
    200,325 people are wider still: the figures go two a row where four do not fit."""
    from dataclasses import replace
    window = maximised_window(qtbot, app_ctx, screen)
    page = window.today_page
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10000)
    f = page.figures
    page.show_figures(replace(f, status={s: 200325 for s in f.status}, status_change={s: -1234 for s in f.status},
                              followups_not_done=12345, isolation_ending_today=12345, care_neglected=23456))
    qtbot.wait(50)
    for key, button in page.buttons.items():
        metrics = QFontMetrics(button.font())
        for line in button.text().split("\n"):
            assert metrics.horizontalAdvance(line) + 16 + 6 <= button.width(), (key, line, button.width())


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_a_not_seen_subjects_state_is_read_whole_on_the_care_list(qtbot, qt_zh, app_ctx, small_community, screen):
    """Nobody answered an old man's door and he was last seen three weeks ago: at 1366×768 his
    state read "已21天未走访，上…" (whole only on hover and in the card). It is said short, as
    paper says it, and the column shows it whole (bold, as his row is) beside his name."""
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm, VisitForm
    today = date.today()
    book = CareBook(app_ctx.db, app_ctx.register)
    helper = book.add_helper("刘楼长", "13912340000", "building_head")
    alone = book.add_subject(small_community["people"]["王大爷"].id, SubjectForm(
        categories=("elder_alone", "disabled"), needs=("groceries", "medicine", "talk"), frequency="weekly",
        helper_id=helper.id, listed_on=(today - timedelta(days=60)).isoformat()), today)
    book.record_visit(alone.id, VisitForm(visited_on=(today - timedelta(days=21)).isoformat(), found="身体好"), today)
    book.record_visit(alone.id, VisitForm(visited_on=today.isoformat(), mode="not_seen", found="敲门没人应"), today)
    window = maximised_window(qtbot, app_ctx, screen)
    window.show_page("care")
    qtbot.wait(1)
    page = window.pages.currentWidget()
    table, model = page.table, page.model
    row = [model.item(r).subject.full_name for r in range(model.rowCount())].index("王大爷")
    state = model.index(row, 0).data()
    assert state == "21天未走访（上次未见到）"
    font = model.index(row, 0).data(Qt.FontRole)
    assert font.bold()
    header = table.horizontalHeader()
    for column in (0, 1):                    # the state and the name, in sight
        assert header.sectionViewportPosition(column) >= 0
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()
    assert table.columnWidth(0) >= QFontMetrics(font).horizontalAdvance(state) + 8
    wide = model.widest_state()
    assert wide == "100天未走访（上次未见到）" and table.columnWidth(0) >= QFontMetrics(font).horizontalAdvance(wide) + 8


@pytest.fixture
def new_community(qtbot, qt_zh, app_ctx, small_community):
    """A new community's words, as helpers met them at 1024×768: compounds named as the works
    that built them, a woman living alone on the care list, the gate PC and the office's
    laptop heard of by sync, a canvass round begun. The window maximised at 1024×768."""
    from desktop.canvass.rounds import CanvassBook
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    for name in ("粮食局家属院", "纺织厂宿舍", "机床厂职工宿舍"):
        app_ctx.register.add_compound(name)
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",), listed_on=TODAY.isoformat()),
        TODAY)
    with app_ctx.db.transaction() as conn:
        conn.executemany("INSERT INTO sync_peer (site_id, site_code, site_name, role, last_package_at) "
                         "VALUES (?, ?, ?, ?, '2020-02-20T12:46:00')",
                         [("s-gate", "G1", "粮食局门岗", "gate"), ("s-office", "O1", "居委会办公室", "office")])
    CanvassBook(app_ctx.db, app_ctx.register).create_round("第一轮摸排", TODAY, starts_on=TODAY.isoformat())
    return maximised_window(qtbot, app_ctx, (1024, 768))


def in_sight(table, column: int) -> bool:
    header = table.horizontalHeader()
    return 0 <= header.sectionViewportPosition(column) and \
        header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()


def test_a_compounds_name_is_read_whole_in_the_register_tree_at_1024(qtbot, new_community):
    """The tree showed 粮食局家 and 纺织厂宿 (the button bar leaves it about 70 pixels): a name
    goes on to a second line, whole, and the people's name, phone, ID and address stay in sight."""
    window = new_community
    window.show_page("register")
    qtbot.wait(1)
    tree, page = window.register_page.tree, window.register_page
    assert tree.horizontalScrollBar().maximum() == 0
    metrics = QFontMetrics(tree.font())
    margin = 2 * (tree.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, tree) + 1)
    names = [tree.model().index(row, 0).data() for row in range(tree.model().rowCount())]
    assert {"粮食局家属院", "纺织厂宿舍", "机床厂职工宿舍"} <= set(names)
    for row, name in enumerate(names):
        rect = tree.visualRect(tree.model().index(row, 0))
        assert rect.right() < tree.viewport().width(), name
        drawn = metrics.boundingRect(QRect(0, 0, rect.width() - margin, 1000), Qt.AlignLeft | Qt.TextWordWrap, name)
        assert drawn.width() <= rect.width() - margin and drawn.height() <= rect.height(), (name, rect)
    table, model = page.table, page.people_model
    for column in ("name", "phone", "id_number", "address"):
        assert in_sight(table, model.COLUMNS.index(column)), column
    # A household under its unit (too deep to wrap in 70 pixels) stays on one line, sideways.
    index = tree.model().index(names.index("幸福里小区"), 0)
    for _level in range(3):                      # 幸福里小区 ▸ 3栋 ▸ 1单元 ▸ 101 王租客
        tree.expand(index)
        index = tree.model().index(0, 0, index)
    qtbot.wait(1)
    assert index.data().startswith("101")
    assert tree.visualRect(index).height() < 2 * metrics.height()


def test_the_machines_last_package_and_still_missing_are_whole_on_the_sync_page_at_1024(qtbot, new_community):
    """The machines' list showed a cut 对方还缺 header (scrolled sideways). It has no column for a
    machine's use any more (办公室 was said of every machine): its name says it."""
    window = new_community
    window.show_page("sync")
    qtbot.wait(1)
    table = window.pages.currentWidget().machine_table
    header, model = table.horizontalHeader(), table.model()
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(model.columnCount()):
        assert in_sight(table, column) and header_lines(header, column) <= 2, model.headerData(column, Qt.Horizontal)
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert sorted(names) == ["居委会办公室（O1）", "粮食局门岗（G1）"]
    assert model.index(0, 1).data() == "02-20 12:46"
    assert table.columnWidth(1) >= QFontMetrics(table.font()).horizontalAdvance("02-20 12:46") + 6


def test_a_care_category_is_read_whole_on_the_care_list_at_1024(qtbot, new_community):
    """The care list showed 独… for 独居老人 while the address had width to spare."""
    window = new_community
    window.show_page("care")
    qtbot.wait(1)
    page = window.pages.currentWidget()
    table, model = page.table, page.model
    column = model.COLUMNS.index("categories")
    assert model.index(0, column).data() == "独居老人"
    assert in_sight(table, column) and table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(column) >= QFontMetrics(table.font()).horizontalAdvance("独居老人") + 6
    for dated in ("last_visit", "due_on"):               # what gave the room is still read whole
        assert table.columnWidth(model.COLUMNS.index(dated)) >= table.fontMetrics().horizontalAdvance("2020-02-20") + 6


def test_the_canvass_lines_hint_is_read_whole_at_1024(qtbot, new_community):
    """The result line's hint ended 「1 已访 2 无人在家 3 拒绝 4 …」: while the line is empty it is
    drawn smaller until it fits; what the clerk types stays large, the line keeps its height."""
    window = new_community
    window.show_page("canvass")
    qtbot.wait(1)
    line = window.pages.currentWidget().line
    height = line.height()
    assert line.placeholderText() == "1 已访  2 无人在家  3 拒绝  4 已搬离"
    assert QFontMetrics(line.font()).horizontalAdvance(line.placeholderText()) + 8 <= line.contentsRect().width()
    assert line.font().pointSize() >= 12
    qtbot.keyClicks(line, "1")
    assert line.font().pointSize() == 14 and line.height() == height


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_lock_dialogs_heading_is_whole_in_english_and_chinese(qtbot, qt_zh, app_ctx, lang):
    """Locked by hand (Ctrl+L), the English heading wraps on three lines and was clipped at top
    and bottom: the dialog was as tall as the heading on one line. It is as tall as it wraps."""
    from PySide6.QtWidgets import QLabel
    from ui import i18n
    from ui.dialogs.login_dialog import LoginDialog
    i18n.install_language(qt_zh, lang)
    dialog = LoginDialog(app_ctx.db, unlock_name="测试员", by_hand=True)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    heading = dialog.findChildren(QLabel)[0]
    assert heading.text().startswith("The window is locked" if lang == "en" else "窗口已锁定")
    assert heading.height() >= heading.heightForWidth(heading.width())
    assert dialog.rect().contains(heading.geometry())


def test_the_logins_data_file_line_gives_way_only_as_far_as_the_dialog_is_short_of_room(qtbot, qt_zh, tmp_path):
    """Closing note: the login elided its data-file line at a fixed 400 pixels: a dialog made
    wider (or a wider font) still showed D:/…/register.db. The middle of the folder now gives
    way to the room the line has: whole in a wide dialog, the file's name kept in a narrow one."""
    from PySide6.QtWidgets import QLabel
    from ui.dialogs.login_dialog import LoginDialog
    where = tmp_path / "街道办事处" / "幸福里社区居民委员会" / "二〇二〇年疫情防控" / "社区门神数据" / "register.db"
    dialog = LoginDialog(None, path=where)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    line = dialog.findChild(QLabel, "login_data_file")
    assert "…" in line.text() and line.text().endswith("register.db") and line.toolTip() == str(where)
    assert dialog.rect().contains(line.geometry())
    dialog.resize(1000, dialog.height())
    qtbot.waitUntil(lambda: line.width() > 900)
    assert line.text() == f"数据文件：{where}"


# What a page has of the window's width: the list of pages (120 pixels) and the space beside it.
BESIDE_THE_PAGES = 126


def test_the_pages_fit_1024_in_english_and_the_registers_buttons_have_room_in_chinese(
        qtbot, qt_zh, app_ctx, small_community):
    """Switched to English, the window was wider than a 1024×768 screen: the register's row of
    nine buttons (1139 pixels), the care list's filters and buttons (1204), the isolation title,
    canvass's and duty's rows; the care list, made to fit, drew 王… for a name. In Chinese the
    register's buttons took 1005 of the 1008 pixels.
    A row of buttons (or the care list's filters) goes on to a second line where it runs out of
    width, a long title wraps; nothing is cut."""
    from ui import i18n
    from ui.events import DataEvents
    from ui.pages.canvass_page import CanvassPage
    from ui.pages.care_page import CarePage
    from ui.pages.duty_page import DutyPage
    from ui.pages.isolation_page import IsolationPage
    from ui.pages.register_page import RegisterPage
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",), listed_on=TODAY.isoformat()),
        TODAY)
    room = client_size(QSize(1024, 768)).width() - BESIDE_THE_PAGES
    chinese = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(chinese)
    assert chinese.minimumSizeHint().width() <= room - 300
    i18n.install_language(qt_zh, "en")
    pages = {}
    for page_class in (RegisterPage, CarePage, IsolationPage, CanvassPage, DutyPage):
        page = pages[page_class] = page_class(app_ctx, DataEvents())
        qtbot.addWidget(page)
        assert page.minimumSizeHint().width() <= room, (page_class.__name__, page.minimumSizeHint())
    care = pages[CarePage]                   # the name gave way to the English state: 王… for 王大爷
    care.resize(room - 40, 600)          # less its scroll bar and a long list's row numbers
    with qtbot.waitExposed(care):
        care.show()
    bold = care.table.font()
    bold.setBold(True)
    name = care.model.COLUMNS.index("name")
    assert care.model.rowCount() == 1 and care.model.index(0, name).data() == "王大爷"
    assert care.table.columnWidth(name) >= QFontMetrics(bold).horizontalAdvance("王大爷") + 10
    page = pages[RegisterPage]
    page.resize(640, 600)                    # its tree widened: the buttons on two lines, each whole
    with qtbot.waitExposed(page):
        page.show()
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    assert page.buttons["add_compound"].y() < page.buttons["remove_person"].y()
    for button in buttons:
        assert page.rect().contains(QRect(button.mapTo(page, QPoint(0, 0)), button.size())), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()


def test_the_english_register_and_care_lists_fit_their_words(qtbot, qt_zh, app_ctx, small_community):
    """In English the register drew Fe… for Female and H… for Head of household even at 1366
    (the widths were the Chinese words'), and at 1024 its header read "elatio"; the care list at
    1024 scrolled sideways for its last column (Needs)."""
    from ui import i18n
    from ui.events import DataEvents
    from ui.pages.care_page import CarePage
    from ui.pages.register_page import RegisterPage
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        small_community["people"]["王大爷"].id,
        SubjectForm(categories=("elder_alone",), needs=("medicine",), listed_on=TODAY.isoformat()), TODAY)
    i18n.install_language(qt_zh, "en")
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    table, column = page.table, page.people_model.COLUMNS.index
    metrics = QFontMetrics(table.font())
    page.resize(client_size(QSize(1366, 768)).width() - BESIDE_THE_PAGES, 600)
    with qtbot.waitExposed(page):
        page.show()
    assert table.columnWidth(column("sex")) > metrics.horizontalAdvance("Female")
    assert table.columnWidth(column("relation")) > metrics.horizontalAdvance("Head of household")
    for page_ in (page, CarePage(app_ctx, DataEvents())):
        qtbot.addWidget(page_)
        page_.resize(client_size(QSize(1024, 768)).width() - BESIDE_THE_PAGES, 600)
        with qtbot.waitExposed(page_):
            page_.show()
        header = page_.table.horizontalHeader()
        assert page_.table.horizontalScrollBar().maximum() == 0, type(page_).__name__
        for c in range(header.count()):       # every header read whole, on at most two lines
            text = page_.table.model().headerData(c, Qt.Horizontal)
            assert header.sectionSize(c) >= max(QFontMetrics(header.font()).horizontalAdvance(word)
                                                for word in text.split()), text
    assert page.table.columnWidth(column("sex")) > metrics.horizontalAdvance("Female")
    # At 1024 the care list's category said "Elderly …" (sized for 独居老人) and its visit "Ev…".
    care_column = page_.model.COLUMNS.index
    assert page_.model.index(0, care_column("categories")).data() == "Elderly living alone"
    assert page_.table.columnWidth(care_column("categories")) > metrics.horizontalAdvance("Elderly living alone")
    assert page_.table.columnWidth(care_column("frequency")) > metrics.horizontalAdvance("Every day")
