"""The canvass page (滚动摸排): a round's progress by building, grid and canvasser, its households
(not reached first), the answers that matter with their next step, and the keyboard entry of
results from the printed sheet (desktop/canvass/entry.py holds the rules of what is typed)."""
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QSplitter, QStyle, QStyleOptionTabWidgetFrame,
                               QTabWidget, QVBoxLayout, QWidget)

from desktop import place_words
from desktop.app import App
from desktop.canvass.entry import KeyEntry
from desktop.canvass.records import OUTCOMES
from desktop.canvass.rounds import CanvassBook
from desktop.errors import InputError, InputErrors, NotFoundError
from ui import i18n
from ui.events import DataEvents
from ui.failures import show_failure
from ui.models.rows_model import RowsModel
from ui.widgets.button_bar import button_bar
from ui.widgets.dates import date_edit, date_of
from ui.widgets.field_hint import hint_points
from ui.widgets.list_table import ColumnFitter, ElideLeft, list_table
from ui.widgets.save_as import ask_save_path

OUTCOME_COLOURS = {None: "#c62828", "nobody_home": "#ef6c00", "refused": "#6a1b9a", "moved_out": "#546e7a",
                   "visited": "#2e7d32"}
# What the clerk types is large; the line's hint shrinks to fit (a 1024-pixel screen), never below
# the smaller size. The margin: the line's frame and text margins.
LINE_POINTS, HINT_MIN_POINTS = 14, 12
LINE_TEXT_MARGIN = 12
ENTRY_WIDTH, ENTRY_WIDTH_EN = 300, 240


class CanvassPage(QWidget):
    AREAS = {"canvass", "register"}

    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.book = CanvassBook(app.db, app.register)
        self._today: date | None = None
        self.entry: KeyEntry | None = None

        self.round_combo = QComboBox(self)
        self.round_combo.setObjectName("round")
        self.round_combo.setMinimumWidth(200)
        self.round_combo.currentIndexChanged.connect(lambda _i: self._round_changed())
        bar, self.buttons = button_bar(self, (
            ("new_round", self.tr("New round..."), self.new_round),
            ("add_question", self.tr("Add a question..."), self.add_question),
            ("print_sheets", self.tr("Print sheets..."), self.print_sheets),
            ("excel_sheet", self.tr("Excel sheet for canvassers..."), self.excel_sheet),
            ("import_results", self.tr("Import filled sheet..."), self.import_results),
        ))
        bar.insertWidget(0, QLabel(self.tr("Round:"), self))
        bar.insertWidget(1, self.round_combo)
        self.summary = QLabel(self)
        self.summary.setObjectName("canvass_summary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt; padding: 2px;")

        # -- keyboard entry ------------------------------------------------------------------
        entry_box = QGroupBox(self.tr("Typing results from the sheet"), self)
        # At 1024×768 the lists beside the box need their English words (Visited, Refused, Moved
        # out: 544 pixels of columns) where Chinese ones need 400: in English the box gives them
        # up to 60 pixels (_fit_lists; its hint is cut at 300 too, the legend under it says the
        # keys whole). The Chinese box stays as wide as its hint needs.
        entry_box.setMinimumWidth(ENTRY_WIDTH if i18n.language() != "en" else ENTRY_WIDTH_EN)
        self.canvasser = QLineEdit(self)
        self.canvasser.setObjectName("canvasser")
        # Beside its caption 摸排人 (Canvasser): in English at 1024 "Canvasser's name, as on t…".
        self.canvasser.setPlaceholderText(self.tr("Name, as on the sheet"))
        self.visited_on = date_edit(date.today(), self, maximum=date.today())
        self.visited_on.setObjectName("visited_on")
        self.current = QLabel(self)
        self.current.setObjectName("current_household")
        self.current.setTextFormat(Qt.RichText)
        self.current.setWordWrap(True)
        self.current.setMinimumHeight(90)
        self.current.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.current.setStyleSheet("font-size: 11pt; background: #f5f5f5; padding: 4px;")
        self.line = QLineEdit(self)
        self.line.setObjectName("entry_line")
        # The four results' keys; where they do not fit (English at 1024) a shorter hint points
        # to the legend under the line, which says them whole (_fit_hint).
        self._hints = (self.tr("1 visited  2 nobody home  3 refused  4 moved out"),
                       self.tr("Result 1-4 (see below) or a code"))
        self.line.setPlaceholderText(self._hints[0])
        self._line_points = 0
        self._set_line_points(LINE_POINTS)
        self.line.ensurePolished()
        self.line.setMinimumHeight(self.line.sizeHint().height())     # a smaller hint, the same field
        self.line.textChanged.connect(lambda _text: self._fit_hint())
        self.line.returnPressed.connect(self.enter_line)
        self.line.installEventFilter(self)
        self.message = QLabel(self)
        self.message.setObjectName("entry_message")
        self.message.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setObjectName("entry_legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        form = QVBoxLayout(entry_box)
        for caption, widget in ((self.tr("Canvasser"), self.canvasser), (self.tr("Visited on"), self.visited_on)):
            row = QHBoxLayout()
            row.addWidget(QLabel(caption, self))
            row.addWidget(widget, 1)
            form.addLayout(row)
        form.addWidget(self.current)
        form.addWidget(self.line)
        form.addWidget(self.message)
        form.addWidget(self.legend)
        form.addStretch(1)

        # -- lists ---------------------------------------------------------------------------
        # The name to address: the head, else the first member (tenants with nobody marked 户主).
        self.households = RowsModel([self.tr("Code"), self.tr("Address"), self.tr("Head or resident"),
                                     self.tr("People"), self.tr("Result"), self.tr("Canvasser"),
                                     self.tr("Visited on")], self)
        self.household_table = list_table(self, self.households, "canvass_households")
        # At 1024×768 the lists beside the entry box are about 520 pixels: each fits its columns
        # (the visit date, the progress's last figures, the next step had scrolled out of sight);
        # the address or the name gives the room, what is cut is read whole on hover.
        # The result whole in the window's language (in English at 1024 it read "Not …", "Nobo…"):
        # the address gives way further for it, its door kept ("…3栋2单元501").
        self._fitters = [ColumnFitter(self.household_table, (50, 200, 70, 45, 80, 70, 90), stretch=1,
                                      stretch_min=150, stretch_least=110, whole={2: "欧阳明月", 6: "2020-02-20",
                                                              4: tuple(map(self._outcome, (None, *OUTCOMES)))})]
        self.household_table.setItemDelegateForColumn(1, ElideLeft(self.household_table))   # "…2单元602"
        self.household_table.doubleClicked.connect(self._jump_to_row)
        self.progress_models = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("canvass_tabs")
        # In English the tab's whole title is its hint: the five titles at 1024 needed scroll arrows.
        self.tabs.addTab(self.household_table, self.tr("Households"))
        whole_title = self.tr("Households, not reached first")
        if whole_title != self.tabs.tabText(0):          # Chinese says it on the tab: 住户（未访在前）
            self.tabs.setTabToolTip(0, whole_title)
        for by, title in (("building", self.tr("By building")), ("grid", self.tr("By grid")),
                          ("canvasser", self.tr("By canvasser"))):
            model = RowsModel([self._by_header(by),
                               # Short English words: at 1024 "Today" and "Done %" had scrolled away.
                               self.tr("Total"), self.tr("Done"), self.tr("Visited"), self.tr("Not home"),
                               self.tr("Refused"), self.tr("Moved out"), self.tr("Not yet"), self.tr("Today"),
                               self.tr("Done %")], self)
            self.progress_models[by] = model
            table = list_table(self, model, f"progress_{by}")
            self._fitters.append(ColumnFitter(table, (150, 60, 55, 55, 70, 50, 60, 55, 50, 55), stretch=0,
                                              stretch_min=130))
            table.setItemDelegateForColumn(0, ElideLeft(table))     # "…宿舍 27栋" keeps the building
            self.tabs.addTab(table, title)
        flagged_box = QWidget(self)
        self.flagged = RowsModel([self.tr("Name"), self.tr("Address"), self.tr("Answers"), self.tr("Next step"),
                                  self.tr("Taken")], self)
        self.flagged_table = list_table(self, self.flagged, "canvass_flagged")
        self._fitters.append(ColumnFitter(self.flagged_table, (70, 180, 220, 140, 110), stretch=2, stretch_min=140,
                                          whole={0: "欧阳明月"}))
        self.flagged_table.setItemDelegateForColumn(1, ElideLeft(self.flagged_table))
        step_bar, step_buttons = button_bar(self, (("take_step", self.tr("Take the next step..."), self.take_step),))
        self.buttons.update(step_buttons)
        flagged_layout = QVBoxLayout(flagged_box)
        flagged_layout.setContentsMargins(0, 0, 0, 0)
        flagged_layout.addLayout(step_bar)
        flagged_layout.addWidget(self.flagged_table)
        self.tabs.addTab(flagged_box, self.tr("Answers that matter"))

        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(entry_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        # Typing a sheet saves a household every second or two: the lists follow a moment later,
        # once, not after every line.
        self._stale = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(800)
        self._refresh.timeout.connect(self.reload)
        events.changed.connect(lambda areas: self._data_changed(areas))
        self.reload()

    def _set_line_points(self, points: int) -> None:
        if points != self._line_points:
            self._line_points = points
            self.line.setStyleSheet(f"font-size: {points}pt;")

    def _fit_hint(self) -> None:
        """The line's hint (1 已访 2 无人在家 3 拒绝 4 已搬离) read whole: at 1024×768 it ended
        「4 …」; while the line is empty its type is as large as fits. In English at 1024 the four
        results do not fit even small ("1 visited  2 nobody home  3 r…"): the shorter hint."""
        self._set_line_points(hint_points(self.line, LINE_POINTS, HINT_MIN_POINTS, LINE_TEXT_MARGIN, self._hints))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.line and event.type() == QEvent.Resize:
            self._fit_hint()
        # Esc empties the line (a slip is retyped, not edited).
        if watched is self.line and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.line.clear()
            self.message.clear()
            return True
        return super().eventFilter(watched, event)

    def _data_changed(self, areas) -> None:
        if areas and not areas & self.AREAS:
            return
        if self.isVisible():
            self._refresh.start()
        else:
            self._stale = True

    def hideEvent(self, event) -> None:
        # A page out of sight does not reload; it catches up when shown again.
        self._stale = self._stale or self._refresh.isActive()
        self._refresh.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_lists()               # the row numbers' width is known once shown
        if self._stale:
            self._stale = False
            self.reload()

    def _by_header(self, by: str) -> str:
        return {"building": self.tr("Building"), "grid": self.tr("Grid"), "canvasser": self.tr("Canvasser")}[by]

    # -- the day ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self._today or date.today()

    def set_today(self, today: date | None) -> None:
        self._today = today
        if today:
            self.visited_on.setMaximumDate(self.visited_on.date().fromString(today.isoformat(), "yyyy-MM-dd"))
            self.visited_on.setDate(self.visited_on.maximumDate())
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def round_id(self) -> str | None:
        return self.round_combo.currentData()

    def _place_words(self) -> None:
        """A village's progress is by group (its houses have no building): 按村民小组, not 按楼栋."""
        village = not place_words.community_words(self.app.db).has_buildings
        self.tabs.setTabText(1, self.tr("By village group") if village else self.tr("By building"))
        model = self.progress_models["building"]
        model.headers[0] = self.tr("Village group") if village else self.tr("Building")
        model.headerDataChanged.emit(Qt.Horizontal, 0, 0)

    def reload(self) -> None:
        self._place_words()
        current = self.round_id()
        rounds = self.book.rounds()
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in rounds:
            self.round_combo.addItem(f"{r.name}（{r.starts_on}）", r.id)
        if current:
            self.round_combo.setCurrentIndex(max(self.round_combo.findData(current), 0))
        self.round_combo.blockSignals(False)
        self._round_changed(keep_entry=current == self.round_id())

    def _round_changed(self, keep_entry: bool = False) -> None:
        rid = self.round_id()
        for key in ("print_sheets", "excel_sheet", "import_results", "take_step"):
            self.buttons[key].setEnabled(rid is not None)
        self.line.setEnabled(rid is not None)
        if rid is None:
            self.summary.setText(self.tr("No canvass round yet. Press “New round...” to start one."))
            for model in (self.households, self.flagged, *self.progress_models.values()):
                model.set_rows([])
            self.entry = None
            self._show_current()
            return
        if not keep_entry or self.entry is None or self.entry.round_id != rid:
            self.entry = KeyEntry(self.book, rid, self.today)
            # The results' digits are said here too: the entry line's hint is cut on a narrow
            # screen and is gone as soon as the clerk types.
            self.legend.setText(" ".join((
                self.tr("Results: 1 visited  2 nobody home  3 refused  4 moved out."),
                self.tr("Answers after 1, the member's number then the letter (1 2f): %1.").replace(
                    "%1", "  ".join(f"{k} {self._question_label(q)}" for k, q in self.entry.letters.items())),
                self.tr("Codes (3 digits) jump to a household."))))
        self._load_lists(rid)
        self._show_current()

    def _question_label(self, code: str) -> str:
        q = next((q for q in self.book.questions_of(self.book.round(self.round_id())) if q.code == code), None)
        if q is None:
            return code
        return q.label_en if i18n.language() == "en" and q.builtin else q.label

    def _load_lists(self, rid: str) -> None:
        overall = self.book.overall(rid, self.today)
        self.summary.setText(
            self.tr("%1 households: <b style='color:#2e7d32'>%2 visited</b>, <b style='color:#ef6c00'>%3 nobody home</b>,"
                    " %4 refused, %5 moved out, <b style='color:#c62828'>%6 not yet</b>; reached %7%"
                    " (today %8)")
            .replace("%1", str(overall.total)).replace("%2", str(overall.visited))
            .replace("%3", str(overall.nobody_home)).replace("%4", str(overall.refused))
            .replace("%5", str(overall.moved_out)).replace("%6", str(overall.not_reached))
            .replace("%7", str(overall.percent)).replace("%8", str(overall.done_today)))
        roll = self.book.roll(rid, unreached_first=True)
        self.households.set_rows(
            [(r.code_text(), r.address, r.head_name, r.member_count, self._outcome(r.outcome), r.canvasser_name,
              r.visited_on) for r in roll], roll, [OUTCOME_COLOURS.get(r.outcome) for r in roll])
        for by, model in self.progress_models.items():
            rows = self.book.progress(rid, by, self.today)
            model.set_rows([(p.label or self.tr("(not written)"), p.total, p.reached, p.visited, p.nobody_home,
                             p.refused, p.moved_out, p.not_reached, p.done_today, f"{p.percent}%") for p in rows],
                           rows)
        self._fit_lists()
        flagged = self.book.flagged(rid)
        from desktop.canvass.records import STEPS
        self.flagged.set_rows([(f.full_name, f.address, f.answer_text, i18n.label(STEPS, f.suggested),
                                "、".join(i18n.label(STEPS, s) for s in f.taken)) for f in flagged], flagged,
                              [None if f.taken else "#c62828" for f in flagged])

    def _fit_lists(self) -> None:
        """The lists are never narrower than their columns whole (the row numbers grow with the
        rows): beside them the entry box gives way, down to its least."""
        option = QStyleOptionTabWidgetFrame()
        self.tabs.initStyleOption(option)
        style = self.tabs.style()
        frame = (style.subElementRect(QStyle.SE_TabWidgetTabPane, option, self.tabs).width()
                 - style.subElementRect(QStyle.SE_TabWidgetTabContents, option, self.tabs).width())
        self.tabs.setMinimumWidth(max(f.narrowest() for f in self._fitters) + frame)

    @staticmethod
    def _outcome(outcome: str | None) -> str:
        return i18n.label(OUTCOMES, outcome) if outcome else QCoreApplication.translate("CanvassPage", "Not yet")

    def _show_current(self) -> None:
        r = self.entry.current if self.entry else None
        if r is None:
            self.current.setText(self.tr("Every household of this round has been typed in. "
                                         "Type a code to correct one.") if self.entry else "")
            return
        members = self.book.members(r.household_id)
        people = "  ".join(f"{i}.{m.full_name}" for i, m in enumerate(members, 1)) or self.tr("(nobody registered)")
        done = f" — {self._outcome(r.outcome)}" if r.outcome else ""
        self.current.setText(f"<b style='font-size:14pt'>{escape(r.code_text())}</b>&nbsp; "
                             f"{escape(r.address + done)}<br>{escape(people)}")

    # -- keyboard entry --------------------------------------------------------------------
    def enter_line(self) -> None:
        if self.entry is None:
            return
        self.entry.canvasser_name = self.canvasser.text()
        self.entry.today = self.today
        text = self.line.text()
        try:
            self.entry.visited_on = date_of(self.visited_on)
            done = self.entry.type_line(text)
        except InputErrors as e:
            self._say("；".join(err.message for err in e.errors), error=True)
            if "canvasser" in e.by_field():
                self.canvasser.setFocus()
            return
        except (InputError, NotFoundError) as e:
            self._say(e.message, error=True)
            return
        self.line.clear()
        if done is not None:
            self._say(self.tr("Saved %1 %2: %3").replace("%1", done.code_text()).replace("%2", done.address)
                      .replace("%3", self._outcome(done.outcome)))
            self.events.notify("canvass")
        self._show_current()

    def _jump_to_row(self, index) -> None:
        """A household double-clicked in the list becomes the one the next line is for."""
        row = self.households.item(index.row())
        if row is None or self.entry is None:
            return
        self.entry.jump(row.code)
        self._show_current()
        self.line.setFocus()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
        self.message.setText(text)

    # -- actions ---------------------------------------------------------------------------
    def new_round(self) -> None:
        from ui.dialogs.canvass_round_dialog import CanvassRoundDialog
        dialog = CanvassRoundDialog(self.book, self.today, self)
        if dialog.exec() and dialog.saved:
            self.reload()
            self.round_combo.setCurrentIndex(self.round_combo.findData(dialog.saved.id))
            self.events.notify("canvass")

    def add_question(self) -> None:
        from ui.dialogs.canvass_round_dialog import QuestionDialog
        dialog = QuestionDialog(self.app.db, self)
        if dialog.exec() and dialog.saved:
            self._say(self.tr("Question added; new rounds ask it (key %1).").replace("%1", dialog.saved.key))

    def take_step(self) -> None:
        from ui.dialogs.canvass_step_dialog import CanvassStepDialog
        item = self.flagged.item(self.flagged_table.currentIndex().row())
        if item is None:
            QMessageBox.information(self, self.tr("Next step"), self.tr("Choose a person in the list first."))
            return
        dialog = CanvassStepDialog(self.app, self.book, item, self.today, self)
        if dialog.exec() and dialog.saved:
            self.events.notify("canvass", "register", "care", "isolation")

    def print_sheets(self) -> None:
        from desktop.printing.catalogue import PrintRequest, print_form
        rnd = self.book.round(self.round_id())
        path = ask_save_path(self, self.tr("Save the canvass sheets"),
                                              str(Path.home() / f"摸排表-{rnd.name}.pdf"), "PDF (*.pdf)")
        if not path:
            return
        try:
            printed = print_form(self.app.register, PrintRequest("canvass-sheet", round_name=rnd.name), path)
        except Exception as e:             # a full or pulled stick, a file open in another program
            show_failure(e, self, self.tr("Print sheets"), path)
            return
        self._say(self.tr("%1 pages saved to %2").replace("%1", str(printed.pages)).replace("%2", path))

    def excel_sheet(self) -> None:
        from desktop.excel.canvass_kind import write_round_sheet
        rnd = self.book.round(self.round_id())
        path = ask_save_path(self, self.tr("Save the sheet for canvassers"),
                                              str(Path.home() / f"摸排录入表-{rnd.name}.xlsx"), "Excel (*.xlsx)")
        if not path:
            return
        try:
            count = write_round_sheet(self.app, rnd.id, path)
        except Exception as e:
            show_failure(e, self, self.tr("Excel sheet"), path)
            return
        self._say(self.tr("%1 rows saved to %2").replace("%1", str(count)).replace("%2", path))

    def import_results(self) -> None:
        from desktop.excel.importer import apply_import, plan_import
        from ui.dialogs.import_wizard import FILE_FILTER      # every kind a ledger is read from (WPS's .et too)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a filled canvass sheet"), str(Path.home()),
                                              FILE_FILTER)
        if not path:
            return
        try:
            plan = plan_import(self.app, path, "canvass", today=self.today)
            result = apply_import(self.app, plan)
        except InputErrors as e:
            QMessageBox.warning(self, self.tr("Import"), "；".join(err.message for err in e.errors))
            return
        except (InputError, NotFoundError) as e:
            QMessageBox.warning(self, self.tr("Import"), e.message)
            return
        problems = [*(f"{r.where()}：{r.reason}" for r in plan.bad), *(str(e) for e in result.refused)]
        text = self.tr("Imported %1 rows.").replace("%1", str(result.imported))
        if result.rejected:              # none: not "退回 0 行", which sent the clerk looking for them
            text += " " + self.tr("%1 rows refused, each with its reason below:").replace("%1", str(result.rejected))
        QMessageBox.information(self, self.tr("Import"), text + ("\n\n" + "\n".join(problems[:20]) if problems else ""))
        self.events.notify("canvass")
