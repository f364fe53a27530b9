"""The demo council's Annual Meeting reminder falls where its own rule says, whatever the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from parishclerk.demo import ANNUAL_MEETING, first_occurrence


@pytest.mark.parametrize(
    "today",
    [date(2026, 1, 1), date(2026, 5, 12), date(2026, 5, 13), date(2026, 12, 1), date(2028, 2, 29)],
)
def test_the_annual_meeting_is_the_next_second_tuesday_of_may(today: date) -> None:
    day = first_occurrence(ANNUAL_MEETING, today)
    assert day >= today and day - today < timedelta(days=366)
    assert day.month == 5 and day.weekday() == 1 and 8 <= day.day <= 14
