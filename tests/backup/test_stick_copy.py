"""File ▸ Backups ▸ Copy to a USB stick for a plain (unencrypted) register: the copy was refused
("encrypt the data file first") unless a technician had set MENSHEN_BACKUP_PASSPHRASE. Now the
admin types a passphrase for the copy, twice; only a sealed copy reaches the stick, and the new
computer's restore opens it with that passphrase."""
import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from desktop import backup
from desktop.app import open_app
from tests.backup.conftest import add_people, backed_up, names_in, register_and_stick
from tests.conftest import as_usb_stick, type_text
from ui.startup import open_for_window

SHOTS = os.environ.get("MENSHEN_SHOTS")
PASSPHRASE = "幸福里 社区 备份 二〇二六"
WRONG = "幸福里 社区 备份 二〇二五"


def _answer(qtbot, key, seen):
    def exec_dialog(dialog):
        with qtbot.waitExposed(dialog):
            dialog.show()
        seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        qtbot.keyClick(dialog.list, key)
        return dialog.result()
    return exec_dialog


def _asking(answers, asked):
    typed = iter(answers)

    def ask(retry):
        asked.append(retry)
        return next(typed, None)
    return ask


def _on_the_new_computer(copy, home):
    """The old disk is dead: the stick's file is put in the new computer's backups folder."""
    (home / "backups").mkdir(parents=True)
    shutil.copy(copy, home / "backups" / copy.name)
    return home / "register.db"


def _nothing_plain(copy) -> None:
    raw = copy.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "张三".encode() not in raw and "幸福里小区".encode() not in raw



def _sealed_on_the_stick(register_path, tmp_path, names):
    """The office's register holding ``names``, copied sealed to the stick (tmp_path / U盘)."""
    stick, app = register_and_stick(tmp_path, register_path, names)
    try:
        return backup.copy_to_folder(app.db, stick, passphrase=PASSPHRASE, repeated=PASSPHRASE)
    finally:
        app.close()

def _copy_refused(register_path, stick) -> str:
    """张三 typed in, then File ▸ Backups ▸ Copy to a USB stick, which fails: what it says."""
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        with pytest.raises(backup.StorageError) as got:
            backup.copy_to_folder(app.db, stick, passphrase=PASSPHRASE, repeated=PASSPHRASE)
    finally:
        app.close()
    return got.value.message


def test_a_plain_registers_copy_is_sealed_on_the_stick_and_restores_in_a_fresh_home(
        qtbot, qt_zh, register_path, tmp_path):
    from desktop.audit import audit_trail
    stick, app = register_and_stick(tmp_path, register_path, ["张三", "李梅"])
    try:
        copy = backup.copy_to_folder(app.db, stick, passphrase=PASSPHRASE, repeated=PASSPHRASE)
        [entry] = [e for e in audit_trail(app.db) if e.what == "backup-copy"]
        assert entry.people == 2 and entry.file_name == copy.name
    finally:
        app.close()
    assert copy.name.endswith(".manual.mbak") and list(stick.iterdir()) == [copy]   # no .part, nothing plain
    _nothing_plain(copy)
    new = _on_the_new_computer(copy, tmp_path / "新电脑")
    asked, seen = [], []
    restored = open_for_window(new, exec_dialog=_answer(qtbot, Qt.Key_Return, seen),
                               ask_passphrase=_asking([WRONG, PASSPHRASE], asked))
    assert restored is not None and asked == [0, 1]          # a slip is asked again, the right one opens it
    try:
        assert {p.full_name for p in restored.register.people_in(None)} == {"张三", "李梅"}
    finally:
        restored.close()
    assert "手动备份" in seen[0][0] and "已加密" in seen[0][0]


def test_a_wrong_passphrase_at_restore_is_said_in_chinese_and_replaces_nothing(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    stick, app = register_and_stick(tmp_path, register_path)
    try:
        copy = backup.copy_to_folder(app.db, stick, passphrase=PASSPHRASE, repeated=PASSPHRASE)
        add_people(app, ["赵后来"], start=5)
    finally:
        app.close()
    shutil.copy(copy, register_path.parent / "backups" / copy.name)
    [item] = [b for b in backup.list_backups(register_path) if b.sealed]
    with pytest.raises(backup.BackupUnusableError) as refused:
        backup.restore(register_path, item, passphrase=WRONG)
    said = refused.value.message
    assert "口令不对" in said and "数据文件没有改动" in said and "同步" not in said
    assert names_in(register_path) == {"张三", "赵后来"}
    assert not list(register_path.parent.glob("register.db.before-restore-*"))
    # On a new computer: three wrong tries, then the offer has nothing to restore; nothing is made.
    new = _on_the_new_computer(copy, tmp_path / "新电脑")
    asked, warned = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: warned.append((title, text)))
    assert open_for_window(new, exec_dialog=_answer(qtbot, Qt.Key_Escape, []),
                           ask_passphrase=_asking([WRONG] * 3, asked)) is None
    assert asked == [0, 1, 2] and not new.exists()
    assert [title for title, _ in warned] == ["备份没有恢复"] and "没有恢复" in warned[0][1]
    assert [p.name for p in (new.parent / "backups").iterdir()] == [copy.name]


def test_the_stick_button_asks_for_the_copys_passphrase_and_says_it_is_kept_nowhere(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    from ui.dialogs import backup_dialogs
    asked, said = [], []
    answers = iter([None, PASSPHRASE])
    monkeypatch.setattr(backup_dialogs, "ask_copy_passphrase", lambda parent: asked.append(parent) or next(answers))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    stick, app = register_and_stick(tmp_path, register_path)
    try:
        dialog = backup_dialogs.BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        assert dialog.stick_button.isEnabled()
        assert dialog.copy_to_stick(str(stick)) is None             # the passphrase given up: nothing done
        assert len(asked) == 1 and list(stick.iterdir()) == [] and dialog.list.count() == 0
        copy = dialog.copy_to_stick(str(stick))
    finally:
        app.close()
    assert len(asked) == 2 and copy is not None and list(stick.iterdir()) == [copy] and copy.suffix == ".mbak"
    _nothing_plain(copy)
    assert str(copy) in said[0] and "口令" in said[0] and "没有保存在任何地方" in said[0]


def test_the_copys_passphrase_is_typed_twice_and_not_guessable(qtbot, qt_zh):
    from ui.dialogs.backup_dialogs import CopyPassphraseDialog
    dialog = CopyPassphraseDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    assert ok.text() == "复制到U盘"
    about = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
    assert "不会保存在任何地方" in about and "别的电脑上恢复" in about
    type_text(dialog.passphrase, "123456789012")
    type_text(dialog.repeated, "123456789012")
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.isVisible() and "太简单" in dialog.message.text()
    dialog.passphrase.clear()
    dialog.repeated.clear()
    type_text(dialog.passphrase, PASSPHRASE)
    type_text(dialog.repeated, WRONG)
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.isVisible() and "两次输入的口令不一样" in dialog.message.text()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "copy_passphrase.png"))
    dialog.repeated.clear()
    type_text(dialog.repeated, PASSPHRASE)
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and dialog.passphrase.text() == PASSPHRASE


def test_the_stick_copy_restores_through_file_backups_restore_on_a_new_computer(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """The new computer already has its (empty) register: File ▸ Backups lists the stick's copy,
    Restore hands it over, and the reopening asks for the copy's passphrase, the prompt naming it."""
    from PySide6.QtWidgets import QInputDialog
    import ui.startup as startup
    from ui.dialogs.backup_dialogs import BackupsDialog
    copy = _sealed_on_the_stick(register_path, tmp_path, ["张三", "李梅"])
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    open_app(new).close()
    backup.folder_of(new).mkdir()          # made by the window's first daily backup
    shutil.copy(copy, backup.folder_of(new) / copy.name)
    app = open_app(new)
    try:
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).toolTip().endswith(copy.name))
        dialog.list.setCurrentRow(row)
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
        dialog._restore()
        chosen = dialog.to_restore
    finally:
        app.close()
    assert chosen is not None and chosen.sealed
    prompts, answers = [], iter([WRONG, PASSPHRASE])
    monkeypatch.setattr(QInputDialog, "getText", lambda _p, _t, said, _e: prompts.append(said) or (next(answers), True))
    reopened = []
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    assert startup._restore_and_reopen(new, chosen, None) == 0
    [again] = reopened
    try:
        assert {p.full_name for p in again.register.people_in(None)} == {"张三", "李梅"}
    finally:
        again.close()
    assert "复制到U盘时" in prompts[0] and "打不开" in prompts[1]


def test_the_command_line_restores_the_stick_copy_with_the_passphrase_typed(register_path, tmp_path, monkeypatch,
                                                                            capsys):
    import io

    from desktop.cli import main
    copy = _sealed_on_the_stick(register_path, tmp_path, ["张三"])
    new = _on_the_new_computer(copy, tmp_path / "新电脑")
    monkeypatch.delenv(backup.BACKUP_PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(WRONG + "\n"))             # a slip: refused, nothing made
    assert main(["backup", "restore", "--db", str(new), "--file", copy.name]) == 2
    assert "口令不对" in capsys.readouterr().err and not new.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main(["backup", "restore", "--db", str(new)]) == 0               # the newest: the sealed copy
    app = open_app(new)
    try:
        assert [p.full_name for p in app.register.people_in(None)] == ["张三"]
    finally:
        app.close()


def test_after_three_wrong_passphrases_the_offer_says_the_backups_are_locked_not_bad(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """The new computer, the stick's sealed copy in its backups folder, the passphrase typed
    wrong three times: 备份没有恢复 was said, and then the offer said 没有备份通过完整性检查 and to
    give the computer to a technician, though the copy is sound, only locked. Now the offer
    says the backups are there and encrypted, the passphrase was wrong, and to start again and
    type the right one; it never sends the clerk to a technician. Giving up says the same."""
    from PySide6.QtWidgets import QLabel
    copy = _sealed_on_the_stick(register_path, tmp_path, ["张三"])
    new = _on_the_new_computer(copy, tmp_path / "新电脑")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    for answers in ([WRONG] * 3, []):                  # three wrong ones; 取消 at the first question
        offered = []

        def look(dialog):
            with qtbot.waitExposed(dialog):
                dialog.show()
            offered.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
            if SHOTS:
                dialog.grab().save(os.path.join(SHOTS, f"restore_offer_locked_{len(answers)}.png"))
            assert not dialog.restore_button.isEnabled()
            qtbot.keyClick(dialog.list, Qt.Key_Escape)
            return dialog.result()
        assert open_for_window(new, exec_dialog=look, ask_passphrase=_asking(answers, [])) is None
        [text] = offered
        assert "完整性检查" not in text and "技术人员" not in text
        assert "已加密" in text and "口令" in text and "没有损坏" in text and "重新打开门神" in text
        assert "U盘" in text and "没有任何改动" in text
        assert [p.name for p in (new.parent / "backups").iterdir()] == [copy.name] and not new.exists()


def _last_weeks_copy_on_the_stick(qtbot, monkeypatch, tmp_path, register_path):
    """A register of one person whose Backups dialog has put last week's copy on a stick (the
    copy's passphrase answered, the progress dialog shown at once): (stick, app, the dialog,
    that copy, its bytes). The caller closes the app."""
    from ui.dialogs import backup_dialogs
    from ui.workers import task as tasks
    monkeypatch.setattr(backup_dialogs, "ask_copy_passphrase", lambda parent: PASSPHRASE)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 20)
    stick, app = register_and_stick(tmp_path, register_path)
    as_usb_stick(monkeypatch, stick)
    dialog = backup_dialogs.BackupsDialog(app.db)
    qtbot.addWidget(dialog)
    old = dialog.copy_to_stick(str(stick))
    return stick, app, dialog, old, old.read_bytes()


def _as_it_was(stick, old, kept, register_path, dialog) -> None:
    """After a cancelled copy: last week's copy alone on the stick and as it was, this computer's
    two backups kept, the dialog ready for another try."""
    assert list(stick.iterdir()) == [old] and old.read_bytes() == kept
    assert [b.reason for b in backup.list_backups(register_path)] == ["manual", "manual"]
    assert dialog.list.count() == 2 and dialog.stick_button.isEnabled()


def test_cancel_during_the_copy_to_the_stick_leaves_no_half_file_and_the_old_copy_as_it_was(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """复制到U盘 of a big register to a slow stick: minutes in which the progress dialog's Cancel
    did nothing (the copy went on to its end). Cancel pressed during the copy now stops it: the
    half file is gone from the stick, last week's copy there is as it was, and the backup made
    for it stays in this computer's list."""
    import threading
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton
    from ui.workers import task as tasks
    stick, app, dialog, old, kept = _last_weeks_copy_on_the_stick(qtbot, monkeypatch, tmp_path, register_path)
    try:
        # A slow stick: the copy is held after its first piece until Cancel has been pressed.
        copying, pressed, seen = threading.Event(), threading.Event(), []
        monkeypatch.setattr(backup, "COPY_CHUNK", 4096, raising=False)
        real_chunks = getattr(backup, "_chunks_of", None)

        def slow_stick(path, cancelled, progress):
            for n, chunk in enumerate(real_chunks(path, cancelled, progress)):
                if n == 1:
                    copying.set()
                    pressed.wait(60)
                yield chunk
        monkeypatch.setattr(backup, "_chunks_of", slow_stick, raising=False)

        def press_cancel(tries=[6000]) -> None:      # a minute at least: the backup before the copy is slow under load
            shown = [p for p in dialog.findChildren(QProgressDialog) if p.isVisible()]
            tries[0] -= 1
            if tries[0] > 0 and not (copying.is_set() and shown):
                QTimer.singleShot(10, press_cancel)
                return
            if shown:
                seen.append((shown[0].labelText(), sorted(p.name.endswith(".part") for p in stick.iterdir())))
                if SHOTS:
                    shown[0].grab().save(os.path.join(SHOTS, "stick_copy_cancel.png"))
                shown[0].findChild(QPushButton).click()
            pressed.set()
        QTimer.singleShot(0, press_cancel)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(stick))
        qtbot.mouseClick(dialog.stick_button, Qt.LeftButton)
        assert seen == [("正在把备份复制到U盘……", [False, True])]     # the half file, while it copies
        _as_it_was(stick, old, kept, register_path, dialog)
    finally:
        pressed.set()
        tasks.shared_runner().wait()
        app.close()


def test_cancel_while_the_copy_is_read_back_off_the_stick_leaves_no_copy_and_the_old_one_as_it_was(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """A plain register's copy is sealed on the stick, then read back off it to check it: as long
    as the write itself, and the progress dialog's Cancel did nothing there (the copy went on to
    its end and was kept). Cancel pressed during the read-back now stops it: the unchecked file
    is gone from the stick, last week's copy there is as it was, the backup stays in the list."""
    import threading
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton
    from desktop.sync import envelope
    from ui.workers import task as tasks
    stick, app, dialog, old, kept = _last_weeks_copy_on_the_stick(qtbot, monkeypatch, tmp_path, register_path)
    try:
        # A slow stick: the read-back is held before its first piece until Cancel has been pressed.
        reading, pressed, seen = threading.Event(), threading.Event(), []
        real_stream = envelope.package_stream

        def slow_read_back(*args, **kwargs):
            reading.set()
            pressed.wait(60)
            yield from real_stream(*args, **kwargs)
        monkeypatch.setattr(envelope, "package_stream", slow_read_back)

        def press_cancel(tries=[6000]) -> None:      # a minute at least: the backup before the copy is slow under load
            shown = [p for p in dialog.findChildren(QProgressDialog) if p.isVisible()]
            tries[0] -= 1
            if tries[0] > 0 and not (reading.is_set() and shown):
                QTimer.singleShot(10, press_cancel)
                return
            if shown:
                seen.append(len(list(stick.iterdir())))       # the new copy there, being read back
                shown[0].findChild(QPushButton).click()
            pressed.set()
        QTimer.singleShot(0, press_cancel)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(stick))
        qtbot.mouseClick(dialog.stick_button, Qt.LeftButton)
        assert seen == [2]
        _as_it_was(stick, old, kept, register_path, dialog)
    finally:
        pressed.set()
        tasks.shared_runner().wait()
        app.close()


def test_while_the_copy_is_read_back_off_the_stick_the_progress_dialog_says_so(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """Closing note: during the read-back off the stick (as long as the copy on a slow stick) the
    progress dialog still said 正在备份数据文件并复制到U盘: the copy looked stuck. It says the copy
    is being checked. Closing note after: it said so only from the read-back's first piece, which
    for a small register is the whole copy, read off the stick meanwhile under 复制: the bar then
    went from half to full at once as the dialog closed. It says so from the read-back's start,
    the bar at half, not full."""
    import threading
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog
    from desktop.sync import envelope
    from ui.dialogs import backup_dialogs
    from ui.workers import task as tasks
    monkeypatch.setattr(backup_dialogs, "ask_copy_passphrase", lambda parent: PASSPHRASE)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    stick, app = register_and_stick(tmp_path, register_path)
    as_usb_stick(monkeypatch, stick)
    dialog = backup_dialogs.BackupsDialog(app.db)
    qtbot.addWidget(dialog)
    # A slow stick: the read-back's first chunk (a small register's whole copy) is held until the
    # dialog has been read.
    reading, looked, seen, bar = threading.Event(), threading.Event(), [], []
    real_stream = envelope.package_stream

    def slow_read_back(*args, **kwargs):
        reading.set()
        looked.wait(60)
        yield from real_stream(*args, **kwargs)

    # Looked for until the read-back is seen, up to a minute: 300 looks of 10 ms ran out on a
    # loaded machine before the backup made for the copy was done (seen by a helper).
    until = time.monotonic() + 60

    def look() -> None:
        progress = [p for p in dialog.findChildren(QProgressDialog) if p.isVisible()]
        shown = [p.labelText() for p in progress]
        if time.monotonic() < until and not (reading.is_set() and shown and "U盘" in shown[0] and "核对" in shown[0]):
            QTimer.singleShot(10, look)
            return
        seen.extend(shown)
        bar.extend((p.value(), p.maximum()) for p in progress)
        if SHOTS and progress:
            progress[0].grab().save(os.path.join(SHOTS, "stick_copy_read_back.png"))
        looked.set()
    monkeypatch.setattr(envelope, "package_stream", slow_read_back)
    try:
        QTimer.singleShot(0, look)
        assert dialog.copy_to_stick(str(stick)) is not None
        assert seen == ["正在读回核对U盘上的副本……"]
        assert [2 * value == maximum for value, maximum in bar] == [True], bar      # half, not full
    finally:
        looked.set()
        tasks.shared_runner().wait()
        app.close()


def test_a_stick_pulled_during_the_copy_says_the_copy_was_not_made_and_to_put_the_stick_back(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """复制到U盘, the stick pulled: during the write it said the copy was not made and to check the
    stick; pulled while the copy was read back off it, it said the check failed, the stick may
    have bad blocks, the copy was deleted (it may stay on a stick gone), and to use another stick.
    Both now say the copy is not on the stick and to put the stick in and copy again: a write."""
    import errno
    from desktop.sync import envelope
    from ui.dialogs import backup_dialogs
    monkeypatch.setattr(backup_dialogs, "ask_copy_passphrase", lambda parent: PASSPHRASE)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    stick = tmp_path / "U盘"
    stick.mkdir()
    as_usb_stick(monkeypatch, stick)

    def pulled(*args):
        raise OSError(errno.EIO, "Input/output error")
    real_open = open

    def pulled_when_read_back(file, mode="r", *args, **kwargs):
        if mode == "rb" and str(file).endswith(".mbak"):
            pulled()
        return real_open(file, mode, *args, **kwargs)
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        dialog = backup_dialogs.BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        with monkeypatch.context() as m:
            m.setattr(envelope, "_seal_chunk", pulled)                    # mid-write
            assert dialog.copy_to_stick(str(stick)) is None
        with monkeypatch.context() as m:
            m.setattr(envelope, "open", pulled_when_read_back, raising=False)    # mid read-back
            assert dialog.copy_to_stick(str(stick)) is None
    finally:
        app.close()
    assert len(warned) == 2 and list(stick.iterdir()) == []
    for said in warned:
        assert f"没有复制到 {stick}" in said and "请检查U盘是否插好" in said and "本机做好" in said
        assert "坏块" not in said and "换一个U盘" not in said and "读回" not in said and "读U盘" not in said


def test_a_stick_pulled_as_its_backup_is_read_says_the_stick_could_not_be_read(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """从U盘恢复…, the stick pulled just after the backup was chosen on it: the message said this
    computer's backups folder could not be written (无法写入 …\\backups), and nothing of the
    stick. Now it says the file on the stick could not be read, to put the stick back and choose
    it again; nothing is brought in, nothing restored."""
    from ui.dialogs import backup_dialogs
    made = backed_up(register_path, ["张三"])
    stick = tmp_path / "U盘"
    stick.mkdir()
    as_usb_stick(monkeypatch, stick)
    copy = stick / made.name
    copy.write_bytes(made.read_bytes())
    made.unlink()                                    # the computer's own copy is gone
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: warned.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    real_check = backup.check_backup_file

    def chosen_then_pulled(source):
        kind = real_check(source)
        copy.rename(tmp_path / "拔出的U盘上")           # looked at, then the stick is gone
        return kind
    monkeypatch.setattr(backup, "check_backup_file", chosen_then_pulled)
    app = open_app(register_path)
    try:
        dialog = backup_dialogs.BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.from_stick_button, Qt.LeftButton)
        assert dialog.list.count() == 0 and getattr(dialog, "to_restore", None) is None
    finally:
        app.close()
    [(title, said)] = warned
    assert title == "从U盘恢复" and f"读U盘上的文件 {copy} 时出错" in said and "请插好后重新选择" in said
    assert "无法写入" not in said and "没有保存" not in said and "数据文件没有改动" in said
    assert list(backup.folder_of(register_path).iterdir()) == []          # no .part left


def test_a_backup_that_cannot_be_read_at_restore_is_said_as_a_read_not_as_a_backup_not_made(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch):
    """恢复…, the backup's file failing as it is read (its stick pulled or loose, a bad block): the
    check said 备份没有做成：无法写入 … , a backup not made and a folder not written, of a restore.
    Now it says the backup could not be read and to put the stick back and try again; nothing
    is restored."""
    import errno
    import io
    from ui.dialogs import backup_dialogs
    made = backed_up(register_path, ["张三"], later=["李四"])
    real_open = open

    class Pulled(io.BytesIO):
        def read(self, *args):
            raise OSError(errno.EIO, "Input/output error")

    def pulled_mid_read(file, mode="r", *args, **kwargs):
        return Pulled() if Path(file) == made else real_open(file, mode, *args, **kwargs)
    monkeypatch.setattr(backup, "open", pulled_mid_read, raising=False)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    app = open_app(register_path)
    try:
        dialog = backup_dialogs.BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.list.setCurrentRow(0)
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
        assert getattr(dialog, "to_restore", None) is None
    finally:
        app.close()
    [said] = warned
    assert f"读备份 {made.name} 时出错" in said and "请插好后再试一次" in said and "数据文件没有改动" in said
    assert "没有做成" not in said and "无法写入" not in said
    assert names_in(register_path) == {"张三", "李四"}


def test_this_computers_backup_failing_as_it_is_read_for_the_stick_is_said_as_a_read_of_it(
        register_path, tmp_path, monkeypatch):
    """复制到U盘, the backup just made on this computer's disk failing as it is read for the copy
    (a bad sector): it said 没有复制到 U盘（读写出错）。请检查U盘是否插好、是否写保护 — the stick
    blamed for this computer's disk. Now it names this computer's file that could not be read,
    says the stick is not at fault and what to do; nothing is left on the stick."""
    import errno
    import io
    stick = tmp_path / "U盘"
    stick.mkdir()
    as_usb_stick(monkeypatch, stick)
    backups = backup.folder_of(register_path)
    real_open = open

    class BadSector(io.BytesIO):
        def read(self, *args):
            raise OSError(errno.EIO, "Input/output error")

    def bad_sector_in_the_backup(file, mode="r", *args, **kwargs):
        return BadSector() if Path(file).parent == backups else real_open(file, mode, *args, **kwargs)
    monkeypatch.setattr(backup, "open", bad_sector_in_the_backup, raising=False)
    said = _copy_refused(register_path, stick)
    [made] = backup.list_backups(register_path)
    assert f"读这台电脑上的备份 {made.path} 时出错" in said and "不是U盘的问题" in said and "没有复制到U盘" in said
    assert "再点一次“复制到U盘”" in said and "数据文件没有改动" in said
    assert "请检查U盘" not in said and "写保护" not in said and "换一个U盘" not in said
    assert list(stick.iterdir()) == []


def test_the_copy_to_the_stick_shows_progress_while_it_is_read_back(register_path, tmp_path, monkeypatch):
    """复制到U盘 of a big register to a slow stick: the bar filled during the copy, then stood full
    and still for as long again while the copy was read back off the stick to check it: it looked
    hung. The copy now fills half the bar and the read-back the other half, for a copy sealed on
    its way (a plain register) as for one copied as it is (a sealed backup)."""
    from desktop.sync import envelope
    monkeypatch.setattr(backup, "COPY_CHUNK", 4096)
    real_forget, phase = envelope._forget_cached_pages, ["copy"]

    def watched(path):                          # the sealed copy written, about to be read back
        phase.append("read-back" if Path(path).parent == stick else phase[-1])
        real_forget(path)
    monkeypatch.setattr(envelope, "_forget_cached_pages", watched)
    real_chunks = backup._chunks_of

    def watched_chunks(path, cancelled, progress):  # the backup copied as it is, and read back
        phase.append("read-back" if path.parent == stick else "copy")
        return real_chunks(path, cancelled, progress)
    monkeypatch.setattr(backup, "_chunks_of", watched_chunks)
    stick = tmp_path / "U盘"
    stick.mkdir()
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        for sealed_backups in (False, True):
            if sealed_backups:
                monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, PASSPHRASE)
            seen = []
            backup.copy_to_folder(app.db, stick, passphrase=None if sealed_backups else PASSPHRASE,
                                  repeated=None if sealed_backups else PASSPHRASE,
                                  progress=lambda done, total: seen.append((phase[-1], done, total)))
            assert seen[0][1:] == backup.COPY_STEP          # SQLite's copy here, then the bar
            total, measured = seen[-1][2], seen[1:]
            steps = [backup.copy_step(done, t) for _, done, t in measured]
            # The sealed backup's own steps first (the window says them: test_backup_progress.py).
            assert steps[0] == ("seal" if sealed_backups else "stick") and steps[-1] == "stick-check", steps
            copied = [done for (when, done, _), step in zip(measured, steps) if step == "stick"]
            read_back = [done for (when, done, _), step in zip(measured, steps) if step == "stick-check"]
            assert {when for (when, _, _), step in zip(measured, steps) if step == "stick-check"} == {"read-back"}
            assert len(copied) > 1 and copied[-1] < total - total // (4 if sealed_backups else 2) <= read_back[0]
            assert read_back[-1] == total, seen             # the read-back: the rest of the bar, to its end
            assert [d for _, d, _ in measured] == sorted(d for _, d, _ in measured)    # the bar only goes on
            assert {t for _, _, t in measured} == {total}
    finally:
        app.close()


def test_a_stick_pulled_while_the_copy_is_read_back_is_told_the_unchecked_copy_may_be_on_it(
        register_path, tmp_path, monkeypatch):
    """复制到U盘, the stick pulled out while the sealed copy was read back off it: the copy, whole
    but unchecked, stayed on the stick (its removal could not reach it) under its own name, while
    the message said 没有复制到 U盘. It now says the copy may be on the stick, by name, and to put
    the stick back, delete it and copy again."""
    from desktop.sync import envelope
    from desktop.sync import errors as e
    stick, pulled = tmp_path / "U盘", tmp_path / "拔下的U盘"
    stick.mkdir()
    real = envelope.package_stream

    def pulled_out(path, *a, **kw):
        stream = real(path, *a, **kw)
        yield next(stream)
        stream.close()
        stick.rename(pulled)
        raise e.StickReadError("读写出错", file=Path(path).name) from OSError(5, "Input/output error")
    monkeypatch.setattr(envelope, "package_stream", pulled_out)
    said = _copy_refused(register_path, stick)
    [left] = [p.name for p in pulled.iterdir()]
    assert left.endswith(".mbak") and left in said and "可能还留着" in said and "删掉它，再复制一次" in said, said
    assert "本机做好" in said and "坏块" not in said and "换一个U盘" not in said


def test_a_copy_to_a_folder_on_the_disk_or_a_shared_one_that_fails_does_not_blame_a_usb_stick(
        register_path, tmp_path, monkeypatch):
    """复制到U盘… lets the clerk choose any folder: one on this computer's disk, or one shared from
    another. A copy that failed there was told as a stick's (没有复制到U盘… 请检查U盘是否插好、
    是否写保护 / U盘 … 已满 / U盘是否已拔出？ / U盘可能被拔出或接触不良). It now names the folder and
    says what goes wrong with a folder (desktop.sync.drives.place_of, the sync's one rule for the
    words of a place); a stick keeps its words (the tests above)."""
    import errno
    from desktop.sync import drives, envelope
    from desktop.sync import errors as e
    folder, shared = tmp_path / "备份副本", tmp_path / "共享" / "备份副本"
    monkeypatch.setattr(drives, "network_location",
                        lambda path, **_: r"\\办公室电脑\共享" if str(path).startswith(str(shared)) else None)
    real = envelope.package_stream

    def failing(code):
        def fail(*args):
            raise OSError(code, os.strerror(code))
        return fail

    def network_down(path, *a, **kw):                           # as the copy is read back
        stream = real(path, *a, **kw)
        yield next(stream)
        stream.close()
        shared.rename(shared.with_name("断开"))
        raise e.StickReadError("读写出错", file=Path(path).name) from OSError(5, "Input/output error")

    def refused(to):
        with pytest.raises(backup.StorageError) as got:
            backup.copy_to_folder(app.db, to, passphrase=PASSPHRASE, repeated=PASSPHRASE)
        return got.value.message
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        said = refused(folder)                                  # not there (moved, renamed)
        assert f"文件夹 {folder} 不存在" in said and "被移走或改了名" in said and "请选好文件夹" in said
        folder.mkdir()
        with monkeypatch.context() as m:
            m.setattr(envelope, "_seal_chunk", failing(errno.EIO))   # the write fails
            written = refused(folder)
            m.setattr(envelope, "_seal_chunk", failing(errno.ENOSPC))
            full = refused(folder)
        shared.mkdir(parents=True)
        monkeypatch.setattr(envelope, "package_stream", network_down)
        cut = refused(shared)
    finally:
        app.close()
    assert f"没有复制到 {folder}（" in written and "这个文件夹不能写入" in written and "请检查后再试一次" in written
    assert f"文件夹 {folder} 所在的磁盘已满" in full and "换一个文件夹" in full
    assert "共享文件夹读不出来了" in cut and "网络可能断了" in cut and f"这个共享文件夹（{shared}）里可能还留着" in cut
    for words in (said, written, full, cut):
        assert "U盘" not in words, words
    assert all("本机做好" in words for words in (written, full, cut)) and list(folder.iterdir()) == []


def test_a_backup_brought_in_from_a_folder_on_the_disk_that_fails_does_not_blame_a_usb_stick(
        register_path, tmp_path, monkeypatch):
    """从U盘恢复… takes a backup chosen in any folder. One that could not be read there, or not
    written into this computer's backups folder, was told as a stick's (读U盘上的文件…U盘是否被
    拔出？ / U盘上的备份没有复制进来): it now says the folder's words (drives.place_of), as the copy
    to a folder does; a stick keeps its words (the test above)."""
    import errno
    import io
    made = backed_up(register_path, ["张三"])
    folder = tmp_path / "备份副本"
    folder.mkdir()
    copy = folder / made.name
    copy.write_bytes(made.read_bytes())
    made.unlink()
    real_open = open

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise OSError(errno.EIO, "Input/output error")

    def failing(file, mode="r", *args, **kwargs):
        if Path(file) == copy and mode == "rb" and failing.read:
            return Unreadable()
        if str(file).endswith(".part") and not failing.read:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, mode, *args, **kwargs)
    monkeypatch.setattr(backup, "open", failing, raising=False)
    failing.read = True
    with pytest.raises(backup.BackupUnusableError) as unread:
        backup.bring_in(register_path, copy)
    failing.read = False
    with pytest.raises(backup.StorageError) as full:
        backup.bring_in(register_path, copy)
    said, full = unread.value.message, full.value.message
    assert f"读文件 {copy} 时出错" in said and "被移走或改了名" in said and "请检查后重新选择" in said
    assert f"这个文件夹（{folder}）里的备份没有复制进来" in full and "磁盘空间不够" in full
    assert "U盘" not in said and "U盘" not in full
    assert list(backup.folder_of(register_path).iterdir()) == []


def test_the_copy_made_says_where_it_went_and_a_folder_on_the_data_files_disk_is_no_safe_copy(
        qtbot, qt_zh, register_path, tmp_path, monkeypatch, quick_kdf):
    """复制到U盘… takes any folder, and the message after the copy said 备份已复制到U盘：… 请把U盘和
    这台电脑分开保管 (the progress 正在…复制到U盘) of a folder on this computer's own disk too, where a dead disk takes the copy
    with the data file; the audit said 备份复制到U盘. Now the message and the audit say the place
    (drives.place_of), and a folder on the data file's disk is said to be lost with it."""
    from desktop.audit import audit_trail
    from desktop.sync import drives
    from ui.dialogs import backup_dialogs
    from ui.workers import task as tasks
    monkeypatch.setattr(backup_dialogs, "ask_copy_passphrase", lambda parent: PASSPHRASE)
    said, shown = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    real_wait = tasks.run_and_wait

    def run_and_wait(parent, title, label, fn):     # the progress dialog's words, copy and check
        span = backup._SPAN                            # a plain register's bar: the copy, then its check
        shown.append((label(1, 2 * span), label(span + 1, 2 * span)))
        return real_wait(parent, title, label, fn)
    monkeypatch.setattr(tasks, "run_and_wait", run_and_wait)
    stick, app = register_and_stick(tmp_path, register_path)
    here, shared = tmp_path / "备份", tmp_path / "共享"
    here.mkdir(), shared.mkdir()
    as_usb_stick(monkeypatch, stick)
    monkeypatch.setattr(drives, "network_location",
                        lambda path, **_: r"\\办公室电脑\共享" if str(path).startswith(str(shared)) else None)
    try:
        dialog = backup_dialogs.BackupsDialog(app.db)
        qtbot.addWidget(dialog)
        copies = [dialog.copy_to_stick(str(folder)) for folder in (stick, here, shared)]
        reasons = [e.reason for e in audit_trail(app.db) if e.what == "backup-copy"]
    finally:
        app.close()
    on_stick, on_disk, on_share = said
    assert on_stick.startswith(f"备份已复制到U盘：{copies[0]}") and "请把U盘和这台电脑分开保管" in on_stick
    assert on_disk.startswith(f"备份已复制到文件夹：{copies[1]}") and "\n请把U盘和这台电脑分开保管" not in on_disk
    assert "和数据文件在同一块硬盘上：硬盘坏了，两份都会丢。请再复制一份到U盘" in on_disk
    assert on_share.startswith(f"备份已复制到共享文件夹：{copies[2]}") and "这台电脑的硬盘坏了，它还在" in on_share
    for text in (on_disk, on_share):
        assert "备份已复制到U盘" not in text and "没有保存在任何地方" in text and "从U盘上的备份恢复" in text
    assert shown[0] == ("正在把备份复制到U盘……", "正在读回核对U盘上的副本……")
    assert shown[1] == shown[2] == ("正在把备份复制到所选的文件夹……", "正在读回核对文件夹里的副本……")
    assert sorted(reasons) == sorted(["备份复制到U盘（加密）", f"备份复制到文件夹 {here}（加密）",
                                      f"备份复制到共享文件夹 {shared}（加密）"])
