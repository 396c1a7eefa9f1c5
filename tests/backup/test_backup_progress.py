"""A big register's sealed backup (27–45 s for 324 MB: bench/backup_steps.py): what the clerk is
shown while it is made, and Cancel, which now stops it."""
import os
import threading

import pytest

from desktop import backup
from desktop.app import open_app
from tests.backup.conftest import add_people
from tests.conftest import as_usb_stick

PASSPHRASE = "备份 口令 2026"


def _seal_slowly(monkeypatch):
    """Sealed in chunks of 16 KiB (the test's register is a few hundred KiB: many chunks, as a big
    register's are of a mebibyte)."""
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, PASSPHRASE)
    monkeypatch.setattr(backup, "COPY_CHUNK", 1 << 14)


def _back_up_now_cancelled_at(qtbot, dialog, reached, go_on) -> list[tuple]:
    """立即备份 pressed; once the backup is held at a step (``reached`` set), its progress
    dialog read, as (words, value, maximum), and its Cancel pressed; the backup then let go on."""
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton
    seen = []

    def look_then_cancel() -> None:
        if not reached.is_set():
            QTimer.singleShot(10, look_then_cancel)
            return
        QCoreApplication.processEvents()        # the reports sent before the wait
        progress = dialog.findChild(QProgressDialog)
        seen.append((progress.labelText(), progress.value(), progress.maximum()))
        progress.findChild(QPushButton).click()
        go_on.set()
    QTimer.singleShot(10, look_then_cancel)
    qtbot.mouseClick(dialog.now_button, Qt.LeftButton)
    return seen


def _two_backups(register_path):
    """A daily backup of 张三, then a manual one with 李梅 too: (older, newest)."""
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        older = backup.backup_before(app.db, "daily")
        add_people(app, ["李梅"], start=2)
        return older, backup.backup_before(app.db, "manual")
    finally:
        app.close()


def _whole_checks_named(monkeypatch) -> list:
    """The names of the backups checked whole (integrity-checked), in order, as they are."""
    whole, real = [], backup._integrity
    monkeypatch.setattr(backup, "_integrity", lambda path, key, name: (whole.append(name), real(path, key, name))[1])
    return whole


def _left(register_path) -> dict:
    folder = backup.folder_of(register_path)
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def test_a_sealed_backup_says_its_steps_and_cancel_stops_it_leaving_nothing(register_path, monkeypatch):
    """The bar said nothing but "busy" for the whole sealing, and Cancel did nothing once the
    integrity check's wait was over. Now SQLite's copy is said as a step of its own, the sealing
    and its read-back fill the bar, and Cancel, pressed in either, ends the backup: no file of
    it left, the backups there before untouched, nothing pruned."""
    _seal_slowly(monkeypatch)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        backup.backup_before(app.db, "daily")
        before = _left(register_path)
        reports = []
        made = backup.backup_before(app.db, "manual", progress=lambda done, total: reports.append((done, total)))
        steps = [backup.backup_step(*r) for r in reports]
        assert steps[0] == "copy" and steps[-1] == "check"
        assert steps == sorted(steps, key=["copy", "seal", "check"].index) and steps.count("seal") > 10
        assert [d for d, _ in reports[1:]] == sorted(d for d, _ in reports[1:])      # the bar only goes on
        assert reports[-1][0] == reports[-1][1]                                      # and ends full
        assert made.name.endswith(".manual.mbak")

        for step in ("copy", "seal", "check"):
            monkeypatch.setattr(backup, "prune", lambda *a: (_ for _ in ()).throw(AssertionError("pruned")))
            said = []
            made = backup.backup_before(app.db, "manual", cancelled=lambda: step in said,
                                        progress=lambda done, total: said.append(backup.backup_step(done, total)))
            assert made is None, step
            assert said[-1] == step and len(said) < len(steps)          # heard at once, not at the end
            now = _left(register_path)
            assert {k: v for k, v in now.items() if k in before} == before and len(now) == len(before) + 1, step
    finally:
        app.close()


def test_back_up_now_on_a_sealed_register_shows_the_sealing_and_its_cancel_is_said(
        qtbot, qt_zh, register_path, monkeypatch):
    """立即备份: the progress dialog says 正在加密 and its bar moves; Cancel pressed there ends the
    backup, and the dialog says plainly that nothing was made and nothing else changed."""
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.workers import task as tasks
    _seal_slowly(monkeypatch)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    real_chunks, held, go_on = backup._chunks_of, threading.Event(), threading.Event()

    def chunks_of(path, cancelled, progress):       # the fourth chunk waits for the test to look
        for n, chunk in enumerate(real_chunks(path, cancelled, progress)):
            if n == 3:
                held.set()
                go_on.wait(5)
            yield chunk
    monkeypatch.setattr(backup, "_chunks_of", chunks_of)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        seen = _back_up_now_cancelled_at(qtbot, dialog, held, go_on)
        assert [(label, value > 0, most > 0) for label, value, most in seen] == [("正在加密备份……", True, True)]
        assert backup.list_backups(register_path) == [] and _left(register_path) == {}
        assert dialog.outcome.isVisibleTo(dialog)
        assert dialog.outcome.text() == "已取消备份：没有做成备份，也没有留下做了一半的文件；数据文件和已有的备份都没有改动。"
        assert dialog.now_button.isEnabled()
    finally:
        go_on.set()
        tasks.shared_runner().wait()
        app.close()


def test_a_backup_is_checked_whole_once_then_only_its_passphrase_and_a_later_bad_block_is_found_at_the_restore(
        register_path, monkeypatch):
    """The start-up's offer of a damaged register (``newest_good``) copied and integrity-checked
    the newest backup whole at every start, before the window (1–4 s for 345 MB here, minutes for
    1 GB on an old PC: bench/backup_steps.py). A backup found sound is noted (name, size, time):
    the next start tries only its passphrase. A wrong one is still refused; a bad block that came
    later with the size and time unchanged is found by the restore, which checks its own copy
    whole: nothing changed, and the next offer passes that backup over."""
    from tests.backup.conftest import damage, names_in

    def damaged(copy, raw: bytes) -> bytes:
        copy.write_bytes(raw)
        return damage(copy)
    older, newest = _two_backups(register_path)
    whole = _whole_checks_named(monkeypatch)
    damage(register_path)
    assert backup.newest_good(register_path).path == newest and whole == [newest.name]       # the first start
    assert backup.newest_good(register_path).path == newest and whole == [newest.name]       # the next ones

    st = newest.stat()                  # a bad block in it; the size and the time as they were
    newest.write_bytes(damaged(register_path.with_name("copy.db"), newest.read_bytes()))
    os.utime(newest, ns=(st.st_atime_ns, st.st_mtime_ns))
    item = backup.newest_good(register_path)
    assert item.path == newest                      # the note cannot see it
    with pytest.raises(backup.BackupUnusableError, match="已损坏"):
        backup.restore(register_path, item, damaged=True)
    assert backup.newest_good(register_path).path == older      # checked whole again: passed over
    backup.restore(register_path, backup.newest_good(register_path), damaged=True)
    assert names_in(register_path) == {"张三"}


def test_a_sealed_backup_found_sound_is_still_refused_with_a_wrong_passphrase(register_path, monkeypatch):
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, PASSPHRASE)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    item = backup.list_backups(register_path)[0]
    assert backup.check_backup(item) == "" and backup._found_sound(item)
    assert "口令不对" in backup.check_backup(item, passphrase="别的口令")
    monkeypatch.delenv(backup.BACKUP_PASSPHRASE_ENV)
    assert "请提供口令" in backup.check_backup(item) and backup.newest_good(register_path) is None


def test_the_start_up_offer_checks_the_backups_off_the_ui_thread_with_a_dialog_whose_cancel_changes_nothing(
        qtbot, qt_zh, register_path, monkeypatch):
    """A damaged register at start-up: the newest good backup was looked for on the UI thread,
    before any window (a whole check of a big register's backup: seconds, more on an old disk),
    and nothing was on screen meanwhile. A progress dialog says it now; its Cancel ends the start
    with nothing restored, nothing changed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
    from tests.backup.conftest import backed_up, damage
    from ui.startup import open_for_window
    from ui.workers import task as tasks
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    backed_up(register_path, reason="daily", later=["赵后来"])
    damaged_bytes = damage(register_path)
    checking, looked, seen = threading.Event(), threading.Event(), []
    real_check = backup.check_backup

    def held_check(item, **kw):
        if threading.current_thread() is not threading.main_thread():
            checking.set()
            looked.wait(5)
        return real_check(item, **kw)
    monkeypatch.setattr(backup, "check_backup", held_check)

    def look_then_cancel() -> None:
        shown = [p for p in QApplication.topLevelWidgets() if isinstance(p, QProgressDialog) and p.isVisible()]
        if not (checking.is_set() and shown):
            QTimer.singleShot(10, look_then_cancel)
            return
        seen.append(shown[0].labelText())
        shown[0].findChild(QPushButton).click()
        looked.set()
    QTimer.singleShot(0, look_then_cancel)
    offered = []
    try:
        assert open_for_window(register_path, exec_dialog=lambda d: offered.append(d) or 0) is None
    finally:
        looked.set()
        tasks.shared_runner().wait()
    assert seen == ["正在检查哪个备份完好……"] and offered == []
    assert register_path.read_bytes() == damaged_bytes and not list(register_path.parent.glob("*.damaged-*"))


def test_cancel_during_a_plain_copy_says_the_backup_was_made_and_kept(qtbot, qt_zh, register_path, monkeypatch):
    """A plain register's copy is one step of SQLite's: Cancel pressed while 正在复制数据文件 is
    heard once it has ended whole; the backup is kept and the dialog says so (not "cancelled")."""
    from db import driver
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.workers import task as tasks
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    real_copy, copying, go_on = driver.online_backup, threading.Event(), threading.Event()

    def held_copy(*args, **kwargs):
        copying.set()
        go_on.wait(5)
        return real_copy(*args, **kwargs)
    monkeypatch.setattr(driver, "online_backup", held_copy)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        seen = _back_up_now_cancelled_at(qtbot, dialog, copying, go_on)
        assert [label for label, _, _ in seen] == ["正在复制数据文件……"]
        assert [b.reason for b in backup.list_backups(register_path)] == ["manual"] and dialog.list.count() == 1
        assert dialog.outcome.text() == "按“取消”时备份已经做好，保留在列表里。"
    finally:
        go_on.set()
        tasks.shared_runner().wait()
        app.close()


def test_a_backup_found_damaged_is_passed_over_at_once_until_it_changes(register_path, monkeypatch):
    """The start-up's offer of a damaged register checked a damaged newest backup whole at every
    start before the good one after it (3.7–5.1 s at 345 MB: bench/backup_steps.py): a failure was
    not noted. Now it is, as a pass is: unchanged, the damaged one is passed over at once with the
    reason found; changed (copied over again), it is checked whole again."""
    from tests.backup.conftest import damage
    older, newest = _two_backups(register_path)
    good_bytes = newest.read_bytes()
    damage(newest)
    damage(register_path)
    whole = _whole_checks_named(monkeypatch)
    item = backup.list_backups(register_path)[0]
    said = backup.check_backup(item)
    assert "已损坏" in said and whole == [newest.name]
    assert backup.newest_good(register_path).path == older and whole == [newest.name, older.name]  # the first start
    assert backup.newest_good(register_path).path == older and len(whole) == 2      # the next ones: no whole check
    assert backup.check_backup(item) == said and len(whole) == 2                    # the same reason, at once
    with pytest.raises(backup.BackupUnusableError, match="已损坏"):
        backup.restore(register_path, item, damaged=True)                           # the restore checks whole
    assert len(whole) == 3

    newest.write_bytes(good_bytes)          # a good copy put back over it: another file, checked again
    assert backup.newest_good(register_path).path == newest and whole[3:] == [newest.name]


def test_an_encrypted_registers_backup_is_checked_whole_once_then_only_its_key(register_path, monkeypatch):
    """An encrypted register's backups were checked whole at every offer (a copy of their head
    does not open). Once found sound, only the key is tried on the backup's first page, opened in
    place read-only: nothing is left beside the backup; a wrong key is still refused (checked
    whole again, which says why)."""
    from db import driver
    from tests.backup.conftest import backed_up
    register_path.unlink()
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    monkeypatch.setattr(driver, "SCRYPT_N", 1 << 4)     # the key's strength is not what is tested here
    kept = backed_up(register_path, reason="daily")
    whole = _whole_checks_named(monkeypatch)
    assert backup.newest_good(register_path).path == kept and whole == [kept.name]
    before = sorted(p.name for p in kept.parent.iterdir())
    assert backup.newest_good(register_path).path == kept and whole == [kept.name]      # no whole check again
    assert sorted(p.name for p in kept.parent.iterdir()) == before                      # no -wal, -shm left
    monkeypatch.setenv(driver.KEY_ENV, "别的 口令 2026 社区")
    assert "口令不对" in backup.check_backup(backup.list_backups(register_path)[0])


def test_copy_to_a_stick_on_a_sealed_register_shows_the_backups_steps_then_the_sticks(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """复制到U盘 on a sealed register makes its own sealed backup first (most of the time for a big
    register): it showed only a busy bar under 正在备份数据文件并复制到U盘…… for it. It shows the
    steps 立即备份 shows (the same words), on one bar that moves on, then the copy to the stick's."""
    from PySide6.QtWidgets import QMessageBox, QProgressDialog
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.workers import task as tasks
    _seal_slowly(monkeypatch)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    said = []
    real_label = QProgressDialog.setLabelText

    def set_label(dialog, text):                    # each step's words as the dialog takes them, and its bar
        said.append((text, dialog.value(), dialog.maximum()))
        real_label(dialog, text)
    monkeypatch.setattr(QProgressDialog, "setLabelText", set_label)
    stick = tmp_path / "U盘"
    stick.mkdir()
    as_usb_stick(monkeypatch, stick)            # a stick: its words (a folder on the disk says 文件夹)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        copy = dialog.copy_to_stick(str(stick))
        assert copy is not None and copy.parent == stick
        assert [text for text, _, _ in said] == ["正在复制数据文件……", "正在加密备份……", "正在读回备份，检查是否完好……",
                                                 "正在把备份复制到U盘……", "正在读回核对U盘上的副本……"]
        bar = [(value, maximum) for _, value, maximum in said[1:]]
        assert len({maximum for _, maximum in bar}) == 1 and [v for v, _ in bar] == sorted(v for v, _ in bar)
        assert 0 < bar[0][0] and bar[-1][0] < bar[-1][1]          # one bar, measured, going on step by step
    finally:
        tasks.shared_runner().wait()
        app.close()


def test_a_copy_that_does_not_read_back_as_written_says_what_to_do(register_path, tmp_path, monkeypatch):
    """The copy to a stick read back unlike what was written (a stick's bad block): its message
    ended with the read-back's hash object (<sha256 ... object>) where it should say to use another
    stick (a name given twice in copy_to_folder). The half copy is removed, the backup here kept."""
    _seal_slowly(monkeypatch)
    stick = tmp_path / "U盘"
    stick.mkdir()
    as_usb_stick(monkeypatch, stick)
    real_chunks = backup._chunks_of

    def bad_block(path, cancelled, progress):
        chunks = real_chunks(path, cancelled, progress)
        if not str(path).endswith(".part"):
            yield from chunks
            return
        first = next(chunks)
        yield bytes([first[0] ^ 1]) + first[1:]       # one bit read back unlike it was written
        yield from chunks
    monkeypatch.setattr(backup, "_chunks_of", bad_block)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        with pytest.raises(backup.StorageError) as refused:
            backup.copy_to_folder(app.db, stick)
    finally:
        app.close()
    said = refused.value.message
    assert "的备份与原件不一致（U盘可能有坏块或被拔出）" in said and "请换一个U盘再试。本机的备份完好。" in said
    assert "sha256" not in said and list(stick.iterdir()) == []
    assert len(backup.list_backups(register_path)) == 1
