"""How quickly the app paints its Dashboard, beside a bare Textual app, and how quickly a filter
keystroke applies on 10,000 cases.

    python bench/bench_app.py [--runs 5] [--cases 10000]

Each start is timed in a fresh process, from the first line of the script (before any import)
to the first refresh after the Dashboard (or the bare app's screen) has mounted.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

TODAY = date(2026, 11, 23)


# -- the child: start one app and print the seconds until its first screen is painted ----------


def child(kind: str, folder: str) -> None:
    def painted() -> None:
        print(f"{time.perf_counter() - T0:.6f}", flush=True)
        app.exit()

    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(painted)

        app = Bare()
    else:
        from parishclerk.tui.app import make_app
        from parishclerk.tui.screens import dashboard

        original = dashboard.DashboardPage.on_mount

        def on_mount(self: dashboard.DashboardPage) -> None:
            original(self)
            self.call_after_refresh(painted)

        dashboard.DashboardPage.on_mount = on_mount  # type: ignore[method-assign]
        app = make_app(Path(folder), read_only=True, today=TODAY)
    app.run(headless=True, size=(100, 30))


def start_time(kind: str, folder: Path | None, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(folder or "")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "TEXTUAL": ""},
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


# -- councils ---------------------------------------------------------------------------------


def big_council(folder: Path, n: int) -> None:
    from parishclerk import demo
    from parishclerk.domain.procedures import STATES
    from parishclerk.domain.records import Case, NextAction, Procedure, Subject
    from parishclerk.store.repository import Store

    data = demo.build(TODAY)
    store = Store.create(folder, data.council)
    people = [p for p in data.people if p.left is None]
    with store.transaction():
        for record in (*data.people, *data.policies, *data.versions):
            store._put(record)
        for i in range(n):
            person = people[i % len(people)]
            procedure = [Procedure.CODE_OF_CONDUCT, Procedure.DISCIPLINARY, Procedure.MODERATION][
                i % 3
            ]
            subject = (
                Subject(name=f"Page {i}")
                if procedure is Procedure.MODERATION
                else Subject(person=person.id)
            )
            states = [s for s in STATES[procedure] if s.is_open]
            received = TODAY - timedelta(days=i % 2000)
            store._put(
                Case(
                    f"SM-{received.year}-{i:05d}",
                    received,
                    "Clerk",
                    subject,
                    procedure,
                    "Facebook",
                    "",
                    f"Generated case number {i}",
                    ["abusive"],
                    states[i % len(states)],
                    NextAction("Chase", received + timedelta(days=30)),
                )
            )
    store.close()


async def filter_keystroke(folder: Path, keys: str = "2026-001") -> tuple[float, float]:
    """(median seconds from a key's press to the list repainted, median seconds in apply()).

    The end is the last time the table painted a line after the key (Pilot's own waiting
    after that, ~100 ms a key even on a six-case council, is not the app's).
    """
    from textual.widgets import DataTable

    from parishclerk.tui.app import make_app
    from parishclerk.tui.widgets.table import RecordTable

    painted: list[float] = []
    original = DataTable.render_lines

    def render_lines(self, crop):  # type: ignore[no-untyped-def]
        lines = original(self, crop)
        painted.append(time.perf_counter())
        return lines

    DataTable.render_lines = render_lines  # type: ignore[method-assign]

    app = make_app(folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        table.filter_input.focus()
        await pilot.pause()
        presses, applies = [], []
        for text in keys:
            painted.clear()
            t = time.perf_counter()
            await pilot.press(text)
            await pilot.pause()
            presses.append(max(painted) - t)
        for _ in range(10):
            t = time.perf_counter()
            table.apply()
            applies.append(time.perf_counter() - t)
        assert table.shown, "the filter should match some cases"
    DataTable.render_lines = original  # type: ignore[method-assign]
    return statistics.median(presses), statistics.median(applies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("PARISHCLERK_HOME", tempfile.mkdtemp(prefix="pc-bench-home-"))
    from parishclerk import demo

    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "demo", Path(tmp) / "big"
        demo.install(small, TODAY).close()
        t = time.perf_counter()
        big_council(big, args.cases)
        made = time.perf_counter() - t
        bare = start_time("bare", None, args.runs)
        on_demo = start_time("app", small, args.runs)
        on_big = start_time("app", big, args.runs)
        press, apply = asyncio.run(filter_keystroke(big))
    rows = [
        ("bare Textual app (header, footer)", bare, "", ""),
        ("Dashboard, demo council", on_demo, f"{on_demo / bare:.2f}×", "≤ 1.3×"),
        (f"Dashboard, {args.cases:,} cases", on_big, f"{on_big / bare:.2f}×", "≤ 2×"),
        (f"filter keystroke, {args.cases:,} cases", press, "", "≤ 50 ms"),
        ("  of which filter + sort + page", apply, "", ""),
    ]
    print(f"(median of {args.runs} starts; {args.cases:,}-case council made in {made:.1f} s)")
    print(f"{'measure':<40} {'time':>10} {'vs bare':>8} {'target':>8}")
    for name, seconds, ratio, target in rows:
        print(f"{name:<40} {seconds * 1000:>7.0f} ms {ratio:>8} {target:>8}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
