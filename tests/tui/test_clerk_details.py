"""Smaller things a new clerk met (issue 12 item 8): where the focus starts, lists to choose
from, and no button offered for what will be refused."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, SelectionList

from parishclerk.tui.app import make_app
from parishclerk.tui.forms.ack import MeetingForm
from parishclerk.tui.screens.people import PeoplePage
from parishclerk.tui.widgets.dialogs import InfoScreen

from .conftest import TODAY
from .helpers import screen_text, showing


async def test_the_meeting_form_starts_on_the_people(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        ticks = app.screen.query_one(SelectionList)
        assert app.focused is ticks
        await pilot.press("space")  # ticks the first who owes at once
        await pilot.pause()
        assert len(ticks.selected) == 1


async def test_the_due_kind_is_chosen_from_a_list(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "k")
        await pilot.pause()
        box = app.screen.query_one("#due-kind-select", Select)
        assert box.expanded and box.has_focus_within


async def test_deleting_someone_with_history_offers_no_delete(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        showing(app, PeoplePage).action_filter("Priya")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, InfoScreen)
        text = screen_text(app)
        assert "cannot be deleted" in text and "Delete (y)" not in text
