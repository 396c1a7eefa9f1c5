"""A form whose fields each carry their own error line, so a message sits beside its field.
A field's line goes as soon as the clerk changes that field (the others stay until the next
save): a red line left under a value already typed again read as if the new one were refused.
Its place stays empty until the next save, so the fields below do not jump while one types.

Each caption's Alt key (姓名(&N)) puts the cursor in its field: in the field itself, or in the
first part of a box of parts (a picker's search line, the first of a grid of check boxes).
On a box of check boxes it only moves the cursor: Qt's own would also click the first box."""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget)

from ui.widgets.screen_fit import grow_on_screen

ERROR_STYLE = "color: #c62828;"


class FieldForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        # A refusal about something with no field of its own (the record changed meanwhile)
        # must still be seen: it goes on a line above the fields.
        self._other = self._error_label("error__other")
        self.layout_.addRow(self._other)

    def _error_label(self, name: str, parent: QWidget | None = None) -> QLabel:
        error = QLabel(parent or self)
        error.setObjectName(name)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        error.hide()
        return error

    def add(self, name: str, caption: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        error = self._error_label(f"error_{name}", box)
        col.addWidget(error)
        # The caption's Alt key (姓名(&N)) puts the cursor in the field itself: the layout's own
        # label would have the box around it as its buddy, which takes no cursor.
        label = _Caption(caption, widget, self)
        self.layout_.addRow(label, box)
        if not widget.objectName():             # a field's own refusal names it (dates.date_of)
            widget.setObjectName(name)
        self._errors[name], self._widgets[name] = error, widget
        _when_changed(widget, lambda *_: self.show_error(name, ""))
        return widget

    def add_below(self, name: str, widget: QWidget) -> QWidget:
        """A line under field ``name``, above its error (what the typed text will be saved as).
        Its place is kept, as tall as ``widget`` is when added, while it is hidden or empty:
        shown and hidden as the clerk types, it made the fields below jump at each key."""
        col = self._widgets[name].parentWidget().layout()
        col.insertWidget(col.indexOf(self._errors[name]), widget)
        widget.ensurePolished()                 # its style sheet's font counts in its height
        widget.setMinimumHeight(widget.sizeHint().height())
        _keep_place_when_hidden(widget, True)
        return widget

    def aim_caption(self, name: str) -> None:
        """Point field ``name``'s caption (its Alt key) at the field's first part again, after
        its parts changed (the check boxes of the chosen person's household)."""
        widget = self._widgets[name]
        self.layout_.labelForField(widget.parentWidget()).aim()

    def set_row_visible(self, name: str, visible: bool) -> None:
        """Show or hide a field with its caption (a village house has no building or unit)."""
        self.layout_.setRowVisible(self._widgets[name].parentWidget(), visible)

    def set_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field; the first wrong field takes the focus."""
        first = None
        for name, label in self._errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            _keep_place_when_hidden(label, False)   # a save lays the form out afresh
            if message and first is None:
                first = first_taking_focus(self._widgets[name]) or self._widgets[name]
        other = "\n".join(message for name, message in errors.items() if name not in self._errors and message)
        self._other.setText(other)
        self._other.setVisible(bool(other))
        if first is not None:
            first.setFocus()
        self._fit_window()

    def show_error(self, name: str, message: str) -> None:
        """Show (or with "" take away) the message under field ``name`` only; the other fields'
        messages stay as they are."""
        label = self._errors[name]
        if not message and label.isVisibleTo(self):
            _keep_place_when_hidden(label, True)    # until the next save: nothing below moves
        label.setText(message)
        label.setVisible(bool(message))
        if message:
            self._fit_window()

    def _fit_window(self) -> None:
        """Grow a dialog so a message that wraps to a second line is not cut off: a dialog does
        not grow by itself for word-wrapped labels."""
        window = self.window()
        layout = window.layout()
        if not isinstance(window, QDialog) or layout is None:
            return
        for label in (*self._errors.values(), self._other):
            # Nested in a field's box, a wrapped label is given one line's height: ask for its own.
            width = label.parentWidget().width() if label is not self._other else self.width()
            label.setMinimumHeight(label.heightForWidth(width) if label.isVisibleTo(self) else 0)
        layout.activate()
        needed = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > window.height():
            grow_on_screen(window, needed)

    def first_field(self) -> QWidget | None:
        """The first field a clerk can type into or choose in (Tab order), or None."""
        return first_taking_focus(self)

    def fields(self) -> set[str]:
        return set(self._errors)

    def error_text(self, name: str) -> str:
        """The message shown under field ``name``; "" for the line of messages with no field."""
        label = self._errors[name] if name else self._other
        return label.text() if not label.isHidden() else ""


class _Caption(QLabel):
    """A field's caption, its Alt key aimed at the field's first part (``first_taking_focus``).
    QLabel's Alt key also clicks a buddy that is a button: on a box of check boxes Alt+C
    (关爱类别) ticked or unticked the first one (独居老人), unseen, and the clerk's Space then
    undid it. The key only moves the cursor there; a field that is one check box is clicked,
    as Qt does (its caption's key is its own)."""

    def __init__(self, caption: str, field: QWidget, parent: QWidget):
        super().__init__(caption, parent)
        self.field = field
        self.aim()

    def aim(self) -> None:
        self.setBuddy(first_taking_focus(self.field) or self.field)

    def event(self, e) -> bool:
        buddy = self.buddy()
        if e.type() == QEvent.Type.Shortcut and buddy is not None and buddy is not self.field:
            group = buddy.group() if isinstance(buddy, QAbstractButton) else None
            if group is not None and group.checkedButton() is not None:
                buddy = group.checkedButton()           # 方式: the way chosen (电话), as Tab goes
            buddy.setFocus(Qt.ShortcutFocusReason)      # a label's one shortcut is its Alt key
            self.window().setAttribute(Qt.WA_KeyboardFocusChange)
            return True
        return super().event(e)


def first_taking_focus(container: QWidget) -> QWidget | None:
    """``container`` if it takes the cursor by Tab, else its first part that does (Tab order),
    or None. A box of parts takes no cursor itself: a caption's Alt key aimed at it did nothing,
    and a refusal that put the cursor on it sent the clerk's typing nowhere."""
    if container.isEnabled() and container.focusPolicy() & Qt.TabFocus:
        return container
    widget = container.nextInFocusChain()
    while widget is not container:
        if (container.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(container)
                and widget.focusPolicy() & Qt.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _keep_place_when_hidden(widget: QWidget, keep: bool) -> None:
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(keep)
    widget.setSizePolicy(policy)


def _when_changed(widget: QWidget, changed) -> None:
    """Call ``changed`` when the clerk changes ``widget`` or a field inside it (a box of check
    boxes, a picker's search line): typed, chosen, ticked, stepped or picked."""
    for part in (widget, *widget.findChildren(QWidget)):
        if isinstance(part, QLineEdit):         # typed by the clerk, not set by the program
            part.textEdited.connect(changed)
        if isinstance(part, QComboBox):
            part.currentIndexChanged.connect(changed)
        elif isinstance(part, (QPlainTextEdit, QTextEdit)):
            part.textChanged.connect(changed)
        elif isinstance(part, QAbstractButton) and part.isCheckable():
            part.toggled.connect(changed)
        elif isinstance(part, QListWidget):
            part.currentRowChanged.connect(changed)
            part.itemChanged.connect(changed)
        elif isinstance(part, QAbstractSpinBox) and hasattr(part, "valueChanged"):
            part.valueChanged.connect(changed)  # the arrows; typing reaches its line above
        if hasattr(part, "dateChanged"):        # a date picked from the calendar (dates.DateEdit)
            part.dateChanged.connect(changed)


def set_errors_in(forms: list[FieldForm], errors: dict[str, str]) -> None:
    """Errors of a dialog made of several forms: each message once, under its field in the form
    that has it; one with no field anywhere goes on the first form's line of messages (each form
    given all of them showed a field's message under it and again above every other form)."""
    elsewhere = set().union(*(f.fields() for f in forms[1:]))
    # Last form first: each form with a message puts the cursor in its first wrong field, so the
    # first form's comes last and the cursor is on the first wrong field of the dialog.
    for form in reversed(forms[1:]):
        form.set_errors({n: m for n, m in errors.items() if n in form.fields()})
    forms[0].set_errors({n: m for n, m in errors.items() if n not in elsewhere})
