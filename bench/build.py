"""Build benchmark: the one-folder program's size and start-up time (issue 18).

    .venv/bin/python bench/build.py [--folder dist/menshen-X]   # build (or take) the folder, measure it
    .venv/bin/python bench/build.py --bare-debian /tmp/bare     # also run it on a bare Debian 12 (root)

Builds the folder with ``pyinstaller build.spec`` (unless ``--folder`` names one), prints its size
and largest parts, then starts the built program on a small demo community: to a saved
``--screenshot`` off screen, and, under Xvfb with xdotool, to the first window shown on screen
(the login of the demo's accounts), once with an empty font cache (the first start, which
unpacks the faces) and then warm.

``--bare-debian DIR``: DIR is a Debian 12 made with ``debootstrap --variant=minbase bookworm DIR``.
The Debian packages Qt itself needs are installed in it (tests/test_build.py's QT_NEEDS), the
folder is copied in, and the program makes a demo, saves a screenshot and prints a PDF there.

Targets: under 150 MB unpacked; start-up to a usable window under 2 s; runs on a bare Debian 12
with only the libraries Qt itself needs.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(work: Path) -> Path:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), str(ROOT / "build.spec")], cwd=ROOT, check=True,
                   capture_output=True)
    print(f"build: {time.perf_counter() - started:.1f} s")
    [folder] = (work / "dist").iterdir()
    return folder


def sizes(folder: Path) -> None:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    print(f"folder: {total / 1e6:.1f} MB ({total / 2**20:.1f} MiB), {len(files)} files")
    for p in sorted(files, key=lambda p: -p.stat().st_size)[:12]:
        print(f"  {p.stat().st_size / 1e6:6.1f} MB  {p.relative_to(folder)}")


def start_ups(folder: Path, work: Path) -> None:
    program = folder / ("menshen.exe" if sys.platform == "win32" else "menshen")
    home = work / "home"
    env = {**os.environ, "MENSHEN_HOME": str(home)}
    db = work / "demo.db"
    subprocess.run([str(program), "demo", "--db", str(db), "--households", "50"], env=env, check=True,
                   capture_output=True)
    for run in ("first start (font cache empty)", "warm", "warm"):
        if run.startswith("first"):
            shutil.rmtree(home / "font-cache", ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([str(program), "--db", str(db), "--screenshot", str(work / "shot.png")],
                       env={**env, "QT_QPA_PLATFORM": "offscreen"}, check=True, capture_output=True)
        print(f"to a saved screenshot, {run}: {time.perf_counter() - started:.2f} s")
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("to a shown window: needs Xvfb and xdotool")
        return
    display = ":93"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24"], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        shown_env = {**env, "DISPLAY": display}
        shown_env.pop("QT_QPA_PLATFORM", None)
        for run in ("first start (font cache empty)", "warm", "warm"):
            if run.startswith("first"):
                shutil.rmtree(home / "font-cache", ignore_errors=True)
            started = time.perf_counter()
            window = subprocess.Popen([str(program), "--db", str(db)], env=shown_env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(window.pid)],
                           env=shown_env, capture_output=True, timeout=60)
            print(f"to a shown window, {run}: {time.perf_counter() - started:.2f} s")
            window.terminate()
            window.wait(timeout=30)
    finally:
        xvfb.terminate()


def bare_debian(folder: Path, root: Path) -> None:
    from tests.test_build import QT_NEEDS
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"}
    shutil.copy("/etc/resolv.conf", root / "etc" / "resolv.conf")
    subprocess.run(["chroot", str(root), "apt-get", "install", "-y", "-qq", "--no-install-recommends", *QT_NEEDS],
                   env=env, check=True, capture_output=True)
    target = root / "opt" / "menshen"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target, symlinks=True)
    script = ("export QT_QPA_PLATFORM=offscreen MENSHEN_HOME=/tmp/menshen-home && cd /tmp && "
              "/opt/menshen/menshen demo --db /tmp/bare.db --households 20 && "
              "/opt/menshen/menshen --db /tmp/bare.db --screenshot /tmp/bare.png --page register && "
              "/opt/menshen/menshen print door-sign --db /tmp/bare.db --to /tmp/bare.pdf")
    done = subprocess.run(["chroot", str(root), "bash", "-c", script], env=env, capture_output=True, text=True)
    packages = subprocess.run(["chroot", str(root), "dpkg-query", "-W", "-f=${Package}\n"], env=env,
                              capture_output=True, text=True).stdout.split()
    shot = root / "tmp" / "bare.png"
    print(f"bare Debian 12 ({len(packages)} packages; libcups2 {'present' if 'libcups2' in packages else 'absent'}): "
          f"{'demo, screenshot and print worked' if done.returncode == 0 else 'FAILED'}"
          f"{f', screenshot {shot.stat().st_size} bytes' if shot.exists() else ''}")
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, help="a built folder to measure (default: build one)")
    parser.add_argument("--bare-debian", type=Path, help="a debootstrapped Debian 12 to run the folder in (root)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = args.folder or build(work)
        sizes(folder)
        start_ups(folder, work)
        if args.bare_debian:
            bare_debian(folder, args.bare_debian)


if __name__ == "__main__":
    main()
