"""A Chinese user never sees an English string: every ui/ string has a finished translation,
the shipped .qm is compiled from the .ts, and the window shown in Chinese has no English words."""
import html
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMenu

from desktop import vocab

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "resources" / "i18n"))
import update as i18n_update  # noqa: E402  (resources/i18n/update.py, the maintainer's tool)

TS = ROOT / "resources" / "i18n" / "menshen_zh_CN.ts"
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def unfinished(ts: Path) -> list[str]:
    out = []
    for msg in ET.parse(ts).iter("message"):
        translation = msg.find("translation")
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not (translation.text or "").strip():
            out.append(msg.find("source").text)
    return out


def test_every_string_in_ui_has_a_finished_chinese_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    i18n_update.extract(fresh)          # adds any new tr() string as unfinished
    missing = unfinished(fresh)
    assert not missing, f"untranslated strings (run resources/i18n/update.py and translate): {missing}"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    qm = tmp_path / "check.qm"
    i18n_update.compile_qm(TS, qm)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run resources/i18n/update.py"


def test_an_entry_that_opens_a_dialog_ends_in_one_ellipsis_as_the_others_do():
    """备份(B)…… and 修改我的密码(P)…… in the File menu beside 给数据文件加密(E)…: one … a menu
    entry that asks more, as Chinese Windows menus write it."""
    doubled = [msg.find("translation").text for msg in ET.parse(TS).iter("message")
               if (msg.find("source").text or "").endswith(("…", "...")) and "……" in (msg.find("translation").text or "")
               and re.search(r"\(&.\)", msg.find("translation").text)]
    assert doubled == []


@pytest.mark.parametrize("name", sorted(vocab.VOCABULARIES))
def test_every_coded_value_has_both_labels(name):
    for code, (english, chinese) in vocab.VOCABULARIES[name].items():
        assert english and chinese and not ENGLISH_WORD.search(chinese), (name, code)


def visible_texts(window) -> list[str]:
    texts = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if w.isVisibleTo(window) and w.text():
            texts.append(html.unescape(re.sub(r"<[^>]+>", "", w.text())))
    for w in window.findChildren(QLineEdit):
        if w.isVisibleTo(window):
            texts.append(w.placeholderText())
    for menu in window.findChildren(QMenu):
        texts += [menu.title()] + [a.text() for a in menu.actions()]
    for table in window.findChildren(type(window.register_page.table)):
        model = table.model()
        texts += [model.headerData(c, 1) for c in range(model.columnCount())]
        for r in range(min(model.rowCount(), 20)):
            texts += [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
    texts.append(window.register_page.detail.toPlainText())
    texts += [window.nav.item(i).text() for i in range(window.nav.count())]
    texts.append(window.windowTitle())
    return texts


@pytest.mark.gui
def test_main_window_in_chinese_shows_no_english(qtbot, qt_zh, app_ctx, small_community):
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.register_page.table.selectRow(0)
    english = [t for t in visible_texts(window) if t and ENGLISH_WORD.search(t.replace("English", ""))]
    assert not english, english
    assert "户籍登记" in visible_texts(window)


def qt_dialog_texts(dialog) -> list[str]:
    """The labels and buttons of one of Qt's own dialogs, shown or on a page a click away,
    without the shortcut marks (&)."""
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    return [t.replace("&", "") for t in texts if t]


@pytest.mark.gui
def test_qt_file_chooser_in_chinese_window_is_chinese(qtbot, qt_zh, tmp_path):
    """The file chooser as Linux shows it (Qt's own, not the system's): it said "Look in:" and
    "Files of type:" beside 文件名称 and 取消 (Qt 6.11's Chinese catalogue lacks the new spellings)."""
    from PySide6.QtWidgets import QFileDialog
    dialog = QFileDialog(None, "选择模板", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = qt_dialog_texts(dialog)
    assert {"查找范围(L)：", "文件名称(N)：", "文件类型(T)：", "取消"} <= set(texts), texts
    assert not [t for t in texts if ENGLISH_WORD.search(t.replace("Excel", "").replace(str(tmp_path), ""))]


@pytest.mark.gui
def test_qt_folder_chooser_says_what_each_entry_is_in_chinese(qtbot, qt_zh, tmp_path):
    """The folder chooser as Linux shows it (the USB stick, the street's folder): its 类型 column said "Folder"
    for every folder (Qt 6 asks a context its Chinese catalogue lacks)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QTreeView
    (tmp_path / "门神同步").mkdir()
    (tmp_path / "台账.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "选择U盘", str(tmp_path))
    dialog.setFileMode(QFileDialog.Directory)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    folder = model.index(str(tmp_path / "门神同步"))
    qtbot.waitUntil(lambda: folder.siblingAtColumn(2).data() is not None)
    assert model.headerData(2, Qt.Horizontal) == "类型"
    assert folder.siblingAtColumn(2).data() == "文件夹"


@pytest.mark.gui
def test_qt_message_box_buttons_in_chinese_window_are_chinese(qtbot, qt_zh):
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Question, "删除", "删除这户？", QMessageBox.Yes | QMessageBox.No)
    qtbot.addWidget(box)
    assert [box.button(b).text().replace("&", "") for b in (QMessageBox.Yes, QMessageBox.No)] == ["是(Y)", "否(N)"]


@pytest.mark.gui
@pytest.mark.qt_log_ignore("QPageSetupDialog: Cannot be used on non-native printers")
def test_qt_print_dialogs_in_chinese_window_are_chinese(qtbot, qt_zh):
    """The print dialog (a printer installed) and its page settings: "Page Set:", "Page order:",
    "Pages per sheet:" were English."""
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
    printer = QPrinter(QPrinter.HighResolution)
    printing, page_setup = QPrintDialog(printer), QPageSetupDialog(printer)
    for dialog in (printing, page_setup):
        qtbot.addWidget(dialog)
        texts = qt_dialog_texts(dialog)
        assert texts and not [t for t in texts if ENGLISH_WORD.search(t.replace("PDF", ""))], texts
    assert "页面组(S)：" in qt_dialog_texts(printing)
    assert "每张页数(P)：" in qt_dialog_texts(page_setup)


@pytest.mark.gui
def test_window_stays_chinese_when_its_catalogue_is_rewritten_while_it_runs(qtbot, qt_zh, tmp_path, monkeypatch):
    """Parts of a running window turned English after a while (seen twice): Qt read the .qm in
    place from the file, and resources/i18n/update.py (or a newer version copied over the
    program's folder) rewrote it under the open window; the lock dialog made after that said
    "The window was locked…", "Unlock", "Another person logs in", pages made later too."""
    from ui import i18n
    from ui.dialogs.login_dialog import LoginDialog
    shutil.copy(TS.with_suffix(".qm"), tmp_path / "menshen_zh_CN.qm")
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    i18n.install_language(qt_zh, "zh_CN")
    # The next version's catalogue, one string more, compiled over the same file as update.py does.
    newer = tmp_path / "newer.ts"
    newer.write_text(TS.read_text("utf-8").replace(
        "<context>", "<context>\n    <name>Added</name>\n    <message>\n        <source>A string added later"
        "</source>\n        <translation>后来加的一句</translation>\n    </message>\n</context>\n<context>", 1), "utf-8")
    i18n_update.compile_qm(newer, tmp_path / "menshen_zh_CN.qm")
    lock = LoginDialog(None, unlock_name="admin")
    qtbot.addWidget(lock)
    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in lock.findChildren(kind) if w.text()]
    assert "窗口长时间无人操作，已锁定。请输入密码继续。" in texts and {"解锁", "换人登录"} <= set(texts), texts
