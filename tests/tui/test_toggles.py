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


async def test_the_confidential_pack_is_never_saved_under_the_public_name(
    demo_folder: Path, isolated_reports: Path
) -> None:
    """A tester ticked "Confidential part" and got the public pack's name with "-2" added: the
    file for the website and the one that must never go there differed by two characters."""
    from textual.widgets import Input

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        output = app.screen.query_one("#opt-output", Input)
        public = output.value
        assert "confidential" not in public
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#opt-confidential", Tick).value = True
        await pilot.pause()
        assert output.value == public.replace("-pack-", "-pack-confidential-")
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#opt-confidential", Tick).value = False
        await pilot.pause()
        assert output.value == public
    made = sorted(p.name for p in isolated_reports.rglob("*.pdf"))
    assert made == sorted([public, public.replace("-pack-", "-pack-confidential-")])
