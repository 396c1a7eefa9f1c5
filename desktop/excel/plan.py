"""The types an import passes between its parts: the plan of a file (sheets, rows, what each
row will do) and the result of writing it. A module of their own, so the kinds' writers
(``register_import``, ``gate_care_import``) and the planner (``importer``) need not import
each other."""
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable

from desktop.errors import InputError
from desktop.excel import header as hdr

Progress = Callable[[int, int], None]


class ImportedAs(InputError):
    """A warning that says how an imported row is kept (按没有身份证号码导入, 号码原样记在备注里):
    said only on a row that is imported; a refused row says only why it is refused, and
    ``when_refused``, if any: what of the warning still helps to fix the row (the phone to
    correct), without what an import would have done with it."""

    def __init__(self, field: str, message: str, *, when_refused: str = "", value: str = ""):
        super().__init__(field, message, value=value)
        self.when_refused = when_refused


class MaskedCell(ImportedAs):
    """A cell holding a masked number, taken as blank (``kinds.unmasked``): said on its row in a
    ledger with a few; in a masked list, said once for the file instead (``importer.file_notices``)."""


class Notice(str):
    """A notice about the whole file (``ImportPlan.notices``): its text is what the window says,
    ``command`` what the command line says instead, where the window's words (its list of
    sheets, its kind box) mean nothing and its options (--sheet, --kind) do. The window showed
    "（命令行用 --sheet …）" to clerks who have no command line. Most notices read the same at
    both: ``Notice(text)``."""
    command: str

    def __new__(cls, window: str, command: str | None = None):
        notice = super().__new__(cls, window)
        notice.command = getattr(window, "command", window) if command is None else command
        return notice

    @classmethod
    def saying(cls, say: Callable[..., str], *hows: str) -> "Notice":
        """``say(*hows)`` once with each of the ``hows``' two forms: one sentence around the
        window's and the command line's ways of doing it."""
        hows = [cls(how) for how in hows]
        return cls(say(*map(str, hows)), say(*(how.command for how in hows)))


def said_when_refused(warnings) -> tuple:
    """The warnings a refused row still carries: those that ask for a cell to be checked."""
    return tuple(InputError(w.field, w.when_refused, row=w.row, value=w.value, sheet=w.sheet)
                 if isinstance(w, ImportedAs) else w
                 for w in warnings if not isinstance(w, ImportedAs) or w.when_refused)


def as_refused(row: "PlanRow", errors: tuple, cells: tuple) -> "PlanRow":
    """``row``, whose checks passed, refused for ``errors`` found later (a person twice in the
    file, a rule of the kind's writer), with its original ``cells`` for the errors workbook and
    its warnings as a refused row says them (``said_when_refused``)."""
    return replace(row, action="rejected", cells=cells, errors=row.errors + tuple(errors),
                   warnings=said_when_refused(row.warnings))


def one_after_another(messages) -> str:
    """A row's messages in one text: 请填写姓名；请填写关爱类别。 — each message's full stop only
    at the end, never "。；"; a message said twice, once."""
    messages = list(dict.fromkeys(messages))
    return "；".join([m.removesuffix("。") for m in messages[:-1]] + messages[-1:])


class TwoSteps:
    """One progress bar over reading a file and checking its rows, each reporting on its own
    scale (bytes of a web page, then rows): the bar went back from 99 % to the start when the
    rows began. Reading fills the first ``share`` of the bar, if it reports at all; the rows
    the rest. Only the end reports done == total (the window's "cannot be cancelled now")."""
    SCALE = 1000

    def __init__(self, progress: Progress, share: float = 0.4):
        self.progress, self.share, self.start = progress, share, 0

    def reading(self, done: int, total: int) -> None:
        self.start = int(self.SCALE * self.share)
        self.progress(min(int(self.start * done / max(total, 1)), self.start - 1), self.SCALE)

    def rows(self, done: int, total: int) -> None:
        rest = self.SCALE - self.start
        self.progress(self.start + (int(rest * done / total) if total and done < total else rest), self.SCALE)


class ImportCancelled(Exception):
    """The user pressed cancel; the transaction was rolled back."""


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One data row of the file as it will be imported (or why it will not be)."""
    sheet: str
    row: int                          # 1-based, as Excel numbers rows
    cells: tuple                      # the original cells (kept for rejected rows only)
    draft: object | None = None
    errors: tuple[InputError, ...] = ()
    warnings: tuple[InputError, ...] = ()
    action: str = "new"               # new | update | same | rejected
    changes: tuple[str, ...] = ()     # the fields an update changes (keys; 'household': another one)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def reason(self) -> str:
        return one_after_another(e.message for e in self.errors)

    def where(self) -> str:
        return f"“{self.sheet}”第{self.row}行"


@dataclass
class SheetPlan:
    name: str
    header: hdr.Header
    mapping: dict[int, str]           # column index -> field
    corrected: bool = False           # the user's (or a remembered) mapping, not the automatic one
    title_rows: tuple = ()            # the rows above the header: the file's compound and year
    # A header of two rows or more (住址 over 楼栋/单元/门牌号) as the sheet has it, and its merged
    # cells ((row, column), (row, column)), counted from the header's first row: the errors
    # workbook hands it back as it was.
    header_rows: tuple = ()
    header_merged: tuple = ()

    @property
    def labels(self) -> list[str]:
        return list(self.header.labels)


@dataclass(frozen=True)
class SheetChoice:
    """One sheet of the file as the sheet chooser shows it: its rows (below its header, or
    filled ones when it has none), what it looks like, whether it is imported and, when not,
    why. ``choosable``: it has a header the import can read (a sheet of notes has none)."""
    name: str
    rows: int
    looks: str
    chosen: bool
    reason: str = ""
    choosable: bool = True


@dataclass
class ImportPlan:
    path: Path
    kind: str
    sheets: list[SheetPlan]
    rows: list[PlanRow]
    compound: str = ""
    skipped_sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)   # hidden in Excel: not imported
    # Another list in the register's workbook (楼长, 网格员, 通讯录): not imported, said in a notice.
    other_lists: list[str] = field(default_factory=list)
    gate: str = ""                    # gate logs: the checkpoint's name; empty: worked out
    # The register: which household behind its door each good row joins, (sheet, row) ->
    # (ref, review flag): 'db:<id>' one in the register, 'new:<sheet>:<row>' one the file starts
    # (kept beside the rows, not in them: a 100,000-row plan is not copied row by row for it).
    households: dict = field(default_factory=dict)
    # What is wrong with the file as a whole, said once (a register ledger chosen as a care list,
    # a masked export): shown above the rows, which say it again each in its own words.
    notices: list[Notice] = field(default_factory=list)
    village: bool = False             # a village's register: its places are 村民小组
    # A gate log with rows whose day is not in the sheet (no 日期 column, a sheet name naming
    # no day): the day the title names or the clerk gave (None: still to be given).
    day_asked: bool = False
    day: date | None = None
    # Every sheet of the file, imported or not (the window's sheet chooser).
    sheet_choices: list[SheetChoice] = field(default_factory=list)

    @property
    def good(self) -> list[PlanRow]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[PlanRow]:
        return [r for r in self.rows if not r.ok]

    def counts(self) -> Counter:
        return Counter(r.action for r in self.rows)

    def sheet(self, name: str) -> SheetPlan:
        return next(s for s in self.sheets if s.name == name)


@dataclass(frozen=True)
class ImportResult:
    kind: str
    imported: int                     # rows written (new + updated)
    created: int
    updated: int
    unchanged: int
    rejected: int
    refused: tuple = ()               # rows the checks passed but the module's rules refused
    # (sheet, row) -> new | update | same, where the writer knows it (the care list): the
    # preview's counts come from a rehearsal of the write (importer.rehearse).
    actions: dict = field(default_factory=dict, compare=False)
    # (sheet, row) -> warnings of a row the module's rules wrote but want checked (a new
    # emergency contact without a phone): said in yellow on the rehearsed preview.
    warned: dict = field(default_factory=dict, compare=False)
    # (helper name, people) a helper the import added with his phone took besides its rows: people
    # an earlier ledger named him for without one (CareBook._take_waiting).
    helpers_took: tuple = ()


def refusal(row: PlanRow, e: InputError, message: str = "") -> InputError:
    """A row the module's rules refused when written, with its sheet and row: the report, the
    preview and the errors workbook name it like a row the checks refused."""
    return InputError(e.field, message or e.message, row=row.row, sheet=row.sheet, value=e.value)
