"""Care and isolation tests run on the small hand-built community of tests/conftest.py."""
from datetime import date

import pytest

from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook

TODAY = date(2020, 2, 20)


@pytest.fixture
def care(app_ctx):
    return CareBook(app_ctx.db, app_ctx.register)


@pytest.fixture
def iso(app_ctx):
    return IsolationBook(app_ctx.db, app_ctx.register)


@pytest.fixture
def helper(care):
    return care.add_helper("刘楼长", "13912340000", "building_head")
