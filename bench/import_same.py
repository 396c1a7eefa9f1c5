"""Does a change to the import change any result? This tree's import beside another tree's.

    .venv/bin/python bench/import_same.py OTHER_TREE [--rows 100000] [--fuzz 3000] [--skip-big] [--samples DIR]

OTHER_TREE: a checkout of the code before the change (``git worktree add`` or ``git archive``).
Each case imports ledgers into a fresh register, in a process of its own, once with each tree's
code, and compares, after taking out what differs between any two runs (the new rows' random
ids, numbered by their first appearance; the clocks: created_wall, hlc, wall times, hashes):
the preview (every row's action, draft, errors, warnings, changes, household), the result, the
register's tables (community .. membership, status changes) row for row in rowid order, and the
change log (sync_change) change for change. Cases: bench/excel.py's ledger of --rows rows;
every register, gate and care sample in ../shared/samples; a fuzzed ledger (bad ID numbers,
15-digit ones, numbers as floats, duplicate people, empty and ditto cells, odd spacing,
invisible characters, full-width digits, several phones in a cell, remarks after names)
imported into an empty register and then a second fuzzed ledger over it (updates and moves).
Prints SAME or the first difference of each case; exits 1 when any differs.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
TABLES = ("community", "grid", "compound", "building", "unit", "household", "person", "membership",
          "status_change", "travel_record", "checkpoint", "gate_log", "care_subject")
# What differs between two runs of the same import: clocks, the site, hashes over them.
STAMPS = {"created_wall", "created_site", "hlc", "wall_time", "content_sha256", "site_id", "status_since",
          "changed_at", "imported_at", "updated_wall"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# -- one run (in a process of its own, with one tree's code) -----------------------------------

def _run(code: str, steps: list, out: Path) -> None:
    sys.path.insert(0, code)
    work = Path(tempfile.mkdtemp(prefix="menshen-same-"))
    os.environ["MENSHEN_HOME"] = str(work / "home")
    from desktop.app import open_app
    from desktop.errors import InputError, InputErrors
    from desktop.excel.importer import apply_import, plan_import
    import itertools
    import types
    from db.sync import ids as id_module
    # New ids in the order they are made (their random bits a counter): households made in one
    # millisecond are listed by id (ORDER BY created_wall, id), which would differ run to run.
    counter = itertools.count(1)
    id_module.secrets = types.SimpleNamespace(randbits=lambda bits: next(counter))
    app = open_app(work / "same.db")
    ids: dict = {}

    def canon(value):
        if isinstance(value, str):
            return _UUID.sub(lambda m: ids.setdefault(m.group(0), f"<id{len(ids)}>"), value)
        if isinstance(value, (list, tuple)):
            return [canon(v) for v in value]
        if isinstance(value, dict):
            return {k: canon(v) for k, v in value.items() if k not in STAMPS}
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, bytes):
            return canon(str(__import__("uuid").UUID(bytes=value)) if len(value) == 16 else value.hex())
        if isinstance(value, frozenset):
            return sorted(value)
        return value

    def errors(es):
        return [(e.field, e.message, e.value) for e in es]

    lines = []
    for ledger, kind, compound in steps:
        try:
            plan = plan_import(app, ledger, kind, compound=compound, today=date(2026, 12, 7))
        except (InputError, InputErrors) as e:
            lines.append(["refused", ledger, str(e)])
            continue
        lines.append(["plan", ledger, plan.kind, plan.compound, plan.notices, sorted(map(str, plan.skipped_sheets))])
        for row in plan.rows:
            draft = row.draft
            shown = None
            if draft is not None:
                shown = {k: canon(getattr(draft, k)) for k in draft.__dataclass_fields__}
            lines.append(["row", row.sheet, row.row, row.action, canon(list(row.cells)), shown, errors(row.errors),
                          errors(row.warnings), list(row.changes),
                          canon(list(plan.households.get((row.sheet, row.row), ())))])
        result = apply_import(app, plan)
        lines.append(["result", result.imported, result.created, result.updated, result.unchanged, result.rejected,
                      [(e.sheet, e.row, e.field, e.message) for e in result.refused]])
    with app.db.reading() as conn:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in TABLES:
            if table not in have:
                continue
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            names = [c[0] for c in cur.description]
            for r in cur:
                lines.append([table, canon(dict(zip(names, r)))])
        cur = conn.execute("SELECT * FROM sync_change ORDER BY seq")
        names = [c[0] for c in cur.description]
        for r in cur:
            change = dict(zip(names, r))
            for key in ("cols", "base"):
                if change.get(key):
                    change[key] = json.loads(change[key])
            lines.append(["change", canon(change)])
    app.close()
    shutil.rmtree(work, ignore_errors=True)
    with open(out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True, default=str) + "\n")


# -- the fuzzed ledgers ------------------------------------------------------------------------

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曾单解查"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅琴云莲珍蓉"


def _fuzz_name(rng: random.Random) -> object:
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    pick = rng.random()
    if pick < 0.04:
        return name[0] + " " + name[1:]
    if pick < 0.07:
        return f" {name}\u3000"
    if pick < 0.09:
        return name + rng.choice(("（已故）", "(已迁出)", "（户主之母）"))
    if pick < 0.10:
        return name + "😷"
    if pick < 0.11:
        return name + "、" + rng.choice(_SURNAMES) + "芳"
    if pick < 0.12:
        return rng.choice(("John Smith", "阿卜杜•热合曼", "玛丽．安", "𠮷大爷", "张\u200b三", ""))
    if pick < 0.13:
        return None
    return name


def _fuzz_id(rng: random.Random, seen: list) -> object:
    from desktop.idnumber import make_resident_id
    born = date(rng.randint(1925, 2020), rng.randint(1, 12), rng.randint(1, 28))
    number = make_resident_id(rng.choice(("420106", "110101", "990101")), born, rng.randint(0, 499), rng.random() < .5)
    pick = rng.random()
    if pick < 0.05 and seen:
        return rng.choice(seen)                                   # the same person twice
    seen.append(number)
    if pick < 0.08:
        return number[:17] + ("0" if number[17] != "0" else "1")  # a wrong check digit
    if pick < 0.10:
        return number[:6] + number[8:17]                          # 15 digits
    if pick < 0.12:
        return float(number[:17])                                 # Excel made it a number
    if pick < 0.14:
        return number.translate({ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"})   # full-width
    if pick < 0.16:
        return f"{number[:6]} {number[6:14]}-{number[14:]}".lower()
    if pick < 0.17:
        return f'="{number}"'
    if pick < 0.18:
        return f"'{number}"
    if pick < 0.19:
        return number + "（本人）"
    if pick < 0.20:
        return "4.20106E+17"
    if pick < 0.21:
        return number[:10] + "1399" + number[14:]                 # no such day
    if pick < 0.25:
        return rng.choice(("", None, "  ", "无"))
    return number


def _fuzz_phone(rng: random.Random) -> object:
    mobile = f"1{rng.choice('3456789')}{rng.randint(100000000, 999999999)}"
    return rng.choice((mobile, mobile, mobile, mobile, "", None, f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
                       "+86 " + mobile, mobile.translate({ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"}),
                       float(mobile), f"{mobile}/13912345678", f"{mobile}（儿子）", mobile[:10], "027-8888 8888",
                       "88886666", "无", f"{mobile} 13800001111", f"\u00a0{mobile}\u200b"))


def _fuzz_rows(rng: random.Random, rows: int, seen: list, second: bool) -> list[list]:
    out = []
    household = 0
    while len(out) < rows:
        household += 1
        b, u, room = household // 40 + 1, household // 10 % 3 + 1, f"{household % 10 + 1}0{household % 4 + 1}"
        rented = rng.random() < 0.3
        for k in range(rng.choice((1, 2, 3, 4))):
            building = rng.choice((b, b, f"{b}号楼", f"{b}栋", str(b), f"{chr(0xFF10 + b % 10)}", "同上" if k else b))
            unit = rng.choice((u, u, f"{u}单元", str(u), "", "〃" if k else u))
            room_cell = rng.choice((room, room, int(room), float(room), f"{room}室", f" {room} ", "" if k else room))
            relation = "户主" if k == 0 else rng.choice(("配偶", "子女", "父母", "孙子女", "其他", "", "女婿", "租客", "户主"))
            out.append([len(out) + 1, _fuzz_name(rng), rng.choice(("", "", "男", "女", "2", None)), _fuzz_id(rng, seen),
                        _fuzz_phone(rng), building, unit, room_cell, relation,
                        rng.choice(("租住", "租住", "租户", "出租", "其他")) if rented else rng.choice(("自有", "自有", "", "业主")),
                        rng.choice(("赵房东", "钱 房东", "", "孙房东")) if rented else "",
                        rng.choice(("13900001111", "", "1390000111", "139-0000-1111/13700001111")) if rented else "",
                        rng.choice(("本地", "本地", "湖北武汉", "", "本地 ", "外地\t")),
                        rng.choice(("", "", "", "是", "否", "是的", True)),
                        rng.choice(("", "", "", "近14天从武汉返回", "密接")) if rng.random() < 0.1 else "",
                        rng.choice(("", "", "", "独居", "行动不便\u200b", "  备注  有空格", "已故" if second else "新搬入")),
                        rng.choice(("", "", "", "居家隔离", "健康", "外出")) if second else ""])
    return out[:rows]


def make_fuzz(path: Path, rows: int, seed: int, second: bool = False) -> None:
    """A register ledger of two sheets with the slips offices make (see the module's text)."""
    from openpyxl import Workbook
    rng = random.Random(seed)
    seen: list = []
    book = Workbook()
    ws = book.active
    ws.title = "居民台账"
    ws.append(["通济街道幸福里小区居民信息台账（2020年2月）"])
    ws.append(["序号", "姓名", "性别", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系", "居住类型",
               "房东姓名", "房东电话", "户籍地", "是否重点人员", "重点原因", "备注", "健康状态"])
    for row in _fuzz_rows(rng, rows, seen, second):
        ws.append(row)
    ws2 = book.create_sheet("3号楼")
    ws2.append(["户号", "姓名", "证件类型", "证件号码", "出生日期", "性别", "住址", "手机号", "备用电话", "人员类别",
                "工作单位", "备注"])
    for i in range(rows // 4):
        birth = rng.choice((date(1950 + i % 60, i % 12 + 1, i % 27 + 1), "1980.04", "1956年", "1980-02-30", "",
                            f"{1940 + i % 70}/{i % 12 + 1}/{i % 28 + 1}", 25000 + i, "58年3月"))
        ws2.append([i // 3 + 1 if rng.random() < .8 else None, _fuzz_name(rng),
                    rng.choice(("", "身份证", "居民身份证", "护照", "港澳通行证", "军官证")), _fuzz_id(rng, seen), birth,
                    rng.choice(("男", "女", "", "M")),
                    rng.choice((f"幸福里小区3号楼{i % 3 + 1}单元{i // 3 % 9 + 1}01", f"3-{i % 3 + 1}-{i // 3 % 9 + 1}02",
                                "同上", "", f"王家湾{i // 3}号")),
                    _fuzz_phone(rng), _fuzz_phone(rng) if rng.random() < .2 else "",
                    rng.choice(("户籍人口", "流动人口", "常住", "租户", "", "不详")),
                    rng.choice(("", "", "武汉钢铁公司", "个体")), rng.choice(("", "", "双胞胎之一"))])
    book.save(path)


# -- the comparison ----------------------------------------------------------------------------

def _first_difference(a: Path, b: Path) -> str:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for number, (la, lb) in enumerate(zip(fa, fb), 1):
            if la != lb:
                i = next(k for k, (x, y) in enumerate(zip(la, lb)) if x != y)
                return f"line {number}, at character {i}:\n  other: …{la[max(0, i - 300):i + 300]}\n  this:  …{lb[max(0, i - 300):i + 300]}"
    return f"lengths differ: {sum(1 for _ in open(a))} and {sum(1 for _ in open(b))} lines"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("other", nargs="?")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--fuzz", type=int, default=3000)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--run", nargs=3, metavar=("CODE", "STEPS", "OUT"))
    args = parser.parse_args()
    if args.run:
        _run(args.run[0], json.loads(args.run[1]), Path(args.run[2]))
        return
    other = str(Path(args.other).resolve())
    work = Path(tempfile.mkdtemp(prefix="menshen-same-"))
    sys.path.insert(0, str(ROOT))
    cases: list[tuple[str, list]] = []
    fuzz1, fuzz2 = work / "fuzz1.xlsx", work / "fuzz2.xlsx"
    make_fuzz(fuzz1, args.fuzz, 1)
    make_fuzz(fuzz2, args.fuzz, 2, second=True)
    cases.append(("fuzzed ledger, then a second over it", [(str(fuzz1), "register", ""), (str(fuzz2), "register", "")]))
    for sample in sorted(args.samples.glob("*")):
        if sample.suffix in (".xlsx", ".csv", ".xls"):
            cases.append((sample.name, [(str(sample), None, "幸福里小区")]))
    if not args.skip_big:
        from bench.excel import make_ledger
        big = work / "ledger.xlsx"
        make_ledger(big, args.rows)
        cases.append((f"bench ledger of {args.rows:,} rows", [(str(big), "register", "")]))
    differ = 0
    for label, steps in cases:
        outs = []
        for code in (other, str(ROOT)):
            out = work / f"{len(outs)}-{re.sub(r'[^0-9a-z]+', '_', label.lower())}.jsonl"
            proc = subprocess.run([sys.executable, __file__, "--run", code, json.dumps(steps), str(out)],
                                  capture_output=True, text=True, cwd=ROOT)
            if proc.returncode:
                print(proc.stderr)
                raise SystemExit(f"{label}: the run with {code} failed")
            outs.append(out)
        same = outs[0].read_bytes() == outs[1].read_bytes()
        lines = sum(1 for _ in open(outs[0], encoding="utf-8"))
        print(f"{label}: {'SAME' if same else 'DIFFERENT'} ({lines:,} lines compared)")
        if not same:
            differ += 1
            print(_first_difference(*outs))
    shutil.rmtree(work, ignore_errors=True)
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
