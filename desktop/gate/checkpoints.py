"""Checkpoints (卡口) and which one this machine serves (a machine setting: each laptop is at
one gate; the checkpoints themselves are replicated so every office knows them)."""
from db.connection import Database
from db.sync.ids import uuid7
from desktop import place_words
from desktop.accounts.roles import GATE, Permission, actor_of, require
from desktop.errors import InputError
from desktop.gate.records import Checkpoint
from desktop.register import now_text, places
from desktop.machine import machine_setting, set_machine_setting
from desktop.textnorm import clean

# A checkpoint's kind, code -> (English, Chinese) as desktop/vocab.py words codes: the one table
# the gate settings (ui.i18n.label), this module's messages and the audit and sync page
# (desktop.sync.status.CODED) read, so the code compound_gate is never shown.
KIND_WORDS = {"compound_gate": ("Compound gate", "小区大门"), "village_road": ("Village road", "村道路口")}
KINDS = tuple(KIND_WORDS)
SETTING = "gate.checkpoint_id"


def add_checkpoint(db: Database, name: str, compound_id: str | None = None,
                   kind: str | None = None, temperature_on_entry: bool = True) -> Checkpoint:
    """A new checkpoint; without a kind, the kind its place has (``usual_kind``)."""
    require(db, Permission.REGISTER_EDIT)       # the office's places: not a gate account's
    name, kind = _checked(db, name, compound_id, kind or usual_kind(db, compound_id))
    with db.transaction() as conn:
        _name_free(conn, name)
        cid = uuid7()
        conn.execute("INSERT INTO checkpoint (id, compound_id, name, kind, temperature_on_entry,"
                     " created_site, created_wall) VALUES (?,?,?,?,?,?,?)",
                     (cid, compound_id, name, kind, int(temperature_on_entry), db.site.site_id, now_text()))
    return Checkpoint(cid, name, compound_id, kind, temperature_on_entry)


def change_checkpoint(db: Database, checkpoint_id: str, name: str, compound_id: str | None,
                      kind: str, temperature_on_entry: bool) -> Checkpoint:
    """A checkpoint renamed (a typo 东们), moved to another place or to the whole community, of
    another kind, or with the temperature rule changed: the same row, so its passages keep it
    and the edit syncs like any other; the same checks as a new one."""
    require(db, Permission.REGISTER_EDIT)
    name, kind = _checked(db, name, compound_id, kind)
    with db.transaction() as conn:
        if not conn.execute("SELECT 1 FROM checkpoint WHERE id = ? AND is_deleted = 0", (checkpoint_id,)).fetchone():
            raise InputError("checkpoint", "没有找到这个卡口，可能已在别的电脑上删除。")
        _name_free(conn, name, checkpoint_id)
        conn.execute("UPDATE checkpoint SET name = ?, compound_id = ?, kind = ?, temperature_on_entry = ?"
                     " WHERE id = ?", (name, compound_id, kind, int(temperature_on_entry), checkpoint_id))
    return Checkpoint(checkpoint_id, name, compound_id, kind, temperature_on_entry)


def remove_checkpoint(db: Database, checkpoint_id: str) -> None:
    """A checkpoint no longer kept (a gate closed, or added twice) leaves the lists, the gate
    screen's question and the choice of this computer's gate. The row is hidden, never deleted:
    its passages keep it, and the day's log, the printed sheets and the overview still show its
    name (``checkpoint_named``). The hiding syncs like any other change."""
    require(db, Permission.REGISTER_EDIT)
    with db.transaction() as conn:
        if not conn.execute("UPDATE checkpoint SET is_deleted = 1 WHERE id = ? AND is_deleted = 0",
                            (checkpoint_id,)).rowcount:
            raise InputError("checkpoint", "没有找到这个卡口，可能已在别的电脑上删除。")


def passages_at(db: Database, checkpoint_id: str) -> int:
    """How many passages were logged at a checkpoint (what removing it keeps)."""
    with db.reading() as conn:
        return conn.execute("SELECT count(*) FROM gate_log WHERE checkpoint_id = ?", (checkpoint_id,)).fetchone()[0]


def checkpoint_named(db: Database, name: str) -> Checkpoint | None:
    """The checkpoint of this name: the one in use, else a removed one (its passages still print
    under its name)."""
    with db.reading() as conn:
        r = conn.execute("SELECT id, name, compound_id, kind, temperature_on_entry FROM checkpoint"
                         " WHERE name = ? ORDER BY is_deleted, created_wall DESC LIMIT 1", (clean(name),)).fetchone()
    return Checkpoint(r[0], r[1], r[2], r[3], bool(r[4])) if r else None


def checkpoint_called(db: Database, name: str) -> Checkpoint:
    """The checkpoint a command or a paper names (``checkpoint_named``: a removed one too, whose
    passages still print and export), or why not, with the gates there are to choose from."""
    found = checkpoint_named(db, name)
    if found is None:
        every = "、".join(c.name for c in checkpoints(db)) or "（还没有卡口）"
        raise InputError("gate", f"没有名为“{clean(name)}”的卡口。可选：{every}")
    return found


def _checked(db: Database, name: str, compound_id: str | None, kind: str | None) -> tuple[str, str]:
    """A checkpoint's name (cleaned) and kind, or why not: the one rule for a new and a changed one."""
    name = clean(name)
    if not name:
        example = place_words.words(place_words.place_kind(db, compound_id)).gate_example
        raise InputError("name", f"请填写卡口名称，例如：{example}。")
    if kind not in KINDS:
        raise InputError("kind", "请选择卡口类型：" + " 或 ".join(zh for _en, zh in KIND_WORDS.values()) + "。")
    return name, kind


def _name_free(conn, name: str, own_id: str | None = None) -> None:
    """No two checkpoints of one name: their gate logs and printed sheets could not be told apart."""
    if conn.execute("SELECT 1 FROM checkpoint WHERE name = ? AND is_deleted = 0 AND id IS NOT ?",
                    (name, own_id)).fetchone():
        raise InputError("name", f"卡口“{name}”已经存在。")


def usual_kind(db: Database, compound_id: str | None) -> str:
    """The kind a new checkpoint of a place has: a village group's (or, with no place, a
    village's) is a road checkpoint (村道路口), a compound's its gate (小区大门)."""
    return place_words.words(place_words.place_kind(db, compound_id)).gate_kind


def checkpoints(db: Database) -> list[Checkpoint]:
    with db.reading() as conn:
        rows = conn.execute("SELECT id, name, compound_id, kind, temperature_on_entry FROM checkpoint"
                            " WHERE is_deleted = 0").fetchall()
    # 一组路口 before 三组路口 (by characters 三组 came before 二组), as the groups are counted
    return [Checkpoint(r[0], r[1], r[2], r[3], bool(r[4]))
            for r in sorted(rows, key=lambda r: places.place_order(r[1]))]


def checkpoint(db: Database, checkpoint_id: str) -> Checkpoint | None:
    return next((c for c in checkpoints(db) if c.id == checkpoint_id), None)


def this_checkpoint(db: Database) -> Checkpoint | None:
    """The gate this machine serves; the only one when there is just one; None: the gate screen
    must ask (it never saves a passage without a gate). The one place that decides where the
    choice lives: per machine (desktop/machine.py), so a copied database file asks again."""
    chosen = checkpoint(db, machine_setting(db, SETTING))
    if chosen:
        return chosen
    every = checkpoints(db)
    return every[0] if len(every) == 1 else None


def here_first(db: Database) -> list[Checkpoint]:
    """The checkpoints, the one this machine serves first: what a box that names a gate offers."""
    mine = this_checkpoint(db)
    return sorted(checkpoints(db), key=lambda c: mine is None or c.id != mine.id)


def log_of_this_gate_only(db: Database) -> Checkpoint | None:
    """The gate whose passages alone the day's log (出入记录) shows at first, or None: every gate.

    A gate machine is one the gate account (卡口值守) is logged in on and that serves a gate: its
    log starts at its own gate. Anywhere else it is the office, which starts at every gate, as
    Today counts them (an office that serves a gate, as adding the first one made it before
    serve_checkpoint's rule, showed that one gate among several)."""
    return this_checkpoint(db) if actor_of(db).role == GATE else None


def serve_checkpoint(db: Database, checkpoint_id: str | None) -> None:
    """This machine serves the gate: the one rule of where that is chosen. On the machine itself,
    never implied by adding a checkpoint: at its gate screen (这是哪个卡口？, asked once while there
    are several), or in 卡口设置 ▸ 这台电脑服务于. Adding one is the office's work (it adds every
    gate): adding the first made the office PC serve it, so its gate screen saved passages there
    unasked and its handover took the office for that gate. The only gate needs no choice
    (this_checkpoint).

    ``None``: this machine serves no gate (不在卡口使用): an office that served its first gate
    under the old rule could not stop, short of removing the gate. It is not asked unprompted:
    a village office whose PC stands at the road is served rightly, and nothing tells the two apart."""
    if checkpoint_id is not None and checkpoint(db, checkpoint_id) is None:
        raise InputError("checkpoint", "没有找到这个卡口。")
    set_machine_setting(db, SETTING, checkpoint_id or "")
