"""Tick boxes and report choices read without colour: on the Reports page the confidential
part's box is blank until ticked, and only the chosen report shows ●."""

from __future__ import annotations

from pathlib import Path

from parishclerk.tui.app import make_app
from parishclerk.tui.widgets.toggles import Choice, Tick

from .conftest import TODAY


async def test_reports_page_states_read_without_colour(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        box = app.screen.query_one("#opt-confidential", Tick)
        assert not box.value and "✓" not in str(box.render())
        box.value = True
        await pilot.pause()
        assert "✓" in str(box.render())
        choices = list(app.screen.query(Choice))
        marks = [str(c.render())[:3] for c in choices]
        assert sum("●" in m for m in marks) == 1, marks
        assert sum("○" in m for m in marks) == len(choices) - 1, marks
