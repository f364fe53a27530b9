"""The store against stock TinyDB, on generated councils of several sizes.

    python bench/bench_store.py                    # 100, 10,000 and 100,000 records
    python bench/bench_store.py --sizes 100,5000 --repeat 10
    python bench/bench_store.py --dashboard                # the Dashboard's data only
    python bench/bench_store.py --dashboard --cases 10000,100000 --runs 9

For each size a council is generated (bench/generate.py) and the same records are written to a
stock TinyDB file (its default JSONStorage, one table).  Then, in the same run:

- open: ``Store.open`` against ``TinyDB(path)`` + ``len(table)``, beside a plain
  ``orjson.loads`` of our snapshot file (read included) for comparison;
- add one record: the median of ``--repeat`` adds (a person; and a case, which is a case plus
  its 'received' event), against ``table.insert(doc)``;
- due: ``compute_due(store.snapshot(), today)`` just after opening (records decoded) and again
  after a write; stock TinyDB has no such rule, so it gets a comparable scan (open, then a query
  for case documents with a next action due within the window);
- export: ``interchange.to_document`` + ``orjson.dumps`` against ``table.all()`` + ``json.dumps``.

Times are medians, in milliseconds.  The targets are checked at the end.

``--dashboard`` measures what the app's Dashboard does before its first paint, each in a fresh
process (as a start is): ``Store.open(folder, read_only=True)``,
``store.snapshot(timelines=False)``,
``outstanding_acknowledgements`` and ``compute_due`` (given those), on councils generated with
``--cases`` cases; the median of ``--runs`` processes, the sizes interleaved run by run.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY, generate  # noqa: E402

from parishclerk.domain import interchange  # noqa: E402
from parishclerk.domain.due import compute_due  # noqa: E402
from parishclerk.domain.records import Case, Person, Procedure, Role, Subject  # noqa: E402
from parishclerk.store.repository import Store  # noqa: E402

ADD_MS = {10_000: 15.0, 100_000: 150.0}  # add one record, at most
ADD_VS_STOCK = 6.0  # and at least this many times faster than stock TinyDB
OPEN_VS_LOADS = 1.3  # open at most this many times a plain orjson.loads of the snapshot


def median_ms(
    fn: Callable[..., Any],
    repeat: int,
    setup: Callable[[], Any] | None = None,
    teardown: Callable[[Any], Any] | None = None,
) -> float:
    """The median time of ``fn``; the previous sample's garbage is collected, and its result
    dropped, outside the timed part."""
    times = []
    for _ in range(repeat):
        gc.collect()
        state = setup() if setup else None
        start = time.perf_counter()
        result = fn() if state is None else fn(state)
        times.append(time.perf_counter() - start)
        if teardown:
            teardown(result if state is None else state)
        result = state = None
    return statistics.median(times) * 1000


def stock_file(folder: Path, path: Path) -> int:
    """The same records as one table of a stock TinyDB file (default JSONStorage)."""
    tables = orjson.loads((folder / "council.json").read_bytes())
    docs = [
        {"_table": name, **doc}
        for name, table in tables.items()
        if name != "_meta"
        for doc in table.values()
    ]
    db = TinyDB(path)
    db.insert_multiple(docs)
    db.close()
    return len(docs)


def bench_size(records: int, repeat: int, work: Path) -> dict[str, Any]:
    folder = work / f"council-{records}"
    started = time.perf_counter()
    counts = generate(records, folder)
    generated = time.perf_counter() - started
    stock = work / f"stock-{records}.json"
    stock_file(folder, stock)
    heavy = max(3, repeat // 4) if records <= 10_000 else 3
    r: dict[str, Any] = {
        "records": sum(counts.values()),
        "generated_s": generated,
        "snapshot_mb": (folder / "council.json").stat().st_size / 1e6,
        "stock_mb": stock.stat().st_size / 1e6,
    }

    # -- open --------------------------------------------------------------------------------
    snapshot = folder / "council.json"
    r["loads"] = median_ms(lambda: orjson.loads(snapshot.read_bytes()), heavy)
    r["open"] = median_ms(lambda: Store.open(folder), heavy, teardown=lambda s: s.close())

    def stock_open():
        db = TinyDB(stock)
        len(db.table("_default"))
        return db

    r["stock_open"] = median_ms(stock_open, heavy, teardown=lambda db: db.close())

    # -- due and export, from a fresh open ---------------------------------------------------
    def due_cold():
        gc.collect()
        s = Store.open(folder)
        try:
            start = time.perf_counter()
            compute_due(s.snapshot(), TODAY)
            return time.perf_counter() - start
        finally:
            s.close()

    r["due_cold"] = statistics.median(due_cold() for _ in range(heavy)) * 1000

    def export():
        gc.collect()
        s = Store.open(folder)
        try:
            start = time.perf_counter()
            orjson.dumps(interchange.to_document(s.snapshot()))
            return time.perf_counter() - start
        finally:
            s.close()

    r["export"] = statistics.median(export() for _ in range(heavy)) * 1000
    horizon = (TODAY + timedelta(days=30)).isoformat()

    def stock_due():
        db = TinyDB(stock)
        q = Query()
        db.search((q._table == "cases") & q.next_action.due.test(lambda d: d <= horizon))
        db.close()

    r["stock_due"] = median_ms(stock_due, heavy)

    def stock_export():
        db = TinyDB(stock)
        json.dumps(db.all())
        db.close()

    r["stock_export"] = median_ms(stock_export, heavy)

    # -- add one record ----------------------------------------------------------------------
    s = Store.open(folder)
    n = iter(range(1, 10**9))
    s.save_person(Person("bench-0", "Warm Up", Role.COUNCILLOR, date(2020, 1, 1)))  # day's backup
    compute_due(s.snapshot(), TODAY)
    r["add_person"] = median_ms(
        lambda: s.save_person(
            Person(f"bench-{next(n)}", "Bench Person", Role.COUNCILLOR, date(2020, 1, 1))
        ),
        repeat,
    )
    r["add_case"] = median_ms(
        lambda: s.open_case(
            Case(
                f"BENCH-{next(n)}",
                TODAY,
                "Clerk",
                Subject(name="Bench"),
                Procedure.MODERATION,
                categories=["other"],
            )
        ),
        repeat,
    )
    r["due_warm"] = median_ms(lambda: compute_due(s.snapshot(), TODAY), heavy)
    s.close()

    db = TinyDB(stock)
    doc = {
        "_table": "people",
        "id": "x",
        "name": "Bench Person",
        "role": "councillor",
        "joined": "2020-01-01",
        "left": None,
        "email": None,
        "notes": "",
        "interests_registered": None,
    }
    stock_repeat = repeat if records <= 10_000 else max(3, repeat // 4)
    r["stock_add"] = median_ms(lambda: db.insert(dict(doc)), stock_repeat)
    db.close()
    return r


def fmt(ms: float | None) -> str:
    if ms is None:
        return "n/a"
    return f"{ms:,.2f}" if ms < 10 else f"{ms:,.1f}" if ms < 1000 else f"{ms:,.0f}"


def report(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        ("open", "open", "stock_open"),
        ("orjson.loads of our snapshot", "loads", None),
        ("add one record (a person)", "add_person", "stock_add"),
        ("add one case (case + event)", "add_case", "stock_add"),
        ("what is due, just opened", "due_cold", "stock_due"),
        ("what is due, after a write", "due_warm", None),
        ("export the council", "export", "stock_export"),
    ]
    print(
        "Times in ms (median).  'stock' is TinyDB's default JSONStorage with the same "
        "records in one table; its 'due' is a comparable scan (next-action dates)."
    )
    print()
    header = f"| {'operation':<30} |" + "".join(
        f" {r['records']:>9,} ours | {'stock':>9} | {'x':>6} |" for r in results
    )
    print(header)
    print("|" + "-" * 32 + "|" + ("-" * 16 + "|" + "-" * 11 + "|" + "-" * 8 + "|") * len(results))
    for label, ours, theirs in rows:
        line = f"| {label:<30} |"
        for r in results:
            a = r[ours]
            b = r[theirs] if theirs else None
            ratio = f"{b / a:,.1f}" if b else ""
            line += f" {fmt(a):>14} | {fmt(b) if theirs else '':>9} | {ratio:>6} |"
        print(line)
    print()
    for r in results:
        print(
            f"{r['records']:>9,} records: generated in {r['generated_s']:.1f} s; snapshot "
            f"{r['snapshot_mb']:.1f} MB, stock file {r['stock_mb']:.1f} MB; open / loads = "
            f"{r['open'] / r['loads']:.2f}"
        )
    print()
    failures = []
    for r in results:
        size = r["records"]
        if size in ADD_MS:
            for key in ("add_person", "add_case"):
                ok = r[key] <= ADD_MS[size]
                print(
                    f"{'PASS' if ok else 'FAIL'}  {key} at {size:,}: {fmt(r[key])} ms "
                    f"(target <= {ADD_MS[size]:g} ms)"
                )
                failures += [] if ok else [f"{key}@{size}"]
        for key in ("add_person", "add_case"):
            # the speed-up target is for the sizes with a time target; below them both take
            # about a millisecond and ours is mostly its fsync, which stock TinyDB never does
            speedup = r["stock_add"] / r[key]
            ok = speedup >= ADD_VS_STOCK or size < min(ADD_MS)
            print(
                f"{'PASS' if ok else 'FAIL'}  {key} at {size:,}: {speedup:,.1f}x faster than "
                f"stock TinyDB (target >= {ADD_VS_STOCK:g}x"
                f"{'' if size >= min(ADD_MS) else ' from ' + format(min(ADD_MS), ',')})"
            )
            failures += [] if ok else [f"{key}-vs-stock@{size}"]
        ratio = r["open"] / r["loads"]
        # at tiny sizes both are well under a millisecond; the ratio is noise from fixed costs
        ok = ratio <= OPEN_VS_LOADS or r["open"] < 5
        print(
            f"{'PASS' if ok else 'FAIL'}  open at {size:,}: {ratio:.2f}x orjson.loads "
            f"(target <= {OPEN_VS_LOADS:g}x{'; under 5 ms' if r['open'] < 5 else ''})"
        )
        failures += [] if ok else [f"open@{size}"]
    return failures


# -- the Dashboard's data, in fresh processes -----------------------------------------------------

DASH_STEPS = ("open", "snapshot", "entries", "outstanding", "due")


def dashboard_child(folder: Path) -> dict[str, float]:
    """One fresh process's times (ms) for what the Dashboard computes before its first paint,
    as ``DashboardPage.reload`` does it: CPU time of each step (less shaken by other work on a
    shared machine than the clock) and the wall-clock time of all of them."""
    from parishclerk.domain.due import first_due, outstanding_acknowledgements

    wall = time.perf_counter()
    marks = [time.process_time()]
    store = Store.open(folder, read_only=True)
    marks.append(time.process_time())
    data = store.snapshot(timelines=False, cases=False)
    marks.append(time.process_time())
    entries = store.saved_case_agenda()
    if entries is None:  # not kept (or not for these records): the cases themselves
        data = store.snapshot(timelines=False)
    marks.append(time.process_time())
    owed = outstanding_acknowledgements(data, TODAY)
    marks.append(time.process_time())
    head = first_due(data, TODAY, 100, outstanding=owed, cases=entries)
    marks.append(time.process_time())
    wall = time.perf_counter() - wall
    store.close()
    times = [after - before for before, after in zip(marks, marks[1:], strict=False)]
    return {
        **{k: 1000 * x for k, x in zip(DASH_STEPS, times, strict=True)},
        "wall": 1000 * wall,
        "items": head.total,
        "owed": len(owed),
        "kept": entries is not None,
    }


def bench_dashboard(cases: list[int], runs: int, work: Path) -> int:
    folders = {}
    for n in cases:
        folder = work / f"cases-{n}"
        if not (folder / "council.json").exists():
            print(f"... generating {n:,} cases in {folder}", file=sys.stderr, flush=True)
            generate(0, folder, cases=n)
        folders[n] = folder
    samples: dict[int, list[dict[str, float]]] = {n: [] for n in cases}
    for _ in range(runs):
        for n in cases:  # interleaved: a burst of load elsewhere hits every size alike
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folders[n])],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            samples[n].append(json.loads(out))
    print(
        f"The Dashboard's data before its first paint: CPU ms of each step, and the wall clock "
        f"of all, median of {runs} fresh processes"
    )
    print()
    print(f"| {'step':<44} |" + "".join(f" {n:>9,} cases |" for n in cases))
    print("|" + "-" * 46 + "|" + ("-" * 17 + "|") * len(cases))
    labels = {
        "open": "Store.open(read_only=True)",
        "snapshot": "store.snapshot(timelines=False, cases=False)",
        "entries": "store.saved_case_agenda() (else the cases)",
        "outstanding": "outstanding_acknowledgements",
        "due": "first_due(100, outstanding=..., cases=...)",
    }
    labels["total"] = "**total** (CPU)"
    labels["wall"] = "**total** (wall clock)"
    for step in (*DASH_STEPS, "total", "wall"):
        line = f"| {labels[step]:<44} |"
        for n in cases:
            values = [
                sum(s[k] for k in DASH_STEPS) if step == "total" else s[step] for s in samples[n]
            ]
            line += f" {fmt(statistics.median(values)):>15} |"
        print(line)
    print()
    for n in cases:
        s = samples[n][0]
        kept = "kept beside the snapshot" if s["kept"] else "worked out from the cases"
        print(f"{n:>9,} cases: {int(s['items']):,} due items ({kept}), {int(s['owed']):,} owed")
    try:
        load = Path("/proc/loadavg").read_text().split()[:3]
        print(
            f"load average {' '.join(load)} on {len(__import__('os').sched_getaffinity(0))} cores"
        )
    except (OSError, AttributeError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,10000,100000",
        help="comma-separated record counts (default 100,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="adds per size (default 20)")
    parser.add_argument("--work", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument(
        "--dashboard", action="store_true", help="only the Dashboard's data, in fresh processes"
    )
    parser.add_argument(
        "--cases", default="10000", help="with --dashboard: comma-separated case counts"
    )
    parser.add_argument("--runs", type=int, default=7, help="with --dashboard: processes a size")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(dashboard_child(args.child)))
        return 0
    if args.dashboard:
        cases = [int(x.replace("_", "")) for x in args.cases.split(",") if x.strip()]
        with tempfile.TemporaryDirectory(prefix="parishclerk-bench-") as tmp:
            work = args.work or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            return bench_dashboard(cases, args.runs, work)
    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="parishclerk-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            print(f"... {size:,} records", file=sys.stderr, flush=True)
            results.append(bench_size(size, args.repeat, work))
    failures = report(results)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
