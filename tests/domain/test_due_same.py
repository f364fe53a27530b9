"""The fast due rules give exactly what the rules gave before they were made fast (issue 11):
the same items in the same order, the same acknowledgements owed, on generated councils bent
to reach every branch (people who left or have not joined yet, corrections, future and dangling
acknowledgements, cases closed, disposed, decided with warnings), on many days and windows."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from parishclerk.domain.due import compute_due, outstanding_acknowledgements
from parishclerk.domain.records import (
    Acknowledgement,
    CouncilData,
    NextAction,
    PolicyVersion,
    Procedure,
    Role,
    Status,
    Subject,
)
from tests.domain import reference_due as old

TODAY = date(2026, 11, 23)


def bent(data: CouncilData, seed: int) -> CouncilData:
    """``data`` with the corners a generated council seldom reaches."""
    rng = random.Random(seed)
    day = lambda lo, hi: TODAY + timedelta(days=rng.randint(lo, hi))  # noqa: E731
    for i, person in enumerate(data.people):
        r = rng.random()
        if r < 0.05:
            data.people[i] = replace(person, joined=day(1, 200), left=None)  # not joined yet
        elif r < 0.1:
            data.people[i] = replace(person, left=day(-5, 60))  # leaving soon, or just left
        elif r < 0.15:
            data.people[i] = replace(person, role=rng.choice(list(Role)), joined=day(-300, -1))
        elif r < 0.2:
            data.people[i] = replace(person, interests_registered=None, joined=day(-400, 0))
    for policy in data.policies:
        # corrections (no fresh acknowledgement), one adopted in the future, one fixing review
        adopted = day(-30, 90)
        data.versions.append(
            PolicyVersion(
                f"{policy.id}-fix",
                policy.id,
                f"{adopted.year}a",
                adopted,
                reacknowledge=rng.random() < 0.3,
                next_review=day(-10, 40) if rng.random() < 0.5 else None,
            )
        )
        if rng.random() < 0.3:  # two versions adopted the same day
            data.versions.append(PolicyVersion(f"{policy.id}-same", policy.id, "same", adopted))
    rng.shuffle(data.versions)  # stored order need not be adoption order
    data.policies = [
        replace(p, reacknowledge_yearly=rng.random() < 0.5, binds=rng.sample(list(Role), 4))
        for p in data.policies
    ]
    # a small council has acknowledged everything: forget some of it
    data.acknowledgements = [a for a in data.acknowledgements if rng.random() < 0.6]
    people = data.people
    for _ in range(len(data.acknowledgements) // 5):
        person = rng.choice(people)
        version = rng.choice(data.versions)
        on = day(-800, 30)  # some in the future of the day asked about
        data.acknowledgements.append(Acknowledgement(person.id, version.id, on, "email"))
    data.acknowledgements.append(Acknowledgement(people[0].id, "no-such-version", TODAY))
    rng.shuffle(data.acknowledgements)
    for i, case in enumerate(data.cases):
        r = rng.random()
        if r < 0.1:
            data.cases[i] = replace(case, next_action=NextAction("Chase", day(-60, 60)))
        elif r < 0.2:
            closed = day(-3000, 0)
            data.cases[i] = replace(case, status=Status.CLOSED, closed_on=closed, retain_until=None)
        elif r < 0.25:
            data.cases[i] = replace(case, status=Status.WITHDRAWN, disposed_on=day(-100, 0))
        elif r < 0.3:
            data.cases[i] = replace(
                case,
                procedure=Procedure.DISCIPLINARY,
                status=rng.choice([Status.DECIDED, Status.APPEAL, Status.CLOSED]),
                outcome=rng.choice(["warning", "final_warning", "no_action"]),
                decided_on=day(-400, 0),
                subject=Subject(person=rng.choice(people).id),
            )
    return data


def same(data: CouncilData, on: date, window: int | None) -> None:
    want_owed = old.outstanding_acknowledgements(data, on, window)
    got_owed = outstanding_acknowledgements(data, on, window)
    assert got_owed == want_owed
    assert [(o.person.id, o.policy.id, o.version.id) for o in got_owed] == [
        (o.person.id, o.policy.id, o.version.id) for o in want_owed
    ]
    want = old.compute_due(data, on, window)
    got = compute_due(data, on, window)
    assert got == want
    assert compute_due(data, on, window, outstanding=got_owed) == want
    assert [(type(i.kind), type(i.ref)) for i in got] == [(type(i.kind), type(i.ref)) for i in want]


DAYS = [TODAY, TODAY - timedelta(days=400), TODAY + timedelta(days=45), date(2019, 2, 28)]


@pytest.mark.parametrize(("seed", "cases"), [(1, 300), (2, 300), (3, 1500)])
def test_generated_council_due_as_before(generate, seed, cases):
    data = generate.build(0, seed=seed, cases=cases)
    for on in DAYS:
        for window in (None, 0, 7, 365):
            same(data, on, window)


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_bent_council_due_as_before(generate, seed):
    data = bent(generate.build(0, seed=seed, cases=300), seed)
    for on in DAYS:
        for window in (None, 0, 30, 365):
            same(data, on, window)


def test_yearly_and_empty_councils_as_before(generate):
    data = bent(generate.build(0, seed=8, cases=50), 8)
    data.policies = [replace(p, reacknowledge_yearly=True) for p in data.policies]
    data.council = replace(data.council, due_soon_days=90, acknowledge_within_days=0)
    for on in DAYS:
        same(data, on, None)
    empty = CouncilData(council=data.council)
    same(empty, TODAY, None)
    no_versions = CouncilData(council=data.council, people=data.people, policies=data.policies)
    same(no_versions, TODAY, None)


def test_the_garbage_collector_is_left_as_it_was(generate):
    import gc

    data = generate.build(0, seed=9, cases=50)
    assert gc.isenabled()
    compute_due(data, TODAY)
    outstanding_acknowledgements(data, TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        compute_due(data, TODAY)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("seed", "cases", "count"),
    [(1, 300, 100), (3, 1500, 100), (5, 300, 7), (6, 300, 0), (7, 300, 1)],
)
def test_the_dashboards_head_of_what_is_due_is_compute_dues(generate, seed, cases, count):
    """first_due picks the first items without sorting them all: the same items, in the same
    order, as the head of compute_due, with its counts."""
    from parishclerk.domain.due import first_due

    data = bent(generate.build(0, seed=seed, cases=cases), seed)
    for on in DAYS:
        everything = compute_due(data, on)
        head = first_due(data, on, count)
        assert head.first == everything[:count]
        assert head.total == len(everything)
        assert head.overdue == sum(1 for i in everything if i.overdue)
    assert first_due(CouncilData(council=data.council), TODAY, count) == ([], 0, 0)
