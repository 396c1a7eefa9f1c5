"""Passes (出入证) and the QR code printed on them.

The QR holds the pass number and a check code: an HMAC of the number keyed with the
community's secret. The secret is a replicated row (``gate_secret``), so sync carries it to
the gate laptops of that community and nowhere it is not needed; a code made by hand, or a
photocopy whose number was edited, does not match and is refused. A plain photocopy of a
valid pass stays valid (the card shows the holder's name and address for the guard to check),
which is why passes can be revoked and reissued.

The text is short, upper-case ASCII so a scanner typing it as keystrokes gets it right, and
the reader forgives what a Chinese input method does to it (full-width letters, '：').
"""
import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import replace
from datetime import date, timedelta

from db.connection import Database
from db.sync.ids import uuid7
from db.sync.site import machine_name
from desktop.address import format_place
from desktop.days import DayError, typed_day
from desktop.errors import InputError, NotFoundError
from desktop.gate.records import GatePass, PrintablePass
from desktop.gate.scanned import without_symbology
from desktop.register import now_text, places
from desktop.register.queries import household_name_sql
from desktop.textnorm import clean
from desktop.accounts.roles import Permission, require, sees_whole_numbers
from desktop.masking import mask_text

QR_PREFIX = "MS1"
CHECK_LENGTH = 10            # base32 characters: 50 bits, far beyond guessing at a gate
# The check code is exactly CHECK_LENGTH characters (so since the first pass): a guard's key
# typed within moments of a scanner's last (the 3 of 365) is no part of the code, and the code
# read without it is the pass (desktop.gate.subjects.scan_then_reading), not a forgery.
_QR = re.compile(rf"{QR_PREFIX}:([A-Z0-9]+-[0-9]+):([A-Z2-7]{{{CHECK_LENGTH}}})")

_PASS_SELECT = (
    f"SELECT gp.id, gp.pass_no, gp.household_id, gp.person_id, coalesce(p.full_name, {household_name_sql('gp.household_id')}),"
    " c.name, b.number, u.number, h.room, h.address_text, gp.valid_from, gp.valid_to,"
    " gp.revoked_at, gp.revoked_reason, gp.community_key, c.kind"
    " FROM gate_pass gp LEFT JOIN person p ON p.id = gp.person_id"
    " LEFT JOIN household h ON h.id = gp.household_id"
    " LEFT JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
    " LEFT JOIN unit u ON u.id = h.unit_id")


def _pass_from_row(r) -> GatePass:
    return GatePass(id=r[0], pass_no=r[1], household_id=r[2], person_id=r[3], holder_name=r[4] or "",
                    address=format_place(r[5], r[6], r[7], r[8], r[9]) if r[2] else "",
                    valid_from=r[10], valid_to=r[11], revoked_at=r[12] or "", revoked_reason=r[13] or "")


def _as_seen(db: Database, p: GatePass) -> GatePass:
    """A pass the gate looked up, as the logged-in account may see it: a phone or ID number in
    the reason an office wrote when revoking it (遗失补办，电话…) masked for the gate, by the
    rule of the gate's log (desktop.gate.log.as_seen)."""
    return p if sees_whole_numbers(db) else replace(p, revoked_reason=mask_text(p.revoked_reason))


# -- the community's secret ------------------------------------------------------------------
def community_key(conn, household_id: str | None) -> str:
    """The community a household belongs to ('' in a file that holds one community)."""
    row = conn.execute("SELECT c.community_id FROM household h JOIN compound c ON c.id = h.compound_id"
                       " WHERE h.id = ?", (household_id,)).fetchone()
    return (row[0] or "") if row else ""


def _secrets(conn, key: str) -> list[bytes]:
    """Every secret of the community, oldest first. Two offices may each have made one before
    they synced; both stay valid, and the oldest signs."""
    rows = conn.execute("SELECT secret FROM gate_secret WHERE community_key = ? AND is_deleted = 0"
                        " ORDER BY id", (key,)).fetchall()
    return [bytes.fromhex(r[0]) for r in rows]


def signing_secret(db: Database, conn, key: str) -> bytes:
    found = _secrets(conn, key)
    if found:
        return found[0]
    secret = secrets.token_bytes(32)
    conn.execute("INSERT INTO gate_secret (id, community_key, secret, created_site, created_wall)"
                 " VALUES (?,?,?,?,?)", (uuid7(), key, secret.hex(), db.site.site_id, now_text()))
    return secret


def check_code(secret: bytes, pass_no: str) -> str:
    digest = hmac.new(secret, f"{QR_PREFIX}:{pass_no}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:CHECK_LENGTH]


def qr_text(secret: bytes, pass_no: str) -> str:
    return f"{QR_PREFIX}:{pass_no}:{check_code(secret, pass_no)}"


def parse_qr(raw) -> tuple[str, str] | None:
    """(pass number, check code) when the text is one of our QR codes, else None."""
    text = without_symbology(raw).upper().replace("：", ":").replace("－", "-").replace(" ", "")
    m = _QR.fullmatch(text)
    return (m.group(1), m.group(2)) if m else None


def looks_like_qr(raw) -> bool:
    return without_symbology(raw).upper().replace("：", ":").startswith(QR_PREFIX + ":")


def qr_then_rest(raw) -> tuple[str, str] | None:
    """(the pass QR, what follows it) when the text starts with one: its check code is exactly
    CHECK_LENGTH characters, so a key typed after it is no part of it, paused or not."""
    text = without_symbology(raw)
    m = _QR.match(text.upper().replace("：", ":").replace("－", "-"))
    return (text[:m.end()], text[m.end():]) if m else None


def split_trailing_qr(text: str) -> tuple[str, str] | None:
    """(what was typed before, the QR) when a pass QR was scanned onto the end of a field's text
    (the next person's pass, scanned while a form had the keyboard); None otherwise."""
    text = without_symbology(text)
    at = text.upper().replace("：", ":").rfind(QR_PREFIX + ":")
    return (text[:at], text[at:]) if at >= 0 and looks_like_qr(text[at:]) else None


class PassRefused(InputError):
    """A scanned pass that must not let anyone through: forged, revoked, expired, unknown."""

    def __init__(self, message: str, gate_pass: GatePass | None = None):
        super().__init__("pass", message)
        self.gate_pass = gate_pass


def verify_qr(db: Database, raw, today: date | None = None) -> GatePass:
    """The pass a scanned QR stands for; PassRefused saying why when it must not be accepted."""
    parsed = parse_qr(raw)
    if parsed is None:
        raise PassRefused("扫到的二维码不是本系统的出入证（格式不对）。请按姓名或证件号登记。")
    pass_no, code = parsed
    with db.reading() as conn:
        rows = conn.execute(_PASS_SELECT + " WHERE gp.pass_no = ? AND gp.is_deleted = 0", (pass_no,)).fetchall()
        for r in rows:
            if any(hmac.compare_digest(check_code(s, pass_no), code) for s in _secrets(conn, r[14])):
                return check_valid(_as_seen(db, _pass_from_row(r)), today or date.today())
        every = [bytes.fromhex(s) for (s,) in conn.execute("SELECT secret FROM gate_secret WHERE is_deleted = 0")]
    if any(hmac.compare_digest(check_code(s, pass_no), code) for s in every):
        raise PassRefused(f"出入证 {pass_no} 校验正确，但本机还没有这张证的记录（可能是刚发的）。"
                          "请同步数据，或按姓名登记。")
    if not rows and (issuer := _peer_named(db, pass_no)) is not None:
        # Issued at the office after this laptop's last sync (the community's secret may be new
        # too): a resident's good pass, not a forgery; the register still answers by name.
        raise PassRefused(f"出入证 {pass_no} 是{issuer}这台电脑发的，本机还没有收到（这台电脑上次同步以后才发的）。"
                          "请按姓名或证件号登记，核实是本社区的人再放行；尽快同步这台电脑。")
    if not rows:
        # A neighbouring community's pass (its own number and secret): said as what it most
        # likely is; 'forged or edited' made a guard accuse a resident of the next compound.
        raise PassRefused(f"出入证 {pass_no} 不是本社区发的（本机没有这个证号），也可能是伪造的。"
                          "不得凭此证放行：请核实身份，外来人员按访客登记（F3）。")
    raise PassRefused(f"出入证 {pass_no} 的二维码校验不通过：可能是伪造或涂改过的。不得放行，请核实身份。")


def _peer_named(db: Database, pass_no: str) -> str | None:
    """The other machine of this community whose number the pass carries ('S1099-0001'), named
    as the sync page lists it (``machine_name``: 村委会办公室（S1099）, or S1099 when never
    named), or None when no machine we synced with has that number. Not 社区办公室电脑: no
    machine's use is known (docs/sync.md)."""
    code = pass_no.rpartition("-")[0]
    with db.reading() as conn:
        row = conn.execute("SELECT site_name, site_code FROM sync_peer WHERE site_code = ? LIMIT 1",
                           (code,)).fetchone()
    return machine_name(*row) if row else None


def check_valid(p: GatePass, today: date) -> GatePass:
    if p.revoked_at:
        raise PassRefused(f"出入证 {p.pass_no}（{p.holder_name}）已作废：{p.revoked_reason}。不得凭此证放行。", p)
    if today.isoformat() < p.valid_from:
        raise PassRefused(f"出入证 {p.pass_no}（{p.holder_name}）从 {p.valid_from} 起才有效。", p)
    if today.isoformat() > p.valid_to:
        raise PassRefused(f"出入证 {p.pass_no}（{p.holder_name}）已于 {p.valid_to} 过期。", p)
    return p


# -- issuing and revoking --------------------------------------------------------------------
def _date(raw, field: str, label: str) -> date:
    if isinstance(raw, date):
        return raw
    text = clean(raw)
    try:
        return typed_day(text)
    except DayError as e:
        raise InputError(field, f"{label}：{e.message}", value=text) from None


def _next_numbers(conn, site_code: str, count: int) -> list[str]:
    """'<SITE>-0001' …: numbered per site, so two offices never hand out the same number."""
    last = conn.execute("SELECT max(CAST(substr(pass_no, ?) AS INTEGER)) FROM gate_pass WHERE pass_no LIKE ?",
                        (len(site_code) + 2, site_code + "-%")).fetchone()[0] or 0
    return [f"{site_code}-{n:04d}" for n in range(last + 1, last + 1 + count)]


def _holder(conn, household_id: str | None, person_id: str | None) -> str | None:
    """The household the pass belongs to (a person pass belongs to the person's household)."""
    if person_id:
        row = conn.execute("SELECT p.id, m.household_id FROM person p LEFT JOIN membership m"
                           " ON m.person_id = p.id AND m.is_deleted = 0 WHERE p.id = ? AND p.is_deleted = 0",
                           (person_id,)).fetchone()
        if not row:
            raise NotFoundError("这个人")
        return row[1]
    if not conn.execute("SELECT 1 FROM household WHERE id = ? AND is_deleted = 0", (household_id,)).fetchone():
        raise NotFoundError("这一户")
    return household_id


def _current_pass(conn, household_id, person_id, today: str):
    return conn.execute(
        "SELECT pass_no, valid_to FROM gate_pass WHERE is_deleted = 0 AND revoked_at IS NULL AND valid_to >= ?"
        " AND " + ("person_id = ?" if person_id else "household_id = ? AND person_id IS NULL"),
        (today, person_id or household_id)).fetchone()


def issue_pass(db: Database, *, household_id: str | None = None, person_id: str | None = None,
               valid_from="", valid_to="", today: date | None = None) -> GatePass:
    """Issue a pass to a household (any member may use it) or to one person."""
    require(db, Permission.REGISTER_EDIT)
    if bool(household_id) == bool(person_id):
        raise InputError("holder", "请选择发证给一户，或者发证给一个人。")
    return issue_passes(db, [(household_id, person_id)], valid_from, valid_to, today)[0]


def issue_passes(db: Database, holders: list[tuple[str | None, str | None]], valid_from="", valid_to="",
                 today: date | None = None) -> list[GatePass]:
    """Issue one pass per (household_id, person_id) in one transaction; refuses a holder who
    already has a valid pass (revoke it first), so a lost pass is never silently duplicated."""
    require(db, Permission.REGISTER_EDIT)
    issued = now_text()             # one reading: a pass issued at midnight starts on its issue's day
    today = today or date.fromisoformat(issued[:10])
    start = _date(valid_from, "valid_from", "有效期开始日期") if clean(valid_from) else today
    end = _date(valid_to, "valid_to", "有效期截止日期") if clean(valid_to) else start + timedelta(days=30)
    if end < start:
        raise InputError("valid_to", "有效期截止日期不能早于开始日期。")
    if end < today:
        raise InputError("valid_to", "有效期截止日期已经过去了。")
    ids = []
    with db.transaction() as conn:
        numbers = _next_numbers(conn, db.site.site_code, len(holders))
        for (household_id, person_id), number in zip(holders, numbers):
            household_id = _holder(conn, household_id, person_id)
            existing = _current_pass(conn, household_id, person_id, today.isoformat())
            if existing:
                raise InputError("holder", f"已经有有效的出入证 {existing[0]}（至 {existing[1]}）。"
                                           "如果原证丢失，请先作废再补发。")
            key = community_key(conn, household_id)
            signing_secret(db, conn, key)
            pid = uuid7()
            conn.execute("INSERT INTO gate_pass (id, pass_no, community_key, household_id, person_id, valid_from,"
                         " valid_to, issued_by, issued_at, created_site, created_wall) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (pid, number, key, household_id, person_id, start.isoformat(), end.isoformat(),
                          db.user_name, issued, db.site.site_id, issued))
            ids.append(pid)
    return [gate_pass(db, i) for i in ids]


def households_without_pass(db: Database, compound_id: str | None = None, today: date | None = None) -> list[str]:
    """Households (of a compound, or all) with people and no valid household pass yet."""
    require(db, Permission.REGISTER_READ)
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT h.id FROM household h WHERE h.is_deleted = 0 AND (? IS NULL OR h.compound_id = ?)"
            " AND EXISTS (SELECT 1 FROM membership m WHERE m.household_id = h.id AND m.is_deleted = 0)"
            " AND NOT EXISTS (SELECT 1 FROM gate_pass gp WHERE gp.household_id = h.id AND gp.person_id IS NULL"
            "  AND gp.is_deleted = 0 AND gp.revoked_at IS NULL AND gp.valid_to >= ?)",
            (compound_id, compound_id, (today or date.today()).isoformat())).fetchall()
    return [r[0] for r in rows]


def revoke_pass(db: Database, pass_id: str, reason: str) -> GatePass:
    require(db, Permission.REGISTER_EDIT)
    reason = clean(reason)
    if not reason:
        raise InputError("reason", "请填写作废原因（例如：遗失补办、户内有人隔离）。")
    with db.transaction() as conn:
        p = gate_pass(db, pass_id)
        if p.revoked_at:
            raise InputError("reason", f"出入证 {p.pass_no} 已经作废了。")
        conn.execute("UPDATE gate_pass SET revoked_at = ?, revoked_reason = ?, revoked_by = ? WHERE id = ?",
                     (now_text(), reason, db.user_name, pass_id))
    return gate_pass(db, pass_id)


def gate_pass(db: Database, pass_id: str) -> GatePass:
    with db.reading() as conn:
        r = conn.execute(_PASS_SELECT + " WHERE gp.id = ?", (pass_id,)).fetchone()
    if not r:
        raise NotFoundError("这张出入证")
    return _pass_from_row(r)


def passes(db: Database, household_id: str | None = None, person_id: str | None = None) -> list[GatePass]:
    """Passes of a household (its household pass and its members' passes) or of a person."""
    require(db, Permission.REGISTER_READ)
    with db.reading() as conn:
        if person_id:
            rows = conn.execute(_PASS_SELECT + " WHERE gp.person_id = ? AND gp.is_deleted = 0"
                                " ORDER BY gp.issued_at DESC", (person_id,)).fetchall()
        else:
            rows = conn.execute(_PASS_SELECT + " WHERE gp.household_id = ? AND gp.is_deleted = 0"
                                " ORDER BY gp.issued_at DESC", (household_id,)).fetchall()
    return [_pass_from_row(r) for r in rows]


# Passes in force on a day whose last valid day is within the next few days: one rule for the
# Today figure (a count) and the list it opens.
_EXPIRING = ("gp.is_deleted = 0 AND gp.revoked_at IS NULL AND gp.valid_from <= ? AND gp.valid_to >= ?"
             " AND gp.valid_to <= ?")


def _expiring_args(today: date, within_days: int) -> tuple[str, str, str]:
    day = today.isoformat()
    return day, day, (today + timedelta(days=within_days)).isoformat()


def count_expiring(db: Database, today: date, within_days: int) -> int:
    with db.reading() as conn:
        return conn.execute("SELECT count(*) FROM gate_pass gp INDEXED BY gate_pass_expiring WHERE " + _EXPIRING,
                            _expiring_args(today, within_days)).fetchone()[0]


def expiring_passes(db: Database, today: date, within_days: int) -> list[GatePass]:
    """The passes ``count_expiring`` counts, soonest to end first."""
    require(db, Permission.REGISTER_READ)
    with db.reading() as conn:
        rows = conn.execute(_PASS_SELECT + " WHERE " + _EXPIRING + " ORDER BY gp.valid_to, gp.pass_no",
                            _expiring_args(today, within_days)).fetchall()
    return [_pass_from_row(r) for r in rows]


def find_pass_by_number(db: Database, pass_no: str) -> GatePass | None:
    with db.reading() as conn:
        r = conn.execute(_PASS_SELECT + " WHERE gp.pass_no = ? AND gp.is_deleted = 0", (pass_no.upper(),)).fetchone()
    return _as_seen(db, _pass_from_row(r)) if r else None


def passes_to_print(db: Database, *, pass_ids: list[str] | None = None, compound_id: str | None = None,
                    building_id: str | None = None, today: date | None = None) -> list[PrintablePass]:
    """Valid passes to print (the paper issue calls this): chosen ids, or every valid pass of a
    compound or building, or all; in building/unit/room order, like the paper ledger."""
    require(db, Permission.EXPORT)
    day = (today or date.today()).isoformat()
    where, args = ["gp.is_deleted = 0", "gp.revoked_at IS NULL", "gp.valid_to >= ?"], [day]
    if pass_ids is not None:
        where.append(f"gp.id IN ({', '.join('?' * len(pass_ids))})")
        args += pass_ids
    if compound_id:
        where.append("h.compound_id = ?")
        args.append(compound_id)
    if building_id:
        where.append("h.building_id = ?")
        args.append(building_id)
    sql = (_PASS_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY {compound_order}, c.name,"
           " CAST(b.number AS INTEGER), b.number, CAST(u.number AS INTEGER), CAST(h.room AS INTEGER), h.room,"
           " h.address_text, gp.person_id IS NOT NULL, gp.pass_no")
    out = []
    with db.reading() as conn:
        rows = conn.execute(sql.replace("{compound_order}", places.compound_order(conn)), args).fetchall()
        keys: dict[str, bytes] = {}
        for r in rows:
            if r[14] not in keys:
                keys[r[14]] = _secrets(conn, r[14])[0]
            p = _pass_from_row(r)
            out.append(PrintablePass(pass_no=p.pass_no, holder_name=p.holder_name, for_household=p.person_id is None,
                                     address=p.address, valid_from=p.valid_from, valid_to=p.valid_to,
                                     qr_text=qr_text(keys[r[14]], p.pass_no), place_kind=r[15] or ""))
    return out
