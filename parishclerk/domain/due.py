"""What is due on a given day, derived from the records; each item points at its record."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import islice
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .collector import held_off
from .dates import add_months, add_years, show
from .procedures import retention, warning_live_until
from .records import (
    MEMBER_ROLES,
    Case,
    Council,
    CouncilData,
    Person,
    Policy,
    PolicyVersion,
    Procedure,
    Reminder,
    Status,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


class DueKind(StrEnum):
    POLICY_REVIEW = "policy_review"
    ACKNOWLEDGEMENT = "acknowledgement"
    INTERESTS = "interests"
    CASE_ACTION = "case_action"
    WARNING_EXPIRES = "warning_expires"
    RETENTION = "retention"
    ACCOUNT_QUIET = "account_quiet"
    ACCESS_REVIEW = "access_review"
    REMINDER = "reminder"

    @property
    def label(self) -> str:
        return DUE_LABELS[self]


DUE_LABELS = {
    DueKind.POLICY_REVIEW: "Policy review",
    DueKind.ACKNOWLEDGEMENT: "Acknowledgement",
    DueKind.INTERESTS: "Register of interests",
    DueKind.CASE_ACTION: "Case action",
    DueKind.WARNING_EXPIRES: "Warning expires",
    DueKind.RETENTION: "Retention review",
    DueKind.ACCOUNT_QUIET: "Quiet account",
    DueKind.ACCESS_REVIEW: "Access review",
    DueKind.REMINDER: "Reminder",
}
CASE_KINDS = frozenset({DueKind.CASE_ACTION, DueKind.WARNING_EXPIRES, DueKind.RETENTION})


@dataclass(frozen=True)
class Ref:
    """The record an item points at: ``table`` is people, policies, versions, cases,
    accounts or reminders; ``id`` its identifier (a case's reference)."""

    table: str
    id: str


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    due: date
    title: str
    ref: Ref
    overdue: bool
    person: str | None = None  # the person concerned, for acknowledgement and interests items

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else "due soon"

    @property
    def confidential(self) -> bool:
        """Items about a case: kept out of the public pack."""
        return self.kind in CASE_KINDS


@dataclass
class Outstanding:
    """One person who owes an acknowledgement of a policy, and from when."""

    person: Person
    policy: Policy
    version: PolicyVersion
    due: date
    reason: str


def current_version(
    data: CouncilData, policy_id: str, on: date | None = None
) -> PolicyVersion | None:
    versions = [v for v in data.versions_of(policy_id) if on is None or v.adopted <= on]
    return versions[-1] if versions else None


def review_due(policy: Policy, version: PolicyVersion) -> date:
    return version.next_review or add_months(version.adopted, policy.review_months)


def binding_version(data: CouncilData, policy_id: str, on: date) -> PolicyVersion | None:
    """The earliest version a person must have acknowledged to be up to date: the newest version
    that needed fresh acknowledgement (a trivial correction does not)."""
    return _in_force(data.versions_of(policy_id), on)[1]


_adopted = attrgetter("adopted")


def _versions_by_policy(data: CouncilData) -> dict[str, list[PolicyVersion]]:
    """Each policy's versions by adoption date (in stored order on the same day), as
    ``data.versions_of`` gives them, made in one pass over the versions."""
    groups: dict[str, list[PolicyVersion]] = {}
    for version in data.versions:
        groups.setdefault(version.policy, []).append(version)
    for versions in groups.values():
        versions.sort(key=_adopted)
    return groups


def _in_force(
    versions: list[PolicyVersion], on: date
) -> tuple[PolicyVersion | None, PolicyVersion | None]:
    """``(current_version, binding_version)`` on ``on`` of a policy's ``versions`` (by
    adoption date)."""
    adopted = [v for v in versions if v.adopted <= on]
    if not adopted:
        return None, None
    for v in reversed(adopted):
        if v.reacknowledge:
            return adopted[-1], v
    return adopted[-1], adopted[0]


def outstanding_acknowledgements(
    data: CouncilData, on: date, window: int | None = None
) -> list[Outstanding]:
    """Everyone bound by a policy whose acknowledgement of it is missing or lapsed; a yearly
    re-acknowledgement counts once it falls within ``window`` days (the council's default).

    In one pass over the acknowledgements and one over the people a policy: a council of
    thousands of people and acknowledgements is counted in a few milliseconds."""
    with held_off():
        return _outstanding(data, on, window)


def _outstanding(data: CouncilData, on: date, window: int | None) -> list[Outstanding]:
    days = data.council.due_soon_days if window is None else window
    grace = timedelta(days=data.council.acknowledge_within_days)
    soon = on + timedelta(days=days)
    version_of = {v.id: v for v in data.versions}
    # per (person, policy): the newest version acknowledged, by adoption date, and the latest
    # day it was acknowledged on
    by_person: dict[tuple[str, str], tuple[date, date]] = {}
    for ack in data.acknowledgements:
        version = version_of.get(ack.version)
        acked = ack.on
        if version is None or acked > on:
            continue
        key = (ack.person, version.policy)
        adopted = version.adopted
        prev = by_person.get(key)
        if prev is None or adopted > prev[0] or (adopted == prev[0] and acked > prev[1]):
            by_person[key] = (adopted, acked)
    active = [p for p in data.people if p.joined <= on and (p.left is None or p.left >= on)]
    versions = _versions_by_policy(data)
    joined_shown: dict[date, str] = {}
    out: list[Outstanding] = []
    append = out.append
    for policy in data.policies:
        latest, need = _in_force(versions.get(policy.id, []), on)
        if need is None or latest is None:
            continue
        binds = set(policy.binds)
        pid = policy.id
        needed = need.adopted
        # owed from the later of joining and the adoption of the version that needs
        # acknowledging; a correction adopted since (not needing it) does not move the date,
        # but the item names it, since its text is the one to acknowledge now
        since = (
            f"; {latest.label}, a correction, since {show(latest.adopted)}"
            if latest.id != need.id
            else ""
        )
        adopted_reason = f"version {need.label} adopted {show(needed)}{since}"
        yearly = policy.reacknowledge_yearly
        for person in active:
            if person.role not in binds:
                continue
            got = by_person.get((person.id, pid))
            if got is None or got[0] < needed:
                joined = person.joined
                if joined > needed:
                    shown = joined_shown.get(joined)
                    if shown is None:
                        shown = joined_shown[joined] = show(joined)
                    append(
                        Outstanding(
                            person, policy, latest, joined + grace, f"joined {shown}{since}"
                        )
                    )
                else:
                    append(Outstanding(person, policy, latest, needed + grace, adopted_reason))
            elif yearly:
                again = add_years(got[1], 1)
                if again <= soon:
                    append(
                        Outstanding(
                            person, policy, latest, again, f"yearly, last on {show(got[1])}"
                        )
                    )
    return out


def next_occurrence(reminder: Reminder, after: date | None = None) -> date | None:
    """The reminder's due date, or its next occurrence strictly after ``after``."""
    if after is None:
        return reminder.due
    if not reminder.rule:
        return None
    from dateutil.rrule import rrulestr  # here: dateutil's rrule is 3-5 ms of a start otherwise

    rule = rrulestr(reminder.rule, dtstart=datetime.combine(reminder.due, datetime.min.time()))
    nxt = rule.after(datetime.combine(after, datetime.min.time()), inc=False)
    return nxt.date() if nxt else None


def check_rule(rule: str, start: date) -> str:
    """Validate a recurrence rule (RFC 5545 RRULE); returns it normalised or raises ValueError."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    from dateutil.rrule import rrulestr

    try:
        parsed = rrulestr(text, dtstart=datetime.combine(start, datetime.min.time()))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{rule!r} is not a recurrence rule: {exc}") from None
    if any(f"FREQ={f}" in text.upper() for f in ("SECONDLY", "MINUTELY", "HOURLY")):
        raise ValueError(f"{rule!r} repeats within a day; a reminder repeats daily at most")
    if parsed.after(datetime.combine(start, datetime.min.time()), inc=False) is None:
        raise ValueError(f"{rule!r} never comes round after {start:%d/%m/%Y}")
    return text.upper()


def is_member(person: Person) -> bool:
    return person.role in MEMBER_ROLES


_new = object.__new__


def _item(
    kind: DueKind, due: date, title: str, ref: Ref, overdue: bool, person: str | None = None
) -> DueItem:
    """``DueItem(...)`` without the frozen dataclass's ``object.__setattr__`` per field: a
    council of 10,000 cases makes as many items, and that was a third of computing them."""
    item: DueItem = _new(DueItem)
    item.__dict__.update(kind=kind, due=due, title=title, ref=ref, overdue=overdue, person=person)
    return item


def _ack_item(owed: Outstanding, on: date) -> DueItem:
    version, person = owed.version, owed.person
    return _item(
        DueKind.ACKNOWLEDGEMENT,
        owed.due,
        # what tells the rows apart first: one person owes several policies
        f"{owed.policy.title} {version.label}: {person.name} to acknowledge ({owed.reason})",
        _ref("versions", version.id),
        owed.due < on,
        person.id,
    )


def _ref(table: str, key: str) -> Ref:
    """``Ref(table, key)`` without the frozen dataclass's ``object.__setattr__`` per field."""
    ref: Ref = _new(Ref)
    ref.__dict__.update(table=table, id=key)
    return ref


_order = attrgetter("due", "kind", "title")  # DueKind is a str: compares by its value


def compute_due(
    data: CouncilData,
    on: date,
    window: int | None = None,
    outstanding: list[Outstanding] | None = None,
) -> list[DueItem]:
    """Everything overdue on ``on`` or due within ``window`` days (the council's default);
    ``outstanding``: ``outstanding_acknowledgements(data, on, window)`` when the caller has it.

    One pass over each kind of record, each item made without the frozen dataclass's
    per-field checks, the garbage collector held off while they are made."""
    with held_off():
        items = _compute_due(data, on, window, outstanding)
        items.sort(key=_order)
        return items


class DueSummary(NamedTuple):
    """The head of what is due, and how much there is: what the Dashboard shows."""

    first: list[DueItem]
    """The first items of ``compute_due``, in its order."""
    overdue: int
    total: int


def first_due(
    data: CouncilData,
    on: date,
    count: int,
    outstanding: list[Outstanding] | None = None,
    cases: Iterable[CaseEntry] | CaseAgenda | None = None,
) -> DueSummary:
    """The first ``count`` items ``compute_due`` would list, in its order, with how many it
    lists in all and how many of them are overdue, without sorting them all: 10,000 open
    cases are 10,000 items, of which the Dashboard shows 100 (sorting was 20 ms of 50).

    ``cases``: ``case_entries(data.cases, ...)``, or their ``CaseAgenda`` (the store keeps
    one beside its snapshot), when the caller has them; an item is made only for a case among
    the first ``count``."""
    with held_off():
        horizon = on + timedelta(days=data.council.due_soon_days)
        if outstanding is None:
            outstanding = _outstanding(data, on, None)
        items = _compute_due(data, on, None, [], ())  # all but acknowledgements and cases
        # An item is made only for an acknowledgement that can be among the first ``count``:
        # one due no later than the ``count``-th earliest (10,000 cases: 4,567 owed).
        owed = [o for o in outstanding if o.due <= horizon]
        overdue = sum(1 for o in owed if o.due < on)
        total = len(owed)
        if len(owed) > count:
            last = heapq.nsmallest(count, (o.due for o in owed))[-1] if count else None
            owed = [o for o in owed if last is not None and o.due <= last]
        overdue += sum(1 for i in items if i.overdue)
        total += len(items)
        items += [_ack_item(o, on) for o in owed]
        if isinstance(cases, CaseAgenda):
            head, late, more = cases.summary(on, horizon, count)
        else:
            if cases is None:
                cases = case_entries(data.cases, data.council, data.people)
            warning = DueKind.WARNING_EXPIRES
            rows = [
                (due, kind, title, ref)
                for ref, kind, due, title in cases
                if due <= horizon and (kind is not warning or due >= on)
            ]
            late, more = sum(1 for r in rows if r[0] < on), len(rows)
            # a case's title begins with its reference: no two rows are equal up to ``ref``
            head = [(r, k, d, t) for d, k, t, r in heapq.nsmallest(count, rows)]
        items += [
            _item(kind, due, title, _ref("cases", ref), due < on) for ref, kind, due, title in head
        ]
        first = heapq.nsmallest(count, items, key=_order)  # = sorted(items, key)[:count]
        return DueSummary(first, overdue + late, total + more)


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
        """The agenda of ``cases`` (their ``case_entries`` and open states)."""
        cases = list(cases)
        states = {
            c.reference: [c.procedure.value, c.status.value] for c in cases if c.status.is_open
        }
        return cls.of_entries(case_entries(cases, council, people), states)

    @classmethod
    def of_entries(cls, entries: Iterable[CaseEntry], states: dict[str, list[str]]) -> CaseAgenda:
        dated: list[AgendaRow] = []
        warnings: list[AgendaRow] = []
        warning = DueKind.WARNING_EXPIRES
        for ref, kind, due, title in entries:
            row = [due.isoformat(), kind.value, title, ref]
            (warnings if kind is warning else dated).append(row)
        dated.sort()
        warnings.sort()
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


def _compute_due(
    data: CouncilData,
    on: date,
    window: int | None,
    outstanding: list[Outstanding] | None,
    cases: Iterable[CaseEntry] | None = None,
) -> list[DueItem]:
    """What is due, in no particular order."""
    days = data.council.due_soon_days if window is None else window
    horizon = on + timedelta(days=days)
    items: list[DueItem] = []
    append = items.append

    def add(kind: DueKind, due: date, title: str, ref: Ref, person: str | None = None) -> None:
        if due <= horizon:
            append(_item(kind, due, title, ref, due < on, person))

    versions = _versions_by_policy(data)
    for policy in data.policies:
        version, _ = _in_force(versions.get(policy.id, []), on)
        if version is not None:
            add(
                DueKind.POLICY_REVIEW,
                review_due(policy, version),
                f"Review {policy.title} (version {version.label})",
                _ref("policies", policy.id),
            )
    if outstanding is None:
        outstanding = _outstanding(data, on, days)
    items += [_ack_item(o, on) for o in outstanding if o.due <= horizon]
    year_ago = add_years(on, -1)
    for person in data.people:
        if (
            person.is_member
            and person.interests_registered is None
            and person.active_on(on)
            and person.joined > year_ago
        ):
            add(
                DueKind.INTERESTS,
                person.joined + timedelta(days=28),
                f"{person.name} to register interests (joined {show(person.joined)})",
                _ref("people", person.id),
                person.id,
            )
    if cases is None:
        cases = case_entries(data.cases, data.council, data.people)
    warning = DueKind.WARNING_EXPIRES
    for reference, kind, due, title in cases:
        if due <= horizon and (kind is not warning or due >= on):
            append(_item(kind, due, title, _ref("cases", reference), due < on))
    for acct in data.accounts:
        account = _ref("accounts", acct.id)
        if acct.last_post is not None and add_months(acct.last_post, 1) < on:
            add(
                DueKind.ACCOUNT_QUIET,
                add_months(acct.last_post, 1),
                f"{acct.platform} {acct.handle} quiet since {show(acct.last_post)}",
                account,
            )
        if acct.access_review is not None:
            add(
                DueKind.ACCESS_REVIEW,
                acct.access_review,
                f"Review who can post as {acct.platform} {acct.handle}",
                account,
            )
    for rem in data.reminders:
        if not rem.done:
            add(DueKind.REMINDER, rem.due, rem.title, _ref("reminders", rem.id))
    return items
