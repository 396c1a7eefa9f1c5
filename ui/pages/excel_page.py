"""The Excel page: import a ledger (the wizard) and export the window's lists as workbooks."""
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.app import App
from desktop.errors import InputError
from desktop.excel.lists import export_list
from desktop.excel.template import fill_template, inspect_template, saved_plan
from ui.dialogs.template_dialog import TemplateDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.events import DataEvents
from ui.failures import show_failure
from ui.widgets.full_output import follow_role, full_output_reason
from ui.workers.task import Task, checked, run_job
from ui.widgets.save_as import ask_save_path


class ExcelPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        import_box = QGroupBox(self.tr("Import"), self)
        import_layout = QVBoxLayout(import_box)
        import_layout.addWidget(QLabel(self.tr(
            "Take the ledgers you keep in Excel as they are: household register, gate log, care list "
            "(.xlsx, .xls, WPS's .et, .csv, or Excel's Unicode text .txt). You see every row before anything is saved; "
            "rows with errors come "
            "back as a workbook to fix."), self, wordWrap=True))
        start = QPushButton(self.tr("Import a ledger..."), self)
        start.setObjectName("start_import")
        start.clicked.connect(self.open_wizard)
        import_layout.addWidget(start)

        export_box = QGroupBox(self.tr("Export"), self)
        export_layout = QVBoxLayout(export_box)
        export_layout.addWidget(QLabel(self.tr(
            "Lists as workbooks ready to print: bold header, filter, A4, ID numbers as text."), self, wordWrap=True))
        self.masked = QCheckBox(self.tr("Hide ID numbers and phone numbers (for public lists)"), self)
        export_layout.addWidget(self.masked)
        row = QHBoxLayout()
        for name, title in (("register", self.tr("Household register")), ("key-persons", self.tr("Key persons")),
                            ("care", self.tr("Care list")), ("isolation", self.tr("Isolation follow-up")),
                            ("gate-log", self.tr("Today's gate log"))):
            button = QPushButton(title, self)
            button.setObjectName(f"export_{name}")
            button.clicked.connect(lambda _checked=False, n=name, t=title: self.export(n, t))
            row.addWidget(button)
        row.addStretch()
        export_layout.addLayout(row)

        template_box = QGroupBox(self.tr("Street office template"), self)
        template_layout = QVBoxLayout(template_box)
        template_layout.addWidget(QLabel(self.tr(
            "Pick the form the street office sends (a daily figures form or a list). The first time you "
            "say which blank gets which figure; from then on it is filled for today in one click."),
            self, wordWrap=True))
        fill = QPushButton(self.tr("Fill a template..."), self)
        fill.setObjectName("fill_template")
        fill.clicked.connect(self.fill_template)
        remap = QPushButton(self.tr("Change a template's mapping..."), self)
        remap.setObjectName("remap_template")
        remap.clicked.connect(self.remap_template)
        buttons = QHBoxLayout()
        buttons.addWidget(fill)
        buttons.addWidget(remap)
        buttons.addStretch()
        template_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(import_box)
        layout.addWidget(export_box)
        layout.addWidget(template_box)
        layout.addStretch()

    def fill_template(self) -> None:
        """Fill the chosen template for today; the first time, ask which blank gets what."""
        self._with_template(remap=False)

    def remap_template(self) -> None:
        """Show a kept mapping again to correct it (the street office changed its form, or a
        blank was mapped wrong), then fill."""
        self._with_template(remap=True)

    def _with_template(self, remap: bool) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the template"), "", "Excel (*.xlsx)")
        if not path:
            return
        try:
            auto = inspect_template(path)
            plan = saved_plan(self.app, auto)
            if plan is None or remap:
                dialog = TemplateDialog(self.app, plan or auto, Path(path).stem, self)
                if dialog.exec() != TemplateDialog.Accepted:
                    return
                plan = dialog.mapped
            default = str(Path(path).with_name(f"{Path(path).stem}_{date.today().isoformat()}.xlsx"))
            out = ask_save_path(self, self.tr("Save the filled form"), default, "Excel (*.xlsx)")
            if out:
                self.fill_to(path, out, plan)
        except (InputError, OSError) as e:         # a template that is not a form, a pulled stick
            show_failure(e, self, self.tr("Street office template"), path, reading=True)

    def fill_to(self, template: str, out: str, plan) -> Task | None:
        """Fill the template into ``out`` in the background (progress, cancel)."""
        masked = self.masked.isChecked()
        reason = "" if masked else full_output_reason(self, self.app)
        if reason is None:
            return None

        def filled(count: int) -> None:
            QMessageBox.information(self, self.tr("Street office template"),
                                    self.tr("%1 blanks or rows filled in %2.").replace("%1", str(count))
                                    .replace("%2", out))
        return run_job(self, self.tr("Street office template"), self.tr("Filling the form..."),
                       lambda progress, cancelled: fill_template(self.app, template, out, plan=plan, masked=masked,
                                                                 reason=reason,
                                                                 progress=checked(progress, cancelled)),
                       filled, on_failed=lambda exc: show_failure(exc, self, self.tr("Street office template"), out))

    def showEvent(self, event) -> None:
        follow_role(self.masked, self.app)      # the account may have changed at the idle lock
        super().showEvent(event)

    def open_wizard(self) -> None:
        ImportWizard(self.app, self.events, self).exec()

    def export(self, name: str, title: str, on: date | None = None, gate_id: str | None = None) -> None:
        """Ask where, then write the list; ``on`` and ``gate_id``: the gate log of that day and
        gate, as 出入记录 shows it (its 导出…)."""
        default = f"{title}_{(on or date.today()).isoformat()}.xlsx"
        path = ask_save_path(self, self.tr("Export"), default, "Excel (*.xlsx);;CSV (*.csv)")
        if path:
            self.export_to(name, path, on, gate_id)

    def export_to(self, name: str, path: str, on: date | None = None, gate_id: str | None = None) -> Task | None:
        """Write the list in the background (progress, cancel); the window stays usable."""
        masked = self.masked.isChecked()
        reason = "" if masked else full_output_reason(self, self.app)
        if reason is None:
            return None

        def written(count: int) -> None:
            QMessageBox.information(self, self.tr("Export"), self.tr("%1 rows written to %2.")
                                    .replace("%1", str(count)).replace("%2", path))
        return run_job(self, self.tr("Export"), self.tr("Writing the list..."),
                       lambda progress, cancelled: export_list(self.app, name, path, masked=masked, reason=reason,
                                                               on=on, gate_id=gate_id,
                                                               progress=checked(progress, cancelled)),
                       written, on_failed=lambda exc: show_failure(exc, self, self.tr("Export"), path))
