"""A date field: typed (2020-02-10, 2020/2/10, 2020年2月10日, 20200210) or picked from a
calendar, shown in ISO order whatever the language (a day typed another way is shown so when
the clerk leaves the field).

Not a QDateEdit: its sections rewrite what is typed (2026-13-45 became 2026-01-04, 2026-02-30
became 2026-02-03, without a word), and a wrong visit date saved that way is never noticed.
Here the text stays as typed; a date that does not exist is said beside the field (the one date
rule: ``desktop.excel.normalise.date_value``) and ``date_of`` refuses it, so a form shows the
message under its field and saves nothing."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from desktop.errors import InputError
from desktop.excel.normalise import date_value

ISO = "yyyy-MM-dd"
_WHOLE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BAD_STYLE = "QLineEdit { border: 2px solid #c62828; }"


def _calendar_icon() -> QIcon:
    """A small calendar drawn here: no icon theme on a bare Windows or Linux machine has one."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.transparent)
    p = QPainter(pixmap)
    p.setPen(QColor("#555555"))
    p.drawRect(1, 2, 13, 12)
    p.fillRect(2, 3, 12, 3, QColor("#c62828"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(x, y, 2, 2, QColor("#555555"))
    p.end()
    return QIcon(pixmap)


def _qdate(day: date | QDate) -> QDate:
    return day if isinstance(day, QDate) else QDate(day.year, day.month, day.day)


class DateEdit(QLineEdit):
    """``dateChanged`` is sent for each new date that the text holds (typed or picked)."""
    dateChanged = Signal(QDate)

    def __init__(self, value: date, parent: QWidget | None = None, maximum: date | None = None):
        super().__init__(parent)
        self._maximum: QDate | None = _qdate(maximum) if maximum else None
        self._good = _qdate(value)
        self.setPlaceholderText("2020-02-10")
        self.setText(self._good.toString(ISO))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("2020-02-10") + 48)
        pick = QAction(_calendar_icon(), "", self)
        pick.setObjectName("pick_date")
        pick.triggered.connect(self.show_calendar)
        self.addAction(pick, QLineEdit.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.textChanged.connect(self._typed)
        self.editingFinished.connect(self._finished)

    # -- the QDateEdit calls the pages use ---------------------------------------------------
    def date(self) -> QDate:
        """The last date the field held (a wrong text in between does not count)."""
        return QDate(self._good)

    def setDate(self, day: date | QDate) -> None:
        self.setText(_qdate(day).toString(ISO))

    def maximumDate(self) -> QDate:
        return QDate(self._maximum) if self._maximum else QDate(9999, 12, 31)

    def setMaximumDate(self, day: date | QDate) -> None:
        self._maximum = _qdate(day)

    # -- reading what was typed ------------------------------------------------------------
    def typed_date(self, field: str = "") -> date:
        """The date typed; InputError (for ``field``) when it is empty, wrong or too late."""
        field = field or self.objectName() or "date"
        text = self.text().strip()
        if not text:
            raise InputError(field, "请填写日期，例如 2020-02-10。")
        day = date_value(text, field)
        if self._maximum is not None and _qdate(day) > self._maximum:
            latest = self._maximum.toString(ISO)
            raise InputError(field, f"日期{day.isoformat()}晚于{latest}，不能填以后的日子。", value=text)
        return day

    def _typed(self, text: str) -> None:
        # Only a whole date counts while typing: on the way to 2026-02-28, "2026-02-2" is a day
        # too, and a list filtered by it would flicker through the wrong days.
        if _WHOLE.match(text.strip()):
            self._take()

    def _take(self) -> None:
        try:
            day = _qdate(self.typed_date())
        except InputError:
            return                                  # said when the clerk leaves the field
        self._mark("")
        if day != self._good:
            self._good = day
            self.dateChanged.emit(QDate(day))

    def _finished(self) -> None:
        try:
            day = self.typed_date()
        except InputError as e:
            self._mark(e.message)
            return
        if self.text() != day.isoformat():
            # 2020年2月5日, 2020.2.5, 20200205: shown as the day it was read as, so the clerk
            # sees that reading before saving (a wrong text is never rewritten: see above).
            self.setText(day.isoformat())
        self._take()

    def _mark(self, message: str) -> None:
        self.setStyleSheet(_BAD_STYLE if message else "")
        self.setToolTip(message)

    def keyPressEvent(self, event) -> None:
        # Up and down step a day, as they did in the old date box (a clerk entering yesterday's
        # visits presses Down once); the latest day allowed is not passed.
        step = {Qt.Key_Up: 1, Qt.Key_Down: -1}.get(event.key())
        if step is None:
            super().keyPressEvent(event)
            return
        day = self._good.addDays(step)
        if self._maximum is None or day <= self._maximum:
            self.setDate(day)

    # -- the calendar ----------------------------------------------------------------------
    def show_calendar(self) -> None:
        calendar = self.calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.Popup)
        calendar.setAttribute(Qt.WA_DeleteOnClose)
        calendar.setGridVisible(True)
        if self._maximum is not None:
            calendar.setMaximumDate(self._maximum)
        calendar.setSelectedDate(self._good)
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        # The keys go to the calendar (arrows move the day, Enter picks it, Esc closes): it had
        # no focus, and a clerk's arrows and Enter did nothing until the mouse was used.
        calendar.setFocus(Qt.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.setFocus()


def date_edit(value: date, parent=None, maximum: date | None = None) -> DateEdit:
    return DateEdit(value, parent, maximum)


def date_of(edit: DateEdit) -> date:
    """The date typed into ``edit``, for a record to be saved: InputError beside its field when
    the date does not exist or comes after the field's latest day."""
    return edit.typed_date()


def shown_date(edit: DateEdit) -> date:
    """The day a page's list is showing (a filter): the last date the field held."""
    return edit.date().toPython()


def follow_today(edit: DateEdit, was_today: date) -> date:
    """A day field left open overnight: still on the day that was today, it moves to the new
    today (the day's sheet, the day's log are the new day's); a day the user chose stays.
    Returns today, the next call's ``was_today``."""
    today = date.today()
    if today != was_today and shown_date(edit) == was_today:
        edit.setDate(today)
    return today


class EachMinute(QObject):
    """What a view shows that the clock alone changes (the day past midnight, the gate's shift at
    08:00): ``look`` is called by the view (on show, on new data) and, while the view is shown
    (``start``/``stop``), once a minute: 出入记录 left open past midnight with no scan kept
    yesterday. A minute, not a timer to the moment of the change: a laptop asleep over midnight,
    or its clock set by hand, would miss that one. ``look`` compares (a date, a line) and the
    view reloads only when it changed."""

    def __init__(self, parent: QObject, look):
        super().__init__(parent)
        self.look = look
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.look())

    def start(self) -> None:
        self.look()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


class TodayFollower(EachMinute):
    """``follow_today`` for a view's day field, each minute while shown (EachMinute); the view
    reloads only when the day field moves (its dateChanged). ``today``: the day the field was
    set to as today, from that same reading of the clock (read again here, at 23:59:59.9 and
    00:00:00.1, the field's yesterday looked a day chosen, never followed)."""

    def __init__(self, edit: DateEdit, parent: QObject, today: date):
        super().__init__(parent, self.follow)
        self.edit, self.today = edit, today

    def follow(self) -> None:
        self.today = follow_today(self.edit, self.today)
