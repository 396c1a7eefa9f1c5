"""People on duty over the small hand-built community, with one gate."""
import pytest

from desktop.duty.people import DutyBook
from desktop.duty.roster import Roster


@pytest.fixture
def duty(app_ctx):
    return DutyBook(app_ctx.db)


@pytest.fixture
def roster(app_ctx):
    return Roster(app_ctx.db)


@pytest.fixture
def gate(app_ctx, small_community):
    from desktop.gate.checkpoints import add_checkpoint
    return add_checkpoint(app_ctx.db, "幸福里小区大门", small_community["compound"].id)


@pytest.fixture
def crew(duty, small_community):
    c = small_community["compound"]
    return {
        "张志愿": duty.add_person("张志愿", "13800000001", "volunteer", skills="驾驶", compound_id=c.id,
                                available="工作日晚上"),
        "李干部": duty.add_person("李干部", "13800000002", "sunk_cadre", unit_name="区财政局", compound_id=c.id),
        "王干部": duty.add_person("王干部", "13800000003", "sunk_cadre", unit_name="区财政局"),
        "赵网格": duty.add_person("赵网格", "13800000004", "grid_worker", unit_name="幸福里社区"),
    }
