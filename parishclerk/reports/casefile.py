"""The case file: one case, its timeline and its evidence with SHA-256 hashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm

from ..domain.dates import show
from ..domain.procedures import explain_procedure, retention
from ..domain.records import CouncilData
from . import render
from .blocks import KEEP_ROOM, Anchor, body, facts, gap, heading, note, table
from .cases import category_label, outcome_label
from .errors import ReportError
from .styles import stylesheet
from .text import para


@dataclass(frozen=True)
class EventLine:
    on: str
    kind: str
    status: str
    text: str


@dataclass(frozen=True)
class EvidenceLine:
    number: str
    captured: str
    by: str
    kind: str
    name: str
    description: str
    sha256: str
    state: str


@dataclass(frozen=True)
class CaseFileView:
    council: str
    reference: str
    details: list[tuple[str, str]]
    summary: str
    handled_by: str
    events: list[EventLine]
    evidence: list[EvidenceLine]


def _find(data: CouncilData, reference: str):
    wanted = reference.strip().casefold()
    case = next((c for c in data.cases if c.reference.casefold() == wanted), None)
    if case is None:
        raise ReportError(f"no case with the reference {reference.strip()!r}")
    return case


def case_file_view(data: CouncilData, reference: str) -> CaseFileView:
    case = _find(data, reference)
    subject = data.person(case.subject.person) if case.subject.person else None
    who = data.subject_name(case)
    if subject is not None:
        who += f" ({subject.role.label})"
    elif case.subject.name:
        who += " (not one of the council's people)"
    until, why = retention(case, data.council, subject)
    if case.retain_until is not None:
        until = case.retain_until
    procedure = case.procedure.label
    if case.procedure_reason:
        procedure += f" ({case.procedure_reason})"
    details = [
        ("Reference", case.reference),
        ("Received", show(case.received)),
        ("Reported by", case.reported_by),
        ("Subject", who),
        ("Procedure", procedure),
        ("Platform", case.platform),
        ("Link", case.link),
        ("Categories", "\n".join(category_label(c) for c in case.categories) or "None recorded"),
        ("Status", case.status.label),
    ]
    if case.next_action is not None and case.status.is_open:
        details.append(("Next action", f"{case.next_action.what} by {show(case.next_action.due)}"))
    if case.outcome:
        details.append(("Outcome", outcome_label(case)))
    for label, day in (("Decided", case.decided_on), ("Closed", case.closed_on)):
        if day is not None:
            details.append((label, show(day)))
    details.append(("Keep until", f"{show(until)} ({why})" if until else why))
    if case.disposed_on is not None:
        details.append(("Disposed of", show(case.disposed_on)))
    events = [
        EventLine(show(e.on), e.kind.capitalize(), e.status.label if e.status else "", e.text)
        for e in data.case_events(case.reference)
    ]
    evidence = [
        EvidenceLine(
            str(e.seq),
            show(e.captured),
            e.by,
            e.kind,
            e.name,
            e.description,
            e.sha256,
            f"Disposed of {show(e.disposed)}" if e.disposed else "Held",
        )
        for e in data.case_evidence(case.reference)
    ]
    return CaseFileView(
        data.council.name,
        case.reference,
        details,
        case.summary,
        explain_procedure(case.procedure, data.council),
        events,
        evidence,
    )


def case_file_flowables(v: CaseFileView) -> list:
    s = stylesheet()
    width = render.content_width()
    out = [
        Anchor(f"Case file {v.reference}", 0, in_contents=False),
        para(f"Case file {v.reference}", s.title),
        facts(v.details, width),
        *heading("What happened"),
    ]
    out.append(para(v.summary, s.body) if v.summary.strip() else note("Not recorded."))
    out += [*heading("How it is handled"), body(v.handled_by), *heading("Timeline")]
    if v.events:
        out.append(
            table(
                [("Date", 1.2), ("Event", 1.0), ("Status", 1.2), ("Details", 3.6)],
                [[e.on, e.kind, e.status, e.text] for e in v.events],
                width,
            )
        )
    else:
        out.append(note("No events recorded."))
    out += heading("Evidence", room=KEEP_ROOM + 25 * mm)
    if v.evidence:
        out.append(
            body(
                "Each item's SHA-256 hash is printed beneath it: the hash of a stored "
                "copy must match, or the copy has changed."
            )
        )
        out.append(
            table(
                [
                    ("Captured", 1.45),  # room for a date on one line
                    ("By", 1.3),
                    ("Kind", 1.2),
                    ("File", 1.55),
                    ("Description", 2.1),
                    ("Held", 1.1),
                ],
                [[e.captured, e.by, e.kind, e.name, e.description, e.state] for e in v.evidence],
                width,
                notes=[f"SHA-256: {e.sha256}" for e in v.evidence],
                mono_notes=True,
            )
        )
    else:
        out.append(note("No evidence recorded."))
    return out + [gap(4)]


def case_file(data: CouncilData, reference: str, *, generated: date) -> bytes:
    """One case in full; confidential on every page.  ReportError if the reference is unknown."""
    with render.no_gc():
        view = case_file_view(data, reference)
        return render.build(
            case_file_flowables(view),
            council=view.council,
            title=f"Case file {view.reference}",
            generated=generated,
            confidential=True,
        )
