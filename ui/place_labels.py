"""The window's words for places, a village's or a city community's: which set is chosen by
the kind (``desktop.place_words``), here once, so every page says 村民小组 to a village and
小区 to a city community."""
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop import place_words


@dataclass(frozen=True)
class PlaceLabels:
    compound: str           # a field's caption: 小区 / 村民小组
    compound_colon: str
    add_compound: str       # the register's button
    whole: str              # every place at once: 整个社区 / 全村
    empty_register: str     # what to press on the first day
    compound_is: str        # a summary's line naming one: 小区：%1。 / 村民小组：%1。
    no_compounds: str       # a page with none to show
    first_compound: str     # an empty map's hint: where to add the first
    gate_example: str       # a new checkpoint's name, for example
    search_example: str     # the register's search box, with a door as its people write it
    nobody_found: str       # the register's search found no one: what to check, the same door
    door: str               # what a gate's search calls a door: 地址 / 门牌
    door_example: str       # a door as its people write it: 3-2-501 / 12号
    visiting_example: str   # a visitor's household visited, for example: its door and a name


def place_labels(kind: str | None) -> PlaceLabels:
    """The labels for a community's kind (community | village) or a compound's."""
    if place_words.words(kind).has_buildings:
        return PlaceLabels(
            QCoreApplication.translate("PlaceLabels", "Compound"),
            QCoreApplication.translate("PlaceLabels", "Compound:"),
            QCoreApplication.translate("PlaceLabels", "Add compound"),
            QCoreApplication.translate("PlaceLabels", "Whole community"),
            QCoreApplication.translate(
                "PlaceLabels", "The register is empty. Press Add compound to add the first compound or village "
                "group, then Add household for each flat or village house, then Add person for each of its "
                "people."),
            QCoreApplication.translate("PlaceLabels", "Compound: %1."),
            QCoreApplication.translate("PlaceLabels", "No compound in the register yet."),
            QCoreApplication.translate("PlaceLabels", "No compound or village group yet. Register them first: "
                                       "on the Register page press Add compound."),
            QCoreApplication.translate("PlaceLabels", "e.g. East gate of Xingfuli"),
            QCoreApplication.translate("PlaceLabels",
                                       "Search: name, pinyin initials (zs), part of ID or phone, address (3-2-501)"),
            QCoreApplication.translate(
                "PlaceLabels", "Nobody found. Check what you typed (a name, pinyin initials such as zs, part of an ID "
                "or phone number, an address such as 3-2-501); someone not registered yet is added with Add person."),
            QCoreApplication.translate("PlaceLabels", "address"),
            "3-2-501",
            QCoreApplication.translate("PlaceLabels", "e.g. 3-2-501 Zhang San"))
    return PlaceLabels(
        QCoreApplication.translate("PlaceLabels", "Village group"),
        QCoreApplication.translate("PlaceLabels", "Village group:"),
        QCoreApplication.translate("PlaceLabels", "Add village group"),
        QCoreApplication.translate("PlaceLabels", "Whole village"),
        QCoreApplication.translate(
            "PlaceLabels", "The register is empty. Press Add village group to add the first village group, "
            "then Add household for each village house (its door number), then Add person for each of its "
            "people."),
        QCoreApplication.translate("PlaceLabels", "Village group: %1."),
        QCoreApplication.translate("PlaceLabels", "No village group in the register yet."),
        QCoreApplication.translate("PlaceLabels", "No village group yet. Register them first: on the Register "
                                   "page press Add village group."),
        QCoreApplication.translate("PlaceLabels", "e.g. Wangjiawan village entrance"),
        QCoreApplication.translate("PlaceLabels",
                                   "Search: name, pinyin initials (zs), part of ID or phone, door number (12)"),
        QCoreApplication.translate(
            "PlaceLabels", "Nobody found. Check what you typed (a name, pinyin initials such as zs, part of an ID or "
            "phone number, a door number such as 12); someone not registered yet is added with Add person."),
        QCoreApplication.translate("PlaceLabels", "door number"),
        QCoreApplication.translate("PlaceLabels", "No. 12"),
        QCoreApplication.translate("PlaceLabels", "e.g. No. 12 Grandpa Wang"))


def community_labels(db) -> PlaceLabels:
    """The labels for the office's own community (a village's or a city community's)."""
    return place_labels(place_words.community_kind(db))


def place_field(db, required: bool = False) -> str:
    """A form's caption for its box of places: a village's are its groups (村民小组), never
    小区; a city community's may be compounds or village groups (小区/村民小组). The required
    box (a household's, a move's) has its Alt key."""
    if place_words.community_words(db).has_buildings:
        return (QCoreApplication.translate("PlaceLabels", "&Compound or village group *") if required
                else QCoreApplication.translate("PlaceLabels", "Compound or village group"))
    return (QCoreApplication.translate("PlaceLabels", "Village &group *") if required
            else QCoreApplication.translate("PlaceLabels", "Village group"))


def fit_door_rows(form, kind: str | None, building, unit, room, address_text) -> None:
    """The door fields of the household and the 迁户 dialogs, by the place's kind: a village
    group's house has no building or unit, and its one door field takes 12, 12号 or 王家湾12号
    alike (``places.house_address``), so the second (门牌地址) is not asked beside it. A box
    that already holds something stays in sight: the clerk must still see it."""
    buildings = place_words.words(kind).has_buildings
    for name, box in (("building", building), ("unit", unit), ("address_text", address_text)):
        form.set_row_visible(name, buildings or bool(box.text().strip()))
    room.setPlaceholderText("501" if buildings else place_labels(kind).door_example)
