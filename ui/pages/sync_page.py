"""The sync page (同步, issue 15 point 5): choose a USB drive or a shared folder, type the
community's passphrase (never stored here), and "sync with this folder" exports our package then
imports every new one, on the one background runner. Below: the machines heard of and what each
still misses, the open conflicts to decide (keep what the record shows now, or take one machine's
value), the duplicate persons to review side by side (staff choose which record survives;
desktop/sync/duplicates.py), and the log of every export and import. A clock warning (this PC
behind, or a package from the future held back with "import anyway") shows above. Everything read
comes from desktop/sync/status.py, duplicates.py and clock.py."""
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from desktop import place_words
from desktop.app import App
from desktop.errors import InputError
from desktop.first_run import check_new_passphrase, set_sync_passphrase, typings_asked
from desktop.sync.clock import local_clock_warning
from desktop.sync.drives import remember_folder, remembered_folder, removable_drives
from desktop.sync.duplicates import duplicate_pairs, merge_persons
from desktop.sync.errors import SyncError
from desktop.sync.exchange import foreign_folder_note, kept_note, sync_with_folder, tidy_note
from desktop.sync.mailbox import open_mailbox
from desktop.sync.status import (conflict_list, keep_current, machines, name_this_machine, suggested_name, sync_log,
                                  this_machine_name, use_value)
from ui.events import DataEvents
from ui.models.rows_model import RowsModel
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import ColumnFitter, list_table
from ui.workers.task import checked, run_and_wait, run_job

WARN = "#b00020"


class SyncPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.conflicts: list = []
        self._head_rows: list = []          # (conflict, head) per row of the conflicts table
        self.pairs: list = []               # duplicate persons to review (desktop/sync/duplicates.py)
        self._held: list = []               # packages from the future held back at the last sync
        self._accept_clock = False
        self._gone_said = ""                # the remembered folder is not there: said in the status

        self.folder = QComboBox(self)
        self.folder.setObjectName("folder")
        self.folder.setMinimumWidth(260)
        self.choose = QPushButton(self.tr("Choose folder..."), self)
        self.choose.setObjectName("choose")
        self.rescan = QPushButton(self.tr("Look for drives"), self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        # Shown while no check of this register's passphrase is kept (the first run's "later"):
        # typed twice here once, as it would have been there; a register that synced before, only
        # when no package on the stick proves the words (desktop.first_run.typings_asked).
        self._asked_again = False
        self.repeat_label = QLabel(self.tr("Type it again"), self)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeat_passphrase")
        self.repeat.setEchoMode(QLineEdit.Password)
        self._passphrase_words()
        self.sync = QPushButton(self.tr("Sync with this folder"), self)
        self.sync.setObjectName("sync")
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        self.clock.setWordWrap(True)
        self.clock.setStyleSheet(f"color: {WARN}")
        self.import_anyway = QPushButton(self.tr("Import anyway"), self)
        self.import_anyway.setObjectName("import_anyway")
        self.import_anyway.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Folder"), self))
        top.addWidget(self.folder, 1)
        top.addWidget(self.rescan)
        top.addWidget(self.choose)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Passphrase"), self))
        second.addWidget(self.passphrase, 1)
        second.addWidget(self.repeat_label)
        second.addWidget(self.repeat, 1)
        second.addWidget(self.sync)

        # This computer's name, as the other machines list it (they listed every machine by a code).
        self.machine_name = QLineEdit(self)
        self.machine_name.setObjectName("machine_name")
        self.machine_model = RowsModel([self.tr("Machine"), self.tr("Last package"), self.tr("Still missing")], self)
        self.machine_table = list_table(self, self.machine_model, "machines")
        # At 1024×768 both lists are narrow (about 265 and 545 pixels): 对方还缺 and 当前显示, what
        # a clerk decides by, had scrolled out of sight. The machine's name and the value give the
        # room (read whole on hover: its code is in brackets); the times stay whole, and the
        # machines' list is never narrower than that (below: it had 对方还缺 cut). No column for the
        # machine's use: nothing knows it (docs/sync.md, "Which computer is which").
        self._fitters = [ColumnFitter(self.machine_table, (110, 80, 60), stretch=0, stretch_min=60,
                                      whole={1: "02-20 12:46"})]
        self.conflict_model = RowsModel([self.tr("Record"), self.tr("Field"), self.tr("Value"), self.tr("Machine"),
                                         self.tr("By"), self.tr("Time"), self.tr("Shown now")], self)
        self.conflict_table = list_table(self, self.conflict_model, "conflicts")
        self._fitters.append(ColumnFitter(self.conflict_table, (130, 45, 160, 60, 60, 90, 55), stretch=2,
                                          stretch_min=100, whole={5: "02-20 12:46"}))
        self.keep = QPushButton(self.tr("Keep current"), self)
        self.keep.setObjectName("keep")
        self.use = QPushButton(self.tr("Use this value"), self)
        self.use.setObjectName("use")
        self.duplicates = QLabel(self)
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setWordWrap(True)
        self.pair_choice = QComboBox(self)
        self.pair_choice.setObjectName("pair_choice")
        self.pair_model = RowsModel([self.tr("Field"), self.tr("Record 1"), self.tr("Record 2")], self)
        self.pair_table = list_table(self, self.pair_model, "pair", (80, 260, 260))
        # The two records side by side share the width: at 1024×768 record 2 was cut off at the right.
        for column in (1, 2):
            self.pair_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.Stretch)
        self.keep_first = QPushButton(self.tr("Keep record 1"), self)
        self.keep_first.setObjectName("keep_first")
        self.keep_second = QPushButton(self.tr("Keep record 2"), self)
        self.keep_second.setObjectName("keep_second")
        self.log_model = RowsModel([self.tr("Time"), self.tr("Direction"), self.tr("Machine"), self.tr("Kind"),
                                    self.tr("Changes"), self.tr("New"), self.tr("Conflicts"), self.tr("File")], self)
        self.log_table = list_table(self, self.log_model, "log", (150, 50, 110, 50, 60, 50, 50, 200))
        self.log_table.horizontalHeader().setStretchLastSection(True)    # the file name: room to read it
        # A first day's blank panes say what they are for and what to press.
        self.machine_hint = EmptyHint(self.machine_table, self.tr(
            "No other computer synced yet: plug in the USB stick (or choose a shared folder), type the "
            "passphrase and press Sync with this folder."))
        self.conflict_hint = EmptyHint(self.conflict_table, self.tr("No conflict to decide."))
        self.log_hint = EmptyHint(self.log_table, self.tr("No sync yet."))

        machines_box = QGroupBox(self.tr("Machines"), self)
        machines_layout = QVBoxLayout(machines_box)
        own = QHBoxLayout()
        own.addWidget(QLabel(self.tr("This computer"), self))
        own.addWidget(self.machine_name, 1)
        machines_layout.addLayout(own)
        machines_layout.addWidget(self.machine_table)
        conflicts_box = QGroupBox(self.tr("Conflicts to decide"), self)
        conflicts_layout = QVBoxLayout(conflicts_box)
        conflicts_layout.addWidget(self.conflict_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.use)
        conflicts_layout.addLayout(buttons)
        duplicates_box = QGroupBox(self.tr("Same person entered twice"), self)
        duplicates_layout = QVBoxLayout(duplicates_box)
        duplicates_layout.addWidget(self.pair_choice)
        duplicates_layout.addWidget(self.pair_table, 1)
        pair_buttons = QHBoxLayout()
        pair_buttons.addWidget(self.duplicates, 1)
        pair_buttons.addWidget(self.keep_first)
        pair_buttons.addWidget(self.keep_second)
        duplicates_layout.addLayout(pair_buttons)
        review = QSplitter(Qt.Vertical, self)
        review.addWidget(conflicts_box)
        review.addWidget(duplicates_box)
        upper = QSplitter(Qt.Horizontal, self)
        upper.addWidget(machines_box)
        upper.addWidget(review)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 3)
        upper.setSizes([400, 800])
        review.setStretchFactor(0, 2)
        review.setStretchFactor(1, 3)
        log_box = QGroupBox(self.tr("Sync log"), self)
        QVBoxLayout(log_box).addWidget(self.log_table)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(upper)
        split.addWidget(log_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        clock_row = QHBoxLayout()
        clock_row.addWidget(self.clock, 1)
        clock_row.addWidget(self.import_anyway)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.status)
        layout.addLayout(clock_row)
        layout.addWidget(split, 1)

        self.rescan.clicked.connect(self.find_drives)
        self.folder.activated.connect(lambda _i: self._remember())
        self.folder.currentIndexChanged.connect(lambda _i: self._folder_changed())
        self.choose.clicked.connect(self.choose_folder)
        self.sync.clicked.connect(self.run_sync)
        self.passphrase.returnPressed.connect(self.run_sync)
        self.repeat.returnPressed.connect(self.run_sync)
        self.keep.clicked.connect(self.keep_current)
        self.use.clicked.connect(self.use_value)
        self.conflict_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.pair_choice.currentIndexChanged.connect(lambda *_: self._show_pair())
        self.keep_first.clicked.connect(lambda: self.merge(0))
        self.keep_second.clicked.connect(lambda: self.merge(1))
        self.import_anyway.clicked.connect(self.sync_accepting_clock)
        self.machine_name.editingFinished.connect(self.save_name)
        events.changed.connect(lambda areas: self.refresh() if self.isVisible() else None)
        self.find_drives()
        self.refresh()

    # -- the folder ------------------------------------------------------------------------------

    def find_drives(self) -> None:
        chosen = [self.folder.itemData(i) for i in range(self.folder.count())
                  if self.folder.itemData(i) and self.folder.itemData(i)[0] == "folder"]
        self.folder.clear()
        for drive in removable_drives():
            mark = self.tr(" (has packages)") if drive.has_mailbox else ""
            self.folder.addItem(self.tr("USB drive %1").replace("%1", drive.label) + mark, ("drive", str(drive.root)))
        for data in chosen:
            self.folder.addItem(data[1], data)
        # Said as the folder's state, so a folder offered or chosen after it takes it away (it
        # stayed beside the folder the machine remembered, and beside one chosen by hand).
        if self.folder.count() == 0:
            self._say_folder(self.tr("No USB drive found: plug one in and press Look for drives, "
                                     "or choose a shared folder."), warn=False)
        elif self.status.text() == self._gone_said:
            self._say_folder("")
        self._offer_remembered()

    def _offer_remembered(self) -> None:
        """The folder used last on this machine, chosen again; gone (the stick out, or under
        another drive letter today), said, and the clerk chooses."""
        kept = remembered_folder(self.app.db)
        if kept is None:
            return
        kind, path, there = kept
        offered = [i for i in range(self.folder.count()) if self.folder.itemData(i) == (kind, path)]
        if offered:
            self.folder.setCurrentIndex(offered[0])
        elif there and kind == "folder":
            self.add_folder(path)
        else:
            self._say_folder(self.tr(
                "The folder used last time (%1) is not there now: the USB stick may be out or have another "
                "drive letter. Plug it in and press Look for drives, or choose the folder again.").replace("%1", path))
            return
        if self.status.text() == self._gone_said:      # plugged in again and found: no longer true
            self._say_folder("")

    def _say_folder(self, text: str, warn: bool = True) -> None:
        self._gone_said = text
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {WARN}" if text and warn else "")

    def _remember(self) -> None:
        """The folder chosen is offered at the next start (this machine's own setting)."""
        data = self.folder.currentData()
        if data and not self.app.db.read_only:
            remember_folder(self.app.db, *data)

    def add_folder(self, path: str) -> None:
        """A folder chosen by hand (a network share): offered and selected."""
        self.folder.addItem(path, ("folder", path))
        self.folder.setCurrentIndex(self.folder.count() - 1)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the shared sync folder"))
        if path:
            self.add_folder(path)
            self._remember()
            if self.status.text() == self._gone_said:
                self._say_folder("")

    # -- this computer's name --------------------------------------------------------------------

    def _show_name(self) -> None:
        db = self.app.db
        if not self.machine_name.hasFocus():          # never under the clerk's typing
            self.machine_name.setText(this_machine_name(db))
        self.machine_name.setPlaceholderText(self.tr("e.g. village office, gate laptop"))
        self.machine_name.setToolTip(self.tr("The other computers list this one by this name after the next sync. "
                                             "Left empty, it is called %1.")
                                     .replace("%1", suggested_name() or db.site.site_code))
        self.machine_name.setReadOnly(db.read_only)

    def save_name(self, quiet: bool = False) -> bool:
        """The name typed, kept (Enter or leaving the field, and before a sync); False when refused."""
        db = self.app.db
        typed = self.machine_name.text().strip()
        if db.read_only or typed == this_machine_name(db):
            return True
        try:
            name = name_this_machine(db, typed)
        except InputError as e:
            self.status.setText(e.message)
            self.status.setStyleSheet(f"color: {WARN}")
            self.machine_name.setFocus()
            return False
        self.machine_name.setText(name)
        if not quiet:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("This computer is now called %1; the other computers show this name "
                                        "after the next sync.").replace("%1", name))
        return True

    # -- syncing ---------------------------------------------------------------------------------

    def run_sync(self) -> None:
        if not self.sync.isEnabled():       # Enter in a passphrase field while a sync runs: no second one
            return
        data = self.folder.currentData()
        passphrase = self.passphrase.text()
        if not data:
            self.status.setText(self.tr("Choose a USB drive or a folder first."))
            return
        if not passphrase:
            self.status.setText(self.tr("Type the village's sync passphrase first.") if self._village()
                                else self.tr("Type the community's sync passphrase first."))
            self.passphrase.setFocus()
            return
        # Asked to be set (no check kept): the typing checked at once, the proof against the
        # packages on the stick (one key derivation per machine) in the job, off the UI thread.
        to_set = typings_asked(self.app.db) > 0
        repeated = None if self.repeat.isHidden() else self.repeat.text()
        if repeated is not None:
            try:
                check_new_passphrase(passphrase, repeated)
            except InputError as e:
                self._refused(e)
                return
        if not self.save_name(quiet=True):
            return
        db = self.app.db
        if not this_machine_name(db) and not db.read_only and suggested_name():
            try:                # the first package already says which computer it is
                name_this_machine(db, suggested_name())
            except InputError:
                pass            # not this account's to name: the sync says why
            self._show_name()
        kind, path = data
        self._remember()
        accept, self._accept_clock = self._accept_clock, False
        proving = [to_set]          # the dialog says the proof while it runs, then the sync

        def job(progress, cancelled):
            if to_set:      # refused when the other machines' packages there were made with another one
                report = checked(progress, cancelled)       # (a stick's folder not made for a refusal)
                set_sync_passphrase(db, passphrase, repeated, progress=report,
                                    folder=open_mailbox(path, create=False) if kind == "drive" else Path(path))
                proving[0] = False
                report(0, 0)            # cancelled meanwhile: no sync (and the dialog's words change)
            folder = open_mailbox(path) if kind == "drive" else Path(path)
            done = sync_with_folder(db, folder, passphrase, accept_clock_ahead=accept)
            return done.sent, done.got, done.tidied, done.not_sent, folder
        checking, syncing = self.tr("Checking the passphrase..."), self.tr("Writing and reading sync packages...")
        self.sync.setEnabled(False)
        run_job(self, self.tr("Sync"), lambda _done, _total: checking if proving[0] else syncing, job,
                self._synced, on_failed=self._failed, on_cancelled=self._cancelled)

    def sync_accepting_clock(self) -> None:
        """"Import anyway": sync again, taking the packages held back for their clock."""
        self._accept_clock = True
        self.run_sync()

    def _synced(self, result) -> None:
        sent, got, tidied, not_sent, folder = result
        self.sync.setEnabled(True)
        if sent is None:        # received, then the stick could not take our package (full, pulled)
            text = (self.tr("Received %2 packages with %3 new changes, but this machine's changes were not "
                            "written to the folder: %1").replace("%1", str(not_sent))
                    .replace("%2", str(got.packages)).replace("%3", str(got.n_new)))
        else:
            text = (self.tr("Sent %1 changes; received %2 packages with %3 new changes.")
                    .replace("%1", str(sent.n_changes)).replace("%2", str(got.packages)).replace("%3", str(got.n_new)))
        kept = kept_note(got)       # a newer Menshen's fields, kept until this machine is upgraded
        if kept is not None:
            text += " " + kept
        if got.conflicts:       # a value typed here may no longer be the one shown: said, not only listed
            text += " " + self.tr("%1 conflicts: two machines changed the same thing; both values are listed "
                                  "under Conflicts to resolve, choose the one to keep.").replace(
                "%1", str(len(got.conflicts)))
        if tidied.remove:
            text += " " + self.tr("Removed %1 old packages that every machine has.").replace(
                "%1", str(len(tidied.remove)))
        if tidied.failed:
            text += " " + tidied.failed      # old packages stay on a stick that cannot be written
        waiting = tidy_note(tidied, folder)     # old packages stay until a machine has received them
        if waiting is not None:
            text += " " + waiting
        if got.refused:
            text += " " + self.tr("Not imported: %1").replace(
                "%1", "；".join(str(err) for _name, err in got.refused))
        # None of the packages were ours: the wrong stick?
        note = foreign_folder_note(got, folder, sent.path if sent else None)
        if note is not None:
            text = note + "\n" + text
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {WARN}" if got.refused or note or not_sent else "")
        self._held = list(got.held)
        if got.packages:
            self.events.notify("register", "gate", "care", "sync")
        self.refresh()

    def _refused(self, e: InputError) -> None:
        """The passphrase not taken to be kept: said, the cursor in the field to type again (the
        second typing asked for, when no package on the stick proved the first)."""
        self.status.setText(e.message)
        self.status.setStyleSheet(f"color: {WARN}")
        if e.field == "repeated" and self.repeat.isHidden():
            self._asked_again = True
            self._passphrase_words()
        (self.repeat if e.field == "repeated" else self.passphrase).setFocus()

    def _folder_changed(self) -> None:
        """Another folder, other packages to prove the words with: asked once again."""
        if self._asked_again:
            self._asked_again = False
            self._passphrase_words()

    def _cancelled(self) -> None:
        self.sync.setEnabled(True)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Not synced: cancelled."))
        self.refresh()

    def _failed(self, exc) -> None:
        self.sync.setEnabled(True)
        if isinstance(exc, InputError):
            self._refused(exc)
        elif isinstance(exc, SyncError):
            self.status.setText(str(exc))
            self.status.setStyleSheet(f"color: {WARN}")
        else:
            from ui.failures import show_failure
            show_failure(exc, self, self.tr("Sync"))
        self.refresh()

    # -- what is shown ---------------------------------------------------------------------------

    def _village(self) -> bool:
        return not place_words.community_words(self.app.db).has_buildings

    def _passphrase_words(self) -> None:
        """本村的同步口令 to a village (a joining PC learns which at its first sync)."""
        self.passphrase.setPlaceholderText(self.tr("the village's sync passphrase") if self._village()
                                           else self.tr("the community's sync passphrase"))
        typings = typings_asked(self.app.db)
        self._asked_again = self._asked_again and typings == 1
        asked = typings == 2 or self._asked_again
        self.repeat_label.setVisible(asked)
        self.repeat.setVisible(asked)
        if not asked:
            self.repeat.clear()

    def refresh(self) -> None:
        db = self.app.db
        self._passphrase_words()
        self._show_name()
        self.machine_model.set_rows([(m.name, (m.last_package_at or "").replace("T", " ")[5:16],
                                      str(m.missing)) for m in machines(db)])
        self.machine_table.setMinimumWidth(self._fitters[0].narrowest())     # its row numbers may have grown
        self.conflicts = conflict_list(db)
        rows, self._head_rows = [], []
        for c in self.conflicts:
            for head in c.heads:
                rows.append((c.record, c.field, head.value, head.device, head.user,
                             head.wall_time.replace("T", " ")[5:16], self.tr("yes") if head.current else ""))
                self._head_rows.append((c, head))
        self.conflict_model.set_rows(rows)
        self._show_pairs(duplicate_pairs(db))
        self._show_clock(db)
        direction = {"export": self.tr("sent"), "import": self.tr("received")}
        self.log_model.set_rows([(e.at.replace("T", " ")[:19], direction.get(e.direction, e.direction),
                                  e.peer or self.tr("everyone"), e.kind, str(e.n_changes),
                                  "" if e.n_new is None else str(e.n_new),
                                  "" if e.n_conflicts is None else str(e.n_conflicts), e.file_name)
                                 for e in sync_log(db)])
        self._enable()

    def _selected(self):
        rows = self.conflict_table.selectionModel().selectedRows()
        return self._head_rows[rows[0].row()] if rows and rows[0].row() < len(self._head_rows) else None

    def _enable(self) -> None:
        chosen = self._selected()
        self.keep.setEnabled(chosen is not None)
        self.use.setEnabled(chosen is not None and not chosen[1].current)

    def keep_current(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            keep_current(self.app.db, chosen[0])
            self._decided()

    def use_value(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            use_value(self.app.db, *chosen)
            self._decided()

    # -- the same person entered twice -----------------------------------------------------------

    def _show_pairs(self, pairs: list) -> None:
        was = self.pair_choice.currentIndex()
        self.pairs = pairs
        self.pair_choice.blockSignals(True)
        self.pair_choice.clear()
        for pair in pairs:
            self.pair_choice.addItem(self.tr("ID number %1: %2 / %3").replace("%1", pair.id_number)
                                     .replace("%2", pair.a.full_name).replace("%3", pair.b.full_name))
        if pairs:
            self.pair_choice.setCurrentIndex(min(max(was, 0), len(pairs) - 1))
        self.pair_choice.blockSignals(False)
        self._show_pair()

    def _pair(self):
        i = self.pair_choice.currentIndex()
        return self.pairs[i] if 0 <= i < len(self.pairs) else None

    def _show_pair(self) -> None:
        pair = self._pair()
        sex = {"M": self.tr("male"), "F": self.tr("female")}
        rows, colours = [], []
        if pair is not None:
            a, b = pair.a, pair.b
            for label, x, y in ((self.tr("Name"), a.full_name, b.full_name),
                                (self.tr("Sex"), sex.get(a.sex, a.sex), sex.get(b.sex, b.sex)),
                                (self.tr("Birth date"), a.birth_date, b.birth_date),
                                (self.tr("ID number"), pair.id_number, pair.id_number),
                                (self.tr("Phone"), a.phone, b.phone),
                                (self.tr("Address"), a.address, b.address),
                                (self.tr("Entered"), f"{a.made_at} {a.made_on.replace('T', ' ')[:16]}".strip(),
                                 f"{b.made_at} {b.made_on.replace('T', ' ')[:16]}".strip()),
                                (self.tr("Records"), self.tr("%1 gate passages, %2 visits")
                                 .replace("%1", str(a.gate_rows)).replace("%2", str(a.visits)),
                                 self.tr("%1 gate passages, %2 visits")
                                 .replace("%1", str(b.gate_rows)).replace("%2", str(b.visits)))):
                rows.append((label, x, y))
                colours.append(WARN if x != y else None)
        self.pair_model.set_rows(rows, colours=colours)
        if pair is None:
            self.duplicates.setText(self.tr("No one is entered twice."))
            self.duplicates.setStyleSheet("")
        elif not pair.same_birth:
            self.duplicates.setText(self.tr("Same ID number but different birth dates: check the documents "
                                            "before merging."))
            self.duplicates.setStyleSheet(f"color: {WARN}")
        else:
            self.duplicates.setText(self.tr("%1 people entered twice. Choose the record to keep; the other's "
                                            "records move to it.").replace("%1", str(len(self.pairs))))
            self.duplicates.setStyleSheet("")
        self.keep_first.setEnabled(pair is not None)
        self.keep_second.setEnabled(pair is not None)

    def _confirm(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("Merge"), text) == QMessageBox.Yes

    def merge(self, keep: int) -> None:
        pair = self._pair()
        if pair is None:
            return
        survivor, loser = (pair.a, pair.b) if keep == 0 else (pair.b, pair.a)
        text = self.tr("Keep record %1 (%2, entered on %3) and merge the other into it? Its gate passages, "
                       "visits and household go with it. This cannot be undone.")
        if not self._confirm(text.replace("%1", str(keep + 1)).replace("%2", survivor.full_name)
                             .replace("%3", survivor.made_at or "?")):
            return
        self.keep_first.setEnabled(False)         # no second merge started under the first
        self.keep_second.setEnabled(False)
        try:
            # Off the UI thread: the backup first waits for a big register's check and copies it.
            merged = run_and_wait(self, self.tr("Merge"), self.tr("Backing up the register, then merging..."),
                                  lambda progress, cancelled: merge_persons(
                                      self.app.db, survivor.person_id, loser.person_id, cancelled=cancelled))
        except InputError as err:
            self.status.setText(err.message)
            self.status.setStyleSheet(f"color: {WARN}")
            self.refresh()
            return
        finally:
            self._show_pair()                     # the buttons back (a full disk is said by the window)
        if merged is None:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Not merged: cancelled. Nothing was changed."))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Merged. The other machines take it at the next sync."))
        self.events.notify("register", "gate", "care", "sync")
        self.refresh()

    # -- the clock -------------------------------------------------------------------------------

    def _show_clock(self, db) -> None:
        texts = [w.message for w in self._held]
        behind = local_clock_warning(db)
        if behind is not None:
            texts.append(behind.message)
        self.clock.setText("\n".join(texts))
        self.clock.setVisible(bool(texts))
        self.import_anyway.setVisible(bool(self._held))

    def _decided(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Decided. The other machines take it at the next sync."))
        self.events.notify("register", "sync")
        self.refresh()
