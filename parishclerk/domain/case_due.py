"""What the cases make due, whatever the day, and the agenda the store keeps of it: the
Dashboard's due list and open cases on a large council without reading a case (see
``store/due_index.py``)."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING

from .due_items import DueKind
from .procedures import retention, warning_live_until
from .records import Case, Council, Person, Procedure, Status

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

CaseEntry = tuple[str, DueKind, date, str]
"""What a case makes due, whatever the day: its reference, the kind, the date and the title."""

CASE_RULES = 1
"""The version of ``case_entries``: the store keeps its entries beside the snapshot and uses
them only when they were made by the same version.  Change it whenever what ``case_entries``
gives changes (``tests/domain/test_case_entries.py`` holds a digest of the code it runs, so a
change of the code without a change of this number fails)."""


AgendaRow = list[str]
"""``[date (YYYY-MM-DD), kind, title, reference]``: rows sort as their items do."""
_KINDS = {kind.value: kind for kind in DueKind}
_first = itemgetter(0)


class CaseAgenda:
    """What the cases make due, whatever the day, as plain rows sorted as the due list sorts,
    and the procedure and state of each open case: all the Dashboard shows of the cases.  The
    store keeps it beside the snapshot; a day's head and counts are read from it by bisection,
    an entry made only for a row the head shows (10,000 cases: 9,840 rows, of which the
    Dashboard shows 100).  ``dated``: next actions and retention reviews, due until done;
    ``warnings``: the ends of live warnings, shown only from their day on; ``states``: each
    open case's ``[procedure, status]``, by reference."""

    def __init__(
        self, dated: list[AgendaRow], warnings: list[AgendaRow], states: dict[str, list[str]]
    ) -> None:
        self.dated = dated
        self.warnings = warnings
        self.states = states

    @classmethod
    def of(cls, cases: Iterable[Case], council: Council, people: Iterable[Person]) -> CaseAgenda:
        """The agenda of ``cases``: their ``case_entries``, sorted, and their open states."""
        cases = list(cases)
        dated: list[AgendaRow] = []
        warnings: list[AgendaRow] = []
        warning = DueKind.WARNING_EXPIRES
        for ref, kind, due, title in case_entries(cases, council, people):
            row = [due.isoformat(), kind.value, title, ref]
            (warnings if kind is warning else dated).append(row)
        dated.sort()
        warnings.sort()
        states = {
            c.reference: [c.procedure.value, c.status.value] for c in cases if c.status.is_open
        }
        return cls(dated, warnings, states)

    def changed(
        self, refs: set[str], cases: list[Case], council: Council, people: Iterable[Person]
    ) -> CaseAgenda:
        """The agenda with the cases ``refs`` as ``cases`` now hold them (a case of ``refs``
        not among ``cases`` is gone)."""
        new = CaseAgenda.of(cases, council, people)
        dated, warnings = (
            list(heapq.merge([r for r in old if r[3] not in refs], extra))
            for old, extra in ((self.dated, new.dated), (self.warnings, new.warnings))
        )
        states = {ref: state for ref, state in self.states.items() if ref not in refs}
        states.update(new.states)
        return CaseAgenda(dated, warnings, states)

    def entries(self) -> list[CaseEntry]:
        return [_entry(row) for row in (*self.dated, *self.warnings)]

    def open_counts(self) -> Counter[tuple[Procedure, Status]]:
        """How many open cases there are of each procedure and state."""
        counts = Counter(map(tuple, self.states.values()))
        return Counter({(Procedure(p), Status(s)): n for (p, s), n in counts.items()})

    def summary(self, on: date, horizon: date, count: int) -> tuple[list[CaseEntry], int, int]:
        """The first ``count`` entries due on ``on`` (within ``horizon``), in the due list's
        order, with how many are overdue and how many due in all."""
        day, last = on.isoformat(), horizon.isoformat()
        dated, warnings = self.dated, self.warnings
        end = bisect_right(dated, last, key=_first)
        overdue = min(bisect_left(dated, day, key=_first), end)
        start = bisect_left(warnings, day, key=_first)
        live = warnings[start : bisect_right(warnings, last, key=_first)]
        head = islice(heapq.merge(dated[: min(count, end)], live[:count]), count)
        return [_entry(row) for row in head], overdue, end + len(live)


def summarise(
    entries: Iterable[CaseEntry], on: date, horizon: date, count: int
) -> tuple[list[CaseEntry], int, int]:
    """``CaseAgenda.summary`` of ``entries`` not yet sorted: the first ``count`` due on ``on``
    (within ``horizon``) in the due list's order, how many are overdue, how many due."""
    rows = [
        (due, kind, title, ref)
        for ref, kind, due, title in entries
        if shown(kind, due, on, horizon)
    ]
    # a case's title begins with its reference: no two rows are equal up to ``ref``
    head = [(r, k, d, t) for d, k, t, r in heapq.nsmallest(count, rows)]
    return head, sum(1 for r in rows if r[0] < on), len(rows)


def shown(kind: DueKind, due: date, on: date, horizon: date) -> bool:
    """Whether a case's entry is due on ``on``: by ``horizon``, and a warning's end only from
    its day (``CaseAgenda.summary`` keeps warnings apart to bisect the same rule)."""
    return due <= horizon and (kind is not DueKind.WARNING_EXPIRES or due >= on)


def open_counts(cases: Iterable[Case]) -> Counter[tuple[Procedure, Status]]:
    """How many open cases there are of each procedure and state (``CaseAgenda.open_counts``
    from the cases themselves)."""
    return Counter((c.procedure, c.status) for c in cases if c.status.is_open)


def _entry(row: AgendaRow) -> CaseEntry:
    due, kind, title, ref = row
    return ref, _KINDS[kind], date.fromisoformat(due), title


def case_inputs(council: Council, people: Iterable[Person]) -> list[object]:
    """All ``case_entries`` reads besides the cases: entries kept from an earlier day are
    still theirs while these are the same (a change to a person's name or a council's address
    does not change them)."""
    return [
        CASE_RULES,
        council.disciplinary_retention_years,
        council.code_of_conduct_retention_years,
        council.moderation_retention_years,
        council.warning_live_months,
        council.final_warning_live_months,
        sorted((p.id, p.left.isoformat()) for p in people if p.left is not None),
    ]


def case_entries(
    cases: Iterable[Case], council: Council, people: Iterable[Person]
) -> Iterator[CaseEntry]:
    """What each case makes due, on any day (``_compute_due`` keeps those of a day): the next
    action of an open case, the retention review of a closed one not yet disposed of, and the
    end of a live disciplinary warning."""
    by_id: dict[str, Person] | None = None  # made when a case first needs its subject
    closed, withdrawn, disciplinary = Status.CLOSED, Status.WITHDRAWN, Procedure.DISCIPLINARY
    action_kind, retention_kind = DueKind.CASE_ACTION, DueKind.RETENTION
    warning_kind = DueKind.WARNING_EXPIRES
    for case in cases:
        status = case.status
        reference = case.reference
        if status is not closed and status is not withdrawn:
            action = case.next_action
            if action is not None:
                yield reference, action_kind, action.due, f"{reference}: {action.what}"
        elif case.disposed_on is None:
            until = case.retain_until
            if until is None:
                if by_id is None:
                    by_id = {p.id: p for p in people}
                until, _ = retention(case, council, by_id.get(case.subject.person or ""))
            if until is not None:
                yield (
                    reference,
                    retention_kind,
                    until,
                    f"{reference}: case file past retention, review for disposal",
                )
        if case.decided_on is not None and case.procedure is disciplinary:
            live = warning_live_until(case, council)
            if live is not None:
                yield reference, warning_kind, live, f"{reference}: warning stops being live"
