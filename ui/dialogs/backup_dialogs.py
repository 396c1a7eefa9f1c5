"""The register's backups in the window (desktop/backup.py does the work).

- ``RestoreOfferDialog``: at start-up, a damaged, empty or missing database file; the backups listed
  newest first with time and reason, the newest good one chosen; Enter restores it (the damaged
  file is kept aside), Esc closes without touching anything.
- ``BackupsDialog`` (File ▸ Backups…): the list, "Back up now", and "Restore…" which asks once
  and hands the chosen backup back: the window closes the database, restores and reopens.
  "Restore from a USB stick…" brings a backup chosen on a stick into the list
  (desktop/backup.bring_in) and goes on as "Restore…" with it.
"""
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout)

from desktop import backup
from desktop.accounts.roles import Permission, PermissionDenied, actor_of, can
from desktop.errors import InputError


def _fill(widget: QListWidget, items: list, chosen=None) -> None:
    widget.clear()
    for item in items:
        row = QListWidgetItem(backup.describe(item))
        row.setData(Qt.UserRole, item)
        row.setToolTip(str(item.path))
        widget.addItem(row)
        if item == chosen:
            widget.setCurrentItem(row)
    if widget.currentRow() < 0 and widget.count():
        # The newest that holds something: a copy of an empty register (named so) is the newest
        # on a new computer just restored, and Restore… would put the empty register back.
        widget.setCurrentRow(next((row for row, item in enumerate(items) if not item.empty), 0))


class RestoreOfferDialog(QDialog):
    """The database cannot be opened as it is: offer a backup instead of opening the damage.
    ``locked``: the backups open only with a passphrase, and it was not typed right (said so,
    not "give it to a technician": they are sound). ``note``: what the restore does with a -wal
    left beside the register (desktop/backup.left_wal_note), said before the clerk chooses."""

    def __init__(self, message: str, items: list, good, parent=None, *, missing: bool = False,
                 locked: bool = False, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("The register cannot be opened"))    # damaged, or empty (0 bytes)
        layout = QVBoxLayout(self)
        said = QLabel(message)
        said.setWordWrap(True)
        layout.addWidget(said)
        if good is not None and missing:        # the file is gone: nothing to keep aside
            advice = self.tr("Restore the newest good backup? What was entered after the backup must be "
                             "entered again.")
        elif good is not None:
            advice = self.tr("Restore the newest good backup? The damaged file is kept beside it under "
                             "another name, never deleted. What was entered after the backup must be "
                             "entered again.")
        elif locked:        # the passphrase was wrong three times or not typed: the backups are sound
            advice = self.tr("The backups are encrypted and the right passphrase was not typed, so none of "
                             "them could be opened; the backups themselves are not damaged. Nothing has been "
                             "changed. Find the passphrase (the one noted when the copy was made, on paper or "
                             "on the USB stick's label; capitals count; or the data file's passphrase), then "
                             "close this window and open Menshen again: it asks for the passphrase again.")
        elif not items:     # a gone register's -wal, and no backup (desktop/backup.missing_register)
            advice = self.tr("There is no backup of this data file. Nothing has been changed.")
        else:
            advice = self.tr("No backup passes the integrity check. Nothing has been changed; "
                             "give the file and the backups folder to a technician.")
        hint = QLabel(advice)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if note:
            wal = QLabel(note)
            wal.setObjectName("left_wal_note")
            wal.setWordWrap(True)
            layout.addWidget(wal)
        self.list = QListWidget()
        _fill(self.list, items, good)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("Restore the backup"), QDialogButtonBox.AcceptRole)
        self.restore_button.setEnabled(good is not None)
        self.restore_button.setDefault(good is not None)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def chosen(self):
        row = self.list.currentItem()
        return row.data(Qt.UserRole) if row else None


class CopyPassphraseDialog(QDialog):
    """The passphrase a plain register's copy on a USB stick is sealed with, typed twice
    (desktop/backup.check_new_copy_passphrase decides); said plainly that nothing keeps it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("copy_passphrase_dialog")
        self.setWindowTitle(self.tr("Passphrase for the copy on the stick"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr(
            "This data file is not encrypted, so the copy on the stick is encrypted with a passphrase you "
            "choose now. The passphrase is not stored anywhere, neither on this computer nor on the stick: "
            "write it on paper and keep the paper apart from the stick. Restoring the copy on another "
            "computer asks for it; without it nobody can open the copy, you included."), self)
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("copy_passphrase")
        self.repeated = QLineEdit(self)
        self.repeated.setObjectName("copy_passphrase_again")
        for field in (self.passphrase, self.repeated):
            field.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("The passphrase again"), self.repeated)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("copy_passphrase_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Copy to the stick"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def try_accept(self) -> None:
        try:
            backup.check_new_copy_passphrase(self.passphrase.text(), self.repeated.text())
        except InputError as e:
            self.message.setText(e.message)
            (self.repeated if e.field == "repeated" else self.passphrase).setFocus()
            return
        self.accept()


def ask_copy_passphrase(parent=None) -> str | None:
    """The passphrase for a plain register's copy on a stick, typed twice; None: given up."""
    dialog = CopyPassphraseDialog(parent)
    try:
        return dialog.passphrase.text() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()


class BackupsDialog(QDialog):
    """File ▸ Backups…: the list with time and reason; back up now; choose one to restore."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.to_restore = None
        self.setWindowTitle(self.tr("Backups"))
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Backups are kept in %1: one a day (the last 14) and one before every "
                               "import that changes something, upgrade, merge and sync import (the last 10).")
                       .replace("%1", str(backup.folder_of(db.path))))
        where.setWordWrap(True)
        layout.addWidget(where)
        self.list = QListWidget()
        layout.addWidget(self.list)
        self.empty = QLabel(self.tr("No backup yet. Press \"Back up now\" to make one."))
        layout.addWidget(self.empty)
        # What the last "Back up now" came to, a cancel above all: the progress dialog is gone by then.
        self.outcome = QLabel(self)
        self.outcome.setObjectName("backup_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox()
        self.now_button = QPushButton(self.tr("Back up now"))
        buttons.addButton(self.now_button, QDialogButtonBox.ActionRole)
        self.stick_button = QPushButton(self.tr("Copy to a USB stick..."))
        self.stick_button.setObjectName("backup_to_stick")
        buttons.addButton(self.stick_button, QDialogButtonBox.ActionRole)
        self.restore_button = QPushButton(self.tr("Restore..."))
        buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        self.from_stick_button = QPushButton(self.tr("Restore from a USB stick..."))
        self.from_stick_button.setObjectName("restore_from_stick")
        buttons.addButton(self.from_stick_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        self.now_button.clicked.connect(self._back_up_now)
        self.restore_button.clicked.connect(self._restore)
        self.stick_button.clicked.connect(lambda: self.copy_to_stick())
        self.from_stick_button.clicked.connect(lambda: self.restore_from_stick())
        self.now_button.setEnabled(not db.read_only)
        # The whole register leaves the machine: the admin's (desktop/backup.copy_to_folder).
        self.stick_button.setEnabled(not db.read_only and can(db, Permission.EXPORT_FULL))
        # Only an admin puts an older copy in place of everyone's work (desktop/accounts/roles.py).
        self.may_restore = can(db, Permission.RESTORE)
        self.from_stick_button.setEnabled(self.may_restore)
        self.restore_note = QLabel(PermissionDenied(actor_of(db), Permission.RESTORE).message)
        self.restore_note.setObjectName("restore_note")
        self.restore_note.setWordWrap(True)
        self.restore_note.setVisible(not self.may_restore)
        layout.addWidget(self.restore_note)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self._reload()

    def _reload(self, chosen=None) -> None:
        _fill(self.list, backup.list_backups(self.db.path, asides=True), chosen)
        self.empty.setVisible(self.list.count() == 0)
        self.restore_button.setEnabled(self.may_restore and self.list.count() > 0)

    def _in_background(self, label, fn):
        """``fn(progress, cancelled)`` on the program's one runner (``label``: the progress
        dialog's, or a function of its progress: ``run_job``), waited for with the window
        alive: a big register's copy waits for its integrity check and takes seconds (the window
        froze). The progress dialog's Cancel ends the wait (or a copy to a stick): ``fn`` returns
        None, nothing made. The buttons are off meanwhile (no second backup started under the first)."""
        from ui.workers.task import run_and_wait
        buttons = (self.now_button, self.stick_button, self.restore_button, self.from_stick_button)
        enabled = [button.isEnabled() for button in buttons]
        for button in buttons:
            button.setEnabled(False)
        try:
            return run_and_wait(self, self.tr("Backups"), label, fn)
        finally:
            for button, was in zip(buttons, enabled):
                button.setEnabled(was)

    def _step_words(self, stick: bool = True) -> dict:
        """The words beside the bar for each step of a backup (desktop/backup.backup_step,
        copy_step): Back up now's and Copy to a USB stick's, which makes one first; its copy said
        as a folder's when the folder is not on a stick (``place_of``)."""
        return {"wait": self.tr("Backing up the register..."), "copy": self.tr("Copying the data file..."),
                "seal": self.tr("Encrypting the copy..."), "check": self.tr("Reading the backup back to check it..."),
                "stick": self.tr("Copying the backup to the stick...") if stick else
                self.tr("Copying the backup to the folder..."),
                "stick-check": self.tr("Reading the copy back off the stick to check it...") if stick else
                self.tr("Reading the copy back from the folder to check it...")}

    def _back_up_now(self) -> None:
        from ui.failures import show_failure
        steps = self._step_words()
        self.outcome.hide()
        try:
            made, given_up = self._in_background(
                lambda done, total: steps[backup.backup_step(done, total)],
                lambda progress, cancelled: (backup.backup_before(self.db, "manual", cancelled=cancelled,
                                                                  progress=progress), cancelled()))
        except Exception as exc:          # a full disk: said in Chinese, nothing else happens
            show_failure(exc, self)
            made, given_up = None, False
        self._reload()
        if given_up:        # the dialog hid at the press; the copy, one step, may have ended whole
            self.outcome.setText(self.tr("Backup cancelled: no backup was made and nothing of it is left; the "
                                         "data file and the other backups are as they were.") if made is None else
                                 self.tr("The copy was already made when Cancel was pressed: the backup is kept "
                                         "in the list."))
            self.outcome.show()

    def copy_to_stick(self, folder: str | None = None) -> Path | None:
        """Back up now and copy it to a folder chosen on a USB stick: the office's copy away from
        this computer (a dead disk takes the backups folder with it)."""
        from PySide6.QtWidgets import QFileDialog
        from desktop.sync.drives import place_of
        from ui.failures import show_failure
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick (or a folder on it)"))
        if not folder:
            return None
        passphrase = None
        if backup.copy_needs_passphrase(self.db):     # nothing plain leaves: sealed with one typed now
            passphrase = ask_copy_passphrase(self)
            if passphrase is None:
                return None
        # Judged before the copy, as copy_to_folder does: a stick pulled later is no stick any more.
        place = place_of(folder)
        steps = self._step_words(place.stick)
        try:
            copy = self._in_background(lambda done, total: steps[backup.copy_step(done, total)],
                                       lambda progress, cancelled: backup.copy_to_folder(
                                           self.db, folder, passphrase=passphrase, repeated=passphrase,
                                           cancelled=cancelled, progress=progress))
        except Exception as exc:          # a stick pulled out, full or write-protected: said in Chinese
            show_failure(exc, self)
            self._reload()
            return None
        self._reload()
        if copy is None:                  # cancelled: nothing on the stick (the backup is in the list)
            return None
        QMessageBox.information(self, self.tr("Backups"), self._copy_made(copy, place, passphrase is not None))
        return copy

    def _copy_made(self, copy: Path, place, sealed: bool) -> str:
        """Where the copy went and what it guards against: a stick kept apart, a shared folder on
        another computer, a folder here (on the data file's own disk, lost with it: said)."""
        from desktop.sync.drives import same_disk
        if place.stick:
            where = self.tr("The backup is on the stick: %1")
            apart = self.tr("Keep the stick away from this computer.")
        elif place.shared:
            where = self.tr("The backup was copied to the shared folder: %1")
            apart = self.tr("The folder is on another computer: a failure of this computer's disk does not take it.")
        else:
            where = self.tr("The backup was copied to the folder: %1")
            apart = (self.tr("This folder is on the same disk as the data file: if the disk fails, both are lost. "
                             "Copy the backup to a USB stick too, and keep the stick away from this computer.")
                     if same_disk(copy.parent, self.db.path) else
                     self.tr("This folder is on another disk than the data file. If that disk is in this computer "
                             "too, also copy the backup to a USB stick and keep the stick away from this computer."))
        parts = [where.replace("%1", str(copy)), apart]     # what it guards against, first
        if sealed:
            parts.append(self.tr("It is encrypted with the passphrase you set. The passphrase is not stored "
                                 "anywhere: restoring the copy on another computer asks for it, and without it "
                                 "nobody can open the copy. Keep it on paper, apart from the copy."))
        parts.append(
            self.tr("To restore it after a disk failure, choose \"Restore from a backup on a USB stick\" at the new "
                    "computer's first start (or File ▸ Backups ▸ Restore from a USB stick...), choose this file "
                    "and type the passphrase.") if sealed else
            self.tr("To restore it after a disk failure, choose \"Restore from a backup on a USB stick\" at the new "
                    "computer's first start (or File ▸ Backups ▸ Restore from a USB stick...) and choose this file."))
        return "\n\n".join(parts)

    def restore_from_stick(self, source: str | None = None) -> None:
        """A backup chosen on a USB stick (the office's copy, on a new computer after a disk
        failure): brought into the backups folder, chosen in the list, and restored as by
        "Restore…" (the same question and checks). A file that is no backup is said; nothing changes."""
        from PySide6.QtWidgets import QFileDialog
        from ui.failures import show_failure
        if not self.may_restore:
            return
        if source is None:
            source, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the backup on the USB stick"), "",
                                                    self.tr("Menshen backups (*.mbak *.bak)"))
        if not source:
            return
        try:
            # A copy of the whole register off a stick: seconds, the window alive.
            item, given_up = self._in_background(self.tr("Copying the backup from the USB stick..."),
                                                 lambda progress, cancelled: (backup.bring_in(self.db.path, source),
                                                                              cancelled()))
        except Exception as exc:          # no backup (a PDF, a workbook renamed), the stick pulled out
            show_failure(exc, self, self.tr("Restore from a USB stick"))
            return
        self._reload(item)
        if not given_up:                  # Cancel: it is in the list, nothing restored
            self._restore()

    def _restore(self) -> None:
        row = self.list.currentItem()
        if row is None or not self.may_restore:
            return
        item = row.data(Qt.UserRole)
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            self.tr("Put the backup of %1 in place of the register? The window closes and opens again; "
                    "the register as it is now is kept beside it under another name. What was entered "
                    "after the backup will not be in the restored register.")
            .replace("%1", f"{item.when:%Y-%m-%d %H:%M:%S}"))
        if answer != QMessageBox.Yes:
            return
        # Checked here, with the window still open: a damaged or foreign copy is said now, not
        # after the window has closed and the login must be typed again. One that needs another
        # passphrase is asked for it at the reopening (ui/startup.py).
        db = self.db

        def check(progress, cancelled):
            # Both off the UI thread, the window alive: finding the locked copies reads every
            # backup's header (a slow stick), integrity_check the whole copy (a big register).
            locked = item in backup.locked_backups(db.path)
            return (None if locked else backup.check_backup(item, key=db.key)), cancelled()
        why, given_up = self._in_background(self.tr("Checking the backup..."), check)
        if given_up:                      # Cancel: nothing restored
            return
        if why:
            QMessageBox.warning(self, self.tr("Restore a backup"), why)
            return
        self.to_restore = item
        self.accept()
