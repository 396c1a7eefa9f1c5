"""Helpers for the Excel tests: the shared sample ledgers and a reason classifier."""
from collections import Counter
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"

# What each rejection says, reduced to a short code a test can count.
_REASONS = [("float_id", "Excel里被存成了数字"), ("check_digit", "校验位不对"), ("id_length", "身份证号码应为18位"),
            ("mobile_length", "手机号码应为11位"), ("same_person", "是同一个人"), ("second_head", "已有户主"),
            ("temperature", "体温"), ("landlord", "房东姓名")]


def reason_code(message: str) -> str:
    for code, words in _REASONS:
        if words in message:
            return code
    return message


def reasons(plan) -> Counter:
    """How many rejected rows carry each combination of reasons."""
    return Counter("+".join(sorted({reason_code(e.message) for e in row.errors})) for row in plan.bad)


@pytest.fixture
def sample():
    def path(name: str) -> Path:
        p = SAMPLES / name
        if not p.exists():
            pytest.skip(f"sample ledger {name} not found")
        return p
    return path


def write_book(path, sheets: dict, merged: dict | None = None):
    """A small workbook: {sheet name: rows}; merged {sheet: ['A1:C1', ...]}."""
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    book.save(path)
    return path
