"""The roster printed for the noticeboard (``menshen print roster``) and the canvass sheet of a
round carrying each household's code."""
from datetime import date, timedelta

from desktop import cli
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze

DAY = date(2020, 2, 10)


def test_print_roster_from_the_command_line(tmp_path, capsys, app_ctx, roster, crew, gate, small_community):
    roster.add_shift(crew["张志愿"].id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)
    roster.add_shift(crew["李干部"].id, "gate", date(2020, 2, 12), "08:00", "16:00", checkpoint_id=gate.id)
    roster.add_shift(crew["王干部"].id, "care_round", date(2020, 2, 16), "9:00", "11:30",
                     compound_id=small_community["compound"].id)
    roster.add_shift(crew["赵网格"].id, "gate", date(2020, 2, 17), "08:00", "16:00", checkpoint_id=gate.id)  # next week
    out = tmp_path / "值班表.pdf"
    assert cli.main(["print", "roster", "--db", str(app_ctx.db.path), "--to", str(out), "--date", "2020-02-10"]) == 0
    summary = capsys.readouterr().out.strip()
    assert summary.startswith("已打印 值班表（一周，卡口和关爱走访）：3份，1页")
    text = squeeze(page_texts(out)[0])
    assert "疫情防控值班表" in text and "2020-02-10至2020-02-16" in text
    assert "22:00–次日06:00张志愿138****0001" in text
    assert "幸福里小区（关爱走访）" in text and "王干部" in text
    assert "赵网格" not in text and "13800000001" not in text      # next week's shift; phones masked
    assert_fonts_embedded(out)


def test_roster_command_refuses_a_bad_date(tmp_path, capsys, app_ctx, small_community):
    code = cli.main(["print", "roster", "--db", str(app_ctx.db.path), "--to", str(tmp_path / "r.pdf"), "--date", "2月"])
    assert code == 2 and "日期格式不对" in capsys.readouterr().err


def test_canvass_sheet_of_a_round_carries_codes(tmp_path, capsys, app_ctx, small_community):
    from desktop.canvass.rounds import CanvassBook
    CanvassBook(app_ctx.db, app_ctx.register).create_round("第一轮摸排", date(2020, 2, 10))
    out = tmp_path / "摸排.pdf"
    assert cli.main(["print", "canvass-sheet", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--round", "第一轮摸排", "--compound", "幸福里小区"]) == 0
    text = squeeze(page_texts(out)[0])
    assert "代码" in text and "0013栋1单元101" in text and "0023栋2单元501" in text and "□4搬离" in text


def test_the_sheet_legend_names_the_rounds_own_keys(tmp_path, app_ctx, small_community):
    from desktop.canvass import questions
    from desktop.canvass.rounds import CanvassBook
    from desktop.printing.catalogue import PrintRequest, print_form
    questions.add_question(app_ctx.db, "是否接种疫苗", key="v")
    CanvassBook(app_ctx.db, app_ctx.register).create_round("第一轮摸排", date(2020, 2, 10),
                                                           questions=("fever", "needs", questions.all_questions(app_ctx.db)[-1].code))
    out = tmp_path / "s.pdf"
    print_form(app_ctx.register, PrintRequest("canvass-sheet", round_name="第一轮摸排"), out)
    text = squeeze(page_texts(out)[0])
    assert "f发热n需要帮助v是否接种疫苗" in text and "c咳嗽" not in text


def _words_on_paper(path) -> list[str]:
    """The text of every page that is drawn inside the paper, above the page's foot."""
    from pypdf import PdfReader
    found = []
    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, *_: found.append(text)
                          if text.strip() and 0 < tm[5] * cm[3] + cm[5] < float(page.mediabox.height) else None)
    return found


def test_a_crowded_week_goes_on_over_pages_instead_of_off_the_paper(tmp_path, app_ctx, duty, roster, gate):
    # One gate kept by ten people a shift, three shifts a day: 210 shifts in the week; a day's
    # cell is taller than a page. Before, the row ran past the page's foot and off the paper,
    # and the evening guards were not on the printed sheet at all.
    people = [duty.add_person(f"值守{i:02d}", f"1370000{i:04d}") for i in range(30)]
    for d in range(7):
        for n, (start, end) in enumerate((("00:00", "08:00"), ("08:00", "16:00"), ("16:00", "00:00"))):
            for j in range(10):
                roster.add_shift(people[n * 10 + j].id, "gate", DAY + timedelta(days=d), start, end,
                                 checkpoint_id=gate.id)
    out = tmp_path / "值班表.pdf"
    assert cli.main(["print", "roster", "--db", str(app_ctx.db.path), "--to", str(out), "--date", "2020-02-10"]) == 0
    words = "".join(_words_on_paper(out))
    for p in people:
        assert words.count(p.full_name) == 7, p.full_name
    assert "幸福里小区大门（续）" in squeeze(words)


def test_sundays_night_shift_is_on_the_next_weeks_sheet(tmp_path, app_ctx, crew, roster, gate):
    roster.add_shift(crew["张志愿"].id, "gate", DAY - timedelta(days=1), "22:00", "06:00", checkpoint_id=gate.id)
    out = tmp_path / "值班表.pdf"
    assert cli.main(["print", "roster", "--db", str(app_ctx.db.path), "--to", str(out), "--date", "2020-02-10"]) == 0
    text = squeeze(page_texts(out)[0])
    assert "2月9日22:00–06:00张志愿138****0001" in text and "本周尚未排班" not in text
