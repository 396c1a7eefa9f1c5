"""The way back from the USB stick: the office's copy (File ▸ 备份 ▸ 复制到U盘…) restored on a new
computer from the window. Before, the clerk had to find the hidden data folder's backups/ and
copy the file there by hand: the first-run wizard offered nothing but a new community or the
demo, and File ▸ Backups listed only what was already in that folder. Now the wizard's
「从U盘上的备份恢复」 and the Backups dialog's 「从U盘恢复…」 choose the file on the stick; it is
checked to be a Menshen backup, brought in (desktop/backup.bring_in) and restored as every backup."""
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QRadioButton, QWizard

import ui.startup as startup
from desktop import backup
from desktop import first_run as fr
from desktop.app import open_app
from desktop.settings import set_setting
from tests.backup.conftest import add_people, names_in, restore_lines
from ui import failures
from ui import first_run as ui_first_run
from ui.first_run import FirstRunWizard

PASSPHRASE = "幸福里 社区 备份 二〇二六"
WRONG = "幸福里 社区 备份 二〇二五"


def _stick_copy(office, stick, names=("张三", "李梅"), community=None, now=None, language=None):
    """The old computer's register ``office`` (its own file name, its window in ``language``) and
    its sealed copy on ``stick`` (made ``now``)."""
    stick.mkdir(exist_ok=True)
    app = open_app(office)
    try:
        if language:
            set_setting(app.db, "language", language)
        if community:
            fr.set_up_community(app, fr.CommunityPlan(name=community, places_text="幸福里小区"))
        add_people(app, list(names))
        return backup.copy_to_folder(app.db, stick, passphrase=PASSPHRASE, repeated=PASSPHRASE, now=now)
    finally:
        app.close()


def _choose_file(monkeypatch, *answers):
    """The file chooser answers in turn (a path, or '' for Cancel); the filters it was shown kept."""
    given, shown = iter(answers), []

    def choose(_parent, _title, _folder, filters):
        shown.append(filters)
        return str(next(given)), ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    return shown


def _press_next(qtbot, wizard):
    button = wizard.button(QWizard.FinishButton if wizard.currentId() == ui_first_run.FINISH else QWizard.NextButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def _restore_choice(wizard):
    return wizard.findChild(QRadioButton, f"start_{fr.START_RESTORE}")


def _prompts(monkeypatch, *answers):
    """The passphrase prompt at the reopening (ui/startup._ask_backup_passphrase) answers in turn."""
    typed, said = iter(answers), []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda _p, _t, text, _e: said.append(text) or ((t := next(typed, None)) or "", bool(t)))
    return said


def _raise(exc, *_):
    raise exc


def _nothing_brought(home):
    return not (home / "backups").exists() or not [p for p in (home / "backups").iterdir() if "manual" in p.name]


def test_the_wizards_choice_restores_a_plain_registers_sealed_copy_on_a_new_computer(
        qtbot, qt_zh, tmp_path, monkeypatch):
    """The office's register was 办公室.db; the new computer's first start made an empty
    register.db and shows the wizard: 从U盘上的备份恢复, the file on the stick, Finish, the
    passphrase set at the copy (a slip asked again), and the window opens on the office's people,
    in the office's own language: before, the new computer's empty register's (Chinese) until the
    next start."""
    from tests.ui.test_translations import visible_texts
    from ui import i18n
    copy = _stick_copy(tmp_path / "旧电脑" / "办公室.db", tmp_path / "U盘", language="en")
    windows = []
    monkeypatch.setattr(startup, "_run_window", lambda _qt, window, *a: windows.append(
        (i18n.language(), visible_texts(window))) or 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)
    shown, seen = _choose_file(monkeypatch, copy), []
    monkeypatch.setattr(failures, "show_failure", _raise)       # a failure fails the test, no box waits

    def clerk(wizard):
        with qtbot.waitExposed(wizard):
            wizard.show()
        choice = _restore_choice(wizard)
        assert choice.text() == "从U盘上的备份恢复（换了电脑或硬盘坏了）"
        choice.setChecked(True)
        _press_next(qtbot, wizard)
        assert wizard.currentId() == ui_first_run.FINISH
        seen.append(wizard.finish_page.summary.text())
        _press_next(qtbot, wizard)
        return wizard.result()
    monkeypatch.setattr(FirstRunWizard, "exec", clerk)
    said = _prompts(monkeypatch, WRONG, PASSPHRASE)
    opened = []
    monkeypatch.setattr(startup, "_log_in", lambda app_ctx: opened.append(app_ctx) or True)
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    assert startup.show_window(open_app(new), offer_demo=True) == 0
    assert "*.mbak *.bak" in shown[0] and str(copy) in seen[0] and "口令" in seen[0]
    assert "复制到U盘时" in said[0] and "打不开" in said[1] and len(said) == 2
    [window_app] = opened
    assert window_app.db.path == new and window_app.db.closed
    [(language, texts)] = windows
    assert language == "en" and "Register" in texts and "户籍登记" not in texts, texts
    assert names_in(new) == {"张三", "李梅"}
    brought = backup.folder_of(new) / copy.name.replace("办公室.db", "register.db").replace(".mbak", ".stick.mbak")
    assert brought.exists()                                 # listed for this register, its time and reason kept
    assert list(new.parent.glob("register.db.before-restore-*"))      # the empty register kept aside
    [line] = restore_lines(new)
    assert line[9] == brought.name


def test_giving_up_in_the_chooser_or_at_the_passphrase_comes_back_to_the_wizard_with_nothing_changed(
        qtbot, qt_zh, tmp_path, monkeypatch):
    copy = _stick_copy(tmp_path / "旧电脑" / "register.db", tmp_path / "U盘")
    _choose_file(monkeypatch, "", copy)         # the chooser cancelled, then the file chosen
    runs = []

    def clerk(wizard):
        runs.append(wizard.choice())
        if len(runs) > 1:                       # the wizard again: the clerk quits (its own test asks)
            return QDialog.Rejected
        with qtbot.waitExposed(wizard):
            wizard.show()
        _restore_choice(wizard).setChecked(True)
        _press_next(qtbot, wizard)
        assert wizard.currentId() == ui_first_run.START       # cancelled: still on the first page
        _press_next(qtbot, wizard)
        _press_next(qtbot, wizard)
        return wizard.result()
    monkeypatch.setattr(FirstRunWizard, "exec", clerk)
    asked = []
    home = tmp_path / "新电脑"
    home.mkdir()
    app = open_app(home / "register.db")
    try:
        assert startup._first_run(app, ask_passphrase=lambda retry: asked.append(retry)) == (None, None)
        assert runs == [fr.START_IMPORT, fr.START_RESTORE] and asked == [0]     # back, its choice kept
        assert fr.needs_first_run(app) and not app.db.closed
    finally:
        app.close()
    assert _nothing_brought(home) and not list(home.glob("*.before-restore-*"))


@pytest.mark.parametrize("name, data, what", [
    ("报告.mbak", b"%PDF-1.7\n" + b"x" * 2000, "PDF"),
    ("台账.mbak", b"PK\x03\x04" + b"\0" * 2000, "Excel 工作簿"),
    ("台账.xlsx", b"PK\x03\x04" + b"\0" * 2000, "Excel 工作簿"),
])
def test_a_file_that_is_no_backup_is_refused_naming_it_and_nothing_changes(
        qtbot, qt_zh, tmp_path, monkeypatch, name, data, what):
    from ui.dialogs.backup_dialogs import BackupsDialog
    stick = tmp_path / "U盘"
    stick.mkdir()
    wrong = stick / name
    wrong.write_bytes(data)
    home = tmp_path / "新电脑"
    home.mkdir()
    _choose_file(monkeypatch, wrong, wrong)
    app = open_app(home / "register.db")
    try:
        # The wizard says it on its first page, and stays there.
        wizard = FirstRunWizard(app)
        qtbot.addWidget(wizard, before_close_func=lambda w: w.hide())
        with qtbot.waitExposed(wizard):
            wizard.show()
        _restore_choice(wizard).setChecked(True)
        _press_next(qtbot, wizard)
        said = wizard.start_page.error.text()
        assert wizard.currentId() == ui_first_run.START and wizard.stick_file is None
        assert name in said and what in said and "不是门神的备份" in said
        # File ▸ Backups ▸ 从U盘恢复…: said in a message box; nothing chosen to restore.
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        assert dialog.from_stick_button.text() == "从U盘恢复…" and dialog.from_stick_button.isEnabled()
        qtbot.mouseClick(dialog.from_stick_button, Qt.LeftButton)
        assert len(warned) == 1 and name in warned[0] and what in warned[0] and "Traceback" not in warned[0]
        assert dialog.to_restore is None and dialog.list.count() == 0
    finally:
        app.close()
    assert _nothing_brought(home) and wrong.read_bytes() == data


def test_the_backups_dialog_button_brings_the_stick_copy_in_and_restores_it(qtbot, qt_zh, tmp_path, monkeypatch):
    """The new computer already has a register (set up before the stick was found): 从U盘恢复…,
    the file, the same question as 恢复…, and the reopening asks for the copy's passphrase."""
    from ui.dialogs.backup_dialogs import BackupsDialog
    copy = _stick_copy(tmp_path / "旧电脑" / "办公室.db", tmp_path / "U盘")
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    _choose_file(monkeypatch, copy)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text: asked.append(text) or QMessageBox.Yes)
    app = open_app(new)
    try:
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.from_stick_button, Qt.LeftButton)
        chosen = dialog.to_restore
        assert chosen is not None and dialog.result() == QDialog.Accepted
        assert dialog.list.currentItem().data(Qt.UserRole) == chosen     # chosen in the list
        assert chosen.path.parent == backup.folder_of(new) and chosen.path.name.startswith("register.db.")
        assert f"{chosen.when:%Y-%m-%d %H:%M:%S}" in asked[0]
    finally:
        app.close()
    said = _prompts(monkeypatch, PASSPHRASE)
    reopened = []
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    assert startup._restore_and_reopen(new, chosen, None) == 0
    [again] = reopened
    try:
        assert {p.full_name for p in again.register.people_in(None)} == {"张三", "李梅"}
    finally:
        again.close()
    assert "复制到U盘时" in said[0]


def test_a_backup_of_another_community_from_a_stick_is_refused_and_the_register_kept(
        qtbot, qt_zh, tmp_path, monkeypatch):
    from ui.dialogs.backup_dialogs import BackupsDialog
    theirs = _stick_copy(tmp_path / "东风" / "register.db", tmp_path / "U盘", ["外社区人"], community="东风社区")
    ours = tmp_path / "新民" / "register.db"
    ours.parent.mkdir()
    app = open_app(ours)
    try:
        fr.set_up_community(app, fr.CommunityPlan(name="新民社区", places_text="幸福里小区"))
        add_people(app, ["张三"])
        _choose_file(monkeypatch, theirs)
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.restore_from_stick()
        chosen = dialog.to_restore
    finally:
        app.close()
    _prompts(monkeypatch, PASSPHRASE)
    failed, reopened = [], []
    monkeypatch.setattr(startup, "show_failure", failed.append)
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    assert startup._restore_and_reopen(ours, chosen, None) == 0
    reopened[0].close()
    [refused] = failed
    assert "另一个社区（东风社区）" in refused.message and "新民社区" in refused.message
    assert names_in(ours) == {"张三"} and not list(ours.parent.glob("*.before-restore-*"))


def test_a_stick_copy_named_for_another_register_file_is_listed_for_this_one_and_nothing_replaced(tmp_path):
    copy = _stick_copy(tmp_path / "旧电脑" / "门神数据.db", tmp_path / "U盘", ["张三"])
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    stamp_reason = copy.name.removeprefix("门神数据.db").removesuffix(".mbak")
    item = backup.bring_in(new, copy)
    assert item.path.name == f"register.db{stamp_reason}.stick.mbak" and item.sealed
    assert item.label == "手动备份，从U盘带入"
    assert item.brought
    assert backup.list_backups(new) == [item]
    assert backup.bring_in(new, copy) == item                   # the same file again: kept once
    other = tmp_path / "U盘" / "别的" / copy.name
    other.parent.mkdir()
    shutil.copy(copy, other)
    with open(other, "ab") as f:
        f.write(b"\0")                                          # another file of the same name
    second = backup.bring_in(new, other)
    assert second.path != item.path and item.path.read_bytes() == copy.read_bytes()    # nothing replaced
    assert second.when == item.when and second.reason == item.reason
    assert sorted(b.path for b in backup.list_backups(new)) == sorted([item.path, second.path])
    assert not list(backup.folder_of(new).glob("*.part"))


def test_a_damaged_backup_chosen_in_the_wizard_is_said_and_the_wizard_comes_back(qtbot, qt_zh, tmp_path, monkeypatch):
    from tests.backup.conftest import damage
    office = tmp_path / "旧电脑" / "register.db"
    office.parent.mkdir()
    app = open_app(office)
    try:
        add_people(app, ["张三"])
        made = backup.backup_before(app.db, "manual", passphrase="")       # a plain copy (a technician's)
    finally:
        app.close()
    damage(made)
    stick = tmp_path / "U盘"
    stick.mkdir()
    copy = Path(shutil.copy(made, stick / made.name))
    _choose_file(monkeypatch, copy)
    runs, failed = [], []

    def clerk(wizard):
        runs.append(wizard.choice())
        if len(runs) > 1:
            return QDialog.Rejected
        with qtbot.waitExposed(wizard):
            wizard.show()
        _restore_choice(wizard).setChecked(True)
        _press_next(qtbot, wizard)
        _press_next(qtbot, wizard)
        return wizard.result()
    monkeypatch.setattr(FirstRunWizard, "exec", clerk)
    monkeypatch.setattr(startup, "show_failure", failed.append)
    home = tmp_path / "新电脑"
    home.mkdir()
    app = open_app(home / "register.db")
    try:
        assert startup._first_run(app) == (None, None)
    finally:
        app.close()
    [refused] = failed
    assert "已损坏" in refused.message and runs == [fr.START_IMPORT, fr.START_RESTORE]
    assert _nothing_brought(home) and not list(home.glob("*.before-restore-*")) and not list(home.glob("*.part"))
    reopened = open_app(home / "register.db")
    try:
        assert fr.needs_first_run(reopened)
    finally:
        reopened.close()


def _listed(qtbot, app):
    """What File ▸ 备份 lists, top first, and the row it has chosen."""
    from ui.dialogs.backup_dialogs import BackupsDialog
    dialog = BackupsDialog(app.db)
    qtbot.addWidget(dialog)
    return [dialog.list.item(i).text() for i in range(dialog.list.count())], dialog.list.currentItem().text()


def test_after_the_wizards_restore_the_empty_registers_own_backup_is_not_the_newest_backup(
        qtbot, qt_zh, tmp_path, monkeypatch):
    """The new computer's first start backs its empty register up (the day's backup); the office's
    copy on the stick is a week old. After the restore the empty copy stayed in the backups
    folder, the newest there: on top of File ▸ 备份, and the start-up's "newest good backup" had
    the register been damaged. Now it is named as empty until the restore, then gone; the
    register the restore replaced is kept aside, named as empty too."""
    from datetime import datetime, timedelta
    copy = _stick_copy(tmp_path / "旧电脑" / "register.db", tmp_path / "U盘", now=datetime.now() - timedelta(days=7))
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    app = open_app(new)
    backup.daily_backup(app.db)                     # what the first start does in the background
    texts, _ = _listed(qtbot, app)
    assert len(texts) == 1 and "每日自动备份，空的数据文件（没有住户和人员）" in texts[0]
    _choose_file(monkeypatch, copy)
    monkeypatch.setattr(startup, "_run_window", lambda *a: 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)
    monkeypatch.setattr(failures, "show_failure", _raise)

    def clerk(wizard):
        _restore_choice(wizard).setChecked(True)
        with qtbot.waitExposed(wizard):
            wizard.show()
        _press_next(qtbot, wizard)
        _press_next(qtbot, wizard)
        return wizard.result()
    monkeypatch.setattr(FirstRunWizard, "exec", clerk)
    _prompts(monkeypatch, PASSPHRASE)
    monkeypatch.setattr(startup, "_log_in", lambda app_ctx: True)
    assert startup.show_window(app, offer_demo=True) == 0
    assert names_in(new) == {"张三", "李梅"}
    [office] = backup.list_backups(new)             # the empty register's day's backup is gone
    assert office.brought and backup.newest_good(new, passphrase=PASSPHRASE) == office
    assert backup.daily_due(new)                    # the restored register gets its own day's backup
    app = open_app(new)
    try:
        texts, chosen = _listed(qtbot, app)
    finally:
        app.close()
    assert len(texts) == 2 and not any("每日自动备份" in t for t in texts)
    assert "恢复前的副本，空的数据文件（没有住户和人员）" in texts[0]
    assert "手动备份" in texts[1] and "空" not in texts[1] and chosen == texts[1]     # 恢复… takes the office's


def test_a_copy_brought_in_from_the_stick_outlives_the_next_backups_then_goes_by_the_kept_window(
        qtbot, qt_zh, tmp_path, monkeypatch):
    """File ▸ 备份 ▸ 从U盘恢复… brings a month-old copy in; the clerk answers 否 (restore later) and
    presses 立即备份. The copy was the oldest in the folder, so that backup's pruning removed it at
    once. Now its place in the kept window counts from when it was brought in: it goes only once
    as many backups as are kept have been made after it."""
    from datetime import datetime, timedelta
    from desktop.settings import set_setting
    from ui.dialogs.backup_dialogs import BackupsDialog
    copy = _stick_copy(tmp_path / "旧电脑" / "register.db", tmp_path / "U盘", now=datetime.now() - timedelta(days=30))
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    app = open_app(new)
    try:
        add_people(app, ["新电脑"], start=20)
        set_setting(app.db, "backup_keep_before", "2")         # the window of 10 before-backups, made small
        for days in (3, 2):
            backup.backup_before(app.db, "import", now=datetime.now() - timedelta(days=days))
        _choose_file(monkeypatch, copy)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.from_stick_button, Qt.LeftButton)
        brought = dialog.list.currentItem().data(Qt.UserRole)
        assert dialog.to_restore is None and brought.when < datetime.now() - timedelta(days=29)
        qtbot.mouseClick(dialog.now_button, Qt.LeftButton)
        listed = [dialog.list.item(i).data(Qt.UserRole) for i in range(dialog.list.count())]
        assert brought in listed and brought.path.exists() and len(listed) == 2
        for days in (1, 2):                                     # two backups made after it: its window is over
            backup.backup_before(app.db, "import", now=datetime.now() + timedelta(days=days))
        assert not brought.path.exists()
    finally:
        app.close()


def test_three_wrong_passphrases_say_the_restore_was_not_done_and_where_the_passphrase_is(
        qtbot, qt_zh, tmp_path, monkeypatch):
    """File ▸ 备份 ▸ 从U盘恢复…, 是, and the copy's passphrase typed wrong three times: the window
    came back on the old register without a word. Now it says the restore was not done, the
    register is as it was, and where to find the passphrase. Giving up (取消) says nothing."""
    from ui.dialogs.backup_dialogs import BackupsDialog
    copy = _stick_copy(tmp_path / "旧电脑" / "register.db", tmp_path / "U盘")
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    _choose_file(monkeypatch, copy)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    app = open_app(new)
    try:
        add_people(app, ["新电脑"], start=20)
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.from_stick_button, Qt.LeftButton)
        chosen = dialog.to_restore
    finally:
        app.close()
    warned, reopened = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: warned.append((title, text)))
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    said = _prompts(monkeypatch, WRONG, WRONG, WRONG)
    assert startup._restore_and_reopen(new, chosen, None) == 0
    [(title, text)] = warned
    assert len(said) == 3 and title == "备份没有恢复"
    assert "三次" in text and "没有恢复" in text and "没有任何改动" in text
    assert "U盘" in text and "标签" in text and "做这份副本" in text
    _prompts(monkeypatch)                               # 取消 at the first question
    assert startup._restore_and_reopen(new, chosen, None) == 0
    assert len(warned) == 1
    for reopened_app in reopened:
        reopened_app.close()
    assert names_in(new) == {"新电脑"} and not list(new.parent.glob("*.before-restore-*"))
