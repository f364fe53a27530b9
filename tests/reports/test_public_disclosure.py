"""The public pack read back: no count or name lets a reader pick out a person."""

from __future__ import annotations

import re
from datetime import date

from parishclerk.domain.records import (
    Acknowledgement,
    Case,
    Council,
    CouncilData,
    Person,
    Policy,
    PolicyVersion,
    Procedure,
    Role,
    Status,
    Subject,
)
from parishclerk.reports import review_pack
from tests.reports.conftest import GENERATED, MEETING, flat


def small_council(**council) -> CouncilData:
    d = CouncilData(Council("Little Snoring Parish Council", **council))
    d.people = [
        Person("c1", "Alice Ward", Role.CHAIR, date(2022, 5, 5)),
        Person("c2", "Bryn Hughes", Role.COUNCILLOR, date(2022, 5, 5)),
        Person("k", "Carys Clerk", Role.CLERK, date(2020, 1, 6)),
    ]
    d.policies = [Policy("sm", "Social Media Policy", [Role.CHAIR, Role.COUNCILLOR, Role.CLERK])]
    d.versions = [PolicyVersion("sm-1", "sm", "2025", date(2025, 5, 13), minute="25/01")]
    d.acknowledgements = [
        Acknowledgement("c1", "sm-1", date(2025, 5, 20)),
        Acknowledgement("c2", "sm-1", date(2025, 5, 20)),
        Acknowledgement("k", "sm-1", date(2025, 5, 20)),
    ]
    return d


def case(ref, subject, procedure, status=Status.RECEIVED, **kw) -> Case:
    return Case(
        ref,
        date(2026, 2, 1),
        "Member of the public",
        subject,
        procedure,
        summary="Posted about the hall.",
        categories=["abusive"],
        status=status,
        **kw,
    )


def numbers_in_summary(text: str) -> str:
    """The breach summary's text, without page numbers and dates."""
    text = re.sub(r"Page \d+ of \d+|\d{1,2} [A-Z][a-z]{2} \d{4}", "", text)
    return text.rsplit("Breach summary", 1)[1].rsplit("Due before the next meeting", 1)[0]


def test_one_employee_under_investigation_is_not_counted():
    d = small_council()
    d.cases = [
        case("SM-2026-001", Subject(person="k"), Procedure.DISCIPLINARY, Status.INVESTIGATION)
    ]
    text = flat(review_pack(d, MEETING, generated=GENERATED))
    summary = numbers_in_summary(text)
    assert "Fewer than 3 cases held" in summary
    assert "Disciplinary Procedure fewer than 3 Not broken down" in summary
    assert "Investigation" not in summary  # staff matters never broken down
    assert not re.search(r"\b1\b", summary), summary
    assert "Carys" not in text and "SM-2026" not in text


def test_no_case_and_one_case_read_the_same_for_staff():
    """A reader comparing packs cannot tell whether the clerk is under a procedure."""
    with_case = small_council()
    with_case.cases = [
        case("SM-2026-001", Subject(person="k"), Procedure.DISCIPLINARY, Status.INVESTIGATION),
        case("SM-2026-002", Subject(name="A Troll"), Procedure.MODERATION, Status.ACTIONED),
    ]
    without = small_council()
    without.cases = [
        case("SM-2026-002", Subject(name="A Troll"), Procedure.MODERATION, Status.ACTIONED),
    ]
    a = numbers_in_summary(flat(review_pack(with_case, MEETING, generated=GENERATED)))
    b = numbers_in_summary(flat(review_pack(without, MEETING, generated=GENERATED)))
    assert a == b


def test_two_cases_one_disciplinary_cannot_be_subtracted():
    d = small_council()
    d.cases = [
        case("SM-2026-001", Subject(person="c2"), Procedure.CODE_OF_CONDUCT),
        case("SM-2026-002", Subject(person="k"), Procedure.DISCIPLINARY, Status.HEARING),
    ]
    summary = numbers_in_summary(flat(review_pack(d, MEETING, generated=GENERATED)))
    assert not re.search(r"\b[12]\b", summary), summary
    assert "Hearing" not in summary


def test_large_counts_cannot_be_subtracted_back_to_a_small_one():
    d = small_council()
    d.cases = [
        case(f"SM-2026-{i:03d}", Subject(person="c2"), Procedure.CODE_OF_CONDUCT)
        for i in range(1, 8)
    ] + [
        case(f"SM-2026-{i:03d}", Subject(name="A Troll"), Procedure.MODERATION, Status.CLOSED)
        for i in range(8, 12)
    ]
    d.cases.append(case("SM-2026-099", Subject(person="k"), Procedure.DISCIPLINARY))
    summary = numbers_in_summary(flat(review_pack(d, MEETING, generated=GENERATED)))
    # 12 cases, 7 + 4 + 1: printing 12, 7 and 4 would give the 1 away
    printed = [int(n) for n in re.findall(r"\b\d+\b", summary) if int(n) < 100]
    assert not ({12, 7, 4} <= set(printed)), summary
    assert "Moderation withheld" in summary
    assert "Code of Conduct 7 Received: withheld; every other state: fewer than 3" in summary


def test_one_volunteer_outstanding_is_neither_named_nor_counted():
    d = small_council()
    d.people.append(Person("v", "Dilys Volunteer", Role.VOLUNTEER, date(2024, 1, 1)))
    d.policies.append(Policy("dp", "Data Protection", [Role.CLERK, Role.VOLUNTEER]))
    d.versions.append(PolicyVersion("dp-1", "dp", "1", date(2025, 1, 1)))
    d.acknowledgements.append(Acknowledgement("k", "dp-1", date(2025, 1, 2)))
    text = flat(review_pack(d, MEETING, generated=GENERATED))
    assert "Dilys" not in text, text
    assert "Carys" not in text  # staff are counted, never named
    assert (
        "Staff and volunteers bound: 2; up to date: fewer than 3; outstanding: fewer than 3" in text
    )
    assert "Alice Ward" in text and "Bryn Hughes" in text  # councillors may be named


def test_threshold_is_the_councils_setting():
    d = small_council(disclosure_threshold=5)
    d.cases = [
        case(f"SM-2026-{i:03d}", Subject(person="c2"), Procedure.CODE_OF_CONDUCT)
        for i in range(1, 5)
    ]
    text = flat(review_pack(d, MEETING, generated=GENERATED))
    assert "Fewer than 5 cases held" in text
    assert " 4 " not in numbers_in_summary(text)
