"""Add or edit a person. Messages appear beside the field; nothing is saved until all is right."""
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from desktop import vocab
from desktop.errors import DuplicatePersonError, InputError
from desktop.idnumber import parse_resident_id
from desktop.records import Person
from desktop.register import PersonForm, Register
from desktop.register.residence import home_names, kind_of
from ui import i18n
from ui.widgets.form_dialog import FormDialog


def fill_combo(combo: QComboBox, vocabulary: dict, current: str | None = None) -> None:
    combo.clear()
    for code in vocabulary:
        combo.addItem(i18n.label(vocabulary, code), code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))


class PersonDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, household_id: str | None = None,
                 person: Person | None = None, parent=None):
        super().__init__(parent, min_width=480)
        self.register, self.household_id, self.person = register, household_id, person
        self.setWindowTitle(self.tr("Edit person") if person else self.tr("Add person"))
        form = self.form
        self.full_name = form.add("full_name", self.tr("&Name *"), QLineEdit())
        self.id_type = form.add("id_type", self.tr("Document &type"), QComboBox())
        fill_combo(self.id_type, vocab.ID_TYPE, "resident_id")
        self.id_number = form.add("id_number", self.tr("&Document number"), QLineEdit())
        self.id_number.setPlaceholderText(self.tr("18 digits; sex and birth date are read from it"))
        self.sex = form.add("sex", self.tr("Se&x"), QComboBox())
        self.sex.addItem("", "")
        for code in vocab.SEX:
            self.sex.addItem(i18n.label(vocab.SEX, code), code)
        self.birth_date = form.add("birth_date", self.tr("&Birth date"), QLineEdit())
        self.birth_date.setPlaceholderText("1960-05-01")
        self.phone = form.add("phone", self.tr("&Phone"), QLineEdit())
        self.relation = form.add("relation", self.tr("&Relation to head"), QComboBox())
        fill_combo(self.relation, vocab.RELATION, "other")
        self.residence_kind = form.add("residence_kind", self.tr("Res&idence"), QComboBox())
        fill_combo(self.residence_kind, vocab.RESIDENCE, "registered")
        self.hukou_address = form.add("hukou_address", self.tr("Registered &address"), QLineEdit())
        self.is_key_person = form.add("is_key_person", self.tr("&Key person"), QCheckBox(self.tr("On the key-person list")))
        self.key_reason = form.add("key_reason", self.tr("W&hy a key person"), QLineEdit())
        self.work_place = form.add("work_place", self.tr("&Work place"), QLineEdit())
        self.note = form.add("note", self.tr("N&ote"), QLineEdit())
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.hint.hide()
        above = ()
        if person is None:                  # which household the new person joins, said before typing
            joins = register.household(household_id).address if household_id else ""
            self.joins = QLabel(self.tr("Joins household: %1").replace("%1", joins) if joins else
                                self.tr("Not in any household. To add someone to a household, "
                                        "choose it in the tree (or one of its people) first."), self)
            self.joins.setObjectName("joins_household")
            self.joins.setWordWrap(True)
            above = (self.joins,)
        self.lay_out(*above, below=(self.hint,))
        self.id_number.editingFinished.connect(self._check_id_number)
        self.id_type.currentIndexChanged.connect(self._check_id_number)
        # The 户籍地 typed tells 户籍人口 from 常住人口（非户籍） (the import's rule), unless the
        # clerk chose the kind in this form: their choice stands.
        self._kind_chosen = self._hukou_typed = False
        self.residence_kind.activated.connect(lambda _: setattr(self, "_kind_chosen", True))
        self.hukou_address.textEdited.connect(lambda _: setattr(self, "_hukou_typed", True))
        self.hukou_address.editingFinished.connect(self._kind_from_hukou)
        if person:
            self._load(person)
        else:
            self.relation.setEnabled(household_id is not None)
            if household_id:
                self.relation.setCurrentIndex(self.relation.findData(register.relation_offered(household_id)))

    def _load(self, p: Person) -> None:
        self.full_name.setText(p.full_name)
        self.id_type.setCurrentIndex(max(0, self.id_type.findData(p.id_type)))
        self.id_number.setText(p.id_number)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
        self.birth_date.setText(p.birth_date)
        self.phone.setText(p.phone)
        self.relation.setCurrentIndex(max(0, self.relation.findData(p.relation or "other")))
        self.relation.setEnabled(bool(p.household_id))
        self.residence_kind.setCurrentIndex(max(0, self.residence_kind.findData(p.residence_kind)))
        self.hukou_address.setText(p.hukou_address)
        self.is_key_person.setChecked(p.is_key_person)
        self.key_reason.setText(p.key_reason)
        self.work_place.setText(p.work_place)
        self.note.setText(p.note)

    def _kind_from_hukou(self) -> None:
        kind = self.residence_kind.currentData()
        if self._kind_chosen or not self._hukou_typed or kind not in ("registered", "resident"):
            return                          # 流动人口, 人户分离: a word the 户籍地 does not overrule
        told = kind_of("", self.hukou_address.text(), home_names(self.register.db))
        self.residence_kind.setCurrentIndex(max(0, self.residence_kind.findData(told)))

    def _check_id_number(self) -> None:
        """Look the number up as soon as it is typed: search before create, never a second person.
        Only the number's own line (and those of the sex and birth date it fills in) changes:
        the name's 请填写姓名 from the last save used to go when the cursor left the number."""
        self.hint.hide()
        if self.id_type.currentData() != "resident_id" or not self.id_number.text().strip():
            self.form.show_error("id_number", "")
            return
        try:
            parsed = parse_resident_id(self.id_number.text())
        except InputError as e:
            self.form.show_error("id_number", e.message)
            self.id_number.setFocus()
            return
        for name in ("id_number", "sex", "birth_date"):
            self.form.show_error(name, "")
        self.sex.setCurrentIndex(max(0, self.sex.findData(parsed.sex)))
        self.birth_date.setText(parsed.birth_date.isoformat())
        existing = self.register.existing_person(parsed.number)
        if existing and (self.person is None or existing.id != self.person.id):
            self.hint.setText(self.tr("Already in the register: %1 (%2). Open that person instead of adding a second one.")
                              .replace("%1", existing.full_name).replace("%2", existing.address or "-"))
            self.hint.show()
        elif parsed.warning:
            self.hint.setText(parsed.warning)
            self.hint.show()

    def form_value(self) -> PersonForm:
        return PersonForm(
            full_name=self.full_name.text(), id_type=self.id_type.currentData(),
            id_number=self.id_number.text(), sex=self.sex.currentData() or "",
            birth_date=self.birth_date.text(), phone=self.phone.text(),
            residence_kind=self.residence_kind.currentData(), hukou_address=self.hukou_address.text(),
            is_key_person=self.is_key_person.isChecked(), key_reason=self.key_reason.text(),
            work_place=self.work_place.text(), note=self.note.text())

    def save(self) -> None:
        if self.person:
            write = lambda: self.register.update_person(self.person.id, self.form_value(),
                                                        self.relation.currentData())
        else:
            write = lambda: self.register.add_person(
                self.form_value(), self.household_id,
                self.relation.currentData() if self.household_id else "other")
        self.attempt(write, lambda e: {"id_number": e.message}
                     if isinstance(e, DuplicatePersonError) else None)
