"""Change a checkpoint (卡口): its name (a typo 东们), its place (a compound, a village group, or
the whole community), its kind and whether a temperature is needed to come in. The same row is
written, so its passages keep it and the change reaches the other computers by sync."""
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from desktop.app import App
from desktop.gate import checkpoints as gate_checkpoints
from desktop.gate.records import Checkpoint
from ui.i18n import label
from ui.place_labels import community_labels, place_field
from ui.widgets.form_dialog import FormDialog


def fill_places(combo: QComboBox, app: App) -> None:
    """The places a checkpoint may stand at: the whole community (a road checkpoint serving the
    whole village, or a community's every compound: no place of its own), then each compound or
    village group. The data is the compound's id, '' for the whole community."""
    combo.clear()
    combo.addItem(community_labels(app.db).whole, "")
    for c in app.register.compounds():
        combo.addItem(c.name, c.id)


def fill_kinds(combo: QComboBox) -> None:
    """The kinds of checkpoint, worded as everywhere else (desktop.gate.checkpoints.KIND_WORDS)."""
    for code in gate_checkpoints.KIND_WORDS:
        combo.addItem(label(gate_checkpoints.KIND_WORDS, code), code)


class CheckpointDialog(FormDialog):
    def __init__(self, app: App, checkpoint: Checkpoint, parent=None):
        super().__init__(parent)
        self.app, self.checkpoint = app, checkpoint
        self.setWindowTitle(self.tr("Change checkpoint %1").replace("%1", checkpoint.name))
        form = self.form
        self.name = form.add("name", self.tr("Checkpoint &name *"), QLineEdit(checkpoint.name))
        self.name.setObjectName("checkpoint_edit_name")
        self.compound = form.add("compound", place_field(app.db), QComboBox())
        self.compound.setObjectName("checkpoint_edit_compound")
        fill_places(self.compound, app)
        self.compound.setCurrentIndex(max(0, self.compound.findData(checkpoint.compound_id or "")))
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        self.kind.setObjectName("checkpoint_edit_kind")
        fill_kinds(self.kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(checkpoint.kind)))
        self.temperature = form.add("temperature", "", QCheckBox(self.tr("Temperature needed to come in")))
        self.temperature.setObjectName("checkpoint_edit_temperature")
        self.temperature.setChecked(checkpoint.temperature_on_entry)
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: gate_checkpoints.change_checkpoint(
            self.app.db, self.checkpoint.id, self.name.text(), self.compound.currentData() or None,
            self.kind.currentData(), self.temperature.isChecked()))
