"""The office's red header (红头) typed once on the paper page prints on the built-in notices
(issue 13, point 8)."""
import pytest
from PySide6.QtCore import Qt

from tests.conftest import type_text
from tests.printing.conftest import page_texts, squeeze
from tests.ui.test_paper_page import choose_template, page, wait_idle  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


def test_the_office_masthead_typed_on_the_paper_page_heads_the_built_in_notice(qtbot, page, tmp_path):
    page.select_form("notice")
    assert page.office_masthead.isVisibleTo(page)
    choose_template(page, "封闭管理通知（张贴）")
    type_text(page.office_masthead, "幸福里社区居民委员会文件")
    qtbot.keyClick(page.office_masthead, Qt.Key_Return)
    page.preview()
    wait_idle(qtbot, page)
    assert page.preview_path is not None
    assert squeeze(page_texts(page.preview_path)[0]).startswith("幸福里社区居民委员会文件关于")
    page.grab().save(str(tmp_path / "paper_masthead.png"))
    page.select_form("passes")
    assert not page.office_masthead.isVisibleTo(page)
