"""``menshen aggregate`` and ``menshen sync export --level`` as a user runs them: two
communities send counts-only packages, the city ingests them into PostgreSQL, the street into
its replicas; mistakes give one Chinese line and a non-zero exit, never a traceback."""
import random

import pytest

from db.connection import Database
from desktop.cli import main
from tests.aggregate.communities import DAY, Community, populate


@pytest.fixture
def two(tmp_path):
    out = []
    for i, name in enumerate(("和谐社区", "幸福社区")):
        path = tmp_path / f"c{i}.db"
        db = Database(path, config_file=tmp_path / f"c{i}.json", user_name="管理员")
        c = Community(f"c-{i}", name, f"{name} 上报 口令 {i}", db)
        populate(db, c, random.Random(i), households=6)
        db.close()
        out.append((c, path))
    keys = tmp_path / "keys.txt"
    keys.write_text("# 社区编号 口令\n" + "".join(f"{c.id}  {c.passphrase}\n" for c, _ in out), "utf-8")
    return out, keys


def test_counts_packages_into_postgresql_and_a_street_from_the_command_line(two, tmp_path, pg_url, capsys, monkeypatch):
    communities, keys = two
    box = tmp_path / "box"
    box.mkdir()
    for c, path in communities:
        monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", c.passphrase)
        assert main(["sync", "export", "--db", str(path), "--to", str(box), "--level", "counts"]) == 0
    monkeypatch.delenv("MENSHEN_SYNC_PASSPHRASE")
    capsys.readouterr()
    args = ["aggregate", "--packages", str(box), "--passphrase-file", str(keys), "--day", DAY.isoformat()]
    assert main(args + ["--pg", pg_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("汇总完成：2个同步包，") and "（0个以前已经汇总过）" in out[0]
    assert out[1].startswith("2026-12-03：2 个社区，人 ")
    assert main(args + ["--pg", pg_url]) == 0
    assert capsys.readouterr().out.startswith("汇总完成：0个同步包，0条更改已合并到 PostgreSQL（2个以前已经汇总过）")
    assert main(args + ["--street", str(tmp_path / "street")]) == 0
    street = capsys.readouterr().out.splitlines()
    assert street[0].startswith("汇总完成：2个同步包，") and "共2个社区副本" in street[0] and street[1] == out[1]
    # The street's own daily form, filled from what came in: a row per community and the total.
    from openpyxl import load_workbook
    from tests.aggregate.test_street_report import street_template
    template, report = street_template(tmp_path / "模板.xlsx"), tmp_path / "日报.xlsx"
    assert main(args + ["--street", str(tmp_path / "street"), "--report", str(template)]) == 1
    assert "--to" in capsys.readouterr().err and not report.exists()
    assert main(args + ["--street", str(tmp_path / "street"), "--report", str(template), "--to", str(report)]) == 0
    assert "已填好街道日报：2个社区和合计 → " in capsys.readouterr().out
    ws = load_workbook(report)["日报"]
    assert ws.cell(7, 2).value == "合计" and ws.cell(7, 5).value == sum(ws.cell(r, 5).value for r in (5, 6)) > 0


def test_mistakes_are_one_chinese_line(two, tmp_path, pg_cluster, capsys, monkeypatch):
    communities, keys = two
    monkeypatch.delenv("MENSHEN_SYNC_PASSPHRASE", raising=False)
    box = tmp_path / "box"
    box.mkdir()
    assert main(["aggregate", "--packages", str(box), "--pg", pg_cluster.url]) == 1
    assert "口令" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_text("c-0\n", "utf-8")
    assert main(["aggregate", "--packages", str(box), "--pg", pg_cluster.url, "--passphrase-file", str(bad)]) == 1
    assert "第 1 行" in capsys.readouterr().err
    assert main(["aggregate", "--packages", str(tmp_path / "nowhere"), "--pg", pg_cluster.url]) == 1
    assert "文件夹不存在" in capsys.readouterr().err
    url = pg_cluster.url.replace(f"port={pg_cluster.port}", "port=1")
    assert main(["aggregate", "--packages", str(box), "--pg", url, "--passphrase-file", str(keys)]) == 1
    err = capsys.readouterr().err
    assert "连不上 PostgreSQL" in err and "Traceback" not in err
