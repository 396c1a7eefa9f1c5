"""The user guide's pictures (issue 18, point 4) are made by a command, not by hand: the
command runs here on a tiny demo and must produce every picture docs/使用说明.md shows, and
the guide's own copies must be there, so neither can drift away from the program."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "使用说明.md"


def _pictures() -> list[str]:
    return re.findall(r"!\[[^\]]*\]\((img/[^)]+\.png)\)", GUIDE.read_text("utf-8"))


def test_every_picture_of_the_guide_is_made_by_the_command(tmp_path):
    shown = _pictures()
    assert len(shown) >= 12
    assert all((ROOT / "docs" / p).stat().st_size > 10_000 for p in shown)      # committed copies
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "make_guide_screenshots.py"), "--to",
                           str(tmp_path / "img"), "--households", "20"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    for picture in shown:
        made = tmp_path / picture
        assert made.exists() and made.stat().st_size > 10_000, picture     # a drawn page, not an empty image


def test_the_guide_lists_the_messages_a_clerk_can_meet():
    text = GUIDE.read_text("utf-8")
    for words in ("已经在另一个门神窗口中打开了", "磁盘空间已满", "同步口令不对", "来自另一个社区",
                  "已损坏（完整性检查没有通过）", "Windows 10（1809 版及以后）", "portable"):
        assert words in text
