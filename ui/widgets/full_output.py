"""A full (unmasked) print or export from the window: the box that asks for it, and the reason
an admin must give. The rule itself is ``desktop.accounts.roles.output_masking``; this module
only makes the window follow it, so a clerk is never sent to a refusal with nowhere to type.

Without a login (the demo, a register with no account yet) the box works as it always did. A
logged-in account that may not print full numbers finds the box ticked and locked; an admin who
unticks it is asked why when the output is made (the reason goes into the audit)."""
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QInputDialog, QLineEdit, QWidget

from desktop.accounts.roles import Permission, actor_of, can


def mask_box(parent: QWidget) -> QCheckBox:
    """The box that asks for a printed paper's ID and phone numbers masked: the paper page's and
    the duty page's roster, the same words on both."""
    box = QCheckBox(QCoreApplication.translate("FullOutput", "Mask ID and phone numbers"), parent)
    box.setObjectName("masked")
    return box


def set_for_form(box: QCheckBox, form: str, app) -> None:
    """Set the masking ``box`` as the paper ``form``'s own rule (``FormInfo.numbers``) starts it:
    the office's own file whole, any other masked; then tick and lock it as the account allows."""
    from desktop.printing.forms import FORMS, OFFICE
    box.setChecked(FORMS[form].numbers != OFFICE)
    follow_role(box, app)


def follow_role(box: QCheckBox, app) -> None:
    """Tick and lock the masking ``box`` for an account that may only make masked outputs;
    free it again for one that may (the account can change at the idle lock)."""
    actor = actor_of(app.db)
    locked = not actor.implicit and not can(actor, Permission.EXPORT_FULL)
    if locked:
        box.setChecked(True)
    box.setEnabled(not locked)
    box.setToolTip(QCoreApplication.translate(
        "FullOutput", "Only an administrator may print or export full ID and phone numbers.") if locked else "")


def full_output_reason(parent: QWidget, app, what: str = "") -> str | None:
    """Why a full copy is made: "" when no login is in use (nobody to ask), the text an admin
    typed, or None when the clerk cancelled (make nothing). ``what``: the copy named in the
    question (one household's sheet: which household, as the clerk came from its row)."""
    if actor_of(app.db).implicit:
        return ""
    question = (QCoreApplication.translate("FullOutput", "This copy (%1) shows full ID and phone numbers. "
                                                         "Write what it is for (kept in the audit):")
                .replace("%1", what) if what else
                QCoreApplication.translate("FullOutput", "This copy shows full ID and phone numbers. "
                                                         "Write what it is for (kept in the audit):"))
    while True:
        reason, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("FullOutput", "Full numbers"), question, QLineEdit.Normal, "")
        if not ok:
            return None
        if reason.strip():
            return reason.strip()
