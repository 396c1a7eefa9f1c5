"""A button's clicked(bool) and an action's triggered(bool) hand their checked flag to a slot
that takes a parameter: save_pdf(path=None) got False as its path (a traceback), preview(then=None)
got False as what to do after (harmless only by luck). Such a connection goes through a lambda."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAG_SIGNALS = ("clicked", "triggered")


def flagged_connections(path: Path) -> list[str]:
    """``x.clicked.connect(self.method)`` where the class's ``method`` has an optional parameter
    (one meant for its other callers; a calendar's clicked(QDate) → _picked(day) is meant)."""
    text = path.read_text("utf-8")
    if not any(f"{s}.connect(self." in text for s in FLAG_SIGNALS):
        return []
    found = []
    for cls in (n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ClassDef)):
        takes = {f.name for f in cls.body if isinstance(f, ast.FunctionDef) and f.args.defaults}
        for call in ast.walk(cls):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "connect" and call.args):
                continue
            signal, slot = call.func.value, call.args[0]
            if (isinstance(signal, ast.Attribute) and signal.attr in FLAG_SIGNALS and isinstance(slot, ast.Attribute)
                    and isinstance(slot.value, ast.Name) and slot.value.id == "self" and slot.attr in takes):
                found.append(f"{path.relative_to(ROOT)}:{call.lineno} {signal.attr} → {slot.attr}")
    return found


def test_no_button_hands_its_checked_flag_to_a_parameter():
    assert [hit for path in sorted((ROOT / "ui").rglob("*.py")) for hit in flagged_connections(path)] == []
