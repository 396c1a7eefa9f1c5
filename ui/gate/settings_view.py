"""Gate settings: the checkpoints, which one this machine serves, the household rule."""
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop import place_words
from desktop.app import App
from desktop.errors import InputError
from desktop.gate import checkpoints as gate_checkpoints
from desktop.gate import rule as gate_rule
from ui.events import DataEvents
from ui.place_labels import community_labels, place_field, place_labels


class SettingsView(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        self.serving = QComboBox(self)
        self.serving.setObjectName("gate_serving")
        self.serving.activated.connect(self.serve)
        self.name = QLineEdit(self)
        self.name.setObjectName("checkpoint_name")
        self.compound = QComboBox(self)
        self.compound.setObjectName("checkpoint_compound")
        self.compound.currentIndexChanged.connect(self._usual_kind)
        self.kind = QComboBox(self)
        self.kind.setObjectName("checkpoint_kind")
        self.kind.addItem(self.tr("Compound gate"), "compound_gate")
        self.kind.addItem(self.tr("Village road"), "village_road")
        self.temperature = QCheckBox(self.tr("Temperature needed to come in"), self)
        self.temperature.setChecked(True)
        add = QPushButton(self.tr("Add checkpoint"), self)
        add.setObjectName("checkpoint_add")
        add.clicked.connect(self.add)
        self.message = QLabel(self)
        self.message.setObjectName("gate_settings_message")
        gates = QGroupBox(self.tr("Checkpoints"), self)
        form = QFormLayout(gates)
        form.addRow(self.tr("This computer serves"), self.serving)
        form.addRow(self.tr("New checkpoint"), self.name)
        form.addRow(place_field(self.app.db), self.compound)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow("", self.temperature)
        form.addRow("", add)

        rule = gate_rule.household_rule(self.db)
        self.people = QSpinBox(self)
        self.people.setObjectName("rule_people")
        self.people.setRange(0, 20)
        self.people.setValue(rule.people_per_household)
        self.days = QSpinBox(self)
        self.days.setObjectName("rule_days")
        self.days.setRange(1, 30)
        self.days.setValue(rule.every_days)
        save_rule = QPushButton(self.tr("Save rule"), self)
        save_rule.setObjectName("rule_save")
        save_rule.clicked.connect(self.save_rule)
        rules = QGroupBox(self.tr("Household rule (0 people: no rule)"), self)
        row = QHBoxLayout(rules)
        row.addWidget(QLabel(self.tr("People per household allowed out:"), self))
        row.addWidget(self.people)
        row.addWidget(QLabel(self.tr("every (days):"), self))
        row.addWidget(self.days)
        row.addWidget(save_rule)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(gates)
        layout.addWidget(rules)
        layout.addWidget(self.message)
        layout.addStretch(1)
        events.changed.connect(lambda areas: self.refresh() if areas & {"register", "gate_settings"} else None)
        self.refresh()

    def refresh(self) -> None:
        self.serving.clear()
        current = gate_checkpoints.this_checkpoint(self.db)
        self.serving.addItem(self.tr("(choose)"), None)
        for c in gate_checkpoints.checkpoints(self.db):
            self.serving.addItem(c.name, c.id)
            if current and c.id == current.id:
                self.serving.setCurrentIndex(self.serving.count() - 1)
        chosen = self.compound.currentIndex()
        chosen_id = self.compound.currentData() if chosen >= 0 else None
        self.compound.blockSignals(True)
        self.compound.clear()
        # A checkpoint on the road serves the whole village (every group), or a community's
        # every compound: no place of its own. The usual choice in a village, not in a city.
        self.compound.addItem(community_labels(self.db).whole, "")
        for c in self.app.register.compounds():
            self.compound.addItem(c.name, c.id)
        village = not place_words.community_words(self.db).has_buildings
        usual = 0 if village or self.compound.count() == 1 else 1
        self.compound.setCurrentIndex(usual if chosen < 0 else max(0, self.compound.findData(chosen_id or "")))
        self.compound.blockSignals(False)
        self._usual_kind(self.compound.currentIndex())

    def _usual_kind(self, _index: int) -> None:
        """A village group's checkpoint is a road one, a compound's its gate (the clerk may change it),
        and its example name a village's or a compound's."""
        self.name.setPlaceholderText(
            place_labels(place_words.place_kind(self.db, self.compound.currentData() or None)).gate_example)
        kind = gate_checkpoints.usual_kind(self.db, self.compound.currentData() or None)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def serve(self, _index: int) -> None:
        if self.serving.currentData():
            gate_checkpoints.serve_checkpoint(self.db, self.serving.currentData())
            self.events.notify("gate_settings")

    def add(self) -> None:
        try:
            c = gate_checkpoints.add_checkpoint(self.db, self.name.text(), self.compound.currentData() or None,
                                                self.kind.currentData(), self.temperature.isChecked())
        except InputError as e:
            self.message.setText(e.message)
            self.message.setStyleSheet("color: #c62828;")
            return
        if gate_checkpoints.this_checkpoint(self.db) is None:
            gate_checkpoints.serve_checkpoint(self.db, c.id)
        self.name.clear()
        self.message.setText(self.tr("Checkpoint %1 added.").replace("%1", c.name))
        self.message.setStyleSheet("color: #2e7d32;")
        self.events.notify("gate_settings")

    def save_rule(self) -> None:
        try:
            r = gate_rule.set_household_rule(self.db, self.people.value(), self.days.value())
        except InputError as e:
            self.message.setText(e.message)
            return
        self.message.setText(self.tr("Rule saved: %1").replace("%1", gate_rule.rule_text(r)))
        self.message.setStyleSheet("color: #2e7d32;")
        self.events.notify("gate_settings")
