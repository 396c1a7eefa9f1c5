"""Start-up of the window: the Qt application, font, language, first run, screenshot mode."""
import os
import sys
import time
from pathlib import Path

from desktop.app import App
from desktop.settings import get_setting, set_setting


def make_qt_app(offscreen: bool = False):
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Menshen")
    app.setOrganizationName("Menshen")
    return app


def show_window(app_ctx: App, *, screenshot: Path | None = None, page: str | None = None,
                lang: str | None = None, offer_demo: bool = False) -> int:
    """Open the main window on ``app_ctx``; with ``screenshot`` render it off screen and exit."""
    qt_app = make_qt_app(offscreen=screenshot is not None)
    from ui import i18n
    from ui.main_window import MainWindow
    i18n.install_font(qt_app)
    i18n.install_language(qt_app, lang or get_setting(app_ctx.db, "language", "zh_CN"))
    if offer_demo and screenshot is None:
        app_ctx = _first_run(app_ctx)
    window = MainWindow(app_ctx)
    if screenshot is not None:      # off screen there is no real screen to fit: the common laptop's
        from ui.widgets.screen_fit import show_at
        show_at(window, 1366, 768)
    if page:
        if page not in window.page_names:
            from desktop.cliargs import CommandError
            window.deleteLater()
            raise CommandError(f"没有“{page}”这个页面。可以用：{'、'.join(window.page_names)}")
        window.show_page(page)
    window.show()
    if os.environ.get("MENSHEN_REPORT_SHOWN"):     # bench/register.py: start-up time to a shown window
        qt_app.processEvents()
        print(f"shown at {time.time():.6f}", flush=True)
        window.close()
        return 0
    if screenshot is not None:
        qt_app.processEvents()
        # Pages that count off the UI thread (Today, the battle map): the picture shows the figures.
        getattr(window.pages.currentWidget(), "wait", lambda: None)()
        qt_app.processEvents()
        Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(screenshot))
        window.close()
        return 0 if ok else 1
    return qt_app.exec()


def _first_run(app_ctx: App) -> App:
    """On an empty register, offer the demo community once (DESIGN.md: a first run offers it)."""
    from PySide6.QtWidgets import QApplication, QMessageBox
    if get_setting(app_ctx.db, "first_run_done") or app_ctx.register.totals()["people"]:
        return app_ctx
    set_setting(app_ctx.db, "first_run_done", "1")
    answer = QMessageBox.question(
        None, QApplication.translate("FirstRun", "Welcome to Menshen"),
        QApplication.translate("FirstRun", "The register is empty. Open a demo community to look around first? "
                               "(It is kept in a separate file; your own register stays empty.)"))
    if answer != QMessageBox.Yes:
        return app_ctx
    from desktop.app import open_app
    from desktop.demo import make_demo_database
    demo_path = app_ctx.db.path.with_name("demo.db")
    if not demo_path.exists():
        make_demo_database(demo_path)
    return open_app(demo_path)
