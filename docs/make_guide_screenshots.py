"""Make the user guide's pictures (docs/使用说明.md) from the program itself.

    .venv/bin/python docs/make_guide_screenshots.py --to docs/img [--households 200]

A small demo community is made in a temporary folder and each page of the window is rendered
off screen as ``menshen --screenshot`` renders it (ui/startup.py's save_screenshot), every page
from one window: one program start for all of them, not one a page (the same pictures, byte
for byte, in a fifth of the time), then the first-run wizard's pages. tests/test_guide.py runs
this into a temporary folder and checks that every picture the guide shows is made, so the
guide cannot drift from the program.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The window's pages the guide shows (file name = page name).
WINDOW_PAGES = ("today", "register", "battle_map", "gate", "care", "isolation", "paper", "excel", "sync")
#: The first-run wizard's pages.
WIZARD_PAGES = ("first_run_start", "first_run_community", "first_run_passphrase", "first_run_finish")


def window_pictures(qt_app, to: Path, work: Path, households: int) -> None:
    from desktop.app import open_app
    from desktop.demo import make_demo_database
    from ui.main_window import MainWindow
    from ui.startup import save_screenshot
    from ui.workers.task import cancel_all, shared_runner
    make_demo_database(work / "demo.db", households=households, days=3)
    app = open_app(work / "demo.db")            # the demo: its implicit administrator, as --screenshot
    try:
        window = MainWindow(app)
        for page in WINDOW_PAGES:
            save_screenshot(qt_app, window, to / f"{page}.png", page)
        window.close()
    finally:
        cancel_all()                            # a page still counting stops before the file closes
        shared_runner().wait()
        app.close()


def wizard_pictures(qt_app, to: Path, work: Path) -> None:
    from desktop.app import open_app
    from ui.first_run import FirstRunWizard
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


def chinese_qt_app(work: Path):
    """The Qt application off screen, in Chinese with the bundled faces, as --screenshot has it."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["MENSHEN_HOME"] = str(work / "home")
    sys.path.insert(0, str(ROOT))
    from ui import i18n
    from ui.startup import make_qt_app
    qt_app = make_qt_app(offscreen=True)
    i18n.install_font(qt_app, wait=True)
    i18n.install_language(qt_app, "zh_CN")
    return qt_app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--households", type=int, default=200)
    args = parser.parse_args(argv)
    args.to.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="menshen-guide-") as work:
        qt_app = chinese_qt_app(Path(work))
        window_pictures(qt_app, args.to, Path(work), args.households)
        wizard_pictures(qt_app, args.to, Path(work))
    print(f"guide pictures: {len(WINDOW_PAGES) + len(WIZARD_PAGES)} -> {args.to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
