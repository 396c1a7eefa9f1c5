"""Mapping the street office's template once: each blank (or column) to a figure (or field)."""
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QLineEdit, QTableWidget, QVBoxLayout)

from desktop.excel.columns import fields_of
from desktop.excel.template import FIGURES, FIGURES_FORM, TemplatePlan


class TemplateDialog(QDialog):
    def __init__(self, plan: TemplatePlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Map the street office's template"))
        self.resize(620, 520)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. daily report to the street office"))
        form = QFormLayout()
        form.addRow(self.tr("Template name:"), self.name)
        if plan.form == FIGURES_FORM:
            choices = [(f.label, f.key) for f in FIGURES]
            header = self.tr("Blank in the template")
        else:
            register = fields_of("register")
            choices = [("序号", "seq"), ("住址", "address")] + [
                (register[k].label, k) for k in register if k not in ("address", "compound")] + [("小区", "compound")]
            header = self.tr("Column in the template")
        self.targets = list(plan.labels) if plan.labels else list(plan.mapping)
        self.table = QTableWidget(len(self.targets), 2, self)
        self.table.setHorizontalHeaderLabels([header, self.tr("Filled with")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        for r, target in enumerate(self.targets):
            self.table.setCellWidget(r, 0, QLabel(str(plan.labels.get(target, target)), self))
            combo = QComboBox(self)
            combo.addItem(self.tr("(leave empty)"), None)
            for label, key in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(target))))
            self.table.setCellWidget(r, 1, combo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def mapped_plan(self) -> TemplatePlan:
        mapping = {}
        for r, target in enumerate(self.targets):
            key = self.table.cellWidget(r, 1).currentData()
            if key:
                mapping[target] = key
        return TemplatePlan(self.plan.form, self.plan.sheet, self.plan.signature, mapping,
                            self.plan.header_row, self.plan.list_name, self.plan.labels)
