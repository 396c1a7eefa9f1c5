import pytest


def hash_at_test_strength(monkeypatch, n: int = 2 ** 4) -> None:
    """The one switch that weakens passwords for a test: hashes are made at scrypt ``n`` and the
    floor a stored hash must reach to be tried (passwords.MIN_N) comes down to it, so they log
    in. Only these tests about who may do what use it; the floor is tested at its real height
    (test_accounts.py: test_an_account_whose_hash_was_written_below_the_floor_cannot_log_in)."""
    from desktop.accounts import passwords
    monkeypatch.setitem(passwords.hash_password.__kwdefaults__, "n", n)
    monkeypatch.setattr(passwords, "MIN_N", min(n, passwords.MIN_N))


@pytest.fixture
def accounts(app_ctx, small_community, monkeypatch):
    """The hand-built community with a real admin (the first run), a staff and a gate account;
    the test is logged in as the admin. Passwords are hashed at a test's strength (scrypt n=16
    instead of 16384: a fifth of a second less a test, times dozens; hash_at_test_strength):
    these tests are about who may do what; test_accounts.py's first test checks the strength the
    program hashes with, and the floor's test uses none of this."""
    from desktop.accounts import create_account, create_first_admin, login
    hash_at_test_strength(monkeypatch)
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    login(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "小王", "staff", "staff-pass")
    create_account(app_ctx.db, "老李", "gate", "gate-pass")
    return app_ctx


@pytest.fixture
def inline_runner():
    from ui.workers.task import InlineRunner, use_runner
    runner = InlineRunner()
    old = use_runner(runner)
    yield runner
    use_runner(old)
