"""Vehicles known to the gate: a plate belongs to a household (and maybe a person)."""
from db.connection import Database
from db.sync.ids import uuid7
from desktop.address import format_place
from desktop.errors import InputError
from desktop.gate.plates import normalise_plate
from desktop.gate.records import Vehicle
from desktop.register import now_text
from desktop.register.queries import household_name_sql
from desktop.textnorm import clean

# A car registered to a person alone is their household's car (subjects.vehicle_subject).
_HOUSEHOLD = ("coalesce(v.household_id, (SELECT m.household_id FROM membership m"
              " WHERE m.person_id = v.person_id AND m.is_deleted = 0 LIMIT 1))")
_SELECT = (f"SELECT v.id, v.plate, {_HOUSEHOLD}, v.person_id, c.name, b.number, u.number, h.room, h.address_text,"
           f" v.note, {household_name_sql('h.id')} FROM vehicle v LEFT JOIN household h ON h.id = {_HOUSEHOLD}"
           " LEFT JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
           " LEFT JOIN unit u ON u.id = h.unit_id")


def _vehicle(r) -> Vehicle:
    return Vehicle(r[0], r[1], r[2], r[3], format_place(r[4], r[5], r[6], r[7], r[8]) if r[2] else "", r[9] or "",
                   (r[10] or "") if r[2] else "")


def add_vehicle(db: Database, plate: str, household_id: str | None = None, person_id: str | None = None,
                note: str = "") -> Vehicle:
    number = normalise_plate(plate)
    if not number:
        raise InputError("plate", "请填写车牌号。")
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM vehicle WHERE plate = ? AND is_deleted = 0", (number,)).fetchone():
            raise InputError("plate", f"车牌 {number} 已经登记过了。")
        vid = uuid7()
        conn.execute("INSERT INTO vehicle (id, plate, household_id, person_id, note, created_site, created_wall)"
                     " VALUES (?,?,?,?,?,?,?)", (vid, number, household_id, person_id, clean(note) or None,
                                                 db.site.site_id, now_text()))
    return find_vehicle(db, number)


def find_vehicle(db: Database, plate: str) -> Vehicle | None:
    number = normalise_plate(plate)
    with db.reading() as conn:
        r = conn.execute(_SELECT + " WHERE v.plate = ? AND v.is_deleted = 0", (number,)).fetchone()
    return _vehicle(r) if r else None


def vehicles_ending(db: Database, digits: str, limit: int = 10) -> list[Vehicle]:
    """Plates ending in the typed digits ('2345' finds 鄂A12345)."""
    with db.reading() as conn:
        rows = conn.execute(_SELECT + " WHERE v.plate LIKE ? AND v.is_deleted = 0 LIMIT ?",
                            (f"%{digits.upper()}", limit)).fetchall()
    return [_vehicle(r) for r in rows]
