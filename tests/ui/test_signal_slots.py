"""A button's clicked(bool) and an action's triggered(bool) hand their checked flag to a slot
that takes a parameter: save_pdf(path=None) got False as its path (a traceback), preview(then=None)
got False as what to do after (harmless only by luck). Such a connection goes through a lambda."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONNECT = re.compile(r"\.(clicked|triggered)\.connect\(self\.(\w+)\)")
# A method with an optional parameter (one meant for its other callers; a calendar's
# clicked(QDate) → _picked(day) takes what its signal carries, no default).
OPTIONAL = re.compile(r"def (\w+)\(self,([^)]*)\)")


def flagged_connections(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    if ".connect(self." not in text:
        return []
    optional = {m.group(1) for m in OPTIONAL.finditer(text) if "=" in m.group(2)}
    return [f"{path.relative_to(ROOT)}: {m.group(1)} → {m.group(2)}" for m in CONNECT.finditer(text)
            if m.group(2) in optional]


def test_no_button_hands_its_checked_flag_to_a_parameter():
    assert [hit for path in sorted((ROOT / "ui").rglob("*.py")) for hit in flagged_connections(path)] == []
