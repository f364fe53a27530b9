"""Moving a case with its next action, browsing for evidence, columns that fit, report file
names, and what read-only, the Due page and the Dashboard say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Select

from parishclerk.domain.records import NextAction, Status
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.forms.evidence import EvidenceForm, FilePicker, FileTree, start_folder
from parishclerk.tui.report_choices import report_name, write_new
from parishclerk.tui.screens.dashboard import DashboardPage
from parishclerk.tui.screens.reports import ReportsPage
from parishclerk.tui.widgets.chrome import NavBar
from parishclerk.tui.widgets.table import Column, RecordTable, fit_widths

from .conftest import TODAY
from .helpers import notes, screen_text, showing, type_into


async def test_move_a_case_with_its_next_action(demo_folder) -> None:
    from parishclerk.tui.flows import open_ref

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        open_ref(app, "cases", "SM-2026-004")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#f-next_what", Input).value == ""
        assert app.screen.query_one("#f-next_due", Input).value == ""
        assert "ends with this move" in screen_text(app)
        await type_into(pilot, "#f-next_what", "Write to the complainant")
        await pilot.press("ctrl+s")  # what without by when
        await pilot.pause()
        assert "A next action needs both what and by when" in screen_text(app)
        await type_into(pilot, "#f-next_due", "1/11/2026")
        assert "This is before the move" in screen_text(app)
        await type_into(pilot, "#f-next_due", "4/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseScreen"
        assert "Next action: Write to the complainant, by 4 Dec 2026" in screen_text(app)
    with Store.open(demo_folder, read_only=True) as store:
        case = store.case("SM-2026-004")
        assert case.status is not Status.WITH_MONITORING_OFFICER
        assert case.next_action == NextAction("Write to the complainant", date(2026, 12, 4))


async def test_browse_for_evidence(demo_folder, tmp_path) -> None:
    from parishclerk.tui.flows import open_ref

    home = tmp_path / "clerk"
    (home / "Documents").mkdir(parents=True)
    assert start_folder(home) == home / "Documents"
    (home / "Pictures").mkdir()
    assert start_folder(home) == home / "Pictures"
    assert start_folder(tmp_path / "nobody") == tmp_path / "nobody"
    shot = home / "Pictures" / "post.png"
    shot.write_bytes(b"\x89PNG")
    (home / "Pictures" / ".thumbnails").mkdir()
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        open_ref(app, "cases", "SM-2026-004")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        showing(app, EvidenceForm).start = home / "Pictures"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, FilePicker)
        assert app.focused is not None and app.focused.id == "picker-path"
        tree = app.screen.query_one(FileTree)
        assert [p.name for p in tree.filter_paths([shot, home / "Pictures" / ".thumbnails"])] == [
            "post.png"
        ]
        app.screen.query_one("#picker-path", Input).value = str(shot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "EvidenceForm"
        assert app.screen.query_one("#f-path", Input).value == str(shot)
        assert app.focused is not None and app.focused.id == "f-captured"


def test_columns_give_way_in_order() -> None:
    cols = [
        Column("Name", 26, 16),
        Column("Role", 29, 14),
        Column("Joined", 11),
        Column("Email", 30, 10, give=2),
    ]
    assert fit_widths(cols, 200) == [26, 29, 11, 30]
    assert fit_widths(cols, 86) == [26, 29, 11, 20]  # the email gives way first
    assert fit_widths(cols, 60) == [25, 14, 11, 10]  # then the role; the name (first) last
    assert fit_widths(cols, 10) == [16, 14, 11, 10]  # never below their least


async def test_at_80_columns_pages_keep_numbers_and_dates(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        bar = str(app.screen.query_one(NavBar).render())
        assert "4 Acks" in bar and "8 Reports" in bar
        table = app.screen.query_one(RecordTable).table
        widths = [c.width for c in table.columns.values()]
        assert [c.label.plain for c in table.columns.values()][-1] == "Next by"
        assert widths[1] == 11 and widths[-1] == 13  # a date; the next step "! " and a date
        assert sum(widths) + 2 * len(widths) <= 80
        cell = table.get_cell_at(Coordinate(0, 2))
        assert cell.overflow == "ellipsis" and cell.no_wrap


def test_report_file_names(tmp_path) -> None:
    assert (
        report_name("Little Wickham Parish Council", "pack", "2026-12-08")
        == "little-wickham-parish-council-pack-2026-12-08.pdf"
    )
    assert (
        report_name("Little Wickham", "case", "SM-2026-004")
        == "little-wickham-case-SM-2026-004.pdf"
    )
    target = tmp_path / "out" / "a.pdf"
    assert write_new(target, b"1") == target
    assert write_new(target, b"2").name == "a-2.pdf"
    assert write_new(target, b"3").name == "a-3.pdf"
    assert target.read_bytes() == b"1"


async def test_reports_suggest_names_from_their_subject(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        page = showing(app, ReportsPage)
        output = page.query_one("#opt-output", Input)
        await type_into(pilot, "#opt-meeting", "8/12/2026")
        assert output.value.endswith("-pack-2026-12-08.pdf")
        page.action_choose("case", "SM-2026-004")
        await pilot.pause()
        assert Path(output.value).name.endswith("-case-SM-2026-004.pdf")
        output.value = "/tmp/mine.pdf"  # typed by the Clerk: left alone
        page.action_choose("pack")
        await pilot.pause()
        assert output.value == "/tmp/mine.pdf"


async def test_read_only_says_view_and_hides_the_enter_hint(demo_folder) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("2", "5"):
            await pilot.press(key)
            await pilot.pause()
            shown = {
                b.binding.description
                for b in app.screen.active_bindings.values()
                if b.enabled and b.binding.show
            }
            assert "View" in shown and "Edit" not in shown
        await pilot.press("3", "enter")
        await pilot.pause()
        assert "Who owes" in screen_text(app) and "Enter records one" not in screen_text(app)


async def test_who_owes_is_in_due_order_and_late_is_marked(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due-table", DataTable)
        items = showing(app, DashboardPage).items
        first = [str(due.get_cell_at(Coordinate(i, 0))) for i, item in enumerate(items[:5])]
        assert all(
            c.startswith("! ") == item.overdue for c, item in zip(first, items[:5], strict=True)
        )
        from parishclerk.tui.screens.policy import PolicyScreen

        app.push_screen(PolicyScreen("sm"))
        await pilot.pause()
        owing = app.screen.query_one("#owing", DataTable)
        rows = [[str(c) for c in owing.get_row_at(i)] for i in range(owing.row_count)]
        assert [r[0] for r in rows] == [
            "Aoife Brennan",
            "Priya Raman",
            "Ravi Shah",
            "Bethan Ŵyn Jones",
        ]
        assert rows[0][1] == "! 5 Jan 2026" and rows[3][1] == "  1 Dec 2026"


async def test_a_reminder_beyond_the_window_says_so(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = notes(app)
        await pilot.press("6", "n")
        await pilot.pause()
        await type_into(pilot, "#f-title", "Annual parish meeting")
        await type_into(pilot, "#f-due", "11/5/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (
            "Added: Annual parish meeting, due 11 May 2027 (beyond the 30-day view; press "
            "w to look further)"
        ) in shown


async def test_a_report_is_saved_where_chosen_as_a_private_pdf(demo_folder, tmp_path) -> None:
    """Issue 12 item 4: the folder and the file name are chosen apart, .pdf is always added,
    a folder typed as the name means that folder, and what is saved is private."""
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        page = showing(app, ReportsPage)
        page.action_choose("signoff")
        page.query_one("#opt-policy", Select).value = "sm"
        await pilot.pause()
        folder = tmp_path / "out" / "reports"
        page.query_one("#opt-folder", Input).value = str(folder)
        page.query_one("#opt-output", Input).value = "minutes"
        assert page.target() == folder / "minutes.pdf"
        page.query_one("#opt-output", Input).value = str(tmp_path)  # a folder as the name
        assert page.target().parent == tmp_path and page.target().suffix == ".pdf"
        page.query_one("#opt-output", Input).value = ""  # empty: the suggestion comes back
        assert page.target().name.endswith("-signoff-sm.pdf")
        page.query_one("#opt-output", Input).value = "minutes"
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        made = folder / "minutes.pdf"
        assert made.read_bytes().startswith(b"%PDF")
        assert made.stat().st_mode & 0o777 == 0o600
        assert folder.stat().st_mode & 0o777 == 0o700
        assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
        assert "Saved as minutes.pdf" in screen_text(app)
