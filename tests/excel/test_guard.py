"""A workbook no ledger could be (a "zip bomb") is refused with a message before it is read."""
import struct
import zipfile
import zlib

import pytest

from desktop.errors import InputError
from desktop.excel import guard
from desktop.excel.reading import read_sheets

_CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_SHEET = "xl/worksheets/sheet1.xml"


class _RepeatingDeflate:
    """Deflates each distinct chunk once (a full flush makes the blocks independent), so a
    sheet of 210 MB is packed in a fraction of a second."""

    def __init__(self):
        self.seen: dict[bytes, bytes] = {}

    def compress(self, data) -> bytes:
        data = bytes(data)
        if data not in self.seen:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            self.seen[data] = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
        return self.seen[data]

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)


def make_workbook(path, megabytes: float, dimension: str = "", monkeypatch=None):
    """A real .xlsx whose one sheet holds ``megabytes`` of identical rows."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    if monkeypatch is not None:
        monkeypatch.setattr(zipfile, "_get_compressor", lambda *a, **kw: _RepeatingDeflate())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with z.open(_SHEET, "w") as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main">' + dimension.encode() + b"<sheetData>")
            for _ in range(int(megabytes)):
                f.write(chunk)
            f.write(row * 3 + b"</sheetData></worksheet>")
    return path


def lie_about_size(path, declared: int = 1000):
    """Make the zip say the sheet unpacks to ``declared`` bytes (local header and directory)."""
    data = bytearray(path.read_bytes())
    name = _SHEET.encode()
    for signature, name_len_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        i = data.find(signature)
        while i >= 0:
            n = struct.unpack_from("<H", data, i + name_len_at)[0]
            if data[i + name_at:i + name_at + n] == name:
                struct.pack_into("<I", data, i + size_at, declared)
                break
            i = data.find(signature, i + 4)
    path.write_bytes(data)


def test_a_workbook_that_unpacks_beyond_any_ledger_is_refused_before_reading(tmp_path, monkeypatch):
    bomb = make_workbook(tmp_path / "台账.xlsx", 210, monkeypatch=monkeypatch)
    assert bomb.stat().st_size < 3 * 1024 * 1024             # small on disk …
    with pytest.raises(InputError) as e:                      # … huge inside
        read_sheets(bomb)
    assert "文件“台账.xlsx”解压后有" in e.value.message and "200 MB" in e.value.message   # which file, of several


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_reading(tmp_path, monkeypatch):
    bomb = make_workbook(tmp_path / "台账.xlsx", 50, monkeypatch=monkeypatch)
    lie_about_size(bomb)
    with zipfile.ZipFile(bomb) as z:
        assert sum(i.file_size for i in z.infolist()) < guard.MAX_UNPACKED_BYTES
    with pytest.raises(InputError) as e:
        read_sheets(bomb)
    assert "损坏" in e.value.message


def test_a_sheet_declaring_more_rows_than_excel_allows_is_refused(tmp_path):
    book = make_workbook(tmp_path / "台账.xlsx", 0, dimension='<dimension ref="A1:C2000000"/>')
    with pytest.raises(InputError) as e:
        read_sheets(book)
    assert "文件“台账.xlsx”的工作表“台账”声明有 2,000,000 行" in e.value.message     # which file and sheet


def test_a_workbook_of_ordinary_size_is_read(tmp_path):
    book = make_workbook(tmp_path / "台账.xlsx", 0, dimension='<dimension ref="A1:A3"/>')
    assert [len(s.rows) for s in read_sheets(book)] == [3]


def test_the_command_refuses_a_bomb_with_a_message_and_no_traceback(tmp_path, monkeypatch, capsys):
    from desktop.cli import main
    bomb = make_workbook(tmp_path / "台账.xlsx", 210, monkeypatch=monkeypatch)
    assert main(["demo", "--db", str(tmp_path / "r.db"), "--households", "0"]) == 0
    capsys.readouterr()
    code = main(["import", str(bomb), "--db", str(tmp_path / "r.db")])
    err = capsys.readouterr().err
    assert code != 0 and "200 MB" in err and "Traceback" not in err


def test_one_stray_cell_at_excels_last_cell_is_refused_with_how_to_find_it(tmp_path):
    """The reader holds a sheet as the rectangle from A1 to its last cell: one stray cell at
    XFD1048576 made it ask for 550 GB and abort the process. Refused by the declared extent,
    with what to do; a wide but real ledger still reads."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["姓名", "身份证号码"])
    book.active.append(["张三", "420106195803070016"])
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "stray.xlsx")
    with pytest.raises(InputError) as e:
        read_sheets(tmp_path / "stray.xlsx")
    assert "文件“stray.xlsx”的工作表“Sheet”的内容一直延伸到" in e.value.message
    assert "XFD" in e.value.message and "Ctrl+End" in e.value.message
    wide = Workbook()
    for r in range(200):
        wide.active.append([f"{r}-{c}" for c in range(60)])
    wide.save(tmp_path / "wide.xlsx")
    assert len(read_sheets(tmp_path / "wide.xlsx")[0].rows) == 200


def _sheet_book(path, sheet_data: str, dimension: str = ""):
    """A workbook whose one sheet is ``sheet_data`` as written, under ``dimension`` if any."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _BOOK),
                           ("xl/_rels/workbook.xml.rels", _BOOK_RELS)):
            z.writestr(name, text)
        z.writestr(_SHEET, '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                           f'2006/main">{dimension}<sheetData>{sheet_data}</sheetData></worksheet>')
    return path


@pytest.mark.parametrize("dimension", ["", '<dimension ref="A1:B2"/>'])
def test_a_stray_far_cell_is_refused_when_the_sheet_declares_no_extent_or_a_false_one(tmp_path, dimension):
    """A workbook written without <dimension> (openpyxl's write-only mode, some web systems) or
    with a false one, and one stray cell at XFD1048576: the reader asked for 550 GB and the
    program died (a Rust "memory allocation failed" and its stack on the console; in the window,
    gone with whatever was being typed). Now refused by where its cells are, with what to do."""
    path = _sheet_book(tmp_path / "台账.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
                       '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', dimension)
    with pytest.raises(InputError) as e:
        read_sheets(path)
    assert "XFD" in e.value.message and "Ctrl+End" in e.value.message
    ok = _sheet_book(tmp_path / "宽.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
                     '<c r="AD1" t="inlineStr"><is><t>备注</t></is></c></row>', dimension)
    assert read_sheets(ok)[0].rows[0][29] == "备注"


def test_rows_beyond_excels_last_are_refused_before_the_reader_holds_them(tmp_path, monkeypatch):
    """A small file (443 KB) of 7 million tiny rows without numbers or a <dimension>: every row
    was read (21 s, 1.1 GB) before the count refused it. Now the rows are counted in the
    sheet's XML first and the reader never runs."""
    from desktop.excel import reading
    bomb = make_workbook(tmp_path / "台账.xlsx", 50, monkeypatch=monkeypatch)      # 1,069,953 rows

    def never(path):
        raise AssertionError("the reader ran")

    monkeypatch.setattr(reading, "read_excel", never)
    with pytest.raises(InputError) as e:
        read_sheets(bomb)
    assert "文件“台账.xlsx”的工作表“台账”有 1,069,953 行" in e.value.message and "1,048,576" in e.value.message


def _page(*tables: str) -> bytes:
    return ("<html><body>" + "".join(f"<table>{t}</table>" for t in tables) + "</body></html>").encode()


def _xml_book(*sheets: tuple[str, str]) -> bytes:
    return ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            + "".join(f'<Worksheet ss:Name="{name}"><Table>{rows}</Table></Worksheet>' for name, rows in sheets)
            + "</Workbook>").encode()


_ROWS = "<tr><td>姓名</td></tr><tr><td>张三</td></tr><tr><td>李四</td></tr>"
_XML_ROW = "<Row><Cell><Data ss:Type=\"String\">x</Data></Cell></Row>"


@pytest.mark.parametrize("name, content, words", [
    ("户籍.xlsx", {"一组": [["姓名"]], "二组": [["姓名"], ["张三"], ["李四"]]}, "文件“户籍.xlsx”的工作表“二组”有 3 行"),
    ("名单.csv", "姓名\n张三\n李四\n".encode(), "文件“名单.csv”有 3 行"),
    ("页.xls", _page(_ROWS), "文件“页.xls”有 3 行"),
    ("页.xls", _page("<caption>一组</caption>" + _ROWS[:-26]), "文件“页.xls”的工作表“页”有 3 行"),   # its title row
    ("页.xls", _page(_ROWS[:26], _ROWS[:26]), "文件“页.xls”有 2 张以上的表格"),
    ("系统.xls", _xml_book(("二组", _XML_ROW * 3)), "文件“系统.xls”的工作表“二组”有 3 行"),
    ("系统.xls", _xml_book(("二组", '<Row ss:Index="5"/>')), "文件“系统.xls”的工作表“二组”有 5 行"),
    ("系统.xls", _xml_book(("一组", _XML_ROW), ("二组", _XML_ROW)), "文件“系统.xls”有 2 张以上的工作表"),
    ("系统.xls", _xml_book(("一组", '<Row><Cell ss:Index="9"/></Row>')), "文件“系统.xls”的工作表“一组”的内容一直延伸到第 I 列"),
], ids=["xlsx", "csv", "html-rows", "html-title", "html-tables", "xml-rows", "xml-index", "xml-sheets", "xml-wide"])
def test_every_size_refusal_names_the_file_and_its_sheet(tmp_path, monkeypatch, name, content, words):
    """A clerk importing several files read '这个文件有 1,100,000 行…' (a CSV, a web system's
    export, a workbook past the first look) and could not tell which file, or which sheet of it,
    was refused. Every size refusal names both (the limits made small here)."""
    from desktop.excel import webbook
    from tests.excel.conftest import write_book
    monkeypatch.setattr(guard, "MAX_ROWS", 2)
    monkeypatch.setattr(guard, "MAX_CELLS", 8)
    monkeypatch.setattr(webbook, "MAX_SHEETS", 1)
    path = tmp_path / name
    if isinstance(content, dict):
        write_book(path, content)
        monkeypatch.setattr(guard, "check_package", lambda path: None)      # the reader's own count
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_sheets(path)
    assert words in e.value.message
