"""The one place that decides the colour of a message kind at the gate (card, prompt, last line)
and of a passage in the log (the day's table, the gate screen's recent lines).

Green means one thing only: a healthy person, or a passage saved with nothing wrong. Errors,
fevers, refusals and a saved fever or turn-back never use it.
"""
from desktop.gate.records import LogEntry

KINDS = {               # background, text
    "idle": ("#eceff1", "#263238"),
    "healthy": ("#e8f5e9", "#1b5e20"),
    "away": ("#e3f2fd", "#0d47a1"),
    "confirm": ("#1565c0", "#ffffff"),        # Enter saves
    "ask": ("#ffd54f", "#000000"),            # the guard must answer (which gate, a temperature)
    "error": ("#ffcdd2", "#b71c1c"),          # bad input: nothing saved yet, type it again
    "stay_in": ("#c62828", "#ffffff"),
    "fever": ("#b71c1c", "#ffff00"),
    "refused": ("#3e0000", "#ffffff"),
    "rule": ("#ef8f00", "#000000"),
    "saved": ("#2e7d32", "#ffffff"),
    "saved_alert": ("#bf360c", "#ffffff"),    # saved, but a fever, a turn-back or a green channel
}
HEALTHY_GREENS = {KINDS["healthy"][0], KINDS["healthy"][1], KINDS["saved"][0]}
# A logged passage (background, text): a fever in red on pink, a voided one grey on the view's own.
LOGGED_FEVER = ("#ffebee", "#c62828")
LOGGED_VOIDED = (None, "#9e9e9e")


def colours(kind: str) -> tuple[str, str]:
    """(background, text) of a message kind."""
    return KINDS[kind]


def line_colour(kind: str) -> str:
    """The colour of a one-line message on the window's own background."""
    background, text = KINDS[kind]
    return text if background.startswith("#f") or background.startswith("#e") else background


def logged_colours(entry: LogEntry) -> tuple[str | None, str | None]:
    """(background, text) of a passage in the log; None: the view's own. The day's table and
    the gate screen's recent lines both ask here (the screen had shown a fever in plain black
    while the table showed it red)."""
    if entry.void_reason:
        return LOGGED_VOIDED
    if entry.fever:
        return LOGGED_FEVER
    return None, None


def saved_kind(outcome: str, fever: bool, green_channel: bool = False) -> str:
    """How a saved passage is shown: green only when it went as it should."""
    return "saved" if outcome in ("", "allowed") and not fever and not green_channel else "saved_alert"
