"""Make the user guide's pictures (docs/使用说明.md) from the program itself.

    .venv/bin/python docs/make_guide_screenshots.py --to docs/img [--households 200]

A small demo community is made in a temporary folder and each page of the window is rendered
off screen with ``menshen --screenshot`` (the same command CI runs on the built folder), then
the first-run wizard's pages. tests/test_guide.py runs this into a temporary folder and checks
that every picture the guide shows is made, so the guide cannot drift from the program.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The window's pages the guide shows (file name = page name).
WINDOW_PAGES = ("today", "register", "battle_map", "gate", "care", "isolation", "paper", "excel", "sync")
#: The first-run wizard's pages.
WIZARD_PAGES = ("first_run_start", "first_run_community", "first_run_passphrase", "first_run_finish")


def _menshen(env: dict, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"menshen {' '.join(args)} 失败：{done.stderr.strip()[-800:]}")


def window_pictures(to: Path, work: Path, households: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MENSHEN_HOME": str(work / "home")}
    db = work / "demo.db"
    _menshen(env, "demo", "--db", str(db), "--households", str(households), "--days", "3")
    for page in WINDOW_PAGES:
        _menshen(env, "--db", str(db), "--screenshot", str(to / f"{page}.png"), "--page", page)


def wizard_pictures(to: Path, work: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["MENSHEN_HOME"] = str(work / "home")
    sys.path.insert(0, str(ROOT))
    from desktop.app import open_app
    from ui import i18n
    from ui.first_run import FirstRunWizard
    from ui.startup import make_qt_app
    qt_app = make_qt_app(offscreen=True)
    i18n.install_font(qt_app, wait=True)
    i18n.install_language(qt_app, "zh_CN")
    app = open_app(work / "empty.db")
    try:
        wizard = FirstRunWizard(app)
        wizard.resize(760, 560)
        wizard.show()
        page = wizard.community_page
        page.name.setText("新民社区")
        page.street_office.setText("积玉桥街道")
        page.phone.setText("027-88886666")
        page.places.setPlainText("幸福里小区：1-12栋\n建设院 1、3、5\n老街院落\n王家湾组")
        for name in WIZARD_PAGES:
            qt_app.processEvents()
            wizard.grab().save(str(to / f"{name}.png"))
            if name != WIZARD_PAGES[-1]:
                wizard.next()
        wizard.hide()            # (closing a shown wizard asks whether to quit the program)
        wizard.deleteLater()
        qt_app.processEvents()
    finally:
        app.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--households", type=int, default=200)
    args = parser.parse_args(argv)
    args.to.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="menshen-guide-") as work:
        window_pictures(args.to, Path(work), args.households)
        wizard_pictures(args.to, Path(work))
    print(f"guide pictures: {len(WINDOW_PAGES) + len(WIZARD_PAGES)} -> {args.to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
