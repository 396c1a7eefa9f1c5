"""The paper page (打印): choose a form and whom it is for, preview it in the window, print it
to a chosen printer or save the PDF. Drawing runs in a worker thread with progress and cancel;
the notice editor keeps the office's template library."""
import functools
import re
from datetime import date
import shutil
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QProgressDialog, QPushButton,
                               QSpinBox, QStackedWidget, QVBoxLayout, QWidget)

from desktop.app import App
from desktop.errors import InputError
from desktop.gate.checkpoints import here_first
from desktop.files import describe_os_error, private_temp_folder
from desktop.printing.catalogue import PrintRequest, save_preview_copy
from desktop.printing.forms import FORMS, NAMES_ONLY, NEVER
from desktop import place_words
from desktop.printing.templates import NoticeTemplates
from desktop.accounts.roles import Permission, can
from desktop.settings import get_setting, set_setting
from ui.dialogs.notice_editor_dialog import NoticeEditorDialog
from ui.events import DataEvents
from ui.pdf_printer import print_pdf
from ui.place_labels import community_labels
from ui.print_task import PrintTask
from ui.widgets.dates import date_edit, date_of, follow_today, shown_date
from ui.widgets.full_output import follow_role, full_output_reason, mask_box, set_for_form
from ui.widgets.save_as import ask_save_path

PROGRESS_DELAY_MS = 400       # a quick job shows no progress window at all


def form_title(name: str, village: bool = False) -> str:
    """A form's name in the list; a village's (村委会) letters go to its villagers and its
    canvass sheets go round a village group, not a building."""
    if village and name == "notice":
        return QCoreApplication.translate("PaperPage", "Notice / letter to every villager's household")
    if village and name == "canvass-sheet":
        return QCoreApplication.translate("PaperPage", "Canvass sheet per village group")
    titles = {
        "notice": QCoreApplication.translate("PaperPage", "Notice / letter to every household"),
        "household-sheet": QCoreApplication.translate("PaperPage", "Household register sheet"),
        "canvass-sheet": QCoreApplication.translate("PaperPage", "Canvass sheet per building"),
        # Blank sheets, or a gate's day printed: the name said blank for both.
        "gate-sheet": QCoreApplication.translate("PaperPage", "Gate log sheet (blank, or a gate's day)"),
        "daily-report": QCoreApplication.translate("PaperPage", "Daily report"),
        "battle-map": QCoreApplication.translate("PaperPage", "Battle map (A3)"),
        "passes": QCoreApplication.translate("PaperPage", "Passes (8 a page)"),
        "isolation-notice": QCoreApplication.translate("PaperPage", "Isolation / observation notice"),
        "door-sign": QCoreApplication.translate("PaperPage", "Door sign (isolation / observation)"),
        "health-sheet": QCoreApplication.translate("PaperPage", "Health record sheet"),
        "visit-sheet": QCoreApplication.translate("PaperPage", "Care visit sheet per helper"),
        "roster": QCoreApplication.translate("PaperPage", "Duty roster (a week)"),
    }
    return titles.get(name, name)


def suggested_file_name(title: str, day: date) -> str:
    """The name the save dialog offers: the form as the list calls it and the day
    (出入登记表（空白）-2026-12-07.pdf), as the canvass and duty pages do; it offered
    door-sign.pdf. A slash is a folder to Windows (居家隔离、医学观察门贴), and its other
    forbidden characters are left out."""
    title = re.sub(r'\s*[\\/]\s*', "、", title.strip())
    return re.sub(r'[:*?"<>|]', "", title) + f"-{day.isoformat()}.pdf"


class PaperPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.register, self.events = app, app.register, events
        self.library = NoticeTemplates(app.db)
        # Previews live in a folder of their own, removed with the page (not by the garbage
        # collector, which may run at any later moment and warn).
        # In the data folder (owner only), not the system's temporary folder: a preview holds
        # ID numbers, and a killed program's folder is removed at the next start.
        self._tmp_dir = str(private_temp_folder("print"))
        self.destroyed.connect(functools.partial(shutil.rmtree, self._tmp_dir, True))
        self._previews = 0
        self.preview_path: Path | None = None
        self.preview_request: PrintRequest | None = None
        self.task: PrintTask | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.printer: QPrinter | None = None          # kept alive while its dialog is open

        self.forms = QListWidget(self)
        self.forms.setObjectName("form_list")
        self.forms.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 4px; }")
        # A village's groups have houses with a 门牌, no buildings: no building box, its own words.
        self.village = not place_words.community_words(app.db).has_buildings
        for name, info in FORMS.items():
            item = QListWidgetItem(form_title(name, self.village))
            item.setData(Qt.UserRole, name)
            self.forms.addItem(item)
        self.forms.currentItemChanged.connect(lambda *_: self._options_changed())

        self.compound = QComboBox(self)
        self.compound.setObjectName("compound")
        self.compound.currentIndexChanged.connect(self._compound_changed)
        self.building = QComboBox(self)
        self.building.setObjectName("building")
        self.building.currentIndexChanged.connect(lambda *_: self._options_changed())
        # One household's sheet, sent from the register page (打印本户登记表): its address in place
        # of the compound and building; the button goes back to printing by place.
        self.household_id = ""
        self.household_label = QLabel(self)
        self.household_label.setObjectName("household_chosen")
        self.household_label.setWordWrap(True)
        self.by_place = QPushButton(self.tr("Print by place instead"), self)
        self.by_place.setObjectName("household_by_place")
        self.by_place.clicked.connect(lambda: self.choose_household("", ""))

        self.template = QComboBox(self)
        self.template.setObjectName("template")
        self.template.currentIndexChanged.connect(lambda *_: self._options_changed())
        self.edit_templates = QPushButton(self.tr("Edit templates..."), self)
        self.edit_templates.setObjectName("edit_templates")
        self.edit_templates.clicked.connect(self.open_editor)
        self.poster = QCheckBox(self.tr("A3 poster"), self)
        # The battle map for the notice board: colours and rooms, no one's name (there was no
        # way to it from this page, and the map posted named every isolated household's head).
        self.public_map = QCheckBox(self.tr("Public version for the notice board (no names)"), self)
        self.public_map.setObjectName("public_map")
        self.masked = mask_box(self)
        self._masked_form = None        # the form the box was last set for (its own default)
        # The gates set up here, this machine's first (it was an empty box to type one's name
        # into); still typed for a blank sheet of a gate not set up here.
        self.gate = QComboBox(self)
        self.gate.setObjectName("print_gate")
        self.gate.setEditable(True)
        self.gate.setInsertPolicy(QComboBox.NoInsert)
        self.gate.lineEdit().setPlaceholderText(self.tr("e.g. South gate"))
        self._gates_offered = False
        self.pages = QSpinBox(self)
        self.pages.setRange(1, 200)
        self.pages.setValue(2)
        self.day_log = QCheckBox(self.tr("Print this gate's passages of a day, not blank sheets"), self)
        self.day_log.setObjectName("print_day_log")
        self.helper = QLineEdit(self)
        # The last sheet (帮扶人：未安排) is said too: a clerk looking for those nobody visits found no word of it.
        self.helper.setPlaceholderText(self.tr("empty: a sheet per helper, a last one for those with no helper"))
        self.helper.setToolTip(self.tr("Left empty: a sheet for every helper with visits due that day, then a last "
                                       "sheet of those due whom no helper is assigned to (headed “Helper: not "
                                       "assigned”). A helper's name: only that helper's sheet."))
        # The visit sheet of another day: tomorrow's round, printed the evening before; a gate's
        # log of another day: yesterday's, printed in the morning (the day log's 打印…).
        self._today = date.today()
        self.day = date_edit(self._today, self)
        self.day.setObjectName("print_day")
        self.day.dateChanged.connect(lambda *_: self._options_changed())
        self.round_name = QLineEdit(self)
        self.round_name.setPlaceholderText(self.tr("e.g. Round 3"))
        self.office_phone = QLineEdit(get_setting(app.db, "office_phone"), self)
        self.office_phone.setObjectName("office_phone")
        self.office_phone.editingFinished.connect(lambda: self._save_office("office_phone", self.office_phone))
        self.office_phone.setPlaceholderText(self.tr("e.g. 027-88886666: the number notices and isolation papers "
                                                     "tell people to call"))
        # The office's red header (红头) for the built-in notices; a template's own one wins.
        self.office_masthead = QLineEdit(get_setting(app.db, "office_masthead"), self)
        self.office_masthead.setObjectName("office_masthead")
        self.office_masthead.setPlaceholderText(
            self.tr("e.g. %1 document; empty: built-in notices without a red header")
            .replace("%1", place_words.committee_name(app.db)))   # a village's too
        self.office_masthead.editingFinished.connect(
            lambda: self._save_office("office_masthead", self.office_masthead))
        if not can(app.db, Permission.SETTINGS):
            # The office's phone and header are the admin's (desktop/settings.py): a clerk who
            # typed one met a permission error on leaving the field and the paper went without it.
            for field in (self.office_phone, self.office_masthead):
                field.setReadOnly(True)
                field.setToolTip(self.tr("Only an administrator can change this (log in as the administrator)."))
                if not field.text():
                    field.setPlaceholderText(self.tr("not filled in: ask the administrator"))
        for w in (self.poster, self.masked, self.day_log, self.public_map):
            w.toggled.connect(lambda *_: self._options_changed())
        for w in (self.round_name, self.helper):
            w.textChanged.connect(lambda *_: self._options_changed())
        self.gate.editTextChanged.connect(lambda *_: self._options_changed())
        self.pages.valueChanged.connect(lambda *_: self._options_changed())

        options = QGroupBox(self.tr("For whom, and how"), self)
        self.options_form = QFormLayout(options)
        self.options_form.addRow(self.tr("Household"), self.household_label)
        self.options_form.addRow("", self.by_place)
        self.options_form.addRow(community_labels(app.db).compound, self.compound)
        self.options_form.addRow(self.tr("Building"), self.building)
        self.options_form.addRow(self.tr("Template"), self.template)
        self.options_form.addRow("", self.edit_templates)
        self.options_form.addRow(self.tr("Red header"), self.office_masthead)
        self.options_form.addRow("", self.poster)
        self.options_form.addRow("", self.masked)
        self.options_form.addRow("", self.public_map)
        self.options_form.addRow(self.tr("Gate"), self.gate)
        self.options_form.addRow("", self.day_log)
        self.options_form.addRow(self.tr("Blank pages"), self.pages)
        self.options_form.addRow(self.tr("Visits due on"), self.day)
        self.options_form.addRow(self.tr("Helper"), self.helper)
        self.options_form.addRow(self.tr("Canvass round"), self.round_name)
        self.phone_label = self.tr("Village committee phone") if self.village else self.tr("Office phone")
        self.options_form.addRow(self.phone_label, self.office_phone)

        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("preview")
        # As save_pdf's: clicked(checked) would hand preview its False as what to do after.
        self.preview_button.clicked.connect(lambda: self.preview())
        self.print_button = QPushButton(self.tr("Print..."), self)
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton(self.tr("Save PDF..."), self)
        self.save_button.setObjectName("save_pdf")
        # clicked(checked) would hand save_pdf its False as the path: a traceback, nothing saved.
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.status = QLabel(self)
        self.status.setObjectName("paper_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.hint = QLabel(self.tr("Choose a form on the left and press Preview. The pages appear here "
                                   "exactly as they will be printed."), self)
        self.hint.setObjectName("preview_hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignCenter)
        self.hint.setStyleSheet("background: #9e9e9e; color: white; font-size: 13pt; padding: 40px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.view)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Form")))
        left.addWidget(self.forms, 1)
        left.addWidget(options)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        left.addWidget(self.status)
        side = QWidget(self)
        side.setLayout(left)
        side.setFixedWidth(420)
        outer = QHBoxLayout(self)
        outer.addWidget(side)
        outer.addWidget(self.stack, 1)

        events.changed.connect(lambda _areas: self._data_changed())
        # Closing the window mid-batch: stop the worker before Qt tears its thread down.
        QApplication.instance().aboutToQuit.connect(self.stop_task)
        self.refresh()
        self.forms.setCurrentRow(0)

    def _save_office(self, key: str, field) -> None:
        if not field.isReadOnly():          # Enter in a read-only field still ends its editing
            set_setting(self.app.db, key, field.text().strip())

    # -- choices ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload compounds and templates, keeping what was chosen."""
        chosen_compound, chosen_template = self.compound.currentData(), self.template.currentData()
        self.compound.blockSignals(True)
        self.compound.clear()
        self.compound.addItem(community_labels(self.register.db).whole, "")
        for c in self.register.compounds():
            self.compound.addItem(c.name, c.name)
        self.compound.setCurrentIndex(max(0, self.compound.findData(chosen_compound)))
        self.compound.blockSignals(False)
        self._compound_changed()
        self.template.blockSignals(True)
        self.template.clear()
        for t in self.library.all():
            self.template.addItem(t.name, t.id)
        self.template.setCurrentIndex(max(0, self.template.findData(chosen_template)))
        self.template.blockSignals(False)
        self._refresh_gates()
        self._options_changed()

    def _refresh_gates(self) -> None:
        """The gates offered, what is in the box kept; this machine's gate in it at first."""
        typed = self.gate.currentText()
        gates = [c.name for c in here_first(self.app.db)]
        self.gate.blockSignals(True)
        self.gate.clear()
        self.gate.addItems(gates)
        self.gate.setEditText(typed if typed or self._gates_offered or not gates else gates[0])
        self._gates_offered = self._gates_offered or bool(gates)
        self.gate.blockSignals(False)

    def _data_changed(self) -> None:
        """The register or a template changed: the preview may show old text or old households,
        so Print and Save draw the form again instead of using it (an edited notice printed as
        it was before the edit)."""
        self.refresh()
        if self.preview_request is not None:
            self.preview_request = None
            self.status.setText(self.tr("The data or a template changed: press Preview to see the new version."))

    def _compound_changed(self) -> None:
        chosen = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("All buildings"), "")
        name = self.compound.currentData()
        compound = next((c for c in self.register.compounds() if c.name == name), None) if name else None
        for b in self.register.buildings(compound.id) if compound else []:
            self.building.addItem(self.tr("Building %1").replace("%1", b.number), b.number)
        self.building.setCurrentIndex(max(0, self.building.findData(chosen)))
        self.building.setEnabled(compound is not None)
        self.building.blockSignals(False)
        self._options_changed()

    def showEvent(self, event) -> None:
        follow_role(self.masked, self.app)      # the account may have changed at the idle lock
        self._today = follow_today(self.day, self._today)    # left open overnight: the new day's sheet
        super().showEvent(event)

    def _paper_name(self) -> str:
        """The paper as the save box names it: the form's name in the list, a gate's sheet by
        what it holds (a day's log was offered as 出入登记表（空白）)."""
        if self.form_name() != "gate-sheet":
            return self.forms.currentItem().text()
        if self.day_log.isChecked():
            return self.tr("Gate log of %1").replace("%1", self.gate.currentText().strip())
        return self.tr("Gate log sheet (blank)")

    def form_name(self) -> str:
        item = self.forms.currentItem()
        return item.data(Qt.UserRole) if item else "notice"

    def select_form(self, name: str) -> None:
        for i in range(self.forms.count()):
            if self.forms.item(i).data(Qt.UserRole) == name:
                self.forms.setCurrentRow(i)

    def choose_household(self, household_id: str, address: str) -> None:
        """Print one household's sheet (``household_id``; '' : by place again)."""
        self.household_id = household_id
        self.household_label.setText(address)
        self._options_changed()

    def print_household(self, household_id: str, address: str) -> None:
        """The register page's 打印本户登记表: this household's sheet, previewed."""
        self.select_form("household-sheet")
        self.choose_household(household_id, address)
        self.preview()

    def print_gate_log(self, gate: str, day: date) -> None:
        """出入记录's 打印…: the gate's passages of the day its log shows, previewed here (then
        printed or saved as any form is)."""
        self.select_form("gate-sheet")
        self.gate.setEditText(gate)
        self.day_log.setChecked(True)
        self.day.setDate(day)
        self.preview()

    def request(self) -> PrintRequest:
        form = self.form_name()
        one = self.household_id if form == "household-sheet" else ""
        return PrintRequest(
            form, compound="" if one else self.compound.currentData() or "",
            building="" if one else self.building.currentData() or "", household_id=one,
            template=self.template.currentData() or "",
            # the box is the clerk's choice where the paper may show numbers whole (FormInfo.numbers)
            masked=self._masked_asked(form), gate=self.gate.currentText().strip(), pages=self.pages.value(),
            gate_log=form == "gate-sheet" and self.day_log.isChecked(), helper=self.helper.text().strip(),
            poster=self.poster.isChecked(), round_name=self.round_name.text().strip(),
            day=shown_date(self.day) if self._dated(form) else None)

    def _dated(self, form: str) -> bool:
        """Whether the paper is of the day in the day field: a visit sheet, a gate's day log."""
        return form == "visit-sheet" or (form == "gate-sheet" and self.day_log.isChecked())

    def _masked_asked(self, form: str) -> bool | None:
        """The request's ``masked``: on a names-only paper (the battle map) the public version,
        never a full copy to ask a reason for; elsewhere the clerk's box where numbers may show."""
        if form in NAMES_ONLY:
            return True if self.public_map.isChecked() else None
        return self.masked.isChecked() if self._numbers_may_show(form) else None

    @staticmethod
    def _numbers_may_show(form: str) -> bool:
        """Whether the form can print whole numbers at all (a posted paper never does)."""
        info = FORMS.get(form)
        return info is not None and info.numbers != NEVER

    def _options_changed(self) -> None:
        form = self.form_name()
        info = FORMS.get(form)
        if info is not None and form != self._masked_form:
            # Another form: the box starts as that paper's own rule (the office's household
            # sheet whole, a visit sheet masked), locked ticked for an account without full outputs.
            self._masked_form = form
            set_for_form(self.masked, form, self.app)
        one = form == "household-sheet" and bool(self.household_id)
        scoped = info is not None and info.scoped and not one
        buildings = not self.village or self.building.count() > 1
        for row, shown in ((self.household_label, one), (self.by_place, one),
                           (self.compound, scoped), (self.building, scoped and buildings),
                           (self.template, form == "notice"), (self.edit_templates, form == "notice"),
                           (self.poster, form == "notice"), (self.office_masthead, form == "notice"),
                           (self.masked, self._numbers_may_show(form)), (self.public_map, form in NAMES_ONLY),
                           (self.gate, form == "gate-sheet"),
                           (self.day_log, form == "gate-sheet"),
                           (self.pages, form == "gate-sheet" and not self.day_log.isChecked()),
                           (self.day, self._dated(form)), (self.helper, form == "visit-sheet"),
                           (self.round_name, form == "canvass-sheet")):
            self.options_form.setRowVisible(row, shown)
        label = self.options_form.labelForField(self.day)
        if label is not None:
            label.setText(self.tr("Visits due on") if form == "visit-sheet" else self.tr("Day"))
        if self.preview_request is not None and self.preview_request != self.request():
            self.status.setText(self.tr("The choices changed: press Preview to see the new version."))

    # -- drawing in the background ---------------------------------------------------------
    def _run(self, request: PrintRequest, path: Path, on_done, preview: bool = False) -> None:
        if self.task is not None:
            return
        self.task = PrintTask(self.register, request, path, self, preview=preview)
        dialog = self.progress_dialog = QProgressDialog(self.tr("Preparing the pages..."), self.tr("Cancel"),
                                                        0, 0, self)
        dialog.setWindowTitle(self.tr("Printing"))
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.canceled.connect(self.task.cancel)
        self.task.progress.connect(self._progress)
        self.task.done.connect(on_done)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(lambda: self.status.setText(self.tr("Cancelled. Nothing was printed.")))
        self.task.finished.connect(self._task_finished)
        self._set_busy(True)
        self.status.setText(self.tr("Preparing the pages..."))
        self.task.start()

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(done)
            self.progress_dialog.setLabelText(self.tr("Drawing %1 of %2...").replace("%1", str(done))
                                              .replace("%2", str(total)))

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, self.tr("Cannot print"), message)

    def _task_finished(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        task, self.task = self.task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.preview_button, self.print_button, self.save_button, self.forms):
            w.setEnabled(not busy)

    # -- preview, save, print --------------------------------------------------------------
    def _asked(self, request: PrintRequest) -> PrintRequest | None:
        """The request with the reason a full copy needs, asked of the clerk; None: cancelled
        (or the day typed does not exist: said, nothing drawn for another day than the one typed)."""
        if request.form == "visit-sheet":
            try:
                date_of(self.day)
            except InputError as e:
                self._failed(e.message)
                return None
        if request.masked is not False:
            return request
        # One household's sheet (打印本户登记表 on the register page) names the household asked about.
        what = self.tr("household sheet of %1").replace("%1", self.household_label.text()) \
            if request.household_id else ""
        reason = full_output_reason(self, self.app, what)
        if reason is None:
            self.status.setText(self.tr("Cancelled. Nothing was printed."))
            return None
        return replace(request, reason=reason)

    def preview(self, then=None) -> None:
        request = self.request()
        asked = self._asked(request)
        if asked is None:
            return
        self._previews += 1
        path = Path(self._tmp_dir) / f"preview-{self._previews}.pdf"

        def shown(printed):
            self.document.close()
            old, self.preview_path, self.preview_request = self.preview_path, printed.path, request
            self.document.load(str(printed.path))
            self.stack.setCurrentWidget(self.view)
            if old and old != printed.path:
                old.unlink(missing_ok=True)
            self.status.setText(self.tr("%1 pages.").replace("%1", str(printed.pages)) + self._phone_missing(request))
            if then:
                then()
        self._run(asked, path, shown, preview=True)

    def _phone_missing(self, request: PrintRequest) -> str:
        """A note when the paper tells people to call the office and no phone is filled in:
        isolation notices went out with a blank line and nobody said why."""
        if not FORMS[request.form].office_phone or get_setting(self.app.db, "office_phone").strip():
            return ""
        return " " + self.tr("No %1 is filled in: these pages print a blank line where people are told to call."
                             " Fill in %1 (or ask the administrator to) and preview again.").replace("%1", self.phone_label)

    def _preview_is_current(self) -> bool:
        return self.preview_path is not None and self.preview_request == self.request()

    def save_pdf(self, path: str | None = None) -> None:
        if path is None:
            day = shown_date(self.day) if self._dated(self.form_name()) else date.today()
            suggested = str(Path.home() / suggested_file_name(self._paper_name(), day))
            path = ask_save_path(self, self.tr("Save PDF"), suggested, "PDF (*.pdf)")
            if not path:
                return
        target = Path(path)
        if self._preview_is_current():
            try:
                save_preview_copy(self.app.db, self.preview_request, self.preview_path, target)
            except InputError as e:
                self._failed(e.message)
                return
            except OSError as e:
                self._failed(describe_os_error(e, target))
                return
            self.status.setText(self.tr("Saved: %1").replace("%1", str(target)))
            return
        asked = self._asked(self.request())
        if asked is None:
            return
        self._run(asked, target,
                  lambda printed: self.status.setText(self.tr("Saved: %1").replace("%1", str(printed.path))))

    def print_(self) -> None:
        if not self._preview_is_current():
            self.preview(then=self.print_)
            return
        if not QPrinterInfo.availablePrinters():
            # Windows' own dialog says nothing useful then, or nothing at all; the pages can
            # still go to paper by way of a USB stick.
            self._failed(self.tr("No printer is installed on this computer. Use “Save PDF...” to put the "
                                 "pages on a USB stick and print them on a computer that has a printer."))
            return
        self.printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(self.printer, self)
        dialog.setOption(QPrintDialog.PrintPageRange, True)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QPrintDialog.Accepted:
            self.send_to_printer(self.printer)
        self.printer = None

    def send_to_printer(self, printer: QPrinter) -> int:
        """Print the previewed PDF; a progress window with cancel for long runs."""
        dialog = QProgressDialog(self.tr("Sending to the printer..."), self.tr("Cancel"), 0,
                                 self.document.pageCount(), self)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)

        def progress(done, total):
            dialog.setMaximum(total)
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()
        sent = print_pdf(self.document, printer, progress)
        cancelled = dialog.wasCanceled()
        dialog.reset()
        dialog.deleteLater()
        if sent == 0 and not cancelled:
            self._failed(self.tr("The printer did not take the pages: is it switched on, connected and "
                                 "loaded with paper? Check it and press “Print...” again, or use “Save PDF...”."))
            return 0
        self.status.setText(self.tr("%1 pages sent to the printer.").replace("%1", str(sent)))
        return sent

    def open_editor(self) -> None:
        dialog = NoticeEditorDialog(self.library, self.template.currentData() or "", self)
        dialog.exec()
        if dialog.changed:
            self.events.notify("paper")

    def stop_task(self) -> None:
        """Cancel a running job and wait for its thread (it stops after the current item)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
