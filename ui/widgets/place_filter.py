"""Compound and building pickers for narrowing a list to one place."""
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from desktop import place_words
from desktop.register import Register
from ui.place_labels import community_labels


class PlaceFilter(QWidget):
    changed = Signal()

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.compound = QComboBox(self)
        self.compound.setObjectName("filter_compound")
        self.building = QComboBox(self)
        self.building.setObjectName("filter_building")
        for combo in (self.compound, self.building):
            # Its longest item, always: a crowded filter row (1024 pixels) squeezed them to a
            # few 'x' widths ("全部楼…"), and the buildings change with the compound.
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.compound)
        row.addWidget(self.building)
        self.reload()
        self.compound.currentIndexChanged.connect(self._compound_changed)
        self.building.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def reload(self) -> None:
        current = self.compound.currentData()
        self.compound.blockSignals(True)
        self.compound.clear()
        # A village has groups, no compounds or buildings: its care list said 全部小区 / 全部楼栋.
        village = not place_words.community_words(self.register.db).has_buildings
        self.compound.addItem(community_labels(self.register.db).whole if village else self.tr("All compounds"), None)
        self.building.setVisible(not village)
        for c in self.register.compounds():
            self.compound.addItem(c.name, c.id)
        self.compound.setCurrentIndex(max(self.compound.findData(current), 0) if current else 0)
        self.compound.blockSignals(False)
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("All buildings"), None)
        if self.compound.currentData():
            for b in self.register.buildings(self.compound.currentData()):
                self.building.addItem(self.tr("Building %1").replace("%1", b.number), b.id)
        self.building.setEnabled(self.building.count() > 1)
        self.building.blockSignals(False)

    def _compound_changed(self, _index: int) -> None:
        self._fill_buildings()
        self.changed.emit()

    def compound_id(self) -> str | None:
        return self.compound.currentData()

    def building_id(self) -> str | None:
        return self.building.currentData()
