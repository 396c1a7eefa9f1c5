"""The people removed from the register (已删除的人员), to put one back: 删除人员 promises that a
removal can be undone, and a clerk who removed the wrong row under pressure finds them here by
name, ID digits or the door they lived behind (3栋2单元) and presses 恢复 (or Enter on the row).
They go back to the household they were taken out of; the dialog says where, and the register
page shows them again."""
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QVBoxLayout)

from desktop import vocab
from desktop.errors import InputError, NotFoundError
from desktop.records import RemovedPerson
from desktop.register import Register
from ui import i18n
from ui.models.rows_model import RowsModel
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import down_goes_to, list_table, open_row_with

SEARCH_DELAY_MS = 150
# The list shows the people removed last; more than that is a sign to type a name.
SHOWN = 200


class RemovedPeopleDialog(QDialog):
    # A person was put back (a RestoredPerson): the register page shows them.
    restored = Signal(object)

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.setWindowTitle(self.tr("Removed people"))
        self.setObjectName("removed_people_dialog")

        self.search = QLineEdit(self)
        self.search.setObjectName("removed_search")
        self.search.setPlaceholderText(self.tr("Find by name, pinyin initials, digits of the ID number "
                                                 "or the old door (3-2-501)"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._go_to_results)
        down_goes_to(self.search, self._go_to_results)

        self.model = RowsModel([self.tr("Name"), self.tr("ID number"), self.tr("Former address"),
                                self.tr("Relation"), self.tr("Removed at"), self.tr("Removed by")], self)
        self.table = list_table(self, self.model, "removed_table", (80, 160, 260, 80, 130, 80))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.hint = EmptyHint(self.table)
        open_row_with(self.table, self.restore)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())

        self.count_label = QLabel(self)
        self.count_label.setObjectName("removed_count")
        self.count_label.setWordWrap(True)
        # No button is the dialog's default: Enter in the search searches, Enter on a row restores it.
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restore")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        # Fits a 1024×768 screen with its taskbar; the address column takes what is left.
        self.resize(860, 480)
        self.reload()
        self.search.setFocus()

    def current(self) -> RemovedPerson | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def reload(self, *_args, choose_first: bool = True) -> None:
        """List who is removed (matching the search); ``choose_first``: the first row is chosen,
        so Enter restores it (not after a restore: a second Enter would restore the next person)."""
        self._timer.stop()
        text = self.search.text().strip()
        people = self.register.removed_people(text, limit=SHOWN + 1)
        more = len(people) > SHOWN
        people = people[:SHOWN]
        self.model.set_rows([self._row(p) for p in people], people)
        if more:
            self.count_label.setText(self.tr("The %1 people removed last are shown; type a name to find others.")
                                     .replace("%1", str(SHOWN)))
        else:
            self.count_label.setText(self.tr("%1 removed people").replace("%1", str(len(people))) if people else "")
        self.hint.set_text(self.tr("Nobody found among the removed people. Check the name, the digits "
                                   "or the door.") if text else self.tr("Nobody has been removed from the register."))
        if people and choose_first:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self._enable()

    def _row(self, p: RemovedPerson) -> tuple:
        address = p.address or self.tr("(in no household)")
        if p.household_gone and p.address:
            address = self.tr("%1 (this household has been removed)").replace("%1", p.address)
        return (p.full_name, p.id_number_masked, address,
                i18n.label(vocab.RELATION, p.relation) if p.relation else "", p.removed_at, p.removed_by)

    def _enable(self) -> None:
        self.restore_button.setEnabled(self.current() is not None)

    def _go_to_results(self) -> None:
        """Search now (not after the typing pause) and go to the first person found."""
        if self._timer.isActive():
            self.reload()
        if self.model.rowCount():
            self.table.setFocus(Qt.OtherFocusReason)

    def restore(self) -> None:
        person = self.current()
        if person is None:
            return
        try:
            result = self.register.restore_person(person.id)
        except (InputError, NotFoundError) as e:      # a second person with the number, or gone meanwhile
            QMessageBox.warning(self, self.tr("Restore"), e.message)
            self.reload()
            return
        self.restored.emit(result)
        QMessageBox.information(self, self.tr("Restore"), result.message)
        self.reload(choose_first=False)
        self.search.setFocus(Qt.OtherFocusReason)
