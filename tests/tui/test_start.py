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
