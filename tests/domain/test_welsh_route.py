"""Wales: a councillor's case takes the Ombudsman's route, with its own steps and deciders."""

from __future__ import annotations

from datetime import date

import pytest

from parishclerk.domain.interchange import from_document, to_document
from parishclerk.domain.procedures import (
    OUTCOMES,
    STATES,
    CaseError,
    allowed_moves,
    derive_procedure,
    explain_procedure,
    move_case,
    retention,
    who_decides,
)
from parishclerk.domain.records import (
    Case,
    Council,
    CouncilData,
    Person,
    Procedure,
    Role,
    Status,
    Subject,
)

S = Status
WALES = Council("Llan Community Council", kind="community", principal_authority="Gwynedd Council")
ENGLAND = Council("Much Binding Parish Council", principal_authority="Mid District Council")
CLLR = Person("p1", "Siân Ŵyn", Role.COUNCILLOR, date(2022, 5, 5))


def welsh_case(status: Status = S.RECEIVED, outcome: str | None = None) -> Case:
    return Case(
        "SM-2026-001",
        date(2026, 1, 5),
        "Clerk",
        Subject(person="p1"),
        Procedure.CODE_OF_CONDUCT_WALES,
        status=status,
        outcome=outcome,
    )


def walk(case: Case, *steps: tuple[Status, str | None]) -> Case:
    day = date(2026, 1, 6)
    for seq, (to, outcome) in enumerate(steps, start=2):
        case = move_case(case, to, day, seq, outcome=outcome).case
    return case


def test_nation_comes_from_the_kind_when_not_given():
    assert Council("A", kind="community").nation == "wales"
    assert Council("B", kind="town").nation == "england"
    assert Council("C", kind="town", nation="wales").in_wales


def test_a_welsh_councillor_goes_to_the_ombudsmans_route():
    assert derive_procedure(CLLR, WALES) is Procedure.CODE_OF_CONDUCT_WALES
    assert derive_procedure(CLLR, ENGLAND) is Procedure.CODE_OF_CONDUCT
    assert derive_procedure(CLLR) is Procedure.CODE_OF_CONDUCT  # England unless told


def test_the_welsh_states_are_not_the_english_ones():
    welsh = set(STATES[Procedure.CODE_OF_CONDUCT_WALES])
    english = set(STATES[Procedure.CODE_OF_CONDUCT])
    assert S.WITH_MONITORING_OFFICER not in welsh
    assert {S.WITH_OMBUDSMAN, S.LOCAL_RESOLUTION, S.STANDARDS_COMMITTEE} <= welsh
    assert not welsh & {S.WITH_OMBUDSMAN, S.ADJUDICATION_PANEL} & english


def test_local_resolution_first_or_straight_to_the_ombudsman():
    assert allowed_moves(welsh_case()) == (S.LOCAL_RESOLUTION, S.WITH_OMBUDSMAN, S.WITHDRAWN)
    resolved = walk(welsh_case(), (S.LOCAL_RESOLUTION, None), (S.DECIDED, "resolved_locally"))
    assert resolved.outcome == "resolved_locally"
    escalated = walk(welsh_case(), (S.LOCAL_RESOLUTION, None), (S.WITH_OMBUDSMAN, None))
    assert escalated.status is S.WITH_OMBUDSMAN


def test_two_stage_test_then_referral_to_the_standards_committee():
    case = walk(
        welsh_case(),
        (S.WITH_OMBUDSMAN, None),
        (S.INITIAL_ASSESSMENT, None),
        (S.INVESTIGATION, None),
        (S.STANDARDS_COMMITTEE, None),
        (S.DECIDED, "sc_censure"),
    )
    assert case.outcome == "sc_censure"
    appealed = walk(case, (S.APPEAL, None), (S.CLOSED, "appeal_endorsed"))
    assert appealed.status is S.CLOSED and appealed.outcome == "appeal_endorsed"


def test_each_body_decides_only_what_it_may():
    at_assessment = welsh_case(S.INITIAL_ASSESSMENT)
    with pytest.raises(CaseError, match="not a decision open to the Ombudsman"):
        move_case(at_assessment, S.DECIDED, date(2026, 2, 1), 2, outcome="sc_censure")
    ok = move_case(
        at_assessment, S.DECIDED, date(2026, 2, 1), 2, outcome="not_investigated_public_interest"
    )
    assert "not in the public interest" in ok.event.text
    committee = welsh_case(S.STANDARDS_COMMITTEE)
    with pytest.raises(CaseError, match="Standards Committee"):
        move_case(committee, S.DECIDED, date(2026, 2, 1), 2, outcome="apw_disqualification")
    panel = welsh_case(S.ADJUDICATION_PANEL)
    assert (
        move_case(
            panel, S.DECIDED, date(2026, 2, 1), 2, outcome="apw_disqualification"
        ).case.outcome
        == "apw_disqualification"
    )


def test_only_a_standards_committee_finding_can_be_appealed():
    decided = welsh_case(S.DECIDED, outcome="no_evidence")
    with pytest.raises(CaseError, match="only a Standards Committee"):
        move_case(decided, S.APPEAL, date(2026, 2, 1), 2)


def test_no_parish_sanction_and_no_monitoring_officer_step_in_wales():
    case = welsh_case(S.STANDARDS_COMMITTEE)
    with pytest.raises(CaseError, match="community or town council"):
        move_case(case, S.DECIDED, date(2026, 2, 1), 2, outcome="final_warning")
    with pytest.raises(CaseError, match="not a state"):
        move_case(welsh_case(), S.WITH_MONITORING_OFFICER, date(2026, 2, 1), 2)
    assert "dismissal" not in OUTCOMES[Procedure.CODE_OF_CONDUCT_WALES]


def test_who_decides_and_the_words():
    assert "Ombudsman" in who_decides(Procedure.CODE_OF_CONDUCT_WALES, S.INITIAL_ASSESSMENT, WALES)
    assert "Gwynedd Council" in who_decides(
        Procedure.CODE_OF_CONDUCT_WALES, S.STANDARDS_COMMITTEE, WALES
    )
    text = explain_procedure(Procedure.CODE_OF_CONDUCT_WALES, WALES)
    assert "Public Services Ombudsman for Wales" in text and "community council" in text
    assert "Monitoring Officer" not in text
    english = explain_procedure(Procedure.CODE_OF_CONDUCT, ENGLAND)
    assert "Monitoring Officer of Mid District Council" in english
    assert "parish council records" in english


def test_welsh_case_keeps_the_code_of_conduct_retention():
    closed = welsh_case(S.CLOSED)
    closed.closed_on = date(2026, 3, 1)
    until, why = retention(closed, WALES, CLLR)
    assert until == date(2032, 3, 1) and "6 years" in why


def test_interchange_carries_the_nation_and_reads_it_from_the_kind():
    data = CouncilData(WALES, people=[CLLR], cases=[welsh_case()])
    doc = to_document(data)
    assert doc["council"]["nation"] == "wales"
    assert doc["cases"][0]["procedure"] == "code_of_conduct_wales"
    assert to_document(from_document(doc)) == doc
    del doc["council"]["nation"]
    assert from_document(doc).council.nation == "wales"  # a community council
    doc["council"]["kind"] = "town"
    doc["cases"] = []
    assert from_document(doc).council.nation == "england"
    doc["council"]["nation"] = "scotland"
    with pytest.raises(ValueError, match="council.nation"):
        from_document(doc)


@pytest.mark.parametrize(
    "status", [s for s in STATES[Procedure.CODE_OF_CONDUCT_WALES] if s.is_open], ids=str
)
def test_who_holds_a_welsh_case_reads_after_with(status: Status) -> None:
    """The confidential part prints "Status: with {who}": every step names a body or person."""
    who = who_decides(Procedure.CODE_OF_CONDUCT_WALES, status)
    assert who.startswith(("the ", "a ", "an ")), who
    assert "received" not in who.split(",")[0] and "decided" not in who.split(",")[0], who
