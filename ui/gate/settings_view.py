"""Gate settings: the checkpoints, which one this machine serves, the household rule."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop import place_words
from desktop.app import App
from desktop.errors import InputError
from desktop.gate import checkpoints as gate_checkpoints
from desktop.gate import rule as gate_rule
from ui.events import DataEvents
from ui.gate.checkpoint_dialog import CheckpointDialog, fill_kinds, fill_places
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
        fill_kinds(self.kind)
        self.temperature = QCheckBox(self.tr("Temperature needed to come in"), self)
        self.temperature.setChecked(True)
        add = QPushButton(self.tr("Add checkpoint"), self)
        add.setObjectName("checkpoint_add")
        add.clicked.connect(self.add)
        self.message = QLabel(self)
        self.message.setObjectName("gate_settings_message")
        # The checkpoints there are, to change one: a typo in its name, another place, kind or
        # temperature rule (before, only another one could be added, and the logs split in two).
        self.list = QListWidget(self)
        self.list.setObjectName("checkpoint_list")
        self.list.setMaximumHeight(140)
        self.list.itemActivated.connect(lambda _item: self.change())      # Enter, double click
        self.change_button = QPushButton(self.tr("&Change…"), self)
        self.change_button.setObjectName("checkpoint_change")
        self.change_button.clicked.connect(self.change)
        self.remove_button = QPushButton(self.tr("&Remove…"), self)
        self.remove_button.setObjectName("checkpoint_remove")
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        listed = QHBoxLayout()
        listed.addWidget(self.list, 1)
        listed.addLayout(buttons)
        gates = QGroupBox(self.tr("Checkpoints"), self)
        form = QFormLayout(gates)
        form.addRow(self.tr("This computer serves"), self.serving)
        form.addRow(self.tr("Existing checkpoints"), listed)
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
        every = gate_checkpoints.checkpoints(self.db)
        # No gate here (the office): chosen as a gate is, and undone by choosing one. The only
        # gate is every machine's (this_checkpoint): no choice to offer.
        if len(every) != 1:
            self.serving.addItem(self.tr("(not used at a gate)"), None)
        selected = self.list.currentItem().data(Qt.UserRole) if self.list.currentItem() else None
        self.list.clear()
        places = {p.id: p.name for p in self.app.register.compounds()}
        for c in every:
            self.serving.addItem(c.name, c.id)
            if current and c.id == current.id:
                self.serving.setCurrentIndex(self.serving.count() - 1)
            item = QListWidgetItem(self._line(c, places), self.list)
            item.setData(Qt.UserRole, c.id)
            if c.id == selected:
                self.list.setCurrentItem(item)
        self.change_button.setEnabled(self.list.count() > 0)
        self.remove_button.setEnabled(self.list.count() > 0)
        chosen = self.compound.currentIndex()
        chosen_id = self.compound.currentData() if chosen >= 0 else None
        self.compound.blockSignals(True)
        fill_places(self.compound, self.app)
        # A road checkpoint serving the whole village is the usual choice in a village, not in a city.
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

    def _line(self, c, places: dict[str, str]) -> str:
        """A checkpoint as the list shows it: name, place, kind, and whether a temperature is needed."""
        place = places.get(c.compound_id or "", community_labels(self.db).whole)
        kind = self.kind.itemText(max(0, self.kind.findData(c.kind)))
        temperature = self.tr("temperature needed") if c.temperature_on_entry else self.tr("no temperature")
        return f"{c.name}    {place} · {kind} · {temperature}"

    def _chosen(self):
        """The checkpoint chosen in the list (the only one, when there is one), or None, said."""
        item = self.list.currentItem() or (self.list.item(0) if self.list.count() == 1 else None)
        if item is None:
            self.message.setText(self.tr("Choose a checkpoint in the list first."))
            self.message.setStyleSheet("color: #c62828;")
            return None
        chosen = gate_checkpoints.checkpoint(self.db, item.data(Qt.UserRole))
        if chosen is None:          # gone meanwhile (removed on another computer, synced)
            self.refresh()
            self.message.setText(self.tr("This checkpoint is no longer there (removed on another computer?)."))
            self.message.setStyleSheet("color: #c62828;")
        return chosen

    def change(self) -> None:
        """The chosen checkpoint's fields, filled, to change and save (修改…)."""
        chosen = self._chosen()
        if chosen is None:
            return
        dialog = CheckpointDialog(self.app, chosen, self)
        if not dialog.exec():
            return
        self.message.setText(self.tr("Checkpoint %1 saved.").replace("%1", dialog.saved.name))
        self.message.setStyleSheet("color: #2e7d32;")
        self.events.notify("gate_settings")

    def remove(self) -> None:
        """The chosen checkpoint off the lists, asked first; its passages stay, under its name."""
        chosen = self._chosen()
        if chosen is None:
            return
        passages = gate_checkpoints.passages_at(self.db, chosen.id)
        question = (self.tr("Remove checkpoint %1? It leaves the list of checkpoints; its %2 passages stay in the "
                            "log, shown and printed under its name.").replace("%2", str(passages)) if passages else
                    self.tr("Remove checkpoint %1? No passage was logged there."))
        box = QMessageBox(QMessageBox.Question, self.tr("Remove checkpoint"), question.replace("%1", chosen.name),
                          QMessageBox.Yes | QMessageBox.No, self)
        box.setDefaultButton(QMessageBox.No)        # an Enter pressed in haste removes nothing
        if box.exec() != QMessageBox.Yes:
            return
        try:
            gate_checkpoints.remove_checkpoint(self.db, chosen.id)
        except InputError as e:
            self.message.setText(e.message)
            self.message.setStyleSheet("color: #c62828;")
        else:
            self.message.setText(self.tr("Checkpoint %1 removed.").replace("%1", chosen.name))
            self.message.setStyleSheet("color: #2e7d32;")
        self.events.notify("gate_settings")

    def serve(self, _index: int) -> None:
        was = gate_checkpoints.this_checkpoint(self.db)
        chosen = self.serving.currentData()
        if (was.id if was else None) == chosen:
            return
        gate_checkpoints.serve_checkpoint(self.db, chosen)
        if chosen is None:          # what the office's gate screen does now
            self.message.setText(self.tr("This computer no longer serves %1: its gate screen asks which "
                                         "checkpoint before it logs a passage.").replace("%1", was.name))
            self.message.setStyleSheet("color: #2e7d32;")
        self.events.notify("gate_settings")

    def add(self) -> None:
        try:
            c = gate_checkpoints.add_checkpoint(self.db, self.name.text(), self.compound.currentData() or None,
                                                self.kind.currentData(), self.temperature.isChecked())
        except InputError as e:
            self.message.setText(e.message)
            self.message.setStyleSheet("color: #c62828;")
            return
        # Not served here: the office adds every gate (the rule: checkpoints.serve_checkpoint).
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
