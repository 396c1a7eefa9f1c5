"""The window's side of backups: at start-up a damaged register offers the newest good backup
(Enter restores it, Esc leaves everything as it was); File ▸ Backups lists them."""
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from desktop import backup
from desktop.app import open_app
from tests.backup.conftest import (add_people, backed_up, damage, damage_schema, names_in, register_and_stick,
                                   restore_lines)
from tests.conftest import as_usb_stick
from ui.startup import open_for_window

SHOTS = os.environ.get("MENSHEN_SHOTS")         # a folder: save what the dialogs look like


def _damaged_with_a_backup(path, damaged=damage):
    """``path`` (the migrated empty register's copy) with 张三 李梅 backed up, 赵后来 added after."""
    kept = backed_up(path, reason="daily", later=["赵后来"])
    return kept, damaged(path)


def _answer(qtbot, key, seen):
    def exec_dialog(dialog):
        with qtbot.waitExposed(dialog):
            dialog.show()
        seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "restore_offer.png"))
        qtbot.keyClick(dialog.list, key)
        return dialog.result()
    return exec_dialog


@pytest.mark.parametrize("damaged", [damage, damage_schema])
def test_enter_restores_the_newest_good_backup_and_keeps_the_damaged_file(qtbot, qt_zh, register_path, empty_register,
                                                                          damaged):
    """Also with a damaged table definition: the offer was made, and Enter then stopped on a
    message Python cannot decode (the register's community read for the restore)."""
    kept, damaged_bytes = _damaged_with_a_backup(register_path, damaged)
    seen = []
    app = open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Return, seen))
    assert app is not None
    try:
        with app.db.reading() as conn:
            names = {r[0] for r in conn.execute("SELECT full_name FROM person")}
    finally:
        app.close()
    assert names == {"张三", "李梅"}
    assert len(seen[0]) == 1 and "每日自动备份" in seen[0][0]
    assert app.restored.aside.read_bytes() == damaged_bytes


def test_escape_leaves_the_damaged_file_as_it_was(qtbot, qt_zh, register_path, empty_register):
    _, damaged_bytes = _damaged_with_a_backup(register_path)
    assert open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Escape, [])) is None
    assert register_path.read_bytes() == damaged_bytes
    assert not list(register_path.parent.glob("register.db.damaged-*"))


def test_without_a_good_backup_nothing_can_be_restored(qtbot, qt_zh, register_path, empty_register):
    kept, damaged_bytes = _damaged_with_a_backup(register_path)
    damage(kept)
    states = []

    def exec_dialog(dialog):
        states.append(dialog.restore_button.isEnabled())
        dialog.show()
        qtbot.keyClick(dialog.list, Qt.Key_Return)
        return dialog.result()
    assert open_for_window(register_path, exec_dialog=exec_dialog) is None
    assert states == [False]
    assert register_path.read_bytes() == damaged_bytes


def test_the_backups_dialog_lists_time_and_reason_and_backs_up_now(qtbot, qt_zh, register_path):
    from ui.dialogs.backup_dialogs import BackupsDialog
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        backup.backup_before(app.db, "import")
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.list.count() == 1 and "导入台账前" in dialog.list.item(0).text()
        qtbot.mouseClick(dialog.now_button, Qt.LeftButton)
        assert dialog.list.count() == 2 and "手动备份" in dialog.list.item(0).text()
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "backups.png"))
    finally:
        app.close()


def test_restore_in_the_window_closes_restores_and_reopens(qtbot, qt_zh, register_path, monkeypatch):
    """File ▸ Backups ▸ Restore: the window ends, the file is put back, the window opens again."""
    from PySide6.QtWidgets import QMessageBox
    import ui.startup as startup
    app = open_app(register_path)
    add_people(app, ["张三"])
    item = backup.backup_before(app.db, "manual")
    add_people(app, ["赵后来"], start=10)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    opened = []

    def run_window(qt_app, window, page, screenshot):
        qtbot.addWidget(window)
        if not opened:                  # the first window: choose the backup and restore
            from ui.dialogs.backup_dialogs import BackupsDialog

            def exec_(self):
                self._restore()
                return QDialog.Accepted
            monkeypatch.setattr(BackupsDialog, "exec", exec_)
            window._backups()
        opened.append(window.app.db.path)
        return 0
    monkeypatch.setattr(startup, "_run_window", run_window)
    monkeypatch.setattr(startup, "_daily_backup", lambda app_ctx: None)
    assert startup.show_window(app) == 0
    assert len(opened) == 2
    assert names_in(register_path) == {"张三"}
    aside = [p for p in register_path.parent.glob("register.db.before-restore-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and names_in(aside[0]) == {"张三", "赵后来"}
    assert item.exists()


def test_a_restore_in_the_window_names_the_admin_in_the_audit_of_the_restored_register(
        qtbot, qt_zh, register_path, monkeypatch):
    """File ▸ 备份 ▸ 恢复 put the register back to an older day and the audit page said nothing
    of it: it now says 恢复备份, by the admin logged in, from which backup and where the
    replaced file was kept."""
    from PySide6.QtWidgets import QMessageBox
    import ui.startup as startup
    from desktop.accounts import create_first_admin, login
    app = open_app(register_path)
    add_people(app, ["张三"])
    create_first_admin(app.db, "书记", "admin-pass")
    login(app.db, "书记", "admin-pass")
    item = backup.backup_before(app.db, "manual")
    add_people(app, ["赵后来"], start=10)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    opened = []

    def run_window(qt_app, window, page, screenshot):
        qtbot.addWidget(window)
        if not opened:
            from ui.dialogs.backup_dialogs import BackupsDialog

            def exec_(self):
                self._restore()
                return QDialog.Accepted
            monkeypatch.setattr(BackupsDialog, "exec", exec_)
            window._backups()
        opened.append(window)
        return 0
    monkeypatch.setattr(startup, "_run_window", run_window)
    monkeypatch.setattr(startup, "_daily_backup", lambda app_ctx: None)
    monkeypatch.setattr(startup, "_log_in", lambda app_ctx: login(app_ctx.db, "书记", "admin-pass") is not None)
    assert startup.show_window(app) == 0 and len(opened) == 2
    [line] = restore_lines(register_path, "书记", "admin-pass")
    assert line[1:4] == ("书记", "恢复备份", "整个数据文件") and line[9] == item.name
    assert "手动备份" in line[10] and "register.db.before-restore-" in line[10]


def test_the_start_up_offer_puts_its_restore_in_the_audit(qtbot, qt_zh, register_path, empty_register):
    """A damaged register restored at start-up, before anyone could log in: the audit of the
    restored register says so, with the backup and the damaged file's new name."""
    kept, _ = _damaged_with_a_backup(register_path)
    app = open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Return, []))
    app.close()
    [line] = restore_lines(register_path)
    assert line[1].startswith("未登录") and line[2] == "恢复备份" and line[9] == kept.name
    assert f"改名保留为 {app.restored.aside.name}" in line[10] and "每日自动备份" in line[10]


def _listed(qtbot, register_path, shot: str = ""):
    """(texts, backups) the backups dialog lists for the register, as a clerk opens it."""
    from ui.dialogs.backup_dialogs import BackupsDialog
    app = open_app(register_path)
    try:
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.show()
        rows = range(dialog.list.count())
        if SHOTS and shot:
            dialog.grab().save(os.path.join(SHOTS, shot))
        return [dialog.list.item(i).text() for i in rows], [dialog.list.item(i).data(Qt.UserRole) for i in rows]
    finally:
        app.close()


def test_the_backups_dialog_lists_the_register_a_restore_put_aside(qtbot, qt_zh, register_path):
    """A wrong restore can be undone: the file it put aside is in the list and restores back."""
    item = backed_up(register_path, ["张三"], later=["赵后来"])
    backup.restore(register_path, backup.list_backups(register_path)[0])
    assert item.exists() and names_in(register_path) == {"张三"}
    texts, items = _listed(qtbot, register_path)
    assert len(texts) == 2 and "恢复前的副本" in texts[0] and "手动备份" in texts[1]
    aside = items[0]
    backup.restore(register_path, aside)
    assert names_in(register_path) == {"张三", "赵后来"}
    # The aside just used stays, marked: the list says which copy undoes what.
    texts, _ = _listed(qtbot, register_path, shot="backups_after_undo.png")
    assert len(texts) == 3 and "手动备份" in texts[2]
    assert sorted("恢复前的副本，已恢复" in t for t in texts[:2]) == [False, True]
    assert all("恢复前的副本" in t for t in texts[:2])


def test_an_empty_register_is_offered_its_backup_under_a_title_that_fits(qtbot, qt_zh, register_path, empty_register):
    """A register of 0 bytes (a copy cut short) is not "damaged": the offer's title says it
    cannot be opened, the message says it is empty, and Enter restores the backup."""
    from PySide6.QtWidgets import QLabel
    _damaged_with_a_backup(register_path)
    register_path.write_bytes(b"")
    seen = []

    def exec_dialog(dialog):
        seen.append((dialog.windowTitle(), " ".join(w.text() for w in dialog.findChildren(QLabel))))
        return _answer(qtbot, Qt.Key_Return, [])(dialog)
    app = open_for_window(register_path, exec_dialog=exec_dialog)
    assert app is not None
    app.close()
    [(title, said)] = seen
    assert title == "数据文件打不开" and "损坏" not in title and "空" in said, (title, said)


@pytest.mark.parametrize("name, password, role", [("老李", "gate-pass", "gate"), ("小王", "staff-pass", "staff")])
def test_only_an_admin_may_restore_a_backup_from_the_window(qtbot, qt_zh, register_path, name, password, role):
    """File ▸ Backups is in every account's menu: a gate volunteer (or a clerk) could put last
    week's backup in place of the register, and everything entered since was gone. They may
    still back up now; the restore button is off and says who may."""
    from desktop.accounts import login
    from tests.conftest import logged_in_as
    from ui.dialogs.backup_dialogs import BackupsDialog
    app = open_app(register_path)
    try:
        logged_in_as(app.db, name, role, password)
        backup.backup_before(app.db, "daily")
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.list.setCurrentRow(0)
        assert dialog.list.count() == 1 and not dialog.restore_button.isEnabled()
        dialog._restore()
        assert dialog.to_restore is None
        assert not dialog.from_stick_button.isEnabled()             # nor from a USB stick (same rule)
        dialog.restore_from_stick(str(backup.list_backups(register_path)[0].path))
        assert dialog.to_restore is None
        note = dialog.findChild(type(dialog.empty), "restore_note")
        assert note.isVisible() and "没有“恢复备份”的权限" in note.text() and name in note.text()
        qtbot.mouseClick(dialog.now_button, Qt.LeftButton)           # backing up stays open to all
        assert dialog.list.count() == 2
        login(app.db, "书记", "admin-pass")
        admin_dialog = BackupsDialog(app.db)
        qtbot.addWidget(admin_dialog)
        admin_dialog.show()
        assert admin_dialog.restore_button.isEnabled() and not admin_dialog.restore_note.isVisible()
        assert admin_dialog.from_stick_button.isEnabled()
    finally:
        app.close()


def test_a_register_gone_with_its_backups_kept_is_offered_them_not_made_anew(qtbot, qt_zh, register_path,
                                                                             empty_register):
    """menshen.db deleted by mistake (or quarantined, or a restore cut off): the window made a
    new empty register and greeted the clerk with the first-run wizard, saying nothing of the
    backups beside it, whose good copies its own daily ones then pushed out."""
    kept, _ = _damaged_with_a_backup(register_path)
    register_path.unlink()
    for side in ("-wal", "-shm"):
        register_path.with_name(register_path.name + side).unlink(missing_ok=True)
    said = []

    def escape(dialog):
        said.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return _answer(qtbot, Qt.Key_Escape, [])(dialog)
    assert open_for_window(register_path, exec_dialog=escape) is None
    assert not register_path.exists()                               # no empty register made
    assert "不见了" in said[0] and "备份还在" in said[0] and "从头开始" in said[0]
    assert "损坏的文件" not in said[0]                               # there is no file to keep aside

    app = open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Return, []))
    assert app is not None
    app.close()
    assert names_in(register_path) == {"张三", "李梅"} and kept.exists()


def test_the_first_backup_goes_to_a_usb_stick_whole_and_can_be_restored_from(qtbot, qt_zh, register_path,
                                                                            tmp_path, monkeypatch):
    """File ▸ Backups ▸ Copy to a USB stick: the office's copy away from this computer's disk,
    sealed with the backup passphrase (only an encrypted backup leaves the machine)."""
    from PySide6.QtWidgets import QMessageBox
    from ui.dialogs.backup_dialogs import BackupsDialog
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "社区备份口令2020")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    stick, app = register_and_stick(tmp_path, register_path)
    try:
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        assert dialog.stick_button.isEnabled() and "U盘" in dialog.stick_button.text()
        copy = dialog.copy_to_stick(str(stick))
        assert copy is not None and copy.parent == stick and [p.name for p in stick.iterdir()] == [copy.name]
        assert str(copy) in said[0] and "从U盘上的备份恢复" in said[0] and "从U盘恢复…" in said[0]   # the way back
        assert dialog.list.count() == 1 and "手动备份" in dialog.list.item(0).text()
        add_people(app, ["李四"], start=2)
    finally:
        app.close()
    (register_path.parent / "backups" / copy.name).unlink()       # the computer's disk is gone …
    item = backup.bring_in(register_path, copy)                     # … the stick brings it back
    assert backup.list_backups(register_path) == [item]
    backup.restore(register_path, item)
    assert names_in(register_path) == {"张三"}                   # 李四, typed after the copy, is not in it


def test_a_sealed_backups_copy_cancelled_half_way_leaves_the_stick_as_it_was(register_path, tmp_path, monkeypatch,
                                                                             quick_kdf):
    """A backup sealed with the backup passphrase is copied to the stick as it is: Cancel after its
    first piece removes the half copy; the copy already on the stick is untouched."""
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "社区备份口令2020")
    monkeypatch.setattr(backup, "COPY_CHUNK", 4096)
    stick, app = register_and_stick(tmp_path, register_path)
    try:
        old = backup.copy_to_folder(app.db, stick)
        kept, copied = old.read_bytes(), []
        assert backup.copy_to_folder(app.db, stick, progress=lambda done, total: copied.append((done, total)),
                                     cancelled=lambda: backup.copy_step(*copied[-1]) == "stick") is None
        assert backup.copy_step(*copied[-1]) == "stick" and 2 * copied[-1][0] > copied[-1][1]   # a piece of it copied
        assert list(stick.iterdir()) == [old] and old.read_bytes() == kept
    finally:
        app.close()


def test_a_stick_dying_during_a_sealed_backups_copy_is_said_even_when_the_half_copy_cannot_be_removed(
        register_path, tmp_path, monkeypatch):
    """A stick that fails as the sealed backup is written to it refuses the half copy's removal
    too: that second OSError came out raw (a traceback) instead of the stick's message."""
    import errno
    from pathlib import Path
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "社区备份口令2020")
    stick = tmp_path / "U盘"
    stick.mkdir()
    real_unlink = Path.unlink

    def dying_stick(chunks):
        yield next(iter(chunks))
        raise OSError(errno.EIO, "Input/output error")

    def unlink(path, missing_ok=False):
        if path.parent == stick:
            raise OSError(errno.EIO, "Input/output error")
        return real_unlink(path, missing_ok=missing_ok)
    app = open_app(register_path)
    try:
        with monkeypatch.context() as m:        # only around the copy: closing the register unlinks too
            m.setattr(backup, "_read_here", dying_stick)
            m.setattr(Path, "unlink", unlink)
            with pytest.raises(backup.StorageError) as info:
                backup.copy_to_folder(app.db, stick)
        assert "U盘" in info.value.message
    finally:
        app.close()


def test_a_stick_pulled_out_before_the_copy_is_said_in_chinese(qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "社区备份口令2020")
    as_usb_stick(monkeypatch, tmp_path)         # the stick's drive, its folder gone
    app = open_app(register_path)
    try:
        with pytest.raises(backup.StorageError) as info:
            backup.copy_to_folder(app.db, tmp_path / "gone")
        assert "U盘是否已拔出" in info.value.message and "本机" in info.value.message
        assert not (tmp_path / "gone").exists()
    finally:
        app.close()


def test_a_plain_register_is_not_copied_out_without_a_passphrase_and_a_gate_account_is_not_offered_the_copy(
        qtbot, qt_zh, register_path, tmp_path):
    """A copy of an unencrypted register on a stick is every resident's ID number and phone for
    whoever finds the stick: without a passphrase for the copy (or a weak one, or two that
    differ) nothing is written anywhere; and the gate guard's File ▸ Backups offered to make one."""
    from desktop.audit import audit_trail
    from desktop.errors import InputError
    from tests.conftest import logged_in_as
    from ui.dialogs.backup_dialogs import BackupsDialog
    stick, app = register_and_stick(tmp_path, register_path)
    try:
        assert backup.copy_needs_passphrase(app.db)
        for typed, again, said in ((None, None, "设一个口令"), ("123456789012", "123456789012", "太简单"),
                                   ("幸福里 社区 备份 口令", "幸福里 社区 备份 口令。", "两次输入的口令不一样")):
            with pytest.raises(InputError) as refused:
                backup.copy_to_folder(app.db, stick, passphrase=typed, repeated=again)
            assert said in refused.value.message
        assert list(stick.iterdir()) == [] and backup.list_backups(register_path) == []
        assert not [e for e in audit_trail(app.db) if e.what == "backup-copy"]
        logged_in_as(app.db, "老李", "gate", "gate-pass")
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        assert not dialog.stick_button.isEnabled() and dialog.now_button.isEnabled()
    finally:
        app.close()


def test_the_copy_to_a_stick_is_in_the_audit(qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    from desktop.audit import audit_trail
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "社区备份口令2020")
    app = open_app(register_path)
    try:
        add_people(app, ["张三", "李四"])
        copy = backup.copy_to_folder(app.db, tmp_path)
        assert copy.name.endswith(".mbak")
        [entry] = [e for e in audit_trail(app.db) if e.what == "backup-copy"]
        assert entry.people == 2 and entry.file_name == copy.name
    finally:
        app.close()


def test_an_encrypted_backup_brought_to_a_new_computer_opens_with_the_passphrase_typed(
        qtbot, qt_zh, register_path, monkeypatch):
    """The disk died; the copy from the USB stick is put in the new computer's backups folder.
    It is encrypted, and nothing on the new computer knows the passphrase: the restore offer had
    no backup it could open ("give it to a technician"). Now the passphrase is asked, a wrong
    one again, and the right one restores the register."""
    from db import driver
    register_path.unlink()                                # made encrypted
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    assert driver.is_encrypted(backed_up(register_path))
    monkeypatch.delenv(driver.KEY_ENV)                    # the new computer
    register_path.unlink()
    for side in ("-wal", "-shm"):
        register_path.with_name(register_path.name + side).unlink(missing_ok=True)
    typed = iter(["不对的口令", "幸福里 社区 2026"])
    asked = []

    def ask(retry):
        asked.append(retry)
        return next(typed)
    app = open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Return, []), ask_passphrase=ask)
    assert app is not None and asked == [0, 1]
    try:
        assert {p.full_name for p in app.register.people_in(None)} == {"张三", "李梅"}
    finally:
        app.close()


def test_giving_up_the_passphrase_changes_nothing(qtbot, qt_zh, register_path, monkeypatch):
    from db import driver
    register_path.unlink()                                # made encrypted
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    assert driver.is_encrypted(backed_up(register_path, ["张三"]))
    monkeypatch.delenv(driver.KEY_ENV)
    register_path.unlink()
    for side in ("-wal", "-shm"):
        register_path.with_name(register_path.name + side).unlink(missing_ok=True)
    assert open_for_window(register_path, exec_dialog=_answer(qtbot, Qt.Key_Escape, []),
                           ask_passphrase=lambda retry: None) is None
    assert not register_path.exists() and len(backup.list_backups(register_path)) == 1


def test_in_the_window_an_encrypted_backup_from_the_old_computer_is_restored_with_its_passphrase(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """The new computer's first run made a plain register; the old computer's encrypted copy,
    put in its backups folder, failed in File ▸ Backups ▸ Restore ('needs the data file's
    passphrase: log in, or the environment variable'). Now its passphrase is asked."""
    import shutil
    from PySide6.QtWidgets import QMessageBox
    import ui.startup as startup
    from db import driver
    old = tmp_path / "old" / register_path.name
    old.parent.mkdir()
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    copy = backed_up(old)
    monkeypatch.delenv(driver.KEY_ENV)
    app = open_app(register_path)                       # the new computer's first, plain register
    add_people(app, ["新电脑"], start=20)
    backup.folder_of(register_path).mkdir(exist_ok=True)
    shutil.copy(copy, backup.folder_of(register_path) / copy.name)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(startup, "_ask_backup_passphrase", lambda retry, other=False: "幸福里 社区 2026",
                        raising=False)
    monkeypatch.setattr(startup, "_daily_backup", lambda app_ctx: None)
    failed = []
    monkeypatch.setattr(startup, "show_failure", failed.append)          # a message box otherwise
    opened = []

    def run_window(qt_app, window, page, screenshot):
        qtbot.addWidget(window)
        if not opened:
            from ui.dialogs.backup_dialogs import BackupsDialog

            def exec_(self):
                self.list.setCurrentRow(next(i for i in range(self.list.count())
                                             if self.list.item(i).data(Qt.UserRole).path.name == copy.name))
                self._restore()
                return QDialog.Accepted
            monkeypatch.setattr(BackupsDialog, "exec", exec_)
            window._backups()
        opened.append({p.full_name for p in window.app.register.people_in(None)})
        return 0
    monkeypatch.setattr(startup, "_run_window", run_window)
    assert startup.show_window(app) == 0
    assert failed == [] and opened == [{"新电脑"}, {"张三", "李梅"}]


def test_a_damaged_backup_chosen_in_the_window_is_said_before_the_window_closes(
        qtbot, qt_zh, register_path, monkeypatch):
    """File ▸ Backups ▸ Restore of a copy gone bad closed the window first, then said the copy
    was damaged, and the login had to be typed again. Now it is said with the window open."""
    from PySide6.QtWidgets import QMessageBox
    from tests.backup.conftest import damage
    from ui.dialogs.backup_dialogs import BackupsDialog
    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        item = backup.backup_before(app.db, "manual")
        damage(item)
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.list.setCurrentRow(0)
        dialog._restore()
        assert dialog.to_restore is None and dialog.isVisible()
        assert warned and item.name in warned[0]
    finally:
        app.close()


@pytest.mark.parametrize("wal_left", [True, False])
def test_after_the_start_up_restore_the_clerk_is_told_where_a_gone_registers_wal_was_kept(
        qtbot, qt_zh, register_path, empty_register, monkeypatch, wal_left):
    """The register file gone after a power cut, its -wal left (it may hold the last entries):
    the restore kept that -wal beside the data file, and the window opened without a word of it.
    The offer before it said nothing of that file either: now it says where the restore keeps it.
    Nothing is said when no -wal was left."""
    from PySide6.QtWidgets import QMessageBox
    _damaged_with_a_backup(register_path)
    app = open_app(register_path.with_name("断电前.db"))
    try:
        add_people(app, ["孙断电"], start=30)
        wal = register_path.with_name("断电前.db-wal").read_bytes()
    finally:
        app.close()
    register_path.unlink()
    if wal_left:
        register_path.with_name("register.db-wal").write_bytes(wal)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: said.append((title, text)))
    offered = []

    def enter(dialog):
        offered.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return _answer(qtbot, Qt.Key_Return, [])(dialog)
    app = open_for_window(register_path, exec_dialog=enter)
    assert app is not None
    app.close()
    kept = [p.name for p in register_path.parent.glob("register.db.damaged-*-wal")]
    if wal_left:
        assert ("数据文件旁边留着一个 register.db-wal 文件" in offered[0]
                and f"改名保留在数据文件旁边（{register_path.parent}，文件名 register.db.damaged-恢复时间-wal）"
                in offered[0])
        [(title, text)] = said
        assert title == "备份已恢复" and len(kept) == 1
        assert f"出事前最后录入的内容可能在保留下来的文件 {kept[0]} 里（在数据文件旁边，{register_path.parent}）" in text
        assert "如果发现缺了内容，请把这个文件交给技术人员" in text
    else:
        assert said == [] and kept == [] and "-wal" not in offered[0]


def test_a_register_gone_without_backups_but_with_its_wal_left_is_not_made_anew_over_it(
        qtbot, qt_zh, register_path):
    """The register file gone (an antivirus's quarantine after a power cut), no backup yet, its
    -wal left with the last entries in it: the window made a new empty register under the name,
    and SQLite emptied the -wal, the only copy left. Now nothing is made, the -wal stays as it was,
    and the clerk is told where to look for the file and to give the -wal to a technician."""
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        wal = register_path.with_name("register.db-wal").read_bytes()      # as a power cut leaves it
    finally:
        app.close()
    register_path.unlink()
    register_path.with_name("register.db-wal").write_bytes(wal)
    said = []

    def escape(dialog):
        said.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return _answer(qtbot, Qt.Key_Escape, [])(dialog)
    assert open_for_window(register_path, exec_dialog=escape) is None
    assert not register_path.exists() and register_path.with_name("register.db-wal").read_bytes() == wal
    assert "不见了" in said[0] and "旁边还留着 register.db-wal 文件" in said[0] and "回收站" in said[0]
    assert "没有备份" in said[0] and "完整性检查" not in said[0]
