"""An encrypted register opened by the login alone (issue 16 §5): the key file beside it holds
the file's key sealed per account; no passphrase is kept in the environment or typed daily."""
import pytest
from PySide6.QtCore import Qt

from db import driver
from desktop.accounts import keyring, passwords
from desktop.accounts.unlock import PassphraseNeeded, PasswordChangedElsewhere, open_with_login
from desktop.accounts import LoginRefused, create_account, create_first_admin, login, reset_password, set_disabled
from desktop.app import open_app
from tests.backup.conftest import add_people
from tests.backup.test_at_rest import damage_encrypted
from tests.conftest import copy_made, made_once, type_text

FILE_PASSPHRASE = "幸福里 数据 口令 2026"


def _with_accounts(path):
    app = open_app(path)
    create_first_admin(app.db, "书记", "admin-pass")
    login(app.db, "书记", "admin-pass")
    create_account(app.db, "小王", "staff", "staff-pass")
    add_people(app, ["张三", "李梅"])
    return app


@pytest.fixture(scope="session")
def made_encrypted(tmp_path_factory):
    return made_once(tmp_path_factory.mktemp("encrypted"), lambda path: _with_accounts(path).close(),
                     **{driver.KEY_ENV: FILE_PASSPHRASE})


@pytest.fixture
def encrypted(made_encrypted, tmp_path, menshen_home, monkeypatch):
    """An encrypted register made with the data file's passphrase, an admin and a staff account
    made on it (so both have their key here), people in it; the passphrase is not set. Made
    once (its key derivations take a second), each test has a copy, and the wrong tries this
    process counts before a file is open are this test's alone."""
    from desktop.accounts import unlock
    monkeypatch.setattr(unlock, "_failures", {})
    return copy_made(made_encrypted, tmp_path, menshen_home)


def _people(app) -> set[str]:
    with app.db.reading() as conn:
        return {r[0] for r in conn.execute("SELECT full_name FROM person WHERE is_deleted = 0")}


def test_the_login_alone_opens_an_encrypted_register(encrypted):
    assert driver.is_encrypted(encrypted)
    with pytest.raises(driver.KeyRequiredError):
        open_app(encrypted)                               # no key anywhere: refused
    app = open_with_login(encrypted, "小王", "staff-pass")
    try:
        assert app.db.actor.name == "小王" and app.db.actor.role == "staff"
        assert _people(app) == {"张三", "李梅"}
    finally:
        app.close()
    # The key file: owner-only, one entry per account, no password, no key, no resident in it.
    keys = keyring.key_file(encrypted)
    text = keys.read_text("utf-8")
    assert set(keyring.names(encrypted)) == {"小王", "书记"}
    assert "staff-pass" not in text and "admin-pass" not in text and "张三" not in text
    raw = driver.derive_key(FILE_PASSPHRASE, driver.file_salt(encrypted)).key
    assert raw.hex() not in text and raw not in keys.read_bytes()
    assert keys.stat().st_mode & 0o077 == 0


def test_a_wrong_password_or_an_unknown_name_is_refused_alike_and_slows_down(encrypted):
    clock = [1000.0]
    for name in ("小王", "没有这人"):
        with pytest.raises(PassphraseNeeded) as info:
            open_with_login(encrypted, name, "not-it", clock=lambda: clock[0])
        assert "账号名或密码不对" in info.value.message
    for _ in range(3):
        with pytest.raises(LoginRefused):
            open_with_login(encrypted, "小王", "not-it", clock=lambda: clock[0])
    with pytest.raises(LoginRefused) as info:                   # the 5th failure in a row waits
        open_with_login(encrypted, "小王", "staff-pass", clock=lambda: clock[0])
    assert "秒后再试" in info.value.message
    clock[0] += 400
    open_with_login(encrypted, "小王", "staff-pass", clock=lambda: clock[0]).close()


def test_an_account_without_a_key_here_opens_once_with_the_data_file_passphrase(encrypted, monkeypatch):
    keyring.key_file(encrypted).unlink()                         # a key file lost, or never made here
    with pytest.raises(PassphraseNeeded) as info:
        open_with_login(encrypted, "书记", "admin-pass")
    assert "数据文件的口令" in info.value.message
    with pytest.raises(PassphraseNeeded) as info:
        open_with_login(encrypted, "书记", "admin-pass", file_passphrase="不对的口令")
    assert "口令不对" in info.value.message
    open_with_login(encrypted, "书记", "admin-pass", file_passphrase=FILE_PASSPHRASE).close()
    app = open_with_login(encrypted, "书记", "admin-pass")     # from now on the login alone
    app.close()
    assert keyring.names(encrypted) == ["书记"]


def test_wrong_data_file_passphrases_wait_whatever_name_is_typed_beside_them(encrypted, monkeypatch):
    """Wrong data file passphrases at the login were counted by the account name typed beside
    them: a new name on each try (any name: the passphrase alone opens the file) never waited.
    They count under the data file now, together with 忘记密码？'s: three slips free, then 2 s,
    4 s …, and a try during the wait is refused untried, even the right passphrase."""
    from desktop.accounts.store import SecretRefused
    from desktop.accounts.unlock import reset_admin_in_file
    # The file's key derived at the lowest scrypt cost: every passphrase is a wrong one then, a
    # quarter second less each (the right one below is refused before it is derived).
    monkeypatch.setattr(driver, "SCRYPT_N", 2)
    clock = [1000.0]
    wrong = "幸福里 数据 口令 2025"

    def log_in(name, passphrase):
        with pytest.raises(PassphraseNeeded) as info:
            open_with_login(encrypted, name, "not-it", file_passphrase=passphrase, clock=lambda: clock[0])
        return info.value

    def reset(passphrase):
        with pytest.raises(SecretRefused) as info:
            reset_admin_in_file(encrypted, passphrase, "书记", "同步 口令", "new-pass", "new-pass",
                                clock=lambda: clock[0])
        return info.value
    for refused in (log_in("甲", wrong), reset(wrong), log_in("乙", wrong)):
        assert "数据文件的口令不对" in refused.message and refused.wait == 0
    refused = log_in("丙", wrong)                                 # the fourth, under a fourth name
    assert "数据文件的口令不对" in refused.message and "2秒后再试" in refused.message and refused.wait == 2
    clock[0] += 1
    for refused in (log_in("丁", FILE_PASSPHRASE), reset(FILE_PASSPHRASE)):
        assert "数据文件的口令输错的次数太多，请1秒后再试" in refused.message and refused.wait == 1


def test_a_password_changed_on_another_machine_needs_the_old_and_the_new_once(encrypted):
    keys = keyring.key_file(encrypted)
    this_machine = keys.read_bytes()
    app = open_with_login(encrypted, "书记", "admin-pass")
    reset_password(app.db, "小王", "new-staff-pass")            # as a sync would bring it here
    app.close()
    keys.write_bytes(this_machine)                             # … while this key file stayed as it was
    with pytest.raises(PassphraseNeeded):
        open_with_login(encrypted, "小王", "new-staff-pass")    # the entry here knows only the old one
    with pytest.raises(PasswordChangedElsewhere) as info:
        open_with_login(encrypted, "小王", "staff-pass")        # the old one alone never logs in
    assert "新密码" in info.value.message
    with pytest.raises(LoginRefused):
        open_with_login(encrypted, "小王", "staff-pass", new_password="guessed")
    app = open_with_login(encrypted, "小王", "staff-pass", new_password="new-staff-pass")
    assert app.db.actor.name == "小王"
    app.close()
    open_with_login(encrypted, "小王", "new-staff-pass").close()
    with pytest.raises(LoginRefused):
        open_with_login(encrypted, "小王", "staff-pass")


def test_reset_disable_and_new_accounts_keep_the_key_file_in_step(encrypted):
    """(The admin's reset at the login, 忘记密码？, keeps it in step too: the window's test below.)"""
    from desktop.accounts.unlock import reset_admin_in_file
    from desktop.errors import InputError
    with pytest.raises(InputError, match="请先输入数据文件的口令"):
        reset_admin_in_file(encrypted, "", "书记", "幸福里 门岗 同步 口令", "new-admin-pass", "new-admin-pass")
    app = open_with_login(encrypted, "书记", "admin-pass")
    try:
        reset_password(app.db, "小王", "reset-pass")
        create_account(app.db, "老李", "gate", "gate-pass")
        set_disabled(app.db, "老李", True)
    finally:
        app.close()
    assert set(keyring.names(encrypted)) == {"小王", "书记"}
    open_with_login(encrypted, "小王", "reset-pass").close()
    with pytest.raises(LoginRefused):
        open_with_login(encrypted, "小王", "staff-pass")
    with pytest.raises(LoginRefused):
        open_with_login(encrypted, "老李", "gate-pass")


def test_an_entry_does_not_open_another_name_or_another_file(encrypted, tmp_path):
    import json
    keys = keyring.key_file(encrypted)
    data = json.loads(keys.read_text("utf-8"))
    data["entries"]["冒名"] = data["entries"]["小王"]               # copied under another name
    keys.write_text(json.dumps(data), "utf-8")
    assert keyring.unlock(encrypted, "冒名", "staff-pass") is None
    assert keyring.unlock(encrypted, "小王", "staff-pass") is not None
    keys.write_text("not json", "utf-8")                          # a damaged key file: the passphrase still opens
    assert keyring.unlock(encrypted, "小王", "staff-pass") is None
    open_with_login(encrypted, "小王", "staff-pass", file_passphrase=FILE_PASSPHRASE).close()


def test_the_command_line_user_opens_an_encrypted_register(encrypted, tmp_path, monkeypatch, capsys):
    from desktop.cli import main
    monkeypatch.setenv("MENSHEN_PASSWORD", "staff-pass")
    assert main(["export", "register", "--db", str(encrypted), "--to", str(tmp_path / "r.xlsx"),
                 "--user", "小王"]) == 0
    assert (tmp_path / "r.xlsx").exists()
    monkeypatch.setenv("MENSHEN_PASSWORD", "wrong")
    assert main(["export", "register", "--db", str(encrypted), "--to", str(tmp_path / "s.xlsx"),
                 "--user", "小王"]) == 3
    err = capsys.readouterr().err
    assert "密码不对" in err and "Traceback" not in err and not (tmp_path / "s.xlsx").exists()


def _sealed_weakly(db_path, name: str, password: str, n: int) -> None:
    """``name``'s entry sealed anew at scrypt ``n`` (a key file edited down, or written by another
    tool): a real entry, that the password would open."""
    import base64
    import json
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    key = keyring.unlock(db_path, name, password)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(keyring._sealing_key(password, salt, n, keyring.R, keyring.P)).encrypt(
        nonce, key.key, keyring._bound(name, key.salt))
    path = keyring.key_file(db_path)
    data = json.loads(path.read_text("utf-8"))
    data["entries"][name].update(n=n, salt=base64.b64encode(salt).decode(), nonce=base64.b64encode(nonce).decode(),
                                 sealed=base64.b64encode(sealed).decode())
    path.write_text(json.dumps(data), "utf-8")


def test_a_key_entry_sealed_below_the_programs_strength_is_refused_and_said(encrypted, monkeypatch, capsys):
    """An entry records its own scrypt n, and any n >= 2 was used: one edited down to n=16 opened
    the file, and a stolen copy of it gives its password up at once. Refused now, never tried; the
    data file's passphrase opens the file and the login seals the entry again at full strength."""
    import json

    from desktop.cli import main
    _sealed_weakly(encrypted, "小王", "staff-pass", n=16)
    with pytest.raises(PassphraseNeeded) as info:
        open_with_login(encrypted, "小王", "staff-pass")
    said = info.value.message
    assert "钥匙太弱" in said and "n=16" in said and f"至少要 n={passwords.MIN_N}" in said, said
    assert "数据文件的口令" in said and info.value.wait == 0
    with pytest.raises(keyring.WeakEntry):
        keyring.unlock(encrypted, "小王", "staff-pass")
    monkeypatch.setenv("MENSHEN_PASSWORD", "staff-pass")         # the command line's restore says it too
    assert main(["backup", "restore", "--db", str(encrypted), "--user", "小王"]) == 3
    err = capsys.readouterr().err
    assert "钥匙太弱" in err and driver.KEY_ENV in err and "Traceback" not in err
    open_with_login(encrypted, "小王", "staff-pass", file_passphrase=FILE_PASSPHRASE).close()
    assert json.loads(keyring.key_file(encrypted).read_text("utf-8"))["entries"]["小王"]["n"] == keyring.N


# -- the window ------------------------------------------------------------------------------
def _type_login(qtbot, dialog, name, password):
    type_text(dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key_Return)


def test_the_window_login_opens_the_file_and_asks_for_the_passphrase_only_when_needed(qtbot, qt_zh, encrypted,
                                                                                        monkeypatch):
    """The passphrase is asked when this account has no key here. Wrong ones wait as wrong
    passwords do: the 登录 button greyed, counting down (it only said the wait before)."""
    from PySide6.QtWidgets import QDialogButtonBox
    from ui.dialogs.login_dialog import LoginDialog
    keyring.forget(encrypted, "书记")
    dialog = LoginDialog(None, path=encrypted)
    qtbot.addWidget(dialog)
    clock = [1000.0]
    dialog.clock = lambda: clock[0]
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    dialog.show()
    assert not dialog.passphrase.isVisible() and not dialog.new_password.isVisible()
    _type_login(qtbot, dialog, "书记", "admin-pass")
    assert dialog.isVisible() and dialog.passphrase.isVisible() and dialog.focusWidget() is dialog.passphrase
    assert "数据文件的口令" in dialog.message.text()
    full_cost = driver.SCRYPT_N
    monkeypatch.setattr(driver, "SCRYPT_N", 2)              # wrong ones at the lowest cost
    for tries in range(1, 5):
        if tries > 1:                                       # a refusal clears what was typed
            qtbot.keyClicks(dialog.password, "admin-pass")
        type_text(dialog.passphrase, "幸福里 数据 口令 2025")
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
        said = dialog.message.text()
        assert "数据文件的口令不对" in said and ("2秒后再试" in said) == (tries == 4)
        assert ok.isEnabled() == (tries < 4) and ok.text() == ("2秒后再试" if tries == 4 else "登录")
    monkeypatch.setattr(driver, "SCRYPT_N", full_cost)
    clock[0] += 2.0
    qtbot.waitUntil(ok.isEnabled, timeout=1000)
    assert ok.text() == "登录"
    qtbot.keyClicks(dialog.password, "admin-pass")
    type_text(dialog.passphrase, FILE_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
    assert dialog.result() == LoginDialog.Accepted
    assert dialog.app.db.actor.name == "书记" and _people(dialog.app) == {"张三", "李梅"}
    dialog.app.close()


def test_forgot_password_on_an_encrypted_register_waits_after_wrong_data_file_passphrases(
        qtbot, qt_zh, encrypted, quick_kdf, monkeypatch):
    """忘记密码？ on an encrypted register not open yet asks the data file's passphrase first. Wrong
    ones were refused with no wait but the key derivation's 0.1 s, while the login's wrong tries
    wait longer each time: they now wait as the login's do (three slips free, then 2 s, 4 s …),
    the button greyed and saying how long while the window goes on (no sleep). The right one
    then opens the file and the key here is sealed for the new password (what the login opens
    it with)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox
    from desktop.first_run import set_sync_passphrase
    from ui.dialogs.login_reset_dialog import ResetAdminDialog
    phrase = "幸福里 门岗 同步 口令"
    app = open_with_login(encrypted, "书记", "admin-pass")
    try:
        set_sync_passphrase(app.db, phrase, phrase)         # typed twice on the sync page
    finally:
        app.close()
    dialog = ResetAdminDialog(None, path=encrypted, name="书记")
    qtbot.addWidget(dialog)
    clock = [1000.0]
    dialog.clock = lambda: clock[0]
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    with qtbot.waitExposed(dialog):
        dialog.show()
    fields = dialog.fields
    assert dialog.focusWidget() is fields["file_passphrase"]
    for key, text in (("passphrase", phrase), ("password", "new-admin-pass"), ("repeated", "new-admin-pass")):
        type_text(fields[key], text)
    full_cost = driver.SCRYPT_N
    monkeypatch.setattr(driver, "SCRYPT_N", 2)              # wrong ones at the lowest cost: a second less
    for tries in range(1, 5):
        type_text(fields["file_passphrase"], "幸福里 数据 口令 2025")
        qtbot.keyClick(fields["file_passphrase"], Qt.Key_Return)
        said = dialog.form.error_text("file_passphrase")
        assert dialog.isVisible() and "数据文件的口令不对" in said and fields["file_passphrase"].text() == ""
        assert ("2秒后再试" in said) == (tries == 4) and ok.isEnabled() == (tries < 4)
    assert ok.text() == "2秒后再试" and dialog.focusWidget() is fields["file_passphrase"]
    monkeypatch.setattr(driver, "SCRYPT_N", full_cost)
    type_text(fields["file_passphrase"], FILE_PASSPHRASE)
    qtbot.keyClick(fields["file_passphrase"], Qt.Key_Return)   # too soon: the greyed button takes no try
    assert dialog.isVisible() and not ok.isEnabled()
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))            # the window goes on while it waits
    clock[0] += 1.2
    qtbot.waitUntil(lambda: ok.text() == "1秒后再试", timeout=1000)
    assert fired
    clock[0] += 1.0
    qtbot.waitUntil(ok.isEnabled, timeout=1000)
    assert ok.text() == "设置新密码"
    qtbot.keyClick(fields["file_passphrase"], Qt.Key_Return)
    assert dialog.result() == ResetAdminDialog.Accepted and dialog.re_enabled is False
    assert keyring.unlock(encrypted, "书记", "new-admin-pass") is not None     # what the login opens it with


def test_the_window_start_logs_in_before_opening_and_a_damaged_file_offers_its_encrypted_backup(
        qtbot, qt_zh, encrypted):
    from desktop import backup
    from ui.startup import open_for_window
    app = open_with_login(encrypted, "书记", "admin-pass")
    backup.backup_before(app.db, "manual")
    app.close()

    def log_in(dialog):
        # not given to qtbot: ui/startup deletes the login, and the offer's check (its event loop) does it
        dialog.show()
        _type_login(qtbot, dialog, "小王", "staff-pass")
        return dialog.result()
    app = open_for_window(encrypted, exec_login=log_in)
    assert app is not None and app.db.actor.name == "小王"
    app.close()

    damage_encrypted(encrypted)
    offered = []

    def accept(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        offered.append(dialog.chosen())
        qtbot.keyClick(dialog.list, Qt.Key_Return)
        return dialog.result()
    app = open_for_window(encrypted, exec_login=log_in, exec_dialog=accept)
    assert offered and offered[0] is not None                   # the encrypted backup checked with the login's key
    assert app is not None
    try:
        assert _people(app) == {"张三", "李梅"}
    finally:
        app.close()



def test_a_damaged_register_whose_login_gave_its_key_asks_for_the_other_passphrase_of_its_backup(
        qtbot, qt_zh, encrypted, tmp_path, monkeypatch):
    """The login gave the data file's key, and the only backup was locked with another passphrase
    (the old computer's copy from a USB stick, sealed with the passphrase set for it): the offer
    said "no backup passes the integrity check, give the file to a technician", and nothing
    asked for that passphrase. Now it is asked for, as another passphrase, and restores."""
    from PySide6.QtWidgets import QInputDialog
    from desktop import backup
    from ui.startup import open_for_window
    old = tmp_path / "old" / "register.db"
    old.parent.mkdir()
    app = open_app(old)
    try:
        add_people(app, ["旧电脑"], start=40)
        sealed = backup.backup_before(app.db, "manual", passphrase="旧电脑 U盘 口令 2026")
    finally:
        app.close()
    backup.bring_in(encrypted, sealed)
    damage_encrypted(encrypted)
    asked = []

    def get_text(_parent, _title, label, *_a, **_k):
        asked.append(label)
        return "旧电脑 U盘 口令 2026", True
    monkeypatch.setattr(QInputDialog, "getText", get_text)

    def log_in(dialog):
        # not given to qtbot: ui/startup deletes the login, and the offer's check (its event loop) does it
        dialog.show()
        _type_login(qtbot, dialog, "书记", "admin-pass")
        return dialog.result()

    def accept(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog.list, Qt.Key_Return)
        return dialog.result()
    app = open_for_window(encrypted, exec_login=log_in, exec_dialog=accept)
    assert len(asked) == 1 and "这些备份是用另一个口令加密的" in asked[0]
    assert app is not None
    try:
        assert _people(app) == {"旧电脑"}
    finally:
        app.close()


def test_backup_encrypt_with_an_admin_leaves_the_admin_able_to_log_in(tmp_path, monkeypatch, capsys):
    from desktop.cli import main
    path = tmp_path / "register.db"
    app = open_app(path)
    create_first_admin(app.db, "书记", "admin-pass")
    login(app.db, "书记", "admin-pass")
    create_account(app.db, "小王", "staff", "staff-pass")
    add_people(app, ["张三"])
    app.close()
    monkeypatch.setenv(driver.KEY_ENV, FILE_PASSPHRASE)
    monkeypatch.setenv("MENSHEN_PASSWORD", "staff-pass")
    assert main(["backup", "encrypt", "--db", str(path)]) == 3          # accounts: an admin must do it
    assert main(["backup", "encrypt", "--db", str(path), "--user", "小王"]) == 1
    assert "修改设置" in capsys.readouterr().err and not driver.is_encrypted(path)
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    assert main(["backup", "encrypt", "--db", str(path), "--user", "书记"]) == 0
    monkeypatch.delenv(driver.KEY_ENV)
    assert driver.is_encrypted(path) and keyring.names(path) == ["书记"]
    app = open_with_login(path, "书记", "admin-pass")
    try:
        assert _people(app) == {"张三"}
    finally:
        app.close()
    with pytest.raises(PassphraseNeeded):
        open_with_login(path, "小王", "staff-pass")


def test_a_restore_from_the_window_of_a_register_the_login_opened(encrypted, monkeypatch):
    from desktop import backup
    import ui.startup as startup
    app = open_with_login(encrypted, "书记", "admin-pass")
    kept = backup.backup_before(app.db, "manual")
    add_people(app, ["后来的人"], start=20)
    key = app.db.key
    app.close()
    [item] = [b for b in backup.list_backups(encrypted) if b.path == kept]
    reopened = []
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    assert startup._restore_and_reopen(encrypted, item, None, key) == 0
    [again] = reopened
    try:
        assert _people(again) == {"张三", "李梅"}                 # the backup's register, opened
        assert again.db.actor.name == ""                          # nobody yet: the login is asked
    finally:
        again.close()


def test_the_command_line_restores_an_encrypted_register_with_the_login(encrypted, monkeypatch, capsys):
    from desktop import backup
    from desktop.cli import main
    app = open_with_login(encrypted, "书记", "admin-pass")
    backup.backup_before(app.db, "manual")
    add_people(app, ["后来的人"], start=20)
    app.close()
    assert main(["backup", "restore", "--db", str(encrypted)]) == 3         # encrypted: who restores?
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    assert main(["backup", "restore", "--db", str(encrypted), "--user", "书记"]) == 0
    app = open_with_login(encrypted, "书记", "admin-pass")
    try:
        assert _people(app) == {"张三", "李梅"}
    finally:
        app.close()


# -- turning encryption on from the window ------------------------------------------------------
STRONG = "幸福里 社区 数据 口令"


def _plain(path):
    from desktop import backup
    app = _with_accounts(path)
    backup.backup_before(app.db, "manual")
    app.close()


@pytest.fixture(scope="session")
def made_plain(tmp_path_factory):
    return made_once(tmp_path_factory.mktemp("plain"), _plain)


@pytest.fixture
def plain(made_plain, tmp_path, menshen_home):
    """A plain register with an admin and a staff account, people in it, and a plain backup
    (made once, each test has a copy)."""
    return copy_made(made_plain, tmp_path, menshen_home)


def test_only_a_logged_in_admin_on_a_plain_register_is_offered_encryption(plain, qtbot, qt_zh):
    from desktop.at_rest import can_encrypt
    from ui.main_window import MainWindow
    app = open_with_login(plain, "小王", "staff-pass")
    try:
        assert not can_encrypt(app.db)
        window = MainWindow(app)
        qtbot.addWidget(window)
        assert window.findChild(type(window.menuBar().actions()[0]), "encrypt_action") is None
    finally:
        app.close()
    app = open_with_login(plain, "书记", "admin-pass")
    try:
        assert can_encrypt(app.db)
        window = MainWindow(app)
        qtbot.addWidget(window)
        assert window.findChild(type(window.menuBar().actions()[0]), "encrypt_action") is not None
    finally:
        app.close()


def test_the_encrypt_dialog_checks_the_passphrase_and_the_admins_password(plain, qtbot, qt_zh):
    from ui.dialogs.encrypt_dialog import EncryptDialog
    app = open_with_login(plain, "书记", "admin-pass")
    try:
        dialog = EncryptDialog(app.db)
        qtbot.addWidget(dialog)
        dialog.show()
        for passphrase, again, password, said in (("口令", "口令", "admin-pass", "太简单"),
                                                  (STRONG, STRONG + "x", "admin-pass", "不一样"),
                                                  (STRONG, STRONG, "wrong-one", "密码不对")):
            for field, text in ((dialog.passphrase, passphrase), (dialog.repeated, again), (dialog.password, password)):
                field.clear()
                type_text(field, text)
            qtbot.keyClick(dialog.password, Qt.Key_Return)
            assert dialog.request is None and said in dialog.message.text() and dialog.isVisible()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "admin-pass")
        qtbot.keyClick(dialog.password, Qt.Key_Return)
        assert dialog.request == ("书记", STRONG, "admin-pass")
    finally:
        app.close()


def test_the_start_up_encrypts_the_closed_register_and_its_backups_and_reopens_it_logged_in(plain, monkeypatch):
    from desktop import backup
    import ui.startup as startup
    reopened, noticed = [], []
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    monkeypatch.setattr(startup, "_encrypted_notice", noticed.append)
    assert startup._encrypt_and_reopen(plain, ("书记", STRONG, "admin-pass"), None) == 0
    assert noticed == [1]                                       # the one plain backup, now encrypted
    [again] = reopened
    try:
        assert again.db.key is not None and again.db.actor.name == "书记"
        assert _people(again) == {"张三", "李梅"}
    finally:
        again.close()
    assert driver.is_encrypted(plain)
    assert all(driver.is_encrypted(b.path) for b in backup.list_backups(plain))
    assert keyring.names(plain) == ["书记"]
    with pytest.raises(PassphraseNeeded):                       # the staff: the passphrase once
        open_with_login(plain, "小王", "staff-pass")
    open_with_login(plain, "小王", "staff-pass", file_passphrase=STRONG).close()


def test_a_failed_encryption_is_said_and_the_register_opens_as_it_was(plain, monkeypatch):
    from db.errors import StorageError
    import desktop.at_rest as at_rest
    import ui.startup as startup
    reopened, said = [], []
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    monkeypatch.setattr(startup, "show_failure", lambda exc: said.append(exc))

    def full_disk(*a, **kw):
        raise StorageError("磁盘空间不够，加密没有做成，原文件没有改动。", "full")
    monkeypatch.setattr(at_rest.driver, "encrypt_file", full_disk)
    startup._encrypt_and_reopen(plain, ("书记", STRONG, "admin-pass"), None)
    [again] = reopened
    try:
        assert said and "磁盘空间不够" in said[0].message
        assert not driver.is_encrypted(plain) and _people(again) == {"张三", "李梅"}
    finally:
        again.close()
