"""User text is never markup anywhere in the app, and control characters already held are shown
escaped, never sent to the terminal: lists, dialogs, toasts, headers, forms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from parishclerk.domain.records import Person, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.screens.people import PeoplePage
from parishclerk.tui.widgets.dialogs import ConfirmScreen

from .conftest import ESCAPES, TODAY
from .helpers import screen_text, showing

EVIL = "[bold red]x[/] [@click=app.quit]q[/]"
SHOWN = "Mallory\\x1b]0;pwned\\x07\\x1b[2J"


def add(folder: Path, person: Person) -> None:
    with Store.open(folder) as store:
        store.save_person(person)


def cells(table: DataTable[object]) -> list[str]:
    return [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]


async def test_a_list_shows_markup_and_controls_as_written(demo_folder: Path, held: None) -> None:
    add(demo_folder, Person("p90", EVIL, Role.VOLUNTEER, TODAY))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        page = showing(app, PeoplePage)
        shown = cells(page.records.table)
        assert EVIL in shown and SHOWN in shown
        assert not any("\x1b" in c or "\x07" in c for c in shown)


async def test_a_dialog_and_a_toast_show_a_name_as_written(demo_folder: Path, held: None) -> None:
    add(demo_folder, Person("p90", EVIL, Role.VOLUNTEER, TODAY))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await pilot.pause()
        page = showing(app, PeoplePage)
        page.action_filter("bold red")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Delete {EVIL}?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        page.action_filter("mallory")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert f"Delete {SHOWN}?" in screen_text(app)
        assert "\x1b" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        app.notify(f"Recorded: {EVIL} and {ESCAPES}")  # markup=True is the default: ignored
        await pilot.pause()
        await pilot.pause(0.1)
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any(f"Recorded: {EVIL} and {SHOWN}" in t for t in toasts), toasts
        assert app.is_running


async def test_the_header_and_a_form_show_held_controls_escaped(
    demo_folder: Path, held: None
) -> None:
    with Store.open(demo_folder) as store:
        store.save_council(replace(store.council(), name="St Mary [b]&[/b] St Joseph"))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one("#header-name", Static).render())
        assert header == "St Mary [b]&[/b] St Joseph"
        await pilot.press("2")
        await pilot.pause()
        showing(app, PeoplePage).action_filter("mallory")
        await pilot.pause()
        await pilot.press("enter")  # the person's page: the name escaped, then e edits
        await pilot.pause()
        assert screen_text(app).startswith(f"{header}\n") and SHOWN in screen_text(app)
        assert "\x1b" not in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        assert "held with control characters" in text
        assert app.screen.query_one("#f-name", Input).value == SHOWN
