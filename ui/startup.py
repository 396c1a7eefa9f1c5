"""Start-up of the window: the Qt application, font, language, first run, screenshot mode."""
import atexit
import os
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.app import App, home_dir
from desktop.failures import setup_logging, trace_crashes
from desktop.settings import get_setting
from ui.workers.task import cancel_all, checked, run_and_wait, shared_runner, start_background


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
    # Qt still speaks while the process ends (plugins unloading), after Python has let go of
    # this function: Qt's own handler takes over before that (it crashed the process once).
    atexit.register(qInstallMessageHandler, None)


def show_window(app_ctx: App, *, screenshot: Path | None = None, page: str | None = None,
                lang: str | None = None, offer_demo: bool = False) -> int:
    """Open the main window on ``app_ctx``; with ``screenshot`` render it off screen and exit.
    The database is closed cleanly (checkpointed) when the window closes."""
    qt_app = make_qt_app(offscreen=screenshot is not None)
    from ui import i18n
    from ui.failures import install_handlers, show_failure
    from ui.main_window import MainWindow
    i18n.install_font(qt_app, wait=screenshot is not None)     # a screenshot shows every face
    try:
        i18n.install_language(qt_app, lang or get_setting(app_ctx.db, "language", "zh_CN"))
        if screenshot is None:
            app_ctx.claim_window()          # a second window on this file is refused, plainly
            setup_logging(home_dir())
            trace_crashes(home_dir())
            install_handlers()
        if screenshot is None:
            _daily_backup(app_ctx)
        if app_ctx.db.read_only and screenshot is None:
            QMessageBox.information(None, QApplication.translate("Startup", "Read only"),
                                    app_ctx.db.read_only_message)
        if offer_demo and screenshot is None:
            opened, first_page = _first_run(app_ctx)
            if opened is None:          # the set-up was given up (the clerk said 退出): end here
                cancel_all()            # the day's backup, if it started, ends before the file closes
                shared_runner().wait()
                app_ctx.close()
                return 0
            if opened is not app_ctx and not lang:      # a restored register (or the demo): its own language
                i18n.install_language(qt_app, get_setting(opened.db, "language", "zh_CN"))
            app_ctx, page = opened, page or first_page
        if screenshot is None and not _log_in(app_ctx):
            app_ctx.close()
            return 0
        window = MainWindow(app_ctx)
    except Exception as exc:        # the file is in use, full, damaged…: say so, in Chinese
        app_ctx.close()
        show_failure(exc)
        return 2
    try:
        code = _run_window(qt_app, window, page, screenshot)
    finally:
        # A page may be counting in the background (Today): stop and wait for it before the
        # database closes under it, whatever way the window ended.
        cancel_all()
        shared_runner().wait()
        app_ctx.close()
    if getattr(window, "switch_request", False):   # 换人登录 at the lock: the next person's login
        from desktop.app import open_app
        return show_window(open_app(app_ctx.db.path, key=app_ctx.db.key), lang=lang)
    chosen = getattr(window, "restore_request", None)
    if chosen is not None:          # File ▸ Backups ▸ Restore: the file is closed now
        return _restore_and_reopen(app_ctx.db.path, chosen, lang, app_ctx.db.key, by=app_ctx.db.user_name)
    encrypt = getattr(window, "encrypt_request", None)
    if encrypt is not None:         # File ▸ Encrypt the data file: the file is closed now
        return _encrypt_and_reopen(app_ctx.db.path, encrypt, lang)
    return code


def _encrypt_and_reopen(path: Path, request, lang: str | None) -> int:
    """Encrypt the closed register and its plain backups (desktop/at_rest.py), then open it
    again with the admin's login; a failure is said and the file opens as it was."""
    from desktop.accounts.unlock import open_with_login
    from desktop.app import open_app
    from desktop.at_rest import encrypt_register
    name, passphrase, password = request
    try:
        done = encrypt_register(path, passphrase, passphrase, name, password)
    except Exception as exc:        # a full disk, a file in use: said; the file is as it was
        show_failure(exc)
        return show_window(open_app(path), lang=lang)
    _encrypted_notice(done.backups)
    return show_window(open_with_login(path, name, password), lang=lang)


def _encrypted_notice(backups: int) -> None:
    QMessageBox.information(None, QApplication.translate("Startup", "Data file encrypted"), QApplication.translate(
        "Startup", "The data file and %1 backups are encrypted. Log in as usual to open it; other accounts "
        "are asked once for the data file passphrase on this computer (or get their key when you set "
        "their password). Keep the passphrase on paper in a safe place.").replace("%1", str(backups)))


def _restore_and_reopen(path: Path, chosen, lang: str | None, key=None, ask_passphrase=None,
                        by: str | None = None) -> int:
    """Put the chosen backup in place and open the window again; the audit names ``by`` (the
    admin who chose it, logged in until the window closed). An encrypted register's key
    (the login found it) opens its encrypted backup and the restored file; a backup that needs
    another passphrase (brought from the old computer's stick after the new one's first run) is
    opened with one the clerk types. The login is asked again."""
    from desktop import backup
    from desktop.app import open_app
    kept_key = key
    opening = _opening(path, chosen, key, ask_passphrase)
    if opening is None:             # given up: nothing changed
        return show_window(open_app(path, key=kept_key), lang=lang)
    key, passphrase = opening
    try:
        done = backup.restore(path, chosen, key=key, register_key=kept_key, passphrase=passphrase, by=by)
    except Exception as exc:        # a backup gone bad, a full disk: said; the file is as it was
        show_failure(exc)
        key = kept_key
    else:
        _said_after_restore(done)
    return show_window(open_app(path, key=key), lang=lang)


def _said_after_restore(done) -> None:
    """What the clerk is told once a restore is done, when there is something to tell: the gone
    register's -wal kept beside the data file, where the last entries may be
    (``desktop.backup.lone_wal_note``). Otherwise the window opening on the restored register
    says enough."""
    from desktop import backup
    note = backup.lone_wal_note(done)
    if note:
        QMessageBox.information(None, QApplication.translate("Startup", "Backup restored"), note)


def _opening(path: Path, chosen, key=None, ask_passphrase=None) -> tuple | None:
    """(key, passphrase) that open the backup ``chosen`` of ``path``: the register's own key, or
    one the clerk types for a backup that needs another (sealed or encrypted, brought from the
    old computer's stick); None when the clerk gives up."""
    from desktop import backup
    if chosen in backup.locked_backups(path) and backup.check_backup(chosen, key=key):
        typed = _typed_passphrase(lambda p: not backup.check_backup(chosen, key=p, passphrase=p), ask_passphrase,
                                  other=key is not None)
        return None if typed is None else (typed, typed)
    return key, None


def _typed_passphrase(opens, ask_passphrase=None, *, other: bool = False) -> str | None:
    """A passphrase the clerk types that ``opens(passphrase)`` accepts, asked up to three
    times; None when the clerk gives up or never gets it right. Three wrong ones are said
    (``_not_restored``): the window used to come back without a word, and the clerk could not
    tell whether the register had been replaced. ``other``: the data file's own key was known
    and tried, so the question says the backups need another passphrase."""
    ask = ask_passphrase or (lambda retry: _ask_backup_passphrase(retry, other=other))
    for retry in range(3):
        typed = ask(retry)
        if not typed:
            return None
        if opens(typed):
            return typed
    _not_restored()
    return None


def _not_restored() -> None:
    """Three wrong passphrases: nothing was restored, the register is as it was, and where the
    right passphrase is found (the copy's note, whoever made the copy)."""
    QMessageBox.warning(None, QApplication.translate("Startup", "Backup not restored"), QApplication.translate(
        "Startup", "The passphrase was wrong three times, so the backup was not restored: the data file is as "
        "it was, nothing has been changed. Find the passphrase noted when the copy was made (on paper or on "
        "the USB stick's label; capitals count), or ask the administrator who made the copy, then restore "
        "again."))


def _run_window(qt_app, window, page: str | None, screenshot: Path | None) -> int:
    if page and page not in window.page_names:
        from desktop.cliargs import CommandError
        window.deleteLater()
        raise CommandError(f"没有“{page}”这个页面。可以用：{'、'.join(window.page_names)}")
    if screenshot is not None:
        try:
            save_screenshot(qt_app, window, screenshot, page)
        finally:
            window.close()
        return 0
    if page:
        window.show_page(page)
    window.present()
    if os.environ.get("MENSHEN_REPORT_SHOWN"):     # bench/register.py: start-up time to a shown window
        qt_app.processEvents()
        print(f"shown at {time.time():.6f}", flush=True)
        window.close()
        return 0
    return qt_app.exec()            # show_window stops what is still running (an import rolls back)


def save_screenshot(qt_app, window, screenshot: Path, page: str | None = None) -> None:
    """The window drawn off screen into the PNG ``screenshot``, on ``page`` (else the page it
    is on): ``menshen --screenshot``, and the user guide's pictures, every page from one window
    (docs/make_guide_screenshots.py)."""
    from ui.widgets.screen_fit import show_at
    show_at(window, 1366, 768)      # off screen there is no real screen to fit: the common laptop's
    if page:
        window.show_page(page)
    window.present()
    qt_app.processEvents()
    # Pages that count off the UI thread (Today, the battle map): the picture shows the figures.
    getattr(window.pages.currentWidget(), "wait", lambda: None)()
    qt_app.processEvents()
    Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(screenshot), "PNG"):
        # Qt says nothing of why: a folder that cannot be written, a full disk
        from desktop.cliargs import CommandError
        raise CommandError(f"截图没有存成：无法写入 {screenshot}。请检查这个文件夹能否写入、磁盘是否已满。")


def show_failure(exc: BaseException) -> None:
    """For the command line's window start: a message box when there is no console to read."""
    from ui.failures import show_failure as show
    try:
        show(exc)
    except Exception:
        pass


def _log_in(app_ctx: App) -> bool:
    """The login dialog, when the register has accounts and nobody logged in yet (``--user``
    did already); the demo's dialog shows its accounts. False: the user gave up."""
    from desktop.accounts import actor_of, has_accounts
    from ui.dialogs.login_dialog import LoginDialog
    actor = actor_of(app_ctx.db)
    if not has_accounts(app_ctx.db) or (actor.name and not actor.implicit):
        return True
    return LoginDialog(app_ctx.db).exec() == LoginDialog.Accepted


def _first_run(app_ctx: App, ask_passphrase=None) -> tuple[App | None, str | None]:
    """On an empty register, the first-run wizard (ui/first_run.py): the community, the sync
    passphrase, and how the office begins. Returns the App to show (the demo's for the demo, the
    restored register's for a backup from a USB stick) and the page to open on; None when the
    clerk gave the set-up up (the program ends). A restore given up or refused (the passphrase
    not typed, another community's backup) comes back to the wizard, the register as it was."""
    from desktop.first_run import START_DEMO, START_RESTORE, needs_first_run
    from ui.first_run import FirstRunWizard
    if not needs_first_run(app_ctx):
        return app_ctx, None
    given, start = app_ctx, None
    while True:
        wizard = FirstRunWizard(app_ctx, start=start)
        accepted = wizard.exec() == QDialog.Accepted
        choice, page, source = wizard.choice(), wizard.first_page(), wizard.stick_file
        wizard.deleteLater()
        if not accepted:                # given up: nothing written, asked again at the next start
            if app_ctx is not given:    # reopened after a refused restore (the caller closes its own)
                app_ctx.close()
            return None, None
        if choice == START_DEMO:
            return _open_demo(app_ctx), None
        if choice != START_RESTORE:
            return app_ctx, page
        app_ctx, restored = _restore_from_stick(app_ctx, source, ask_passphrase)
        if restored:
            return app_ctx, None
        start = START_RESTORE


def _restore_from_stick(app_ctx: App, source: Path, ask_passphrase=None) -> tuple[App, bool]:
    """The first-run wizard's 从U盘上的备份恢复 on a new computer: the backup chosen on the stick is
    brought into the backups folder (desktop/backup.bring_in), opened with the passphrase the
    clerk types (as at File ▸ Backups ▸ Restore: ``_opening``) and restored in place of the empty
    register this start made (kept aside, as by every restore); the restored register is opened,
    its login asked next. Returns the App to go on with and whether it is the restored one; given
    up or refused, it is the empty register as it was, the copy brought in for this gone again."""
    from desktop import backup
    from desktop.app import open_app
    path, key = app_ctx.db.path, app_ctx.db.key
    before = {b.path for b in backup.list_backups(path)}
    try:
        chosen = backup.bring_in(path, source)
    except Exception as exc:            # no backup, the stick pulled out, a full disk: said
        show_failure(exc)
        return app_ctx, False

    def forget() -> None:
        if chosen.path not in before:
            chosen.path.unlink(missing_ok=True)
    opening = _opening(path, chosen, key, ask_passphrase)
    if opening is None:
        forget()
        return app_ctx, False
    cancel_all()                        # the day's backup of the empty register ends first
    shared_runner().wait()
    app_ctx.close()                     # a restore needs the file closed by every program
    try:
        done = backup.restore(path, chosen, key=opening[0], register_key=key, passphrase=opening[1])
    except Exception as exc:            # another community's, damaged, newer: said; nothing changed
        show_failure(exc)
        forget()
        app_ctx = open_app(path, key=key)
        app_ctx.claim_window()
        return app_ctx, False
    _said_after_restore(done)
    restored = open_app(path, key=opening[0])
    restored.claim_window()
    return restored, True


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
        if not demo_path.exists():      # cancelled: nothing of it kept; the register opens instead
            return app_ctx
    demo = open_app(demo_path)
    demo.claim_window()
    app_ctx.close()
    return demo


def _daily_backup(app_ctx: App) -> None:
    """The day's backup (desktop/backup.py) when the last is a day old, off the UI thread; the
    window's end cancels its wait for the integrity check or its sealing (a big register's sealed
    backup takes a minute: nothing of it is left, and the next start takes the day's backup), or
    waits for SQLite's copy (one step), before the database closes. A full disk is said, not fatal."""
    from desktop import backup
    if app_ctx.db.read_only or not backup.daily_due(app_ctx.db.path):
        return
    from ui.workers.task import Task
    task = Task(lambda progress, cancelled: backup.daily_backup(app_ctx.db, cancelled=cancelled))

    def said(error) -> None:
        # Damage the background check found is the window's red line (ui/widgets/damage_banner.py),
        # said once: a message box over the gate screen took the scanner's keys.
        if error is not app_ctx.db.damage:
            from ui.failures import show_failure
            show_failure(error)
    task.failed.connect(said)
    # Cancelled at the window's end: it may still be waiting for the integrity check.
    start_background(task)


def open_for_window(path: Path, *, exec_dialog=None, exec_login=None, ask_passphrase=None):
    """The window's database, or None when it cannot be opened. An encrypted file is opened by
    the login (the login dialog before it opens: desktop/accounts/unlock.py). A damaged or empty
    (0-byte) file is not opened: the newest backup that passes the integrity check is offered,
    and restoring it keeps the damaged file aside (renamed, never deleted). ``exec_login`` and
    ``exec_dialog`` show the login and the offer (tests answer them); Esc or Close leaves
    everything as it was. Backups that open only with a passphrase (encrypted, sealed: a copy
    brought back from a USB stick to a new computer) are opened with one the clerk types
    (``ask_passphrase(retry)`` returns it, or None to give up)."""
    from desktop import backup
    from desktop.accounts.unlock import login_opens
    from desktop.app import open_app
    damage, key = backup.missing_register(path), None      # gone, its backups kept: not made anew
    if damage is None:
        try:
            if login_opens(path):
                return _log_in_to_open(path, exec_login)
            return open_app(path)
        except backup.DAMAGED as exc:
            damage = exc
            key = getattr(exc, "key", None)     # an encrypted file's, found by the login
    chinese_qt_app()                            # the settings are in the damaged file
    from ui.dialogs.backup_dialogs import RestoreOfferDialog
    good, given_up = _checking_backups(lambda: backup.newest_good(path, key=key))
    if given_up:                        # Cancel: nothing restored, nothing changed
        return None
    passphrase, locked, own_key = None, False, key
    # Also when the login gave the data file's key: a backup locked with another passphrase (the
    # old computer's copy from a USB stick) got "no backup passes the integrity check".
    if good is None and backup.locked_backups(path, key=key):
        found = {}

        def opens(typed: str) -> bool:
            found["good"], _ = _checking_backups(lambda: backup.newest_good(path, key=typed, passphrase=typed))
            return found["good"] is not None
        passphrase = _typed_passphrase(opens, ask_passphrase, other=key is not None)
        if passphrase:
            key, good = passphrase, found["good"]
        locked = not passphrase         # sound but shut: not "give it to a technician"
    dialog = RestoreOfferDialog(damage.message, backup.list_backups(path, asides=True), good,
                                missing=not path.exists(), locked=locked,
                                note=backup.left_wal_note(path) if good is not None or locked else "")
    answer = (exec_dialog or (lambda d: d.exec()))(dialog)
    chosen = dialog.chosen()
    dialog.deleteLater()
    if answer != RestoreOfferDialog.Accepted or chosen is None:
        return None
    try:
        done = backup.restore(path, chosen, damaged=True, key=key, register_key=own_key, passphrase=passphrase)
        app_ctx = open_app(path, key=key)
    except Exception as exc:            # the backup went bad meanwhile, a full disk: said plainly
        show_failure(exc)
        return None
    app_ctx.restored = done
    _said_after_restore(done)
    return app_ctx


def _checking_backups(find) -> tuple:
    """(``find()``, whether Cancel was pressed): the offer's search for the newest good backup,
    off the UI thread with a progress dialog. A backup not checked before is copied and checked
    whole (desktop/backup.check_backup: seconds for a big register, more on an old disk): before
    any window, the program showed nothing meanwhile, and a clerk started it again."""
    return run_and_wait(None, QApplication.translate("Startup", "The register cannot be opened"),
                        QApplication.translate("Startup", "Checking the backups..."),
                        lambda progress, cancelled: (find(), cancelled()))


def _ask_backup_passphrase(retry: int, other: bool = False) -> str | None:
    """The passphrase of the backups, typed (the one set for a copy on a USB stick, the data
    file's passphrase, or the backup passphrase); None when the clerk gives up. ``other``: the
    data file's own key was tried and does not open them."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit
    if other:
        said = QApplication.translate(
            "Startup", "These backups were locked with another passphrase, not this data file's. Type that "
            "one: the passphrase set when the backup was copied to the USB stick, or the passphrase of the "
            "data file on the computer the backup was made on:")
    else:
        # Three different passphrases can lock a copy (desktop/backup.py): the stick copy's,
        # an encrypted data file's, the daily backups' (MENSHEN_BACKUP_PASSPHRASE).
        said = QApplication.translate(
            "Startup", "The backups are encrypted. Type one of these passphrases:\n"
            "1. the one set for the copy when it was copied to the USB stick;\n"
            "2. the data file's passphrase on the computer the backup was made on (if its data file was "
            "encrypted);\n"
            "3. the passphrase that computer's daily backups are locked with (set by whoever installed "
            "the program there, MENSHEN_BACKUP_PASSPHRASE).")
    if retry:
        said = QApplication.translate("Startup", "No backup opens with that passphrase. Type it again:")
    text, ok = QInputDialog.getText(None, QApplication.translate("Startup", "Encrypted backups"), said,
                                    QLineEdit.Password)
    return text if ok and text else None


def chinese_qt_app():
    """The Qt application in Chinese, before a register's own language setting can be read."""
    from ui import i18n
    qt_app = make_qt_app()
    i18n.install_font(qt_app)
    i18n.install_language(qt_app, "zh_CN")
    return qt_app


def _log_in_to_open(path: Path, exec_login=None):
    """The App the login opened the encrypted ``path`` with, or None when the user gave up; a
    storage failure met while opening it (a damaged file…) is raised."""
    chinese_qt_app()                            # the settings are inside the locked file
    from ui.dialogs.login_dialog import LoginDialog
    dialog = LoginDialog(None, path=path)
    (exec_login or (lambda d: d.exec()))(dialog)
    app_ctx, failure = dialog.app, dialog.failure
    dialog.deleteLater()
    if failure is not None:
        raise failure
    return app_ctx
