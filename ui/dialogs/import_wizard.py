"""The import wizard: choose a ledger, check it (preview), correct the column mapping, import.

Checking and importing run off the UI thread with a progress bar and a cancel button. The
preview shows every row as it will be imported; rows with errors are red with the reason, and
can be saved as a workbook to fix. The import is one transaction: cancel leaves the register
as it was.
"""
import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QProgressBar, QPushButton,
                               QScrollArea, QSizePolicy, QSplitter, QTableView, QTableWidget, QVBoxLayout, QWidget)

from desktop.app import App
from desktop.errors import InputError
from desktop.excel.columns import FIELDS, KINDS
from desktop.excel.importer import (apply_import, missing_day, plan_import, with_refusals,
                                    write_rejects)
from desktop.excel.reading import SUFFIXES as LEDGER_SUFFIXES
from ui.events import DataEvents
from ui.import_fields import field_caption
from ui.models.import_preview_model import ImportPreviewModel
from ui.failures import show_failure
from ui.place_labels import community_labels
from ui.widgets.dates import date_edit
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.screen_fit import fit_to_screen
from ui.workers.task import Task, run_job, shared_runner
from ui.widgets.save_as import ask_save_path

# Every kind of file the import reads (Excel's "Unicode text" is a .txt).
FILE_FILTER = f"Excel / CSV ({' '.join('*' + s for s in sorted(LEDGER_SUFFIXES))})"



#: How many rows of the preview its columns are fitted to (the reason, whole in the pane below).
FIT_FROM_ROWS = 100


class SummaryArea(QScrollArea):
    """The summary above the rows, as tall as its text up to LINES lines, then scrolled: a
    workbook of ten sheets said its notices ten times, and the red page pushed the preview, the
    counts and the Import button below a 768-pixel screen."""
    LINES = 7

    def __init__(self, label: QLabel, parent=None):
        super().__init__(parent)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def _height(self) -> int:
        label = self.widget()
        most = label.fontMetrics().lineSpacing() * self.LINES + 8
        return min(label.heightForWidth(max(self.viewport().width(), 200)), most)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()            # its lines wrap anew: as tall as they are now


class _Summary(QLabel):
    """The summary's label: a new text asks its area for the height it now needs."""

    def setText(self, text: str) -> None:
        super().setText(text)
        if isinstance(area := self.parent() and self.parent().parent(), SummaryArea):
            area.updateGeometry()


class ImportWizard(QDialog):
    def __init__(self, app: App, events: DataEvents, parent=None, path: str | Path | None = None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.runner = shared_runner()
        self.plan = None
        self.checked_with = None             # the kind and 小区 of the last check (``_options``)
        # After an import: its rows with errors (the preview's and the writer's), still to save.
        self.imported_plan = None
        self.task: Task | None = None
        # The day the clerk gave a gate sheet without a 日期 column, and the last corrected
        # mapping: both kept when the same file is checked again.
        self.day: date | None = None
        self.mappings: dict | None = None
        # The sheets the clerk chose in the sheet chooser (None: those that look like the ledger).
        self.sheets: list[str] | None = None
        # The sheets whose columns the columns pane shows: kept when a check with the clerk's
        # mapping is refused (no 姓名 column), so the mapping corrected as it says is checked.
        self.mapped_sheets: list = []
        self.setWindowTitle(self.tr("Import a ledger from Excel"))
        fit_to_screen(self, 1200, 720)

        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose an .xlsx, .xls or .csv file"))
        choose = QPushButton(self.tr("Choose file..."), self)
        choose.clicked.connect(self.choose_file)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(self.tr("Guess from the headers"), None)
        for kind, title in zip(KINDS, (self.tr("Household register"), self.tr("Gate log"), self.tr("Care list"))):
            self.kind_combo.addItem(title, kind)
        self.compound_combo = QComboBox(self)
        self.compound_combo.setEditable(True)
        self.compound_combo.addItem("")
        self.compound_combo.addItems([c.name for c in app.register.compounds()])
        self.compound_combo.lineEdit().setPlaceholderText(self.tr("from the file's title"))
        self.check_button = QPushButton(self.tr("Check file"), self)
        self.check_button.setObjectName("check_button")
        self.check_button.clicked.connect(lambda: self.check())

        top = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose)
        top.addRow(self.tr("File:"), file_row)
        options = QHBoxLayout()
        options.addWidget(self.kind_combo)
        options.addWidget(QLabel(community_labels(app.db).compound_colon, self))
        options.addWidget(self.compound_combo, 1)
        options.addWidget(self.check_button)
        top.addRow(self.tr("Kind:"), options)
        # A gate sheet as printed has its day in the heading only: asked here, never today.
        self.day_edit = date_edit(date.today(), self, maximum=date.today())
        self.day_edit.setObjectName("sheet_day")
        self.day_edit.setText("")
        self.day_edit.dateChanged.connect(self._day_typed)
        self.day_edit.editingFinished.connect(self._day_typed)
        self.day_hint = QLabel(self)
        self.day_hint.setWordWrap(True)
        self.day_row = QWidget(self)
        day_layout = QHBoxLayout(self.day_row)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_edit)
        day_layout.addWidget(self.day_hint, 1)
        self.day_label = QLabel(self.tr("Day of the sheet:"), self)
        top.addRow(self.day_label, self.day_row)
        self._show_day(None)

        self.summary = _Summary(self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)     # its words are escaped: a file 'a<b&c.xlsx' shown as named
        self.summary.setStyleSheet("font-size: 11pt; padding: 4px;")

        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.setObjectName("mapping_table")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Means")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.mapping_table.verticalHeader().hide()
        apply_mapping = QPushButton(self.tr("Check again with this mapping"), self)
        apply_mapping.clicked.connect(self.check_with_mapping)
        mapping_box = QGroupBox(self.tr("Columns"), self)
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table, 1)
        mapping_layout.addWidget(apply_mapping)
        # A workbook of several sheets (one per 小区 or 村民小组, a note, a list of 楼长): each
        # with its rows and what it looks like, those imported checked; Space checks one.
        self.sheet_list = QListWidget(self)
        self.sheet_list.setObjectName("sheet_list")
        # Each sheet's words wrapped in the narrow pane, never cut: up to ten lines in view.
        self.sheet_list.setWordWrap(True)
        self.sheet_list.setTextElideMode(Qt.ElideNone)
        self.sheet_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.sheet_list.setResizeMode(QListWidget.Adjust)
        self.sheet_list.setMaximumHeight(self.sheet_list.fontMetrics().lineSpacing() * 10 + 8)
        self.sheet_list.setAccessibleName(self.tr("Sheets to import"))
        apply_sheets = QPushButton(self.tr("Check again with the checked sheets"), self)
        apply_sheets.setObjectName("apply_sheets")
        apply_sheets.clicked.connect(self.check_with_sheets)
        self.sheet_box = QGroupBox(self.tr("Sheets (check those to import)"), self)
        sheet_layout = QVBoxLayout(self.sheet_box)
        sheet_layout.addWidget(self.sheet_list)
        sheet_layout.addWidget(apply_sheets)
        self.sheet_box.setVisible(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sheet_box)
        left_layout.addWidget(mapping_box, 1)

        self.model = ImportPreviewModel(self)
        self._reason_width = 0
        self.table = QTableView(self)
        self.table.setObjectName("preview_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        # One line a row, so a ledger full of errors shows some 25 rows at 1024×768, not 9 (its
        # reasons wrapped over four lines each): a long reason ends in "…", whole on hover and in
        # the pane below for the row chosen (a click, or the arrow keys).
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 8)
        self.table.viewport().installEventFilter(self)        # the reason refitted to a resized wizard
        # Columns fitted from the first rows, not Qt's 1,000: every cell asked for every role froze
        # the window 4–5 s after checking an old compound's ledger (137,000 calls into the model).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_FROM_ROWS)
        self.reason_pane = QLabel(self)
        self.reason_pane.setObjectName("reason_pane")
        self.reason_pane.setWordWrap(True)
        self.reason_pane.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.reason_pane.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.reason_pane.setStyleSheet("background: #fafafa; border: 1px solid #ddd; padding: 4px;")
        # Four lines of it: the longest reasons (three problems of a row) are read whole.
        self.reason_pane.setFixedHeight(self.reason_pane.fontMetrics().lineSpacing() * 4 + 12)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_reason())
        # A new wizard says what to do, where the rows will be.
        self.preview_hint = EmptyHint(self.table, self.tr(
            "1. Choose file... : a ledger as you keep it (.xlsx, .xls or .csv), household register, gate log "
            "or care list.\n2. Every row shows here as it will be imported; rows with errors are red, with the "
            "reason.\n3. Import saves the good rows; \"Save rows with errors...\" gives the others back as a "
            "workbook to fix and import again.\nNothing is saved before you press Import."))
        self.mapping_hint = EmptyHint(self.mapping_table, self.tr(
            "After the check, the file's columns and what each means show here. Change one that was guessed "
            "wrong, then \"Check again with this mapping\"."))
        self.only_errors = QCheckBox(self.tr("Show only rows with errors"), self)
        self.only_errors.toggled.connect(self._show_only_errors)
        preview = QWidget(self)
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.only_errors)
        preview_layout.addWidget(self.table, 1)
        preview_layout.addWidget(self.reason_pane)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(preview)
        splitter.setSizes([260, 940])

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.rejects_button = QPushButton(self.tr("Save rows with errors..."), self)
        self.rejects_button.setObjectName("rejects_button")
        self.rejects_button.clicked.connect(self.save_rejects)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("import_button")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch()
        bottom.addWidget(self.rejects_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(SummaryArea(self.summary, self))
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._set_busy(False)
        if path:
            self.file_edit.setText(str(path))

    # -- steps -----------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a ledger"), "", FILE_FILTER)
        if path:
            self.file_edit.setText(path)
            self.day, self.mappings, self.sheets = None, None, None   # another file: its own day, columns, sheets
            self.check()

    def check(self, mappings: dict | None = None) -> None:
        path = self.file_edit.text()
        if not path:
            self.choose_file()
            return
        kind, compound = self.checked_with = self._options()
        # The last check's rows go now: a file that is refused (or a check cancelled) must not
        # leave the previous file's rows on screen, ready to import as if they were this one's.
        # A corrected mapping keeps its table: it is the same file's.
        self.plan = self.imported_plan = None
        self.model.set_plan(None)
        if self.sheets is None:                # another file, or all its sheets: chosen anew
            self.sheet_list.clear()
            self.sheet_box.setVisible(False)
        if mappings is None:
            self.mapping_table.setRowCount(0)
            self.mapped_sheets = []
        self.mappings, day, sheets = mappings, self.day, self.sheets
        self.summary.setText(self.tr("Checking the file..."))
        self._run(lambda progress, cancelled: plan_import(
            self.app, path, kind, compound=compound, mappings=mappings, progress=progress,
            cancelled=cancelled, day=day, sheets=sheets), self._checked)

    def _options(self) -> tuple:
        """The kind and the 小区 a check is made with."""
        return self.kind_combo.currentData(), self.compound_combo.currentText().strip()

    def _day_typed(self, *_) -> None:
        """A day typed or picked for the sheet: its rows are checked again as of that day."""
        try:
            day = self.day_edit.typed_date()
        except InputError:
            return                               # said beside the field
        if self.plan is None or day == self.plan.day:
            return
        self.day = day
        self.check(self.mappings)

    def _show_day(self, plan) -> None:
        """The day field, for a gate sheet whose rows take their day from its title or the clerk."""
        asked = plan is not None and plan.day_asked
        self.day_label.setVisible(asked)
        self.day_row.setVisible(asked)
        if not asked:
            return
        self.day_edit.setText(plan.day.isoformat() if plan.day else "")     # the same day: not checked again
        if plan.day is None:
            self.day_hint.setText("<span style='color:#b71c1c'><b>" + self.tr(
                "The sheet has no date column (or its first rows have no date) and its title names no day. "
                "Type the day of the sheet (for example 2020-02-14); nothing is imported before.") + "</b></span>")
        else:
            self.day_hint.setText(self.tr("The sheet has no date column (or its first rows have no date): "
                                          "those rows are taken as of this day. Change it if it is wrong."))

    def check_with_mapping(self) -> None:
        if not self.mapped_sheets:
            return
        mapping = {}
        for r in range(self.mapping_table.rowCount()):
            key = self.mapping_table.cellWidget(r, 1).currentData()
            if key:
                mapping[r] = key
        first = self.mapped_sheets[0]
        same = {p.name: dict(mapping) for p in self.mapped_sheets if p.labels == first.labels}
        self.check(same)

    def check_with_sheets(self) -> None:
        """The file checked again with the sheets checked in the chooser."""
        items = [self.sheet_list.item(i) for i in range(self.sheet_list.count())]
        self.sheets = [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]
        self.check(self.mappings)

    def _fill_sheets(self, choices) -> None:
        """The sheet chooser (``SheetChoice`` each), for a file of more than one sheet or whose
        sheet was left out."""
        self.sheet_list.clear()
        # A file's one sheet too when it was left out (a staff list on Sheet1): the refusal says
        # to check it here, and the list was not there.
        self.sheet_box.setVisible(len(choices) > 1 or any(c.choosable and not c.chosen for c in choices))
        for choice in choices:
            text = self.tr("%1 — %2 rows — %3").replace("%1", choice.name).replace(
                "%2", str(choice.rows)).replace("%3", choice.looks)
            if choice.reason:
                text += "\n" + self.tr("Not imported: %1").replace("%1", choice.reason)
            item = QListWidgetItem(text, self.sheet_list)
            item.setData(Qt.UserRole, choice.name)
            item.setToolTip(text)
            if choice.choosable:
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if choice.chosen else Qt.Unchecked)
            else:                   # a note or a blank sheet: nothing to import there
                item.setFlags(Qt.ItemIsSelectable)
        self.sheet_list.setCurrentRow(0)

    def _checked(self, plan) -> None:
        self.plan, self.imported_plan = plan, None
        self.model.set_plan(plan, self.only_errors.isChecked())
        self._fit_columns()
        self._show_reason()
        self._fill_mapping()
        self._fill_sheets(plan.sheet_choices)
        self._show_day(plan)
        counts = plan.counts()
        text = self.tr("%1 rows checked: %2 new, %3 to update, %4 unchanged.")
        for i, value in enumerate((len(plan.rows), counts["new"], counts["update"], counts["same"]), 1):
            text = text.replace(f"%{i}", str(value))
        if plan.bad:                         # none: not a bold red "0 with errors"
            text += " " + self.tr("<b style='color:#b71c1c'>%1 with errors</b> (red, not imported).").replace(
                "%1", str(len(plan.bad)))
        flagged = sum(1 for row in plan.good if row.warnings)
        if flagged:                          # kept, with something to check: a yellow row among thousands
            text += " " + self.tr("%1 of the rows to import have something to check (yellow).").replace(
                "%1", str(flagged))
        if plan.compound and plan.kind == "register":
            text += " " + community_labels(self.app.db).compound_is.replace("%1", html.escape(plan.compound))
        # The summary is rich text: a sheet or compound named 'A&B' or '<1栋>' is shown as typed.
        if plan.skipped_sheets:
            text += " " + self.tr("Sheets without a header were skipped: %1.").replace(
                "%1", html.escape("、".join(plan.skipped_sheets)))
        if plan.hidden_sheets:
            text += " " + self.tr("Hidden sheets were not imported (check them in the sheet list to import them): %1.").replace(
                "%1", html.escape("、".join(plan.hidden_sheets)))
        for notice in plan.notices:          # the file as a whole: said once, above the counts
            text = f"<p style='color:#b71c1c'><b>{html.escape(notice)}</b></p>" + text
        self.summary.setText(text)
        self._set_busy(False)

    def _show_only_errors(self, on: bool) -> None:
        self.model.set_plan(self.plan, on)
        self._show_reason()

    def _show_reason(self) -> None:
        """The chosen row's result and reason, whole, in the pane under the rows."""
        row = self.table.currentIndex().row()
        if self.plan is None or not 0 <= row < self.model.rowCount():
            self.reason_pane.setText(self.tr("Click a row (or move with the arrow keys) to read its reason whole here.")
                                     if self.plan is not None else "")
            return
        reason = self.model.data(self.model.index(row, ImportPreviewModel.REASON_COLUMN)) or self.tr("Nothing to check.")
        self.reason_pane.setText(self.tr("Row %1, %2: %3").replace("%1", self.model.data(self.model.index(row, 0)))
                                 .replace("%2", self.model.data(self.model.index(row, 1))).replace("%3", reason))

    # The reason is never narrower than this many characters: a short one is read in the row.
    REASON_CHARACTERS = 12

    def _fit_columns(self) -> None:
        """Columns as wide as their text (at most 200 pixels); then the reason's."""
        self.table.resizeColumnsToContents()
        self._reason_width = self.table.columnWidth(ImportPreviewModel.REASON_COLUMN)     # its longest text
        for c in range(self.model.columnCount()):
            if c != ImportPreviewModel.REASON_COLUMN:
                self.table.setColumnWidth(c, min(self.table.columnWidth(c), 200))
        self._fit_reason()

    def _fit_reason(self) -> None:
        """The reason (beside the result) takes what the ledger's columns leave of the view, and
        no more than its longest text: one row's long warning made it 420 pixels wide and pushed
        姓名 and 住址 out of sight at 1024×768. Again when the view is resized: it kept the width
        of the last check until the next one."""
        if self.plan is None:
            return
        reason = ImportPreviewModel.REASON_COLUMN
        others = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()) if c != reason)
        least = self.table.fontMetrics().horizontalAdvance("重" * self.REASON_CHARACTERS) + 10
        room = max(least, self.table.viewport().width() - others)
        self.table.setColumnWidth(reason, min(self._reason_width, room))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Resize:
            self._fit_reason()
        return super().eventFilter(watched, event)

    def _fill_mapping(self) -> None:
        self.mapped_sheets = self.plan.sheets
        sheet = self.plan.sheets[0]
        fields = FIELDS[self.plan.kind]
        self.mapping_table.setRowCount(len(sheet.labels))
        for r, label in enumerate(sheet.labels):
            self.mapping_table.setCellWidget(r, 0, QLabel(label or self.tr("(column %1)").replace("%1", str(r + 1))))
            combo = QComboBox(self.mapping_table)
            combo.addItem(self.tr("(not imported)"), None)
            for f in fields:
                combo.addItem(field_caption(self.plan.kind, f.key, self.plan.village), f.key)
            combo.setCurrentIndex(max(0, combo.findData(sheet.mapping.get(r))))
            self.mapping_table.setCellWidget(r, 1, combo)
        self._fit_mapping_width()

    def _fit_mapping_width(self) -> None:
        """The columns pane as wide as its labels and choices: squeezed to a fifth of the dialog
        (1024×768), 身份证号码 and the chosen 联系电话 were cut to 身份证 and 联系电…"""
        table = self.mapping_table
        widths = [0, 0]
        for r in range(table.rowCount()):
            for c in (0, 1):
                widths[c] = max(widths[c], table.cellWidget(r, c).sizeHint().width())
        table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        for c in (0, 1):
            widths[c] = max(widths[c] + 8, table.horizontalHeader().sectionSizeHint(c))
            table.setColumnWidth(c, widths[c])
        table.horizontalHeader().setStretchLastSection(True)
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(sum(widths) + frame)

    def start_import(self) -> None:
        # The 小区 or the kind changed since the check (a new 小区 typed, then Enter: the default
        # button): the rows shown were checked for the other, and went there. Checked again instead.
        if self.plan is None or self._options() != self.checked_with:
            self.check()
            return
        if not self.plan.good:
            QMessageBox.information(self, self.tr("Import"), self.tr("No row can be imported yet."))
            return
        plan = self.plan

        def imported(progress, cancelled):
            result = apply_import(self.app, plan, progress, cancelled)
            try:                        # the rows refused as they were written, for "save rows with errors"
                return result, with_refusals(plan, result.refused)
            except (InputError, OSError):   # the ledger moved meanwhile: the preview's rows still
                return result, plan
        self.summary.setText(self.tr("Importing..."))
        self._run(imported, self._imported)

    def _imported(self, done) -> None:
        result, self.imported_plan = done
        self.plan = None
        self._set_busy(False)
        # The pages that show what was imported reload (the gate's own areas, the care pages, the
        # canvass page for a filled canvass sheet, which 按表头自动识别 knows).
        self.events.notify(*{"gate": ("gate",), "care": ("care", "isolation"), "canvass": ("canvass",)}.get(
            result.kind, ("register",)))
        text = self.tr("Imported %1 rows (%2 new, %3 updated, %4 unchanged).")
        for i, value in enumerate((result.imported, result.created, result.updated, result.unchanged), 1):
            text = text.replace(f"%{i}", str(value))
        for name, people in result.helpers_took:     # people of an earlier ledger a new helper took
            text += " " + self.tr("%1 more people are now helped by %2: an earlier ledger named %2 their helper, "
                                  "without a phone.").replace("%1", str(people)).replace("%2", name)
        if result.rejected:              # how many, and what to do with them, not only that they were left out
            text += " " + self.tr("%1 rows with errors were not imported.").replace("%1", str(result.rejected))
            text += " " + self.tr("Press Save rows with errors... to save them as a workbook, each with its reason; "
                                  "correct them there and import that workbook.")
        self.summary.setText(text)
        self.import_button.setEnabled(False)
        QMessageBox.information(self, self.tr("Import"), text)

    def _rejects_plan(self):
        """The plan whose rows with errors "save rows with errors" writes: the preview's, or
        after an import, the imported one's (with the rows refused as they were written)."""
        return self.plan or self.imported_plan

    def save_rejects(self) -> None:
        plan = self._rejects_plan()
        if plan is None or not plan.bad:
            return
        default = str(Path(plan.path).with_name(Path(plan.path).stem + "_错误行.xlsx"))
        path = ask_save_path(self, self.tr("Save rows with errors"), default, "Excel (*.xlsx)")
        if path:
            self.write_rejects_to(path)

    def write_rejects_to(self, path) -> None:
        """The error workbook, written on the one runner (a big ledger's rejects take a while)."""
        plan = self._rejects_plan()

        def saved(count: int) -> None:
            self.summary.setText(self.tr("%1 rows with errors saved to %2. Fix them there and import that file.")
                                 .replace("%1", str(count)).replace("%2", html.escape(str(path))))
        run_job(self, self.tr("Save rows with errors"), self.tr("Writing the rows with errors..."),
                lambda progress, cancelled: write_rejects(plan, path, self.app.db), saved, runner=self.runner)

    # -- running in the background -----------------------------------------------------------
    def _run(self, fn, on_done) -> None:
        self.task = Task(fn)
        self.task.progress.connect(self._progress)
        self.task.done.connect(on_done)
        self.task.failed.connect(self._failed)
        self.task.was_cancelled.connect(self._cancelled)
        self._set_busy(True)
        self.runner.start(self.task)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if done >= total:
            # Every row is through; what is left (checks across rows, or saving the import in one
            # go) cannot be cancelled halfway, and can take seconds for a big ledger.
            self.progress.setFormat(self.tr("Finishing, please wait…"))
            self.cancel_button.setEnabled(False)

    def cancel(self) -> None:
        if self.task:
            self.task.cancel()

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.summary.setText(self.tr("Cancelled. Nothing was changed."))

    def _failed(self, exc) -> None:
        self._set_busy(False)
        if isinstance(exc, InputError):
            self.summary.setText(f"<span style='color:#b71c1c'>{html.escape(exc.message)}</span>")
            if choices := getattr(exc, "sheet_choices", None):     # rows only on hidden sheets or another list: choose one
                self._fill_sheets(choices)
        else:                       # disk full, a locked file, a bug: never a traceback
            show_failure(exc, self, self.tr("Import failed"))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.check_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.plan is not None and bool(self.plan.good)
                                      and missing_day(self.plan) is None)
        rejects = self._rejects_plan()
        self.rejects_button.setEnabled(not busy and rejects is not None and bool(rejects.bad))
        if busy:
            self.progress.setValue(0)
            self.progress.setFormat("%p%")
            self.cancel_button.setEnabled(True)
        elif self.plan is not None:
            self.import_button.setText(self.tr("Import %1 good rows").replace("%1", str(len(self.plan.good))))
        else:                       # a refused file: no count left over from the file before it
            self.import_button.setText(self.tr("Import"))

    def done(self, result: int) -> None:
        if self.task:
            self.task.cancel()
        self.runner.wait()
        super().done(result)
