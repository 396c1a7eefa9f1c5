"""The first-run wizard (首次使用向导): how the office begins, its community, the sync passphrase.

Pages, in order: how to begin (import the Excel ledger, join a community from a stick, start
empty, try the demo, or restore the office's backup from a USB stick on a new computer); for a new register of the office's own, the community and its places and
the sync passphrase (optional); any pages in ``SETUP_PAGES``; the last page, whose Finish
writes everything at once through desktop/first_run.py. Joining takes the community from the
stick (a community typed here would be another community, and its packages refused), and the
demo is a separate file, so neither asks for a community. Restoring a backup asks for its file
on Next (checked to be a Menshen backup, nothing copied yet); Finish hands it to ui/startup.py,
which brings it in and restores it in place of the empty register (its passphrase asked then).

``SETUP_PAGES`` is the step hook for the accounts work: append a factory ``f(app) -> QWizardPage``
(the admin account page) and it is shown after the passphrase, for a new register only. A page
may define ``apply(app)``: the Finish button calls it, in order, after the community is made,
and an ``InputError`` it raises is shown on the last page, which stays open.
"""
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QRadioButton, QVBoxLayout, QWizard, QWizardPage)

from desktop import first_run as fr
from desktop.app import App
from desktop.errors import InputError, InputErrors
from ui.dialogs.password_dialog import password_rule
from ui.widgets.screen_fit import fit_to_screen

# Extra set-up pages (factories taking the App), shown after the passphrase page for a new
# register. The accounts work inserts its "admin account" page here.
SETUP_PAGES: list[Callable[[App], QWizardPage]] = []

START, COMMUNITY, PASSPHRASE, FINISH = 0, 1, 2, 99
FIRST_EXTRA = 10

# The window's page each start opens on (the demo opens its own file).
PAGE_AFTER = {fr.START_IMPORT: "excel", fr.START_JOIN: "sync", fr.START_EMPTY: "register"}


def _error_label(parent, *fields) -> QLabel:
    """The red line under a page's fields. It speaks of what was typed when Next was pressed:
    an edit of any of ``fields`` clears it (a page clears it, too, when it is entered again),
    and Next says it again only if it is still true."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b71c1c;")
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    for field in fields:
        field.textChanged.connect(lambda *_: label.clear())
    return label


def _village_chosen(page: QWizardPage) -> bool:
    """The community page's kind is a village (村委会): the later pages speak of the village."""
    community = getattr(page.wizard(), "community_page", None)
    return community is not None and community.kind.currentData() == "village"


class StartPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Menshen"))
        self.setSubTitle(self.tr("How does this office begin? You can do the others later."))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for code, text, hint in (
                (fr.START_IMPORT, self.tr("Import our Excel ledger"),
                 self.tr("Set up the community, then read the household register you keep in Excel.")),
                (fr.START_JOIN, self.tr("Join a community from a USB stick"),
                 self.tr("Another computer of the office has set it up: read its sync packages.")),
                (fr.START_EMPTY, self.tr("Start empty"),
                 self.tr("Set up the community and type households in by hand.")),
                (fr.START_DEMO, self.tr("Try the demo community"),
                 self.tr("A made-up community in a separate file, to look around and to train staff.")),
                (fr.START_RESTORE, self.tr("Restore from a backup on a USB stick (a new computer, or the disk "
                                           "failed)"),
                 self.tr("Choose the backup the administrator copied to the stick (File > Backups > Copy to a "
                         "USB stick); the register comes back as it was then."))):
            button = QRadioButton(text, self)
            button.setObjectName(f"start_{code}")
            button.setProperty("code", code)
            self.group.addButton(button)
            note = QLabel(hint, self)
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(button)
            layout.addWidget(note)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.group.buttons()[0].setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self.error.clear())

    def choice(self) -> str:
        return self.group.checkedButton().property("code")

    def choose(self, code: str) -> None:
        next(b for b in self.group.buttons() if b.property("code") == code).setChecked(True)

    def validatePage(self) -> bool:
        """A backup to restore is chosen on Next and checked to be one (a PDF or a workbook
        renamed is said here, on this page); nothing is copied before Finish. Cancelled: here."""
        if self.choice() != fr.START_RESTORE:
            return True
        from desktop import backup
        self.error.clear()
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the backup on the USB stick"), "",
                                                self.tr("Menshen backups (*.mbak *.bak)"))
        if not source:
            return False
        try:
            backup.check_backup_file(source)
        except backup.BackupUnusableError as e:
            self.error.setText(e.message)
            return False
        self.wizard().stick_file = Path(source)
        return True


class CommunityPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Your community"))
        self.setSubTitle(self.tr("Printed notices and reports are signed with this name."))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. 新民社区 or 王家湾村"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Community (居委会)"), "community")
        self.kind.addItem(self.tr("Village (村委会)"), "village")
        self.street_office = QLineEdit(self)
        self.street_office.setObjectName("street_office")
        self.street_office.setPlaceholderText(self.tr("e.g. 积玉桥街道 or 五里镇"))
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.places = QPlainTextEdit(self)
        self.places.setObjectName("places")
        self.places.setTabChangesFocus(True)
        self.error = _error_label(self, self.name, self.street_office, self.phone, self.places)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Street office or town"), self.street_office)
        form.addRow(self.tr("Office phone"), self.phone)
        self.places_label = QLabel(self)
        form.addRow(self.places_label, self.places)
        form.addRow(self.error)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        # 李家坪村 typed, the kind left at 社区: every page after spoke of 小区 to a village.
        self._kind_chosen = False
        self.kind.activated.connect(self._kind_picked)
        self.name.textEdited.connect(self._name_edited)

    def _kind_picked(self, _index: int) -> None:
        self._kind_chosen = True

    def _name_edited(self, text: str) -> None:
        """The kind follows the name (…村 a village, …社区 a community) until the clerk picks it."""
        said = fr.kind_from_name(text)
        if said and not self._kind_chosen:
            self.kind.setCurrentIndex(self.kind.findData(said))

    def _kind_changed(self) -> None:
        """The places box shows examples of the kind chosen, either way (a village: its groups)."""
        if self.kind.currentData() == "village":
            # A village has no compounds or buildings: the box asks for its groups alone.
            self.places_label.setText(self.tr("Village groups"))
            self.places.setPlaceholderText(self.tr("One village group a line:\n一组\n二组\n王家湾组"))
        else:
            self.places_label.setText(self.tr("Compounds and buildings,\nor village groups"))
            self.places.setPlaceholderText(self.tr("One compound or village group a line, buildings after it:\n"
                                                   "幸福里小区：1-12栋\n建设院 1、3、5\n王家湾组"))
        # Qt repaints an empty box's example only when it next paints for another reason (on a
        # real screen the old example stayed until a key was typed in the box).
        self.places.viewport().update()

    def plan(self) -> fr.CommunityPlan:
        return fr.CommunityPlan(self.name.text(), self.kind.currentData(), self.street_office.text(),
                                self.phone.text(), self.places.toPlainText())

    def initializePage(self) -> None:
        self.error.clear()           # entered again (Back, then Next): nothing was checked yet

    def validatePage(self) -> bool:
        try:
            fr.check_plan(self.plan())
        except InputErrors as e:
            self.error.setText("\n".join(e.by_field().values()))
            {"name": self.name, "places": self.places}.get(e.errors[0].field, self.name).setFocus()
            return False
        self.error.clear()
        return True


class PassphrasePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Sync passphrase (optional)"))
        self.setSubTitle(self.tr("Every computer of the community types the same passphrase to exchange data "
                                 "by USB stick. Leave it empty to set it later on the Sync page."))
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.repeated = QLineEdit(self)
        self.repeated.setObjectName("repeated")
        self.repeated.setEchoMode(QLineEdit.Password)
        note = QLabel(self.tr("At least 12 characters, or 4 different words with spaces between them. "
                              "Menshen does not keep the passphrase itself: write it down and keep it "
                              "in the office."), self)
        note.setWordWrap(True)
        self.error = _error_label(self, self.passphrase, self.repeated)
        form = QFormLayout(self)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Type it again"), self.repeated)
        form.addRow(note)
        form.addRow(self.error)

    def initializePage(self) -> None:
        self.error.clear()           # entered again (Back, then Next): nothing was checked yet
        if _village_chosen(self):
            self.setSubTitle(self.tr("Every computer of the village committee types the same passphrase to exchange "
                                     "data by USB stick. Leave it empty to set it later on the Sync page."))
        else:
            self.setSubTitle(self.tr("Every computer of the community types the same passphrase to exchange data "
                                     "by USB stick. Leave it empty to set it later on the Sync page."))

    def validatePage(self) -> bool:
        if not self.passphrase.text() and not self.repeated.text():
            self.error.clear()
            return True
        try:
            fr.check_new_passphrase(self.passphrase.text(), self.repeated.text())
        except InputError as e:
            self.error.setText(e.message)
            (self.repeated if e.field == "repeated" else self.passphrase).setFocus()
            return False
        self.error.clear()
        return True


class AdminAccountPage(QWizardPage):
    """The community secretary's account (issue 16: the first run creates the admin). Made at
    Finish, after the community, and logged in, so the window opens without asking again."""

    def __init__(self, app: App, parent=None):
        super().__init__(parent)
        self.app = app
        self.setTitle(self.tr("The administrator's account"))
        self.setSubTitle(self.tr("The community secretary's account: it manages the other accounts, the settings "
                                 "and the sync passphrase, and reads the audit log."))
        self.name = QLineEdit(self)
        self.name.setObjectName("admin_name")
        self.password = QLineEdit(self)
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(password_rule())      # said before a password is refused
        self.repeated = QLineEdit(self)
        self.repeated.setObjectName("admin_repeated")
        self.repeated.setEchoMode(QLineEdit.Password)
        self.error = _error_label(self, self.name, self.password, self.repeated)
        form = QFormLayout(self)
        form.addRow(self.tr("Account name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Type it again"), self.repeated)
        form.addRow(self.error)

    def initializePage(self) -> None:
        self.error.clear()           # entered again (Back, then Next): nothing was checked yet
        if _village_chosen(self):
            self.setSubTitle(self.tr("The village secretary's account: it manages the other accounts, the settings "
                                     "and the sync passphrase, and reads the audit log."))
        else:
            self.setSubTitle(self.tr("The community secretary's account: it manages the other accounts, the "
                                     "settings and the sync passphrase, and reads the audit log."))

    def validatePage(self) -> bool:
        from desktop.accounts.store import check_account_name, check_new_password
        try:
            if not self.name.text().strip():
                raise InputError("name", "请填写管理员的账号名（例如书记的名字）。")
            # The whole rule for the name here (a name too long was refused only at Finish,
            # after the community was written: given up then, the register had no admin).
            check_account_name(self.app.db, self.name.text())
            check_new_password(self.password.text(), self.repeated.text(), name=self.name.text())
        except InputError as e:
            self.error.setText(e.message)
            {"name": self.name, "repeated": self.repeated}.get(e.field, self.password).setFocus()
            return False
        self.error.clear()
        return True

    def apply(self, app: App) -> None:
        from desktop.accounts import create_first_admin, has_accounts, login
        if not has_accounts(app.db):        # Finish pressed again after a later error
            create_first_admin(app.db, self.name.text(), self.password.text())
        login(app.db, self.name.text(), self.password.text())


SETUP_PAGES.append(AdminAccountPage)


class FinishPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.error = _error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard: FirstRunWizard = self.wizard()
        choice = wizard.choice()
        lines = []
        if choice in fr.STARTS_WITH_SETUP:
            plan = wizard.community_page.plan()
            planned = fr.parse_places(plan.places_text, plan.kind)
            if planned and all(p.kind == "village_group" for p in planned):     # a village has no buildings
                lines.append(self.tr("Set up %1: %2 village groups.")
                             .replace("%1", plan.saved_name).replace("%2", str(len(planned))))
            else:
                lines.append(self.tr("Set up %1: %2 compounds or village groups, %3 buildings.")
                             .replace("%1", plan.saved_name).replace("%2", str(len(planned)))
                             .replace("%3", str(sum(len(p.buildings) for p in planned))))
            lines.append(self.tr("Sync passphrase: set.") if wizard.passphrase_page.passphrase.text()
                         else self.tr("Sync passphrase: later, on the Sync page."))
            # The account is what every later start asks for: said here, where it is last seen.
            admin = wizard.findChild(AdminAccountPage)
            if admin is not None and admin.name.text().strip():
                lines.append(self.tr("Administrator account: %1. Every start asks for this name and its "
                                     "password: keep the password written down in the office.")
                             .replace("%1", admin.name.text().strip()))
        if choice == fr.START_RESTORE:
            lines.append(self.tr("The backup %1 is put in place of this computer's empty register. A backup "
                                 "encrypted with a passphrase asks for it now (the one set when it was copied to "
                                 "the stick); then log in with an account of the office.")
                         .replace("%1", str(wizard.stick_file)))
        lines.append({fr.START_IMPORT: self.tr("Then the Excel page opens: choose your ledger there."),
                      fr.START_JOIN: self.tr("The Sync page opens: choose the USB stick and type the community's "
                                             "passphrase."),
                      fr.START_EMPTY: self.tr("Then the Register page opens: add households there."),
                      fr.START_DEMO: self.tr("The demo community is made in a separate file (about half a minute) "
                                             "and opened; your own register stays empty."),
                      fr.START_RESTORE: self.tr("If the passphrase is not typed or the backup cannot be "
                                                "restored, nothing is changed and this wizard comes back.")}[choice])
        self.summary.setText("\n\n".join(lines))
        self.error.clear()

    def validatePage(self) -> bool:
        try:
            self.wizard().apply()
        except (InputError, InputErrors) as e:
            self.error.setText(str(e))
            return False
        return True


class FirstRunWizard(QWizard):
    """Asks; writes only when Finish is pressed (``apply``). Cancel writes nothing, and ends the
    program once the clerk confirms it (``reject``)."""

    def __init__(self, app: App, parent=None, *, start: str | None = None):
        super().__init__(parent)
        self.app = app
        #: The backup chosen on a USB stick to restore (START_RESTORE): checked, not yet copied.
        self.stick_file: Path | None = None
        self.setWindowTitle(self.tr("Welcome to Menshen"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.start_page, self.community_page = StartPage(self), CommunityPage(self)
        self.passphrase_page, self.finish_page = PassphrasePage(self), FinishPage(self)
        self.setPage(START, self.start_page)
        self.setPage(COMMUNITY, self.community_page)
        self.setPage(PASSPHRASE, self.passphrase_page)
        self.extra_pages = [factory(app) for factory in SETUP_PAGES]
        for n, page in enumerate(self.extra_pages):
            self.setPage(FIRST_EXTRA + n, page)
        self.setPage(FINISH, self.finish_page)
        self.setup_sequence = [COMMUNITY, PASSPHRASE, *range(FIRST_EXTRA, FIRST_EXTRA + len(self.extra_pages)),
                               FINISH]
        self.set_up: fr.SetUpCommunity | None = None
        if start is not None:           # a restore given up or refused: its choice again
            self.start_page.choose(start)
        fit_to_screen(self, 720, 540)

    def choice(self) -> str:
        return self.start_page.choice()

    def first_page(self) -> str | None:
        """The window's page to open after the wizard."""
        return PAGE_AFTER.get(self.choice())

    def nextId(self) -> int:
        current = self.currentId()
        if current == START:
            return COMMUNITY if self.choice() in fr.STARTS_WITH_SETUP else FINISH
        if current in self.setup_sequence[:-1]:
            return self.setup_sequence[self.setup_sequence.index(current) + 1]
        return -1

    def apply(self) -> None:
        """Write what was asked: the community and its places, the passphrase check, the extra
        pages' own writes, and that the first run is done (not for the demo: a look around
        leaves the office's own register to be set up at its next start)."""
        choice, db = self.choice(), self.app.db
        if choice in fr.STARTS_WITH_SETUP:
            if self.set_up is None:             # Finish pressed again after an extra page's error
                self.set_up = fr.set_up_community(self.app, self.community_page.plan())
            phrase = self.passphrase_page
            if phrase.passphrase.text():
                fr.set_sync_passphrase(db, phrase.passphrase.text(), phrase.repeated.text())
            for page in self.extra_pages:
                getattr(page, "apply", lambda _app: None)(self.app)
        if choice not in (fr.START_DEMO, fr.START_RESTORE):     # a restore brings its own register
            fr.finish_first_run(db)

    def reject(self) -> None:
        """Cancel, Esc and the window's close box all come here. The window does not open
        without the set-up: it would have no administrator, and half the office's choices
        typed here would be lost without a word. So the clerk is asked whether to quit;
        继续设置 (also the question's Esc and Enter: a slip of the key keeps what was typed)
        goes back to the page as it was, 退出 ends the program. Nothing has been written then
        (the register stays empty), so the next start offers this wizard again."""
        box = QMessageBox(QMessageBox.Question, self.tr("Welcome to Menshen"),
                          self.tr("Setting up is not finished. Quit the program? The next start begins "
                                  "setting up again."), QMessageBox.NoButton, self)
        box.setObjectName("quit_question")
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.DestructiveRole)
        quit_button.setObjectName("quit")
        stay = box.addButton(self.tr("Continue setting up"), QMessageBox.RejectRole)
        stay.setObjectName("continue")
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        quits = box.clickedButton() is quit_button
        box.deleteLater()
        if quits:
            super().reject()
