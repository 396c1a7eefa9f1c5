"""What a community lets go upward (issue 19, point 3): chosen by its admin, applied when the
package is MADE (never sent whole and filtered later), and audited.

Levels (``LEVELS``):

* ``full``   全部数据  — every change as it is (the community's own machines, and a street office
  the community trusts with its register).
* ``lists``  名单      — what the level above may see in lists: people's names, sex and kind of
  ID document, households' addresses, statuses, gate passages; never ID numbers, birth dates, phones, hukou addresses,
  landlords' phones, free-text notes, staff names.
* ``counts`` 只报数字  — only what the figures are counted from: a person's status, key-person
  flag and household, a household's place, gate passages without names or plates. No name,
  no ID number, no phone, no free text.

Each level is a **whitelist** of tables and columns (a column added later by a migration does
not go upward until someone adds it here). A change is cut down to the allowed columns of its
field groups; a group left empty goes; a change left empty is not sent at all; its hash is
made again for the new body (``db.sync.log.content_hash``), so the receiver checks it as usual.
The staff member's name on each change is left out below ``full``.

Consequences worth knowing: a cut-down change keeps its (site, seq), so a machine must never be
given both the full and a cut-down package of the same community (it refuses the second as
"sequence reused with another content", which is right: they differ). The receiver's knowledge
has holes where changes were left out; it is only a receiver (a street office or the city),
so nothing is sent onward from that knowledge.
"""
import json

from db.sync.log import canonical_json, content_hash

FULL, LISTS, COUNTS = "full", "lists", "counts"
LEVELS = (FULL, LISTS, COUNTS)
LEVEL_NAMES = {FULL: "全部数据", LISTS: "名单（不含身份证号、电话）", COUNTS: "只报数字（不含姓名、身份证号、电话）"}
SETTING = "upward_privacy_level"        # local_setting: the admin's choice for the street's packages

_CREATED = ("is_deleted", "created_site", "created_wall")

# The columns each table may send at ``counts``.
COUNTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "community": ("name", "kind", "code", *_CREATED),
    "grid": ("community_id", "name", *_CREATED),
    "compound": ("community_id", "grid_id", "name", "kind", "address", "has_property_management", *_CREATED),
    "building": ("compound_id", "number", "grid_id", *_CREATED),
    "unit": ("building_id", "number", *_CREATED),
    "household": ("compound_id", "building_id", "unit_id", "tenure", *_CREATED),
    "person": ("residence_kind", "is_key_person", "status", "status_since", "merged_into", *_CREATED),
    "membership": ("household_id", "person_id", "relation", *_CREATED),
    "status_change": ("person_id", "old_status", "new_status", "changed_at", "created_site"),
    "checkpoint": ("compound_id", "name", "kind", "temperature_on_entry", *_CREATED),
    "gate_log": ("kind", "checkpoint_id", "at", "direction", "person_id", "household_id", "pass_id", "temperature",
                 "fever", "outcome", "rule_exceeded", "source", "voids_id", "created_site", "created_wall"),
    "isolation_episode": ("person_id", "kind", "start_on", "planned_end_on", "released_on", *_CREATED),
    "care_subject": ("person_id", "categories", "frequency", "listed_on", "last_visit_on", *_CREATED),
}

# What ``lists`` adds: names and addresses the level above may see in its lists.
LISTS_EXTRA: dict[str, tuple[str, ...]] = {
    "household": ("room", "address_text"),
    # id_type (身份证 or 护照, never the number) goes with sex: they share a field group, and a
    # group sent in part is written whole at the street, a column left out as NULL; id_type is
    # NOT NULL, so without it every lists package was refused there.
    "person": ("full_name", "name_pinyin", "name_initials", "sex", "id_type", "key_reason", "status_reason"),
    "status_change": ("reason",),
    "gate_log": ("holder_name",),
    "isolation_episode": ("reason",),
}


def allowed_columns(level: str) -> dict[str, frozenset] | None:
    """table -> the columns that go upward at ``level``; None: everything (``full``)."""
    if level == FULL:
        return None
    if level not in LEVELS:
        raise ValueError(f"unknown privacy level {level!r}")
    out = {t: set(cols) for t, cols in COUNTS_COLUMNS.items()}
    if level == LISTS:
        for t, cols in LISTS_EXTRA.items():
            out.setdefault(t, set()).update(cols)
    return {t: frozenset(c) for t, c in out.items()}


def redact_change(change, allowed: dict[str, frozenset]):
    """The change cut down to ``allowed`` (a tuple in CHANGE_COLUMNS order), or None when
    nothing of it may go."""
    site_id, seq, hlc, tbl, row_id, kind, cols, base, sha, version, wall, _user = tuple(change)[:12]
    keep = allowed.get(tbl)
    if not keep:
        return None
    body = json.loads(cols)
    cut = {}
    for group, values in body.items():
        kept = {c: v for c, v in values.items() if c in keep}
        if kept:
            cut[group] = kept
    if not cut:
        return None
    new_cols = canonical_json(cut)
    if new_cols != cols:
        sha = content_hash(base, new_cols, hlc, kind, row_id, version, seq, site_id, tbl)
    return (site_id, seq, hlc, tbl, row_id, kind, new_cols, base, sha, version, wall, None)


def redact_changes(changes, level: str) -> list:
    """Every change cut down to ``level`` (see the module docstring); ``full`` keeps them all."""
    allowed = allowed_columns(level)
    if allowed is None:
        return list(changes)
    out = []
    for c in changes:
        cut = redact_change(c, allowed)
        if cut is not None:
            out.append(cut)
    return out


def upward_level(db) -> str:
    """The level the community's admin chose for packages going upward (default: counts)."""
    with db.reading() as conn:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (SETTING,)).fetchone()
    return row[0] if row and row[0] in LEVELS else COUNTS


def set_upward_level(db, level: str) -> None:
    """The admin's choice (kept on this machine; each package made with it is audited)."""
    if level not in LEVELS:
        raise ValueError(f"unknown privacy level {level!r}")
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                     " SET value = excluded.value", (SETTING, level))


def audit_upward(db, level: str, people: int, path) -> None:
    """One audit row per package made for upward (desktop/audit.py): who, when, which level,
    how many people's rows, masked unless ``full``."""
    from desktop.audit import record_output
    record_output(db, "export", f"上报同步包：{LEVEL_NAMES[level]}", people, level != FULL, path,
                  reason=f"privacy level {level}")
