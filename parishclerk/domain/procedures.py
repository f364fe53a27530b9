"""Which procedure a breach follows, the moves each allows, its outcomes and its retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import add_months, add_years, show
from .records import (
    MEMBER_ROLES,
    STAFF_ROLES,
    Case,
    CaseEvent,
    Council,
    Person,
    Procedure,
    Status,
)

S = Status

TRANSITIONS: dict[Procedure, dict[Status, tuple[Status, ...]]] = {
    Procedure.CODE_OF_CONDUCT: {
        S.RECEIVED: (S.WITH_MONITORING_OFFICER,),
        S.WITH_MONITORING_OFFICER: (S.INITIAL_ASSESSMENT,),
        S.INITIAL_ASSESSMENT: (S.INFORMAL_RESOLUTION, S.INVESTIGATION, S.DECIDED),
        S.INFORMAL_RESOLUTION: (S.INVESTIGATION, S.DECIDED),
        S.INVESTIGATION: (S.HEARING, S.DECIDED),
        S.HEARING: (S.DECIDED,),
        S.DECIDED: (S.CLOSED,),
    },
    # Wales (Local Government Act 2000 Part III Chapter III; the Ombudsman's guidance): a
    # low-level member-on-member matter may first go to the council's local resolution
    # protocol; a complaint goes to the Public Services Ombudsman for Wales, who applies the
    # two-stage test (direct evidence of a breach; the public interest), may investigate, and
    # on investigating finds under s.69(4): no evidence, no action needed, refer to the
    # Monitoring Officer for the principal council's Standards Committee, or refer to the
    # Adjudication Panel for Wales.  A Standards Committee's decision may be appealed to the
    # Panel.
    Procedure.CODE_OF_CONDUCT_WALES: {
        S.RECEIVED: (S.LOCAL_RESOLUTION, S.WITH_OMBUDSMAN),
        S.LOCAL_RESOLUTION: (S.WITH_OMBUDSMAN, S.DECIDED),
        S.WITH_OMBUDSMAN: (S.INITIAL_ASSESSMENT,),
        S.INITIAL_ASSESSMENT: (S.INVESTIGATION, S.DECIDED),
        S.INVESTIGATION: (S.STANDARDS_COMMITTEE, S.ADJUDICATION_PANEL, S.DECIDED),
        S.STANDARDS_COMMITTEE: (S.DECIDED,),
        S.ADJUDICATION_PANEL: (S.DECIDED,),
        S.DECIDED: (S.APPEAL, S.CLOSED),
        S.APPEAL: (S.CLOSED,),
    },
    Procedure.DISCIPLINARY: {
        S.RECEIVED: (S.INVESTIGATION,),
        S.INVESTIGATION: (S.HEARING, S.DECIDED),
        S.HEARING: (S.DECIDED,),
        S.DECIDED: (S.APPEAL, S.CLOSED),
        S.APPEAL: (S.CLOSED,),
    },
    Procedure.MODERATION: {
        S.RECEIVED: (S.ACTIONED,),
        S.ACTIONED: (S.CLOSED,),
    },
}

STATES: dict[Procedure, tuple[Status, ...]] = {
    Procedure.CODE_OF_CONDUCT: (
        S.RECEIVED,
        S.WITH_MONITORING_OFFICER,
        S.INITIAL_ASSESSMENT,
        S.INFORMAL_RESOLUTION,
        S.INVESTIGATION,
        S.HEARING,
        S.DECIDED,
        S.CLOSED,
        S.WITHDRAWN,
    ),
    Procedure.CODE_OF_CONDUCT_WALES: (
        S.RECEIVED,
        S.LOCAL_RESOLUTION,
        S.WITH_OMBUDSMAN,
        S.INITIAL_ASSESSMENT,
        S.INVESTIGATION,
        S.STANDARDS_COMMITTEE,
        S.ADJUDICATION_PANEL,
        S.DECIDED,
        S.APPEAL,
        S.CLOSED,
        S.WITHDRAWN,
    ),
    Procedure.DISCIPLINARY: (
        S.RECEIVED,
        S.INVESTIGATION,
        S.HEARING,
        S.DECIDED,
        S.APPEAL,
        S.CLOSED,
        S.WITHDRAWN,
    ),
    Procedure.MODERATION: (S.RECEIVED, S.ACTIONED, S.CLOSED, S.WITHDRAWN),
}

# Outcomes.  A parish council cannot sanction a councillor (R (Harvey) v Ledbury Town Council,
# 2018): a Code of Conduct outcome records what the Monitoring Officer decided, nothing more.
OUTCOMES: dict[Procedure, dict[str, str]] = {
    Procedure.CODE_OF_CONDUCT: {
        "no_action": "Monitoring Officer: no further action",
        "informal_resolution": "Monitoring Officer: resolved informally",
        "no_breach": "Monitoring Officer: no breach found",
        "breach_found": "Breach found (action for the principal authority)",
    },
    # Wales: the council records what the Ombudsman, the Standards Committee or the
    # Adjudication Panel decided; each outcome belongs to the step that decides it (WHO_DECIDES)
    Procedure.CODE_OF_CONDUCT_WALES: {
        "resolved_locally": "Resolved under the local resolution protocol",
        "not_investigated_evidence": "Ombudsman: not investigated (no direct evidence of a breach)",
        "not_investigated_public_interest": (
            "Ombudsman: not investigated (not in the public interest)"
        ),
        "no_evidence": "Ombudsman: no evidence of a failure to comply with the Code",
        "no_action_needed": "Ombudsman: no action needs to be taken",
        "discontinued": "Ombudsman: investigation discontinued",
        "sc_no_evidence": "Standards Committee: no failure to comply",
        "sc_no_action": "Standards Committee: failed to comply, no action needed",
        "sc_censure": "Standards Committee: censure",
        "sc_suspension": "Standards Committee: suspension (up to 6 months)",
        "apw_no_breach": "Adjudication Panel: no failure to comply",
        "apw_no_action": "Adjudication Panel: failed to comply, no action",
        "apw_suspension": "Adjudication Panel: suspension (up to 12 months)",
        "apw_disqualification": "Adjudication Panel: disqualification (up to 5 years)",
        "appeal_endorsed": "Appeal to the Adjudication Panel: decision endorsed",
        "appeal_referred_back": (
            "Appeal to the Adjudication Panel: referred back with a recommendation"
        ),
        "appeal_overturned": "Appeal to the Adjudication Panel: decision overturned",
    },
    Procedure.DISCIPLINARY: {
        "no_action": "No action",
        "warning": "First written warning",
        "final_warning": "Final written warning",
        "dismissal": "Dismissal with notice",
        "summary_dismissal": "Summary dismissal (gross misconduct)",
    },
    Procedure.MODERATION: {
        "removed": "Post removed",
        "reported_to_platform": "Reported to the platform",
        "reported_to_police": "Reported to the police",
        "no_action": "No action needed",
    },
}

# Wales: who makes the decision at each step, and the outcomes open to them there.
WELSH_STEPS: dict[Status, tuple[str, tuple[str, ...]]] = {
    S.LOCAL_RESOLUTION: (
        "the council, under its local resolution protocol",
        ("resolved_locally",),
    ),
    S.INITIAL_ASSESSMENT: (
        "the Ombudsman (two-stage test: evidence of a breach, then the public interest)",
        ("not_investigated_evidence", "not_investigated_public_interest"),
    ),
    S.INVESTIGATION: (
        "the Ombudsman (finding under section 69(4) of the Local Government Act 2000)",
        ("no_evidence", "no_action_needed", "discontinued"),
    ),
    S.STANDARDS_COMMITTEE: (
        "the Standards Committee of {authority}, on the Ombudsman's report",
        ("sc_no_evidence", "sc_no_action", "sc_censure", "sc_suspension"),
    ),
    S.ADJUDICATION_PANEL: (
        "a case tribunal of the Adjudication Panel for Wales",
        ("apw_no_breach", "apw_no_action", "apw_suspension", "apw_disqualification"),
    ),
    S.APPEAL: (
        "an appeal tribunal of the Adjudication Panel for Wales",
        ("appeal_endorsed", "appeal_referred_back", "appeal_overturned"),
    ),
}
WELSH_STEP_TEXT = {  # who holds the case, read after "with" ("Received: with the Clerk")
    S.RECEIVED: "the Clerk, until a complaint goes to the Ombudsman or is resolved locally",
    S.WITH_OMBUDSMAN: "the Public Services Ombudsman for Wales",
    S.DECIDED: "the Clerk, who is sent a copy of the decision",
}
# A member may appeal a Standards Committee's finding that they broke the Code.
APPEALABLE = frozenset({"sc_no_action", "sc_censure", "sc_suspension"})


def who_decides(procedure: Procedure, status: Status, council: Council | None = None) -> str:
    """Who acts at this step of the case's route, in words for the Clerk."""
    authority = _authority(council)
    if procedure is Procedure.CODE_OF_CONDUCT_WALES:
        if status in WELSH_STEPS:
            return WELSH_STEPS[status][0].format(authority=authority)
        return WELSH_STEP_TEXT.get(status, status.label.lower())
    if procedure is Procedure.CODE_OF_CONDUCT:
        return f"the Monitoring Officer of {authority}"
    if procedure is Procedure.DISCIPLINARY:
        return "the staffing committee"
    return "the Clerk"


def _authority(council: Council | None) -> str:
    if council and council.principal_authority:
        return council.principal_authority
    return "the principal authority"


HANDLED_BY = {
    Procedure.CODE_OF_CONDUCT: (
        "For a councillor, the Monitoring Officer of {authority} handles a formal complaint "
        "under the members' Code of Conduct. The {noun} records the steps and decisions "
        "and cannot itself investigate or sanction."
    ),
    Procedure.CODE_OF_CONDUCT_WALES: (
        "For a councillor, a formal complaint goes to the Public Services Ombudsman for Wales, "
        "who applies a two-stage test (is there direct evidence of a breach; is an "
        "investigation in the public interest) and may investigate, then refer the matter to "
        "the Standards Committee of {authority} or to the Adjudication Panel for Wales. A "
        "low-level complaint between members may first go through the council's local "
        "resolution protocol. The {noun} records the steps and the decisions sent to the "
        "Clerk, and cannot itself investigate or sanction."
    ),
    Procedure.DISCIPLINARY: (
        "For a member of staff, the staffing committee handles it under the Disciplinary "
        "Procedure (investigation, hearing, outcome, appeal)."
    ),
    Procedure.MODERATION: (
        "For a member of the public (or a volunteer), the Clerk moderates: remove, report to the "
        "platform, or to the police where criminal. No procedure applies to them."
    ),
}


class CaseError(ValueError):
    """A case move or change the rules refuse; the message says why."""


def derive_procedure(person: Person | None, council: Council | None = None) -> Procedure:
    """Councillors go to the Code of Conduct (in Wales, the Ombudsman's route), staff to the
    Disciplinary Procedure, anyone else (a volunteer or a named third party) to moderation."""
    if person is None:
        return Procedure.MODERATION
    if person.role in MEMBER_ROLES:
        return code_of_conduct_for(council)
    if person.role in STAFF_ROLES:
        return Procedure.DISCIPLINARY
    return Procedure.MODERATION


def code_of_conduct_for(council: Council | None) -> Procedure:
    """The Code of Conduct route of the council's nation."""
    if council is not None and council.in_wales:
        return Procedure.CODE_OF_CONDUCT_WALES
    return Procedure.CODE_OF_CONDUCT


def council_noun(council: Council | None) -> str:
    """'parish council', 'town council' or 'community council', from the council's kind."""
    kind = council.kind if council is not None else "parish"
    return f"{kind} council"


def explain_procedure(procedure: Procedure, council: Council | None = None) -> str:
    text = HANDLED_BY[procedure].format(authority=_authority(council), noun=council_noun(council))
    if procedure is Procedure.CODE_OF_CONDUCT and council is not None and council.in_wales:
        text += (
            " This case follows the English route; in Wales a new complaint goes to the "
            "Public Services Ombudsman for Wales."
        )
    return text


def allowed_moves(case: Case) -> tuple[Status, ...]:
    """The states this case may move to next, in order; withdrawal is open to any open case."""
    if not case.status.is_open:
        return ()
    onward = TRANSITIONS[case.procedure].get(case.status, ())
    return onward + (S.WITHDRAWN,)


@dataclass
class Move:
    """A validated move: what the case becomes and the event that records it."""

    case: Case
    event: CaseEvent


def move_case(
    case: Case,
    to: Status,
    on: date,
    seq: int,
    note: str = "",
    outcome: str | None = None,
    force: bool = False,
) -> Move:
    """Check a move and return the changed case with its dated event.

    ``force`` lets the Clerk record a move the rules do not list (a case that jumped steps),
    only with a note saying why.
    """
    if to not in STATES[case.procedure]:
        raise CaseError(
            f"{case.reference}: {to.label.lower()} is not a state of the {case.procedure.label}"
        )
    if not case.status.is_open:
        raise CaseError(f"{case.reference} is {case.status.label.lower()}: it cannot move")
    if on < case.received:
        raise CaseError(
            f"{case.reference}: {show(on)} is before the case was received ({show(case.received)})"
        )
    allowed = allowed_moves(case)
    if to not in allowed:
        if not force:
            names = ", ".join(s.label.lower() for s in allowed)
            raise CaseError(
                f"{case.reference}: cannot move from {case.status.label.lower()} to "
                f"{to.label.lower()}; next can be {names}"
            )
        if not note.strip():
            raise CaseError(f"{case.reference}: a move outside the steps needs a note saying why")
    if outcome and to not in (S.DECIDED, S.ACTIONED, S.APPEAL, S.CLOSED):
        raise CaseError(
            f"{case.reference}: an outcome is recorded with a decision, not on a "
            f"move to {to.label.lower()}"
        )
    if case.procedure is Procedure.CODE_OF_CONDUCT_WALES:
        _check_welsh_step(case, to, outcome)
    new = _copy(case)
    if to is S.DECIDED or (outcome and to in (S.CLOSED, S.APPEAL)):
        if to is S.DECIDED and not outcome:
            raise CaseError(f"{case.reference}: a decision needs an outcome")
        check_outcome(case.procedure, outcome, case.reference)
        new.outcome = outcome
        if to is S.DECIDED:
            new.decided_on = on
    if to is S.ACTIONED and outcome:
        check_outcome(case.procedure, outcome, case.reference)
        new.outcome = outcome
    new.status = to
    if not to.is_open:
        new.closed_on = on
        new.next_action = None
    text = note.strip()
    if outcome and outcome == new.outcome:
        label = OUTCOMES[case.procedure][outcome]
        text = f"Outcome: {label}." + (f" {text}" if text else "")
    event = CaseEvent(case=case.reference, seq=seq, on=on, kind="status", text=text, status=to)
    return Move(case=new, event=event)


def _check_welsh_step(case: Case, to: Status, outcome: str | None) -> None:
    """On the Welsh route an outcome must come from the body that decides at this step: the
    Ombudsman cannot censure, a Standards Committee cannot disqualify."""
    ref = case.reference
    if to is S.APPEAL and case.outcome not in APPEALABLE:
        raise CaseError(
            f"{ref}: only a Standards Committee's finding of a breach can be appealed to the "
            "Adjudication Panel for Wales"
        )
    if not outcome or outcome not in OUTCOMES[Procedure.CODE_OF_CONDUCT_WALES]:
        return  # check_outcome names what is wrong with an outcome of another procedure
    step = case.status
    if step in WELSH_STEPS and to in (S.DECIDED, S.CLOSED):
        who, allowed = WELSH_STEPS[step]
        if outcome not in allowed:
            names = ", ".join(allowed)
            raise CaseError(
                f"{ref}: {outcome!r} is not a decision open to "
                f"{who.format(authority='the principal council')} (choose from {names})"
            )


def check_outcome(procedure: Procedure, outcome: str | None, ref: str = "") -> None:
    if outcome not in OUTCOMES[procedure]:
        where = f"{ref}: " if ref else ""
        if (
            procedure is Procedure.CODE_OF_CONDUCT_WALES
            and outcome in OUTCOMES[Procedure.DISCIPLINARY]
        ):
            raise CaseError(
                f"{where}{outcome!r} is not open to a community or town council for a "
                "councillor; record the decision of the Ombudsman, the Standards Committee "
                "or the Adjudication Panel for Wales instead"
            )
        if procedure is Procedure.CODE_OF_CONDUCT and outcome in OUTCOMES[Procedure.DISCIPLINARY]:
            raise CaseError(
                f"{where}{outcome!r} is not open to a parish council for a councillor; "
                "record the Monitoring Officer's decision instead"
            )
        names = ", ".join(OUTCOMES[procedure])
        raise CaseError(
            f"{where}{outcome!r} is not an outcome of the {procedure.label} (choose from {names})"
        )


def retention(case: Case, council: Council, subject: Person | None) -> tuple[date | None, str]:
    """When the case file may be disposed of, and why; ``None`` while the event is in the future."""
    if case.procedure is Procedure.DISCIPLINARY:
        years = council.disciplinary_retention_years
        if subject is None or subject.left is None:
            return None, (
                f"{years} years after the employment ends; fixed once a leaving date is recorded"
            )
        return add_years(subject.left, years), (
            f"{years} years after the employment ended on {show(subject.left)}"
        )
    years = (
        council.code_of_conduct_retention_years
        if case.procedure.is_code_of_conduct
        else council.moderation_retention_years
    )
    unit = "year" if years == 1 else "years"
    if case.closed_on is None:
        return None, f"{years} {unit} from closure; fixed when the case closes"
    return add_years(case.closed_on, years), (
        f"{years} {unit} from closure on {show(case.closed_on)}"
    )


def warning_live_until(case: Case, council: Council) -> date | None:
    """The day a disciplinary warning stops being live, or ``None`` if there is none."""
    if case.procedure is not Procedure.DISCIPLINARY or case.decided_on is None:
        return None
    if case.outcome == "warning":
        return add_months(case.decided_on, council.warning_live_months)
    if case.outcome == "final_warning":
        return add_months(case.decided_on, council.final_warning_live_months)
    return None


def _copy(case: Case) -> Case:
    from dataclasses import replace

    return replace(case, categories=list(case.categories))


def next_reference(existing: list[str], year: int, prefix: str = "SM") -> str:
    """``SM-2026-003``: the next free number in the year."""
    stem = f"{prefix}-{year}-"
    numbers = [
        int(r[len(stem) :]) for r in existing if r.startswith(stem) and r[len(stem) :].isdigit()
    ]
    return f"{stem}{max(numbers, default=0) + 1:03d}"
