"""The demo community (演示社区): a realistic register to try the program, train staff and
measure speed, without touching anyone's personal data.

It looks like the seed documents' community — 新民社区 in Wuchang, Wuhan: about a dozen old
compounds without property management (6–7 floor walk-ups, two flats a floor), a village group
or two, 6,514 households and about 14,400 people, many of them elderly, a fifth of the flats
rented out. Larger sizes add more communities of the same kind (90,000 households ≈ a street
office of 14 communities, ≈ 200,000 people).

Everything a person would read (names, ID numbers, addresses, statuses) follows from the seed
and the date, so two runs with the same seed make the same community. Places (community,
compound, building, unit) have the natural ids ``desktop.register.places`` gives them, as when a
clerk types them; other row ids are fresh UUIDs.
Rows are written with ``executemany`` in one transaction, and the change-capture triggers fire
for each of them like for any other write: demo rows travel by USB like real ones.
"""
import os
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable

from db.connection import Database
from db.sync.ids import natural_id, uuid7
from desktop.care.demo import make_care_demo
from desktop.demo_names import (HOUSEHOLDS_PER_COMMUNITY, MOBILE_PREFIXES, Names,  # noqa: F401 (re-exported)
                                _cumulative, _given, _surnames)
from desktop.errors import InputError
from desktop.gate.demo import make_gate_demo
from desktop.idnumber import make_resident_id
from desktop.register import places
from desktop.pinyin import name_keys

# Households written per executemany batch, and between two progress reports.
CHUNK = 500
HOUSEHOLDS_PER_COMPOUND = 520
HOUSEHOLDS_PER_VILLAGE_GROUP = 130
VILLAGE_SHARE = 0.04
VACANT_FLATS = 0.06
# Key persons per status in one community of 6,514 households (scaled for other sizes).
STATUS_PER_COMMUNITY = {"home_isolation": 52, "observation": 38, "away": 44}
RELEASED_PER_COMMUNITY = 20        # key persons back to healthy after an isolation

COMMUNITY_NAMES = ("新民", "建设", "和平", "友谊", "中山", "首义", "紫阳", "积玉桥", "粮道街",
                   "大成路", "昙华林", "胭脂路", "彭刘杨路", "复兴路", "中华路", "民主路")
COMPOUND_NAMES = (
    "幸福里小区", "建设新村", "电力宿舍", "水厂院落", "铁路新村", "纺织厂宿舍", "红旗小区",
    "粮食局宿舍", "和平里", "工人新村", "邮电宿舍", "棉纺厂宿舍", "中南小区", "民主新村", "友谊里",
    "武重宿舍", "港务局宿舍", "机务段宿舍", "车辆厂宿舍", "二轻局宿舍", "供电局宿舍", "医院宿舍",
    "东亭小区", "秀湖小区", "长春街院落", "新华里", "解放新村", "胜利街院落", "团结小区", "光明里",
    "向阳新村", "紫阳小区", "首义小区", "积玉桥新村", "大成里", "复兴里", "中山路院落", "教育局宿舍",
    "航运宿舍", "锅炉厂宿舍", "汽修厂宿舍", "印刷厂宿舍", "商业局宿舍", "自来水宿舍", "园林局宿舍",
)
COMPOUND_PREFIXES = ("幸福", "建设", "电力", "水厂", "铁路", "纺织", "红旗", "粮食", "和平", "工人",
                     "邮电", "棉纺", "中南", "民主", "友谊", "东亭", "秀湖", "长春", "新华", "解放",
                     "胜利", "团结", "光明", "向阳", "紫阳", "首义", "复兴", "大成", "航运", "园林")
COMPOUND_SUFFIXES = ("里", "新村", "宿舍", "院落", "小区", "大院", "花园")
VILLAGE_SUFFIXES = ("湾", "墩", "台", "岭", "嘴", "畈", "垅", "坡", "咀", "店")
STREETS = ("新民路", "解放路", "中山路", "民主路", "武珞路", "和平大道", "中华路", "粮道街", "胭脂路",
           "彭刘杨路", "复兴路", "首义路", "大成路", "紫阳路", "积玉桥街", "临江大道", "中南路")

# Region codes (the first six digits of an ID number) and the place they name.
WUHAN = (("420106", "湖北省武汉市武昌区", 55), ("420102", "湖北省武汉市江岸区", 12),
         ("420103", "湖北省武汉市江汉区", 8), ("420104", "湖北省武汉市硚口区", 7),
         ("420105", "湖北省武汉市汉阳区", 5), ("420111", "湖北省武汉市洪山区", 8),
         ("420107", "湖北省武汉市青山区", 5))
HUBEI = (("420902", "湖北省孝感市孝南区", 20), ("421102", "湖北省黄冈市黄州区", 18),
         ("421002", "湖北省荆州市沙市区", 12), ("420502", "湖北省宜昌市西陵区", 8),
         ("420602", "湖北省襄阳市襄城区", 8), ("421202", "湖北省咸宁市咸安区", 10),
         ("420702", "湖北省鄂州市鄂城区", 8), ("420202", "湖北省黄石市黄石港区", 8))
ELSEWHERE = (("411502", "河南省信阳市浉河区", 14), ("411302", "河南省南阳市宛城区", 10),
             ("430602", "湖南省岳阳市岳阳楼区", 12), ("360402", "江西省九江市濂溪区", 8),
             ("340102", "安徽省合肥市瑶海区", 8), ("500101", "重庆市万州区", 8),
             ("510104", "四川省成都市锦江区", 6), ("441303", "广东省惠州市惠阳区", 4),
             ("321302", "江苏省宿迁市宿城区", 4), ("130102", "河北省石家庄市长安区", 3))
LOCAL_REGION = "420106"            # children born here are registered in Wuchang

TRAVEL_FROM = ("湖北省孝感市", "湖北省黄冈市", "湖北省荆州市", "湖北省咸宁市", "河南省信阳市",
               "湖南省岳阳市", "广东省深圳市", "广东省广州市", "浙江省温州市", "江西省九江市",
               "安徽省合肥市", "重庆市万州区", "上海市", "北京市")
TRANSPORT = ("自驾", "火车", "高铁", "长途汽车", "飞机")
WORK_PLACES = ("中百仓储", "武汉公交集团", "街道办事处", "区人民医院", "社区卫生服务中心", "个体经营",
               "外卖配送", "快递公司", "建筑工地", "武汉地铁", "区教育局", "汽车配件公司", "银行网点",
               "物流园", "酒店", "小学", "电力公司", "餐馆")


# Household kinds: (kind, weight) for a flat in a compound and for a village house. Tuned so
# that a community has ≈ 2.21 people a household and over a quarter of them aged 60+.
COMPOUND_KINDS = (("elder_alone", 12), ("empty_nest", 18), ("single", 8), ("couple", 7),
                  ("family", 19), ("three_gen", 6), ("single_parent", 3), ("elder_with_child", 4),
                  ("tenant_single", 9), ("tenant_shared", 3), ("tenant_family", 10))
VILLAGE_KINDS = (("elder_alone", 10), ("empty_nest", 20), ("couple", 8), ("family", 25),
                 ("three_gen", 25), ("elder_with_child", 12))

KEY_REASONS = {
    "home_isolation": (("近14天从外地返回", 7), ("确诊病例的密切接触者", 3)),
    "observation": (("近14天从外地返回", 4), ("发热门诊就诊，排除后居家观察", 3),
                    ("集中隔离期满，居家医学观察", 2), ("密切接触者的密切接触者", 1)),
    "away": (("春节前离汉，滞留外地", 1),),
}
STATUS_REASONS = {
    "近14天从外地返回": "外地返回，社区通知居家隔离14天",
    "确诊病例的密切接触者": "疾控通知：密切接触者，居家隔离",
    "发热门诊就诊，排除后居家观察": "发热门诊排除，居家医学观察",
    "集中隔离期满，居家医学观察": "集中隔离期满，转居家医学观察",
    "密切接触者的密切接触者": "次密接，居家医学观察",
}

_PERSON_COLUMNS = ("id", "full_name", "name_pinyin", "name_initials", "id_type", "id_number", "sex",
                   "birth_date", "phone", "residence_kind", "hukou_address", "is_key_person",
                   "key_reason", "status", "status_reason", "status_since", "status_by",
                   "work_place", "note", "merged_into", "is_deleted", "created_site", "created_wall")
_COLUMNS = {
    "community": ("id", "name", "kind", "code", "is_deleted", "created_site", "created_wall"),
    "grid": ("id", "community_id", "name", "worker_name", "worker_phone", "is_deleted",
             "created_site", "created_wall"),
    "compound": ("id", "community_id", "grid_id", "name", "kind", "address",
                 "has_property_management", "is_deleted", "created_site", "created_wall"),
    "building": ("id", "compound_id", "number", "grid_id", "is_deleted", "created_site",
                 "created_wall"),
    "unit": ("id", "building_id", "number", "is_deleted", "created_site", "created_wall"),
    "household": ("id", "compound_id", "building_id", "unit_id", "room", "address_text", "tenure",
                  "landlord_person_id", "landlord_name", "landlord_phone", "note", "is_deleted",
                  "created_site", "created_wall"),
    "person": _PERSON_COLUMNS,
    "membership": ("id", "household_id", "person_id", "relation", "is_deleted", "created_site",
                   "created_wall"),
    "status_change": ("id", "person_id", "old_status", "new_status", "reason", "changed_by",
                      "changed_at", "created_site"),
    "travel_record": ("id", "person_id", "from_place", "arrived_on", "transport", "note",
                      "recorded_by", "recorded_at", "created_site"),
}
# Places first, then households and the people in them, then their histories.
_TABLE_ORDER = tuple(_COLUMNS)
_INSERT = {t: f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
           for t, cols in _COLUMNS.items()}


@dataclass(frozen=True)
class DemoSummary:
    """What ``make_demo`` wrote, for the command line's summary line and the tests."""
    communities: int
    compounds: int                 # village groups included
    village_groups: int
    buildings: int
    units: int
    households: int
    rented_households: int
    people: int
    elderly: int                   # aged 60 or over
    key_persons: int
    healthy: int
    home_isolation: int
    observation: int
    away: int
    travel_records: int

    def status_counts(self) -> dict[str, int]:
        return {"healthy": self.healthy, "home_isolation": self.home_isolation,
                "observation": self.observation, "away": self.away}


# -- the generator ------------------------------------------------------------------------------
@dataclass
class _Member:
    """One person of a household being made, before names and numbers are drawn."""
    relation: str
    sex: str
    age: int
    surname: str
    origin: str = "wuhan"                 # wuhan | hubei | elsewhere: where the ID was issued
    residence: str = "registered"


@dataclass
class _Place:
    """One flat or house a household will live in."""
    compound: int                         # index into _Demo.compounds
    building_id: str | None
    building: str
    unit_id: str | None
    unit: str
    room: str
    address_text: str


class _Demo(Names):
    """The state of one run: the random stream, the rows waiting to be written, the counts."""

    def __init__(self, db: Database, households: int, seed: int, today: date):
        self.db, self.n, self.today = db, households, today
        self.rng = random.Random(seed)
        self.site = db.site.site_id
        # The register as built before the first status of its history (40 days back at most):
        # made "now", the Today page's 较昨日 would count everyone as registered today.
        self.wall = datetime.combine(today - timedelta(days=60), time(9)).isoformat(timespec="seconds")
        self.rows: dict[str, list[tuple]] = {t: [] for t in _TABLE_ORDER}
        self.compounds: list[dict] = []
        self.places: list[_Place] = []
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()
        self.keys: dict[str, tuple[str, str]] = {}
        self.heads_by_compound: dict[int, list[tuple[str, str, str | None]]] = {}
        self.counts = dict.fromkeys(("buildings", "units", "rented", "people", "elderly",
                                     "key_persons", "travel"), 0)
        self.status_counts = dict.fromkeys(("healthy", "home_isolation", "observation", "away"), 0)
        self.surnames, self.surname_weights = _surnames()
        self.given = _given()
        self.regions = {o: ([r[0] for r in table], [r[1] for r in table], _cumulative(r[2] for r in table))
                        for o, table in (("wuhan", WUHAN), ("hubei", HUBEI), ("elsewhere", ELSEWHERE))}
        self.region_place = {r[0]: r[1] for table in (WUHAN, HUBEI, ELSEWHERE) for r in table}
        self.staff: list[str] = []
        self.communities: list[str] = []
        self.grids: dict[tuple, str] = {}

    # -- small draws -----------------------------------------------------------------------
    def name_keys(self, name: str) -> tuple[str, str]:
        """pypinyin is slow and names repeat a lot, so each name is looked up once."""
        keys = self.keys.get(name)
        if keys is None:
            keys = self.keys[name] = name_keys(name)
        return keys

    def phone(self) -> str:
        rng = self.rng
        while True:
            number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def birth_date(self, age: int) -> date:
        born = date(self.today.year - age, 1, 1) + timedelta(days=self.rng.randrange(365))
        if born > self.today:             # a baby whose birthday this year is still to come
            born = self.today - timedelta(days=self.rng.randrange(1, 200))
        return born

    def region(self, origin: str) -> str:
        codes, _, cum = self.regions[origin]
        return self.rng.choices(codes, cum_weights=cum)[0]

    def id_number(self, region: str, born: date, male: bool) -> str:
        """A valid number nobody else in the demo has (the register forbids duplicates)."""
        rng = self.rng
        while True:
            number = make_resident_id(region, born, rng.randrange(500), male)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def moment(self, days_ago: int) -> str:
        """A time during office hours ``days_ago`` days before today, as stored."""
        at = time(self.rng.randrange(8, 20), self.rng.randrange(60))
        return datetime.combine(self.today - timedelta(days=days_ago), at).isoformat(timespec="seconds")

    def row(self, table: str, *values) -> None:
        self.rows[table].append(values)

    def new_id(self) -> str:
        return uuid7()

    # -- places ----------------------------------------------------------------------------
    def plan_places(self) -> None:
        """Communities, grids, compounds, buildings and units, and the flat of each household."""
        rng, n = self.rng, self.n
        village_n = max(1, round(n * VILLAGE_SHARE)) if n >= 20 else 0
        flat_n = n - village_n
        n_communities = max(1, round(n / HOUSEHOLDS_PER_COMMUNITY))
        n_compounds = max(1, round(flat_n / HOUSEHOLDS_PER_COMPOUND)) if flat_n else 0
        n_groups = max(1, round(village_n / HOUSEHOLDS_PER_VILLAGE_GROUP)) if village_n else 0
        self.staff = [self.full_name(rng.choice("MFF"), rng.randrange(1965, 1998))
                      for _ in range(max(14, 14 * n_communities))]

        self.communities = []
        for i in range(n_communities):
            name = (COMMUNITY_NAMES[i] if i < len(COMMUNITY_NAMES) else f"新民{i + 1}") + "社区"
            code = f"420106002{i + 1:03d}"
            cid = places.community_id(code)          # places have the ids a clerk's entry gives them
            self.communities.append(cid)
            self.row("community", cid, name, "community", code, 0, self.site, self.wall)

        # Compounds are handed to communities in runs, so each community is a neighbourhood;
        # a grid (网格) covers two neighbouring compounds, a village group has its own.
        names = self._compound_names(n_compounds)
        quotas = self._split(flat_n, n_compounds)
        in_community = [0] * n_communities
        for i, (name, quota) in enumerate(zip(names, quotas)):
            community = i * n_communities // n_compounds
            grid = self._grid(community, ("compounds", in_community[community] // 2))
            in_community[community] += 1
            address = f"{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
            self._add_compound(community, grid, name, "compound", address, 1 if rng.random() < 0.15 else 0)
            self._fill_buildings(len(self.compounds) - 1, grid, quota)

        villages = self._village_names(n_groups)
        for j, (place, quota) in enumerate(zip(villages, self._split(village_n, n_groups))):
            community = j % n_communities
            grid = self._grid(community, ("village", j))
            group = f"{place}村民小组"
            self._add_compound(community, grid, group, "village_group", place, 0)
            index = len(self.compounds) - 1
            numbers = sorted(rng.sample(range(1, quota * 2 + 20), quota))
            # kept as a clerk typing 王家湾17号 under 王家湾村民小组 would keep it: 17号
            self.places += [_Place(index, None, "", None, "", "", places.house_address(group, f"{place}{k}号"))
                            for k in numbers]

    def _grid(self, community: int, key: tuple) -> str:
        """The grid with this key in the community, made on first use."""
        if (community, key) not in self.grids:
            gid = self.new_id()
            number = sum(1 for c, _ in self.grids if c == community) + 1
            worker = self.staff[(community * 14 + number) % len(self.staff)]
            self.row("grid", gid, self.communities[community], f"第{number}网格", worker, self.phone(), 0,
                     self.site, self.wall)
            self.grids[(community, key)] = gid
        return self.grids[(community, key)]

    def _add_compound(self, community: int, grid_id: str, name: str, kind: str, address: str,
                      managed: int) -> None:
        cid = places.compound_id(self.communities[community], name)
        self.compounds.append({"id": cid, "name": name, "kind": kind, "grid": grid_id})
        self.row("compound", cid, self.communities[community], grid_id, name, kind, address, managed, 0, self.site,
                 self.wall)

    def _split(self, total: int, parts: int) -> list[int]:
        """``total`` cut into ``parts`` uneven pieces (compounds differ in size)."""
        if not parts:
            return []
        weights = [self.rng.uniform(0.5, 1.5) for _ in range(parts)]
        cum, out, given = 0.0, [], 0
        for w in weights:
            cum += w
            upto = round(total * cum / sum(weights))
            out.append(upto - given)
            given = upto
        return out

    def _fill_buildings(self, compound: int, grid_id: str, quota: int) -> None:
        """Walk-ups of 6–7 floors, 1–4 units, two flats a floor, until ``quota`` flats are let."""
        rng, cid, number = self.rng, self.compounds[compound]["id"], 0
        while quota > 0:
            number += 1
            bid = places.building_id(cid, str(number))
            self.row("building", bid, cid, str(number), grid_id, 0, self.site, self.wall)
            self.counts["buildings"] += 1
            floors = rng.choice((6, 6, 7))
            units = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 2))[0]
            for u in range(1, units + 1):
                # A one-unit block has no unit number on its doors: '5栋302'.
                uid = None
                if units > 1:
                    uid = places.unit_id(bid, str(u))
                    self.row("unit", uid, bid, str(u), 0, self.site, self.wall)
                    self.counts["units"] += 1
                for floor in range(1, floors + 1):
                    for flat in (1, 2):
                        if quota > 0 and rng.random() >= VACANT_FLATS:
                            self.places.append(_Place(compound, bid, str(number), uid,
                                                      str(u) if uid else "", f"{floor}{flat:02d}", ""))
                            quota -= 1

    def _compound_names(self, count: int) -> list[str]:
        names = list(COMPOUND_NAMES)
        self.rng.shuffle(names)
        names.remove("幸福里小区")
        names.insert(0, "幸福里小区")       # the compound the seed documents start with
        seen = set(names)
        while len(names) < count:
            name = self.rng.choice(COMPOUND_PREFIXES) + self.rng.choice(COMPOUND_SUFFIXES)
            if name in seen:
                name += self.rng.choice(("二区", "三区", "东院", "西院", "北院", "南院"))
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names[:count]

    def _village_names(self, count: int) -> list[str]:
        names, seen = [], set()
        for fixed in ("王家湾", "李家墩"):
            names.append(fixed)
            seen.add(fixed)
        while len(names) < count:
            name = self.surname()[0] + "家" + self.rng.choice(VILLAGE_SUFFIXES)
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names[:count]

    # -- households ------------------------------------------------------------------------
    def members(self, kind: str) -> list[_Member]:
        """Who lives in a household of this kind: relations, sexes and ages."""
        rng = self.rng
        surname = self.surname()

        def couple(lo: int, hi: int, origin: str = "wuhan", residence: str = "registered") -> list[_Member]:
            age = rng.randint(lo, hi)
            wife_age = min(max(age - rng.choice((0, 1, 2, 2, 3, 4, 5)), 18), 99)
            wife_origin = origin if rng.random() < 0.75 else ("hubei" if origin == "wuhan" else origin)
            man, woman = _Member("head", "M", age, surname, origin, residence), \
                _Member("spouse", "F", wife_age, self.surname(), wife_origin, residence)
            if rng.random() < 0.2:        # the wife is the head of the household
                man.relation, woman.relation = "spouse", "head"
                return [woman, man]
            return [man, woman]

        def children(parent_age: int, count: int, origin: str = "wuhan",
                     residence: str = "registered", name: str = "") -> list[_Member]:
            out = []
            for _ in range(count):
                age = parent_age - rng.randint(22, 36)
                if age < 0:               # a young parent: a young child
                    age = rng.randint(0, max(parent_age - 22, 0))
                out.append(_Member("child", rng.choice("MF"), age, name or surname, origin, residence))
            return out

        if kind == "elder_alone":
            sex = "F" if rng.random() < 0.65 else "M"
            return [_Member("head", sex, self.elderly_age(65), surname)]
        if kind == "empty_nest":
            return couple(61, 88)
        if kind == "single":
            return [_Member("head", rng.choice("MF"), rng.randint(22, 59), surname)]
        if kind == "couple":
            return couple(24, 59)
        if kind == "family":
            family = couple(28, 52)
            return family + children(family[0].age, 1 if rng.random() < 0.76 else 2)
        if kind == "three_gen":
            man = _Member("head", "M", rng.randint(30, 52), surname)
            wife = _Member("spouse", "F", max(man.age - rng.randint(0, 5), 24), self.surname())
            elders = [_Member("parent", "M", min(man.age + rng.randint(24, 32), 96), surname),
                      _Member("parent", "F", min(man.age + rng.randint(22, 30), 96), self.surname())]
            if rng.random() < 0.45:       # a widowed grandparent
                elders.pop(rng.randrange(2))
            kids = children(man.age, 1 if rng.random() < 0.7 else 2)
            if rng.random() < 0.5:        # the flat is the grandparents': one of them is head
                elders[0].relation = "head"
                if len(elders) == 2:
                    elders[1].relation = "spouse"
                man.relation, wife.relation = "child", "child_in_law"
                for kid in kids:
                    kid.relation = "grandchild"
                return elders + [man, wife] + kids
            return [man, wife] + elders + kids
        if kind == "single_parent":
            parent = _Member("head", "F" if rng.random() < 0.7 else "M", rng.randint(30, 52), surname)
            return [parent] + children(parent.age, 1)
        if kind == "elder_with_child":
            parent = _Member("head", "F" if rng.random() < 0.6 else "M", self.elderly_age(68), surname)
            return [parent, _Member("child", rng.choice("MF"), max(parent.age - rng.randint(24, 34), 30),
                                    surname)]
        origin = "hubei" if rng.random() < 0.5 else "elsewhere"
        residence = "floating" if rng.random() < 0.6 else "resident"
        if kind == "tenant_single":
            return [_Member("head", rng.choice("MMF"), rng.randint(19, 45), surname, origin, residence)]
        if kind == "tenant_shared":       # workers sharing a flat, each a tenant of their own
            people = [_Member("head", "M" if rng.random() < 0.7 else "F", rng.randint(19, 48), surname,
                              origin, residence)]
            for _ in range(rng.randint(1, 3)):
                people.append(_Member("tenant", people[0].sex, rng.randint(18, 50), self.surname(),
                                      origin, residence))
            return people
        family = couple(24, 48, origin, residence)
        if rng.random() < 0.5:
            family += children(family[0].age, 1, origin=origin, residence=residence)
        return family

    def elderly_age(self, lo: int) -> int:
        """An old person's age: many in their late 60s and 70s, fewer past 85."""
        return min(lo + int(self.rng.expovariate(1 / 9)), 98)

    def household(self, index: int, place: _Place, special: str | None) -> None:
        rng, compound = self.rng, self.compounds[place.compound]
        village = compound["kind"] == "village_group"
        kind = rng.choices(*zip(*(VILLAGE_KINDS if village else COMPOUND_KINDS)))[0]
        people = self.members(kind)
        hid = self.new_id()
        where = (f"{place.building}栋" + (f"{place.unit}单元" if place.unit else "") + f"{place.room}室"
                 if place.room else place.address_text)
        hukou_here = "湖北省武汉市武昌区" + compound["name"] + where

        tenure, landlord_id, landlord_name, landlord_phone = "owned", None, None, None
        if kind.startswith("tenant"):
            tenure = "rented"
            self.counts["rented"] += 1
            earlier = self.heads_by_compound.get(place.compound)
            if earlier and rng.random() < 0.15:    # the landlord lives in the same compound
                landlord_id, landlord_name, landlord_phone = rng.choice(earlier)
            else:
                landlord_name = self.full_name(rng.choice("MF"), self.today.year - rng.randint(40, 75))
                landlord_phone = self.phone()

        pick = self.pick_special(people, special) if special else None
        head_row = None
        for member in people:
            pid = self.new_id()
            born = self.birth_date(member.age)
            name = self.full_name(member.sex, born.year, member.surname)
            region = LOCAL_REGION if member.origin == "wuhan" and member.age < 30 else self.region(member.origin)
            number = self.id_number(region, born, member.sex == "M")
            phone = self.person_phone(member.age)
            work = rng.choice(WORK_PLACES) if 20 <= member.age < 60 and rng.random() < 0.6 else None
            hukou = hukou_here if member.residence == "registered" else self.region_place[region]
            initials, pinyin = self.name_keys(name)
            status = ("healthy", None, None, None, None)
            key, key_reason = 0, None
            if member is pick:
                key, key_reason, status = self.special_status(pid, special)
            self.status_counts[status[0]] += 1
            self.counts["key_persons"] += key
            self.counts["people"] += 1
            self.counts["elderly"] += member.age >= 60
            self.row("person", pid, name, pinyin, initials, "resident_id", number, member.sex,
                     born.isoformat(), phone, member.residence, hukou, key, key_reason, status[0],
                     status[1], status[2] or self.wall, status[3], work, None, None, 0, self.site, self.wall)
            self.row("membership", natural_id("membership", hid, pid), hid, pid, member.relation, 0,
                     self.site, self.wall)
            if member.relation == "head":
                head_row = (pid, name, phone)
        if tenure == "owned" and head_row and head_row[2] and not village:
            self.heads_by_compound.setdefault(place.compound, []).append(head_row)
        self.row("household", hid, compound["id"], place.building_id, place.unit_id, place.room or None,
                 place.address_text or None, tenure, landlord_id, landlord_name, landlord_phone, None, 0,
                 self.site, self.wall)

    def person_phone(self, age: int) -> str | None:
        """Most adults have a mobile; many of the very old and all young children do not."""
        chance = 0.0 if age < 12 else 0.5 if age < 18 else 0.97 if age < 60 else 0.8 if age < 75 else 0.45
        return self.phone() if self.rng.random() < chance else None

    # -- key persons and the four colours --------------------------------------------------
    def plan_specials(self) -> dict[int, str]:
        """Which households hold a key person, and of what kind: exact counts, scaled by size."""
        scale = self.n / HOUSEHOLDS_PER_COMMUNITY
        wanted = [s for s, k in STATUS_PER_COMMUNITY.items() for _ in range(max(1, round(k * scale)))]
        wanted += ["released"] * round(RELEASED_PER_COMMUNITY * scale)
        chosen = self.rng.sample(range(self.n), min(len(wanted), self.n))
        return dict(zip(chosen, wanted))

    def pick_special(self, people: list[_Member], special: str) -> _Member:
        top = 60 if special == "away" else 75
        fit = [m for m in people if 18 <= m.age <= top] or people
        return self.rng.choice(fit)

    def special_status(self, pid: str, special: str) -> tuple[int, str, tuple]:
        """Mark a key person: status with its history row, and the journey home if they travelled.
        Returns (is_key_person, key_reason, (status, reason, since, by))."""
        rng = self.rng
        staff = rng.choice(self.staff)
        if special == "released":            # isolated, then released: two history rows
            arrived = rng.randint(18, 26)
            start, end = self.moment(arrived - 1), self.moment(arrived - 15)
            self.travel(pid, arrived, staff)
            self.row("status_change", self.new_id(), pid, "healthy", "home_isolation",
                     STATUS_REASONS["近14天从外地返回"], staff, start, self.site)
            self.row("status_change", self.new_id(), pid, "home_isolation", "healthy",
                     "居家隔离14天期满，无异常，解除隔离", staff, end, self.site)
            return 1, "居家隔离期满解除", ("healthy", "居家隔离14天期满，无异常，解除隔离", end, staff)
        reasons = KEY_REASONS[special]
        key_reason = rng.choices([r for r, _ in reasons], weights=[w for _, w in reasons])[0]
        days = rng.randint(1, 13)
        if special == "away":
            status_reason = f"外出在{rng.choice(TRAVEL_FROM)}，暂未返回"
            days = rng.randint(14, 40)
        else:
            status_reason = STATUS_REASONS[key_reason]
            if key_reason == "近14天从外地返回":
                self.travel(pid, days, staff)
        since = self.moment(max(days - 1, 0) if special != "away" else days)
        self.row("status_change", self.new_id(), pid, "healthy", special, status_reason, staff, since,
                 self.site)
        return 1, key_reason, (special, status_reason, since, staff)

    def travel(self, pid: str, days_ago: int, staff: str) -> None:
        arrived = (self.today - timedelta(days=days_ago)).isoformat()
        self.row("travel_record", self.new_id(), pid, self.rng.choice(TRAVEL_FROM), arrived,
                 self.rng.choice(TRANSPORT), None, staff, self.moment(max(days_ago - 1, 0)), self.site)
        self.counts["travel"] += 1

    # -- writing ---------------------------------------------------------------------------
    def flush(self, conn) -> None:
        for table in _TABLE_ORDER:
            if self.rows[table]:
                conn.executemany(_INSERT[table], self.rows[table])
                self.rows[table].clear()


def make_demo(db: Database, households: int = HOUSEHOLDS_PER_COMMUNITY, seed: int = 7,
              progress: Callable[[int, int], None] | None = None, *,
              today: date | None = None) -> DemoSummary:
    """Fill ``db`` with a demo community of ``households`` households (演示社区).

    ``progress(done, total)`` is called after each batch of households; an exception raised
    from it (a cancel button) rolls everything back. ``today`` fixes the dates (ages, the last
    14 days) so that tests can compare two runs across midnight.
    """
    if households < 1:
        raise ValueError("演示社区至少要有1户。")
    demo = _Demo(db, households, seed, today or date.today())
    with db.transaction() as conn:
        demo.plan_places()
        specials = demo.plan_specials()
        demo.flush(conn)
        for index, place in enumerate(demo.places):
            demo.household(index, place, specials.get(index))
            done = index + 1
            if done % CHUNK == 0 or done == households:
                demo.flush(conn)
                if progress:
                    progress(done, households)
    c, s = demo.counts, demo.status_counts
    villages = sum(1 for x in demo.compounds if x["kind"] == "village_group")
    return DemoSummary(
        communities=len(demo.communities), compounds=len(demo.compounds),
        village_groups=villages, buildings=c["buildings"], units=c["units"], households=len(demo.places),
        rented_households=c["rented"], people=c["people"], elderly=c["elderly"],
        key_persons=c["key_persons"], healthy=s["healthy"], home_isolation=s["home_isolation"],
        observation=s["observation"], away=s["away"], travel_records=c["travel"])


def make_demo_database(path: Path | str, households: int = HOUSEHOLDS_PER_COMMUNITY, seed: int = 7,
                       progress: Callable[[int, int], None] | None = None, days: int = 14) -> DemoSummary:
    """Open (or create) the database at ``path`` and fill it with the demo community.

    Only an empty register is filled: demo people mixed into real ones could never be told apart.
    ``households=0`` makes the database and nothing in it: an empty register, ready for an
    import of the office's ledgers or a first sync from another office machine.
    """
    if households < 0:
        raise InputError("households", f"户数不能是负数：{households}")
    path = Path(path)
    if households and not path.exists() and not Path(f"{path}-wal").exists():
        # A new file is built under a temporary name and renamed once whole: a build cancelled,
        # cut off by a full disk or killed left a register with the people but no gate logs or
        # accounts, which the next start opened as the demo and ``demo`` refused to fill again.
        part = path.with_name(path.name + ".part")
        _remove_built(part)
        try:
            summary = _fill_demo(part, households, seed, progress, days)
            for side in ("-wal", "-shm"):           # closed cleanly there are none; kept in pairs
                if Path(f"{part}{side}").exists():
                    os.replace(f"{part}{side}", f"{path}{side}")
            os.replace(part, path)
        finally:
            _remove_built(part)
        return summary
    return _fill_demo(path, households, seed, progress, days)


def _remove_built(part: Path) -> None:
    from db.driver import _remove
    _remove(part)
    for lock in ("-writer", "-window"):
        try:
            Path(f"{part}{lock}").unlink()
        except OSError:
            pass


def _fill_demo(path: Path, households: int, seed: int, progress, days: int) -> DemoSummary:
    from desktop.app import open_app          # the composition root; not needed by make_demo
    app = open_app(path)
    try:
        with app.db.reading() as conn:
            people = conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0").fetchone()[0]
            compounds = conn.execute("SELECT count(*) FROM compound WHERE is_deleted = 0").fetchone()[0]
        if people:
            raise InputError("db", f"数据库“{path}”里已经登记了{people}个人员，不能再生成演示社区。"
                             "演示社区只能生成在新的空数据库里。")
        if compounds:
            raise InputError("db", f"数据库“{path}”里已经登记了{compounds}个小区（院落），不能再生成演示社区。"
                             "演示社区只能生成在新的空数据库里。")
        if households == 0:
            return DemoSummary(*([0] * 15))
        summary = make_demo(app.db, households, seed, progress)
        make_gate_demo(app.db, days, seed)
        make_care_demo(app.db, seed)
        from desktop.canvass.demo import make_canvass_demo
        from desktop.duty.demo import make_duty_demo
        make_duty_demo(app.db, app.register, seed)
        make_canvass_demo(app.db, app.register, seed)
        from desktop.accounts.session import make_demo_accounts
        make_demo_accounts(app.db)      # one account of each role, shown on its login screen
        return summary
    finally:
        app.close()
