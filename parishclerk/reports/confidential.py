"""The confidential part for full council: only councillor matters, each case whole.

Full council may see, after excluding the press and public, the cases about councillors (Code of
Conduct, either nation's route) and moderation cases: those open at the meeting and those closed
since the last meeting.  Staff matters never appear here: they go to the staffing committee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dates import add_years, show
from ..domain.procedures import who_decides
from ..domain.records import Case, Council, CouncilData, PackMade, Procedure
from .cases import category_label, outcome_label

FULL_COUNCIL = frozenset(
    {Procedure.CODE_OF_CONDUCT, Procedure.CODE_OF_CONDUCT_WALES, Procedure.MODERATION}
)


@dataclass(frozen=True)
class CaseCard:
    """One case as a councillor reads it: the reference heads every page it runs onto."""

    reference: str
    heading: str
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class ConfidentialScope:
    since: date | None
    why: str  # how ``since`` was chosen, for the page


def previous_pack(council: Council, meeting: date) -> PackMade | None:
    """The last pack made for an earlier meeting (any part), from the council's record."""
    earlier = [p for p in council.packs if p.meeting < meeting]
    return max(earlier, key=lambda p: (p.meeting, p.made), default=None)


def scope(council: Council, meeting: date, since: date | None) -> ConfidentialScope:
    if since is not None:
        return ConfidentialScope(since, f"closed on or after {show(since)}")
    last = previous_pack(council, meeting)
    if last is not None:
        return ConfidentialScope(
            last.meeting, f"closed since the last meeting's pack ({show(last.meeting)})"
        )
    start = add_years(meeting, -1)
    return ConfidentialScope(
        start,
        f"closed in the year before this meeting (no earlier pack is recorded; from {show(start)})",
    )


def chosen_cases(data: CouncilData, meeting: date, since: date | None) -> list[Case]:
    out = []
    for case in data.cases:
        if case.procedure not in FULL_COUNCIL or case.received > meeting:
            continue
        closed = case.closed_on
        still_open = case.status.is_open or (closed is not None and closed > meeting)
        if still_open or (closed is not None and (since is None or closed >= since)):
            out.append(case)
    out.sort(key=lambda c: (not c.status.is_open, c.received, c.reference))
    return out


def case_card(data: CouncilData, case: Case) -> CaseCard:
    council = data.council
    subject = data.subject_name(case)
    person = data.person(case.subject.person) if case.subject.person else None
    who = f"{subject} ({person.role.label})" if person else f"{subject} (not a member)"
    status = case.status.label
    if case.status.is_open:
        status += f": with {who_decides(case.procedure, case.status, council)}"
    rows = [
        ("Subject", who),
        ("Received", f"{show(case.received)}, reported by {case.reported_by or 'not recorded'}"),
        ("Status", status),
    ]
    if case.categories:
        rows.append(("Categories", "; ".join(category_label(c) for c in case.categories)))
    if case.platform or case.link:
        rows.append(("Where", " ".join(x for x in (case.platform, case.link) if x)))
    rows.append(("What happened", case.summary or "(not recorded)"))
    if case.next_action is not None and case.status.is_open:
        rows.append(("Next action", f"{case.next_action.what} by {show(case.next_action.due)}"))
    if case.outcome:
        rows.append(("Outcome", outcome_label(case)))
    if case.closed_on:
        rows.append(("Closed", show(case.closed_on)))
    events = data.case_events(case.reference)
    if events:
        lines = [
            " — ".join(
                x
                for x in (show(e.on), e.status.label if e.status else e.kind.capitalize(), e.text)
                if x
            )
            for e in events
        ]
        rows.append(("Timeline", "\n".join(lines)))
    held = [e for e in data.case_evidence(case.reference) if e.disposed is None]
    if held:
        rows.append(("Evidence", f"{len(held)} item(s) held; see the case file"))
    return CaseCard(case.reference, f"{subject}: {case.procedure.label}", rows)


def case_cards(data: CouncilData, meeting: date, since: date | None) -> list[CaseCard]:
    return [case_card(data, c) for c in chosen_cases(data, meeting, since)]
