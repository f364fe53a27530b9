"""What is due on a given day, derived from the records; each item points at its record."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from .case_due import CaseAgenda, CaseEntry, case_entries, shown, summarise
from .collector import held_off
from .dates import add_months, add_years, show
from .due_items import DueItem, DueKind, Ref, _item, _ref
from .records import (
    MEMBER_ROLES,
    CouncilData,
    Person,
    Policy,
    PolicyVersion,
    Reminder,
)

if TYPE_CHECKING:
    from collections.abc import Iterable


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
        if count == 0:
            owed = []
        elif len(owed) > count:
            last = heapq.nsmallest(count, (o.due for o in owed))[-1]
            owed = [o for o in owed if o.due <= last]
        overdue += sum(1 for i in items if i.overdue)
        total += len(items)
        items += [_ack_item(o, on) for o in owed]
        if isinstance(cases, CaseAgenda):
            head, late, more = cases.summary(on, horizon, count)
        else:
            if cases is None:
                cases = case_entries(data.cases, data.council, data.people)
            head, late, more = summarise(cases, on, horizon, count)
        items += [
            _item(kind, due, title, _ref("cases", ref), due < on) for ref, kind, due, title in head
        ]
        first = heapq.nsmallest(count, items, key=_order)  # = sorted(items, key)[:count]
        return DueSummary(first, overdue + late, total + more)


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
    for reference, kind, due, title in cases:
        if shown(kind, due, on, horizon):
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
