"""A clerk's day at 80x24, by keys alone: every task is the keys a newcomer presses (no value set
behind the app's back), and each ends checked against the store.

``DAY`` holds each task's keys; the closing note's key counts come from here (typed text counts
as one step per field, whatever its length), so a change that makes a task take more keys shows
up as a changed table, and a task that no longer works by keys fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from parishclerk.domain.records import Status
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app

from .conftest import TODAY
from .helpers import screen_text

SIZE = (80, 24)


@dataclass(frozen=True)
class Type:
    """Text typed into the focused field, a character at a time."""

    text: str


def keys_of(step: str | Type) -> list[str]:
    if isinstance(step, Type):
        return ["space" if c == " " else c for c in step.text]
    return [step]


def count(steps: list[str | Type]) -> tuple[int, int]:
    """(keys pressed, fields typed into)."""
    return sum(1 for s in steps if isinstance(s, str)), sum(1 for s in steps if isinstance(s, Type))


async def press(pilot, steps: list[str | Type]) -> None:
    for step in steps:
        await pilot.press(*keys_of(step))
        await pilot.pause()


DAY: dict[str, list[str | Type]] = {
    # the Acknowledgements page opens on the first person who owes, on the first policy
    "record an acknowledgement": ["4", "a", "enter"],
    "a meeting's worth (three people)": [
        "4",
        "m",
        "space",
        "down",
        "space",
        "down",
        "space",
        "ctrl+s",
    ],
    "log a breach": [
        "5",
        "n",  # opens on "Reported by": the date received is today's
        Type("Resident by email"),
        "tab",
        "enter",
        Type("Geo"),
        "enter",
        "tab",
        "enter",
        Type("Fac"),
        "enter",
        "tab",
        "tab",
        Type("Called the Clerk a liar in a public post."),
        "tab",
        "down",
        "down",
        "space",
        "ctrl+s",
    ],
    "add a screenshot to it": ["f", "ctrl+b", "down", "down", "enter", "ctrl+s"],
    "move it to closure": [
        *["m", "ctrl+s"] * 3,  # with the monitoring officer, assessed, informal resolution
        "m",
        "enter",
        "down",
        "enter",  # decided
        "tab",
        "tab",
        "enter",
        "down",
        "down",
        "enter",  # resolved informally
        "ctrl+s",
        "m",
        "ctrl+s",  # closed
    ],
    "a new policy version": ["3", "v", "tab", "tab", Type("26/120"), "ctrl+s", "y", "enter"],
    "a new councillor": ["2", "n", Type("Ffion ap Dafydd"), "ctrl+s"],
    "a reminder that repeats": [
        "6",
        "n",
        Type("Precept meeting"),
        "tab",
        "ctrl+u",
        Type("12/1/2027"),
        "tab",
        "enter",
        *["down"] * 5,
        "enter",
        "ctrl+s",
    ],
    "the calendar file": ["6", "c"],
    "the public pack": ["8", "ctrl+g"],
}


async def test_a_clerks_day_by_keys_at_80x24(
    demo_folder: Path, tmp_path: Path, isolated_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "clerk"))  # the file picker opens here
    (tmp_path / "clerk").mkdir()
    shot = tmp_path / "clerk" / "screenshot Geoff.png"
    shot.write_bytes(b"\x89PNG a screenshot of the post")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for task, steps in DAY.items():
            await press(pilot, steps)
            for _ in range(10):
                await pilot.pause(0.05)
            assert "Traceback" not in screen_text(app), task
    with Store.open(demo_folder, read_only=True) as store:
        acks = [a for a in store.acknowledgements() if a.on == TODAY]
        assert any(a.how == "signed form" for a in acks)
        assert len([a for a in acks if a.how == "at meeting"]) == 3
        case = store.case("SM-2026-007")
        assert case.status == Status.CLOSED and case.outcome is not None
        assert case.subject.person is not None and case.platform == "Facebook"
        assert store.person(case.subject.person).name == "Geoff Hartley"
        assert [e.description for e in store.evidence("SM-2026-007")]
        assert any(v.minute == "26/120" for v in store.versions("dp"))
        assert any(p.name == "Ffion ap Dafydd" for p in store.people())
        rem = next(r for r in store.reminders() if r.title == "Precept meeting")
        assert rem.due == date(2027, 1, 12) and rem.rule and "BYDAY=+2TU" in rem.rule
    made = sorted(p.suffix for p in isolated_reports.rglob("*.*"))
    assert ".ics" in made and ".pdf" in made


ELSEWHERE: dict[str, list[str | Type]] = {
    "find a case by who it is about (palette)": ["ctrl+p", Type("eastfield"), "enter"],
    "start a second council": ["ctrl+o", "end", "enter", Type("Eastfield Town Council"), "ctrl+s"],
}


async def test_the_palette_and_a_second_council_by_keys(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, ELSEWHERE["find a case by who it is about (palette)"])
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "CaseScreen"
        assert "Eastfield" in screen_text(app)
        await pilot.press("escape")
        await press(pilot, ELSEWHERE["start a second council"])
        for _ in range(5):
            await pilot.pause(0.05)
        assert app.council_name == "Eastfield Town Council"
        assert type(app.screen).__name__ == "FirstStepsScreen"  # a new council: first steps


def test_the_keys_table_is_what_the_note_quotes() -> None:
    """Not a timing: the table of keys per task, printed with ``-s`` for the closing note."""
    rows = [(task, *count(steps)) for task, steps in {**DAY, **ELSEWHERE}.items()]
    for task, pressed, typed in rows:
        print(f"{task:40} {pressed:3} keys  {typed} typed")
    assert all(pressed > 0 for _, pressed, _ in rows)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_chairs_read_only_look(demo_folder: Path, size) -> None:
    before = {p: p.read_bytes() for p in demo_folder.rglob("*") if p.is_file()}
    app = make_app(demo_folder, read_only=True, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseScreen"
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaseScreen"
    after = {p: p.read_bytes() for p in demo_folder.rglob("*") if p.is_file()}
    assert after == before


async def test_the_file_picker_by_keys(demo_folder: Path, tmp_path: Path) -> None:
    """Enter on the empty path box goes to the files (it once said "There is no file ''"), a
    folder typed there shows that folder, and a path that is not there says so."""
    from parishclerk.tui.flows import open_ref

    (tmp_path / "shots").mkdir()
    (tmp_path / "shots" / "post é.png").write_bytes(b"\x89PNG")
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        open_ref(app, "cases", "SM-2026-004")
        await pilot.pause()
        await pilot.press("f", "ctrl+b")
        await pilot.pause()
        picker = app.screen
        assert type(picker).__name__ == "FilePicker"
        await pilot.press("enter")
        await pilot.pause()
        assert picker.focused is not None and picker.focused.id == "picker-tree"
        await pilot.press("shift+tab")
        await press(pilot, [Type(str(tmp_path / "nowhere.png")), "enter"])
        assert app.screen is picker
        await pilot.press("ctrl+u")
        await press(pilot, [Type(str(tmp_path / "shots")), "enter"])
        await pilot.pause(0.2)
        await press(pilot, ["down", "enter"])
        await pilot.pause()
        assert type(app.screen).__name__ == "EvidenceForm"
        assert app.screen.query_one("#f-path", Input).value.endswith("post é.png")


@pytest.mark.parametrize(
    "first, then",
    [
        (date(2027, 1, 31), [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]),
        (date(2027, 1, 30), [date(2027, 2, 28), date(2027, 3, 30)]),
        (date(2028, 1, 29), [date(2028, 2, 29), date(2028, 3, 29)]),
        (date(2027, 1, 28), [date(2027, 2, 28), date(2027, 3, 28)]),
    ],
)
def test_every_month_on_a_late_day_never_skips_a_month(first: date, then: list[date]) -> None:
    """A tester's 31 January reminder, "every month", came back on 31 March: February had no
    31st. From the 29th on, a shorter month has it on its last day."""
    from parishclerk.domain.due import check_rule, next_occurrence
    from parishclerk.domain.records import Reminder
    from parishclerk.tui.forms.reminder import choices

    label, rule = next((label, r) for key, label, r in choices(first) if key == "monthly_day")
    assert rule is not None and check_rule(rule, first) == rule
    assert ("shorter month" in label) == (first.day > 28)
    got, at = [], first
    for _ in then:
        nxt = next_occurrence(Reminder("r1", "Precept", first, rule), at)
        assert nxt is not None
        got.append(nxt)
        at = nxt
    assert got == then


def test_every_year_on_29_february() -> None:
    from parishclerk.domain.due import next_occurrence
    from parishclerk.domain.records import Reminder
    from parishclerk.tui.forms.reminder import choices

    first = date(2028, 2, 29)
    label, rule = next((label, r) for key, label, r in choices(first) if key == "yearly_day")
    assert "28 February in other years" in label
    assert next_occurrence(Reminder("r1", "Leap", first, rule), first) == date(2029, 2, 28)


def test_a_policys_first_version_is_not_acknowledged_again() -> None:
    """A new council's first version asked 'What changed' and to acknowledge it 'again'."""
    from parishclerk.domain.records import Policy, PolicyVersion
    from parishclerk.tui.forms.policy import VersionForm

    policy = Policy("sm", "Social Media Policy")

    def labels(existing: list[PolicyVersion]) -> list[str]:
        form = VersionForm(
            lambda v: None, policy, new_id="v1", today=TODAY, latest=None, existing=existing
        )
        return [f.label for f in form.fields()]

    first = labels([])
    assert "What it says" in first and "Everyone bound must acknowledge it" in first
    held = PolicyVersion("v0", "sm", "2025", date(2025, 5, 1))
    later = labels([held])
    assert "What changed" in later and "Everyone bound must acknowledge it again" in later
