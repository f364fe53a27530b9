"""Every page opens, at 100×30 and at 80×24, and shows the council's records."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from parishclerk.tui.app import make_app
from parishclerk.tui.screens.case import CaseScreen
from parishclerk.tui.screens.dashboard import DashboardPage
from parishclerk.tui.screens.reports import ReportsPage
from parishclerk.tui.widgets.table import RecordTable

from .conftest import TODAY
from .helpers import screen_text, showing

PAGES = {
    "1": ("DashboardPage", "Colin Duckworth to acknowledge"),
    "2": ("PeoplePage", "Margaret Ashworth"),
    "3": ("PoliciesPage", "Social Media Policy"),
    "4": ("AcknowledgementsPage", "owed"),
    "5": ("BreachesPage", "SM-2026-004"),
    "6": ("DuePage", "Register of interests"),
    "7": ("AccountsPage", "@littlewickhampc"),
    "8": ("ReportsPage", "Review pack for a meeting"),
}


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_every_page_opens(demo_folder, size) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key, (name, expected) in PAGES.items():
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == name
            assert expected in screen_text(app), name
        assert "Little Wickham Parish Council" in screen_text(app)
        assert "23 Nov 2026" in screen_text(app)


async def test_header_marks_read_only(demo_folder) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "READ-ONLY" in screen_text(app)
        assert app.screen.query_one("CouncilHeader").has_class("-read-only")


async def test_dashboard_enter_opens_a_case(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        page = showing(app, DashboardPage)
        row = next(
            i
            for i, item in enumerate(page.items)
            if item.ref.table == "cases" and item.ref.id.endswith("-005")
        )
        page.query_one("#due-table", DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "staffing committee" in screen_text(app)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "DashboardPage"


async def test_dashboard_shows_cases_and_bars(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "With monitoring officer" in text
        assert "12/16" in text and "█" in text
        app.screen.query_one("#cases-table").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "BreachesPage"
        assert app.screen.query_one(RecordTable).filter_input.value == (
            "code of conduct with monitoring officer"
        )
        assert len(app.screen.query_one(RecordTable).shown) == 1


async def test_list_filters_and_sorts(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        await pilot.press("slash", *"council")
        await pilot.pause()
        assert {r.cells[1] for r in table.shown} == {"Councillor"}
        await pilot.press("escape", "s")  # sort by role
        assert table.sort_column == 1
        await pilot.click("#records DataTable", offset=(2, 0))  # header: sort by name
        await pilot.pause()
        assert table.sort_column == 0
        names = [str(r.cells[0]) for r in table.shown]
        assert names == sorted(names, key=str.lower)


async def test_keys_panel_and_palette(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query("KeysPanel")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("KeysPanel")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"log a breach")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "CaseForm"


async def test_palette_offers_no_writes_when_read_only(demo_folder) -> None:
    from parishclerk.tui.commands import ClerkCommands

    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        provider = ClerkCommands(app.screen)
        titles = [e.title for e in provider._entries()]
        assert "Go to Breaches" in titles and "Generate a report" in titles
        assert "Log a breach" not in titles and "New person" not in titles


async def test_reports_generate_in_a_worker_and_say_where(demo_folder, isolated_reports) -> None:
    from textual.widgets import Static

    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        showing(app, ReportsPage).action_choose("case", "SM-2026-004")
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = str(app.screen.query_one("#report-result", Static).render())
        # either the PDF was made, or a plain message says why not: never a traceback
        assert result.startswith("Saved as ") or result.startswith("Not made: ")
        if result.startswith("Saved as "):
            assert list(isolated_reports.glob("*/*.pdf"))
