"""Issue 12 item 10: a new, empty council opens on a checklist of first steps (people from a
spreadsheet, the policies and their versions, who has acknowledged, the accounts), each one key
away, ticked from the records, staying until all are done, and back from the palette."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Select, SelectionList

from parishclerk.domain.overview import first_steps, set_up
from parishclerk.domain.records import Council, Person, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.screens.firststeps import FirstStepsScreen

from .conftest import TODAY
from .helpers import notes, screen_text, showing, type_into
from .test_palette import search

CSV = (
    "Name,Role,Joined,Email\n"
    "Siân Llewellyn,Councillor,11/5/2023,sian@example.org\n"
    "Ŵyn Evans,Chair,6/5/2020,\n"
    "O'Brien & Co,Volunteer,1/9/2024,\n"
    "Susan Clarke,Clerk,14/9/2018,clerk@example.org\n"
)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    Store.create(folder, Council(name="Nether Stowey Parish Council")).close()
    return folder


def ticks(app: Any) -> list[bool]:
    return [s.done for s in showing(app, FirstStepsScreen).steps]


def prompts(app: Any) -> list[str]:
    options = app.screen.query_one("#steps", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


async def test_a_new_council_opens_on_its_first_steps(empty: Path) -> None:
    app = make_app(empty, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        showing(app, FirstStepsScreen)
        assert ticks(app) == [False, False, False, False]
        shown = prompts(app)
        assert shown[0].startswith("[ ] i  People")
        assert shown[1].startswith("[ ] p  Policies and their current versions")
        assert shown[2].startswith("[ ] a  Who has acknowledged them")
        assert shown[3].startswith("[ ] s  Social media accounts")
        assert "0 of 4 done" in screen_text(app)
        keys = {k for k, b in app.screen.active_bindings.items() if b.binding.show}
        assert {"i", "p", "a", "s", "escape"} <= keys
        await pilot.press("escape")  # the Dashboard for now
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"
    app = make_app(empty, today=TODAY)  # and it comes back at the next opening
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        showing(app, FirstStepsScreen)


async def test_the_whole_set_up_by_keys(empty: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_bytes(b"\xef\xbb\xbf" + CSV.encode())  # Excel's CSV UTF-8, with its BOM
    app = make_app(empty, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = notes(app)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("a")  # nobody yet: says what comes first
        await pilot.pause()
        assert any(t.startswith("Not yet: add people first") for t in toasts), toasts
        # 1. people from a spreadsheet: i, the path, Enter
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeopleImportForm"
        await type_into(pilot, "#f-path", str(sheet))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        showing(app, FirstStepsScreen)
        assert ticks(app) == [True, False, False, False]
        assert "4 added, 0 updated from people.csv." in toasts
        assert "4 people" in prompts(app)[0]
        # 2. a policy, then straight on to its version
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "PolicyForm"
        await type_into(pilot, "#f-title", "Social Media Policy")
        app.screen.query_one("#f-binds", SelectionList).select_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "VersionForm"
        await type_into(pilot, "#f-label", "2026")
        await type_into(pilot, "#f-adopted", "12/5/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "4 people will then owe an acknowledgement" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        while type(app.screen).__name__ == "InfoScreen":  # who now owes it
            await pilot.press("enter")
            await pilot.pause()
        showing(app, FirstStepsScreen)
        assert ticks(app) == [True, True, False, False]
        assert "none recorded yet for Social Media Policy" in prompts(app)[2]
        # 3. who has acknowledged: the meeting form, for that policy's version
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingForm"
        signed = app.screen.query_one("#f-people", SelectionList)
        signed.select(signed.get_option_at_index(0))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        showing(app, FirstStepsScreen)
        assert ticks(app) == [True, True, True, False]
        # 4. an account: the last step; the checklist then gives way to the Dashboard
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "AccountForm"
        app.screen.query_one("#f-platform", Select).value = "Facebook"
        await type_into(pilot, "#f-handle", "@netherstoweypc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"
        assert any("All the first steps are done" in t for t in toasts), toasts
    with Store.open(empty, read_only=True) as store:
        assert {p.name for p in store.people()} >= {"Siân Llewellyn", "Ŵyn Evans", "O'Brien & Co"}
        assert len(store.acknowledgements()) == 1
        assert set_up(store.snapshot(), TODAY)
    app = make_app(empty, today=TODAY)  # set up: opens on the Dashboard as usual
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"


async def test_a_bad_spreadsheet_names_its_rows_and_imports_nothing(
    empty: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "name,role,joined\nAnn,Councillor,31/2/2026\nBob,Wizard,1/1/2026\nCat,Clerk,1/1/2026\n"
        + "Ł"
        + "a" * 299
        + ",Councillor,1/1/2026\n",  # a 300-character name
        encoding="utf-8",
    )
    app = make_app(empty, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await type_into(pilot, "#f-path", str(sheet))
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "bad.csv, row 2" in text and "bad.csv, row 3" in text
        assert "bad.csv, row 5" in text  # the name over 200 characters
        assert type(app.screen).__name__ == "PeopleImportForm"
        await type_into(pilot, "#f-path", str(tmp_path / "nowhere.csv"))
        assert "There is no file" in screen_text(app)
    with Store.open(empty, read_only=True) as store:
        assert store.people() == []


async def test_people_but_no_policies(empty: Path) -> None:
    with Store.open(empty) as store:
        store.save_person(Person("p1", "Siân Llewellyn", Role.COUNCILLOR, date(2023, 5, 11)))
    steps = first_steps(Store.open(empty, read_only=True).snapshot(), TODAY)
    assert [s.done for s in steps] == [True, False, False, False]
    assert steps[2].detail == "add a policy with its version first"
    app = make_app(empty, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = notes(app)
        await pilot.pause()
        await pilot.pause()
        assert ticks(app) == [True, False, False, False]
        assert prompts(app)[0].startswith("[✓] i  People")
        await pilot.press("a")
        await pilot.pause()
        assert "Not yet: add a policy with its version first." in toasts
        showing(app, FirstStepsScreen)


async def test_a_read_only_chair_on_an_empty_council(empty: Path) -> None:
    before = fingerprint(empty)
    app = make_app(empty, read_only=True, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = notes(app)
        await pilot.pause()
        await pilot.pause()
        showing(app, FirstStepsScreen)
        assert "Read-only: the Clerk does these steps" in screen_text(app)
        assert prompts(app)[0].startswith("[ ] People")  # no keys offered
        active = {b.binding.action.split("(")[0] for b in app.screen.active_bindings.values()}
        assert not {"step", "person"} & active
        for key in ("i", "n", "p", "a", "s", "enter"):
            await pilot.press(key)
            await pilot.pause()
            showing(app, FirstStepsScreen)
        assert any(t.startswith("Read-only: “People”") for t in toasts), toasts
        assert any("read-only" in t for t in toasts[-1:]), toasts  # Enter on a step
    assert fingerprint(empty) == before


async def test_the_palette_brings_the_checklist_back(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"  # the demo is set up
        found = await search(pilot, "first steps")
        assert found[0] == "First steps"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert ticks(app) == [True, True, True, True]  # all done: it stays until Escape
        assert "4 of 4 done" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"


def test_a_policy_binding_nobody_held_is_said() -> None:
    from parishclerk.domain.records import CouncilData, Policy, PolicyVersion

    data = CouncilData(
        Council("X"),
        people=[Person("p1", "Jean", Role.VOLUNTEER, date(2024, 1, 1))],
        policies=[Policy("sm", "Social Media Policy", [Role.COUNCILLOR])],
        versions=[PolicyVersion("sm-1", "sm", "2026", date(2026, 5, 1))],
    )
    steps = first_steps(data, TODAY)
    assert [s.done for s in steps] == [True, True, False, False]
    assert steps[2].detail == "no policy binds anyone held: check whom each binds"
    assert not set_up(data, TODAY)


def test_snapshot_first_steps(snap_compare: Any, empty: Path) -> None:
    """A new council with its people and no policies yet, at 80x24."""
    with Store.open(empty) as store:
        store.save_person(Person("p1", "Siân Llewellyn", Role.COUNCILLOR, date(2023, 5, 11)))
        store.save_person(Person("p2", "Susan Clarke", Role.CLERK, date(2018, 9, 14)))

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(empty, today=TODAY), terminal_size=(80, 24), run_before=run_before)
