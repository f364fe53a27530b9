"""The staffing committee's report: disciplinary cases, confidential on every page.

Staff matters never go to full council: the council's confidential part says only that they are
reported here.  Each case comes with its timeline, any warning given, and the day that warning
stops being live; then the day the file may be disposed of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dates import show
from ..domain.procedures import retention, warning_live_until
from ..domain.records import Case, CouncilData, Procedure
from . import render
from .blocks import caption, gap, heading, note, table
from .cases import category_label, outcome_label
from .confidential import CaseCard
from .pack import case_card
from .styles import stylesheet
from .text import para

TITLE = "Staffing committee: disciplinary matters"


@dataclass(frozen=True)
class StaffingView:
    council: str
    on: date
    overview: list[list[str]]
    cards: list[CaseCard]
    chain_head: str = ""


def _live(case: Case, data: CouncilData, on: date) -> str:
    until = warning_live_until(case, data.council)
    if until is None:
        return "No warning" if case.outcome else "Not decided"
    return f"Live until {show(until)}" if until >= on else f"Lapsed on {show(until)}"


def staffing_view(data: CouncilData, on: date, chain_head: str = "") -> StaffingView:
    cases = [
        c
        for c in data.cases
        if c.procedure is Procedure.DISCIPLINARY and c.disposed_on is None and c.received <= on
    ]
    cases.sort(key=lambda c: (not c.status.is_open, c.received, c.reference))
    overview = []
    cards = []
    for case in cases:
        subject = data.subject_name(case)
        person = data.person(case.subject.person) if case.subject.person else None
        role = person.role.label if person else "not on the council's records"
        live = _live(case, data, on)
        overview.append(
            [
                f"{case.reference}\n{show(case.received)}",
                subject,
                case.status.label,
                outcome_label(case) or "",
                live,
            ]
        )
        until, why = retention(case, data.council, person)
        rows = [
            ("Member of staff", f"{subject} ({role})"),
            (
                "Received",
                f"{show(case.received)}, reported by {case.reported_by or 'not recorded'}",
            ),
            ("Status", case.status.label),
        ]
        if case.categories:
            rows.append(("Categories", "\n".join(category_label(c) for c in case.categories)))
        if case.platform or case.link:
            rows.append(("Where", " ".join(x for x in (case.platform, case.link) if x)))
        rows.append(("What happened", case.summary or "(not recorded)"))
        if case.next_action is not None and case.status.is_open:
            rows.append(("Next action", f"{case.next_action.what} by {show(case.next_action.due)}"))
        if case.outcome:
            rows.append(("Outcome", outcome_label(case)))
            if case.decided_on:
                rows.append(("Decided", show(case.decided_on)))
        rows.append(("Warning", live))
        events = data.case_events(case.reference)
        if events:
            lines = [
                " — ".join(
                    x
                    for x in (
                        show(e.on),
                        e.status.label if e.status else e.kind.capitalize(),
                        e.text,
                    )
                    if x
                )
                for e in events
            ]
            rows.append(("Timeline", "\n".join(lines)))
        rows.append(("Keep until", f"{show(until)} ({why})" if until else why))
        cards.append(CaseCard(case.reference, f"{subject}: {case.status.label}", rows))
    return StaffingView(data.council.name, on, overview, cards, chain_head)


def staffing_flowables(v: StaffingView) -> list:
    s = stylesheet()
    width = render.content_width()
    out = [
        para(TITLE, s.title),
        para(f"As at {show(v.on)}", s.subtitle),
        para(
            "CONFIDENTIAL — for the staffing committee only. Not for full council, and not "
            "for publication.",
            s.marking,
        ),
        gap(3),
    ]
    if not v.cards:
        return out + [note("No disciplinary case is held.")]
    n = len(v.cards)
    out += caption(
        f"{n} disciplinary case{'s' if n != 1 else ''} held; open cases first. A first "
        "written warning is live for the council's set period from the decision (a final "
        "warning for longer); once lapsed it is disregarded."
    )
    out.append(
        table(
            [
                ("Case", 1.2),
                ("Member of staff", 1.45),
                ("Status", 1.3),
                ("Outcome", 1.45),
                ("Warning", 1.5),
            ],
            v.overview,
            width,
        )
    )
    out += heading("The cases")
    for card in v.cards:
        out += case_card(card, width)
    if v.chain_head:
        out.append(note(f"For the minutes: the council's audit log stood at {v.chain_head}."))
    return out


def staffing_report(
    data: CouncilData, *, generated: date, on: date | None = None, chain_head: str = ""
) -> bytes:
    """The disciplinary cases for the staffing committee; confidential on every page."""
    with render.no_gc():
        view = staffing_view(data, on or generated, chain_head)
        return render.build(
            staffing_flowables(view),
            council=view.council,
            title=TITLE,
            generated=generated,
            confidential=True,
        )
