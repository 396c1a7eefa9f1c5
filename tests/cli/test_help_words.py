"""The command line's help, read by a city community's office and a village's alike: a place
is named as either (小区（院落）或村民小组), not as a city compound only."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def help_of(command: str, tmp_path: Path) -> str:
    env = {**os.environ, "MENSHEN_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", command, "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


@pytest.mark.parametrize("command, said", [
    ("print", "--compound 名称 小区（院落）或村民小组的名称；默认：整个社区（村）"),
    ("import", "--compound 名称 台账没写小区（院落）或村民小组时，这些行属于哪一个（写它的名称）"),
])
def test_compound_help_names_a_village_group_too(tmp_path, command, said):
    text = " ".join(help_of(command, tmp_path).split())
    assert said in text and "COMPOUND" not in text
    if command == "print":      # every value in the clerk's words: it said --building BUILDING, --round ROUND_NAME
        assert "--building 楼栋号" in text and "--round 轮次" in text
        assert not any(w in text for w in ("BUILDING", "HOUSEHOLD", "TEMPLATE", "REASON", "ROUND_NAME", "HELPER"))


def test_the_commands_start_without_the_printing_code(tmp_path):
    """Every command's parser read the form names from the printing catalogue, which loads
    reportlab, the fonts and every form: about 0.2 s of CPU (0.4 s on a busy office PC) before
    ``menshen sync export``, ``demo`` or ``--help`` did anything. The names are in a table now."""
    code = ("import sys\nfrom desktop import cli\ncli._parser()\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'PySide6', 'openpyxl'})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env={**os.environ, "MENSHEN_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
