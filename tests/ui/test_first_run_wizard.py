"""The first-run wizard (issue 18, point 3), driven by keys as a clerk presses them: the way in,
the community and its places, the sync passphrase, Finish; errors shown where they are."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWizard

from desktop import first_run as fr
from desktop.place_words import committee_name
from desktop.settings import get_setting
from tests.conftest import type_text
from ui import first_run as ui_first_run
from ui.first_run import FirstRunWizard


def _key(qtbot, wizard, key, modifier=Qt.NoModifier):
    qtbot.keyClick(wizard.focusWidget() or wizard, key, modifier)


def _next(qtbot, wizard):
    """Tab to the wizard's Next button (下一步) and press Space, as from a multi-line box."""
    button = wizard.button(QWizard.NextButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def _shown(qtbot, w):
    """The wizard on screen and active, its first choice focused: the arrow keys move among the
    choices only in the active window. (A bare ``qtbot.waitExposed(w)`` returns at once: it waits
    only as a ``with``; the fixture's window became active between its setup and the test, a
    test's own did not, and its two Down presses left 导入Excel台账 chosen.)"""
    with qtbot.waitActive(w):
        w.show()
    w.start_page.group.checkedButton().setFocus()
    return w


@pytest.fixture
def wizard(qtbot, qt_zh, app_ctx, monkeypatch):
    """The wizard without the admin-account page (its own test below goes through it)."""
    monkeypatch.setattr(ui_first_run, "SETUP_PAGES", [])
    w = FirstRunWizard(app_ctx)
    qtbot.addWidget(w, before_close_func=lambda w: w.hide())   # closed at the end unasked (closing asks)
    return _shown(qtbot, w)


def _type_community(qtbot, wizard, places="幸福里小区：1-3栋\n王家湾组"):
    page = wizard.community_page
    type_text(page.name, "新民社区")
    _key(qtbot, wizard, Qt.Key_Tab)                  # kind: 社区 stays
    _key(qtbot, wizard, Qt.Key_Tab)
    type_text(wizard.focusWidget(), "积玉桥街道")
    _key(qtbot, wizard, Qt.Key_Tab)
    type_text(wizard.focusWidget(), "027-88886666")
    _key(qtbot, wizard, Qt.Key_Tab)
    assert wizard.focusWidget() is page.places
    for n, line in enumerate(places.split("\n")):
        if n:
            _key(qtbot, wizard, Qt.Key_Return)        # a new line in the places box, not Next
        type_text(page.places, line)


def test_start_empty_sets_up_the_community_and_opens_the_register(qtbot, wizard, app_ctx):
    _key(qtbot, wizard, Qt.Key_Down)                 # 导入 -> 从U盘加入
    _key(qtbot, wizard, Qt.Key_Down)                 # -> 从空白开始
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.currentId() == ui_first_run.COMMUNITY
    _type_community(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.currentId() == ui_first_run.PASSPHRASE
    type_text(wizard.passphrase_page.passphrase, "幸福里 三栋 二单元 门岗")
    _key(qtbot, wizard, Qt.Key_Tab)
    type_text(wizard.focusWidget(), "幸福里 三栋 二单元 门岗")
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.currentId() == ui_first_run.FINISH
    summary = wizard.finish_page.summary.text()
    assert "新民社区" in summary and "2" in summary and "3" in summary and "户籍登记" in summary
    assert app_ctx.register.compounds() == []       # nothing written before Finish
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.result() == QWizard.Accepted and wizard.first_page() == "register"
    names = {c.name: c for c in app_ctx.register.compounds()}
    assert set(names) == {"幸福里小区", "王家湾组"}
    assert [b.number for b in app_ctx.register.buildings(names["幸福里小区"].id)] == ["1", "2", "3"]
    assert committee_name(app_ctx.db) == "新民社区居民委员会"
    assert get_setting(app_ctx.db, "street_office") == "积玉桥街道"
    assert fr.passphrase_matches(app_ctx.db, "幸福里 三栋 二单元 门岗") is True
    assert not fr.needs_first_run(app_ctx)


def test_the_last_page_shows_the_community_name_as_it_is_kept(qtbot, wizard):
    _key(qtbot, wizard, Qt.Key_Return)               # 导入台账
    _type_community(qtbot, wizard)
    wizard.community_page.name.setText("新民　　社区 ")      # a wide space from the input method
    _next(qtbot, wizard)
    _next(qtbot, wizard)                               # the passphrase can wait
    assert wizard.currentId() == ui_first_run.FINISH
    assert "新民 社区" in wizard.finish_page.summary.text()


def test_import_opens_the_excel_page_and_the_passphrase_can_wait(qtbot, wizard, app_ctx):
    _key(qtbot, wizard, Qt.Key_Return)               # 导入Excel台账 is chosen already
    _type_community(qtbot, wizard, "幸福里小区：1-2")
    _next(qtbot, wizard)
    _key(qtbot, wizard, Qt.Key_Return)               # no passphrase: later, on the sync page
    assert wizard.currentId() == ui_first_run.FINISH
    assert "同步" in wizard.finish_page.summary.text()
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.first_page() == "excel"
    assert get_setting(app_ctx.db, "sync_passphrase_check") == ""
    assert [c.name for c in app_ctx.register.compounds()] == ["幸福里小区"]


def test_a_wrong_place_line_is_named_and_nothing_moves_on(qtbot, wizard, app_ctx):
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard, "幸福里小区：1-3栋\n建设院：12-1")
    _next(qtbot, wizard)
    assert wizard.currentId() == ui_first_run.COMMUNITY
    error = wizard.community_page.error.text()
    assert "第2行" in error and "12-1" in error
    assert wizard.focusWidget() is wizard.community_page.places


def test_a_weak_or_mistyped_passphrase_is_refused_beside_it(qtbot, wizard):
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard)
    _next(qtbot, wizard)
    type_text(wizard.passphrase_page.passphrase, "123456")
    _key(qtbot, wizard, Qt.Key_Tab)
    type_text(wizard.focusWidget(), "123456")
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.currentId() == ui_first_run.PASSPHRASE
    assert "太简单" in wizard.passphrase_page.error.text()


def _back(qtbot, wizard):
    button = wizard.button(QWizard.BackButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def test_a_passphrase_error_goes_when_the_field_is_edited_or_the_page_entered_again(qtbot, wizard, tmp_path):
    """The red "太简单" stayed after Back then Next, and after the field was emptied: it speaks
    of what was typed when Next was pressed, and comes back only when it is true again."""
    page = wizard.passphrase_page
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard)
    _next(qtbot, wizard)
    type_text(page.passphrase, "123456")
    _key(qtbot, wizard, Qt.Key_Tab)
    type_text(wizard.focusWidget(), "123456")
    _key(qtbot, wizard, Qt.Key_Return)
    assert "太简单" in page.error.text()
    _back(qtbot, wizard)
    assert wizard.currentId() == ui_first_run.COMMUNITY
    _next(qtbot, wizard)
    assert wizard.currentId() == ui_first_run.PASSPHRASE
    assert page.error.text() == ""
    wizard.grab().save(str(tmp_path / "entered_again.png"))
    page.passphrase.setFocus()
    _key(qtbot, wizard, Qt.Key_Return)               # still 123456: said again, for it is true
    assert "太简单" in page.error.text()
    _key(qtbot, wizard, Qt.Key_A, Qt.ControlModifier)
    _key(qtbot, wizard, Qt.Key_Backspace)
    assert page.passphrase.text() == "" and page.error.text() == ""
    type_text(page.passphrase, "幸福里 三栋 二单元 门岗")
    _key(qtbot, wizard, Qt.Key_Return)               # the second box still holds 123456
    assert wizard.currentId() == ui_first_run.PASSPHRASE and "不一样" in page.error.text()
    assert wizard.focusWidget() is page.repeated        # the page puts the cursor where it is wrong
    _key(qtbot, wizard, Qt.Key_A, Qt.ControlModifier)
    _key(qtbot, wizard, Qt.Key_Backspace)
    assert page.error.text() == ""
    type_text(page.repeated, "幸福里 三栋 二单元 门岗")
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.currentId() == ui_first_run.FINISH


def test_a_place_error_goes_when_the_places_are_edited(qtbot, wizard):
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard, "幸福里小区：1-3栋\n建设院：12-1")
    _next(qtbot, wizard)
    assert "第2行" in wizard.community_page.error.text()
    _key(qtbot, wizard, Qt.Key_Backspace)
    assert wizard.community_page.error.text() == ""


@pytest.mark.parametrize("downs, choice, page", [(1, fr.START_JOIN, "sync"), (3, fr.START_DEMO, None)])
def test_join_and_demo_ask_no_community(qtbot, wizard, app_ctx, downs, choice, page):
    for _ in range(downs):
        _key(qtbot, wizard, Qt.Key_Down)
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.currentId() == ui_first_run.FINISH
    _key(qtbot, wizard, Qt.Key_Return)
    assert wizard.choice() == choice and wizard.first_page() == page
    assert app_ctx.register.compounds() == []
    assert fr.needs_first_run(app_ctx) is (choice == fr.START_DEMO)   # the demo is a look around


def test_an_extra_page_is_shown_after_the_passphrase_and_applied_at_finish(qtbot, qt_zh, app_ctx, monkeypatch):
    from PySide6.QtWidgets import QWizardPage
    applied = []

    class AdminPage(QWizardPage):                    # the accounts work's page, by the hook
        def apply(self, app):
            applied.append(len(app.register.compounds()))
    monkeypatch.setattr(ui_first_run, "SETUP_PAGES", [lambda app: AdminPage()])
    w = FirstRunWizard(app_ctx)
    qtbot.addWidget(w)
    w.show()
    w.start_page.group.checkedButton().setFocus()
    _key(qtbot, w, Qt.Key_Return)
    _type_community(qtbot, w)
    _next(qtbot, w)
    _key(qtbot, w, Qt.Key_Return)
    assert isinstance(w.currentPage(), AdminPage)
    _next(qtbot, w)
    _key(qtbot, w, Qt.Key_Return)
    assert applied == [2]                            # after the community was made


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_wizard_screenshots(qtbot, wizard, tmp_path, size):
    """Saved to look at (the report names them); each page fits the screen."""
    wizard.resize(min(size[0], 760), min(size[1], 560))
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard)
    for n in range(3):
        assert wizard.grab().save(str(tmp_path / f"first_run_{n}_{size[0]}.png"))
        assert wizard.currentPage().sizeHint().height() <= size[1] - 80
        _next(qtbot, wizard)


def test_a_new_register_makes_its_admin_account_and_opens_logged_in(qtbot, qt_zh, app_ctx):
    """Issue 16: the first run creates the admin; a password typed twice differently is said.
    The password's rule is in sight before any password is refused (it was said only then)."""
    from desktop.accounts import actor_of, has_accounts
    from desktop.accounts.store import MIN_PASSWORD
    w = FirstRunWizard(app_ctx)
    qtbot.addWidget(w)
    _shown(qtbot, w)
    _key(qtbot, w, Qt.Key_Down)
    _key(qtbot, w, Qt.Key_Down)                      # 从空白开始
    assert w.start_page.choice() == fr.START_EMPTY
    _key(qtbot, w, Qt.Key_Return)
    _type_community(qtbot, w)
    _next(qtbot, w)
    _key(qtbot, w, Qt.Key_Return)                    # the passphrase can wait
    admin = w.extra_pages[0]
    assert w.currentPage() is admin and w.focusWidget() is admin.name
    assert admin.password.placeholderText() == f"至少 {MIN_PASSWORD} 位"
    type_text(admin.name, "王书记")
    _key(qtbot, w, Qt.Key_Tab)
    type_text(w.focusWidget(), "fuxingli-2026")
    _key(qtbot, w, Qt.Key_Tab)
    type_text(w.focusWidget(), "fuxingli-2025")
    _key(qtbot, w, Qt.Key_Return)
    assert w.currentPage() is admin and "两次输入的密码不一样" in admin.error.text()
    assert w.focusWidget() is admin.repeated
    admin.repeated.clear()
    type_text(admin.repeated, "fuxingli-2026")
    _key(qtbot, w, Qt.Key_Return)
    assert w.currentId() == ui_first_run.FINISH and not has_accounts(app_ctx.db)   # nothing before Finish
    # The last page named the community and the passphrase but not the account every later start
    # asks for: said now, with the password to keep.
    assert "管理员账号：王书记" in w.finish_page.summary.text() and "密码" in w.finish_page.summary.text()
    assert "户籍登记" in w.finish_page.summary.text() and "导入导出" not in w.finish_page.summary.text()
    _key(qtbot, w, Qt.Key_Return)
    assert w.result() == QWizard.Accepted and w.first_page() == "register"
    actor = actor_of(app_ctx.db)
    assert has_accounts(app_ctx.db) and actor.name == "王书记" and actor.role == "admin"


def test_a_village_sees_village_examples_and_its_groups_counted(qtbot, wizard):
    """A village committee: the places box shows village groups, and back to compounds for a
    community; the last page counts village groups, not "0 buildings"."""
    _key(qtbot, wizard, Qt.Key_Down)
    _key(qtbot, wizard, Qt.Key_Down)
    _key(qtbot, wizard, Qt.Key_Return)
    page = wizard.community_page
    assert "幸福里小区" in page.places.placeholderText()
    type_text(page.name, "王家湾村")
    _key(qtbot, wizard, Qt.Key_Tab)
    _key(qtbot, wizard, Qt.Key_Down)                 # 社区 -> 村
    assert "村民小组" in page.places.placeholderText() and "幸福里小区" not in page.places.placeholderText()
    _key(qtbot, wizard, Qt.Key_Up)                   # a slip: back to 社区
    assert "幸福里小区" in page.places.placeholderText()
    _key(qtbot, wizard, Qt.Key_Down)
    type_text(page.places, "一组")
    _key(qtbot, wizard, Qt.Key_Return)
    type_text(page.places, "王家湾组")
    _next(qtbot, wizard)
    _key(qtbot, wizard, Qt.Key_Return)               # no passphrase yet
    summary = wizard.finish_page.summary.text()
    assert "2个村民小组" in summary and "栋楼" not in summary


# Giving the set-up up: Cancel, Esc or the close box ask whether to quit ----------------------
def _answer_question(qtbot, seen, how):
    """When the quit question shows, note its text and answer it as a clerk does: click 退出
    ("quit") or 继续设置 ("continue"), or press Esc on it ("esc")."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            seen.append(None)                        # no question: the wizard just closed
            return
        seen.append(box.text())
        if how == "esc":
            qtbot.keyClick(box, Qt.Key_Escape)
        else:
            qtbot.mouseClick(box.findChild(QPushButton, how), Qt.LeftButton)
    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("how", ["continue", "esc"])
def test_esc_asks_and_continuing_keeps_the_page_and_what_was_typed(qtbot, wizard, app_ctx, how):
    _key(qtbot, wizard, Qt.Key_Return)
    type_text(wizard.community_page.name, "新民社区")
    seen = []
    _answer_question(qtbot, seen, how)
    _key(qtbot, wizard, Qt.Key_Escape)
    qtbot.wait(10)
    assert seen == ["还没有设置完成。退出程序吗？下次启动会重新开始设置。"]
    assert wizard.isVisible()                        # still asking, on the same page
    assert wizard.currentId() == ui_first_run.COMMUNITY and wizard.community_page.name.text() == "新民社区"
    assert fr.needs_first_run(app_ctx) and app_ctx.register.compounds() == []


@pytest.mark.parametrize("way", ["cancel button", "esc", "close box"])
def test_giving_up_asks_and_quit_closes_the_wizard_with_nothing_written(qtbot, wizard, app_ctx, way):
    _key(qtbot, wizard, Qt.Key_Return)
    _type_community(qtbot, wizard)
    seen, ended = [], []
    wizard.finished.connect(ended.append)
    _answer_question(qtbot, seen, "quit")
    if way == "cancel button":
        qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    elif way == "esc":
        _key(qtbot, wizard, Qt.Key_Escape)
    else:
        wizard.close()                               # what the window's close box does
    qtbot.wait(10)
    assert seen == ["还没有设置完成。退出程序吗？下次启动会重新开始设置。"]
    assert not wizard.isVisible() and ended == [QWizard.Rejected]
    assert app_ctx.register.compounds() == [] and fr.needs_first_run(app_ctx)   # offered again next start


def test_the_question_shows_its_buttons_in_chinese(qtbot, wizard, tmp_path):
    """Saved to look at: the question over the wizard."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    seen = {}

    def look():
        box = QApplication.activeModalWidget()
        box.grab().save(str(tmp_path / "quit_question.png"))
        seen["buttons"] = sorted(b.text() for b in box.findChildren(QPushButton))
        seen["default"] = box.defaultButton().text()
        qtbot.mouseClick(box.findChild(QPushButton, "continue"), Qt.LeftButton)
    QTimer.singleShot(0, look)
    _key(qtbot, wizard, Qt.Key_Escape)
    qtbot.wait(10)
    assert seen == {"buttons": ["继续设置", "退出"], "default": "继续设置"}
    print(tmp_path / "quit_question.png")


def test_an_admin_name_too_long_is_said_on_its_page_before_anything_is_written(qtbot, qt_zh, app_ctx):
    """It was refused only at Finish, after the community was made: giving up then left a
    register with a community, no administrator, and no set-up offered at the next start."""
    from desktop.accounts import has_accounts
    w = FirstRunWizard(app_ctx)
    qtbot.addWidget(w, before_close_func=lambda w: w.hide())
    _shown(qtbot, w)
    _key(qtbot, w, Qt.Key_Return)
    _type_community(qtbot, w)
    _next(qtbot, w)
    _key(qtbot, w, Qt.Key_Return)                    # the passphrase can wait
    admin = w.extra_pages[0]
    type_text(admin.name, "王" * 33)
    _key(qtbot, w, Qt.Key_Tab)
    type_text(w.focusWidget(), "fuxingli-2026")
    _key(qtbot, w, Qt.Key_Tab)
    type_text(w.focusWidget(), "fuxingli-2026")
    _key(qtbot, w, Qt.Key_Return)
    assert w.currentPage() is admin and "账号名太长" in admin.error.text()
    assert w.focusWidget() is admin.name
    assert app_ctx.register.compounds() == [] and not has_accounts(app_ctx.db) and fr.needs_first_run(app_ctx)
