"""The list of cases: one view model shared by the breach log and the confidential pack."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from ..domain.categories import DEFAULT_CATEGORIES
from ..domain.dates import show
from ..domain.procedures import OUTCOMES, STATES, retention
from ..domain.records import Case, Council, CouncilData, Person, Procedure
from . import render
from .blocks import body, caption, heading, note, table
from .styles import stylesheet
from .table import CELLS, COMPACT_CELLS, Column, Grid, Row
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
    keep_until: str = ""
    overdue: bool = False  # an open case whose next action's date has passed
    retention_due: bool = False  # a closed case whose keep-until date has come
    state: str = ""  # the status's key, for counting


def category_label(key: str) -> str:
    return DEFAULT_CATEGORIES.get(key, key)


def outcome_label(case: Case) -> str:
    if not case.outcome:
        return ""
    return OUTCOMES.get(case.procedure, {}).get(case.outcome, case.outcome)


def keep_until(case: Case, council: Council, subject: Person | None) -> tuple[date | None, str]:
    """The case's keep-until date (as fixed, or from its procedure's rule) and why."""
    until, why = retention(case, council, subject)
    if case.retain_until is not None:
        return case.retain_until, why if until == case.retain_until else "as recorded"
    return until, why


def case_line(
    data: CouncilData,
    case: Case,
    on: date | None = None,
    people: dict[str, Person] | None = None,
) -> CaseLine:
    """The case as text; ``on`` (the day the report is made) decides what is overdue."""
    parts = []
    if case.outcome:
        parts.append(f"Outcome: {outcome_label(case)}")
    is_open = case.status.is_open
    overdue = False
    if case.next_action is not None and is_open:
        parts.append(f"Next: {case.next_action.what} by {show(case.next_action.due)}")
        overdue = on is not None and case.next_action.due < on
    if people is None:
        subject = data.person(case.subject.person) if case.subject.person else None
    else:
        subject = people.get(case.subject.person or "")
    until, _why = keep_until(case, data.council, subject)
    if case.disposed_on is not None:
        kept = f"Disposed of {show(case.disposed_on)}"
    elif until is not None:
        kept = show(until)
    else:
        kept = "When closed" if case.procedure is not Procedure.DISCIPLINARY else "After leaving"
    retention_due = (
        on is not None
        and not is_open
        and case.disposed_on is None
        and until is not None
        and until <= on
    )
    if case.subject.person:
        name = subject.name if subject is not None else case.subject.person
    else:
        name = case.subject.name or ""
    return CaseLine(
        reference=case.reference,
        received=case.received,
        subject=name,
        reported_by=case.reported_by,
        procedure=case.procedure.label,
        status=case.status.label,
        open=is_open,
        categories="; ".join(category_label(c) for c in case.categories),
        action="\n".join(parts),
        summary=case.summary,
        platform=case.platform,
        link=case.link,
        keep_until=kept,
        overdue=overdue,
        retention_due=retention_due,
        state=case.status.value,
    )


def case_lines(data: CouncilData, cases: Iterable[Case], on: date | None = None) -> list[CaseLine]:
    """The cases oldest first (by date received, then reference)."""
    people = {p.id: p for p in data.people}
    return [
        case_line(data, c, on, people)
        for c in sorted(cases, key=lambda c: (c.received, c.reference))
    ]


CASE_COLUMNS = (
    Column("Reference and date received", 1.6),
    Column("Subject and procedure", 1.8),
    Column("Status", 1.4),
    Column("Categories", 2.1),
    Column("Outcome or next action", 2.1),
)
KEEP_COLUMN = Column("Keep until", 1.1)
# The breach log's, on landscape at 9 pt: the categories (up to three, some long) and the next
# action have the room to sit on two lines, not three or four.
LOG_COLUMNS = (
    Column("Reference and date received", 1.45),
    Column("Subject and procedure", 2.1),
    Column("Status", 1.5),
    Column("Categories", 3.2),
    Column("Outcome or next action", 2.6),
    Column("Keep until", 1.05),
)
OVERDUE = "Overdue"
REVIEW = "Review for disposal"


def case_note(ln: CaseLine, *, run_on: bool = False) -> str:
    """Who reported the case and what happened, then its platform and link: on a line of their
    own, or (``run_on``) straight after, which saves the breach log a line for most cases."""
    text = f"Reported by {ln.reported_by or '(not recorded)'}."
    text += f" What happened: {ln.summary}" if ln.summary else " What happened: (not recorded)"
    extra = []
    if ln.platform:
        extra.append(f"Platform: {ln.platform}")
    if ln.link:
        extra.append(f"Link: {ln.link}")
    if extra:
        text += (" — " if run_on else "\n") + " — ".join(extra)
    return text


def case_row(ln: CaseLine, *, keep: bool = False, log: bool = False) -> Row:
    """A case as a row of the list (``keep``: with its keep-until date; ``log``: as the
    breach log sets it)."""
    cells = [
        f"{ln.reference}\n{show(ln.received)}",
        f"{ln.subject}\n{ln.procedure}",
        ln.status,
        ln.categories,
        ln.action,
    ]
    flag = (4, OVERDUE) if ln.overdue else None
    if keep or log:
        cells.append(ln.keep_until)
        if ln.retention_due:
            flag = flag or (5, REVIEW)
    return Row(
        cells,
        note=case_note(ln, run_on=log),
        bookmark=f"{ln.reference} ({show(ln.received)})",
        link=ln.link or None,
        flag=flag,
        continued=f"{ln.reference} (continued)",
    )


class _CaseRows(Sequence[Row]):
    """The rows of a list of cases, each made when the table asks for it: the log's table
    never holds them all."""

    def __init__(self, lines: list[CaseLine], *, keep: bool, log: bool) -> None:
        self.lines, self.keep, self.log = lines, keep, log

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, i: int) -> Row: ...
    @overload
    def __getitem__(self, i: slice) -> list[Row]: ...
    def __getitem__(self, i: int | slice) -> Row | list[Row]:
        if isinstance(i, slice):
            return [case_row(ln, keep=self.keep, log=self.log) for ln in self.lines[i]]
        return case_row(self.lines[i], keep=self.keep, log=self.log)


def case_grid(
    lines: list[CaseLine], width: float, *, keep: bool = False, log: bool = False
) -> Grid:
    """Every case, with who reported it and what happened across the full width beneath.

    Each case is a bookmark; a case carried over a page break starts the next page with its
    reference "(continued)"; an overdue next action is flagged in bold; its link is clickable.
    ``keep`` adds the keep-until column (flagged when the case is due for retention review);
    ``log`` sets it as the breach log does (landscape, 9 pt, the keep-until column, each row
    made as the layout reaches it and let go once drawn: the log is laid out once).
    """
    if log:
        columns = list(LOG_COLUMNS)
    else:
        columns = [*CASE_COLUMNS, KEEP_COLUMN] if keep else list(CASE_COLUMNS)
    rows = _CaseRows(lines, keep=keep, log=log)
    return Grid(columns, rows, width, style=COMPACT_CELLS if log else CELLS, release=log)


@dataclass(frozen=True)
class StateCount:
    procedure: str
    state: str
    cases: int


@dataclass(frozen=True)
class BreachLogView:
    council: str
    start: date | None
    end: date | None
    lines: list[CaseLine]  # open cases first, then closed, each oldest first
    on: date | None = None
    open_only: bool = False

    @property
    def open_lines(self) -> list[CaseLine]:
        return [ln for ln in self.lines if ln.open]

    @property
    def closed_lines(self) -> list[CaseLine]:
        return [ln for ln in self.lines if not ln.open]

    @property
    def period(self) -> str:
        if self.start and self.end:
            got = f"received from {show(self.start)} to {show(self.end)}"
        elif self.start:
            got = f"received on or after {show(self.start)}"
        elif self.end:
            got = f"received up to {show(self.end)}"
        else:
            return "Open cases only" if self.open_only else "All cases held"
        if self.open_only:
            return f"Open cases {got}"
        return f"Cases {got}, and every case still open, whenever received"

    def by_state(self) -> list[StateCount]:
        """Open cases counted by procedure and state, in the procedures' own order."""
        counts: Counter[tuple[str, str]] = Counter(
            (ln.procedure, ln.state) for ln in self.lines if ln.open
        )
        out = []
        for procedure in Procedure:
            for status in STATES[procedure]:
                n = counts.get((procedure.label, status.value), 0)
                if n:
                    out.append(StateCount(procedure.label, status.label, n))
        return out


def breach_log_view(
    data: CouncilData,
    start: date | None,
    end: date | None,
    *,
    on: date | None = None,
    open_only: bool = False,
) -> BreachLogView:
    """The cases received in the range and every case still open (only open ones if asked)."""
    ranged = start is not None or end is not None

    def wanted(c: Case) -> bool:
        inside = (start is None or c.received >= start) and (end is None or c.received <= end)
        if open_only:
            return c.status.is_open and inside
        return inside or (ranged and c.status.is_open)

    chosen = case_lines(data, [c for c in data.cases if wanted(c)], on)
    lines = [ln for ln in chosen if ln.open] + [ln for ln in chosen if not ln.open]
    return BreachLogView(data.council.name, start, end, lines, on, open_only)


_LISTED = 12  # references listed in the summary before "and N more"


def _refs(lines: list[CaseLine]) -> str:
    refs = [ln.reference for ln in lines[:_LISTED]]
    more = len(lines) - len(refs)
    return ", ".join(refs) + (f" and {more:,} more" if more else "")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_flowables(view: BreachLogView, width: float) -> list:
    """Page 1: what needs attention (overdue actions, files due for retention review), then
    what is open, by procedure and state."""
    open_lines, closed_lines = view.open_lines, view.closed_lines
    overdue = [ln for ln in open_lines if ln.overdue]
    review = [ln for ln in closed_lines if ln.retention_due]
    out: list = [
        body(
            f"{_plural(len(view.lines), 'case')}: {len(open_lines):,} open, listed first, "
            f"then {len(closed_lines):,} closed; each group oldest first. What happened is "
            "printed beneath each case."
        )
    ]
    on = f" on {show(view.on)}" if view.on else ""
    attention = [
        [
            f"{OVERDUE}: next action past its date{on}",
            f"{len(overdue):,}",
            _refs(overdue) or "None",
        ],
        [
            f"Due for retention review (keep-until date reached{on})",
            f"{len(review):,}",
            _refs(review) or "None",
        ],
    ]
    out += [
        *caption("Needs attention (marked in the log below)"),
        table([("What", 2.3), ("Cases", 0.6), ("Which", 4.0)], attention, width),
    ]
    states = view.by_state()
    if states:
        rows = [[s.procedure, s.state, f"{s.cases:,}"] for s in states]
        rows.append(["All procedures", "Open", f"{len(open_lines):,}"])
        out += [
            *caption("Open cases by procedure and state"),
            table([("Procedure", 2.0), ("State", 2.0), ("Open cases", 1.0)], rows, width * 0.7),
        ]
    else:
        out.append(note("No case is open."))
    return out


def breach_log_flowables(view: BreachLogView) -> list:
    s = stylesheet()
    width = render.content_width(wide=True)
    out: list = [para("Breach log", s.title), para(view.period, s.subtitle)]
    if not view.lines:
        if view.open_only:
            return out + [note("No case is open.")]
        return out + [note("No cases were received in this period.")]
    out += summary_flowables(view, width)
    for label, lines in (("Open cases", view.open_lines), ("Closed cases", view.closed_lines)):
        if lines:
            grid = case_grid(lines, width, log=True)
            # the heading goes to the next page unless its first case fits beneath it
            room = min(grid.first_row_height() + 40, render.content_height(wide=True) * 0.6)
            out += [*heading(f"{label} ({len(lines):,})", room=room), grid]
    return out


def breach_log(
    data: CouncilData,
    *,
    start: date | None = None,
    end: date | None = None,
    open_only: bool = False,
    generated: date,
) -> bytes:
    """The breach log for the Chair, confidential on every page: the cases received in the
    range and every case still open (or only open cases), open first, overdue marked."""
    from .errors import ReportError

    if start and end and start > end:
        raise ReportError(f"the breach log cannot run from {show(start)} back to {show(end)}")
    with render.no_gc():
        view = breach_log_view(data, start, end, on=generated, open_only=open_only)
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
