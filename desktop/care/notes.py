"""A care subject's note (备注) as lines: the clerk's own and those a care import wrote.

A line is a ；-part of the note. Every line a care import writes begins with 台账 (台账备注：…,
台账类别：…, 台账责任人：…), so a later import of the ledger replaces those lines with its own
and keeps what the clerk wrote (a whole re-imported note put the clerk's lines out).
"""
from desktop.textnorm import clean

LEDGER = "台账"                 # the mark in front of each line an import writes
SEP = "；"
_REMARK = f"{LEDGER}备注："      # a line of the ledger's own 备注 cell


def lines(note: str | None) -> list[str]:
    """The note's lines, each cleaned, none empty."""
    return [part for part in (clean(p) for p in (note or "").split(SEP)) if part]


def from_ledger(line: str) -> bool:
    """Whether a note line is one a care import wrote."""
    return line.startswith(LEDGER)


def ledger_line(line: str) -> str:
    """``line`` as a care import writes it: marked 台账 in front once (其他电话：… is
    台账其他电话：…), its own ； written ; so that it stays one line."""
    line = clean(line).replace(SEP, ";")
    return line if not line or from_ledger(line) else LEDGER + line


def ledger_note(remark: str, *labelled: str) -> str:
    """The note a care import writes for a row: each line of the ledger's 备注 cell as
    台账备注：… (a line marked already, the list's own export read back, as it is), then the
    import's labelled lines."""
    remarks = [p if from_ledger(p) else _REMARK + p for p in lines(remark)]
    return SEP.join(x for x in remarks + [ledger_line(x) for x in labelled] if x)


def merged_note(held: str | None, imported: str) -> str:
    """The note after a care import: the clerk's lines of ``held`` kept, the lines an earlier
    import wrote replaced by ``imported``'s, where the first of them stood (after the clerk's
    when there were none). An import that writes nothing (no 备注 column, nothing kept) leaves
    the note as it is; a clerk's line read back from the list's export is not written twice."""
    new = lines(imported)
    if not new:
        return held or ""
    old = lines(held)
    at = next((i for i, line in enumerate(old) if from_ledger(line)), len(old))
    own = [line for line in old if not from_ledger(line)]
    new = [line for line in new if line.removeprefix(_REMARK) not in own]
    return SEP.join(own[:at] + new + own[at:])


def helper_to_add(name: str) -> str:
    """The note line for a ledger's helper the care list cannot assign yet (no phone to call)."""
    return f"{LEDGER}责任人：{name}（电话未登记，请在关爱页补充）"


_ASKS_BEFORE, _ASKS_AFTER = helper_to_add("\0").split("\0")


def without_helper_to_add(note: str | None) -> str:
    """``note`` without a helper_to_add line: once a helper is assigned (by an import or by hand)
    it would still ask the clerk for a phone. The rest of the note is kept."""
    return SEP.join(line for line in lines(note)
                    if not (line.startswith(_ASKS_BEFORE) and line.endswith(_ASKS_AFTER)))


def contact_to_add(name: str) -> str:
    """The note line for a ledger's emergency contact the care list cannot add yet (no phone)."""
    return f"{LEDGER}紧急联系人：{name}（电话未登记，请在关爱页补充）"


def without_line(note: str | None, line: str) -> str:
    """``note`` without the line ``line`` (a contact_to_add line once that contact is added)."""
    return SEP.join(x for x in lines(note) if x != line)
