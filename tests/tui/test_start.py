"""How the app starts (issue 11): the garbage collector held off until the first frame, no frame
rendered only to be thrown away, the Dashboard's side filled just after the due list."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.widgets import DataTable

from parishclerk import cli, commands
from parishclerk.tui.app import make_app
from parishclerk.tui.screens.dashboard import DashboardPage
from parishclerk.tui.widgets.table import RecordTable

from .conftest import TODAY
from .helpers import screen_text


@pytest.fixture
def gc_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it on and unfrozen."""
    yield
    gc.unfreeze()
    gc.enable()


def test_commands_other_than_the_app_run_with_the_collector_on(monkeypatch, gc_restored) -> None:
    seen: dict[str, bool] = {}

    def councils(args: Any) -> int:
        seen["councils"] = gc.isenabled()
        return 0

    def app(args: Any) -> int:
        seen["app"] = gc.isenabled()
        return 0

    monkeypatch.setitem(commands.HANDLERS, "councils", councils)
    monkeypatch.setattr(commands, "OPEN_THE_APP", (app,))
    monkeypatch.setitem(commands.HANDLERS, "app", app)
    assert cli.main(["councils"]) == 0
    assert cli.main([]) == 0
    assert seen == {"councils": True, "app": False}  # the app lets it go after its first frame
    assert gc.isenabled()  # main leaves it as it found it


async def test_the_app_lets_the_collector_go_after_its_first_frame(
    demo_folder, gc_restored
) -> None:
    gc.disable()  # as cli.main leaves it for the app's start
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what start-up made is kept out of later passes


async def test_a_collector_left_on_is_not_frozen(demo_folder, gc_restored) -> None:
    """Under a test run (or any caller that left it on) the app changes nothing."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() == frozen


async def test_no_frame_is_rendered_inside_textuals_start_up_batch(
    demo_folder, monkeypatch
) -> None:
    """Textual 8.2 rendered the first frame while its start-up batch held the screen back, then
    threw it away: a page's first render now waits for the batch to end."""
    batches: list[int] = []
    render = Compositor.render_update
    holder: dict[str, Any] = {}

    def watched(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        batches.append(holder["app"]._batch_count)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", watched)
    app = make_app(demo_folder, today=TODAY)
    holder["app"] = app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Overdue (" in screen_text(app)
        await pilot.press("2")  # another page, and back: still rendered
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert batches, "nothing was rendered"
    assert all(b == 0 for b in batches), batches


async def test_dashboard_side_follows_the_due_list(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        cases = app.screen.query_one("#cases-table", DataTable)
        assert cases.row_count >= 1
        assert "Acknowledgements of current versions" in screen_text(app)
        page = app.screen
        assert isinstance(page, DashboardPage)
        for _ in range(3):  # reloads before and after the side is there make it once
            page.reload()
        await pilot.pause()
        await pilot.pause()
        assert len(app.screen.query("#cases-table")) == 1
        assert len(app.screen.query("#acks-table")) == 1


async def test_a_pages_first_visit_parses_no_stylesheet_again(demo_folder, monkeypatch) -> None:
    from textual.css.stylesheet import Stylesheet

    reparsed: list[int] = []
    real = Stylesheet.reparse

    def reparse(self: Stylesheet) -> None:
        reparsed.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", reparse)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in "2345678":
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "ReportsPage"
    assert reparsed == []


async def test_after_a_change_of_theme_a_new_page_has_the_new_theme(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("2")  # made after the change
        await pilot.pause()
        light = app.get_theme("textual-light")
        assert light is not None and light.background is not None
        assert app.screen.styles.background.hex.lower() == light.background.lower()
        await pilot.press("1")  # made before it
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == light.background.lower()


async def test_the_council_is_remembered_after_the_first_frame(demo_folder, monkeypatch) -> None:
    """The list of councils is written (and fsync'd, 10-15 ms) once the Dashboard is seen, not
    before: and it is written, so the next start opens this council."""
    from parishclerk.store import places

    order: list[str] = []
    real = places.remember

    def remember(folder: Any) -> None:
        order.append("remember")
        real(folder)

    monkeypatch.setattr(places, "remember", remember)
    render = Compositor.render_update

    def watched(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        order.append("frame")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", watched)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
    assert "remember" in order
    assert order.index("frame") < order.index("remember")
    assert places.known()["last"] == str(demo_folder.resolve())


async def test_a_read_only_start_remembers_nothing(demo_folder, isolated_home) -> None:
    from parishclerk.store import places

    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
    assert places.known()["last"] is None
    assert not (isolated_home / "councils.json").exists()


def test_the_dashboard_is_painted_without_what_it_does_not_show(demo_folder) -> None:
    """Modules the first screen does not need are imported when first used (issue 11):
    reportlab, CSV, dateutil's rrule, the interchange codec, the metadata scan, forms and the
    other pages."""
    import subprocess
    import sys

    probe = f"""
import asyncio, sys
from datetime import date
from parishclerk.tui.app import make_app

async def main():
    app = make_app({str(demo_folder)!r}, today=date(2026, 11, 23))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Overdue (" in str(app.screen.query_one("#due-title").render())
        wanted = ("reportlab", "csv", "dateutil.rrule", "parishclerk.domain.interchange",
                  "parishclerk.domain.people_csv", "importlib.metadata", "parishclerk.tui.forms",
                  "parishclerk.reports", "parishclerk.tui.commands")
        print(sorted(m for m in sys.modules if m.startswith(wanted)))
        pages = sorted(m for m in sys.modules if m.startswith("parishclerk.tui.screens."))
        print(pages)

asyncio.run(main())
"""
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    assert len(lines) >= 2, proc.stderr
    assert lines[-2] == "[]"
    assert lines[-1] == str(["parishclerk.tui.screens.base", "parishclerk.tui.screens.dashboard"])


async def test_without_textuals_hook_the_side_still_fills(demo_folder, monkeypatch) -> None:
    """Should an upgrade of Textual stop calling the private hook, what waits for the first
    frame runs a moment later all the same (and the page is only slower to start)."""
    from textual.screen import Screen

    from parishclerk.tui.screens import base

    monkeypatch.setattr(base.Page, "_compositor_refresh", Screen._compositor_refresh)
    monkeypatch.setattr(base, "PAINTED_BY", 0.2)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Overdue (" in screen_text(app)
        await pilot.pause(0.5)
        assert app.screen.query_one("#cases-table", DataTable).row_count >= 1


async def test_a_long_due_list_shows_its_head_and_says_how_many_more(demo_folder) -> None:
    """The Dashboard lists the first 100 of what is due (picked without sorting them all),
    counts every one, and its last row opens the Due page."""
    from datetime import timedelta

    from parishclerk.domain.due import compute_due
    from parishclerk.domain.records import Reminder
    from parishclerk.store.repository import Store
    from parishclerk.tui.screens.dashboard import SHOWN

    with Store.open(demo_folder) as store, store.transaction():
        for i in range(120):
            day = TODAY + timedelta(days=i % 20 - 5)
            store.save_reminder(Reminder(f"r{900 + i}", f"Reminder {i:03}", day))
    with Store.open(demo_folder, read_only=True) as store:
        everything = compute_due(store.snapshot(), TODAY)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        page = app.screen
        assert isinstance(page, DashboardPage)
        assert page.items == everything[:SHOWN]
        table = page.query_one("#due-table", DataTable)
        assert table.row_count == SHOWN + 1
        more = str(table.get_row_at(SHOWN)[0]).strip()
        assert more == f"… {len(everything) - SHOWN:,} more on the Due page"
        overdue = sum(1 for i in everything if i.overdue)
        title = f"Overdue ({overdue:,}) and due soon ({len(everything) - overdue:,})"
        assert title in screen_text(app)
        table.move_cursor(row=SHOWN)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DuePage"


async def test_a_large_councils_first_paint_reads_no_case(generate, tmp_path, monkeypatch) -> None:
    """The Dashboard's due list on a council of many cases comes from what the store keeps of
    what they make due, without decoding one, and so do the open cases beside it; both are
    what the cases themselves give."""
    from collections import Counter

    from parishclerk.domain.due import compute_due
    from parishclerk.store.repository import Store
    from parishclerk.tui.screens.dashboard import SHOWN

    folder = tmp_path / "large"
    store = generate.write(generate.build(0, seed=5, cases=600), folder)
    store.engine.checkpoint()
    store.close()
    with Store.open(folder, read_only=True) as store:
        everything = compute_due(store.snapshot(), TODAY)
        open_cases = Counter(c.status.label for c in store.cases() if c.status.is_open)
    seen: list[bool] = []
    app = make_app(folder, today=TODAY)
    original = DashboardPage._fill_due

    def fill_due(page: DashboardPage) -> None:
        assert app.store is not None
        seen.append("cases" in app.store._cache)
        original(page)

    monkeypatch.setattr(DashboardPage, "_fill_due", fill_due)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        page = app.screen
        assert isinstance(page, DashboardPage)
        assert seen and seen[0] is False  # painted before any case was decoded
        assert page.items == everything[:SHOWN]
        overdue = sum(1 for i in everything if i.overdue)
        assert (page.overdue, page.total) == (overdue, len(everything))
        table = page.query_one("#cases-table", DataTable)
        shown: Counter[str] = Counter()
        for row in range(table.row_count):
            _, state, count = table.get_row_at(row)
            shown[str(state)] += int(str(count))
        assert shown == open_cases
        assert app.store is not None and "cases" not in app.store._cache  # nor for the side
        # Enter on a row lists its cases on Breaches: those of its procedure and state only,
        # though states of the same name belong to several procedures
        counts = [int(str(table.get_row_at(row)[2])) for row in range(table.row_count)]
        received = [i for i, r in enumerate(page.case_rows) if r.endswith("Received")]
        assert len(received) > 1  # the case the row must tell apart
        for row in received:
            await pilot.press("1")
            await pilot.pause()
            table = app.screen.query_one("#cases-table", DataTable)
            table.focus()
            table.move_cursor(row=row)
            await pilot.press("enter")
            await pilot.pause()
            listed = app.screen.query_one(RecordTable).shown
            assert len(listed) == counts[row], page.case_rows[row]
        # narrow (100 columns), the side goes under the due list and scrolls rather than
        # leaving the due list a row or two (the side takes half at most)
        due, side = page.query_one("#due-table"), page.query_one("#dash-side")
        assert due.size.height >= side.size.height
