"""Start-up of the window: the Qt application, font, language, first run, screenshot mode."""
import os
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.app import App, home_dir
from desktop.failures import setup_logging
from desktop.settings import get_setting
from ui.workers.task import cancel_all, checked, run_and_wait, shared_runner


def make_qt_app(offscreen: bool = False):
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _quiet_offscreen_notice()
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Menshen")
    app.setOrganizationName("Menshen")
    return app


def _quiet_offscreen_notice() -> None:
    """The offscreen platform says on stderr that it has no window manager to tell about size
    hints: true and harmless for a screenshot, so it is not shown; every other message is."""
    from PySide6.QtCore import qInstallMessageHandler
    previous = None

    def handler(kind, context, message):
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")
    previous = qInstallMessageHandler(handler)


def show_window(app_ctx: App, *, screenshot: Path | None = None, page: str | None = None,
                lang: str | None = None, offer_demo: bool = False) -> int:
    """Open the main window on ``app_ctx``; with ``screenshot`` render it off screen and exit.
    The database is closed cleanly (checkpointed) when the window closes."""
    qt_app = make_qt_app(offscreen=screenshot is not None)
    from ui import i18n
    from ui.failures import install_handlers, show_failure
    from ui.main_window import MainWindow
    i18n.install_font(qt_app)
    try:
        i18n.install_language(qt_app, lang or get_setting(app_ctx.db, "language", "zh_CN"))
        if screenshot is None:
            app_ctx.claim_window()          # a second window on this file is refused, plainly
            setup_logging(home_dir())
            install_handlers()
        if app_ctx.db.read_only and screenshot is None:
            QMessageBox.information(None, QApplication.translate("Startup", "Read only"),
                                    app_ctx.db.read_only_message)
        if offer_demo and screenshot is None:
            app_ctx, first_page = _first_run(app_ctx)
            page = page or first_page
        window = MainWindow(app_ctx)
    except Exception as exc:        # the file is in use, full, damaged…: say so, in Chinese
        app_ctx.close()
        show_failure(exc)
        return 2
    try:
        return _run_window(qt_app, window, page, screenshot)
    finally:
        # A page may be counting in the background (Today): stop and wait for it before the
        # database closes under it, whatever way the window ended.
        cancel_all()
        shared_runner().wait()
        app_ctx.close()


def _run_window(qt_app, window, page: str | None, screenshot: Path | None) -> int:
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
    return qt_app.exec()            # show_window stops what is still running (an import rolls back)


def show_failure(exc: BaseException) -> None:
    """For the command line's window start: a message box when there is no console to read."""
    from ui.failures import show_failure as show
    try:
        show(exc)
    except Exception:
        pass


def _first_run(app_ctx: App) -> tuple[App, str | None]:
    """On an empty register, the first-run wizard (ui/first_run.py): the community, the sync
    passphrase, and how the office begins. Returns the App to show (the demo's for the demo)
    and the page to open on."""
    from desktop.first_run import START_DEMO, needs_first_run
    from ui.first_run import FirstRunWizard
    if not needs_first_run(app_ctx):
        return app_ctx, None
    wizard = FirstRunWizard(app_ctx)
    accepted = wizard.exec() == QDialog.Accepted
    choice, page = wizard.choice(), wizard.first_page()
    wizard.deleteLater()
    if not accepted:                    # closed: nothing written, asked again at the next start
        return app_ctx, None
    if choice == START_DEMO:
        return _open_demo(app_ctx), None
    return app_ctx, page


def _open_demo(app_ctx: App) -> App:
    """The demo community in its own file beside the register (made once), opened instead."""
    from desktop.app import open_app
    from desktop.demo import make_demo_database
    demo_path = app_ctx.db.path.with_name("demo.db")
    if not demo_path.exists():
        # A background job: the progress shows, the window system sees a live program.
        run_and_wait(None, QApplication.translate("FirstRun", "Welcome to Menshen"),
                     QApplication.translate("FirstRun", "Making the demo community..."),
                     lambda progress, cancelled: make_demo_database(demo_path, progress=checked(progress, cancelled)))
    demo = open_app(demo_path)
    demo.claim_window()
    app_ctx.close()
    return demo
