"""Two modules that import each other want a third holding what both need (STYLE.md): the
import's modules, the demo modules and the register package import in one direction only,
counting imports inside functions too."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop/excel", "desktop/register")
MODULES = ("desktop/demo.py", "desktop/demo_names.py", "desktop/care/demo.py", "desktop/gate/demo.py")


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    files = [p for d in PACKAGES for p in (ROOT / d).glob("*.py")] + [ROOT / m for m in MODULES]
    names = {_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        me = _name(path)
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        # A module of a package does not depend on its package's __init__ for this check.
        graph[me] = {n for n in found & names if n != me and not me.startswith(n + ".")}
    return graph


def test_no_two_modules_import_each_other():
    graph = _graph()
    cycles = []

    def visit(node, path):
        for nxt in graph.get(node, ()):
            if nxt in path:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif len(path) < 12:
                visit(nxt, path + [nxt])

    for start in graph:
        visit(start, [start])
    assert cycles == []
