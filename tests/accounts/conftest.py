import pytest


@pytest.fixture
def accounts(app_ctx, small_community, monkeypatch):
    """The hand-built community with a real admin (the first run), a staff and a gate account;
    the test is logged in as the admin. Passwords are hashed at a test's strength (scrypt n=16
    instead of 16384: a fifth of a second less a test, times dozens): these tests are about who
    may do what; test_accounts.py's first test checks the strength the program hashes with."""
    from desktop.accounts import create_account, create_first_admin, login, passwords
    monkeypatch.setitem(passwords.hash_password.__kwdefaults__, "n", 2 ** 4)
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
