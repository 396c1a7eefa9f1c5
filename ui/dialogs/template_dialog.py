"""Mapping the street office's template once: each blank (or column) to a figure (or field).
Saving keeps the mapping under the template's signature, so the next fill needs no questions."""
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QLineEdit, QTableWidget

from desktop.excel.template import FIGURES, FIGURES_FORM, LIST_FILLS, TemplatePlan, save_template
from ui.widgets.form_dialog import FormDialog


class TemplateDialog(FormDialog):
    """``plan``: the automatic mapping, or the kept one when the clerk maps a template again."""

    def __init__(self, app, plan: TemplatePlan, default_name: str = "", parent=None):
        super().__init__(parent, min_width=620)
        self.app, self.plan, self.mapped = app, plan, None
        self.setWindowTitle(self.tr("Map the street office's template"))
        self.resize(620, 560)
        self.name = self.form.add("name", self.tr("Template name:"), QLineEdit())
        self.name.setPlaceholderText(self.tr("e.g. daily report to the street office"))
        self.name.setText(plan.name or default_name)
        if plan.form == FIGURES_FORM:
            choices = [(f.label, f.key) for f in FIGURES]
            header = self.tr("Blank in the template")
        else:
            choices = [(label, key) for key, label in LIST_FILLS.items()]     # only what the fill can do
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
        self.lay_out(below=(self.table,))

    def mapped_plan(self) -> TemplatePlan:
        mapping = {}
        for r, target in enumerate(self.targets):
            key = self.table.cellWidget(r, 1).currentData()
            if key:
                mapping[target] = key
        return replace(self.plan, mapping=mapping, name=self.name.text().strip())

    def save(self) -> None:
        """Keep the mapping; the dialog's ``mapped`` is then the plan to fill with."""
        plan = self.mapped_plan()
        if self.attempt(lambda: save_template(self.app, plan.name, plan)):
            self.mapped = plan
