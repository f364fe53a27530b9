"""Read-only (the Chair's copy): every way of writing is gone, and the folder's bytes stay put."""

from __future__ import annotations

import hashlib
from pathlib import Path

from textual.widgets import Input

from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app

from .conftest import TODAY
from .helpers import screen_text

EDIT_KEYS = [
    "n",
    "e",
    "d",
    "x",
    "v",
    "a",
    "m",
    "o",
    "f",
    "p",
    "space",
    "enter",
    "ctrl+s",
    "y",
    "enter",
    "ctrl+s",
    "escape",
]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


async def test_every_editing_key_leaves_the_folder_unchanged(demo_folder) -> None:
    before = fingerprint(demo_folder)
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for page in "12345678":
            await pilot.press(page)
            await pilot.pause()
            await pilot.press(*EDIT_KEYS)
            await pilot.pause()
            # a pushed record (case, policy, person) gets the same treatment, then is left
            # (without Enter, which on a record's page opens the record a row names: person,
            # policy, person... without end)
            if len(app.screen_stack) > 1:
                await pilot.press(*[k for k in EDIT_KEYS if k != "enter"])
                await pilot.pause()
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
                await pilot.pause()
        # a case opened from the breach list
        await pilot.press("5", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseScreen"
        await pilot.press("m", "o", "f", "e", "ctrl+s", "enter")
        await pilot.pause()
        # no write bindings are shown
        shown = [b.binding.action for b in app.screen.active_bindings.values()]
        assert not {"move", "note", "evidence"} & set(shown)
    assert fingerprint(demo_folder) == before


async def test_write_actions_are_hidden(demo_folder) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, hidden in [
            ("2", {"new", "edit", "delete", "archive"}),
            ("4", {"record", "meeting", "version"}),
            ("6", {"new", "done", "postpone"}),
        ]:
            await pilot.press(key)
            await pilot.pause()
            active = {b.binding.action for b in app.screen.active_bindings.values()}
            assert not hidden & active, key


async def test_enter_shows_a_record_without_save(demo_folder) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "enter")  # the person's page; e there shows their details
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonScreen"
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        assert not app.screen.query("#form-save")
        assert all(w.disabled for w in app.screen.query("#form-fields Input"))


async def test_a_locked_folder_offers_read_only(demo_folder) -> None:
    holder = Store.open(demo_folder)  # another copy holds the lock
    try:
        app = make_app(demo_folder, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "ProblemScreen"
            assert "open in another copy" in screen_text(app)
            await pilot.click("#choice-read_only")
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "DashboardPage"
            assert app.read_only and "READ-ONLY" in screen_text(app)
    finally:
        holder.close()


async def test_a_damaged_folder_is_a_message_not_a_traceback(demo_folder) -> None:
    (demo_folder / "council.json").write_bytes(b"{not json")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ProblemScreen"
        assert "damaged" in screen_text(app) and "backup" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert (demo_folder / "council.json").read_bytes() == b"{not json"


async def test_an_empty_folder_offers_to_start_a_council(tmp_path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "holds no council yet" in screen_text(app)
        await pilot.click("#choice-create")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Empty Parish Council"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.council_name == "Empty Parish Council"
        assert type(app.screen).__name__ == "FirstStepsScreen"  # a new council's checklist
    with Store.open(folder, read_only=True) as store:
        assert store.council().name == "Empty Parish Council"


async def test_read_only_cannot_start_a_council_in_an_empty_folder(tmp_path) -> None:
    from parishclerk.tui.app import make_app

    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty, read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from .helpers import screen_text

        text = screen_text(app)
        assert "No council here yet" in text and "Start a council here" not in text
        app.create_council(
            __import__("parishclerk.domain.records", fromlist=["Council"]).Council(
                name="Sneaky PC"
            ),
            empty,
        )
        await pilot.pause()
    assert list(empty.iterdir()) == []


async def test_read_only_first_run_starts_nothing(isolated_home) -> None:
    from parishclerk.tui.app import make_app

    app = make_app(None, read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert not (isolated_home / "councils").exists()


async def test_a_write_key_read_only_says_why(demo_folder: Path) -> None:
    """Issue 12 item 7: the Chair pressing a key that would write is told why nothing happens."""
    from parishclerk.tui.messages import OpenRecord
    from parishclerk.tui.screens.case import CaseScreen

    from .helpers import notes

    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notes(app)
        await pilot.press("2", "n")
        await pilot.pause()
        assert seen[-1].startswith("Read-only: “New” is not available")
        await pilot.press("5")
        await pilot.pause()
        app.screen.post_message(OpenRecord("cases", "SM-2026-004"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("m")
        await pilot.pause()
        assert seen[-1].startswith("Read-only: “Move” is not available")
        await pilot.press("escape", "6", "space")
        await pilot.pause()
        assert seen[-1].startswith("Read-only: “Done” is not available")
    assert len(seen) == 3
