"""The Clerk's tasks, end to end through the app, checked against the store afterwards."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Input, Select, SelectionList

from parishclerk.domain.records import Role, Status
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app
from parishclerk.tui.forms.ack import AckForm, MeetingForm
from parishclerk.tui.screens.acknowledgements import AcknowledgementsPage
from parishclerk.tui.screens.case import CaseScreen
from parishclerk.tui.screens.dashboard import DashboardPage
from parishclerk.tui.screens.due import DuePage

from .conftest import TODAY
from .helpers import screen_text, showing, type_into


def reopen(folder: Path) -> Store:
    return Store.open(folder, read_only=True)


async def test_add_a_person(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        await type_into(pilot, "#f-name", "Fr. [bold]Smith[/] [unclosed")
        await type_into(pilot, "#f-joined", "31/2/2026", keys=True)
        assert "February 2026 has 28 days" in screen_text(app)
        await type_into(pilot, "#f-joined", "4/5/2026")
        await type_into(pilot, "#f-email", "not-an-email")
        assert "is not an email address" in screen_text(app)
        await type_into(pilot, "#f-email", "smith@example.org")
        await pilot.press("enter")  # Enter moves on to the next field in a long form
        assert app.screen.focused is not None
        assert app.screen.focused.id == "f-interests_registered"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeoplePage"
        assert "Fr. [bold]Smith[/] [unclosed" in screen_text(app)
    with reopen(demo_folder) as store:
        person = next(p for p in store.people() if p.name.startswith("Fr."))
        assert person.joined == date(2026, 5, 4) and person.role == Role.COUNCILLOR
        assert person.email == "smith@example.org"


async def test_escape_leaves_nothing_written(demo_folder) -> None:
    before = (
        (demo_folder / "audit.log").read_bytes() if (demo_folder / "audit.log").exists() else None
    )
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert type(app.screen).__name__ == "PeoplePage"
        await pilot.press("n")
        await type_into(pilot, "#f-name", "Nobody")
        await pilot.press("escape")  # typed changes: asks first
        await pilot.pause()
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonForm"
        assert app.screen.query_one("#f-name", Input).value == "Nobody"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeoplePage"
    with reopen(demo_folder) as store:
        assert not any(p.name == "Nobody" for p in store.people())
    if before is not None:
        assert (demo_folder / "audit.log").read_bytes() == before


async def test_record_an_acknowledgement_in_two_keys_from_the_dashboard(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = showing(app, DashboardPage).items[0]
        assert first.kind.value == "acknowledgement" and first.person == "p11"
        await pilot.press("enter")  # opens the form with today and the usual "how"
        await pilot.pause()
        assert isinstance(app.screen, AckForm)
        await pilot.press("enter")  # records it
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"
        assert not any(
            i.person == "p11" and i.kind.value == "acknowledgement"
            for i in showing(app, DashboardPage).items
        )
        # a second one: down, down, enter, enter (four keys)
        second = showing(app, DashboardPage).items[2]
        await pilot.press("down", "down", "enter", "enter")
        await pilot.pause()
    with reopen(demo_folder) as store:
        acks = {(a.person, a.version): a for a in store.acknowledgements()}
        ack = acks[("p11", "coc-1")]
        assert ack.on == TODAY and ack.how == "signed form"
        assert (second.person, second.ref.id) in acks


async def test_record_from_the_matrix(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        page = showing(app, AcknowledgementsPage)
        matrix = page.query_one("#matrix", DataTable)
        row = page.people.index("p5")  # Priya owes the social media policy
        matrix.move_cursor(row=row, column=1)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AckForm)
        await type_into(pilot, "#f-on", "20/11/2026")
        form.query_one("#f-how", Select).value = "email"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "✓ 20 Nov 2026 email" in screen_text(app)


async def test_record_a_meeting(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("4", "m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        form.query_one("#f-version", Select).value = "sm-3"
        await pilot.pause()
        box = form.query_one("#f-people", SelectionList)
        for pid in ("p5", "p10", "p12"):
            box.select(pid)
        await pilot.pause()
        await pilot.click("#form-save")
        await pilot.pause()
        assert type(app.screen).__name__ == "AcknowledgementsPage"
    with reopen(demo_folder) as store:
        got = {
            a.person
            for a in store.acknowledgements()
            if a.version == "sm-3" and a.how == "at meeting" and a.on == TODAY
        }
        assert got == {"p5", "p10", "p12"}


async def test_meeting_needs_someone_ticked(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("4", "m", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        assert "Tick at least one" in screen_text(app)


async def test_issue_a_new_version_and_see_who_owes(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("slash", *"data", "enter")
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "VersionForm"
        await type_into(pilot, "#f-label", "2025")  # the label of the version in force
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "VersionForm"
        assert app.screen.query_one("#err-label").display
        assert "Version 2025 of this policy already exists" in screen_text(app)
        await type_into(pilot, "#f-label", "2026")
        assert "No minute reference yet" in screen_text(app)  # a warning, not a refusal
        await type_into(pilot, "#f-minute", "26/101")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert (
            "14 people will then owe an acknowledgement of Data Protection Policy 2026"
            in screen_text(app)
        )
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "InfoScreen"
        assert "14 now owe" in screen_text(app)
        text = screen_text(app)
        assert "now owe an acknowledgement of Data Protection Policy 2026" in text
        assert "Margaret Ashworth" in text
        await pilot.press("enter")
    with reopen(demo_folder) as store:
        version = next(v for v in store.versions("dp") if v.label == "2026")
        assert version.reacknowledge and version.minute == "26/101"


async def test_log_a_breach_with_evidence_and_close_it(demo_folder, tmp_path) -> None:
    shot = tmp_path / "screenshot [1].png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "n")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "CaseForm"
        await type_into(pilot, "#f-reported_by", "Resident by email")
        form.query_one("#f-subject", Select).value = "__third_party__"
        await pilot.pause()
        assert "the Clerk moderates" in screen_text(app)
        form.query_one("#f-subject", Select).value = "p6"  # a councillor
        await pilot.pause()
        assert "Monitoring Officer of Mid Wealdshire" in screen_text(app)
        form.query_one("#f-subject", Select).value = "__third_party__"
        await type_into(pilot, "#f-third_party", "Wickham Gossip page")
        form.query_one("#f-platform", Select).value = "Facebook"
        await type_into(pilot, "#f-summary", "Posted a resident's phone number.")
        form.query_one("#f-categories", SelectionList).select("personal_data")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        ref = app.screen.reference
        assert ref == "SM-2026-007"
        assert "Moderation" in screen_text(app)
        # evidence from a file
        await pilot.press("f")
        await pilot.pause()
        await type_into(pilot, "#f-path", str(shot))
        await type_into(pilot, "#f-description", "The post")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        text = screen_text(app)
        assert "screenshot [1].png" in text
        import hashlib

        assert hashlib.sha256(shot.read_bytes()).hexdigest() in text
        # a note, then move to actioned (with outcome) and closed
        await pilot.press("o")
        await type_into(pilot, "#f-text", "Asked the page admin to remove it.")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        options = app.screen.query_one("#f-to", Select)._options
        assert [v for _, v in options if v is not Select.NULL] == [
            Status.ACTIONED,
            Status.WITHDRAWN,
        ]
        app.screen.query_one("#f-outcome", Select).value = "removed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#f-to", Select).value == Status.CLOSED
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Keep the file until: 23 Nov 2027" in screen_text(app)
    with reopen(demo_folder) as store:
        case = store.case("SM-2026-007")
        assert case.status == Status.CLOSED and case.outcome == "removed"
        assert case.subject.name == "Wickham Gossip page"
        kinds = [e.kind for e in store.events(ref)]
        assert kinds == ["received", "evidence", "note", "status", "status"]
        assert store.evidence(ref)[0].description == "The post"


async def test_a_councillors_case_offers_no_parish_sanction(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("slash", *"SM-2026-004", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("m")
        await pilot.pause()
        outcomes = {v for _, v in app.screen.query_one("#f-outcome", Select)._options}
        assert "warning" not in outcomes and "dismissal" not in outcomes
        assert "no_breach" in outcomes
        moves = [v for _, v in app.screen.query_one("#f-to", Select)._options]
        assert Status.DECIDED not in moves


async def test_add_a_reminder_with_recurrence_and_mark_it_done(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "n")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "#f-title", "Budget meeting")
        await type_into(pilot, "#f-due", "8/12/2026")  # the second Tuesday of December
        labels = dict((v, str(label)) for label, v in form.query_one("#f-repeat", Select)._options)
        assert labels["yearly_nth"] == "Every year, on the second Tuesday of December"
        form.query_one("#f-repeat", Select).value = "custom"
        await pilot.pause()
        await type_into(pilot, "#f-rule", "FREQ=SOMETIMES")
        assert "is not a recurrence rule" in screen_text(app)
        form.query_one("#f-repeat", Select).value = "yearly_nth"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DuePage"
        page = showing(app, DuePage)
        key = next(k for k, i in page.items.items() if i.title == "Budget meeting")
        page.records.set_rows(page.rows(), keep=key)
        page.records.focus_table()
        await pilot.press("space")
        await pilot.pause()
    with reopen(demo_folder) as store:
        rem = next(r for r in store.reminders() if r.title == "Budget meeting")
        assert rem.rule == "FREQ=YEARLY;BYMONTH=12;BYDAY=+2TU"
        assert rem.due == date(2027, 12, 14) and not rem.done


async def test_switch_council_and_start_a_new_one(demo_folder, tmp_path) -> None:
    from parishclerk.store import places

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert type(app.screen).__name__ == "CouncilsScreen"
        await pilot.press("end", "enter")  # start a new council
        await pilot.pause()
        await type_into(pilot, "#f-name", "Eastfield Town Council")
        app.screen.query_one("#f-kind", Select).value = "town"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.council_name == "Eastfield Town Council"
        assert "Eastfield Town Council" in screen_text(app)
        assert type(app.screen).__name__ == "FirstStepsScreen"  # a new council's checklist
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = screen_text(app)
        assert "Little Wickham Parish Council" in text
        await type_into(pilot, "#councils-path", str(demo_folder))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.council_name == "Little Wickham Parish Council"
    known = places.known()
    assert Path(known["last"]) == demo_folder.resolve()
    assert len(known["councils"]) == 2


async def test_first_run_creates_a_council(isolated_home) -> None:
    from parishclerk.store import places

    app = make_app(None, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCouncilForm"
        await pilot.press("ctrl+s")
        assert "Council name is required" in screen_text(app)
        await type_into(pilot, "#f-name", "Nether Stowey Parish Council")
        await type_into(pilot, "#f-monitoring_officer", "MO, Somerset Council")
        await pilot.press("enter")  # the last field: Enter saves
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "FirstStepsScreen"  # a new council's checklist
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardPage"
    folder = Path(places.known()["last"])
    assert folder.parent == isolated_home / "councils"
    with reopen(folder) as store:
        assert store.council().monitoring_officer == "MO, Somerset Council"


async def test_dispose_of_a_case_past_retention(demo_folder) -> None:
    """SM-2024-001 is closed and has a screenshot; its retention has years to run, so the
    confirmation warns that this would be early."""
    from parishclerk.tui.flows import open_ref

    with reopen(demo_folder) as store:
        ref = next(c.reference for c in store.cases() if c.reference.endswith("-001"))
        files = [store.evidence_file(e) for e in store.evidence(ref)]
    assert files and all(f.exists() for f in files)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        open_ref(app, "cases", ref)
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("D")
        await pilot.pause()
        assert "Dispose of the evidence" in screen_text(app)
        assert "dispose early only if the council has decided so" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert "Disposed of on 23 Nov 2026" in screen_text(app)
    with reopen(demo_folder) as store:
        assert store.case(ref).disposed_on == TODAY
        assert all(e.disposed == TODAY for e in store.evidence(ref))
        assert any(e.kind == "disposal" for e in store.events(ref))
    assert not any(f.exists() for f in files)


async def test_an_open_case_cannot_be_disposed_of(demo_folder) -> None:
    from parishclerk.tui.flows import open_ref

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        open_ref(app, "cases", "SM-2026-004")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    with reopen(demo_folder) as store:
        assert store.case("SM-2026-004").disposed_on is None


async def test_markup_in_a_name_shows_literally_in_choices(demo_folder) -> None:
    """A name like 'Evil [/] x' must neither crash the app nor lose its brackets in the
    account's authorised users or a case's subject list."""
    from parishclerk.domain.records import Person

    with Store.open(demo_folder) as store:
        store.save_person(Person("p99", "Evil [/] Jane [ex-officio]", Role.COUNCILLOR, TODAY))
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Evil [/] Jane [ex-officio]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("5", "n")
        await pilot.pause()
        subject = app.screen.query_one("#f-subject", Select)
        subject.value = "p99"
        await pilot.pause()
        assert "Evil [/] Jane [ex-officio]" in "\n".join(
            str(w.render()) for w in subject.query("*") if hasattr(w, "render")
        )


async def test_typing_on_the_council_list_starts_the_folders_path(demo_folder, tmp_path) -> None:
    """Ctrl+O, then the clerk types a folder straight away (keys only, no Tab first)."""
    other = tmp_path / "other"
    shutil.copytree(demo_folder, other)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(other))
        assert app.screen.query_one("#councils-path", Input).value == str(other)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.folder is not None and app.folder.resolve() == other.resolve()
        assert type(app.screen).__name__ == "DashboardPage"
