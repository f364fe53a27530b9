"""Nothing that tells rows apart is cut, at 80x24 and 120x40: columns take the width there is,
the first column gives way last, and the highlighted row's cut values show whole under the
table. Read back from what the table draws, not from its settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from parishclerk.domain.records import Person, Reminder, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.widgets.columns import Column, cell_width, fit_widths, natural_widths
from parishclerk.tui.widgets.table import RecordTable

from .conftest import TODAY
from .helpers import showing

SIZES = [(80, 24), (120, 40)]
LONG = "Gwenllïan Ŵynne-Price " * 9  # the longest a name may be (200 characters)
LONG_TITLE = "Ring " + "Gwenllïan Ŵynne-Price about the play area, " * 4  # 200 is the most
HOSTILE = ["Siân Llewellyn-Ŵyn", "[bold]x[/]", "<b>Bold</b>", "O'Brien & Co", LONG.strip()]
LIST_PAGES = {"2": "people", "3": "policies", "5": "breaches", "6": "due", "7": "accounts"}


# -- the width logic ----------------------------------------------------------------------------


def test_columns_take_their_values_width_when_all_fit() -> None:
    cols = [Column("Name", 26, 16), Column("Joined", 11), Column("Email", 30, 10, give=2)]
    natural = [17, 11, 31]
    assert fit_widths(cols, 200, natural) == [17, 11, 31]  # wider than `width`: not capped


def test_the_widest_gives_way_first_and_the_first_column_last() -> None:
    cols = [
        Column("Name", 26, 10),
        Column("Role", 29, 8),
        Column("Notes", 20, 8),
        Column("Email", 30, 10, give=2),
    ]
    # the email goes to its least first, then the wider of role and notes, then the name
    assert fit_widths(cols, 80, [20, 29, 12, 40]) == [20, 29, 12, 19]
    assert fit_widths(cols, 60, [20, 29, 12, 40]) == [20, 18, 12, 10]
    assert fit_widths(cols, 45, [20, 29, 12, 40]) == [19, 8, 8, 10]
    assert fit_widths(cols, 10, [20, 29, 12, 40]) == [10, 8, 8, 10]  # never below their least


def test_fit_widths_keeps_its_promises_on_any_table() -> None:
    import random

    rng = random.Random(12)
    for _ in range(2000):
        cols = [
            Column(
                f"c{i}",
                rng.randint(3, 30),
                rng.choice([None, rng.randint(1, 12)]),
                give=rng.randint(0, 2),
            )
            for i in range(rng.randint(1, 7))
        ]
        natural = [rng.randint(1, 120) for _ in cols]
        room = rng.randint(0, 200)
        widths = [int(w or 0) for w in fit_widths(cols, room, natural)]
        want = [n if c.min is None else max(n, c.min) for c, n in zip(cols, natural, strict=True)]
        floor = [w if c.min is None else min(c.min, w) for c, w in zip(cols, want, strict=True)]
        assert all(f <= w <= x for f, w, x in zip(floor, widths, want, strict=True))
        if sum(want) <= room:
            assert widths == want
        elif sum(floor) <= room:
            assert sum(widths) == room  # every cell used before anything is cut
        else:
            assert widths == floor
        # the first column is cut only when every other narrowable one is at its least
        if cols[0].min is not None and widths[0] < want[0]:
            assert all(
                w == f
                for c, w, f in zip(cols[1:], widths[1:], floor[1:], strict=True)
                if c.min is not None
            )


def test_natural_widths_count_terminal_cells() -> None:
    cols = [Column("Name", 10, 5), Column("N", 3)]
    assert natural_widths(cols, [["Siân", "1"], ["Ŵyn Jones", "12"]]) == [9, 2]
    assert cell_width("日本") == 4


# -- read back from the screen ------------------------------------------------------------------


def add_people(folder: Path) -> None:
    with Store.open(folder) as store:
        for i, name in enumerate(HOSTILE):
            store.save_person(Person(f"p8{i}", name, Role.VOLUNTEER, TODAY))
        store.save_reminder(Reminder("r80", LONG_TITLE.strip(), TODAY))


def drawn(table: DataTable[Any]) -> list[str]:
    """The table's lines as drawn on the terminal."""
    return [table.render_line(y).text for y in range(table.size.height)]


def check_table(records: RecordTable) -> None:
    table = records.table
    widths = [c.width for c in table.columns.values()]
    lines = drawn(table)
    natural = natural_widths(records.columns, (r.cells for r in records.rows))
    cut = any(n > w for n, w in zip(natural, widths, strict=True))
    used = sum(widths) + 2 * len(widths)
    # nothing cut while blank columns sit beside it (the scroll bar's two cells aside)
    assert not cut or used >= table.size.width - 2, (widths, table.size.width)
    assert used <= table.size.width
    # the first column (what tells the rows apart) is drawn whole on every visible row
    visible = [r for r in records.shown[: table.size.height - 1]]
    for row in visible:
        first = str(row.cells[0])
        if cell_width(first) <= table.size.width // 3:
            assert any(first in line for line in lines), (first, lines)
    # and the highlighted row's cut values are whole in the line under the table
    detail = records.query_one(".table-detail", Static)
    assert detail.display == cut
    current = records.shown[table.cursor_row] if records.shown else None
    if cut and current is not None:
        said = str(detail.render())
        for cell, width in zip(current.cells, widths, strict=True):
            if cell_width(cell) > width:
                assert str(cell) in said


@pytest.mark.parametrize("size", SIZES)
async def test_every_list_fits_its_columns(demo_folder: Path, size: tuple[int, int]) -> None:
    add_people(demo_folder)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        for key in LIST_PAGES:
            await pilot.press(key)
            await pilot.pause()
            records = app.screen.query_one(RecordTable)
            check_table(records)
            await pilot.press("down", "down", "down")
            await pilot.pause()
            check_table(records)


@pytest.mark.parametrize("size", SIZES)
async def test_hostile_names_stay_literal_and_whole(
    demo_folder: Path, size: tuple[int, int]
) -> None:
    add_people(demo_folder)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        names = [str(r.cells[0]) for r in records.rows]
        for name in HOSTILE:
            assert name in names  # as typed: the markup not read, the brackets kept
        records.filter_input.value = "gwenllian"
        records.apply()
        records.focus_table()
        await pilot.pause()
        assert [r.key for r in records.shown] == ["p84"]
        detail = str(records.query_one(".table-detail", Static).render())
        assert LONG.strip() in detail.replace("\n", " ")
        for name in HOSTILE[:4]:
            records.filter_input.value = name
            records.apply()
            await pilot.pause()
            lines = drawn(records.table)
            assert any(name in line for line in lines), (name, lines)


@pytest.mark.parametrize("size", SIZES)
async def test_due_page_shows_who_each_acknowledgement_is_for(
    demo_folder: Path, size: tuple[int, int]
) -> None:
    """Three rows for one person's policies are told apart by the policy, first in the text;
    the whole line is under the table for the highlighted one."""
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("6")
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        what = list(records.columns).index(next(c for c in records.columns if c.label == "What"))
        width = [c.width for c in records.table.columns.values()][what]
        assert width >= (36 if size[0] == 80 else 70)
        for i in range(min(5, len(records.shown))):
            records.table.move_cursor(row=i)
            await pilot.pause()
            title = str(records.shown[i].cells[what])
            detail = str(records.query_one(".table-detail", Static).render())
            assert cell_width(title) <= width or title in detail.replace("\n", " ")


async def test_dashboard_bars_show_each_policy_whole_at_80(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        acks = app.screen.query_one("#acks-table", DataTable)
        for row in range(acks.row_count):
            cell = acks.get_row_at(row)[0]
            assert cell_width(cell) <= next(iter(acks.columns.values())).width


async def test_dashboard_bars_show_large_counts_whole(demo_folder: Path) -> None:
    """A large council's "Done" reads 10/126, never cut to 10/1."""
    with Store.open(demo_folder) as store, store.transaction():
        for i in range(110):
            store.save_person(Person(f"p{900 + i}", f"Member {i}", Role.COUNCILLOR, TODAY))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        acks = app.screen.query_one("#acks-table", DataTable)
        done = list(acks.columns.values())[1]
        counts = [str(acks.get_row_at(row)[1]) for row in range(acks.row_count)]
        assert counts and all("/1" in c and len(c) >= 6 for c in counts)
        assert all(len(c) <= done.width for c in counts), (counts, done.width)


# -- dialogs at 80x24 ----------------------------------------------------------------------------


def inside(outer: Any, inner: Any) -> bool:
    return outer.region.contains_region(inner.region)


async def test_a_long_message_scrolls_and_says_how_many_more(demo_folder: Path) -> None:
    from parishclerk.tui.widgets.dialogs import InfoScreen

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        names = "\n".join(f"  Person {i}" for i in range(30))
        app.push_screen(InfoScreen("Social Media Policy 2027 issued", f"30 now owe:\n\n{names}"))
        await pilot.pause()
        await pilot.pause()
        more = app.screen.query_one("#dialog-more", Static)
        assert more.display and "more lines below" in str(more.render())
        first = int(str(more.render()).split()[1])
        await pilot.press("down")
        await pilot.pause()
        assert int(str(more.render()).split()[1]) == first - 1
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert not more.display
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, InfoScreen)


async def test_issuing_a_version_lists_who_owes_with_how_many_more(demo_folder: Path) -> None:
    from parishclerk.tui.widgets.dialogs import ConfirmScreen, InfoScreen

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InfoScreen)
        more = app.screen.query_one("#dialog-more", Static)
        assert more.display and "more line" in str(more.render())
        assert inside(app.screen.query_one("#dialog"), more)


async def test_the_routing_shows_without_scrolling_in_a_new_case(demo_folder: Path) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Select

    from parishclerk.tui.forms.case import CaseForm

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CaseForm)
        councillor = next(p for p in form.people.values() if p.role is Role.COUNCILLOR)
        form.query_one("#f-subject", Select).value = councillor.id
        await pilot.pause()
        note = form.query_one("#form-note", Static)
        assert "Monitoring Officer" in str(note.render())
        fields = form.query_one("#form-fields", VerticalScroll)
        assert fields.scroll_y == 0 and inside(fields, note)


async def test_breach_categories_are_whole_at_80(demo_folder: Path) -> None:
    from parishclerk.tui.widgets.ticks import TickList

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        ticks = app.screen.query_one("#f-categories", TickList)
        ticks.scroll_visible(animate=False)
        await pilot.pause()
        labels = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        room = ticks.scrollable_content_region.width
        for label in labels:
            assert cell_width(label) + 4 <= room, (label, room)  # "[ ] " and the label
        lines = [ticks.render_line(y).text for y in range(ticks.size.height)]
        assert any(
            "Discriminatory or derogatory (protected characteristics)" in line for line in lines
        )


async def test_the_repeats_list_opens_inside_its_dialog(demo_folder: Path) -> None:
    from textual.widgets import Select

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        box = app.screen.query_one("#f-repeat", Select)
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.screen.query_one("SelectOverlay")
        assert box.expanded and overlay.region.height >= 7
        assert inside(app.screen.query_one("#form"), overlay)


# -- after a save, the cursor is on the new record ------------------------------------------------


async def save_form(pilot: Any, values: dict[str, Any]) -> None:
    from textual.widgets import Input, Select

    from parishclerk.tui.widgets.dialogs import ConfirmScreen

    for name, value in values.items():
        widget = pilot.app.screen.query_one(f"#f-{name}")
        if isinstance(widget, (Input, Select)):
            widget.value = value
        else:  # a list of ticks
            widget.select(value)
        await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(pilot.app.screen, ConfirmScreen):
        await pilot.press("y")
        await pilot.pause()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize(
    ("page", "values", "key"),
    [
        ("2", {"name": "Aaron Ŵyn", "role": "councillor"}, "Aaron Ŵyn"),
        ("3", {"title": "Aardvark Policy", "binds": "councillor"}, "Aardvark Policy"),
        ("6", {"title": "Zebra crossing survey", "due": "20/11/2026"}, "Zebra crossing survey"),
        ("7", {"platform": "Facebook", "handle": "@aaa_parish"}, "@aaa_parish"),
    ],
)
async def test_after_a_save_the_cursor_is_on_the_new_record(
    demo_folder: Path, page: str, values: dict[str, Any], key: str
) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(page)
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        records.table.move_cursor(row=2)
        await pilot.press("n")
        await pilot.pause()
        await save_form(pilot, values)
        await pilot.pause()
        while app.screen.is_modal:  # a message after the save (who now owes, when it is due)
            await pilot.press("escape")
            await pilot.pause()
        records = app.screen.query_one(RecordTable)
        row = records.shown[records.page * records.page_size + records.table.cursor_row]
        assert any(key in str(c) for c in row.cells), [str(c) for c in row.cells]


async def test_after_logging_a_case_the_list_is_on_it(demo_folder: Path) -> None:
    from parishclerk.tui.forms.case import CaseForm
    from parishclerk.tui.screens.case import CaseScreen

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        reference = showing(app, CaseForm).reference
        await save_form(
            pilot,
            {
                "reported_by": "O'Brien & Co",
                "subject": "__third_party__",
                "third_party": "[bold]x[/] <b>",
                "summary": "Posted the crest",
            },
        )
        assert isinstance(app.screen, CaseScreen)  # a new case opens
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        assert records.current_key == reference
        lines = drawn(records.table)
        assert any(reference in line and "[bold]x[/]" in line for line in lines)


# -- reports and opening -------------------------------------------------------------------------


async def test_reports_say_where_and_that_open_cannot(demo_folder: Path, monkeypatch) -> None:
    from textual.widgets import Input

    from parishclerk.tui import system

    monkeypatch.setattr(system, "can_open", lambda suffix=".pdf": system.YES)
    monkeypatch.setattr(system, "can_print", lambda suffix=".pdf": system.YES)

    def gives_up(path: Path) -> None:
        raise system.CannotDo(f"{path.name} was saved but not opened: no program (test).")

    monkeypatch.setattr(system, "open_file", gives_up)
    from parishclerk.store import places

    documents = places.reports_folder("Little Wickham Parish Council", create=False).parents[1]
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: documents.parent))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("8")
        await pilot.pause()
        folder = app.screen.query_one("#opt-folder", Input)
        assert folder.value.startswith("~") and cell_width(folder.value) < folder.size.width
        await pilot.press("ctrl+g")
        for _ in range(60):
            await pilot.pause(0.1)
            if (
                app.screen.query_one("#report-result", Static)
                .render()
                .__str__()
                .startswith("Saved")
            ):
                break
        result = app.screen.query_one("#report-result", Static)
        assert str(result.render()).startswith("Saved as ")
        assert not app._notifications  # said under the buttons, nothing covering it
        assert app.screen.region.contains_region(result.region)
        await pilot.press("ctrl+r")
        for _ in range(30):
            await pilot.pause(0.1)
            if "Not opened" in str(result.render()):
                break
        assert "Not opened: " in str(result.render()) and "no program" in str(result.render())
        assert app.screen.region.contains_region(result.region)


def test_the_meeting_toast_is_short() -> None:
    from parishclerk.tui.flows import meeting_recorded

    assert meeting_recorded(["Siân"]) == "1 acknowledgement recorded: Siân."
    many = meeting_recorded([f"Councillor {i}" for i in range(14)])
    assert many == (
        "14 acknowledgements recorded: Councillor 0, Councillor 1, Councillor 2 and 11 more."
    )


@pytest.mark.parametrize("size", SIZES)
async def test_the_acknowledgement_grid_says_the_highlighted_cell_whole(
    demo_folder: Path, size: tuple[int, int]
) -> None:
    from parishclerk.tui.screens.acknowledgements import AcknowledgementsPage

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        page = showing(app, AcknowledgementsPage)
        for column, (policy, version) in enumerate(page.columns, 1):
            for row in range(min(5, len(page.people))):
                page.matrix.move_cursor(row=row, column=column)
                await pilot.pause()
                said = str(page.query_one("#acks-detail", Static).render()).replace("\n", " ")
                person = page.clerk.data().person(page.people[row])
                assert person is not None and said.startswith(person.name)
                assert f"{policy.title} {version.label}: " in said
                held = str(page.matrix.get_cell_at(page.matrix.cursor_coordinate))
                if held.startswith("✓"):
                    assert "acknowledged " + held[2:].rsplit(" ", 1)[0] in said


@pytest.mark.parametrize("size", [*SIZES, (100, 30)])
async def test_dashboard_due_rows_keep_who_they_are_for(
    demo_folder: Path, size: tuple[int, int]
) -> None:
    """Three acknowledgements of one policy read apart by the person, drawn whole."""
    from parishclerk.tui.screens.dashboard import DashboardPage

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        page = showing(app, DashboardPage)
        table = page.query_one("#due-table", DataTable)
        lines = drawn(table)
        data = page.clerk.data()
        checked = 0
        for item in page.items[: table.size.height - 1]:
            person = data.person(item.person) if item.person else None
            if person is not None and person.name in item.title:
                upto = item.title[: item.title.index(person.name) + len(person.name)]
                assert any(upto in line for line in lines), (upto, lines)
                checked += 1
        assert checked >= 3


async def test_columns_follow_the_window_when_it_is_resized(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        narrow = [c.width for c in records.table.columns.values()]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        wide = [c.width for c in records.table.columns.values()]
        assert wide[-1] > narrow[-1] + 30
        check_table(records)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert [c.width for c in records.table.columns.values()] == narrow
        check_table(records)


async def test_widening_the_due_window_does_not_move_the_cursor(demo_folder: Path) -> None:
    """Only a change to the records moves the cursor to what appeared: a year's window brings
    in one more reminder (the Annual Meeting), and the cursor stays where it was."""
    from textual.widgets import Select

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        app.screen.query_one("#due-kind-select", Select).value = "reminder"
        await pilot.pause()
        records = app.screen.query_one(RecordTable)
        records.focus_table()
        assert len(records.rows) == 2
        records.table.move_cursor(row=1)
        await pilot.pause()
        key = records.current_key
        await pilot.press("w", "w")  # 90, then 365 days
        await pilot.pause()
        assert len(records.rows) == 3 and records.current_key == key


async def test_an_overdue_next_step_is_marked_on_the_breach_list(demo_folder: Path) -> None:
    """SM-2026-005's next step was past with only red to say so; the Due page says "!"."""
    from parishclerk.tui.screens.breaches import BreachesPage

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        rows = {r.key: r for r in showing(app, BreachesPage).records.shown}
        late = [str(r.cells[-1]) for r in rows.values() if str(r.cells[-1]).startswith("! ")]
        assert late, [str(r.cells[-1]) for r in rows.values()]
        assert all(not str(r.cells[-1]).startswith("!") for k, r in rows.items() if "2024" in k)
