"""Errors a user can act on. Each carries a Chinese message and the place it refers to."""


class InputError(ValueError):
    """Bad input: ``field`` names the form field (or column), ``row`` the ledger row if any and
    ``sheet`` its sheet (a workbook's rows are numbered per sheet). ``command``, if any: the same
    said at the command line, where the window's words (a box above, a button) mean nothing."""

    def __init__(self, field: str, message: str, *, row: int | None = None, value: str = "", sheet: str = "",
                 command: str = ""):
        super().__init__(message)
        self.field, self.message, self.row, self.value, self.sheet = field, message, row, value, sheet
        self.command = command

    def __str__(self) -> str:
        where = f"第{self.row}行：" if self.row is not None else ""
        return (f"“{self.sheet}”" if self.sheet and where else "") + where + self.message


class InputErrors(ValueError):
    """Several fields wrong at once: a form shows each beside its field."""

    def __init__(self, errors: list[InputError]):
        super().__init__("；".join(e.message for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self.errors:
            out.setdefault(e.field, e.message)
        return out


class DuplicatePersonError(ValueError):
    """A second person with an ID number already in the register: show the first, never add."""

    def __init__(self, existing_id: str, existing_name: str, address: str):
        super().__init__(
            f"证件号码已登记：{existing_name}（{address or '未登记住址'}）。请打开已有人员进行修改，不要重复登记。")
        self.message = str(self)
        self.existing_id, self.existing_name, self.address = existing_id, existing_name, address


class NotFoundError(LookupError):
    def __init__(self, what: str):
        super().__init__(f"没有找到{what}，可能已被删除。")
        self.message = str(self)
