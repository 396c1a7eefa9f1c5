"""The household rule (e.g. 每户每两天一人外出): set per community, enforced at the gate with a
warning that the guard must confirm, never silently."""
from datetime import datetime, timedelta

from db.connection import Database
from db.sync.ids import natural_id
from desktop.accounts.roles import Permission, require
from desktop.errors import InputError
from desktop.gate.records import HouseholdRule
from desktop.register import now_text


def household_rule(db: Database, community_key: str = "") -> HouseholdRule:
    """The rule a household of a community is held to (``passes.community_key``): the
    community's own, else the office's ('': what the gate settings save). A community set up
    by the first-run wizard keys its households by its id, and the gate read only that row: the
    rule the guard had saved was never applied."""
    own, office = natural_id("gate_rule", community_key), natural_id("gate_rule", "")
    with db.reading() as conn:
        rows = dict((r[0], r[1:]) for r in conn.execute(
            "SELECT id, people_per_household, every_days FROM gate_rule WHERE id IN (?, ?) AND is_deleted = 0",
            (own, office)))
    row = rows.get(own) or rows.get(office)
    return HouseholdRule(row[0], row[1]) if row else HouseholdRule()


def set_household_rule(db: Database, people_per_household: int, every_days: int,
                       community_key: str = "") -> HouseholdRule:
    """0 people turns the rule off. One row per community (a natural id): two offices setting
    the rule make one row, the later setting wins. The office's rule: not a gate account's."""
    require(db, Permission.REGISTER_EDIT)
    if people_per_household < 0 or people_per_household > 20:
        raise InputError("people_per_household", "每户外出人数请填 0 到 20（0 表示不限制）。")
    if every_days < 1 or every_days > 30:
        raise InputError("every_days", "天数请填 1 到 30。")
    rid = natural_id("gate_rule", community_key)
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM gate_rule WHERE id = ?", (rid,)).fetchone():
            conn.execute("UPDATE gate_rule SET people_per_household = ?, every_days = ?, is_deleted = 0 WHERE id = ?",
                         (people_per_household, every_days, rid))
        else:
            conn.execute("INSERT INTO gate_rule (id, community_key, people_per_household, every_days, created_site,"
                         " created_wall) VALUES (?,?,?,?,?,?)",
                         (rid, community_key, people_per_household, every_days, db.site.site_id, now_text()))
    return HouseholdRule(people_per_household, every_days)


def window_start(rule: HouseholdRule, when: datetime) -> str:
    """'every two days' = today and yesterday, counted from midnight."""
    return datetime.combine(when.date() - timedelta(days=rule.every_days - 1), datetime.min.time()).isoformat()


def rule_text(rule: HouseholdRule) -> str:
    if not rule.active:
        return "不限制"
    days = "每天" if rule.every_days == 1 else f"每{rule.every_days}天"
    return f"每户{days}{rule.people_per_household}人外出"


def others_out(conn, household_id: str, person_id: str | None, rule: HouseholdRule, when: datetime,
               kept=lambda since, until: ()) -> list[str]:
    """Names of the other people of the household who went out inside the rule's window.
    ``kept(since, until)``: the household's passages of those times still in the gate journal
    (log._waiting, as {column: value}), counted as the log's: while an import held the register
    (or for days, a damaged one), a member let out was no one out to the rule."""
    since, until = window_start(rule, when), when.isoformat(timespec="seconds")
    rows = conn.execute(
        "SELECT DISTINCT coalesce(g.person_id, g.pass_id), g.holder_name FROM gate_log g"
        " WHERE g.household_id = ? AND g.at >= ? AND g.at <= ? AND g.kind = 'pass' AND g.direction = 'out'"
        " AND g.outcome = 'allowed'"
        " AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)",
        (household_id, since, until)).fetchall()
    rows += [r for r in dict.fromkeys((k.get("person_id") or k.get("pass_id"), k.get("holder_name"))
                                      for k in kept(since, until)
                                      if k.get("direction") == "out" and k.get("outcome") == "allowed")
             if r not in rows]
    return [name for key, name in rows if key != person_id or person_id is None]
