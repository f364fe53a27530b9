"""Acknowledgements: a record already made is kept unless corrected on purpose; a meeting lists
who owes first, ticks read as text; the grid filters without accents and marks what is late."""

from __future__ import annotations

from datetime import date

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Select, SelectionList

from parishclerk.domain.records import Acknowledgement
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.forms.ack import AckForm, MeetingForm
from parishclerk.tui.screens.acknowledgements import AcknowledgementsPage
from parishclerk.tui.screens.people import PeoplePage

from .conftest import TODAY
from .helpers import notes, screen_text, showing, type_into

ALREADY = (
    "Margaret Ashworth already acknowledged Members' Code of Conduct 2021 LGA model on "
    "19 Oct 2025 (signed form)"
)


def cell_of(page: AcknowledgementsPage, person: str, policy: str) -> Coordinate:
    column = next(i for i, (p, _) in enumerate(page.columns, 1) if p.id == policy)
    return Coordinate(page.people.index(person), column)


async def test_an_acknowledgement_already_recorded_is_kept_unless_corrected(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = notes(app)
        await pilot.press("4")
        await pilot.pause()
        page = showing(app, AcknowledgementsPage)
        row, column = cell_of(page, "p1", "coc")
        page.query_one("#matrix", DataTable).move_cursor(row=row, column=column)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert ALREADY in screen_text(app) and "Correct that record?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert ALREADY + ". That record is kept." in shown
        await pilot.press("enter", "y")  # Enter on the cell asks the same; yes corrects it
        await pilot.pause()
        assert isinstance(app.screen, AckForm)
        assert app.screen.query_one("#f-on", Input).value == "19 Oct 2025"
        await type_into(pilot, "#f-on", "20/10/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "AcknowledgementsPage"
        # a record made elsewhere while the form is open: the store's refusal is a message
        row, column = cell_of(page, "p5", "sm")
        page.query_one("#matrix", DataTable).move_cursor(row=row, column=column)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AckForm)
        assert app.store is not None
        app.store.record_acknowledgement(Acknowledgement("p5", "sm-3", TODAY, "email"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AckForm)
        assert (
            "Priya Raman already acknowledged version 2025.1 on 23 Nov 2026 (email); that "
            "record is kept" in screen_text(app)
        )
    with Store.open(demo_folder, read_only=True) as store:
        first, second = store.acknowledgement("p1", "coc-1"), store.acknowledgement("p5", "sm-3")
        assert first is not None and first.on == date(2025, 10, 20)
        assert second is not None and second.how == "email"


async def test_a_meeting_lists_who_owes_first_with_ticks_in_text(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        shown = notes(app)
        await pilot.press("4", "m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        form.query_one("#f-version", Select).value = "sm-3"
        await pilot.pause()
        box = form.query_one("#f-people", SelectionList)
        options = [box.get_option_at_index(i) for i in range(box.option_count)]
        owing = [o.value for o in options if not o.disabled]
        assert owing == ["p10", "p12", "p5", "p16"]  # by name: Aoife, Bethan, Priya, Ravi
        assert all(o.disabled for o in options[len(owing) :])
        assert "Margaret Ashworth: up to date" in [str(o.prompt) for o in options]
        assert box.highlighted == 0
        box.focus()
        await pilot.press("space", "down", "space")
        await pilot.pause()
        lines = [box.render_line(y).text for y in range(box.option_count)]
        assert lines[0].startswith("[x] Aoife Brennan") and lines[1].startswith("[x] Bethan")
        assert lines[2].startswith("[ ] Priya Raman")
        assert lines[4].startswith("    ")  # up to date: no box to tick
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "AcknowledgementsPage"
        assert "2 acknowledgements recorded: Aoife Brennan, Bethan Ŵyn Jones." in shown


async def test_the_grid_filters_without_accents_and_marks_what_is_late(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        page = showing(app, AcknowledgementsPage)
        matrix = page.query_one("#matrix", DataTable)
        row, column = cell_of(page, "p5", "sm")
        late = str(matrix.get_cell_at(Coordinate(row, column)))
        row, column = cell_of(page, "p12", "sm")
        soon = matrix.get_cell_at(Coordinate(row, column))
        assert late == "! due 5 Jan 2026" and str(soon) == "due 1 Dec 2026"
        assert "red" not in str(soon.style)
        for typed, name in [("wyn", "p12"), ("SIAN", "p3"), ("malgorzata", "p7")]:
            await pilot.press("slash")
            page.filter_box.value = typed
            await pilot.pause()
            assert page.people == [name], typed
            await pilot.press("escape")  # back to the grid: the page keys work again
            assert app.focused is matrix
            page.filter_box.value = ""
        await pilot.press("slash", "x")
        page.filter_box.value = "xyz"
        await pilot.pause()
        assert "No matches for 'xyz'" in screen_text(app) and not matrix.display
        await pilot.press("escape", "2")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeoplePage"
        await pilot.press("slash")
        showing(app, PeoplePage).records.filter_input.value = "sian"
        await pilot.pause()
        assert [r.cells[0] for r in showing(app, PeoplePage).records.shown] == ["Siân Llewellyn"]
        showing(app, PeoplePage).records.filter_input.value = "xyz"
        await pilot.pause()
        assert "No matches for 'xyz'" in screen_text(app)
        await pilot.press("escape", "3")
        await pilot.pause()
        assert type(app.screen).__name__ == "PoliciesPage"
