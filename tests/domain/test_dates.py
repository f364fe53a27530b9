"""Dates as a British clerk types and reads them."""

from __future__ import annotations

from datetime import date

import pytest

from parishclerk.domain.dates import (
    DateError,
    add_months,
    add_years,
    iso,
    parse_date,
    parse_iso,
    show,
)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("3/4/2026", date(2026, 4, 3)),
        ("03/04/2026", date(2026, 4, 3)),
        ("3.4.2026", date(2026, 4, 3)),
        ("3-4-2026", date(2026, 4, 3)),
        (" 3 / 4 / 2026 ", date(2026, 4, 3)),
        ("31/12/2026", date(2026, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),
        ("2026-04-03", date(2026, 4, 3)),
        ("2026-4-3", date(2026, 4, 3)),
        ("3 Apr 2026", date(2026, 4, 3)),
        ("3 April 2026", date(2026, 4, 3)),
        ("3rd April 2026", date(2026, 4, 3)),
        ("21st Sept 2026", date(2026, 9, 21)),
        ("3 apr 2026", date(2026, 4, 3)),
        ("3 Apr. 2026", date(2026, 4, 3)),
        ("1 May, 2026", date(2026, 5, 1)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text,words",
    [
        ("31/02/2026", ["February 2026 has 28 days"]),
        ("29/02/2025", ["February 2025 has 28 days"]),
        ("31/04/2026", ["April 2026 has 30 days"]),
        ("0/04/2026", ["April 2026 has 30 days"]),
        ("3/13/2026", ["no month 13"]),
        ("2026-02-30", ["February 2026"]),
        ("3 Foo 2026", ["'Foo' is not a month"]),
        ("3/4/1800", ["out of range"]),
        ("tomorrow", ["day first"]),
        ("2026/04/03", ["day first"]),
        ("1/1/99", ["two-digit year", "in full", "1/1/1999 or 1/1/2099"]),
        ("3/4/26", ["two-digit year", "3/4/1926 or 3/4/2026"]),
        ("03.04.26", ["two-digit year"]),
        ("3 apr 26", ["two-digit year", "3 Apr 2026"]),
        ("", ["no date given"]),
        ("   ", ["no date given"]),
    ],
)
def test_parse_date_refusals(text, words):
    with pytest.raises(DateError) as err:
        parse_date(text)
    for w in words:
        assert w in str(err.value)
    assert "\n" not in str(err.value)


def test_parse_date_passes_a_date_through():
    d = date(2026, 4, 3)
    assert parse_date(d) is d


def test_parse_iso_is_strict():
    assert parse_iso("2026-04-03") == date(2026, 4, 3)
    for bad in ("2026-4-3", "3/4/2026", "2026-02-29", "99-01-01", 20260403, None):
        with pytest.raises(DateError):
            parse_iso(bad)


@pytest.mark.parametrize(
    "d,text",
    [
        (date(2026, 4, 3), "3 Apr 2026"),
        (date(2026, 12, 25), "25 Dec 2026"),
        (date(2024, 2, 29), "29 Feb 2024"),
    ],
)
def test_show(d, text):
    assert show(d) == text
    assert parse_date(text) == d  # what is shown can be typed back


def test_show_and_iso_of_nothing():
    assert show(None) == "" and show(None, "-") == "-"
    assert iso(None) is None and iso(date(2026, 4, 3)) == "2026-04-03"


@pytest.mark.parametrize(
    "d,months,expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 14), 12, date(2027, 5, 14)),
        (date(2026, 5, 14), 0, date(2026, 5, 14)),
    ],
)
def test_add_months_clamps(d, months, expected):
    assert add_months(d, months) == expected


@pytest.mark.parametrize(
    "d,years,expected",
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), 6, date(2030, 2, 28)),
        (date(2026, 4, 3), -1, date(2025, 4, 3)),
    ],
)
def test_add_years(d, years, expected):
    assert add_years(d, years) == expected


def test_fold_matches_names_typed_without_accents():
    from parishclerk.domain.text import fold

    assert fold("Siân Llewellyn") == "sian llewellyn"
    assert fold("Bethan Ŵyn Jones") == "bethan wyn jones"
    assert fold("Małgorzata Nowak") == "malgorzata nowak"
    assert fold("Aoife Ní Bhriain") == "aoife ni bhriain"
    assert fold("O'Brien <b>") == "o'brien <b>"


def test_a_two_digit_year_is_never_shown_a_date_that_does_not_exist() -> None:
    """29/2/26 once got "like 29/2/1926 or 29/2/2026": neither is a date."""
    import pytest

    from parishclerk.domain.dates import DateError, parse_date

    with pytest.raises(DateError) as got:
        parse_date("29/2/26")
    assert "1926" not in str(got.value) and "2026" not in str(got.value)
    assert "write the year in full" in str(got.value)
    with pytest.raises(DateError) as got:
        parse_date("29 Feb 28")
    assert "29 Feb 1928 or 29 Feb 2028" in str(got.value)


def test_days_in_a_month_are_the_calendars() -> None:
    import calendar

    from parishclerk.domain.dates import days_in

    for year in range(1896, 2205):
        for month in range(1, 13):
            assert days_in(year, month) == calendar.monthrange(year, month)[1]


def test_month_names_are_english_whatever_the_locale() -> None:
    from parishclerk.domain.dates import MONTHS

    assert MONTHS["jan"] == 1 and MONTHS["september"] == 9 and MONTHS["sept"] == 9
    assert len(MONTHS) == 24  # twelve short, twelve long, "may" once, and "sept"
