"""The lists behind the Today page's figures that no other page holds yet: the people in one
status (the register page shows them, in ledger order, a page at a time)."""
from desktop import vocab
from desktop.errors import InputError
from desktop.records import Person
from desktop.register import PERSON_FROM, PERSON_SELECT, person_from_row, person_order
from desktop.accounts.roles import Permission, require


def _check(status: str) -> None:
    if status not in vocab.STATUS:
        raise InputError("status", f"没有“{status}”这种状态。")


def people_with_status(db, status: str, limit: int = 500, offset: int = 0) -> list[Person]:
    """People now in ``status`` (居家隔离 …), in the order of the paper ledger."""
    require(db, Permission.REGISTER_READ)
    _check(status)
    with db.reading() as conn:
        rows = conn.execute(PERSON_SELECT + " WHERE p.is_deleted = 0 AND p.status = ?" + person_order(conn)
                            + " LIMIT ? OFFSET ?", (status, limit, offset)).fetchall()
    return [person_from_row(r) for r in rows]


def count_people_with_status(db, status: str) -> int:
    _check(status)
    with db.reading() as conn:
        return conn.execute("SELECT count(*)" + PERSON_FROM + " WHERE p.is_deleted = 0 AND p.status = ?",
                            (status,)).fetchone()[0]
