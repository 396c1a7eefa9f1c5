"""Excel import and export of 100,000 register rows, each beside the bare library doing the same.

    .venv/bin/python bench/excel.py [--rows 100000]

Prints, in one run: a bare python-calamine read and an openpyxl read-only read of the
generated ledger; the whole import (read, find header, map, validate, write with change
capture, one transaction) and the share of it spent turning captured writes into numbered,
hashed changes (ChangeRecorder._write_kept), beside the same import with capture off; a
bare openpyxl write-only write of the register's rows and Menshen's export of the same
register. Each phase runs in its own process, so its peak memory (max RSS) is its own.
It also prints the storage floor: the rows the import wrote (tables, change log, search
entries) copied into an empty database with the same tables and indexes, with the program's
connection settings but no triggers, no Python per row and no validation, in one transaction.
No import of those rows can be faster than the bare read plus that floor.
Targets (issue 14 point 8, which replaces issue 4's ratio): 100,000 register rows imported in
under 10 s, by phase: read <= 1.5 s, preview <= 4 s, write with change capture <= 4 s, search
index <= 1 s; export within 1.5x the bare write; memory < 400 MB. The phases are timed inside the
one import: read = desktop.excel.importer.read_sheets, preview = the rest of plan_import,
search index = db.search_index.settle (in a transaction of its own after the import's COMMIT),
write = the rest of apply_import.
Figures from a shared 2-core machine: rough.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HEADER = ["序号", "姓名", "性别", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系",
          "居住类型", "房东姓名", "房东电话", "户籍地", "是否重点人员", "备注"]


def _names(n: int, rng: random.Random) -> list[str]:
    from desktop.demo import _given, _surnames
    surnames = _surnames()[0]
    chars = "".join(pool for pool, _ in _given().values())
    return [rng.choice(surnames) + "".join(rng.choice(chars) for _ in range(rng.choice((1, 2, 2))))
            for _ in range(n)]


def make_ledger(path: Path, rows: int) -> None:
    """A register ledger like an office keeps: a title row, the header, people by household."""
    from openpyxl import Workbook
    from desktop.idnumber import make_resident_id
    rng = random.Random(4)
    book = Workbook(write_only=True)
    ws = book.create_sheet("居民台账")
    ws.append(["通济街道幸福里小区居民信息台账（2020年2月）"])
    ws.append(HEADER)
    names = _names(rows, rng)
    relations = ["配偶", "子女", "父母", "孙子女", "其他"]
    i = household = 0
    while i < rows:
        household += 1
        b, u, room = household // 300 + 1, household // 100 % 3 + 1, f"{household % 100 // 4 + 1}{household % 4 + 1:02d}"
        rented = rng.random() < 0.3
        for k in range(min(rng.choice((1, 2, 3, 3, 4)), rows - i)):
            born = date(rng.randint(1930, 2019), rng.randint(1, 12), rng.randint(1, 28))
            number = make_resident_id("420106", born, i % 499, rng.random() < 0.5)
            ws.append([i + 1, names[i], "", number, f"13{rng.randint(100000000, 999999999)}", b, u, room,
                       "户主" if k == 0 else rng.choice(relations), "租住" if rented else "自有",
                       "赵房东" if rented else "", "13900001111" if rented else "", "本地",
                       "是" if rng.random() < 0.02 else "", ""])
            i += 1
    book.save(path)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, ledger: Path, work: Path) -> dict:
    start = time.perf_counter()
    out: dict = {}
    if name == "calamine":
        import python_calamine
        rows = python_calamine.CalamineWorkbook.from_path(str(ledger)).get_sheet_by_index(0).to_python()
        out["rows"] = len(rows)
    elif name == "openpyxl_read":
        from openpyxl import load_workbook
        book = load_workbook(ledger, read_only=True)
        out["rows"] = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
    elif name in ("import", "import_nocapture"):
        os.environ["MENSHEN_HOME"] = str(work / "home")
        from desktop.app import open_app
        from desktop.excel.importer import apply_import, plan_import
        app = open_app(work / "bench.db")
        recorder = app.db.recorder
        spent = [0.0]
        write_kept = recorder._write_kept

        def timed_write_kept():
            t = time.perf_counter()
            try:
                return write_kept()
            finally:
                spent[0] += time.perf_counter() - t
        recorder._write_kept = timed_write_kept
        if name == "import_nocapture":
            recorder.applying = 1          # the triggers skip: the same import without capture
        import desktop.register.forms as register_module   # where PersonForm calls name_keys
        real_keys, pinyin = register_module.name_keys, [0.0]

        def timed_keys(text):
            t = time.perf_counter()
            try:
                return real_keys(text)
            finally:
                pinyin[0] += time.perf_counter() - t
        register_module.name_keys = timed_keys
        import db.search_index as search_index_module
        import desktop.excel.importer as importer_module
        read, settle = [0.0, 0.0], [0.0, 0.0]          # wall, CPU

        def timed(fn, into):
            def run(*a, **k):
                t, c = time.perf_counter(), time.process_time()
                try:
                    return fn(*a, **k)
                finally:
                    into[0] += time.perf_counter() - t
                    into[1] += time.process_time() - c
            return run
        importer_module.read_sheets = timed(importer_module.read_sheets, read)
        search_index_module.settle = timed(search_index_module.settle, settle)
        start, cpu = time.perf_counter(), time.process_time()
        plan = plan_import(app, ledger, "register")
        out["plan_s"], out["plan_cpu"] = time.perf_counter() - start, time.process_time() - cpu
        t, cpu = time.perf_counter(), time.process_time()
        result = apply_import(app, plan)
        out["write_s"], out["write_cpu"] = time.perf_counter() - t, time.process_time() - cpu
        out["capture_s"] = spent[0]
        out["read_s"], out["settle_s"] = read[0], settle[0]
        out["read_cpu"], out["settle_cpu"] = read[1], settle[1]
        out["log_mb"] = _log_mb(work / "bench.db")
        out["pinyin_s"] = pinyin[0]
        out["imported"], out["rejected"] = result.imported, result.rejected
        app.close()
    elif name == "bare_store":
        start = time.perf_counter()
        out.update(_bare_store(work / "bench.db", work / "floor.db"))
        out["peak_mb"] = _peak_mb()
        return out
    elif name in ("bare_write", "export"):
        os.environ["MENSHEN_HOME"] = str(work / "home")
        from desktop.app import open_app
        from desktop.excel.lists import LISTS, export_list
        app = open_app(work / "bench.db")
        if name == "export":
            start = time.perf_counter()
            out["rows"] = export_list(app, "register", work / "export.xlsx")
        else:
            from openpyxl import Workbook
            spec = LISTS["register"]
            start = time.perf_counter()
            book = Workbook(write_only=True)
            ws = book.create_sheet("名单")
            ws.append([c.header for c in spec.columns])
            count = 0
            for row in spec.rows(app, date.today(), None):
                ws.append(list(row))
                count += 1
            book.save(work / "bare.xlsx")
            out["rows"] = count
        app.close()
    out["seconds"] = time.perf_counter() - start
    out["peak_mb"] = _peak_mb()
    return out


def _log_mb(path: Path) -> float:
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master"
                            " WHERE tbl_name IN ('sync_log', 'sync_change'))").fetchone()[0] / 1e6
    finally:
        conn.close()


def _bare_store(source: Path, target: Path) -> dict:
    """Time storing the rows of `source` in a fresh database like it, without its triggers."""
    import sqlite3
    from db.connection import _open_writer
    src = sqlite3.connect(source)
    schema = src.execute("SELECT type, name, sql FROM sqlite_master"
                         " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'").fetchall()
    fts = [name for kind, name, sql in schema if kind == "table" and sql.startswith("CREATE VIRTUAL")]
    shadow = tuple(f"{name}_" for name in fts)
    dst = _open_writer(target)[0]
    loads = []
    for kind, name, sql in schema:
        if kind in ("table", "index") and not name.startswith(shadow):
            dst.execute(sql)
        if kind == "table" and not name.startswith(shadow):
            columns = [c[1] for c in src.execute(f"PRAGMA table_info({name})")]
            if "WITHOUT ROWID" not in sql.upper():
                columns.insert(0, "rowid")         # the search entries are keyed by rowid
            rows = src.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
            if rows:
                loads.append((f"INSERT INTO {name} ({', '.join(columns)})"
                              f" VALUES ({', '.join('?' * len(columns))})", rows))
    src.close()
    start = time.perf_counter()
    dst.execute("BEGIN")
    for sql, rows in loads:
        dst.executemany(sql, rows)
    inserted = time.perf_counter()
    dst.execute("COMMIT")
    committed = time.perf_counter()
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst.close()
    return {"seconds": time.perf_counter() - start, "insert_s": inserted - start,
            "commit_s": committed - inserted, "rows": sum(len(rows) for _, rows in loads),
            "mb": target.stat().st_size / 1e6}


def _verdict(label: str, took: float, limit: float) -> str:
    if took <= limit:
        return "within"
    if label.startswith("search index"):
        return "within: built after the commit, as point 8 allows"   # "<= 1 s or built after the commit"
    return "OVER"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--phase")
    parser.add_argument("--ledger", type=Path)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.ledger, args.work)))
        return
    work = Path(tempfile.mkdtemp(prefix="menshen-bench-excel-"))
    ledger = work / "ledger.xlsx"
    t = time.perf_counter()
    make_ledger(ledger, args.rows)
    print(f"generated {args.rows:,} register rows in {time.perf_counter() - t:.1f} s "
          f"({ledger.stat().st_size / 1e6:.1f} MB)")
    results = {}
    for name in ("calamine", "openpyxl_read", "import_nocapture", "import", "bare_store", "bare_write", "export"):
        if name == "import_nocapture":
            phase_work = work / "nocapture"
            phase_work.mkdir()
        else:
            phase_work = work
        proc = subprocess.run([sys.executable, __file__, "--phase", name, "--ledger", str(ledger),
                               "--work", str(phase_work)], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            print(proc.stderr)
            raise SystemExit(f"phase {name} failed")
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    r = results
    imp = r["import"]
    print(f"bare read, python-calamine     {r['calamine']['seconds']:6.2f} s   peak {r['calamine']['peak_mb']:5.0f} MB")
    print(f"bare read, openpyxl read-only  {r['openpyxl_read']['seconds']:6.2f} s   peak {r['openpyxl_read']['peak_mb']:5.0f} MB")
    bare = r["import_nocapture"]
    capture = imp["seconds"] - bare["seconds"]
    print(f"whole import                   {imp['seconds']:6.2f} s   peak {imp['peak_mb']:5.0f} MB"
          f"   = {imp['seconds'] / r['calamine']['seconds']:.1f}x calamine read"
          f"  (imported {imp['imported']:,}, rejected {imp['rejected']:,})")
    print(f"  preview (read, header, map, validate, compare) {imp['plan_s']:6.2f} s,"
          f" of which pinyin of names {imp['pinyin_s']:.2f} s")
    print(f"  write in one transaction                       {imp['write_s']:6.2f} s,"
          f" of which numbering changes {imp['capture_s']:.2f} s; change log {imp['log_mb']:.0f} MB")
    cpu_total = imp["plan_cpu"] + imp["write_cpu"]
    budget = [("read", imp["read_s"], imp["read_cpu"], 1.5),
              ("preview", imp["plan_s"] - imp["read_s"], imp["plan_cpu"] - imp["read_cpu"], 4.0),
              ("write with capture", imp["write_s"] - imp["settle_s"], imp["write_cpu"] - imp["settle_cpu"], 4.0),
              ("search index (after commit)", imp["settle_s"], imp["settle_cpu"], 1.0),
              ("total", imp["seconds"], cpu_total, 10.0)]
    print("phase budgets (issue 14.8; wall time on a shared machine, rough; CPU time of the process beside it,"
          " less disturbed by other work but without the waits for the disk):")
    for label, took, cpu, limit in budget:
        print(f"  {label:<28} {took:6.2f} s (CPU {cpu:5.2f} s)   budget {'<' if label == 'total' else '<='}"
              f" {limit:4.1f} s   {_verdict(label, took, limit)}")
    print(f"  the same import with capture off               {bare['seconds']:6.2f} s"
          f" (write {bare['write_s']:.2f} s): change capture costs {capture:.2f} s"
          f" = {capture / imp['seconds']:.0%} of the import")
    store = r["bare_store"]
    floor = store["seconds"] + r["calamine"]["seconds"]
    print(f"storage floor: the import's {store['rows']:,} rows (tables, change log, search entries) stored"
          f" bare in one transaction {store['seconds']:6.2f} s (insert {store['insert_s']:.2f} s,"
          f" commit and checkpoint {store['seconds'] - store['insert_s']:.2f} s; {store['mb']:.0f} MB)")
    print(f"  bare read + storage floor {floor:6.2f} s: the least any import of these rows can take here;"
          f" the import is {imp['seconds'] / floor:.1f}x that")
    print(f"bare write, openpyxl write-only{r['bare_write']['seconds']:6.2f} s   peak {r['bare_write']['peak_mb']:5.0f} MB")
    print(f"export (register list)         {r['export']['seconds']:6.2f} s   peak {r['export']['peak_mb']:5.0f} MB"
          f"   = {r['export']['seconds'] / r['bare_write']['seconds']:.2f}x bare write ({r['export']['rows']:,} rows)")
    print("targets: import < 10 s by the budgets above; export <= 1.5x bare write; memory < 400 MB")


if __name__ == "__main__":
    main()
