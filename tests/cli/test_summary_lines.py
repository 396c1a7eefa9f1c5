"""What a command says it did (stdout) is Chinese, as its errors are: the clerk, or the technician
helping them by phone, read 'imported 1, rejected 3 (new 1, …)', 'backups: 3 in backups' and
the like in English. The lines are made in desktop/summaries.py; here a few commands run as a
user runs them and no line of theirs has an English word outside its paths."""
import re

from desktop.cli import main

# A word of two Latin letters or more, once paths and file names (anything with / \ or a dot),
# options (--file) and the names a clerk sees as they are (MB, PostgreSQL, menshen) are taken out.
KEPT_AS_THEY_ARE = {"MB", "PostgreSQL", "menshen"}


def english_words(line: str) -> list[str]:
    bare = re.sub(r"\S*[/\\.]\S*|--\S+", " ", line)
    return [w for w in re.findall(r"[A-Za-z]{2,}", bare) if w not in KEPT_AS_THEY_ARE]


def test_the_commands_say_what_they_did_in_chinese(app_ctx, small_community, tmp_path, capsys):
    db = str(app_ctx.db.path)
    app_ctx.close()
    ledger = tmp_path / "名单.csv"
    said = []
    for args in (["care", "--db", db, "--today", "2020-02-20"],
                 ["export", "register", "--db", db, "--to", ledger],
                 ["import", ledger, "--db", db, "--dry-run"],
                 ["import", ledger, "--db", db],
                 ["backup", "now", "--db", db],
                 ["backup", "list", "--db", db],
                 ["demo", "--db", tmp_path / "空白.db", "--households", "0"]):
        assert main([str(a) for a in args]) == 0, capsys.readouterr().err
        out = capsys.readouterr().out
        said += [(args[0], line) for line in out.splitlines()]
        assert out.strip(), args                    # each says something
    english = [(command, line) for command, line in said if english_words(line)]
    assert english == [], english
