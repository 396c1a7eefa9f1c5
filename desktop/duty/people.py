"""The people on duty (值守和走访人员): volunteers, grid workers, cadres sent down to the community
(下沉干部) and staff, with the unit they come from, their skills, where and when they can serve.

A person is found again by name and phone, never by a UNIQUE constraint: one machine refuses
a second entry of the same name and phone, but two machines (the office and the gate laptop)
may each register the same volunteer, and sync then brings both entries. The duty page lists
them and the clerk joins them (desktop/duty/duplicates.py); until then the roster treats the
two as one person for overlapping shifts (desktop/duty/roster.py)."""
from datetime import datetime

from db.connection import Database
from db.sync.ids import uuid7
from desktop.duty.records import KIND, DutyPerson
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.phone import reachable_person
from desktop.register import now_text
from desktop.textnorm import clean, clean_name
from desktop.accounts.roles import Permission, require

_SELECT = ("SELECT d.id, d.full_name, d.phone, d.kind, d.unit_name, d.skills, d.compound_id, c.name,"
           " d.checkpoint_id, k.name, d.available, d.note FROM duty_person d"
           " LEFT JOIN compound c ON c.id = d.compound_id LEFT JOIN checkpoint k ON k.id = d.checkpoint_id")


def _from_row(r) -> DutyPerson:
    return DutyPerson(r[0], r[1] or "", r[2] or "", r[3] or "volunteer", r[4] or "", r[5] or "", r[6], r[7] or "",
                      r[8], r[9] or "", r[10] or "", r[11] or "")


class DutyBook:
    """Use cases of the people on duty over one database."""

    def __init__(self, db: Database):
        require(db, Permission.REGISTER_READ)
        self.db = db

    def _values(self, full_name, phone, kind, unit_name, skills, compound_id, checkpoint_id, available,
                note) -> dict:
        name, number, errors = reachable_person(full_name, phone, name_missing="请填写姓名。",
                                                phone_missing="请填写电话，排班后要能找到人。")
        if kind not in KIND:
            errors.append(InputError("kind", "请选择人员类型：志愿者、网格员、下沉干部或社区工作者。"))
        unit = clean(unit_name)
        if kind == "sunk_cadre" and not unit:
            errors.append(InputError("unit_name", "下沉干部请填写派出单位（街道要按单位统计时长）。"))
        if errors:
            raise InputErrors(errors)
        return {"full_name": name, "phone": number, "kind": kind, "unit_name": unit or None,
                "skills": clean(skills) or None, "compound_id": compound_id or None,
                "checkpoint_id": checkpoint_id or None, "available": clean(available) or None,
                "note": clean(note) or None}

    def add_person(self, full_name: str, phone: str, kind: str = "volunteer", unit_name: str = "",
                   skills: str = "", compound_id: str | None = None, checkpoint_id: str | None = None,
                   available: str = "", note: str = "") -> DutyPerson:
        values = self._values(full_name, phone, kind, unit_name, skills, compound_id, checkpoint_id, available, note)
        with self.db.transaction() as conn:
            same = conn.execute("SELECT id FROM duty_person WHERE full_name = ? AND phone = ? AND is_deleted = 0",
                                (values["full_name"], values["phone"])).fetchone()
            if same:
                raise InputErrors([InputError("full_name", f"“{values['full_name']}”（同一个电话）已经登记过了。")])
            pid = uuid7()
            cols = {"id": pid, **values, "created_site": self.db.site.site_id, "created_wall": now_text()}
            conn.execute(f"INSERT INTO duty_person ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         tuple(cols.values()))
        return self.person(pid)

    def update_person(self, person_id: str, full_name: str, phone: str, kind: str = "volunteer",
                      unit_name: str = "", skills: str = "", compound_id: str | None = None,
                      checkpoint_id: str | None = None, available: str = "", note: str = "") -> DutyPerson:
        values = self._values(full_name, phone, kind, unit_name, skills, compound_id, checkpoint_id, available, note)
        with self.db.transaction() as conn:
            self.person(person_id)
            conn.execute(f"UPDATE duty_person SET {', '.join(f'{c} = ?' for c in values)} WHERE id = ?",
                         (*values.values(), person_id))
        return self.person(person_id)

    def upcoming_shifts(self, person_id: str, now: datetime | None = None) -> int:
        """How many shifts of theirs have not started yet (what removing them takes off)."""
        with self.db.reading() as conn:
            return conn.execute("SELECT count(*) FROM duty_shift WHERE person_id = ? AND is_deleted = 0"
                                " AND starts_at > ?", (person_id, _minute(now))).fetchone()[0]

    def remove_person(self, person_id: str, now: datetime | None = None) -> int:
        """Off the list, and their shifts that have not started yet off the roster (before, a
        volunteer who had left stayed on the printed roster and on the gate's "on duty" line);
        the shifts they served, or are serving, keep counting in the hours. Returns how many
        shifts went."""
        with self.db.transaction() as conn:
            self.person(person_id)
            gone = conn.execute("UPDATE duty_shift SET is_deleted = 1 WHERE person_id = ? AND is_deleted = 0"
                                " AND starts_at > ?", (person_id, _minute(now))).rowcount
            conn.execute("UPDATE duty_person SET is_deleted = 1 WHERE id = ?", (person_id,))
        return gone

    def person(self, person_id: str) -> DutyPerson:
        with self.db.reading() as conn:
            r = conn.execute(_SELECT + " WHERE d.id = ? AND d.is_deleted = 0", (person_id,)).fetchone()
        if not r:
            raise NotFoundError("这位值守人员")
        return _from_row(r)

    def people(self, kind: str | None = None, search: str = "") -> list[DutyPerson]:
        where, args = ["d.is_deleted = 0"], []
        if kind:
            where.append("d.kind = ?")
            args.append(kind)
        if clean(search):
            where.append("(d.full_name LIKE ? OR d.unit_name LIKE ? OR d.skills LIKE ?)")
            args += [f"%{clean(search)}%"] * 3
        with self.db.reading() as conn:
            rows = conn.execute(_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY d.kind, d.full_name",
                                args).fetchall()
        return [_from_row(r) for r in rows]

    def find_by_name(self, full_name: str) -> DutyPerson | None:
        """The one person of this name (for a canvasser typed on a sheet); None when none or several."""
        name = clean_name(full_name)
        with self.db.reading() as conn:
            rows = conn.execute(_SELECT + " WHERE d.full_name = ? AND d.is_deleted = 0", (name,)).fetchall()
        return _from_row(rows[0]) if len(rows) == 1 else None


def _minute(now: datetime | None) -> str:
    """Shifts are kept to the minute ('2020-02-10T08:00'); one starting this minute has begun."""
    return (now or datetime.now()).replace(second=0, microsecond=0).isoformat(timespec="minutes")
