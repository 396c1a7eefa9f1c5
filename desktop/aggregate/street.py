"""Street-office mode (街道模式, issue 19 point 1): one machine holds several communities, each
fed by its own packages; figures per community and summed; drill-down street -> community ->
household.

**One replica file per community** under the street's folder (``<street>/communities/<safe
id>.db``), each a complete Menshen database that imports ITS community's packages with the
ordinary sync (desktop/sync/exchange.py ``import_packages``), rather than one street database
where every row carries a community column. Why:

* the merge, the refusals, the knowledge and the conflict rules are exactly the community's own
  (db/sync/merge.py), with nothing to keep in step;
* every figure is the community's own function (desktop/overview) run on the replica, so the
  street's figures cannot disagree with what the community prints; the street's sum is the sum;
* two communities' rows never meet (their place ids may coincide: places have deterministic
  ids), and a community that leaves the street is one file removed;
* a street is 10-20 communities (about 200,000 people): a handful of files. Cities use
  PostgreSQL (desktop/aggregate/pg.py), where every row is keyed by its community.

Each replica knows its community by the local setting ``sync_community_id`` (set before its
first import), so it takes only that community's packages from a shared folder.
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable

from db.connection import Database
from desktop.overview.status import register_totals, status_counts
from desktop.overview.today import gates_today
from desktop.settings import get_setting, set_setting
from desktop.sync.exchange import COMMUNITY_SETTING, import_packages
from desktop.sync.errors import StickReadError
from desktop.sync.mailbox import list_packages

FIGURES = ("households", "people", "key_persons", "healthy", "home_isolation", "observation", "away",
           "gate_in", "gate_out", "gate_turned_back", "gate_fevers")


def community_figures(db: Database, day: date) -> dict[str, int]:
    """One community's figures of ``day`` from its own database, by desktop/overview's own
    functions: households, people and key persons now (register_totals), people per status now
    (status_counts), and the day's gate passages (gates_today, the whole day)."""
    totals = register_totals(db)
    status = status_counts(db, totals["people"])
    by_gate, _ = gates_today(db, datetime.combine(day, time(23, 59, 59)))
    return {**totals, **status,
            "gate_in": sum(g.went_in for g in by_gate), "gate_out": sum(g.went_out for g in by_gate),
            "gate_turned_back": sum(g.turned_back for g in by_gate), "gate_fevers": sum(g.fevers for g in by_gate)}


def summed(per_community: dict[str, dict]) -> dict[str, int]:
    return {k: sum(f.get(k, 0) for f in per_community.values()) for k in FIGURES}


def _safe(community_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", community_id)[:80] or "_"


@dataclass
class StreetIngest:
    per_community: dict = field(default_factory=dict)      # community id -> ImportResult
    no_passphrase: list = field(default_factory=list)      # community ids without a passphrase
    unreadable: list = field(default_factory=list)         # (file name, error): no header to read

    @property
    def packages(self) -> int:
        return sum(r.packages for r in self.per_community.values())

    @property
    def n_new(self) -> int:
        return sum(r.n_new for r in self.per_community.values())

    @property
    def refused(self) -> list:
        """(file name, error) once each: every community's import lists the folder's unreadable
        files again, and with no community readable nothing listed them at all (a package of a
        newer Menshen was passed over without a word)."""
        out, seen = [], set()
        for name, err in [*self.unreadable, *(x for r in self.per_community.values() for x in r.refused)]:
            if name not in seen:
                seen.add(name)
                out.append((name, said_for_import(err)))
        return out


def said_for_import(err: Exception) -> Exception:
    """A stick that failed while the street imported tells the clerk to import again (the street
    page's action), not to sync again as on the sync page."""
    return err.retold("import") if isinstance(err, StickReadError) else err


def ingest_for_street(db, street: "Street", packages: Path | str, *, passphrase: str = "",
                      passphrase_file: Path | str | None = None) -> StreetIngest:
    """The street page's import (the same as ``menshen aggregate --street``): every community's
    new packages in ``packages`` into its replica. The passphrases come from a passphrase file
    (one community a line, desktop/aggregate/passphrases.py) or one ``passphrase`` for every
    community; neither is kept. Needs the sync right (the street office's admin)."""
    from desktop.accounts.roles import Permission, require
    from desktop.aggregate import passphrases as pp
    from desktop.errors import InputError
    require(db, Permission.SYNC)
    if not Path(packages).is_dir():
        raise InputError("packages", f"找不到放同步包的文件夹 {packages}（U盘拔出了吗？）。")
    if passphrase_file:
        try:
            mapping = pp.read(Path(passphrase_file))
        except pp.PassphraseFileError as err:
            raise InputError("passphrase_file", err.message) from None
    elif passphrase.strip():
        mapping = {"*": passphrase.strip()}
    else:
        raise InputError("passphrase", "请输入各社区共用的同步口令，或选择口令文件（每行“社区编号 口令”）。")
    return street.ingest(packages, pp.lookup(mapping))


class Street:
    """The street office's folder of community replicas (see the module docstring)."""

    def __init__(self, folder: Path | str, user_name: str = "street"):
        self.folder = Path(folder)
        (self.folder / "communities").mkdir(parents=True, exist_ok=True)
        self.user_name = user_name
        self._open: dict[str, Database] = {}

    def _path(self, community_id: str) -> Path:
        return self.folder / "communities" / f"{_safe(community_id)}.db"

    def replica(self, community_id: str) -> Database:
        """The community's replica, made on first use."""
        if community_id not in self._open:
            path = self._path(community_id)
            db = Database(path, config_file=path.with_suffix(".site.json"), user_name=self.user_name)
            with db.transaction() as conn:
                conn.execute("INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                             (COMMUNITY_SETTING, community_id))
            self._open[community_id] = db
        return self._open[community_id]

    def communities(self) -> list[str]:
        """The communities this street holds: every replica in the folder that has taken a
        package. One made for a package that was then refused (a wrong passphrase, a file cut
        off on the stick) holds nothing: before, it was counted as a community of 0 people,
        named by its id, on the page and in the street's report."""
        import sqlite3
        out = []
        for path in sorted((self.folder / "communities").glob("*.db")):
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (COMMUNITY_SETTING,)).fetchone()
                taken = conn.execute("SELECT EXISTS (SELECT 1 FROM sync_knowledge)").fetchone()[0]
            finally:
                conn.close()
            if row and row[0] and taken:
                out.append(row[0])
        return sorted(out)

    def ingest(self, packages: Path | str, passphrase_for: Callable[[str], str | None]) -> StreetIngest:
        """Import every community's new packages in ``packages`` into its replica."""
        result = StreetIngest()
        try:
            found, unreadable = list_packages(Path(packages))
            result.unreadable = [(bad.path.name, bad.error) for bad in unreadable]
            for community in sorted({p.header.community_id for p in found}):
                secret = passphrase_for(community)
                if not secret:
                    result.no_passphrase.append(community)
                    continue
                result.per_community[community] = import_packages(self.replica(community), packages, secret)
        except StickReadError as err:
            raise said_for_import(err) from err.__cause__
        return result

    def figures(self, day: date) -> dict[str, dict]:
        """community id -> its figures of ``day`` (community_figures on its replica)."""
        return {c: community_figures(self.replica(c), day) for c in self.communities()}

    def community_name(self, community_id: str) -> str:
        """Its name as its packages gave it; the id of a community not held here (asking makes
        no replica)."""
        return self.community_names().get(community_id) or self._name_and_code(community_id)[0]

    def community_names(self) -> dict[str, str]:
        """community id -> its name on the page and in the report, every community read once (a
        page of N communities asked each name N times). Two communities of one name (two 新民社区
        of a district, or one set up again with a new id) were two rows alike: each gets its code or id."""
        found = {c: self._name_and_code(c) for c in self.communities()}
        times = Counter(name for name, _ in found.values())
        return {c: f"{name}（编号 {code or c[:8]}）" if name != c and times[name] > 1 else name
                for c, (name, code) in found.items()}

    def _name_and_code(self, community_id: str) -> tuple[str, str]:
        if community_id not in self._open and not self._path(community_id).exists():
            return community_id, ""
        with self.replica(community_id).reading() as conn:
            row = conn.execute("SELECT name, code FROM community WHERE id = ?", (community_id,)).fetchone()
        return (row[0] if row and row[0] else community_id), (row[1] or "" if row else "")

    def close(self) -> None:
        for db in self._open.values():
            db.close()
        self._open.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# -- the street page's reading (ui/pages/street_page.py calls these) ---------------------------

FOLDER_SETTING = "street_folder"


def street_folder(db: Database) -> Path | None:
    """The street office's folder of community replicas, as chosen on this machine."""
    with db.reading() as conn:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (FOLDER_SETTING,)).fetchone()
    return Path(row[0]) if row and row[0] else None


def set_street_folder(db: Database, folder: Path | str) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                     " SET value = excluded.value", (FOLDER_SETTING, str(folder)))


PAGE_SETTING = "street_page"


def street_page_shown(db: Database) -> bool:
    """Whether this machine shows the street office's page (街道). A community or village office
    imports no other community's packages, so only a street office's machine needs it: one whose
    street folder is chosen here, or where the page was asked for (视图 ▸ 街道汇总页, a street
    office's first day); asked for or put away by hand, that choice stands."""
    chosen = get_setting(db, PAGE_SETTING)
    return chosen == "1" if chosen in ("0", "1") else street_folder(db) is not None


def show_street_page(db: Database, shown: bool) -> None:
    set_setting(db, PAGE_SETTING, "1" if shown else "0")


@dataclass(frozen=True)
class HouseholdLine:
    id: str
    address: str
    people: int
    status: str | None          # the most serious member's status (desktop/overview/status.py)


def households(street: Street, community_id: str, limit: int = 2000) -> list[HouseholdLine]:
    """One community's households for the drill-down: address (compound, building, unit, room
    as the register writes it; a counts-only community sends no room: 幸福里小区 3栋), live
    members, the most serious status among them (the battle map's colour), in address order.
    Before, the address was the room alone: '101' over and over, for every building."""
    from desktop.address import format_place
    from desktop.overview.status import SEVERITY, severity_sql
    with street.replica(community_id).reading() as conn:
        rows = conn.execute(
            "SELECT h.id, c.name, b.number, u.number, h.room, h.address_text, count(p.id),"
            f" min({severity_sql('p.status')})"
            " FROM household h LEFT JOIN compound c ON c.id = h.compound_id"
            " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
            " LEFT JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0"
            " LEFT JOIN person p ON p.id = m.person_id AND p.is_deleted = 0"
            " WHERE h.is_deleted = 0 GROUP BY h.id"
            " ORDER BY c.name, length(b.number), b.number, length(u.number), u.number,"
            " length(h.room), h.room, h.address_text, h.id LIMIT ?", (limit,)).fetchall()
    return [HouseholdLine(r[0], format_place(r[1], r[2], r[3], r[4], r[5]), r[6],
                          SEVERITY[r[7]] if r[7] is not None else None) for r in rows]


@dataclass(frozen=True)
class MemberLine:
    name: str                   # empty when the community sends counts only
    relation: str               # head | spouse | … (desktop/vocab.py RELATION)
    id_masked: str              # 4201**********123X: the street sees who, never the full number
    status: str | None


def members(street: Street, community_id: str, household_id: str) -> list[MemberLine]:
    """The last step of the drill-down (street → community → household → its people): the live
    members, the head first. What a community keeps back (``desktop/aggregate/privacy.py``:
    a counts-only package has no names) is simply absent here."""
    from desktop.masking import mask_id_number
    with street.replica(community_id).reading() as conn:
        rows = conn.execute(
            "SELECT coalesce(p.full_name, ''), m.relation, coalesce(p.id_number, ''), p.status"
            " FROM membership m JOIN person p ON p.id = m.person_id AND p.is_deleted = 0"
            " WHERE m.household_id = ? AND m.is_deleted = 0"
            " ORDER BY m.relation != 'head', p.birth_date, p.id", (household_id,)).fetchall()
    return [MemberLine(name, relation or "other", mask_id_number(number) if number else "", status)
            for name, relation, number, status in rows]
