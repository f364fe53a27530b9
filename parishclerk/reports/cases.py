"""The list of cases: one view model shared by the breach log and the confidential pack."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..domain.categories import DEFAULT_CATEGORIES
from ..domain.dates import show
from ..domain.procedures import OUTCOMES
from ..domain.records import Case, CouncilData
from . import render
from .blocks import body, gap, heading, note
from .styles import stylesheet
from .table import Column, Grid, Row
from .text import para


@dataclass(frozen=True)
class CaseLine:
    """One case as the lists print it: every value already text."""

    reference: str
    received: date
    subject: str
    reported_by: str
    procedure: str
    status: str
    open: bool
    categories: str
    action: str
    summary: str
    platform: str
    link: str


def category_label(key: str) -> str:
    return DEFAULT_CATEGORIES.get(key, key)


def outcome_label(case: Case) -> str:
    if not case.outcome:
        return ""
    return OUTCOMES.get(case.procedure, {}).get(case.outcome, case.outcome)


def case_line(data: CouncilData, case: Case) -> CaseLine:
    parts = []
    if case.outcome:
        parts.append(f"Outcome: {outcome_label(case)}")
    if case.next_action is not None and case.status.is_open:
        parts.append(f"Next: {case.next_action.what} by {show(case.next_action.due)}")
    return CaseLine(
        reference=case.reference,
        received=case.received,
        subject=data.subject_name(case),
        reported_by=case.reported_by,
        procedure=case.procedure.label,
        status=case.status.label,
        open=case.status.is_open,
        categories="; ".join(category_label(c) for c in case.categories),
        action="\n".join(parts),
        summary=case.summary,
        platform=case.platform,
        link=case.link,
    )


def case_lines(data: CouncilData, cases: Iterable[Case]) -> list[CaseLine]:
    return [case_line(data, c) for c in sorted(cases, key=lambda c: (c.received, c.reference))]


CASE_COLUMNS = (
    Column("Reference and date received", 1.6),
    Column("Subject and procedure", 1.8),
    Column("Status", 1.4),
    Column("Categories", 2.1),
    Column("Outcome or next action", 2.1),
)


def case_grid(lines: list[CaseLine], width: float) -> Grid:
    """Every case, with who reported it and what happened across the full width beneath."""
    rows = []
    for ln in lines:
        text = f"Reported by {ln.reported_by or '(not recorded)'}."
        text += f" What happened: {ln.summary}" if ln.summary else " What happened: (not recorded)"
        extra = []
        if ln.platform:
            extra.append(f"Platform: {ln.platform}")
        if ln.link:
            extra.append(f"Link: {ln.link}")
        if extra:
            text += "\n" + " — ".join(extra)
        rows.append(
            Row(
                [
                    f"{ln.reference}\n{show(ln.received)}",
                    f"{ln.subject}\n{ln.procedure}",
                    ln.status,
                    ln.categories,
                    ln.action,
                ],
                note=text,
            )
        )
    return Grid(CASE_COLUMNS, rows, width)


@dataclass(frozen=True)
class BreachLogView:
    council: str
    start: date | None
    end: date | None
    lines: list[CaseLine]

    @property
    def period(self) -> str:
        if self.start and self.end:
            return f"Cases received from {show(self.start)} to {show(self.end)}"
        if self.start:
            return f"Cases received on or after {show(self.start)}"
        if self.end:
            return f"Cases received up to {show(self.end)}"
        return "All cases held"


def breach_log_view(data: CouncilData, start: date | None, end: date | None) -> BreachLogView:
    chosen = [
        c
        for c in data.cases
        if (start is None or c.received >= start) and (end is None or c.received <= end)
    ]
    return BreachLogView(data.council.name, start, end, case_lines(data, chosen))


def breach_log_flowables(view: BreachLogView) -> list:
    s = stylesheet()
    width = render.content_width(wide=True)
    out = [para("Breach log", s.title), para(view.period, s.subtitle)]
    if not view.lines:
        out.append(note("No cases were received in this period."))
        return out
    still_open = sum(1 for ln in view.lines if ln.open)
    n = len(view.lines)
    out.append(
        body(
            f"{n} case{'s' if n != 1 else ''}, {still_open} still open. "
            "Oldest first; what happened is printed beneath each case."
        )
    )
    out += [gap(2), case_grid(view.lines, width)]
    return out


def breach_log(
    data: CouncilData, *, start: date | None = None, end: date | None = None, generated: date
) -> bytes:
    """Every case received in the range, for the Chair; confidential on every page."""
    from .errors import ReportError

    if start and end and start > end:
        raise ReportError(f"the breach log cannot run from {show(start)} back to {show(end)}")
    with render.no_gc():
        view = breach_log_view(data, start, end)
        return render.build(
            breach_log_flowables(view),
            council=view.council,
            title="Breach log",
            generated=generated,
            confidential=True,
            wide=True,
        )


def cases_section(lines: list[CaseLine], width: float) -> list:
    """The confidential pack's list of cases."""
    out = [*heading("Breach cases in full")]
    if not lines:
        return out + [note("No breach cases are held.")]
    return out + [case_grid(lines, width)]
