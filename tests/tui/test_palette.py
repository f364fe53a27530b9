"""The command palette finds records by what a clerk remembers, accent-blind, and shows every
record's text literally: markup in a name is never run, control characters are shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot

from parishclerk.domain.records import Person, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.screens.case import CaseScreen

from .conftest import TODAY

EVIL = "[bold red]x[/] [@click=app.quit]q[/]"


async def search(pilot: Pilot[Any], query: str) -> list[str]:
    """Open the palette, type ``query``, and return the plain text of what it offers."""
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = query
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause(0.2)
    options = palette.query_one(CommandList).options
    texts = [str(o.prompt.plain if hasattr(o.prompt, "plain") else o.prompt) for o in options]
    return [t.split("\n")[0] for t in texts]


def add_people(folder: Path, *people: Person) -> None:
    with Store.open(folder) as store:
        for person in people:
            store.save_person(person)


async def test_palette_finds_a_case_by_its_subject_and_words(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        found = await search(pilot, "David")
        assert any(f.startswith("Open person David O'Connell") for f in found)
        assert any(f.startswith("Open case SM-2026-004: David O'Connell") for f in found)
        found = await search(pilot, "eastfield")
        assert any(f.startswith("Open case ") and "Eastfield" in f for f in found)
        assert any("Siân Llewellyn" in f for f in await search(pilot, "Sian"))
        assert any("Bethan Ŵyn Jones" in f for f in await search(pilot, "wyn"))
        assert any(f.startswith("Open policy Social Media") for f in await search(pilot, "social"))
        assert any(f.startswith("Open account ") for f in await search(pilot, "facebook"))


async def test_palette_opens_the_case_it_found(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        found = await search(pilot, "eastfield")
        assert found[0].startswith("Open case ")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_markup_in_a_name_shows_literally_and_clicking_it_does_not_quit(
    demo_folder: Path, held: None
) -> None:
    add_people(demo_folder, Person("p90", EVIL, Role.VOLUNTEER, TODAY))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        found = await search(pilot, "bold red")
        assert f"Open person {EVIL}" in found
        row = next(i for i, f in enumerate(found) if EVIL in f)
        # click the words that would be a link (a border line, then two lines an option)
        x = len("Open person [bold red]x[/] [@c") + 2
        assert await pilot.click(CommandList, offset=(x, 1 + 2 * row))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "PersonScreen"  # the person's page (issue 12 item 5)
        await pilot.press("escape")
        await pilot.pause()
        found = await search(pilot, "mallory")
        assert "Open person Mallory\\x1b]0;pwned\\x07\\x1b[2J" in found
        assert not any("\x1b" in f for f in found)


async def test_palette_and_lists_find_a_name_without_its_apostrophe(demo_folder: Path) -> None:
    """A tester typed "oconnell" and got "No matches found" for David O'Connell."""
    from parishclerk.tui.screens.people import PeoplePage

    from .helpers import showing

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("David O'Connell" in f for f in await search(pilot, "oconnell"))
        assert any("David O'Connell" in f for f in await search(pilot, "o’connell"))
        await pilot.press("escape", "2", "slash", *"oconnell")
        await pilot.pause()
        assert [r.cells[0] for r in showing(app, PeoplePage).records.shown] == ["David O'Connell"]
