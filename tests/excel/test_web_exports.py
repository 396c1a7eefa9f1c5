"""The "Excel" files web systems export that are no workbook inside: an HTML table named .xls
(GBK, merged header cells, <br> and &nbsp; in cells) and Excel 2003's XML spreadsheet. Both were
only named ("其实是网页…门神读不了") and nothing was read; now they are imported as a workbook is,
and a hostile one is refused with a Chinese message."""
from datetime import date

import pytest

from desktop.cli import main
from desktop.errors import InputError
from desktop.excel.importer import plan_import
from desktop.idnumber import make_resident_id

ZHANG, LI = make_resident_id("420106", date(1958, 3, 7), 11, True), make_resident_id("420106", date(1960, 5, 1), 12, False)

PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>居民信息</x:Name>
</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head><body>
<table border=1>
<tr><td colspan=7>通济街道幸福里小区居民信息台账</td></tr>
<tr><th rowspan=2>姓名</th><th rowspan=2>身份证号码</th><th colspan=3>住址</th><th rowspan=2>与户主关系</th>
<th rowspan=2>联系电话</th></tr>
<tr><th>楼栋</th><th>单元</th><th>房号</th></tr>
<tr><td>张&nbsp;建国</td><td style="mso-number-format:'\\@'">{ZHANG}</td><td>3</td><td>2</td><td>501</td><td>户主</td>
<td>13800130001<br>13900001111</td></tr>
<tr><td>李秀&#26757;</td><td>{LI}</td><td>3</td><td>2</td><td>501</td><td>配偶</td><td>13800130002</td></tr>
</table></body></html>"""

BOOK = f"""<?xml version="1.0" encoding="gb2312"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="幸福里小区"><Table>
<Row><Cell ss:MergeAcross="4"><Data ss:Type="String">幸福里小区居民信息台账</Data></Cell></Row>
<Row ss:Index="3"><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号码</Data></Cell>
<Cell><Data ss:Type="String">楼栋</Data></Cell><Cell ss:Index="5"><Data ss:Type="String">房号</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">张建国</Data></Cell><Cell><Data ss:Type="Number">{ZHANG}</Data></Cell>
<Cell><Data ss:Type="Number">3</Data></Cell><Cell ss:Index="5"><Data ss:Type="Number">501</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">李秀梅</Data></Cell><Cell><Data ss:Type="String">{LI}</Data></Cell>
<Cell><Data ss:Type="Number">3</Data></Cell><Cell ss:Index="5"><Data ss:Type="Number">502</Data></Cell></Row>
</Table></Worksheet></Workbook>"""


def test_a_gbk_web_page_named_xls_is_imported_from_the_command_line(app_ctx, tmp_path, capsys):
    path = tmp_path / "系统导出.xls"
    path.write_bytes(PAGE.encode("gbk"))
    plan = plan_import(app_ctx, path, "register")
    assert plan.compound == "幸福里小区" and [p.name for p in plan.sheets] == ["居民信息"]
    zhang, li = plan.good
    assert zhang.draft.person["full_name"] == "张建国"
    assert zhang.draft.person["id_number"] == ZHANG and (zhang.draft.building, zhang.draft.unit, zhang.draft.room) == (
        "3", "2", "501")
    assert li.draft.person["full_name"] == "李秀梅" and li.draft.relation == "spouse"
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "已导入2行，未导入0行" in out.out and "网页" not in out.err


def test_an_excel_2003_xml_workbook_with_skipped_cells_is_imported(app_ctx, tmp_path, capsys):
    path = tmp_path / "导出.xls"
    path.write_bytes(BOOK.encode("gbk"))
    plan = plan_import(app_ctx, path, "register")
    assert plan.compound == "幸福里小区" and not plan.bad
    assert [(r.draft.person["full_name"], r.draft.person["id_number"], r.draft.room) for r in plan.good] == [
        ("张建国", ZHANG, "501"), ("李秀梅", LI, "502")]          # an 18-digit Number cell kept whole
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert "已导入2行，未导入0行" in capsys.readouterr().out


HOSTILE = {
    "合并.xls": (b"<html><table><tr><td colspan=99999999>x</td></tr></table></html>", "合并了99,999,999列"),
    "套娃.xls": (b"<html>" + b"<table><tr><td>" * 5000 + b"x", "一层套一层"),
    "炸弹.xls": (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                 b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
                 b"<Data>&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>", "文档类型定义（DTD）"),
    "远行.xls": (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                 b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
                 b'<Row ss:Index="99999999"><Cell><Data>x</Data></Cell></Row></Table></Worksheet></Workbook>',
                 "上限 1,048,576 行"),
    "截断.xls": (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>'
                 b"<Table><Row><Cell><Data>x</Da", "内容不完整或已损坏"),
}


def test_a_hostile_web_export_is_refused_in_chinese(app_ctx, tmp_path, capsys):
    """A huge colspan, tables nested thousands deep, an entity bomb, a row far below Excel's
    last, a file cut short: each refused before it is held, in Chinese, with what to do."""
    from desktop.excel.reading import read_sheets
    for name, (data, words) in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as e:
            read_sheets(path)
        assert words in e.value.message and "没有导入" in e.value.message, name
    twice = tmp_path / "同名.xls"                            # two worksheets of one name: kept apart
    twice.write_bytes(b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-'
                      b'microsoft-com:office:spreadsheet">' + b'<Worksheet ss:Name="A"><Table><Row><Cell><Data>x'
                      b"</Data></Cell></Row></Table></Worksheet>" * 2 + b"</Workbook>")
    assert [s.name for s in read_sheets(twice)] == ["A", "A(2)"]
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(tmp_path / "炸弹.xls"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "文档类型定义（DTD）" in err and "Traceback" not in err and "Error" not in err


def test_each_table_of_a_page_is_a_sheet_and_a_frame_table_is_not(tmp_path):
    """A UTF-8 page (with its mark) laying out two lists inside a frame table: two sheets, the
    frame's none; a rowspan running past the table's end is clipped as a browser draws it."""
    from desktop.excel.reading import read_sheets
    page = ("<html><body><table><tr><td><table><caption>一组</caption><tr><td>姓名</td><td rowspan=9>备注</td></tr>"
            "<tr><td>王一</td></tr></table></td><td><table><tr><td>姓名</td></tr><tr><td>赵二</td></tr></table>"
            "</td></tr></table></body></html>")
    path = tmp_path / "两组.xls"
    path.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    first, second = read_sheets(path)
    assert (first.name, first.rows, first.merged) == ("表1", [["一组", ""], ["姓名", "备注"], ["王一", ""]],
                                                      (((1, 1), (2, 1)),))
    assert (second.name, second.rows) == ("表2", [["姓名"], ["赵二"]])
    path.write_bytes(page.encode("utf-16"))                  # saved as "Unicode": the same two sheets
    assert [s.rows for s in read_sheets(path)] == [first.rows, second.rows]



ODD_PAGE = ("<!DOCTYPE html><?xml version='1.0'?><HTML xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>"
            "<!-- a comment with <td>x</td> inside --><table><caption>一<b>组</b></caption>"
            "<TR><TD nowrap class=x>姓名</TD><td colspan='2' style=\"mso-number-format:'\\@'\">住&nbsp;址</Td>"
            "<td rowspan=2>备注<br/>二行</td></tr><tr><td>王&#26757;<o:p></o:p></td><td/><td></td></tr>"
            "<tr><th  >赵 \n 二</th ><td>a &amp; b<p>c</td></tr></table><table><tr><td>x</td></tr></table>")


def test_a_page_is_read_alike_by_the_fast_scanner_and_html_parser(tmp_path, monkeypatch):
    """The regular-expression scanner (the plain <tr>/<td> of an export) gives what html.parser
    gives, also with a tag, a comment or a text cut by every piece boundary; a script sends the
    page through html.parser."""
    from desktop.excel import webbook
    pages = {"page.xls": PAGE, "odd.xls": ODD_PAGE, "script.xls": ODD_PAGE + "<script>var a = '<td>';</script>",
             # Excel's own pages: a style sheet in the head, read the fast way
             "style.xls": "<html><head><STYLE>td {mso-number-format:'\\@'} /* <td>x</td> */</style ></head>" + ODD_PAGE}
    for name, page in pages.items():
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))   # its mark: known from the first 7 bytes
        slow = webbook.read_html(path, fast=False)
        assert webbook.read_html(path) == slow, name
        if name != "script.xls":
            webbook._read_page_fast(path, None, None)         # not sent to html.parser
        monkeypatch.setattr(webbook, "_CHUNK", 7)             # pieces of 7 bytes: every token cut somewhere
        assert webbook.read_html(path) == slow, name
        monkeypatch.setattr(webbook, "_CHUNK", 1 << 20)
    assert webbook.read_html(tmp_path / "odd.xls")[0][1][:3] == [
        ["一组", "", "", ""], ["姓名", "住 址", "", "备注\n二行"], ["王梅", "", "", ""]]


def test_reading_a_big_page_moves_the_bar_and_cancel_stops_it(app_ctx, tmp_path, monkeypatch):
    """A 100,000-row page took seconds to read with the bar at 0 and Cancel doing nothing: the
    bar now follows the bytes read, and Cancel stops the reading."""
    from desktop.excel import webbook
    from desktop.excel.plan import ImportCancelled
    monkeypatch.setattr(webbook, "_CHUNK", 256)              # a small page read as a big one is
    for name, data in (("page.xls", PAGE.encode("gbk")), ("book.xls", BOOK.encode("gbk"))):
        path = tmp_path / name
        path.write_bytes(data)
        seen = []
        plan_import(app_ctx, path, "register", progress=lambda done, total: seen.append((done, total)))
        size = len(data)
        # One bar over the reading and the rows: it never goes back (it fell from 99 % to the
        # start when the rows began), and only the end says done.
        done = [d for d, _ in seen]
        assert len(seen) > size // 256 and done == sorted(done) and len({t for _, t in seen}) == 1, name
        assert done[-1] == seen[-1][1] and done[-2] < done[-1] and done[-2] >= seen[-1][1] // 3, name
        with pytest.raises(ImportCancelled):
            plan_import(app_ctx, path, "register", progress=lambda *_: None, cancelled=lambda: True)


def test_hidden_rows_and_error_values_of_a_web_export_are_flagged_as_in_an_xlsx(app_ctx, tmp_path):
    """A row the page hides (display:none) or the XML hides (ss:Hidden) was imported without a
    word, and an XML error value (#N/A) read as blank without one: each now carries the warning
    an .xlsx's hidden row or error value carries."""
    page = PAGE.replace("<tr><td>李秀", "<tr style='DISPLAY: none'><td>李秀")
    book = (BOOK.replace('<Row><Cell><Data ss:Type="String">李秀梅', '<Row ss:Hidden="1"><Cell><Data ss:Type="String">李秀梅')
            .replace('<Cell><Data ss:Type="Number">3</Data></Cell><Cell ss:Index="5"><Data ss:Type="Number">501',
                     '<Cell ss:Formula="=VLOOKUP(A4,B:C,2,0)"><Data ss:Type="Error">#N/A</Data></Cell>'
                     '<Cell ss:Index="5"><Data ss:Type="Number">501'))
    for name, text in (("page.xls", page), ("book.xls", book)):
        path = tmp_path / name
        path.write_bytes(text.encode("gbk"))
        plan = plan_import(app_ctx, path, "register")
        zhang, li = plan.good
        said = [[w.message for w in row.warnings] for row in (zhang, li)]
        assert not any("隐藏" in w for w in said[0]) and any("在Excel里是隐藏的" in w for w in said[1]), name
        if name == "book.xls":
            assert any("错误值#N/A" in w and "“楼栋”列（C4格）" in w for w in said[0]), said


def test_hidden_columns_of_a_web_export_are_named_as_in_an_xlsx(app_ctx, tmp_path):
    """A column the page hides (its cells display:none, or a <col> so) or the XML hides
    (<Column ss:Hidden="1">) was imported without a word, where an .xlsx's hidden column is
    named once: now it is named the same way, and imported all the same."""
    hide = "<td style='display:none'>"
    page = (PAGE.replace("<th rowspan=2>联系电话</th>", "<th rowspan=2 style='display:none'>联系电话</th>")
            .replace("<td>13800130001", hide + "13800130001").replace("<td>13800130002", hide + "13800130002"))
    cols = PAGE.replace("<table border=1>", "<table border=1><colgroup><col span=4><col style='display:none'>"
                                            "</colgroup>")
    book = BOOK.replace("<Table>", '<Table><Column ss:Width="60"/><Column ss:Index="3" ss:Hidden="1"/>')
    for name, text, column in (("page.xls", page, "G列“联系电话”"), ("cols.xls", cols, "E列“门牌号”"),
                               ("book.xls", book, "C列“楼栋”")):
        path = tmp_path / name
        path.write_bytes(text.encode("gbk"))
        plan = plan_import(app_ctx, path, "register")
        said = [x for x in plan.notices if "隐藏" in x]
        assert len(said) == 1 and column in said[0] and "照样导入了" in said[0], (name, plan.notices)
        assert len(plan.good) == 2, name
