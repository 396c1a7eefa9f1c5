"""The battle map's cells on screen: a house outside buildings shows the end of its address."""
import pytest
from PySide6.QtGui import QFontMetrics

from desktop.overview.battle_map import MapCompound, MapHousehold

pytestmark = pytest.mark.gui


def test_houses_on_a_street_are_told_apart_by_their_numbers(qtbot, qt_zh):
    """An old compound's 平房 at 红旗路平房4号 … 9号: each cell read 旗路平房 (cut both sides)."""
    from ui.widgets.battle_map_view import BattleMapView
    houses = tuple(MapHousehold(f"h{n}", f"红旗路平房{n}号", "healthy", 2, address=f"红旗路平房{n}号")
                   for n in range(4, 10))
    view = BattleMapView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.set_compound(MapCompound("c", "平房", "compound", (), houses, {}, {}))
    metrics = QFontMetrics(view.cell_font())
    shown = [view.cell_text(h, metrics) for h in houses]
    assert [s[-2:] for s in shown] == [f"{n}号" for n in range(4, 10)]      # each its own number
    assert all(metrics.horizontalAdvance(s) <= 44 for s in shown)            # within its cell
    assert view.cell_text(MapHousehold("r", "501", "healthy", 1), metrics) == "501"
    # The tooltip calls the head 户主, and a tenant of a household with no head 住户 (not 户主).
    tips = [view.describe(MapHousehold("r", "501", "healthy", 1, name, address="3栋1单元101", has_head=head))
            for name, head in (("张三", True), ("王租客", False))]
    assert "户主：张三" in tips[0] and "住户：王租客" in tips[1] and "户主" not in tips[1]
