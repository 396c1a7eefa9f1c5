"""The command line: --user NAME with MENSHEN_PASSWORD; the demo's commands need no login."""
from desktop.cli import main


def test_a_register_with_accounts_needs_user_and_checks_the_role(accounts, tmp_path, monkeypatch, capsys):
    db = str(accounts.db.path)
    accounts.close()
    assert main(["export", "register", "--db", db, "--to", str(tmp_path / "a.xlsx")]) == 3
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_PASSWORD", "wrong-pass")
    assert main(["export", "register", "--db", db, "--to", str(tmp_path / "a.xlsx"), "--user", "小王"]) == 3
    assert "密码不对" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_PASSWORD", "gate-pass")
    assert main(["--user", "老李", "export", "register", "--db", db, "--to", str(tmp_path / "a.xlsx")]) == 1
    assert "没有“导出或打印名单”的权限" in capsys.readouterr().err and not (tmp_path / "a.xlsx").exists()
    monkeypatch.setenv("MENSHEN_PASSWORD", "staff-pass")
    assert main(["export", "register", "--db", db, "--to", str(tmp_path / "a.xlsx"), "--user", "小王"]) == 0
    assert main(["export", "register", "--db", db, "--to", str(tmp_path / "b.xlsx"), "--user", "小王",
                 "--full", "--reason", "x"]) == 1
    assert "不隐去号码" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    assert main(["audit", "--db", db, "--to", str(tmp_path / "audit.xlsx"), "--user", "书记"]) == 0


def test_the_demo_commands_and_screenshot_need_no_login(tmp_path, qapp):
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--households", "3", "--days", "1"]) == 0
    assert main(["export", "register", "--db", db, "--to", str(tmp_path / "r.xlsx")]) == 0
    assert main(["--db", db, "--screenshot", str(tmp_path / "s.png"), "--page", "gate"]) == 0
    assert (tmp_path / "s.png").stat().st_size > 0


def test_a_password_fed_on_stdin_is_read_without_an_english_warning(accounts, tmp_path, monkeypatch):
    """Without a terminal getpass printed "GetPassWarning: Can not control echo …" first."""
    import os
    import subprocess
    import sys

    from desktop.accounts import passwords, reset_password
    # The child process checks at the real floor (no test switch reaches it): a real-strength hash.
    monkeypatch.setitem(passwords.hash_password.__kwdefaults__, "n", passwords.N)
    reset_password(accounts.db, "小王", "staff-pass")
    db = str(accounts.db.path)
    accounts.close()
    env = {k: v for k, v in os.environ.items() if k != "MENSHEN_PASSWORD"}

    def run(stdin: str, out: str):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "export", "register", "--db", db,
                               "--to", str(tmp_path / out), "--user", "小王"], input=stdin, env=env,
                              capture_output=True, text=True, timeout=120)
    done = run("staff-pass\n", "a.xlsx")
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "echo" not in done.stderr and (tmp_path / "a.xlsx").exists()
    done = run("", "b.xlsx")
    assert done.returncode == 3 and "没有输入密码" in done.stderr
    assert "Warning" not in done.stderr and "Traceback" not in done.stderr
