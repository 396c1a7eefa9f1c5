"""A test that presses keys waits until its window is on screen. pytest-qt's waitExposed and
waitActive wait only as a ``with`` around the show (the wait is in the context manager's exit);
called bare they return at once, and the keys after them went into a window not there yet (a
first-run wizard test went through the wrong choice that way, and passed)."""
import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
WAITS = {"waitExposed", "waitActive", "wait_exposed", "wait_active"}
NAMED = re.compile("|".join(WAITS))       # only the files that name one are parsed (2 MB of tests)


def bare_waits(source: str) -> list[int]:
    """The lines of the waitExposed / waitActive calls in ``source`` not used as a ``with``."""
    if not NAMED.search(source):
        return []
    tree = ast.parse(source)
    as_with = {id(item.context_expr) for node in ast.walk(tree)
               if isinstance(node, (ast.With, ast.AsyncWith)) for item in node.items}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in WAITS and id(node) not in as_with]


def test_the_check_tells_a_bare_wait_from_a_real_one():
    assert bare_waits("w.show()\nqtbot.waitExposed(w)\n") == [2]
    assert bare_waits("ok = qtbot.wait_active(w, timeout=500)\n") == [1]
    assert bare_waits("with qtbot.waitActive(w):\n    w.show()\n") == []
    assert bare_waits("with a, qtbot.waitExposed(w):\n    w.show()\n") == []
    assert bare_waits('"""A bare qtbot.waitExposed(w) waits for nothing."""\n') == []


def test_no_test_waits_for_its_window_bare():
    found = [f"{path.relative_to(TESTS.parent)}:{line}" for path in sorted(TESTS.rglob("*.py"))
             for line in bare_waits(path.read_text("utf-8"))]
    assert found == [], ("waits for nothing: write `with qtbot.waitExposed(w): w.show()` "
                         "(or qtbot.waitUntil for a window the program shows)")
