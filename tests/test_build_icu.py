"""The Linux folder's smaller ICU data (resources/packaging/slim_icu.py, issue 18): Qt sorts
Chinese and English, names time zones and finds converters exactly as with the full data,
from a library a quarter of the size. The Qt wheel's own data library is the input."""
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux's Qt ships ICU")

spec = importlib.util.spec_from_file_location("slim_icu", ROOT / "resources" / "packaging" / "slim_icu.py")
slim_icu = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slim_icu)

# What Qt asks ICU for: collation (with numeric mode, as a file dialog sorts), time-zone names,
# converters by name, and locale case mapping. Printed one result a line, to compare.
QT_USES_ICU = r"""
import sys
from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QStringConverter, QStringDecoder, QTimeZone
app = QCoreApplication(sys.argv)
words = ["张三", "李四", "王五", "赵六", "阿明", "欧阳", "bob", "Alice", "Émile", "file10", "file9", "1栋10单元", "1栋9单元"]
for locale in ("zh_CN", "zh_TW", "en_US", "de_DE", "ug_CN"):
    collator = QCollator(QLocale(locale))
    collator.setNumericMode(True)
    print(locale, sorted(words, key=collator.sortKey))
zone = QTimeZone(b"Asia/Shanghai")
for locale in ("zh_CN", "en_US"):
    print(zone.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(locale)))
for name in ("GB18030", "GBK", "Big5", "windows-1252", "Shift_JIS"):
    print(name, QStringDecoder(name).isValid())
print(len(QStringConverter.availableCodecs()))
print(QLocale("tr_TR").toUpper("istanbul"))
"""


def wheel_icu_data() -> Path:
    import PySide6
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no ICU of its own")
    return found[0]


def qt_with(library: Path | None) -> str:
    """What Qt answers with ``library`` loaded in place of the wheel's ICU data (the dynamic
    loader takes an already loaded library of the same soname for Qt's own)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if library:
        env["LD_PRELOAD"] = str(library)
    done = subprocess.run([sys.executable, "-c", QT_USES_ICU], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def slim(tmp_path_factory):
    full = wheel_icu_data()
    path = tmp_path_factory.mktemp("icu") / full.name
    shutil.copyfile(full, path)
    before, after = slim_icu.slim_in_place(path)
    return path, before, after


def test_qt_answers_the_same_from_the_slim_data(slim):
    path, before, after = slim
    assert after < before / 3
    full_answers = qt_with(None)
    assert "阿明" in full_answers.splitlines()[0] and "中国标准时间" in full_answers
    assert qt_with(path) == full_answers


def test_the_comparison_sees_the_data_that_is_loaded(slim, tmp_path):
    """Without Chinese collation Qt sorts 张三 before 阿明: so the comparison above would see a
    slimmed library that lost what Qt needs."""
    image = wheel_icu_data().read_bytes()
    broken = tmp_path / wheel_icu_data().name
    broken.write_bytes(slim_icu.slim_library(
        image, keep=lambda item: slim_icu.kept(item) and "/coll/zh" not in item))
    zh_order = qt_with(broken).splitlines()[0]
    assert zh_order.index("张三") < zh_order.index("阿明")


def test_every_kept_item_has_what_it_depends_on(slim, tmp_path):
    """ICU's own package tool checks that no kept item refers to one that was dropped (an
    alias to a locale, a collation's parent)."""
    icupkg = shutil.which("icupkg")
    if icupkg is None:
        pytest.fail("icupkg is missing: .ci/setup installs Debian's icu-devtools")
    path, _, _ = slim
    image = path.read_bytes()
    header, items = slim_icu.package_items(image[0x1000:])
    prefix = items[0][0].split("/")[0]
    dat = tmp_path / f"{prefix}.dat"
    dat.write_bytes(slim_icu.build_package(header, items))
    done = subprocess.run([icupkg, "-l", str(dat)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "missing" not in done.stderr, done.stderr[-2000:]
    listed = set(done.stdout.split())
    assert "coll/zh.res" in listed and "gb18030.cnv" in listed and "zoneinfo64.res" in listed
    assert "brkitr/cjdict.dict" not in listed and "fr.res" not in listed


@pytest.mark.parametrize("item, keep", [
    ("icudt73l/coll/zh.res", True), ("icudt73l/zh_Hans_CN.res", True), ("icudt73l/en_GB.res", True),
    ("icudt73l/root.res", True), ("icudt73l/coll/root.res", True), ("icudt73l/pool.res", True),
    ("icudt73l/gb18030.cnv", True), ("icudt73l/zoneinfo64.res", True), ("icudt73l/zone/zh.res", True),
    ("icudt73l/fr.res", False), ("icudt73l/coll/de_.res", False), ("icudt73l/brkitr/cjdict.dict", False),
    ("icudt73l/translit/root.res", False), ("icudt73l/unames.icu", False), ("icudt73l/rfc3491.spp", False),
])
def test_what_is_kept(item, keep):
    assert slim_icu.kept(item) is keep


def test_a_file_that_is_not_the_icu_data_library_is_refused(tmp_path):
    with pytest.raises(ValueError):
        slim_icu.slim_library(Path(os.path.realpath(sys.executable)).read_bytes())
