"""The home isolation notice (居家隔离告知书), two copies on one sheet: the resident keeps the
upper one, the office files the lower one (存根) with the resident's signature. The cut line
runs between them. The person's own ID and phone numbers are masked unless an admin prints a
full copy (forms.FormInfo.numbers)."""
from pathlib import Path
from typing import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from desktop.care.due import period_length
from desktop.care.vocab import period_word
from desktop.masking import mask_id_number, mask_phone
from desktop.place_words import words_in
from desktop.printing.fonts import HEI, SONG
from desktop.printing.layout import break_text, draw_lines, fit_text, text_width
from desktop.printing.pages import PageTemplate, PdfDocument, Printed, Progress
from desktop.printing.records import IsolationCase, Office

TWO_COPIES = PageTemplate(A4, 12 * mm, 18 * mm, 12 * mm, 18 * mm, numbering="none")


def copies(case: IsolationCase, office: Office) -> tuple[str, str]:
    """The two halves: the household's (居民留存联; a village's, or a village group's of a city
    community, 村民留存联) and the office's (社区存根联, 村委会存根联)."""
    words = words_in(case.place_kind, office.words)
    return f"{words.residents}留存联", f"{words.office}存根联"


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def notice_text(case: IsolationCase, office: Office) -> str:
    days = period_length(case.start, case.planned_end)
    who = office.words.office
    return (f"{case.person_name}（{case.address}）：\n"
            f"根据疫情防控要求，您自{_date(case.start)}起至{_date(case.planned_end)}止（共{days}天）"
            f"实行{case.kind}" + (f"，原因：{case.reason}" if case.reason else "") + "。\n"
            f"{period_word(case.kind)}期间请做到：一、不外出、不串门，不接待来访；二、每天早晚各测一次体温，"
            f"如实告知{who}；三、如出现发热（≥37.3℃）、咳嗽、乏力等症状，立即报告{who}，"
            f"不要自行就医；四、生活物资可由{who}代买代办，垃圾装袋封好放在门口。\n"
            f"{who}联系电话：{office.phone or '____________'}。感谢您的配合！")


def _copy(doc: PdfDocument, case: IsolationCase, office: Office, copy: str, top: float,
          masked: bool = True) -> None:
    t, c = doc.template, doc.canvas
    y = top - 22
    c.setFont(HEI, 20)
    c.drawCentredString(t.left + t.measure / 2, y, f"{case.kind}告知书")
    c.setFont(SONG, 10)
    c.drawRightString(t.left + t.measure, y, f"（{copy}）")
    lines = break_text(notice_text(case, office), SONG, 12, t.measure, indent_chars=2)
    y = draw_lines(c, lines, t.left, y - 30, SONG, 12, 20, measure=t.measure, align="justify")
    details = []
    if case.id_number:
        details.append(f"证件号码：{mask_id_number(case.id_number) if masked else case.id_number}")
    if case.phone:
        details.append(f"联系电话：{mask_phone(case.phone) if masked else case.phone}")
    details.append(f"同住人数：{case.household_size}")
    c.setFont(SONG, 11)
    c.drawString(t.left, y - 4, "    ".join(details))
    y -= 40
    c.drawString(t.left, y, f"被{period_word(case.kind)}人（或监护人）签字：______________")
    c.drawString(t.left + t.measure * 0.58, y, f"{office.words.office}工作人员签字：______________")
    y -= 28
    signed = "签收日期：______年____月____日"
    c.drawString(t.left, y, signed)
    # The committee's name beside the date line: shrunk, then wrapped, never over the date.
    room = t.measure - text_width(signed, SONG, 11) - 20
    size, lines = fit_text(f"{office.name}（盖章）", SONG, 11, room, 8)
    c.setFont(SONG, size)
    for n, line in enumerate(lines[:3]):
        c.drawRightString(t.left + t.measure, y - (size + 2) * n, line)


def print_isolation_notices(path: Path | str, cases: Sequence[IsolationCase], office: Office,
                            progress: Progress | None = None, *, masked: bool = True) -> Printed:
    with PdfDocument(path, TWO_COPIES, "居家隔离/医学观察告知书", progress) as doc:
        t, c = doc.template, doc.canvas
        half = t.height / 2
        for i, case in enumerate(cases):
            doc.new_page()
            _copy(doc, case, office, copies(case, office)[0], t.height - t.top, masked)
            c.saveState()
            c.setDash(5, 4)
            c.setLineWidth(0.5)
            c.line(8 * mm, half, t.width - 8 * mm, half)
            c.setFont(SONG, 8)
            c.drawCentredString(t.width / 2, half + 3, "沿 此 线 剪 开")
            c.restoreState()
            _copy(doc, case, office, copies(case, office)[1], half - t.top, masked)
            doc.step(i + 1, len(cases))
    return doc.printed(len(cases))
