"""Dates as a British clerk reads and writes them: day first, shown as ``3 Apr 2026``."""

from __future__ import annotations

import re
from datetime import date

# English whatever the locale, and tuples: calendar's month names call strftime on every
# lookup (a third of compute_due's time on a 10,000-case council) and follow the locale.
_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = {name.lower(): i for i, name in enumerate(_ABBR) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(_NAMES) if name})
MONTHS["sept"] = 9


def days_in(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (29 in February of a leap year)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_SHORT_ISO = re.compile(r"^\s*\d{2}-\d{1,2}-\d{1,2}\s*$")
_WORDS = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2}|\d{4})\s*$")


class DateError(ValueError):
    """A date the user typed that cannot be read; the message says why, in one line."""


def _build(day: int, month: int, year: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a date: there is no month {month}")
    if year < 1900 or year > 2199:
        raise DateError(f"{text!r} is not a date: the year {year} is out of range")
    last = days_in(year, month)
    if not 1 <= day <= last:
        raise DateError(f"{text!r} is not a date: {_NAMES[month]} {year} has {last} days")
    return date(year, month, day)


def _two_digit_year(raw: str, start: str, yy: str, day: int, month: int) -> DateError:
    """The refusal, with the two readings as examples where they are real dates (29/2/26 is
    neither 29 February 1926 nor 2026, so it gets no example that does not exist)."""
    real = []
    for century in ("19", "20"):
        try:
            date(int(century + yy), month, day)
        except ValueError:
            continue
        real.append(f"{start}{century}{yy}")
    like = f", like {' or '.join(real)}" if real else " (four digits)"
    return DateError(f"{raw!r} has a two-digit year: write the year in full{like}")


def parse_date(text: str | date) -> date:
    """Read a date typed day-first (``3/4/2026`` is 3 April 2026), ISO or in words.

    A two-digit year is refused, not guessed: ``1/1/99`` for a joining date means 1999 and for
    a review date could mean 2099, and a council's records are evidence. The message says to
    write the year in full, so the Clerk fixes it once, where it was typed."""
    if isinstance(text, date):
        return text
    raw = (text or "").strip()
    if not raw:
        raise DateError("no date given")
    if m := _ISO.match(raw):
        return _build(int(m[3]), int(m[2]), int(m[1]), raw)
    if m := _NUMERIC.match(raw):
        if len(m[3]) == 2:
            raise _two_digit_year(raw, f"{int(m[1])}/{int(m[2])}/", m[3], int(m[1]), int(m[2]))
        return _build(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _WORDS.match(raw):
        month = MONTHS.get(m[2].lower())
        if month is None:
            raise DateError(f"{raw!r} is not a date: {m[2]!r} is not a month")
        if len(m[3]) == 2:
            raise _two_digit_year(raw, f"{int(m[1])} {_ABBR[month]} ", m[3], int(m[1]), month)
        return _build(int(m[1]), month, int(m[3]), raw)
    raise DateError(f"{raw!r} is not a date: write it day first, like 3/4/2026 or 3 Apr 2026")


def parse_iso(text: object) -> date:
    """Read a stored date (``2026-04-03``); used for files, not for typing."""
    if isinstance(text, str) and _SHORT_ISO.match(text):
        raise DateError(f"{text!r} has a two-digit year: write the year in full, YYYY-MM-DD")
    m = _ISO.match(text) if isinstance(text, str) else None
    if m is None or not isinstance(text, str) or len(text.strip()) != 10:
        raise DateError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return _build(int(m[3]), int(m[2]), int(m[1]), text)


def show(d: date | None, empty: str = "") -> str:
    """``3 Apr 2026``: the one way a date is shown to a user."""
    if d is None:
        return empty
    return f"{d.day} {_ABBR[d.month]} {d.year}"


def iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def add_months(d: date, months: int) -> date:
    """Calendar months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, days_in(year, month)))


def add_years(d: date, years: int) -> date:
    """Years later; 29 February becomes 28 February in a common year."""
    return add_months(d, 12 * years)
