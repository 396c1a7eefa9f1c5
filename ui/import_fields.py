"""An import's fields as the window names them: the columns pane's "Means" choices and the
preview's headers. desktop/excel/columns.py keeps each field's Chinese header (the command line
and the errors workbook say it, an exported list is headed by it); here each field has its
English word, translated back to that same Chinese: in the English window the choices read
"Name", "ID number", never 姓名, 身份证号码. A test holds the Chinese alike with desktop's."""
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.excel.columns import CANVASS, GATE

CONTEXT = "ImportFields"

# Keyed by the field's name (desktop/excel/columns.py FIELDS).
FIELD_WORDS = {
    "full_name": QT_TRANSLATE_NOOP("ImportFields", "Name"),
    "given_name": QT_TRANSLATE_NOOP("ImportFields", "Given name"),
    "id_number": QT_TRANSLATE_NOOP("ImportFields", "ID number"),
    "phone": QT_TRANSLATE_NOOP("ImportFields", "Phone"),
    "compound": QT_TRANSLATE_NOOP("ImportFields", "Compound"),
    "building": QT_TRANSLATE_NOOP("ImportFields", "Building"),
    "unit": QT_TRANSLATE_NOOP("ImportFields", "Unit"),
    "room": QT_TRANSLATE_NOOP("ImportFields", "Room"),
    "address": QT_TRANSLATE_NOOP("ImportFields", "Address"),
    "household_no": QT_TRANSLATE_NOOP("ImportFields", "Household no."),
    "address_text": QT_TRANSLATE_NOOP("ImportFields", "Door address"),
    "sex": QT_TRANSLATE_NOOP("ImportFields", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("ImportFields", "Birth date"),
    "id_type": QT_TRANSLATE_NOOP("ImportFields", "ID type"),
    "relation": QT_TRANSLATE_NOOP("ImportFields", "Relation to head"),
    "tenure": QT_TRANSLATE_NOOP("ImportFields", "Owned or rented"),
    "residence_kind": QT_TRANSLATE_NOOP("ImportFields", "Residence type"),
    "landlord_name": QT_TRANSLATE_NOOP("ImportFields", "Landlord"),
    "landlord_phone": QT_TRANSLATE_NOOP("ImportFields", "Landlord's phone"),
    "other_phone": QT_TRANSLATE_NOOP("ImportFields", "Other phone"),
    "hukou_address": QT_TRANSLATE_NOOP("ImportFields", "Hukou place"),
    "is_key_person": QT_TRANSLATE_NOOP("ImportFields", "Key person"),
    "key_reason": QT_TRANSLATE_NOOP("ImportFields", "Key person reason"),
    "status": QT_TRANSLATE_NOOP("ImportFields", "Status"),
    "work_place": QT_TRANSLATE_NOOP("ImportFields", "Workplace"),
    "note": QT_TRANSLATE_NOOP("ImportFields", "Note"),
    "date": QT_TRANSLATE_NOOP("ImportFields", "Date"),
    "time": QT_TRANSLATE_NOOP("ImportFields", "Time"),
    "time_in": QT_TRANSLATE_NOOP("ImportFields", "Time in"),
    "time_out": QT_TRANSLATE_NOOP("ImportFields", "Time out"),
    "direction": QT_TRANSLATE_NOOP("ImportFields", "In/out"),
    "temperature": QT_TRANSLATE_NOOP("ImportFields", "Temperature"),
    "plate": QT_TRANSLATE_NOOP("ImportFields", "Plate"),
    "reason": QT_TRANSLATE_NOOP("ImportFields", "Reason"),
    "from_place": QT_TRANSLATE_NOOP("ImportFields", "Coming from"),
    "visiting": QT_TRANSLATE_NOOP("ImportFields", "Visiting"),
    "reason_visiting": QT_TRANSLATE_NOOP("ImportFields", "Reason/visiting"),
    "door": QT_TRANSLATE_NOOP("ImportFields", "Room/address"),
    "outcome": QT_TRANSLATE_NOOP("ImportFields", "Outcome"),
    "recorded_by": QT_TRANSLATE_NOOP("ImportFields", "Recorded by"),
    "categories": QT_TRANSLATE_NOOP("ImportFields", "Categories"),
    "needs": QT_TRANSLATE_NOOP("ImportFields", "Needs"),
    "frequency": QT_TRANSLATE_NOOP("ImportFields", "Visit frequency"),
    "helper": QT_TRANSLATE_NOOP("ImportFields", "Helper"),
    "helper_phone": QT_TRANSLATE_NOOP("ImportFields", "Helper's phone"),
    "emergency_contact": QT_TRANSLATE_NOOP("ImportFields", "Emergency contact"),
    "emergency_phone": QT_TRANSLATE_NOOP("ImportFields", "Emergency phone"),
    "last_visit": QT_TRANSLATE_NOOP("ImportFields", "Last visit"),
    "code": QT_TRANSLATE_NOOP("ImportFields", "Code"),
    "fever": QT_TRANSLATE_NOOP("ImportFields", "Fever"),
    "cough": QT_TRANSLATE_NOOP("ImportFields", "Cough"),
    "arrived": QT_TRANSLATE_NOOP("ImportFields", "Arrived from elsewhere"),
    "contact": QT_TRANSLATE_NOOP("ImportFields", "Contact history"),
    "canvasser": QT_TRANSLATE_NOOP("ImportFields", "Canvasser"),
    "visited_on": QT_TRANSLATE_NOOP("ImportFields", "Visited on"),
}
# A field one kind heads otherwise (a canvass's 摸排结果, the gate's 处理结果): its own words.
KIND_WORDS = {
    (GATE, "outcome"): FIELD_WORDS["outcome"],
    (CANVASS, "outcome"): QT_TRANSLATE_NOOP("ImportFields", "Canvass result"),
    (CANVASS, "needs"): QT_TRANSLATE_NOOP("ImportFields", "Needs help"),
}
# A village's 组别 column is its 村民小组 (desktop's field_label says why).
VILLAGE_GROUP = QT_TRANSLATE_NOOP("ImportFields", "Village group")
# What an update changes beyond the fields: the household behind the same door (所在户).
HOUSEHOLD = QT_TRANSLATE_NOOP("ImportFields", "Household")


def field_caption(kind: str, key: str, village: bool = False) -> str:
    """The field ``key`` of an import of ``kind`` in the window's language."""
    word = VILLAGE_GROUP if village and key == "compound" else KIND_WORDS.get((kind, key), FIELD_WORDS[key])
    return QCoreApplication.translate(CONTEXT, word)


def change_caption(kind: str, key: str, village: bool = False) -> str:
    """A field an update changes (``PlanRow.changes``), or its household, in the window's language."""
    return QCoreApplication.translate(CONTEXT, HOUSEHOLD) if key == "household" else field_caption(kind, key, village)
