"""The gate's forms as a guard and a scanner drive them: what the form says about the next
person's scan, a visitor's car plate, and the scanner's Enter in the visitor's ID number field."""
import pytest

from tests.conftest import type_text
from tests.ui.test_gate_keys import log, qr_of, screen  # noqa: F401  (screen: the fixture)
from tests.ui.test_gate_scanner import end, keys
from ui.gate.dialogs import VisitorDialog

pytestmark = pytest.mark.gui


def visitor_form(qtbot, app_ctx, screen):
    dialog = VisitorDialog(app_ctx.db, None, screen)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_form_says_whether_the_next_person_showed_a_pass_or_an_id_card(qtbot, screen, app_ctx,
                                                                         small_community):
    """李梅's ID card scanned while the visitor form had the keyboard: the form said 「下一位的出入证
    已扫到」, and the guard looked for a pass nobody had shown. It says what was scanned."""
    li, zhang = small_community["people"]["李梅"], small_community["people"]["张三"]
    qr = qr_of(app_ctx, person=zhang)
    dialog = visitor_form(qtbot, app_ctx, screen)
    held = []
    dialog.scanned.connect(held.append)
    type_text(dialog.reason, "送药")
    keys(dialog.reason, li.id_number)
    end(dialog.reason)
    said = dialog.scan_label.text()
    assert dialog.scan_label.isVisible() and "身份证号" in said and "出入证" not in said and "1" in said
    keys(dialog.reason, qr)
    end(dialog.reason)
    said = dialog.scan_label.text()
    assert "出入证" in said and "身份证号" not in said and "2" in said
    assert dialog.isVisible() and dialog.reason.text() == "送药" and held == [li.id_number, qr]
