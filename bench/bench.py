"""Issue 11's table: each measure beside its baseline, in one run, with ratios and the load.

    python bench/bench.py            # make bench: councils of 100, 10,000 and 100,000 records,
                                     # and of 1,000, 10,000 and 100,000 cases
    python bench/bench.py --quick    # three runs, no 100,000s (about 2 minutes)

Every time is the median of ``--runs`` fresh processes (the machine is shared: medians, and the
load is printed).  The parishclerk measured is the one in the tree this file sits in.

- start: from the ``tmux new-session`` (100x30) to the first ``capture-pane`` showing the
  council's name and "Overdue (" with its count (not a heading shown before the data), on a
  17-person council with hostile names and on a 10,000-case
  council, against bench/bare_app.py (Header, Static, Footer) started and waited for the same way;
- import people of one row on a big council minus the same on a 100-record council, against stock
  TinyDB's (JSONStorage, one insert) own extra on the same records;
- filter keystroke on 10,000 cases: in tmux, from ``send-keys`` of one key to the first capture
  showing the new count; and under Pilot, from the key to the table's last repaint;
- breach log against LibreOffice converting ``export cases``'s CSV to PDF: time and pages, at
  1,000 and 10,000 cases; and the time each further page costs from 1,000 to 10,000 cases and
  from 10,000 to 100,000 (linear in pages when the two agree);
- peak memory (max RSS) of the app (Dashboard, then the Breaches page) and of each report at
  10,000 and 100,000 cases.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # this tree's parishclerk, not whichever is installed

import orjson  # noqa: E402
from generate import TODAY, generate  # noqa: E402

BIN = Path(sys.executable).parent
PARISHCLERK = [str(BIN / "parishclerk")]
SOCKET = f"speed-bench-{os.getpid()}"
HOSTILE = {  # person id -> name: accents and markup, shown literally or not at all
    "p3": "[bold]Siân[/] Llewellyn",
    "p4": "David O'Brien & Co",
    "p7": "Małgorzata <b>Nowak</b>",
    "p9": "Helen [red]Marsh",
    "p12": "Bethan Ŵyn Jones",
}


# -- running things ---------------------------------------------------------------------------


def env(home: Path) -> dict[str, str]:
    """The commands' environment.  Bytecode is written and read as on a clerk's machine (pip
    compiles an installed package; textual's own .pyc are there already): a shell that sets
    PYTHONDONTWRITEBYTECODE would otherwise compile every one of our modules at each start,
    and the bare app, all textual, would not pay it."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PARISHCLERK_HOME": str(home), "TEXTUAL": ""}
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    return environ


def compile_tree(environ: dict[str, str]) -> None:
    """Our modules' bytecode, made once before anything is timed."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "parishclerk"), str(HERE)],
        env=environ,
        check=True,
        capture_output=True,
    )


def timed(command: list[str], environ: dict[str, str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=environ, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


class TooLong(Exception):
    pass


def timed_rss(
    command: list[str], environ: dict[str, str], timeout: float | None = None
) -> tuple[float, int]:
    """(seconds, max RSS in MB) of one run of ``command``, through bench/maxrss.py; stopped
    (the whole process group) after ``timeout`` seconds."""
    out = Path(tempfile.mktemp(prefix="pc-bench-rss-"))
    child = subprocess.Popen(
        [sys.executable, str(HERE / "maxrss.py"), str(out), "--", *command],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        try:
            _, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise TooLong(f"over {timeout:.0f} s") from None
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {err.decode().strip()}")
        kib, seconds = out.read_text().split()
        return float(seconds), int(kib) // 1024
    finally:
        out.unlink(missing_ok=True)


def median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


class Tmux:
    """One private tmux server (its own socket), sessions 100x30."""

    def __init__(self) -> None:
        self.run("new-session", "-d", "-s", "holder", "-x", "100", "-y", "30", "sleep 36000")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout

    def start(self, name: str, command: str) -> float:
        t = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
        return t

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait(self, name: str, test: Callable[[str], bool], timeout: float = 60) -> float:
        """The time of the first capture for which ``test`` holds."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            text = self.screen(name)
            if test(text):
                return time.perf_counter()
        raise TimeoutError(f"tmux {name}: timed out; the screen was:\n{self.screen(name)}")

    def stop(self, name: str) -> None:
        self.run("send-keys", "-t", name, "C-q")
        end = time.perf_counter() + 10
        while time.perf_counter() < end:
            gone = subprocess.run(
                ["tmux", "-L", SOCKET, "has-session", "-t", name], capture_output=True
            ).returncode
            if gone:
                return
            time.sleep(0.05)
        self.run("kill-session", "-t", name)

    def close(self) -> None:
        self.run("kill-server")


def showing(*words: str) -> Callable[[str], bool]:
    return lambda text: all(w.lower() in text.lower() for w in words)


REPORT_TIMEOUT = 300.0  # seconds a report may take in the memory rows before it is stopped
OVERDUE = "Overdue ("  # the Dashboard's heading once it has counted: "Overdue (3) and due soon"
COUNT = re.compile(r"([\d,]+) of ([\d,]+) · sorted")


def count(text: str) -> int | None:
    m = COUNT.search(text)
    return int(m.group(1).replace(",", "")) if m else None


# -- councils ---------------------------------------------------------------------------------


def hostile_council(folder: Path) -> str:
    """The demo council (17 people) with accented and markup names; returns the council's name."""
    from dataclasses import replace

    from parishclerk import demo
    from parishclerk.store.repository import Store

    demo.install(folder, date.today()).close()
    store = Store.open(folder)
    try:
        with store.transaction():
            for pid, name in HOSTILE.items():
                store.save_person(replace(store.person(pid), name=name))
        return store.council().name
    finally:
        store.close()


def stock_file(folder: Path, path: Path) -> None:
    """The same records as one table of a stock TinyDB file (default JSONStorage)."""
    from tinydb import TinyDB

    tables = orjson.loads((folder / "council.json").read_bytes())
    docs = [
        {"_table": name, **doc}
        for name, table in tables.items()
        if not name.startswith("_") and isinstance(table, dict)  # _meta, _due: not tables
        for doc in table.values()
    ]
    path.unlink(missing_ok=True)
    db = TinyDB(path)
    db.insert_multiple(docs)
    db.close()


STOCK_INSERT = """
import sys
from tinydb import TinyDB
db = TinyDB(sys.argv[1])
db.insert({"_table": "people", "id": sys.argv[2], "name": sys.argv[2], "role": "councillor",
           "joined": "2026-01-05", "left": None, "email": None, "notes": ""})
db.close()
"""


def council_name(folder: Path) -> str:
    """The council's name as the store reads it (a small council's may be in the journal
    only, not yet in the checkpoint)."""
    from parishclerk.store.repository import Store

    store = Store.open(folder, read_only=True)
    try:
        return store.council().name
    finally:
        store.close()


def first_case(folder: Path) -> str:
    cases = orjson.loads((folder / "council.json").read_bytes())["cases"]
    return str(next(iter(cases.values()))["reference"])


# -- the measures -----------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    ours: str
    base: str = ""
    ratio: str = ""
    target: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        self.rows.append(Row(*cells))
        print("  " + " | ".join(c for c in cells if c), file=sys.stderr, flush=True)

    def show(self) -> str:
        head = Row("measure", "ours", "baseline", "ratio", "target")
        cells = [head, *self.rows]
        widths = [max(len(getattr(r, f)) for r in cells) for f in head.__dataclass_fields__]
        lines = []
        for i, r in enumerate(cells):
            values = [getattr(r, f) for f in head.__dataclass_fields__]
            lines.append(
                "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"
            )
            if i == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def start_time(tmux: Tmux, command: str, words: tuple[str, ...], session: str) -> float:
    t = tmux.start(session, command)
    took = tmux.wait(session, showing(*words)) - t
    tmux.stop(session)
    return took


def app_command(folder: Path, extra: str = "") -> str:
    return f"{extra}{PARISHCLERK[0]} --data-dir '{folder}'"


def bench_start(
    table: Table, tmux: Tmux, councils: dict[str, Path], names: dict[str, str], runs: int
) -> None:
    """The bare app and the two councils take turns, so a change in the machine's load falls
    on all three alike."""
    bare = f"'{sys.executable}' '{HERE / 'bare_app.py'}' 'Bare Council' 'Overdue (3) and due soon'"
    starts: dict[str, tuple[str, tuple[str, ...]]] = {
        "bare": (bare, ("Bare Council", OVERDUE)),
        "hostile": (app_command(councils["hostile"]), (names["hostile"], OVERDUE)),
        "cases10k": (app_command(councils["cases10k"]), (names["cases10k"], OVERDUE)),
    }
    times: dict[str, list[float]] = {key: [] for key in starts}
    for i in range(runs):
        for key, (command, words) in starts.items():
            times[key].append(start_time(tmux, command, words, f"{key}-{i}"))
    base = statistics.median(times["bare"])
    table.add("bare Textual app (Header, Static, Footer), tmux 100x30", ms(base))
    for key, label, target in (
        ("hostile", "start to painted Dashboard, 17 people, hostile names", "≤ 1.3x"),
        ("cases10k", "start to painted Dashboard, 10,000 cases", "≤ 1.6x"),
    ):
        t = statistics.median(times[key])
        table.add(label, ms(t), ms(base), f"{t / base:.2f}x", target)


def bench_import(
    table: Table, councils: dict[str, Path], work: Path, environ: dict[str, str], runs: int
) -> None:
    n = iter(range(1, 10**6))

    def ours(folder: Path) -> float:
        csv = work / f"one-{next(n)}.csv"
        csv.write_text(f"name,role,joined\nBench Person {csv.stem},councillor,5/1/2026\n")
        return timed(
            [*PARISHCLERK, "--data-dir", str(folder), "import", "people", str(csv)], environ
        )

    def stock(path: Path) -> float:
        return timed([sys.executable, "-c", STOCK_INSERT, str(path), f"b{next(n)}"], environ)

    stock_files = {}
    for key in ("records100", "records10k", "cases10k", "records100k"):
        if key in councils:
            stock_files[key] = work / f"stock-{key}.json"
            stock_file(councils[key], stock_files[key])
    for key in stock_files:  # kept councils: today's backup from an earlier run goes, so the
        for made in (councils[key] / "backups").glob(f"auto-{date.today():%Y%m%d}-*.zip"):
            made.unlink()  # next import is the day's first write, with its backup, as measured
    first = {key: ours(councils[key]) for key in stock_files}  # the day's first write: a backup
    took: dict[str, list[float]] = {key: [] for key in stock_files}
    stock_took: dict[str, list[float]] = {key: [] for key in stock_files}
    for _ in range(runs):  # every council in turn, ours then stock's, so load falls alike
        for key in stock_files:
            took[key].append(ours(councils[key]))
            stock_took[key].append(stock(stock_files[key]))
    small = statistics.median(took["records100"])
    small_stock = statistics.median(stock_took["records100"])
    table.add("import people, one row, 100 records (fresh process)", ms(small), ms(small_stock))
    for key, label, target in (
        ("records10k", "10,000 records", ""),
        ("cases10k", "10,000 cases", "≤ 150 ms, ≤ 0.33x"),
        ("records100k", "100,000 records", ""),
    ):
        if key not in stock_files:
            continue
        mb = (councils[key] / "council.json").stat().st_size / 1e6
        extra = statistics.median(took[key]) - small
        stock_extra = statistics.median(stock_took[key]) - small_stock
        table.add(
            f"import people, one row, {label} ({mb:.0f} MB), extra over 100 records",
            ms(extra),
            ms(stock_extra),
            f"{extra / stock_extra:.2f}x",
            target,
        )
    for key, t in first.items():
        if key != "records100":
            table.add(f"  first import of the day ({key}: daily backup)", ms(t))


def bench_filter_tmux(tmux: Tmux, folder: Path, runs: int) -> list[float]:
    """Key to repaint in tmux: type a reference's prefix, then time each last key and backspace."""
    reference = first_case(folder)
    prefix, last = reference[:-1], reference[-1]
    session = "filter"
    tmux.start(session, app_command(folder))
    tmux.wait(session, showing(OVERDUE))
    tmux.run("send-keys", "-t", session, "5")
    tmux.wait(session, lambda s: count(s) is not None)
    total = count(tmux.screen(session))
    placeholder = "Filter: type to narrow"
    for _ in range(3):  # the filter box takes the keys once "/" has focused it
        tmux.run("send-keys", "-t", session, "/")
        time.sleep(0.5)
        tmux.run("send-keys", "-t", session, "-l", prefix[0])
        try:
            tmux.wait(session, lambda s: placeholder not in s, timeout=10)
            break
        except TimeoutError:
            continue
    tmux.run("send-keys", "-t", session, "-l", prefix[1:])
    tmux.wait(session, lambda s: prefix in s and count(s) != total)
    time.sleep(1.0)
    wide = count(tmux.screen(session))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        tmux.run("send-keys", "-t", session, "-l", last)
        times.append(tmux.wait(session, lambda s: count(s) != wide and reference in s) - t)
        time.sleep(0.2)
        t = time.perf_counter()
        tmux.run("send-keys", "-t", session, "BSpace")
        times.append(tmux.wait(session, lambda s: count(s) == wide) - t)
        time.sleep(0.2)
    tmux.stop(session)
    return times


async def bench_filter_pilot(folder: Path, reference: str) -> list[float]:
    """Key to the table's last repaint under Pilot (Pilot's own waiting is not counted)."""
    from textual.widgets import DataTable

    from parishclerk.tui.app import make_app

    painted: list[float] = []
    original = DataTable.render_lines

    def render_lines(self: Any, crop: Any) -> Any:
        lines = original(self, crop)
        painted.append(time.perf_counter())
        return lines

    DataTable.render_lines = render_lines  # type: ignore[method-assign]
    app = make_app(folder, read_only=True, today=TODAY)
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        for key in reference[:-1]:
            await pilot.press(key)
        await pilot.pause(0.5)
        for _ in range(5):
            for key in (reference[-1], "backspace"):
                painted.clear()
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                if painted:
                    times.append(max(painted) - t)
    DataTable.render_lines = original  # type: ignore[method-assign]
    return times


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def bench_breach_log(
    table: Table, councils: dict[str, Path], work: Path, environ: dict[str, str], runs: int
) -> dict[str, tuple[float, int]]:
    """The breach log beside LibreOffice; returns {council: (seconds, peak MB)} for the memory
    rows, so the slowest report is not made twice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    made: dict[str, tuple[float, int]] = {}
    pages: dict[str, int] = {}
    for key, label in (("cases1k", "1,000"), ("cases10k", "10,000"), ("cases100k", "100,000")):
        if key not in councils:
            continue
        folder = councils[key]
        pdf = work / f"log-{key}.pdf"
        log = [*PARISHCLERK, "--data-dir", str(folder), "report", "breaches", "-o", str(pdf)]
        try:
            samples = [
                timed_rss(log, environ, 2 * REPORT_TIMEOUT)
                for _ in range(runs if key != "cases100k" else 1)
            ]
        except TooLong as exc:
            table.add(f"breach log, {label} cases", f"stopped: {exc}")
            continue
        made[key] = (statistics.median(t for t, _ in samples), max(m for _, m in samples))
        ours, pages[key] = made[key][0], pdf_pages(pdf)
        if key == "cases100k":
            table.add(f"breach log, {label} cases", f"{ours:.2f} s, {pages[key]:,} pp")
            continue
        if not soffice:
            table.add(
                f"breach log, {label} cases", f"{ours:.2f} s, {pages[key]:,} pp", "no soffice"
            )
            continue
        csv = work / f"cases-{key}.csv"
        timed([*PARISHCLERK, "--data-dir", str(folder), "export", "cases", "-o", str(csv)], environ)
        convert = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work)]
        timed([*convert, str(work / "warm.csv")], environ, work)  # the profile, made once
        lo = statistics.median(timed([*convert, str(csv)], environ, work) for _ in range(runs))
        lo_pages = pdf_pages(csv.with_suffix(".pdf"))
        table.add(
            f"breach log, {label} cases (LibreOffice: export cases CSV to PDF)",
            f"{ours:.2f} s, {pages[key]:,} pp",
            f"{lo:.2f} s, {lo_pages:,} pp",
            f"{ours / lo:.2f}x",
            "≤ 0.5x" if key == "cases10k" else "",
        )
    slopes = []
    for a, b in (("cases1k", "cases10k"), ("cases10k", "cases100k")):
        if a in made and b in made:
            slopes.append((made[b][0] - made[a][0]) / (pages[b] - pages[a]))
    if slopes:
        table.add(
            "  breach log, ms each further page: 1,000 to 10,000 cases"
            + (" / 10,000 to 100,000" if len(slopes) > 1 else ""),
            " / ".join(f"{x * 1000:.2f}" for x in slopes),
            "",
            f"{slopes[1] / slopes[0]:.2f}x" if len(slopes) > 1 else "",
            "linear (≈1x)" if len(slopes) > 1 else "",
        )
    return made


def bench_memory(
    table: Table,
    tmux: Tmux,
    councils: dict[str, Path],
    names: dict[str, str],
    work: Path,
    environ: dict[str, str],
    logs: dict[str, tuple[float, int]],
) -> None:
    for key, label in (("cases10k", "10,000"), ("cases100k", "100,000")):
        if key not in councils:
            continue
        folder = councils[key]
        out = work / f"rss-{key}"
        wrapper = f"'{sys.executable}' '{HERE / 'maxrss.py'}' '{out}' -- "
        session = f"rss-{key}"
        t = tmux.start(session, app_command(folder, wrapper))
        painted = tmux.wait(session, showing(names[key], OVERDUE), timeout=300) - t
        tmux.run("send-keys", "-t", session, "5")
        tmux.wait(session, lambda s: count(s) is not None, timeout=300)
        tmux.stop(session)
        end = time.perf_counter() + 30
        while not out.exists() and time.perf_counter() < end:
            time.sleep(0.05)
        rss = int(out.read_text().split()[0]) // 1024 if out.exists() else 0
        table.add(
            f"app, {label} cases: peak memory (Dashboard, then Breaches); paint (in a wrapper)",
            f"{rss} MB; {ms(painted)}",
        )
        ref = first_case(folder)
        reports: list[tuple[str, list[str]]] = [
            ("review pack, public", ["pack", "--meeting", TODAY.isoformat()]),
            (
                "review pack, confidential",
                ["pack", "--meeting", TODAY.isoformat(), "--confidential"],
            ),
            ("breach log", ["breaches"]),
            ("case file", ["case", ref]),
            ("sign-off sheet", ["signoff", "--policy", "Social Media Policy"]),
            ("subject access export", ["subject", "p1"]),
        ]
        for name, args in reports:
            if args[0] == "breaches" and key in logs:
                took, peak = logs[key]
                table.add(f"  {name}, {label} cases: peak memory; time", f"{peak} MB; {took:.2f} s")
                continue
            pdf = work / f"{key}-{args[0]}.pdf"
            base = [*PARISHCLERK, "--data-dir", str(folder), "report"]
            try:
                took, peak = timed_rss(
                    [*base, args[0], "-o", str(pdf), *args[1:]], environ, REPORT_TIMEOUT
                )
            except TooLong as exc:
                table.add(f"  {name}, {label} cases", f"stopped: {exc}")
                continue
            except RuntimeError as exc:
                table.add(f"  {name}, {label} cases", f"failed: {str(exc)[-60:]}")
                continue
            table.add(f"  {name}, {label} cases: peak memory; time", f"{peak} MB; {took:.2f} s")


PARTS = {  # section name -> its --only word
    "start": "start",
    "import people": "import",
    "filter in tmux": "filter",
    "filter under Pilot": "pilot",
    "breach log": "log",
    "memory": "memory",
}


# -- main -------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller councils, 3 runs")
    parser.add_argument("--runs", type=int, help="fresh processes a measure (default 5, quick 3)")
    parser.add_argument("--keep", type=Path, help="make the councils here and keep them")
    parser.add_argument(
        "--only",
        help=f"comma-separated parts to run (default all): {','.join(PARTS.values())}",
    )
    args = parser.parse_args()
    words = set(PARTS.values())
    only = words if not args.only else set(args.only.split(","))
    if only - words:
        parser.error(f"--only: unknown part(s) {', '.join(sorted(only - words))}")
    runs = args.runs or (3 if args.quick else 5)
    if not shutil.which("tmux"):
        print("bench: tmux is needed", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="pc-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    home.mkdir(exist_ok=True)
    os.environ["PARISHCLERK_HOME"] = str(home)
    environ = env(home)
    compile_tree(environ)
    load_before = Path("/proc/loadavg").read_text().strip()
    started = time.perf_counter()

    sizes: dict[str, tuple[str, int]] = {
        "records100": ("records", 100),
        "records10k": ("records", 10_000),
        "cases1k": ("cases", 1_000),
        "cases10k": ("cases", 10_000),
    }
    if not args.quick:
        sizes["records100k"] = ("records", 100_000)
        sizes["cases100k"] = ("cases", 100_000)
    councils: dict[str, Path] = {}
    names: dict[str, str] = {}
    for key, (kind, n) in sizes.items():
        folder = work / key
        if not (folder / "council.json").exists():
            if kind == "cases":
                generate(0, folder, cases=n)
            else:
                generate(n, folder)
        councils[key], names[key] = folder, council_name(folder)
    councils["hostile"] = work / "hostile"
    if (councils["hostile"] / "council.json").exists():
        names["hostile"] = council_name(councils["hostile"])
    else:
        names["hostile"] = hostile_council(councils["hostile"])
    (work / "warm.csv").write_text("a,b\n1,2\n")
    print(f"councils made in {time.perf_counter() - started:.0f} s, in {work}", file=sys.stderr)

    table = Table()
    tmux = Tmux()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still kill tmux's server

    def section(name: str, fn: Callable[[], Any]) -> Any:
        """One part of the table; a part that fails says so in the table, and the rest runs."""
        if PARTS[name] not in only:
            return None
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - reported in the table, never hidden
            table.add(f"{name}: FAILED", f"{type(exc).__name__}: {str(exc)[:70]!r}")
            return None

    def filters() -> None:
        times = bench_filter_tmux(tmux, councils["cases10k"], runs)
        table.add(
            "filter keystroke, 10,000 cases, tmux: key to repaint (median of key, backspace)",
            ms(statistics.median(times)),
            "",
            "",
            "≤ 50 ms",
        )

    def pilot() -> None:
        times = asyncio.run(
            bench_filter_pilot(councils["cases10k"], first_case(councils["cases10k"]))
        )
        table.add(
            "filter keystroke, 10,000 cases, Pilot: key to the table's last repaint",
            ms(statistics.median(times)) if times else "no repaint seen",
            "",
            "",
            "≤ 50 ms",
        )

    try:
        section("start", lambda: bench_start(table, tmux, councils, names, runs))
        section("import people", lambda: bench_import(table, councils, work, environ, runs))
        section("filter in tmux", filters)
        section("filter under Pilot", pilot)
        logs = section(
            "breach log",
            lambda: bench_breach_log(table, councils, work, environ, 1 if args.quick else 3),
        )
        section(
            "memory",
            lambda: bench_memory(table, tmux, councils, names, work, environ, logs or {}),
        )
    finally:
        tmux.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    ).stdout.strip()
    print()
    print(f"parishclerk at {commit}  ({ROOT})")
    print(f"median of {runs} fresh processes a measure; took {time.perf_counter() - started:.0f} s")
    print(f"load (/proc/loadavg) before: {load_before}")
    print(f"load (/proc/loadavg) after:  {Path('/proc/loadavg').read_text().strip()}")
    print(table.show())
    return 0


if __name__ == "__main__":
    sys.exit(main())
