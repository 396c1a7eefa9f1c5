"""The audit (审计), read only: exports and prints of personal data, restores of a backup, and
changes with their old and new values, from a day on. Nothing here can change it (desktop/audit.py)."""
from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.app import App
from desktop.audit import HEADINGS, audit_rows, newest_entries
from ui.events import DataEvents
from ui.i18n import label
from ui.models.rows_model import RowsModel
from ui.widgets.dates import date_edit, shown_date
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import ColumnFitter, list_table
from ui.workers.task import Task, shared_runner

SHOWN = 5000            # the newest entries shown; the export (menshen audit) has them all
CHANGE_COLUMNS = (4, 5, 6)            # record, old and new value: a change's
OUTPUT_COLUMNS = (7, 8, 9, 10)        # people, masked, file and purpose: an export's, a print's


class AuditPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None, today: date | None = None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.since = date_edit((today or date.today()) - timedelta(days=7), self)
        self.since.setObjectName("since")
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Exports, prints and restores"), "outputs")
        self.kind.addItem(self.tr("Changes"), "changes")
        self.kind.addItem(self.tr("Everything"), "all")
        self.status = QLabel(self)
        self.status.setObjectName("status")
        # The workbook's headings (menshen audit), in the window's language.
        self.model = RowsModel([label(HEADINGS, key) for key in HEADINGS], self)
        # The record column names the record in words (a name, an address, a pass).
        self.table = list_table(self, self.model, "audit")
        # At 1024×768 the file and the purpose of an export (what the audit is read for) had
        # scrolled out of sight. Each kind of entry shows only its own columns (an export has no
        # old value, a change no file), which fit; all entries together give way from the right,
        # the old and new values never past a date, the list's name gives the room, read on hover.
        self.columns = ColumnFitter(self.table, (140, 80, 50, 180, 150, 120, 120, 50, 80, 140, 140), stretch=3,
                                    stretch_min=120, whole={0: "2020-02-20 12:46:13", 5: "2020-02-20",
                                                            6: "2020-02-20"})
        self.table_hint = EmptyHint(self.table)       # nothing recorded: said, not a blank table
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From"), self))
        top.addWidget(self.since)
        top.addWidget(self.kind)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.since.dateChanged.connect(lambda _d: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        # Read when shown, not on every change: reading the changes walks the whole log.
        self._task: Task | None = None
        self._empty_shown = ""          # what the table says when the entries asked for are none

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        kind, since = self.kind.currentData(), shown_date(self.since)
        for column in CHANGE_COLUMNS:
            self.table.setColumnHidden(column, kind == "outputs")
        for column in OUTPUT_COLUMNS:
            self.table.setColumnHidden(column, kind == "changes")
        self.columns.fit()
        self.status.setText(self.tr("Reading the audit..."))
        self.table_hint.set_text("")

        def read(_progress, _cancelled):
            total, newest = newest_entries(self.app.db, since, SHOWN, changes=kind != "outputs",
                                           outputs=kind != "changes")
            return total, audit_rows(self.app.db, newest)
        task = Task(read, owner=self)       # a read that ends after the page is gone says nothing
        self._empty_shown = self._empty_text(kind, since)
        # Only the newest read is shown: the changes (the whole log) read before a switch back
        # to the exports ended after them and filled the exports' columns.
        task.done.connect(lambda result: self._show(result) if task is self._task else None)
        task.failed.connect(lambda _exc: self.status.setText(self.tr("The audit could not be read."))
                            if task is self._task else None)
        self._task = task
        shared_runner().start(task)

    def _empty_text(self, kind: str, since: date) -> str:
        """What an empty table says for the kind of entries and the day they were asked from."""
        text = {"outputs": self.tr(
            "No export, print or restore since %1. To see older ones, choose an earlier date in From."),
                "changes": self.tr("No change since %1. To see older ones, choose an earlier date in From.")}.get(
            kind, self.tr("Nothing recorded since %1. To see older entries, choose an earlier date in From."))
        return text.replace("%1", since.isoformat())

    def _show(self, result) -> None:
        total, rows = result
        self.model.set_rows(rows)
        self.table_hint.set_text(self._empty_shown)
        if total > len(rows):
            self.status.setText(self.tr("%1 entries, the newest %2 shown (export them all with menshen audit).")
                                .replace("%1", str(total)).replace("%2", str(len(rows))))
        else:
            self.status.setText(self.tr("Entries: %1.").replace("%1", str(total)))
