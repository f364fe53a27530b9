"""The calendar file: identities from the record, repeats as RRULEs, valid RFC 5545, read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import islice

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from parishclerk import demo
from parishclerk.domain.calendar import already_held, entries, to_ics
from parishclerk.domain.records import (
    Case,
    Council,
    CouncilData,
    NextAction,
    Procedure,
    Reminder,
    Status,
    Subject,
)

ON = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
MEETING = "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU"


def council(*reminders: Reminder, cases=()) -> CouncilData:
    return CouncilData(
        council=Council("St Mary's & All Saints <Town> Council"),
        reminders=list(reminders),
        cases=list(cases),
    )


def events(data: CouncilData, window: int | None = 30, now: datetime = NOW) -> list:
    cal = Calendar.from_ical(to_ics(data, ON, window, now))
    return list(cal.walk("VEVENT"))


def by_summary(evs) -> dict:
    return {str(e["SUMMARY"]): e for e in evs}


def test_reworded_reminder_keeps_its_uid() -> None:
    before = Reminder("r1", "Send the precept form", date(2026, 12, 1))
    after = replace(before, title="Send the precept form to the district council")
    moved = replace(before, due=date(2026, 12, 5))
    uids = [str(events(council(r))[0]["UID"]) for r in (before, after, moved)]
    assert uids[0] == uids[1] == uids[2]
    other = Reminder("r2", "Send the precept form", date(2026, 12, 1))
    assert str(events(council(other))[0]["UID"]) != uids[0]  # another record, another event


def test_later_exports_are_later_revisions() -> None:
    data = council(Reminder("r1", "Audit", date(2026, 12, 1)))
    first = events(data, now=NOW)[0]
    second = events(data, now=NOW.replace(day=24))[0]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert first["DTSTAMP"].dt == NOW


def test_a_repeating_reminder_is_one_event_with_its_rule() -> None:
    meeting = Reminder("am", "Annual Meeting", date(2027, 5, 11), rule=MEETING)
    evs = events(council(meeting), window=30)  # next date is past the window: still included
    assert len(evs) == 1
    ev = evs[0]
    assert ev["DTSTART"].dt == date(2027, 5, 11)
    rule = ev["RRULE"].to_ical().decode()
    assert set(rule.split(";")) == set(MEETING.split(";"))
    # the calendar's own reading of the rule gives the second Tuesdays of May
    start = datetime(2027, 5, 11)
    days = [d.date() for d in islice(rrulestr(rule, dtstart=start), 3)]
    assert days == [date(2027, 5, 11), date(2028, 5, 9), date(2029, 5, 8)]


def test_a_rule_that_skips_its_date_starts_on_its_first_occurrence() -> None:
    """RFC 5545 counts DTSTART as an occurrence: it must be one of the rule's days."""
    odd = Reminder("am", "Annual Meeting", date(2027, 5, 1), rule=MEETING)
    ev = events(council(odd))[0]
    assert ev["DTSTART"].dt == date(2027, 5, 11)


def test_until_becomes_a_date_for_an_all_day_event() -> None:
    rule = "FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20271231T000000"
    ev = events(council(Reminder("m", "Petty cash", date(2026, 12, 1), rule=rule)))[0]
    assert "UNTIL=20271231;" in ev["RRULE"].to_ical().decode() + ";"


def test_once_only_beyond_the_window_and_done_ones_are_left_out() -> None:
    later = Reminder("l", "Far off", date(2027, 6, 1))
    done = Reminder("d", "Finished", date(2026, 12, 1), rule=MEETING, done=True)
    soon = Reminder("s", "Soon", date(2026, 12, 1))
    assert list(by_summary(events(council(later, done, soon)))) == ["Soon"]


def test_case_items_are_confidential() -> None:
    case = Case(
        reference="SM-2026-004",
        received=date(2026, 10, 1),
        reported_by="Member of the public",
        subject=Subject(name="Eastfield Residents"),
        procedure=Procedure.MODERATION,
        status=Status.RECEIVED,
        next_action=NextAction("Report the post to the platform", date(2026, 11, 30)),
    )
    ev = events(council(cases=[case]))[0]
    assert str(ev["CLASS"]) == "CONFIDENTIAL"
    assert str(ev["SUMMARY"]).startswith("SM-2026-004")
    moved = replace(case, next_action=NextAction("Chase the platform", date(2026, 12, 2)))
    assert events(council(cases=[moved]))[0]["UID"] == ev["UID"]


@pytest.mark.parametrize(
    "title",
    [
        "Siân, Ŵyn; Małgorzata \\ O'Brien & Co",
        "[bold]x[/] <b>not bold</b>",
        "Line one\nLine two",
        "é" * 200,
        "x" * 1000,
    ],
)
def test_text_is_escaped_folded_and_comes_back(title) -> None:
    raw = to_ics(council(Reminder("r", title, date(2026, 12, 1))), ON, 30, NOW)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare line feeds
    for line in lines:
        line.decode("utf-8")  # folding never splits a letter's bytes
    ev = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(ev["SUMMARY"]) == title


def test_the_calendar_has_what_rfc_5545_requires() -> None:
    cal = Calendar.from_ical(to_ics(council(Reminder("r", "A", date(2026, 12, 1))), ON, 30, NOW))
    assert str(cal["VERSION"]) == "2.0" and "parishclerk" in str(cal["PRODID"])
    ev = cal.walk("VEVENT")[0]
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert name in ev, name
    assert isinstance(ev, Event) and ev.end == date(2026, 12, 2)  # an all-day event
    assert "St Mary's & All Saints <Town> Council" in str(cal["X-WR-CALNAME"])


def test_the_demo_council(tmp_path) -> None:
    data = demo.build(ON)
    evs = events(data, window=30)
    listed = entries(data, ON, 30)
    assert len(evs) == len(listed) and len(evs) > 5
    assert len({str(e["UID"]) for e in evs}) == len(evs)  # one identity per event
    assert any("RRULE" in e for e in evs)  # the Annual Meeting repeats


def test_a_reminder_already_held() -> None:
    held = [
        Reminder("a", "Annual Meeting", date(2027, 5, 11), rule=MEETING),
        Reminder("b", "Pay the auditor", date(2026, 12, 1)),
        Reminder("c", "Old one", date(2026, 1, 1), done=True),
    ]
    same_rule = Reminder("n", "  annual   meeting.", date(2028, 5, 9), rule="RRULE:" + MEETING)
    assert [r.id for r in already_held(same_rule, held)] == ["a"]
    same_day = Reminder("n", "PAY THE AUDITOR", date(2026, 12, 1))
    assert [r.id for r in already_held(same_day, held)] == ["b"]
    assert already_held(Reminder("n", "Pay the auditor", date(2027, 12, 1)), held) == []
    assert already_held(Reminder("n", "Old one", date(2026, 1, 1)), held) == []  # done
    assert already_held(held[0], held) == []  # editing itself is no duplicate
    accents = [Reminder("w", "Cyfarfod Siân", date(2026, 12, 1))]
    assert already_held(Reminder("n", "cyfarfod sian", date(2026, 12, 1)), accents)
