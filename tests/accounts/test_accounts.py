"""Accounts: scrypt hashes, the first admin, resets, disabling, and the slow-down after failures."""
import pytest

from desktop.accounts import (ADMIN, LoginRefused, PermissionDenied, create_account, create_first_admin,
                              has_accounts, initial_actor, list_accounts, login, login_required,
                              reset_password, set_disabled, verify)
from desktop.accounts.passwords import check_password, hash_password
from desktop.accounts.store import delay_after, failures
from desktop.errors import InputError
from tests.accounts.conftest import hash_at_test_strength


def test_a_hash_is_scrypt_with_its_own_salt_and_parameters():
    one, two = hash_password("same-password"), hash_password("same-password")
    assert one.startswith("scrypt$16384$8$1$") and one != two          # a salt of its own
    assert check_password("same-password", one) and not check_password("other", one)
    assert not check_password("same-password", "plain text") and not check_password("x", None)


def test_the_stored_row_holds_no_password(accounts):
    with accounts.db.reading() as conn:
        hashes = [r[0] for r in conn.execute("SELECT password_hash FROM account")]
        dump = "\n".join(conn.iterdump())
    assert len(hashes) == 3 and all(h.startswith("scrypt$") for h in hashes)
    assert "staff-pass" not in dump and "gate-pass" not in dump


def test_the_first_admin_is_made_once_then_a_login_is_required(app_ctx):
    assert not has_accounts(app_ctx.db) and initial_actor(app_ctx.db).role == ADMIN
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    assert login_required(app_ctx.db) and initial_actor(app_ctx.db).role == ""
    with pytest.raises(InputError, match="已经有账号"):
        create_first_admin(app_ctx.db, "别人", "other-pass")


def test_a_short_password_or_a_second_account_of_a_name_is_refused(accounts):
    with pytest.raises(InputError, match="至少要6位"):
        create_account(accounts.db, "新人", "staff", "12345")
    with pytest.raises(InputError, match="已经有叫“小王”"):
        create_account(accounts.db, "小王", "gate", "another-pass")


def test_the_admin_resets_another_password_and_staff_cannot(accounts):
    reset_password(accounts.db, "小王", "new-staff-pass")
    with pytest.raises(LoginRefused):
        verify(accounts.db, "小王", "staff-pass")
    login(accounts.db, "小王", "new-staff-pass")
    with pytest.raises(PermissionDenied, match="小王.*管理账号"):
        reset_password(accounts.db, "老李", "taken-over")
    with pytest.raises(PermissionDenied):
        list_accounts(accounts.db)


def test_a_disabled_account_cannot_log_in_and_the_last_admin_stays(accounts):
    set_disabled(accounts.db, "老李", True)
    with pytest.raises(LoginRefused, match="已被停用"):
        verify(accounts.db, "老李", "gate-pass")
    with pytest.raises(InputError, match="不能停用自己"):
        set_disabled(accounts.db, "书记", True)
    assert [a.name for a in list_accounts(accounts.db) if a.disabled] == ["老李"]


def test_repeated_failures_slow_down_per_name_without_sleeping(accounts):
    clock = [1000.0]
    now = lambda: clock[0]                                  # noqa: E731
    for _ in range(3):                                      # typing slips: no wait yet
        with pytest.raises(LoginRefused, match="请再试一次") as e:
            verify(accounts.db, "小王", "wrong", clock=now)
        assert e.value.wait == 0
    with pytest.raises(LoginRefused, match="2秒后再试"):
        verify(accounts.db, "小王", "wrong", clock=now)
    # Even the right password is not looked at before the wait is over.
    with pytest.raises(LoginRefused, match="太多"):
        verify(accounts.db, "小王", "staff-pass", clock=now)
    clock[0] += 2
    with pytest.raises(LoginRefused, match="4秒后再试"):
        verify(accounts.db, "小王", "wrong", clock=now)
    assert failures(accounts.db, "小王")[0] == 5
    assert failures(accounts.db, "老李")[0] == 0            # another name is not slowed
    clock[0] += 4
    assert verify(accounts.db, "小王", "staff-pass", clock=now).name == "小王"
    assert failures(accounts.db, "小王")[0] == 0
    assert [delay_after(n) for n in (3, 4, 5, 6, 20)] == [0, 2, 4, 8, 300]


def test_an_unknown_name_is_refused_like_a_wrong_password(accounts):
    with pytest.raises(LoginRefused) as unknown:
        verify(accounts.db, "没有这人", "whatever")
    with pytest.raises(LoginRefused) as wrong:
        verify(accounts.db, "小王", "whatever")
    assert unknown.value.message == wrong.value.message


def test_an_unknown_name_costs_the_same_hashing_as_a_wrong_password(accounts, monkeypatch):
    """Whoever times logins cannot tell which account names exist: an unknown name is checked
    against a hash of the strength passwords are stored at (it was checked at n=16, an answer
    at once, where a real account costs a full scrypt)."""
    import hashlib
    from desktop.accounts import create_account
    hash_at_test_strength(monkeypatch, 2 ** 10)
    create_account(accounts.db, "老张", "staff", "zhang-pass")
    work = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: work.append(k["n"]) or real(*a, **k))
    for name in ("老张", "没有这人", "也没有"):
        with pytest.raises(LoginRefused):
            verify(accounts.db, name, "whatever")
    assert work[0] == 2 ** 10 and set(work) == {2 ** 10}


def test_an_account_whose_hash_was_written_below_the_floor_cannot_log_in(app_ctx, tmp_path, monkeypatch, capsys):
    """A hash records its own scrypt n, and any n >= 2 was checked: one written into the register
    at n=16 (by anyone with write access to the file) let that password in, and a copy of the file
    gives it up to a guesser at once. Refused now, never tried, at the real floor (no test switch):
    the login says what is wrong and that an admin's reset mends it; the reset does."""
    import hashlib

    from desktop.accounts import passwords
    from desktop.accounts.store import WeakHash
    from desktop.cli import main
    with monkeypatch.context() as quick:       # the admin never logs in here: made at a test's strength
        quick.setitem(passwords.hash_password.__kwdefaults__, "n", 16)
        create_first_admin(app_ctx.db, "书记", "admin-pass")
        create_account(app_ctx.db, "小王", "staff", "staff-pass")
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE account SET password_hash = ? WHERE name = '小王'",
                     (hash_password("staff-pass", n=16),))
    tried = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: tried.append(k["n"]) or real(*a, **k))
    with pytest.raises(WeakHash) as refused:
        verify(app_ctx.db, "小王", "staff-pass")
    said = refused.value.message
    assert f"n=16，至少要 n={passwords.MIN_N}" in said and "太弱" in said, said
    assert "找管理员" in said and "重设密码" in said and refused.value.wait == 0
    assert 16 not in tried and failures(app_ctx.db, "小王")[0] == 0    # never tried, not the typist's fault
    monkeypatch.setenv("MENSHEN_PASSWORD", "staff-pass")                 # the command line says the same
    assert main(["export", "register", "--db", str(app_ctx.db.path), "--to", str(tmp_path / "r.xlsx"),
                 "--user", "小王"]) == 3
    err = capsys.readouterr().err
    assert "太弱" in err and "重设密码" in err and "Traceback" not in err and not (tmp_path / "r.xlsx").exists()
    reset_password(app_ctx.db, "小王", "new-staff-pass")                 # what the message asks for
    assert verify(app_ctx.db, "小王", "new-staff-pass").name == "小王"


def test_the_only_admin_refused_as_too_weak_gets_back_in_with_the_sync_passphrase(app_ctx, tmp_path, monkeypatch,
                                                                                  capsys, quick_kdf):
    """The only admin's hash below the floor (or forgotten): nobody could log in to reset it, and
    the refusal sent them to an admin, i.e. to themselves. The login now names the way back, and
    ``menshen account reset-admin`` sets the password with the community's sync passphrase (the
    admin's secret on paper; only its check is kept here): a wrong one or a staff account's name
    changes nothing."""
    from desktop.accounts.store import WeakHash
    from desktop.cli import main
    from desktop.first_run import set_sync_passphrase
    phrase = "幸福里 门岗 同步 口令"
    set_sync_passphrase(app_ctx.db, phrase, phrase)
    with monkeypatch.context() as quick:
        quick.setitem(hash_password.__kwdefaults__, "n", 16)
        create_first_admin(app_ctx.db, "书记", "admin-pass")
        create_account(app_ctx.db, "小王", "staff", "staff-pass")
    with app_ctx.db.transaction() as conn:      # every account below the floor: the admin's too
        conn.execute("UPDATE account SET password_hash = ?", (hash_password("admin-pass", n=16),))
    with pytest.raises(WeakHash) as refused:
        verify(app_ctx.db, "书记", "admin-pass")
    assert "同步口令" in refused.value.message and "reset-admin" in refused.value.message
    with pytest.raises(WeakHash) as staff:
        verify(app_ctx.db, "小王", "admin-pass")
    assert "reset-admin" not in staff.value.message         # a staff account: its admin resets it
    db = str(app_ctx.db.path)
    (tmp_path / "p.txt").write_text("wrong words for the sync\n", "utf-8")
    monkeypatch.setenv("MENSHEN_NEW_PASSWORD", "new-admin-pass")
    with app_ctx.db.reading() as conn:
        before = conn.execute("SELECT password_hash FROM account ORDER BY name").fetchall()
    assert main(["account", "reset-admin", "书记", "--db", db, "--passphrase-file", str(tmp_path / "p.txt")]) == 3
    assert "同步口令不对" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", phrase)
    assert main(["account", "reset-admin", "小王", "--db", db]) == 3
    assert "不是管理员账号" in capsys.readouterr().err
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT password_hash FROM account ORDER BY name").fetchall() == before
    assert main(["account", "reset-admin", "书记", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "已用同步口令重设管理员账号“书记”的密码" in out and not err
    assert verify(app_ctx.db, "书记", "new-admin-pass").role == ADMIN       # who then resets the others
    with app_ctx.db.reading() as conn:          # the audit's 密码设置人 says how it was set
        assert conn.execute("SELECT password_set_by FROM account WHERE name = '书记'").fetchone()[0] == "书记（用同步口令）"


def test_no_admin_is_reset_without_a_kept_check_and_an_export_keeps_one_another_machine_uses(
        app_ctx, tmp_path, monkeypatch, capsys, quick_kdf, empty_register):
    """A register that never set or used its sync passphrase cannot tell a right one: refused,
    and said what to do instead (another machine's admin, or a backup). A passphrase given once
    to ``menshen sync export`` was kept from the first export: a slip in it was locked in, the
    paper's words refused from then on, with no way to replace the check. Now an export keeps
    the check once another machine uses the passphrase (its package beside ours opens with
    it), and the only admin has the way back."""
    from db.connection import Database
    from desktop.cli import main
    from desktop.first_run import passphrase_matches
    from desktop.sync.exchange import export_package, import_packages
    from tests.conftest import new_database_file
    hash_at_test_strength(monkeypatch)
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    db = str(app_ctx.db.path)
    phrase = "幸福里 门岗 同步 口令"
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", phrase)
    monkeypatch.setenv("MENSHEN_NEW_PASSWORD", "new-admin-pass")
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    stick = tmp_path / "stick"
    stick.mkdir()

    def export(words: str) -> int:
        monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", words)
        return main(["sync", "export", "--db", db, "--to", str(stick), "--user", "书记"])
    assert main(["account", "reset-admin", "书记", "--db", db]) == 3
    err = capsys.readouterr().err
    assert "没有保存同步口令的校验" in err and "另一台同步过的电脑" in err and "备份" in err, err
    assert verify(app_ctx.db, "书记", "admin-pass").name == "书记"
    assert export("幸福里 门岗 同步 口今") == 0                  # a slip, given once
    assert passphrase_matches(app_ctx.db, "幸福里 门岗 同步 口今") is None       # not locked in
    # Sent a package, still no check: the refusal says what is true (nothing received), not
    # "never synced here", which a clerk who just synced reads as a mistake.
    assert main(["account", "reset-admin", "书记", "--db", db]) == 3
    err = capsys.readouterr().err
    assert "没有收到过别的电脑用这个口令做的同步包" in err and "用它同步过" not in err, err
    assert export(phrase) == 0                                  # the paper's words: not refused
    assert passphrase_matches(app_ctx.db, phrase) is None       # no other machine has it yet
    gate = Database(new_database_file(empty_register, tmp_path / "gate.db"), config_file=tmp_path / "gate.json")
    try:
        assert import_packages(gate, stick, phrase).packages == 1     # the gate joins with it
        export_package(gate, stick, phrase)
    finally:
        gate.close()
    assert export(phrase) == 0
    assert passphrase_matches(app_ctx.db, phrase) is True
    assert passphrase_matches(app_ctx.db, "别的 口令 不是 这个") is False     # a later export with it is refused
    capsys.readouterr()
    assert main(["account", "reset-admin", "书记", "--db", db]) == 0
    assert "已用同步口令重设管理员账号“书记”的密码" in capsys.readouterr().out
    assert verify(app_ctx.db, "书记", "new-admin-pass").role == ADMIN


def test_wrong_sync_passphrases_slow_down_and_a_disabled_admin_is_enabled_again(accounts, monkeypatch, capsys,
                                                                               quick_kdf):
    """The way back, tried with wrong passphrases: said plainly, then a wait as after wrong
    passwords (even the right one waits: nothing is tried before). An admin disabled (here by
    the other admin; or by a sync) was given a new password and stayed disabled, still locked
    out: the reset enables the admin it resets, and says so. The reset logs no one in."""
    from desktop.accounts import actor_of, create_account
    from desktop.accounts.store import reset_admin_by_sync_passphrase
    from desktop.audit import audit_trail
    from desktop.cli import main
    from desktop.first_run import set_sync_passphrase
    phrase = "幸福里 门岗 同步 口令"
    set_sync_passphrase(accounts.db, phrase, phrase)
    admin_id = accounts.db.actor.account_id
    create_account(accounts.db, "老张", ADMIN, "other-admin-pass")
    login(accounts.db, "老张", "other-admin-pass")
    set_disabled(accounts.db, "书记", True)
    now = [1000.0]
    with pytest.raises(InputError) as empty:      # Enter before the passphrase: not a try
        reset_admin_by_sync_passphrase(accounts.db, "书记", " ", "new-admin-pass", clock=lambda: now[0])
    assert "请输入同步口令" in empty.value.message
    for attempt in range(1, 5):
        with pytest.raises(InputError) as wrong:
            reset_admin_by_sync_passphrase(accounts.db, "书记", "幸福里 门卫 同步 口令", "new-admin-pass",
                                           "new-admin-pass", clock=lambda: now[0])
        assert "同步口令不对，管理员密码没有改" in wrong.value.message
        assert ("2秒后再试" in wrong.value.message) == (attempt == 4), wrong.value.message
    with pytest.raises(InputError) as waiting:
        reset_admin_by_sync_passphrase(accounts.db, "书记", phrase, "new-admin-pass", "new-admin-pass",
                                       clock=lambda: now[0] + 1)
    assert "次数太多，请1秒后再试" in waiting.value.message
    with pytest.raises(LoginRefused) as disabled:
        verify(accounts.db, "书记", "admin-pass")
    assert disabled.value.message == "账号“书记”已被停用，请找管理员。"       # 老张 can enable it
    with accounts.db.transaction() as conn:     # 老张 disabled on another machine too: no admin left
        conn.execute("UPDATE account SET disabled = 1 WHERE name = '老张'")
    with pytest.raises(LoginRefused) as alone:
        verify(accounts.db, "书记", "admin-pass")
    assert "没有能登录的管理员" in alone.value.message and "忘记密码？" in alone.value.message
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", phrase)      # the command line: after the wait
    monkeypatch.setenv("MENSHEN_NEW_PASSWORD", "new-admin-pass")
    assert main(["account", "reset-admin", "书记", "--db", str(accounts.db.path)]) == 0
    assert "原来已停用，现在重新启用了" in capsys.readouterr().out
    assert verify(accounts.db, "书记", "new-admin-pass").role == ADMIN
    assert reset_admin_by_sync_passphrase(accounts.db, "书记", phrase, "newer-admin-pass", "newer-admin-pass") is False
    assert actor_of(accounts.db).name == "老张"                  # the reset logged no one in
    changes = {(e.user_name, e.what, e.old, e.new) for e in audit_trail(accounts.db) if e.row_id == admin_id}
    assert {("书记", "account.disabled", "1", "0"), ("书记", "account.password_set_by", "书记",
                                                   "书记（用同步口令）")} <= changes       # the audit says who and how


def test_accounts_replicate_and_failures_stay_on_the_machine():
    from db.sync.registry import SYNC_TABLES
    assert "account" in SYNC_TABLES and "login_failure" not in SYNC_TABLES


def test_the_demo_has_one_account_of_each_role_and_needs_no_login(tmp_path):
    from desktop.accounts import DEMO_ACCOUNTS, is_demo
    from desktop.accounts.session import demo_accounts_shown
    from desktop.app import open_app
    from desktop.demo import make_demo_database
    make_demo_database(tmp_path / "demo.db", households=3, days=1)
    app = open_app(tmp_path / "demo.db")
    try:
        assert is_demo(app.db) and not login_required(app.db) and app.db.actor.implicit
        assert {r for _, r, _ in demo_accounts_shown(app.db)} == {"admin", "staff", "gate"}
        for name, role, password in DEMO_ACCOUNTS:
            assert verify(app.db, name, password).role == role
        reset_password(app.db, "gate", "changed-now")       # a changed password is no longer shown
        assert "gate" not in [n for n, _, _ in demo_accounts_shown(app.db)]
    finally:
        app.close()


def test_the_idle_lock_is_the_admins_setting_for_this_machine(accounts):
    from desktop.accounts import PermissionDenied
    from desktop.accounts.session import idle_lock_minutes, set_idle_lock_minutes
    assert idle_lock_minutes(accounts.db) == 10
    assert set_idle_lock_minutes(accounts.db, "30") == 30 and idle_lock_minutes(accounts.db) == 30
    for bad in ("-1", "241", "半小时"):
        with pytest.raises(InputError, match="锁定时间"):
            set_idle_lock_minutes(accounts.db, bad)
    assert idle_lock_minutes(accounts.db) == 30
    login(accounts.db, "小王", "staff-pass")
    with pytest.raises(PermissionDenied):
        set_idle_lock_minutes(accounts.db, 0)
    assert idle_lock_minutes(accounts.db) == 30
