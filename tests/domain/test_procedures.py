"""Case moves, outcomes, procedure derivation, retention and warnings: table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from parishclerk.domain import procedures as pr
from parishclerk.domain.procedures import CaseError, allowed_moves, move_case
from parishclerk.domain.records import (
    Case,
    Council,
    NextAction,
    Person,
    Procedure,
    Role,
    Status,
    Subject,
)

S = Status
P = Procedure
RECEIVED = date(2026, 1, 10)
LATER = date(2026, 2, 1)

# The moves each procedure allows, written out independently of the code (DESIGN.md "Case
# states"); withdrawal is open to every open case and is added by the tests.
EXPECTED: dict[Procedure, dict[Status, set[Status]]] = {
    P.CODE_OF_CONDUCT: {
        S.RECEIVED: {S.WITH_MONITORING_OFFICER},
        S.WITH_MONITORING_OFFICER: {S.INITIAL_ASSESSMENT},
        S.INITIAL_ASSESSMENT: {S.INFORMAL_RESOLUTION, S.INVESTIGATION, S.DECIDED},
        S.INFORMAL_RESOLUTION: {S.INVESTIGATION, S.DECIDED},
        S.INVESTIGATION: {S.HEARING, S.DECIDED},
        S.HEARING: {S.DECIDED},
        S.DECIDED: {S.CLOSED},
        S.CLOSED: set(),
        S.WITHDRAWN: set(),
    },
    P.DISCIPLINARY: {
        S.RECEIVED: {S.INVESTIGATION},
        S.INVESTIGATION: {S.HEARING, S.DECIDED},
        S.HEARING: {S.DECIDED},
        S.DECIDED: {S.APPEAL, S.CLOSED},
        S.APPEAL: {S.CLOSED},
        S.CLOSED: set(),
        S.WITHDRAWN: set(),
    },
    P.MODERATION: {
        S.RECEIVED: {S.ACTIONED},
        S.ACTIONED: {S.CLOSED},
        S.CLOSED: set(),
        S.WITHDRAWN: set(),
    },
}
AN_OUTCOME = {P.CODE_OF_CONDUCT: "no_breach", P.DISCIPLINARY: "warning", P.MODERATION: "removed"}


def make_case(procedure: Procedure = P.CODE_OF_CONDUCT, status: Status = S.RECEIVED, **kw) -> Case:
    subject = Subject(name="Someone") if procedure is P.MODERATION else Subject(person="p1")
    return Case("SM-2026-001", RECEIVED, "Clerk", subject, procedure, status=status, **kw)


def all_pairs():
    for procedure, table in EXPECTED.items():
        for start in table:
            for to in Status:
                yield pytest.param(procedure, start, to, id=f"{procedure.value}:{start}->{to}")


def test_states_of_each_procedure_match_the_design():
    for procedure, table in EXPECTED.items():
        assert set(pr.STATES[procedure]) == set(table)


@pytest.mark.parametrize("procedure,start", [(p, s) for p, t in EXPECTED.items() for s in t])
def test_allowed_moves(procedure, start):
    case = make_case(procedure, start)
    got = allowed_moves(case)
    if start in (S.CLOSED, S.WITHDRAWN):
        assert got == ()
    else:
        assert set(got) == EXPECTED[procedure][start] | {S.WITHDRAWN}
        assert got[-1] is S.WITHDRAWN  # withdrawal listed last


@pytest.mark.parametrize("procedure,start,to", list(all_pairs()))
def test_every_move(procedure, start, to):
    """Every (from, to) pair: allowed moves pass; others are refused, and pass only when forced
    with a note; closed/withdrawn cases and states outside the procedure never move."""
    case = make_case(procedure, start)
    outcome = AN_OUTCOME[procedure] if to is S.DECIDED else None
    in_procedure = to in pr.STATES[procedure]
    is_open = start not in (S.CLOSED, S.WITHDRAWN)
    allowed = is_open and (to in EXPECTED[procedure][start] or to is S.WITHDRAWN)

    if not in_procedure:
        with pytest.raises(CaseError, match="is not a state of the"):
            move_case(case, to, LATER, 2, note="because", outcome=outcome, force=True)
        return
    if not is_open:
        for force in (False, True):
            with pytest.raises(CaseError, match="it cannot move"):
                move_case(case, to, LATER, 2, note="because", outcome=outcome, force=force)
        return
    if allowed:
        moved = move_case(case, to, LATER, 2, outcome=outcome)
        assert moved.case.status is to
        assert moved.event.status is to and moved.event.on == LATER and moved.event.seq == 2
        assert moved.event.kind == "status" and moved.event.case == case.reference
        assert case.status is start  # the input is not changed
        return
    with pytest.raises(CaseError, match="cannot move from"):
        move_case(case, to, LATER, 2, outcome=outcome)
    with pytest.raises(CaseError, match="needs a note"):
        move_case(case, to, LATER, 2, outcome=outcome, force=True)
    with pytest.raises(CaseError, match="needs a note"):
        move_case(case, to, LATER, 2, note="   ", outcome=outcome, force=True)
    moved = move_case(
        case, to, LATER, 2, note="Jumped steps: MO wrote directly", outcome=outcome, force=True
    )
    assert moved.case.status is to
    assert "Jumped steps" in moved.event.text


def test_refusal_names_the_next_steps():
    with pytest.raises(CaseError) as err:
        move_case(make_case(), S.DECIDED, LATER, 2, outcome="no_breach")
    msg = str(err.value)
    assert "SM-2026-001" in msg and "received" in msg
    assert "with monitoring officer" in msg and "withdrawn" in msg


@pytest.mark.parametrize(
    "procedure,start",
    [
        (P.CODE_OF_CONDUCT, S.INITIAL_ASSESSMENT),
        (P.CODE_OF_CONDUCT, S.HEARING),
        (P.DISCIPLINARY, S.INVESTIGATION),
        (P.DISCIPLINARY, S.HEARING),
    ],
)
def test_decided_needs_an_outcome(procedure, start):
    case = make_case(procedure, start)
    with pytest.raises(CaseError, match="a decision needs an outcome"):
        move_case(case, S.DECIDED, LATER, 2)
    with pytest.raises(CaseError, match="a decision needs an outcome"):
        move_case(case, S.DECIDED, LATER, 2, note="why", force=True)


def test_forced_decision_with_an_outcome():
    moved = move_case(
        make_case(P.DISCIPLINARY),
        S.DECIDED,
        LATER,
        2,
        note="Admitted at once",
        outcome="warning",
        force=True,
    )
    assert moved.case.outcome == "warning" and moved.case.decided_on == LATER
    assert moved.event.text == "Outcome: First written warning. Admitted at once"


@pytest.mark.parametrize("outcome", ["warning", "final_warning", "dismissal", "summary_dismissal"])
def test_code_of_conduct_refuses_a_parish_sanction(outcome):
    """No parish-imposed sanction on a councillor (R (Harvey) v Ledbury Town Council)."""
    for start in (S.INITIAL_ASSESSMENT, S.INVESTIGATION, S.HEARING):
        with pytest.raises(CaseError, match="not open to a parish council for a councillor"):
            move_case(make_case(P.CODE_OF_CONDUCT, start), S.DECIDED, LATER, 2, outcome=outcome)
    with pytest.raises(CaseError, match="not open to a parish council"):
        move_case(make_case(), S.DECIDED, LATER, 2, note="n", outcome=outcome, force=True)


@pytest.mark.parametrize(
    "procedure,outcome,ok",
    [
        (P.CODE_OF_CONDUCT, "no_action", True),
        (P.CODE_OF_CONDUCT, "informal_resolution", True),
        (P.CODE_OF_CONDUCT, "no_breach", True),
        (P.CODE_OF_CONDUCT, "breach_found", True),
        (P.CODE_OF_CONDUCT, "removed", False),
        (P.DISCIPLINARY, "no_action", True),
        (P.DISCIPLINARY, "warning", True),
        (P.DISCIPLINARY, "final_warning", True),
        (P.DISCIPLINARY, "dismissal", True),
        (P.DISCIPLINARY, "summary_dismissal", True),
        (P.DISCIPLINARY, "breach_found", False),
        (P.DISCIPLINARY, "removed", False),
        (P.MODERATION, "removed", True),
        (P.MODERATION, "reported_to_platform", True),
        (P.MODERATION, "reported_to_police", True),
        (P.MODERATION, "no_action", True),
        (P.MODERATION, "warning", False),
    ],
)
def test_outcomes_per_procedure(procedure, outcome, ok):
    if ok:
        pr.check_outcome(procedure, outcome)
    else:
        with pytest.raises(CaseError, match="is not an outcome of the"):
            pr.check_outcome(procedure, outcome, "SM-1")


def test_decision_then_close_records_dates_and_clears_next_action():
    case = make_case(
        P.CODE_OF_CONDUCT, S.HEARING, next_action=NextAction("Hearing panel", date(2026, 3, 1))
    )
    decided = move_case(case, S.DECIDED, date(2026, 3, 2), 7, outcome="breach_found").case
    assert decided.decided_on == date(2026, 3, 2) and decided.closed_on is None
    assert decided.next_action is not None  # still open
    closed = move_case(decided, S.CLOSED, date(2026, 3, 9), 8)
    assert closed.case.closed_on == date(2026, 3, 9)
    assert closed.case.next_action is None
    assert closed.case.outcome == "breach_found"
    assert closed.event.text == ""


def test_withdrawn_counts_as_closed():
    moved = move_case(
        make_case(P.MODERATION, S.ACTIONED), S.WITHDRAWN, LATER, 3, note="Complainant withdrew"
    )
    assert moved.case.closed_on == LATER
    assert allowed_moves(moved.case) == ()
    with pytest.raises(CaseError, match="withdrawn: it cannot move"):
        move_case(moved.case, S.CLOSED, LATER, 4, note="x", force=True)


def test_appeal_can_change_the_outcome():
    case = make_case(P.DISCIPLINARY, S.DECIDED, outcome="dismissal", decided_on=LATER)
    appeal = move_case(case, S.APPEAL, date(2026, 2, 10), 5).case
    assert appeal.outcome == "dismissal"
    closed = move_case(appeal, S.CLOSED, date(2026, 3, 1), 6, outcome="final_warning")
    assert closed.case.outcome == "final_warning"
    assert closed.event.text.startswith("Outcome: Final written warning.")


def test_moderation_actioned_with_outcome():
    moved = move_case(make_case(P.MODERATION), S.ACTIONED, LATER, 2, outcome="removed")
    assert moved.case.outcome == "removed"
    with pytest.raises(CaseError):
        move_case(make_case(P.MODERATION), S.ACTIONED, LATER, 2, outcome="warning")


def test_move_before_received_is_refused():
    with pytest.raises(CaseError, match="before the case was received"):
        move_case(make_case(), S.WITH_MONITORING_OFFICER, date(2026, 1, 9), 2)
    # the same day is fine
    move_case(make_case(), S.WITH_MONITORING_OFFICER, RECEIVED, 2)


# -- which procedure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,procedure",
    [
        (Role.CHAIR, P.CODE_OF_CONDUCT),
        (Role.VICE_CHAIR, P.CODE_OF_CONDUCT),
        (Role.COUNCILLOR, P.CODE_OF_CONDUCT),
        (Role.CO_OPTED, P.CODE_OF_CONDUCT),
        (Role.CLERK, P.DISCIPLINARY),
        (Role.RFO, P.DISCIPLINARY),
        (Role.EMPLOYEE, P.DISCIPLINARY),
        (Role.VOLUNTEER, P.MODERATION),
    ],
)
def test_procedure_per_role(role, procedure):
    assert pr.derive_procedure(Person("x", "X", role, date(2020, 1, 1))) is procedure


def test_third_party_is_moderated():
    assert pr.derive_procedure(None) is P.MODERATION


def test_explain_procedure_names_the_authority():
    text = pr.explain_procedure(P.CODE_OF_CONDUCT, Council("X", principal_authority="Mid DC"))
    assert "Monitoring Officer of Mid DC" in text and "cannot" in text
    assert "the principal authority" in pr.explain_procedure(P.CODE_OF_CONDUCT)


# -- retention and warnings ---------------------------------------------------------------------

COUNCIL = Council("X")


@pytest.mark.parametrize(
    "procedure,closed,left,expected",
    [
        (P.CODE_OF_CONDUCT, date(2026, 3, 4), None, date(2032, 3, 4)),
        (P.CODE_OF_CONDUCT, date(2024, 2, 29), None, date(2030, 2, 28)),
        (P.CODE_OF_CONDUCT, None, None, None),
        (P.MODERATION, date(2026, 3, 4), None, date(2027, 3, 4)),
        (P.MODERATION, date(2024, 2, 29), None, date(2025, 2, 28)),
        (P.MODERATION, None, None, None),
        (P.DISCIPLINARY, date(2026, 3, 4), None, None),  # still employed
        (P.DISCIPLINARY, None, None, None),
        (P.DISCIPLINARY, date(2026, 3, 4), date(2027, 6, 30), date(2033, 6, 30)),
        (P.DISCIPLINARY, date(2026, 3, 4), date(2028, 2, 29), date(2034, 2, 28)),
        (P.DISCIPLINARY, None, date(2027, 6, 30), date(2033, 6, 30)),
    ],
)
def test_retention(procedure, closed, left, expected):
    status = S.CLOSED if closed else S.INVESTIGATION if procedure is P.DISCIPLINARY else S.RECEIVED
    case = make_case(procedure, status, closed_on=closed)
    role = Role.CLERK if procedure is P.DISCIPLINARY else Role.COUNCILLOR
    subject = Person("p1", "A", role, date(2020, 1, 1), left=left)
    until, why = pr.retention(case, COUNCIL, subject if procedure is not P.MODERATION else None)
    assert until == expected
    assert why  # always says why
    if procedure is P.DISCIPLINARY and left is None:
        assert "after the employment ends" in why
    if expected and closed and procedure is not P.DISCIPLINARY:
        assert "from closure on" in why


def test_retention_follows_the_councils_settings():
    council = Council(
        "X",
        code_of_conduct_retention_years=2,
        moderation_retention_years=3,
        disciplinary_retention_years=1,
    )
    closed = date(2026, 1, 31)
    assert pr.retention(make_case(P.CODE_OF_CONDUCT, S.CLOSED, closed_on=closed), council, None)[
        0
    ] == date(2028, 1, 31)
    assert pr.retention(make_case(P.MODERATION, S.CLOSED, closed_on=closed), council, None)[
        0
    ] == date(2029, 1, 31)
    gone = Person("p1", "A", Role.EMPLOYEE, date(2020, 1, 1), left=date(2026, 5, 1))
    assert pr.retention(make_case(P.DISCIPLINARY, S.CLOSED, closed_on=closed), council, gone)[
        0
    ] == date(2027, 5, 1)


@pytest.mark.parametrize(
    "procedure,outcome,decided,expected",
    [
        (P.DISCIPLINARY, "warning", date(2026, 1, 15), date(2026, 7, 15)),
        (P.DISCIPLINARY, "warning", date(2025, 8, 31), date(2026, 2, 28)),
        (P.DISCIPLINARY, "warning", date(2023, 8, 31), date(2024, 2, 29)),
        (P.DISCIPLINARY, "final_warning", date(2026, 1, 15), date(2027, 1, 15)),
        (P.DISCIPLINARY, "final_warning", date(2024, 2, 29), date(2025, 2, 28)),
        (P.DISCIPLINARY, "dismissal", date(2026, 1, 15), None),
        (P.DISCIPLINARY, "no_action", date(2026, 1, 15), None),
        (P.DISCIPLINARY, "warning", None, None),
        (P.CODE_OF_CONDUCT, "breach_found", date(2026, 1, 15), None),
        (P.MODERATION, "removed", date(2026, 1, 15), None),
    ],
)
def test_warning_live_until(procedure, outcome, decided, expected):
    case = make_case(procedure, S.DECIDED, outcome=outcome, decided_on=decided)
    assert pr.warning_live_until(case, COUNCIL) == expected


def test_warning_live_follows_the_councils_settings():
    council = Council("X", warning_live_months=3, final_warning_live_months=18)
    d = date(2026, 1, 31)
    assert pr.warning_live_until(
        make_case(P.DISCIPLINARY, S.DECIDED, outcome="warning", decided_on=d), council
    ) == date(2026, 4, 30)
    assert pr.warning_live_until(
        make_case(P.DISCIPLINARY, S.DECIDED, outcome="final_warning", decided_on=d), council
    ) == date(2027, 7, 31)


@pytest.mark.parametrize(
    "existing,year,expected",
    [
        ([], 2026, "SM-2026-001"),
        (["SM-2026-001", "SM-2026-002"], 2026, "SM-2026-003"),
        (["SM-2025-009", "SM-2026-001"], 2025, "SM-2025-010"),
        (["SM-2026-001", "SM-2026-010", "SM-2026-x"], 2026, "SM-2026-011"),
        (["SM-2026-999"], 2026, "SM-2026-1000"),
    ],
)
def test_next_reference(existing, year, expected):
    assert pr.next_reference(existing, year) == expected
