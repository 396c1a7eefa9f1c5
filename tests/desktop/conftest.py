"""Fixtures for the register and search tests: a fresh database and Register per test."""
import pytest

from db.connection import Database
from desktop.idnumber import check_digit
from desktop.register import Register
from tests.conftest import new_database_file


@pytest.fixture
def db(tmp_path, empty_register):
    database = Database(new_database_file(empty_register, tmp_path / "t.db"), config_file=tmp_path / "site.json",
                        user_name="tester")
    yield database
    database.close()


@pytest.fixture
def reg(db):
    return Register(db)


@pytest.fixture
def make_id():
    """A valid resident ID for a birth date 'YYYYMMDD' and a three-digit order (odd: male)."""
    def make(born: str = "19900307", order: int = 123, region: str = "110105") -> str:
        first17 = f"{region}{born}{order:03d}"
        return first17 + check_digit(first17)
    return make
