"""What hand-testing the import on ledgers unlike the samples found: Excel error values (#REF!,
#N/A) read as empty cells, a header that explains its column in brackets, a workbook with
only its header, a workbook saved under a .csv name."""
from datetime import date

from desktop.cli import main
from desktop.excel.importer import plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book


def _id(i: int) -> str:
    return make_resident_id("420106", date(1980, 1 + i % 12, 1 + i), 100 + i, True)


def _people(app) -> dict:
    with app.db.reading() as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT full_name, id_number, phone FROM person")}


def test_an_excel_error_value_is_named_never_read_as_an_empty_cell(app_ctx, tmp_path, capsys):
    """A ledger whose lookups broke: #REF! where the ID number was, #N/A where the phone was.
    The reader saw both as blank, and 周三 was registered with no ID number, without a word.
    Now the row without its ID number is refused, naming the cell and the error; the row with
    a broken phone is kept, warned."""
    path = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["姓名", "身份证号", "楼栋", "房号", "电话"],
        ["周一", _id(1), 5, 101, "13900000001"],
        ["周二", _id(2), 5, 102, "#N/A"],
        ["周三", "#REF!", 5, 103, "13900000003"]]})
    db = tmp_path / "register.db"            # made by app_ctx; closed for the command line
    app_ctx.close()
    code = main(["import", str(path), "--db", str(db), "--compound", "幸福里"])
    out, err = capsys.readouterr()
    assert code == 0 and "已导入2行，未导入1行" in out
    assert "“人员”第4行" in err and "B4格" in err and "#REF!" in err
    assert "Traceback" not in err
    from desktop.app import open_app
    app = open_app(db, user_name="测试员")
    try:
        people = _people(app)
    finally:
        app.close()
    assert set(people) == {"周一", "周二"}
    assert people["周二"][0] == _id(2)


def test_an_error_value_in_a_secondary_column_is_a_warning_that_names_the_cell(app_ctx, tmp_path):
    path = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["姓名", "身份证号", "楼栋", "房号", "电话"],
        ["周二", _id(2), 5, 102, "#N/A"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    (row,) = plan.rows
    assert row.ok
    assert any("E2格" in w.message and "#N/A" in w.message for w in row.warnings)


def test_a_header_that_explains_its_column_in_brackets_is_that_column(app_ctx, tmp_path):
    """'住址(楼-单元-室)' holding '3-2-201' was taken for the unit column (it says 单元): each
    person was registered outside any household, the address only in the note."""
    path = write_book(tmp_path / "台账.xlsx", {"Sheet1": [
        ["手机号码", "住址(楼-单元-室)", "公民身份号码", "姓名", "联系电话（手机）"],
        ["13912345670", "3-2-201", _id(1), "李华", ""]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    (row,) = plan.rows
    assert row.ok and not row.warnings, [w.message for w in row.warnings]
    d = row.draft
    assert (d.building, d.unit, d.room) == ("3", "2", "201")


def test_a_workbook_with_only_its_header_says_so(app_ctx, tmp_path, capsys):
    """A new office's blank form (header, a 填表人 line, nothing else) printed 'imported 0,
    rejected 0' and no word of why; without --compound it first asked for the compound."""
    path = write_book(tmp_path / "空表.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "楼栋", "房号"], [None] * 4, ["填表人：", "李四"]]})
    db = tmp_path / "register.db"            # made by app_ctx; closed for the command line
    app_ctx.close()
    code = main(["import", str(path), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "只有表头" in err and "工作表“Sheet1”第1行" in err and "Traceback" not in err


def test_a_workbook_saved_under_a_csv_name_is_read_as_the_workbook_it_is(app_ctx, tmp_path):
    """A clerk renamed 台账.xlsx to 台账.csv (a web form asked for CSV): it was refused as a
    CSV in an unknown encoding; the file is a workbook, and is read as one."""
    book = write_book(tmp_path / "台账.xlsx", {"Sheet1": [["姓名", "身份证号", "楼栋", "房号"],
                                                       ["李华", _id(1), 3, 201]]})
    renamed = book.rename(tmp_path / "台账.csv")
    plan = plan_import(app_ctx, renamed, "register", compound="幸福里")
    assert [r.draft.person["full_name"] for r in plan.rows if r.ok] == ["李华"]


def test_control_characters_from_a_csv_neither_stop_the_import_nor_enter_a_name(app_ctx, tmp_path, capsys):
    """A CSV from a web system had a NUL after a name and a \\x01 in a note. The bad row could
    not be written to the errors workbook (openpyxl refuses such characters): the whole import
    stopped with 'IllegalCharacterError'. And 冯三\\x00 would have been registered as a name
    no search finds."""
    bad_id = _id(9)[:17] + ("0" if _id(9)[17] != "0" else "1")
    path = tmp_path / "导出.csv"
    path.write_bytes(("姓名,身份证号,楼栋,房号,备注\r\n"
                      f"冯三\x00,{_id(3)},9,103,\r\n"
                      f"冯九,{bad_id},9,104,坏\x01备注\r\n").encode("utf-8"))
    db, errors = tmp_path / "register.db", tmp_path / "错误行.xlsx"
    app_ctx.close()
    code = main(["import", str(path), "--db", str(db), "--compound", "幸福里", "--errors", str(errors)])
    out, err = capsys.readouterr()
    assert code == 0 and "已导入1行，未导入1行" in out, err
    from openpyxl import load_workbook
    sheet = load_workbook(errors).active
    assert [c.value for c in sheet[2]][:5] == ["冯九", bad_id, "9", "104", "坏备注"]
    from desktop.app import open_app
    app = open_app(db, user_name="测试员")
    try:
        assert list(_people(app)) == ["冯三"]
    finally:
        app.close()


def test_a_first_resident_whose_note_holds_a_header_word_is_a_person_not_a_second_header(app_ctx, tmp_path):
    """The first resident of a CSV had no ID number or phone, and a note '电话打不通 住址待核实':
    with no long numbers and header words in it, the row was taken for a second header row,
    its cells for the column names, and the whole file was refused ('没有找到“姓名”列')."""
    path = tmp_path / "台账.csv"
    path.write_text("姓名,身份证号,楼栋,房号,联系电话,备注\n王芳,,3,201,,电话打不通 住址待核实\n"
                    f"李强,{_id(5)},3,202,13800000000,\n", encoding="utf-8")
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert [r.draft.person["full_name"] for r in plan.rows if r.ok] == ["王芳", "李强"]
    assert plan.rows[0].draft.person["note"] == "电话打不通 住址待核实"


def test_a_remark_in_brackets_after_a_name_goes_to_the_note_not_the_name(app_ctx, tmp_path):
    """'张三（已故）' and '乙(已迁出)' were registered under those names: no search for 张三
    found him, and what the remark says (deceased, moved out) was lost in a name."""
    path = write_book(tmp_path / "台账.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "楼栋", "房号", "备注"],
        ["张三（已故）", _id(1), 1, 101, "独居"],
        ["乙(已迁出)", _id(2), 1, 102, None]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    first, second = (r.draft.person for r in plan.rows)
    assert (first["full_name"], first["note"]) == ("张三", "独居 姓名后注：已故")
    assert (second["full_name"], second["note"]) == ("乙", "姓名后注：已迁出")
    assert all(any("不是姓名的一部分" in w.message for w in r.warnings) for r in plan.rows)


def test_a_care_list_name_with_a_remark_finds_the_registered_person(small_community, app_ctx, tmp_path):
    """'王芳（独居）' on a care list: no one of that name is registered, so the row was refused."""
    name, id_number = _registered_name(app_ctx)
    path = write_book(tmp_path / "关爱.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "关爱类别", "走访频次"], [f"{name}（独居）", id_number, "独居老人", "每周一次"]]})
    plan = plan_import(app_ctx, path, "care")
    (row,) = plan.rows
    assert row.ok, row.reason
    assert row.draft.full_name == name and "姓名后注：独居" in row.draft.note


def _registered_name(app) -> tuple[str, str]:
    with app.db.reading() as conn:
        return tuple(conn.execute("SELECT full_name, id_number FROM person WHERE id_number IS NOT NULL"
                                  " ORDER BY full_name LIMIT 1").fetchone())


def test_a_row_hidden_in_excel_is_imported_and_flagged(app_ctx, tmp_path):
    """A clerk hides the row of someone who moved out rather than delete it. The import took
    the row like any other, without a word: the preview did not say that it was out of sight."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    for row in (["姓名", "身份证号", "楼栋", "房号"], ["甲", _id(1), 2, 201], ["乙", _id(2), 2, 202],
                ["丙", _id(3), 2, 203]):
        ws.append(row)
    ws.row_dimensions[3].hidden = True
    book.save(tmp_path / "台账.xlsx")
    plan = plan_import(app_ctx, tmp_path / "台账.xlsx", "register", compound="幸福里")
    assert [r.draft.person["full_name"] for r in plan.rows if r.ok] == ["甲", "乙", "丙"]
    flagged = [r.row for r in plan.rows if any("隐藏" in w.message for w in r.warnings)]
    assert flagged == [3]


def test_a_care_lists_guardian_phone_is_not_taken_for_the_persons_own(small_community, app_ctx, tmp_path):
    """'监护人联系电话' contains 联系电话: the guardian's number was filed as the old person's own
    phone (who has none), and '家属' '包联干部' '上次探访时间' were not recognised at all."""
    name, id_number = _registered_name(app_ctx)
    path = write_book(tmp_path / "关爱.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "类别", "家属姓名", "监护人联系电话", "包联干部", "上次探访时间"],
        [name, id_number, "独居老人", "陈强", "13600000001", "刘敏", "2020-02-01"]]})
    plan = plan_import(app_ctx, path, "care", today=date(2020, 2, 20))
    (row,) = plan.rows
    assert row.ok, row.reason
    d = row.draft
    assert (d.phone, d.emergency_contact, d.emergency_phone) == ("", "陈强", "13600000001")
    assert (d.helper, d.last_visit) == ("刘敏", date(2020, 2, 1))


def test_a_gate_log_naming_its_people_column_by_who_passes_is_read(app_ctx, tmp_path):
    """'进出人员' holds the names (it was taken for the direction, and no header was found)."""
    path = write_book(tmp_path / "出入.xlsx", {"Sheet1": [
        ["进出人员", "手机", "进/出（打√）", "登记日期", "时间", "体温(℃)", "车辆号码"],
        ["林一", "13500000001", "进", "2020-02-10", "08:30", 36.5, "鄂A12345"]]})
    plan = plan_import(app_ctx, path, "gate")
    (row,) = plan.rows
    assert row.ok, row.reason
    assert (row.draft.full_name, row.draft.direction, row.draft.plate) == ("林一", "in", "鄂A12345")


def test_a_workbook_of_zero_bytes_is_called_empty_not_damaged(app_ctx, tmp_path, capsys):
    """A stick pulled out while Excel saved leaves 台账.xlsx of 0 bytes: it was called damaged or
    password-protected ('ZipError'), and the clerk went looking for a password."""
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"")
    db = tmp_path / "register.db"            # made by app_ctx; closed for the command line
    app_ctx.close()
    code = main(["import", str(path), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and "是空的（0字节）" in err and "密码" not in err and "Error" not in err


def test_two_people_typed_into_one_name_cell_are_never_made_one_person(app_ctx, tmp_path):
    """Found by hand: '李四' Alt+Enter '王五' (and '李四、王五') in one name cell became one person
    called 李四王五. The row is refused, naming both, so the clerk splits it; a name typed with
    a space (张 三) or a minority name with its dot stays one person. A care list's couple in
    one row (王大爷、王大妈) is said the same way."""
    path = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["姓名", "身份证号", "楼栋", "房号"],
        ["李四\n王五", "", 5, 101],
        ["赵六、钱七", "", 5, 102],
        ["张 三", _id(3), 5, 103],
        ["阿依古丽·买买提", _id(4), 5, 104]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    refused = {r.row: r.errors[0].message for r in plan.bad}
    assert set(refused) == {2, 3}
    assert "2个人（李四、王五）" in refused[2] and "分成一行" in refused[2]
    assert "赵六、钱七" in refused[3]
    assert sorted(r.draft.full_name for r in plan.good) == ["张三", "阿依古丽·买买提"]
    care = write_book(tmp_path / "关爱.xlsx", {"关爱": [
        ["姓名", "类别", "帮扶人"], ["王大爷、王大妈", "独居老人", "刘楼长"]]})
    [row] = plan_import(app_ctx, care, "care").bad
    assert "2个人（王大爷、王大妈）" in row.errors[0].message


def test_a_register_or_a_sync_package_picked_as_a_ledger_is_named_for_what_it_is(app_ctx, tmp_path):
    """Found by hand: the register's backup renamed 台账.xlsx, or a sync package picked from the
    stick, was called a damaged Excel file to re-save in Excel."""
    import shutil
    import pytest
    from desktop.errors import InputError
    from desktop.sync.envelope import MAGIC
    register = tmp_path / "备份.xlsx"
    shutil.copyfile(app_ctx.db.path, register)
    package = tmp_path / "同步.csv"
    package.write_bytes(MAGIC + bytes(range(256)) * 8)
    for path, said in ((register, "数据库文件"), (package, "同步包")):
        with pytest.raises(InputError) as refused:
            plan_import(app_ctx, path, "register", compound="幸福里")
        assert said in refused.value.message and "不是台账" in refused.value.message
        assert "Excel中打开" not in refused.value.message and "编码" not in refused.value.message
    # where a sync package is imported instead: the window's page there, the command here
    assert "（在“同步”页导入）" in refused.value.message and "sync import" not in refused.value.message
    assert "（用 menshen sync import --from 它所在的文件夹 导入）" in refused.value.command


def test_a_second_phone_column_is_kept_never_dropped(app_ctx, tmp_path):
    """Found by hand: with 联系电话 and 手机号 both in the header, the second was left out without a
    word. Now it is the person's phone when the first is empty, else kept in the note (as a
    second number in one cell is); a third phone column is said as not imported. A column about
    the head (户主姓名) is no second name column."""
    path = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["姓名", "楼栋", "房号", "联系电话", "手机号", "户主姓名", "电话"],
        ["张三", 5, 101, "027-85551234", "13912345678", "张三", "13800000001"],
        ["李四", 5, 102, "", "13912345679", "张三", ""]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    zhang, li = (r.draft.person for r in plan.good)
    assert zhang["phone"] == "027-85551234" and "其他电话：13912345678" in zhang["note"]
    assert li["phone"] == "13912345679" and "phone" in plan.good[1].draft.given
    said = [x for x in plan.notices if "没有导入" in x]
    assert len(said) == 1 and "G列“电话”" in said[0] and "D列“联系电话”" in said[0], plan.notices
    assert not any("户主姓名" in x for x in plan.notices)


def test_a_hidden_column_is_imported_and_said_once(app_ctx, tmp_path):
    """Found by hand: a column the clerk hid (an old ID number, a helper column) was imported
    without a word. It is imported as its header says and named once, as hidden rows are."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = "人员"
    ws.append(["姓名", "楼栋", "房号", "联系电话", "备用"])
    ws.append(["张三", 5, 101, "13912345678", "x"])
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions["E"].hidden = True               # not imported: nothing to say
    path = tmp_path / "台账.xlsx"
    book.save(path)
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    said = [x for x in plan.notices if "隐藏" in x]
    assert len(said) == 1 and "D列“联系电话”" in said[0] and "E列" not in said[0], plan.notices
    assert [r.draft.person["phone"] for r in plan.good] == ["13912345678"]      # imported all the same


def test_the_same_hidden_column_and_the_same_other_list_on_many_sheets_are_said_once(app_ctx, tmp_path):
    """一组 … 三组, each with its phone column hidden, and two care lists kept beside them: five
    notices, one a sheet, buried the one that differed. Now one for the hidden column and one
    for the care lists (and, chosen, one for two sheets of notes without a header), each naming the sheets."""
    from openpyxl import load_workbook
    care = [["姓名", "关爱类别", "走访频次", "联系人电话"], ["王一", "独居老人", "每周", "13800138000"]]
    path = write_book(tmp_path / "台账.xlsx", {
        **{f"{k}组": [["姓名", "楼栋", "房号", "联系电话"], [f"张{k}", 5, 101 + i, "13912345678"]] for i, k in enumerate("一二三")},
        "独居老人": care, "空巢老人": care, "说明": [["本表由各组填写"]], "备注": [["户数以派出所为准"]]})
    book = load_workbook(path)
    for k in "一二三":
        book[f"{k}组"].column_dimensions["D"].hidden = True
    book.save(path)
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    hidden = [x for x in plan.notices if "隐藏" in x]
    assert hidden == [x for x in hidden if x.startswith("“一组”、“二组”、“三组”的D列“联系电话”在Excel里是隐藏的")]
    assert len(hidden) == 1, plan.notices
    left_out = [x for x in plan.notices if "没有导入" in x]
    assert len(left_out) == 1 and left_out[0].startswith("工作表“独居老人”、“空巢老人”没有导入：它们看起来是关爱名单")
    assert "勾选它们" in left_out[0], plan.notices
    assert "请加 --sheet 独居老人 --sheet 空巢老人（连同" in left_out[0].command     # not '--sheet 工作表名称'
    assert len(plan.good) == 3
    # Two sheets of notes chosen all the same have no register header: said once too.
    chosen = plan_import(app_ctx, path, "register", compound="幸福里", sheets=["一组", "说明", "备注"])
    assert [x for x in chosen.notices if "表头" in x] == ["工作表“说明”、“备注”里没有找到户籍台账的表头（例如“姓名”这一行），没有导入。"]


def test_a_pdf_or_an_archive_named_like_a_workbook_is_named_for_what_it_is(app_ctx, tmp_path):
    """A printed list saved as 台账.xlsx by mistake was "无法打开这个Excel文件（ZipError）…请在
    Excel中打开并另存为": the clerk cannot open a PDF in Excel. It is named as what it is."""
    import pytest
    from desktop.errors import InputError
    pdf = tmp_path / "台账.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 4000)
    rar = tmp_path / "名单.xls"
    rar.write_bytes(b"Rar!\x1a\x07\x00" + b"\x00" * 4000)
    for path, said in ((pdf, "PDF"), (rar, "压缩包")):
        with pytest.raises(InputError) as refused:
            plan_import(app_ctx, path, "register", compound="幸福里")
        assert said in refused.value.message and "不是台账" in refused.value.message
        assert "Excel中打开" not in refused.value.message and "Error" not in refused.value.message


def test_a_ledger_held_open_by_wps_is_said_to_be_open_not_unwritable(app_ctx, tmp_path, capsys, monkeypatch):
    """WPS on Windows keeps the ledger it has open locked: reading it raised PermissionError, and
    the command said '无法写入 台账.xlsx：没有写入权限' (exit 2, as for a failure of storage), the
    window the same: the clerk was sent to save somewhere else. Now: the file is open in another
    program, close it there and import again (exit 1). Also when the reader itself is refused
    (calamine's 'os error 32', a sharing violation), which was called a damaged file."""
    import builtins
    import pytest
    from desktop.errors import InputError
    from desktop.excel import reading
    path = write_book(tmp_path / "台账.xlsx", {"人员": [["姓名", "身份证号", "楼栋", "房号"], ["周一", _id(1), 5, 101]]})

    def refused(path):
        raise OSError("The process cannot access the file because it is being used by another process. (os error 32)")

    with monkeypatch.context() as m:
        m.setattr(reading, "_open_book", refused)
        with pytest.raises(InputError) as e:
            plan_import(app_ctx, path, "register", compound="幸福里")
    assert "WPS" in e.value.message and "关掉这个文件" in e.value.message and "损坏" not in e.value.message
    opened = builtins.open

    def locked(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return opened(file, *args, **kwargs)

    db = tmp_path / "register.db"            # made by app_ctx; closed for the command line
    app_ctx.close()
    monkeypatch.setattr(builtins, "open", locked)
    code = main(["import", str(path), "--db", str(db), "--compound", "幸福里"])
    err = capsys.readouterr().err
    assert code == 1 and "“台账.xlsx”" in err and "WPS" in err and "关掉这个文件" in err
    assert "写入" not in err and "Traceback" not in err


def test_a_file_the_reader_cannot_open_is_named_for_what_it_is(app_ctx, tmp_path):
    """Every file the reader could not open was '无法打开这个Excel文件（CalamineError）…可能已损坏、
    有密码保护…另存为.xlsx': a workbook with a password to open (which 另存为 keeps), a web
    system's "xls" that is a web page, a Word file or plain text renamed .xlsx. Each is now
    said for what it is, with what to do; no error class of the reader reaches the clerk."""
    import zipfile
    import pytest
    from desktop.errors import InputError
    from tests.excel.cfb import compound_file
    locked = tmp_path / "加密台账.xlsx"
    locked.write_bytes(compound_file({"EncryptionInfo": b"\x04\x00\x04\x00\x40", "EncryptedPackage": b"\x10"}))
    # (A web page named .xls with a table is read now: tests/excel/test_web_exports.py.)
    page = tmp_path / "单个网页.xls"            # Excel's 'single file web page' (.mht) under an .xls name
    page.write_text('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_NextPart"\n\n'
                    + "x" * 5000, encoding="ascii")
    word = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    text = tmp_path / "说明.xlsx"
    text.write_text("请各楼长于本周五前报送名单。\n" * 5, encoding="utf-8")
    damaged = tmp_path / "坏的.xlsx"
    damaged.write_bytes(bytes(range(256)) * 8)
    said = {locked: ("打开密码", "密码删掉后保存"), page: ("网页（HTML）", "Excel 工作簿(*.xlsx)"),
            word: ("Word文档", "不是Excel工作簿"), text: ("文本文件", "不是Excel工作簿"),
            damaged: ("已损坏", "Excel 工作簿(*.xlsx)")}
    for path, words in said.items():
        with pytest.raises(InputError) as e:
            plan_import(app_ctx, path, "register", compound="幸福里")
        message = e.value.message
        assert f"“{path.name}”" in message and all(w in message for w in words), message
        assert "Error" not in message and ("密码" in message) == (path == locked)


def test_an_old_15_digit_id_number_stored_as_a_number_is_read_whole(app_ctx, tmp_path):
    """An old register typed its 15-digit ID numbers into number cells (Excel shows 4.20107E+14).
    Excel keeps 15 significant digits, so every digit is there; the row was refused as '后几位已经
    丢失，无法恢复'. Now it is read and upgraded to 18 digits with the check, as the same number
    typed as text is; an 18-digit number in a number cell is still refused (its last digits are
    gone)."""
    path = write_book(tmp_path / "老台账.xlsx", {"人员": [
        ["姓名", "身份证号", "楼栋", "房号"], ["孙老", 420106580307001, 5, 101], ["孙少", float(_id(2)), 5, 102]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    [old] = plan.good
    assert old.draft.person["id_number"] == "420106195803070016"
    assert any("15位旧身份证号码420106580307001" in w.message for w in old.warnings)
    [lost] = plan.bad
    assert lost.row == 3 and "无法恢复" in lost.reason


def test_the_errors_of_a_csv_whose_name_a_sheet_cannot_have_are_saved(app_ctx, tmp_path):
    """A CSV's one sheet is named after the file: '居民信息[2020-02-10].csv'. Saving its bad rows
    (保存错误行, --errors) failed on openpyxl's "Invalid character [ found in sheet title": the
    command said 程序遇到了意外的问题, the window the same. The sheet is named with full-width
    brackets now, the rows saved."""
    from openpyxl import load_workbook
    from desktop.excel.importer import write_rejects
    path = tmp_path / "居民信息[2020-02-10].csv"
    path.write_text(f"姓名,身份证号码,楼栋,单元,门牌号\n张三,{_id(1)},3,1,101\n李四,12345,3,1,102\n", encoding="utf-8")
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert write_rejects(plan, tmp_path / "错误行.xlsx") == 1
    book = load_workbook(tmp_path / "错误行.xlsx")
    assert book.sheetnames == ["居民信息【2020-02-10】"]
    assert [c.value for c in book.active[2]][:2] == ["李四", "12345"]


def test_the_errors_workbook_of_a_sheet_with_a_stray_far_cell_stays_within_excels_columns(app_ctx, tmp_path):
    """One stray cell at XFD1, in the header's row, was taken for a 16,384th column: the wizard
    had 16,384 columns to map (it froze for minutes), and the errors workbook got the labels
    第5列 … 第16384列 and the reason in column XFE, past Excel's last column (XFD), so Excel
    would not open it as it was. The table now ends at its last column before 20 empty ones,
    and the errors workbook at the last filled cell, the reason beside it."""
    from openpyxl import Workbook, load_workbook
    from desktop.excel.importer import write_rejects
    book = Workbook()
    for row in (["姓名", "身份证号", "楼栋", "房号"], ["周一", _id(1), 5, 101], ["周二", "12345", 5, 102]):
        book.active.append(row)
    book.active["XFD1"] = "x"
    book.save(tmp_path / "台账.xlsx")
    plan = plan_import(app_ctx, tmp_path / "台账.xlsx", "register", compound="幸福里")
    assert plan.sheets[0].labels == ["姓名", "身份证号", "楼栋", "房号"]
    assert write_rejects(plan, tmp_path / "错误行.xlsx") == 1
    sheet = load_workbook(tmp_path / "错误行.xlsx").active
    assert [c.value for c in sheet[1]] == ["姓名", "身份证号", "楼栋", "房号", "错误原因", "原行号"]
    assert sheet.max_column == 6 and sheet["B2"].value == "12345"


def test_the_errors_workbook_keeps_two_header_rows_as_they_were(app_ctx, tmp_path):
    """住址 merged over 楼栋/单元/门牌号, 姓名 and 身份证号 merged down over both header rows: the
    errors workbook flattened them into one row (住址楼栋, 住址单元 …), not the clerk's ledger.
    The header rows come back as they were, merges and all, and the file imports again as it is."""
    from openpyxl import load_workbook
    from desktop.excel.importer import write_rejects
    path = write_book(tmp_path / "两行表头.xlsx", {"居民": [
        ["姓名", "身份证号", "住址", None, None], [None, None, "楼栋", "单元", "门牌号"],
        ["周一", _id(1), 5, 1, 101], ["周二", "12345", 5, 1, 102]]},
        merged={"居民": ["A1:A2", "B1:B2", "C1:E1"]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert write_rejects(plan, tmp_path / "错误行.xlsx") == 1
    sheet = load_workbook(tmp_path / "错误行.xlsx").active
    assert [[c.value for c in row] for row in sheet.iter_rows(max_row=3)] == [
        ["姓名", "身份证号", "住址", None, None, "错误原因", "原行号"], [None, None, "楼栋", "单元", "门牌号", None, None],
        ["周二", "12345", 5, 1, 102, plan.bad[0].reason, 4]]
    assert {"A1:A2", "B1:B2", "C1:E1"} <= {str(r) for r in sheet.merged_cells.ranges}
    again = plan_import(app_ctx, tmp_path / "错误行.xlsx", "register", compound="幸福里")
    assert again.sheets[0].mapping == plan.sheets[0].mapping
    assert [(r.row, r.reason) for r in again.bad] == [(3, plan.bad[0].reason)]


def test_a_refused_row_never_says_its_unreadable_phone_is_imported_as_blank(app_ctx, tmp_path):
    """A refused row's other unreadable cells (#N/A in the phone, a phone formula without its
    result) said '按空白导入' beside '这一行没有导入': the clerk read that part of it came in. Now
    they say what to correct only, whether the row was refused for its own unreadable ID
    (#REF!) or for a check after it (an ID number that is no number)."""
    path = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["姓名", "身份证号", "楼栋", "房号", "电话"],
        ["周三", "#REF!", 5, 103, "#N/A"],
        ["周四", "12345", 5, 104, "=A2"],
        ["周五", _id(5), 5, 105, "#N/A"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    said = {row.row: "；".join(e.message for e in row.errors + row.warnings) for row in plan.rows}
    assert [row.row for row in plan.bad] == [2, 3]
    assert "E2格" in said[2] and "#N/A" in said[2] and "请在Excel中改正" in said[2]
    assert "E3格" in said[3] and "是公式" in said[3] and "保存后再导入" in said[3]
    assert not any("按空白导入" in said[r] for r in (2, 3))
    assert "E4格" in said[4] and "按空白导入" in said[4]          # a row that is imported still says so
