"""Refresh the translation files after changing strings in ui/.

    python resources/i18n/update.py          # extract new strings into the .ts, compile the .qm

New strings arrive in menshen_zh_CN.ts marked unfinished; translate them (Qt Linguist, or by
hand in the XML, removing type="unfinished"), then run this again. tests/ui/test_translations.py
fails while any string visible in the window has no finished Chinese translation.
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "menshen_zh_CN.ts"


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def extract(ts: Path) -> None:
    subprocess.run([tool("lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none"],
                   cwd=ROOT, check=True, capture_output=True)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


if __name__ == "__main__":
    extract(TS)
    compile_qm(TS, TS.with_suffix(".qm"))
    unfinished = TS.read_text("utf-8").count('type="unfinished"')
    print(f"{TS.name}: {unfinished} unfinished")
