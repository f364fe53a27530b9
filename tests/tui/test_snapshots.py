"""SVG snapshots of the main views at 100×30, on the demo council made for 23 Nov 2026.

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs
before committing them.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from parishclerk.tui.app import make_app

from .conftest import TODAY

SIZE = (100, 30)


async def _steady(pilot: Pilot[None]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_dashboard(snap_compare, demo_folder) -> None:
    """What is overdue and due soon, open cases by state, acknowledgement bars."""
    assert snap_compare(make_app(demo_folder, today=TODAY), terminal_size=SIZE, run_before=_steady)


def test_acknowledgements(snap_compare, demo_folder) -> None:
    """People by current policy version: acknowledged, owed or not bound."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("4")
        await _steady(pilot)

    assert snap_compare(
        make_app(demo_folder, today=TODAY), terminal_size=SIZE, run_before=run_before
    )


def test_breach_list(snap_compare, demo_folder) -> None:
    """Every case, newest first."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await _steady(pilot)

    assert snap_compare(
        make_app(demo_folder, today=TODAY), terminal_size=SIZE, run_before=run_before
    )


def test_case(snap_compare, demo_folder) -> None:
    """A councillor's case with the Monitoring Officer: procedure explained, retention, timeline."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("5", "down", "down", "enter")
        await _steady(pilot)

    assert snap_compare(
        make_app(demo_folder, today=TODAY), terminal_size=SIZE, run_before=run_before
    )
