"""When an acknowledgement falls due, for every ordering of joining and adoption (issue 12,
item 9): from the later of the day the person joined and the day the version needing
acknowledgement was adopted, plus the council's days to acknowledge; a correction adopted since
(needing no fresh acknowledgement) never moves the date, and is named in the item."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from parishclerk.domain.due import outstanding_acknowledgements
from parishclerk.domain.records import (
    Acknowledgement,
    Council,
    CouncilData,
    Person,
    Policy,
    PolicyVersion,
    Role,
)

ON = date(2026, 11, 23)
GRACE = timedelta(days=28)
D = date


def owed(joined: date, versions: list[tuple[str, date, bool]], acked: str | None = None):
    data = CouncilData(
        council=Council("Test Parish Council"),
        people=[Person("p1", "Aoife Brennan", Role.COUNCILLOR, joined)],
        policies=[Policy("sm", "Social Media Policy", [Role.COUNCILLOR])],
        versions=[
            PolicyVersion(f"sm-{label}", "sm", label, adopted, reacknowledge=reack)
            for label, adopted, reack in versions
        ],
        acknowledgements=(
            [Acknowledgement("p1", f"sm-{acked}", joined + timedelta(days=3), "signed form")]
            if acked
            else []
        ),
    )
    return outstanding_acknowledgements(data, ON)


V2025 = ("2025", D(2025, 12, 8), True)
FIX = ("2025.1", D(2026, 10, 14), False)
NEW = ("2026", D(2026, 10, 14), True)


@pytest.mark.parametrize(
    ("case", "joined", "versions", "acked", "due", "label", "why"),
    [
        (
            "joined before the version",
            D(2025, 4, 2),
            [V2025],
            None,
            D(2025, 12, 8),
            "2025",
            "version 2025 adopted 8 Dec 2025",
        ),
        (
            "joined after the version",
            D(2026, 1, 27),
            [V2025],
            None,
            D(2026, 1, 27),
            "2025",
            "joined 27 Jan 2026",
        ),
        (
            "joined on the day it was adopted",
            D(2025, 12, 8),
            [V2025],
            None,
            D(2025, 12, 8),
            "2025",
            "version 2025 adopted 8 Dec 2025",
        ),
        (
            "joined before, corrected since",
            D(2025, 4, 2),
            [V2025, FIX],
            None,
            D(2025, 12, 8),
            "2025.1",
            "2025.1, a correction, since 14 Oct 2026",
        ),
        (
            "joined between, corrected since",
            D(2026, 1, 27),
            [V2025, FIX],
            None,
            D(2026, 1, 27),
            "2025.1",
            "joined 27 Jan 2026; 2025.1, a correction",
        ),
        (
            "joined after the correction",
            D(2026, 11, 3),
            [V2025, FIX],
            None,
            D(2026, 11, 3),
            "2025.1",
            "joined 3 Nov 2026",
        ),
        (
            "acknowledged the old, a new version since",
            D(2025, 4, 2),
            [V2025, NEW],
            "2025",
            D(2026, 10, 14),
            "2026",
            "version 2026 adopted 14 Oct 2026",
        ),
        (
            "joined after a new version",
            D(2026, 11, 3),
            [V2025, NEW],
            None,
            D(2026, 11, 3),
            "2026",
            "joined 3 Nov 2026",
        ),
    ],
)
def test_due_from_the_later_of_joining_and_adoption(
    case, joined, versions, acked, due, label, why
) -> None:
    (item,) = owed(joined, versions, acked)
    assert item.due == due + GRACE, case
    assert item.version.label == label, case
    assert why in item.reason, case
    # never due before the day the person joined, nor before the version it names existed
    # unless that version is a correction of the one owed
    assert item.due >= joined + GRACE


@pytest.mark.parametrize(
    ("joined", "versions", "acked"),
    [
        (D(2025, 4, 2), [V2025, FIX], "2025"),  # a correction needs no fresh acknowledgement
        (D(2025, 4, 2), [V2025, FIX], "2025.1"),
        (D(2025, 4, 2), [V2025, NEW], "2026"),
    ],
)
def test_nothing_owed_when_the_version_needing_it_is_acknowledged(joined, versions, acked) -> None:
    assert owed(joined, versions, acked) == []


def test_a_version_adopted_after_today_is_not_owed_yet() -> None:
    (item,) = owed(D(2025, 4, 2), [V2025, ("2027", D(2027, 1, 10), True)])
    assert item.version.label == "2025" and item.due == D(2025, 12, 8) + GRACE
