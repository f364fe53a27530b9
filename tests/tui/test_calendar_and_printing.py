"""From the app: the Due page's calendar file, a reminder already held, opening and printing a
report through tui/system.py (with the system's answers put in by the test)."""

from __future__ import annotations

from icalendar import Calendar

from parishclerk.tui import system
from parishclerk.tui.app import make_app
from parishclerk.tui.commands import ClerkCommands
from parishclerk.tui.screens.reports import ReportsPage

from .conftest import TODAY
from .helpers import notes, screen_text, type_into


async def test_the_due_page_saves_a_calendar(demo_folder, isolated_reports) -> None:
    app = make_app(demo_folder, read_only=True, today=TODAY)  # the Chair may take one too
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notes(app)
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        (path,) = (isolated_reports / "Little Wickham Parish Council").glob("*.ics")
        assert path.name == "little-wickham-parish-council-due-2026-11-23.ics"
        assert any(path.name in n and str(path.parent) in n and "repeating" in n for n in seen)
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        summaries = {str(e["SUMMARY"]): e for e in events}
        meeting = summaries["Annual Meeting of the Parish Council"]  # May: past the 30 days
        assert "BYDAY=2TU" in str(meeting["RRULE"].to_ical())
        await pilot.press("c")  # a second one never overwrites the first
        await pilot.pause()
        assert len(list(path.parent.glob("*.ics"))) == 2


async def test_the_palette_finds_the_calendar(demo_folder, isolated_reports) -> None:
    from parishclerk.tui.commands import score

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        found = [
            e
            for e in ClerkCommands(app.screen)._entries()
            if score(e, ["calendar"])[0] > 0 and not e.record
        ]
        assert [e.title for e in found] == ["Calendar file of what is due (.ics)"]
        found[0].run()  # goes to the Due page and saves the file
        for _ in range(5):
            await pilot.pause()
        assert type(app.screen).__name__ == "DuePage"
        assert list(isolated_reports.glob("*/*.ics"))


async def test_a_reminder_already_held_warns_before_saving(demo_folder) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "n")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "#f-title", "councillor training evening - Social Media")
        await type_into(pilot, "#f-due", "14/12/2026")
        assert "Already held: “Councillor training evening: social media”" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "is already held. Save this one as well?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form  # nothing saved; the form is still there
        await type_into(pilot, "#f-due", "15/12/2026")  # another day: no longer the same
        assert "Already held" not in screen_text(app)


async def make_a_report(pilot, app) -> str:
    from textual.widgets import Static

    await pilot.press("8")
    await pilot.pause()
    app.screen.action_choose("case", "SM-2026-004")
    await pilot.press("ctrl+g")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return str(app.screen.query_one("#report-result", Static).render())


async def test_a_report_nothing_here_can_open_or_print(
    demo_folder, isolated_reports, monkeypatch
) -> None:
    from textual.widgets import Button

    monkeypatch.setattr(
        system, "can_open", lambda suffix=".pdf": system.Can(False, "There is no desktop here.")
    )
    monkeypatch.setattr(
        system, "can_print", lambda suffix=".pdf": system.Can(False, "No default printer.")
    )
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        result = await make_a_report(pilot, app)
        assert result.startswith("Saved as little-wickham-parish-council-case-SM-2026-004.pdf")
        assert "Open is off: There is no desktop here." in result
        assert "Print is off: No default printer." in result
        assert app.screen.query_one("#open", Button).disabled
        assert app.screen.query_one("#print", Button).disabled
        assert app.screen.query_one("#print", Button).tooltip == "No default printer."


async def test_a_report_opens_and_prints_through_the_system(
    demo_folder, isolated_reports, monkeypatch
) -> None:
    from textual.widgets import Button

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(system, "can_open", lambda suffix=".pdf": system.YES)
    monkeypatch.setattr(system, "can_print", lambda suffix=".pdf": system.YES)
    monkeypatch.setattr(system, "open_file", lambda path: calls.append(("open", path.name)))

    def refuse(path):
        calls.append(("print", path.name))
        raise system.CannotDo("The printer refused it: out of paper")

    monkeypatch.setattr(system, "print_file", refuse)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notes(app)
        await make_a_report(pilot, app)
        assert not app.screen.query_one("#open", Button).disabled
        await pilot.press("ctrl+r")
        await pilot.press("ctrl+l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        name = "little-wickham-parish-council-case-SM-2026-004.pdf"
        assert calls == [("open", name), ("print", name)]
        assert "The printer refused it: out of paper" in seen
    (made,) = (isolated_reports / "Little Wickham Parish Council").glob("*.pdf")
    assert made.stat().st_mode & 0o077 == 0  # private


async def test_a_subject_export_is_named_after_the_person(demo_folder) -> None:
    from textual.widgets import Select

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, ReportsPage)
        page.action_choose("subject")
        person = next(p for p in app.data().people if p.name == "Bethan Ŵyn Jones")
        page.query_one("#opt-person", Select).value = person.id
        await pilot.pause()
        suggested = str(page.target())  # the folder and the name are chosen apart
        assert suggested.endswith("/little-wickham-parish-council-subject-Bethan-Wyn-Jones.pdf")
