"""What is due as a calendar file (RFC 5545 ``.ics``) for Outlook, Google Calendar or Apple's.

- Each event's UID comes from the record it is about (the kind of item, the record, the person),
  never from its wording: export again after rewording a reminder or moving a case's next action
  and the calendar updates the event it already has instead of adding a second one.
- A repeating reminder is one event with its DTSTART and RRULE, and is included even when its
  next date lies beyond the window (it repeats, so it belongs in a calendar).
- Items about a case are marked ``CLASS:CONFIDENTIAL`` (Outlook and Google show them as private
  in a shared calendar).

The text itself (escaping, folding at 75 octets, CRLF) is written by the ``icalendar`` library,
which also reads it back in the tests.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, vRecur

from .dates import show
from .due import compute_due
from .due_items import DueItem, DueKind, Ref
from .records import CouncilData, Reminder

PRODID = "-//parishclerk//What is due//EN"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CalendarEntry:
    """One event: a due item, or a repeating reminder whose next date is past the window."""

    kind: DueKind
    start: date
    title: str
    ref: Ref
    person: str | None = None
    rule: str | None = None
    note: str = ""

    @property
    def confidential(self) -> bool:
        return self.kind in (DueKind.CASE_ACTION, DueKind.WARNING_EXPIRES, DueKind.RETENTION)


def uid(council: str, entry: CalendarEntry) -> str:
    """The event's identity: the council, the kind of item, its record and person; not its title
    or date, so a change of wording or a move updates the event."""
    key = "|".join([council, entry.kind.value, entry.ref.table, entry.ref.id, entry.person or ""])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@parishclerk"


def _first(reminder: Reminder) -> date:
    """The reminder's date, or the rule's first date on or after it if the rule skips it (RFC
    5545 counts DTSTART as an occurrence, dateutil does not: make the two agree)."""
    if not reminder.rule:
        return reminder.due
    start = datetime.combine(reminder.due, datetime.min.time())
    try:
        first = rrulestr(reminder.rule, dtstart=start).after(start, inc=True)
    except (ValueError, TypeError):
        return reminder.due
    return first.date() if first else reminder.due


def entries(data: CouncilData, on: date, window: int | None = None) -> list[CalendarEntry]:
    """Everything overdue or due within ``window`` days, plus every repeating reminder."""
    reminders = {r.id: r for r in data.reminders}
    out: list[CalendarEntry] = []
    seen: set[str] = set()
    for item in compute_due(data, on, window):
        out.append(_entry(item, reminders, on))
        if item.kind is DueKind.REMINDER:
            seen.add(item.ref.id)
    for rem in data.reminders:
        if rem.rule and not rem.done and rem.id not in seen:
            out.append(
                CalendarEntry(
                    DueKind.REMINDER,
                    _first(rem),
                    rem.title,
                    Ref("reminders", rem.id),
                    rule=rem.rule,
                    note=rem.notes,
                )
            )
    return out


def _entry(item: DueItem, reminders: dict[str, Reminder], on: date) -> CalendarEntry:
    rem = reminders.get(item.ref.id) if item.kind is DueKind.REMINDER else None
    if rem is not None and rem.rule:
        return CalendarEntry(
            item.kind, _first(rem), rem.title, item.ref, rule=rem.rule, note=rem.notes
        )
    note = f"{item.state.capitalize()} on {show(on)}, when this calendar was made."
    return CalendarEntry(
        item.kind,
        item.due,
        item.title,
        item.ref,
        item.person,
        note=(f"{rem.notes}\n\n{note}" if rem is not None and rem.notes else note),
    )


def _recur(rule: str, start: date) -> vRecur:
    """The RRULE, with an UNTIL given as a date (an all-day DTSTART needs a date UNTIL)."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    recur = vRecur.from_ical(text)
    if "UNTIL" in recur:
        until = recur["UNTIL"][0]
        recur["UNTIL"] = [until.date() if isinstance(until, datetime) else until]
    return recur


def to_calendar(
    council: str, items: Iterable[CalendarEntry], now: datetime | None = None
) -> Calendar:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{council}: what is due")
    for entry in items:
        event = Event()
        event.add("uid", uid(council, entry))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        # later exports are later revisions, so a calendar takes the new wording or date
        event.add("sequence", max(0, int((stamp - EPOCH).total_seconds() // 60)))
        event.add("dtstart", entry.start)
        event.add("dtend", entry.start + timedelta(days=1))
        if entry.rule:
            event.add("rrule", _recur(entry.rule, entry.start))
        event.add("summary", entry.title)
        description = f"{entry.kind.label}. {entry.note}".strip()
        event.add("description", description)
        event.add("categories", [entry.kind.label])
        event.add("transp", "TRANSPARENT")
        if entry.confidential:
            event.add("class", "CONFIDENTIAL")
        cal.add_component(event)
    return cal


def to_ics(
    data: CouncilData, on: date, window: int | None = None, now: datetime | None = None
) -> bytes:
    """The calendar file (UTF-8, CRLF line ends, folded at 75 octets) of what is due on ``on``."""
    return to_calendar(data.council.name, entries(data, on, window), now).to_ical()


# -- a reminder that is already held ----------------------------------------------------------


def _words(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return " ".join(letters.split())


def _same_rule(a: str | None, b: str | None) -> bool:
    def parts(rule: str | None) -> frozenset[str]:
        text = (rule or "").strip().upper().removeprefix("RRULE:").replace("+", "")
        return frozenset(p for p in text.split(";") if p)

    return parts(a) == parts(b)


def already_held(new: Reminder, held: Iterable[Reminder]) -> list[Reminder]:
    """The reminders still open that ``new`` repeats: the same title (case, accents, spaces and
    punctuation aside), and the same date or, for repeating ones, the same rule."""
    title = _words(new.title)
    return [
        r
        for r in held
        if r.id != new.id
        and not r.done
        and _words(r.title) == title
        and (r.due == new.due or (bool(new.rule) and _same_rule(r.rule, new.rule)))
    ]
