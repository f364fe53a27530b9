"""Issue 12 item 5: a page for a person (role, dates, every policy acknowledged or owed, the
cases about them, the accounts they may post on, what is due, interests), edit one key away,
each row opening what it names; and the policy page's who owes / who has acknowledged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from parishclerk.domain.dates import show
from parishclerk.domain.records import CouncilData, Person, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import ParishClerkApp, make_app
from parishclerk.tui.messages import OpenRecord
from parishclerk.tui.screens.acknowledgements import AcknowledgementsPage
from parishclerk.tui.screens.case import CaseScreen
from parishclerk.tui.screens.people import PeoplePage
from parishclerk.tui.screens.person import PersonScreen
from parishclerk.tui.screens.policy import PolicyScreen

from .conftest import TODAY
from .helpers import notes, screen_text, showing
from .test_palette import search


def person_id(folder: Path, name: str) -> str:
    with Store.open(folder, read_only=True) as store:
        return next(p.id for p in store.people() if p.name == name)


def info(app: Any) -> str:
    return str(app.screen.query_one("#person-info", Static).render())


def rows(app: Any, name: str) -> list[str]:
    table = app.screen.query_one(f"#person-{name}", DataTable)
    if not table.display:
        return []
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def open_person(pilot: Any, name: str) -> PersonScreen:
    """People, filter by ``name``, Enter: the way a clerk opens someone."""
    await pilot.press("2")
    await pilot.pause()
    showing(pilot.app, PeoplePage).action_filter(name)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return showing(pilot.app, PersonScreen)


async def test_enter_on_a_person_opens_their_page(demo_folder: Path) -> None:
    with Store.open(demo_folder, read_only=True) as store:
        aoife = store.person(person_id(demo_folder, "Aoife Brennan"))
        assert aoife.interests_registered is not None
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(pilot, "Aoife")
        text = info(app)
        assert "Aoife Brennan" in text
        assert f"Councillor, joined {show(aoife.joined)}; serving" in text
        assert f"Interests: registered {show(aoife.interests_registered)}" in text
        policies = rows(app, "policies")
        assert len(policies) == 3  # every policy with a current version
        social = next(r for r in policies if r.startswith("Social Media Policy"))
        assert "! overdue, due" in social
        assert any("✓ " in r and " form" in r for r in policies)
        assert any("to acknowledge" in r and "Aoife" not in r for r in rows(app, "due"))
        assert "Policies: 1 owed (Enter records one)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        showing(app, PeoplePage)


async def test_e_edits_and_a_records_an_acknowledgement(demo_folder: Path) -> None:
    pid = person_id(demo_folder, "Aoife Brennan")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(pilot, "Aoife")
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        await pilot.press("escape")
        await pilot.pause()
        showing(app, PersonScreen)
        await pilot.press("a")  # the first policy owed: Social Media Policy
        await pilot.pause()
        assert type(app.screen).__name__ == "AckForm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        showing(app, PersonScreen)
        social = next(r for r in rows(app, "policies") if r.startswith("Social Media"))
        assert "✓ 23 Nov 2026" in social
        assert "Policies: 0 owed" in screen_text(app)
        toasts = notes(app)
        await pilot.press("a")
        await pilot.pause()
        assert "Aoife Brennan owes no acknowledgement." in toasts
        showing(app, PersonScreen)
    with Store.open(demo_folder, read_only=True) as store:
        assert any(a.person == pid and a.on == TODAY for a in store.acknowledgements())


async def test_rows_open_what_they_name(demo_folder: Path) -> None:
    with Store.open(demo_folder, read_only=True) as store:
        case = next(c for c in store.cases() if c.subject.person)
        pid = case.subject.person
        assert pid is not None
        name = store.person(pid).name
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(pilot, name)
        assert any(r.startswith(case.reference) for r in rows(app, "cases"))
        page = showing(app, PersonScreen)
        cases = page.table("cases")
        cases.focus()
        cases.move_cursor(row=[c.reference for c in page.cases].index(case.reference))
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app, CaseScreen).reference == case.reference
        await pilot.press("s")  # the case's subject: back to their page
        await pilot.pause()
        assert showing(app, PersonScreen).person_id == pid
        await pilot.press("escape", "escape")
        await pilot.pause()
        showing(app, PersonScreen)


async def test_an_up_to_date_policy_row_opens_the_policy(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_person(pilot, "Aoife")
        at = next(i for i, s in enumerate(page.standings) if s.owed is None)
        page.table("policies").move_cursor(row=at)
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app, PolicyScreen).policy_id == page.standings[at].policy.id


async def test_down_runs_on_through_the_sections(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_person(pilot, "Aoife")
        assert app.screen.focused is page.table("policies")
        await pilot.press("down", "down", "down")
        assert app.screen.focused is page.table("due")  # no cases, no accounts: hidden
        await pilot.press("up")
        assert app.screen.focused is page.table("policies")
        assert page.table("policies").cursor_row == 2


async def test_accounts_they_may_post_on(demo_folder: Path) -> None:
    with Store.open(demo_folder, read_only=True) as store:
        account = next(a for a in store.accounts() if a.authorised)
        name = store.person(account.authorised[0]).name
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_person(pilot, name)
        assert any(
            r.startswith(f"{account.platform} {account.handle}") for r in rows(app, "accounts")
        )
        table = page.table("accounts")
        table.focus()
        table.move_cursor(row=[a.id for a in page.accounts].index(account.id))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "AccountForm"


async def test_the_palette_opens_a_person_page(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await search(pilot, "sian")
        assert found[0].startswith("Open person Siân Llewellyn")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert "Siân Llewellyn" in info(app)


async def test_read_only_shows_the_page_and_writes_nothing(demo_folder: Path) -> None:
    before = (demo_folder / "audit.jsonl").read_bytes()
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = notes(app)
        page = await open_person(pilot, "Aoife")
        assert "Enter records one" not in screen_text(app)
        active = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not {"edit", "acknowledge", "left"} & active
        await pilot.press("a")
        await pilot.press("x")
        await pilot.pause()
        assert any(t.startswith("Read-only: “Acknowledge”") for t in toasts), toasts
        assert any(t.startswith("Read-only: “Left”") for t in toasts), toasts
        showing(app, PersonScreen)
        await pilot.press("e")  # the details, shown without a Save
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        assert not app.screen.query("#form-save")
        await pilot.press("escape")
        await pilot.pause()
        owed = next(i for i, s in enumerate(page.standings) if s.owed is not None)
        page.table("policies").move_cursor(row=owed)
        await pilot.press("enter")  # nothing to record read-only: the policy opens
        await pilot.pause()
        showing(app, PolicyScreen)
    assert (demo_folder / "audit.jsonl").read_bytes() == before


async def test_a_read_only_e_on_a_list_views_rather_than_refusing(demo_folder: Path) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = notes(app)
        await pilot.press("2", "e")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        assert not toasts


HOSTILE = [
    "Siân ap Ŵyn",
    "[bold]x[/]",
    "<b>Bold</b>",
    "O'Brien & Co",
    "Ł" + "a" * 298 + "z",  # 300 characters, held from before the 200-character rule
]


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> None:
    """People with hostile names, put into what the app reads (the store refuses the longest)."""
    real = ParishClerkApp.data
    extra = [
        Person(f"h{i}", name, Role.COUNCILLOR, date(2026, 11, 1)) for i, name in enumerate(HOSTILE)
    ]

    def data(self: ParishClerkApp) -> CouncilData:
        got = real(self)
        return replace(got, people=[*got.people, *extra])

    monkeypatch.setattr(ParishClerkApp, "data", data)


@pytest.mark.parametrize("i", range(len(HOSTILE)))
async def test_hostile_names_render_literally(demo_folder: Path, hostile: None, i: int) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(OpenRecord("people", f"h{i}"))
        await pilot.pause()
        page = showing(app, PersonScreen)
        shown = page.query_one("#person-info", Static).render()
        assert str(shown).split("\n")[0] == HOSTILE[i]
        assert "Interests: not registered" in str(shown)
        assert any("register interests" in r for r in rows(app, "due"))
        assert len(rows(app, "policies")) == 3


async def test_at_80_columns_policy_titles_are_not_cut(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_person(pilot, "Aoife")
        table = page.table("policies")
        widths = [c.width for c in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 76  # the page's padding and scroll bar
        for i in range(table.row_count):  # no cell cut: the titles, labels and dates whole
            cells = table.get_row_at(i)
            assert all(len(str(c)) <= w for c, w in zip(cells, widths, strict=True)), cells


async def test_the_policy_page_shows_who_has_acknowledged(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        page = showing(app, PolicyScreen)
        text = screen_text(app)
        assert "Who owes an acknowledgement" in text
        assert "Who has acknowledged it: " in text
        acked = page.query_one("#acked", DataTable)
        assert acked.row_count == len(page.acked) > 0
        assert app.screen.focused is page.query_one("#owing")
        await pilot.press(*["down"] * len(page.owing))  # runs on from who owes
        assert app.screen.focused is acked and acked.cursor_row == 0
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app, PersonScreen).person_id == page.acked[0]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "PolicyForm"


async def test_x_records_that_someone_left(demo_folder: Path) -> None:
    pid = person_id(demo_folder, "Aoife Brennan")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(pilot, "Aoife")
        await pilot.press("x")
        await pilot.pause()
        assert "Record that Aoife Brennan left on 23 Nov 2026?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert "left 23 Nov 2026" in info(app)
        active = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "left" not in active  # gone: no key for it
    with Store.open(demo_folder, read_only=True) as store:
        assert store.person(pid).left == TODAY


async def test_a_name_on_the_acknowledgements_grid_opens_the_person(demo_folder: Path) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        grid = app.screen.query_one("#matrix", DataTable)
        grid.move_cursor(row=1, column=0)
        first = showing(app, AcknowledgementsPage).people[1]
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app, PersonScreen).person_id == first


async def test_import_people_is_in_the_palette(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await search(pilot, "import spreadsheet")
        assert found[0] == "Import people from a spreadsheet (CSV)"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "PeopleImportForm"


def test_snapshot_person_page(snap_compare: Any, demo_folder: Path) -> None:
    """David O'Connell at 80x24: a policy overdue, one acknowledged of an earlier version, a
    case about him with the Monitoring Officer, and what is due."""

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.post_message(OpenRecord("people", person_id(demo_folder, "David O'Connell")))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(
        make_app(demo_folder, today=TODAY), terminal_size=(80, 24), run_before=run_before
    )
