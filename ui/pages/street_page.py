"""The street office (街道): the communities held in the street's folder, each fed by its own
packages (desktop/aggregate/street.py), their figures for a day and the street's total; a
community opens to its households. Nothing here is typed: the figures come from the packages."""
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics

from desktop import vocab
from desktop.aggregate.street import (Street, StreetIngest, households, ingest_for_street, members,
                                     set_street_folder, street_folder, summed)
from desktop.app import App
from desktop.errors import InputError
from ui.events import DataEvents
from ui.models.rows_model import RowsModel
from ui.widgets.dates import date_edit, date_of, shown_date
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.list_table import ColumnFitter, ElideLeft, list_table
from ui.widgets.save_as import ask_save_path


def ingest_text(got: StreetIngest, name_of=str) -> str:
    """What an import did, in the window's language: the packages and records taken, every package
    refused (the reason is the refusal's own, in Chinese) and every community without a passphrase
    (``name_of``: its name from its id)."""
    if not got.packages and not got.refused and not got.no_passphrase:
        lines = [QCoreApplication.translate(
            "StreetPage", "No new package in this folder (they were all imported before, or are not Menshen's "
            "sync packages).")]
    else:
        lines = [QCoreApplication.translate("StreetPage", "Imported %1 packages, %2 new records, from %3 communities.")
                 .replace("%1", f"{got.packages:,}").replace("%2", f"{got.n_new:,}")
                 .replace("%3", str(len(got.per_community)))]
    lines += [QCoreApplication.translate("StreetPage", "Not imported: %1: %2")
              .replace("%1", name).replace("%2", getattr(err, "message", str(err))) for name, err in got.refused]
    lines += [QCoreApplication.translate(
        "StreetPage", "No passphrase for the community %1: its packages were not imported (add it to the "
        "passphrase file).").replace("%1", name_of(community)) for community in got.no_passphrase]
    return "\n".join(lines)


class StreetPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None, today: date | None = None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.street: Street | None = None
        self.community_ids: list[str] = []
        # A folder's path on one line, given way in its middle, whole on hover: the path widened
        # the page past a 1024-pixel screen.
        self.folder_label = ElidedLabel(self)
        self.folder_label.setObjectName("folder")
        choose = QPushButton(self.tr("Choose the street's folder..."), self)
        choose.setObjectName("choose_folder")
        choose.clicked.connect(self._choose)
        report = QPushButton(self.tr("Fill the street's daily report..."), self)
        report.setObjectName("fill_report")
        report.clicked.connect(self._choose_report)
        # The communities' packages, from a stick or a shared folder: one passphrase for every
        # community, or the street's passphrase file; neither is kept.
        self.import_button = QPushButton(self.tr("Import the communities' packages..."), self)
        self.import_button.setObjectName("import_packages")
        self.import_button.clicked.connect(self._choose_packages)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setPlaceholderText(self.tr("sync passphrase shared by every community"))
        self.passphrase_file: Path | None = None
        self.passphrase_file_button = QPushButton(self.tr("Passphrase file..."), self)
        self.passphrase_file_button.setObjectName("passphrase_file")
        self.passphrase_file_button.clicked.connect(self._choose_passphrase_file)
        # Said until a folder is chosen: what the page is for, and that an office needs none.
        self.purpose = QLabel(self.tr(
            "This page is for a street office's computer: it sums the figures of the street's communities "
            "from the packages they send (no typing). Choose the street's folder, where a copy of each "
            "community is kept, then import the packages. A community or village office does not need "
            "this page: View → Street office page puts it away."), self)
        self.purpose.setObjectName("purpose")
        self.purpose.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()             # shown with something to say (_say): empty, it left a blank strip
        self.day = date_edit(today or date.today(), self)
        self.day.setObjectName("day")
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.model = RowsModel([self.tr("Community"), self.tr("Households"), self.tr("People"),
                                self.tr("Home isolation"), self.tr("Observation"), self.tr("Away"),
                                self.tr("Key persons"), self.tr("In"), self.tr("Out"), self.tr("Turned back"),
                                self.tr("Fevers")], self)
        self.table = list_table(self, self.model, "communities")
        # At 1024×768 the gate's figures, the most serious status and a member's status had
        # scrolled out of sight: each list fits its columns, the name or the address gives the room.
        # The street's total is read whole ("Street total (0 …" was cut in both languages): the
        # community column is never narrower than it, the figures' headers wrap first.
        total = QFontMetrics(self.table.font()).horizontalAdvance(self._total_text(99)) + ColumnFitter.CELL_SLACK
        self._fitters = [ColumnFitter(self.table, (160, 80, 70, 100, 95, 60, 90, 60, 60, 90, 60), stretch=0,
                                      stretch_min=max(110, total))]
        # A long name (two of one name carry their code: 新民社区（编号 XM01）) goes on to a second
        # line, its row as tall as it needs: at 880 pixels it was cut, whole only on hover.
        self.table.verticalHeader().setMinimumSectionSize(self.table.verticalHeader().defaultSectionSize())
        self.table.horizontalHeader().sectionResized.connect(lambda column, _old, _new: self._fit_rows(column))
        self.table.doubleClicked.connect(lambda index: self.open_community(index.row()))
        self.house_title = QLabel(self.tr("Double-click a community to see its households."), self)
        self.house_title.setObjectName("households_title")
        self.houses = RowsModel([self.tr("Address"), self.tr("People"), self.tr("Most serious status")], self)
        self.house_table = list_table(self, self.houses, "households")
        self._fitters.append(ColumnFitter(self.house_table, (300, 70, 120), stretch=0, stretch_min=150))
        self.house_table.setItemDelegateForColumn(0, ElideLeft(self.house_table))     # "…3栋1单元101"
        self.house_table.doubleClicked.connect(lambda index: self.open_household(index.row()))
        self.people = RowsModel([self.tr("Name"), self.tr("Relation"), self.tr("ID number"), self.tr("Status")], self)
        self.people_table = list_table(self, self.people, "members")
        self._fitters.append(ColumnFitter(self.people_table, (100, 80, 180, 90), stretch=0, stretch_min=60,
                                          whole={2: "420106********123X"}))
        self.household_ids: list[str] = []
        self.community_shown: str | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day"), self))
        top.addWidget(self.day)
        top.addWidget(self.folder_label, 1)
        top.addWidget(choose)
        top.addWidget(report)
        packages_row = QHBoxLayout()
        packages_row.addWidget(self.import_button)
        packages_row.addWidget(QLabel(self.tr("Passphrase"), self))
        packages_row.addWidget(self.passphrase, 1)
        packages_row.addWidget(self.passphrase_file_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.house_title)
        houses_and_people = QSplitter(Qt.Horizontal, lower)
        houses_and_people.addWidget(self.house_table)
        houses_and_people.addWidget(self.people_table)
        lower_layout.addWidget(houses_and_people, 1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(packages_row)
        layout.addWidget(self.purpose)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self._open(street_folder(app.db))

    def _open(self, folder: Path | None) -> None:
        if self.street is not None:
            self.street.close()
            self.street = None
        self.purpose.setVisible(folder is None)
        if folder is None:
            self.folder_label.setText(self.tr("No street folder chosen yet."))
        else:
            self.street = Street(folder)
            self.folder_label.setText(self.tr("Street folder: %1").replace("%1", str(folder)))
        self.reload()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The street's folder"))
        if folder:
            self.use_folder(Path(folder))

    def _report_day(self) -> date | None:
        """The day typed for the report; None (said on the page) when the field holds a day the
        calendar lacks: the report is not filled for the last day the list showed instead."""
        try:
            return date_of(self.day)
        except InputError as e:
            self._say(e.message)
            return None

    def _choose_report(self) -> None:
        day = self._report_day()
        if day is None:
            return
        template, _ = QFileDialog.getOpenFileName(self, self.tr("The street's report template"), "",
                                                  self.tr("Excel workbooks (*.xlsx)"))
        if not template:
            return
        out = ask_save_path(self, self.tr("Save the filled report as"),
                                             str(Path(template).with_name(f"日报{day:%Y%m%d}.xlsx")),
                                             self.tr("Excel workbooks (*.xlsx)"))
        if out:
            self.fill_report(Path(template), Path(out))

    def fill_report(self, template: Path, out: Path) -> bool:
        """The street's own form for the chosen day: a row per community, then the total."""
        from desktop.aggregate.street_report import fill_street_report
        from desktop.failures import user_message
        if self.street is None:
            self._say(self.tr("Choose the street's folder first."))
            return False
        day = self._report_day()
        if day is None:
            return False
        try:
            n = fill_street_report(self.street, template, out, on=day, db=self.app.db)
        except Exception as exc:                   # a bad template, a full disk, a pulled stick
            message = user_message(exc, out)
            if message is None:
                raise                                   # a bug: the window's failure report
            self._say(message)
            return False
        self._say(self.tr("The report is filled: %1 communities and the total, saved as %2.")
                  .replace("%1", str(n)).replace("%2", str(out)))
        return True

    def _choose_passphrase_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("The street's passphrase file"), "",
                                                self.tr("Text files (*.txt);;All files (*)"))
        if chosen:
            self.use_passphrase_file(Path(chosen))

    def use_passphrase_file(self, path: Path | None) -> None:
        self.passphrase_file = path
        self.passphrase.setEnabled(path is None)
        self.passphrase_file_button.setText(self.tr("Passphrase file: %1").replace("%1", path.name) if path
                                            else self.tr("Passphrase file..."))

    def _choose_packages(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The folder with the communities' packages"))
        if folder:
            self.import_packages(Path(folder))

    def import_packages(self, folder: Path):
        """Every community's new packages in ``folder`` into the street, off the UI thread;
        the figures reload when it is done. Returns the job (tests wait for it)."""
        from desktop.failures import user_message
        from ui.workers.task import run_job
        if self.street is None:
            self._say(self.tr("Choose the street's folder first."))
            return None
        street, passphrase, passphrase_file = self.street, self.passphrase.text(), self.passphrase_file

        def done(got) -> None:
            self._say(ingest_text(got, street.community_name))
            self.passphrase.clear()
            self.reload()

        def failed(exc) -> None:
            message = user_message(exc)
            if message is None:
                from ui.failures import show_failure
                show_failure(exc, self, self.tr("Street office"))
                return
            self._say(message)
        return run_job(self, self.tr("Street office"), self.tr("Importing the communities' packages..."),
                       lambda progress, cancelled: ingest_for_street(self.app.db, street, folder, passphrase=passphrase,
                                                                     passphrase_file=passphrase_file),
                       done, on_failed=failed)

    def use_folder(self, folder: Path) -> None:
        set_street_folder(self.app.db, folder)
        self._open(folder)

    def reload(self) -> None:
        self.houses.set_rows([])
        if self.street is None:
            self.model.set_rows([])
            self.community_ids = []
            return
        figures = self.street.figures(shown_date(self.day))
        names = self.street.community_names()
        self.community_ids = sorted(figures, key=lambda c: names.get(c) or self.street.community_name(c))
        keys = ("households", "people", "home_isolation", "observation", "away", "key_persons",
                "gate_in", "gate_out", "gate_turned_back", "gate_fevers")
        rows = [(names.get(c) or self.street.community_name(c), *(f"{figures[c][k]:,}" for k in keys))
                for c in self.community_ids]
        total = summed(figures)
        rows.append((self._total_text(len(figures)),
                     *(f"{total[k]:,}" for k in keys)))
        self.model.set_rows(rows, colours=[None] * len(self.community_ids) + ["#1a4f8b"])
        self._fit_rows(0)

    def _fit_rows(self, column: int) -> None:
        """The communities' rows as tall as their names need in the name's column (``column``: the
        one resized; a street has a few dozen rows)."""
        if column == 0:
            self.table.resizeRowsToContents()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _total_text(self, communities: int) -> str:
        return self.tr("Street total (%1 communities)").replace("%1", str(communities))

    def open_community(self, row: int) -> None:
        if self.street is None or not 0 <= row < len(self.community_ids):
            return
        community = self.community_ids[row]
        lines = households(self.street, community)
        self.house_title.setText(self.tr("Households of %1: %2").replace("%1", self.street.community_name(community))
                                 .replace("%2", str(len(lines))))
        self.houses.set_rows([(h.address, h.people, vocab.STATUS[h.status][1] if h.status in vocab.STATUS else "")
                              for h in lines])
        self.community_shown, self.household_ids = community, [h.id for h in lines]
        self.people.set_rows([])

    def open_household(self, row: int) -> None:
        """A household's people (double-click): name, relation, masked ID, status."""
        if self.street is None or self.community_shown is None or not 0 <= row < len(self.household_ids):
            return
        lines = members(self.street, self.community_shown, self.household_ids[row])
        self.people.set_rows([(m.name, vocab.RELATION[m.relation][1] if m.relation in vocab.RELATION else m.relation,
                               m.id_masked, vocab.STATUS[m.status][1] if m.status in vocab.STATUS else "")
                              for m in lines])

    def closeEvent(self, event) -> None:
        if self.street is not None:
            self.street.close()
        super().closeEvent(event)
