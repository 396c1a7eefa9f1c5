"""The one-household register sheet (一户一档): the place, tenure and every member, one page
per household, for the paper file or a check at the door."""
from pathlib import Path
from typing import Sequence

from desktop import vocab
from desktop.masking import mask_birth_date, mask_id_number, mask_phone, mask_text
from desktop.printing.layout import lines_at_most
from desktop.printing.pages import FORM_A4, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import HouseholdSheet, Office
from desktop.printing.tables import Column, Table, TableStyle

COLUMNS = (Column("姓名", 1.3), Column("与户主关系", 1.2, "center"), Column("性别", 0.6, "center"),
           Column("出生日期", 1.3, "center"), Column("证件号码", 2.4, "center"),
           Column("联系电话", 1.5, "center"), Column("人员类别", 1.6), Column("状态", 1.1, "center"))


def member_row(p, masked: bool) -> list[str]:
    id_number = mask_id_number(p.id_number) if masked and p.id_number else p.id_number
    phone = mask_phone(p.phone) if masked and p.phone else p.phone
    born = mask_birth_date(p.birth_date) if masked else p.birth_date
    return [p.full_name, vocab.zh(vocab.RELATION, p.relation), vocab.zh(vocab.SEX, p.sex),
            born, id_number, phone, vocab.zh(vocab.RESIDENCE, p.residence_kind),
            vocab.zh(vocab.STATUS, p.status)]


# A long household note (群租 details, a history) wraps inside the page; past this many lines
# it ends in "…" so the members' table keeps its room on every page.
HEADING_LINES = 4
BLANK_ROWS = 3                   # under the members, for someone the sheet does not know yet
SIGNATURE_ROOM = 40              # from the table's foot to the signature line


def heading_lines(label: str, font: str, measure: float, size: float = 11) -> list[str]:
    return lines_at_most(label, font, size, measure, HEADING_LINES)


def note_of(sheet: HouseholdSheet, masked: bool) -> str:
    """The household's note as printed: a landlord's or a tenant's phone in it is masked too."""
    return mask_text(sheet.note) if masked else sheet.note


def print_household_sheets(path: Path | str, sheets: Sequence[HouseholdSheet], office: Office,
                           printed_on: str, masked: bool = False,
                           progress: Progress | None = None) -> Printed:
    """``masked``: ID and phone numbers masked (a sheet that leaves the office)."""
    with PdfDocument(path, FORM_A4, "住户登记表", progress) as doc:
        for i, sheet in enumerate(sheets):
            doc.begin_part()                # each household's sheet numbered on its own, as it is handed out
            def heading(d, s=sheet):
                y = draw_heading(d, "住户登记表（一户一档）", office.name, f"打印日期：{printed_on}")
                c, t = d.canvas, d.template
                c.setFont(d.song, 11)
                for label in (f"住址：{s.address}", f"住房性质：{s.tenure}"
                              + (f"    房东：{s.landlord}" if s.landlord else ""),
                              f"人数：{len(s.members)}" + (f"    备注：{note_of(s, masked)}" if s.note else "")):
                    for line in heading_lines(label, d.song, t.measure):
                        y -= 16
                        c.drawString(t.left, y, line)
                return y - 10
            table = Table(doc, COLUMNS, heading, TableStyle(size=9.5, min_row_height=24))
            table.add_rows(member_row(p, masked) for p in sheet.members)
            # Room for someone the sheet does not know yet, and the signatures under it on the
            # same page: a full page of members puts them on the next page, never the
            # signature alone below the margin (it was drawn over the page number).
            c, t = doc.canvas, doc.template
            table.add_row([""] * len(COLUMNS), keep_below=SIGNATURE_ROOM)
            for _ in range(BLANK_ROWS - 1):
                if table.y - table.style.min_row_height - SIGNATURE_ROOM < t.bottom:
                    break
                table.add_row([""] * len(COLUMNS))
            y = table.y - SIGNATURE_ROOM
            c.setFont(doc.song, 11)
            c.drawString(t.left, y, "户主签字：______________        登记人：______________        日期：______年____月____日")
            doc.step(i + 1, len(sheets))
    return doc.printed(len(sheets))
