"""The architecture as a fact: ui → desktop → db, never back. db/ never imports Qt; ui/ never
touches SQL; desktop/ imports Qt or ui/ only in its start-up hand-over (cli.py)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", modules("db"), ids=lambda p: str(p.relative_to(ROOT)))
def test_db_imports_neither_qt_nor_upper_layers(path):
    assert not imports_of(path) & {"PySide6", "ui", "desktop"}


@pytest.mark.parametrize("path", modules("desktop"), ids=lambda p: str(p.relative_to(ROOT)))
def test_desktop_has_no_qt_outside_its_start_up(path):
    if path.name == "cli.py":
        return
    assert not imports_of(path) & {"PySide6", "ui"}


@pytest.mark.parametrize("path", modules("ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_writes_no_sql(path):
    assert not imports_of(path) & {"sqlite3", "sqlite_utils", "db"}
    source = path.read_text("utf-8")
    assert ".execute(" not in source and "INSERT INTO" not in source.upper()
