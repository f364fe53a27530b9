"""What is due, on fixed dates, one rule at a time."""

from __future__ import annotations

from datetime import date

import pytest

from parishclerk.domain.due import (
    check_rule,
    compute_due,
    next_occurrence,
    outstanding_acknowledgements,
)
from parishclerk.domain.due_items import DueKind, Ref
from parishclerk.domain.records import (
    Account,
    Acknowledgement,
    Case,
    Council,
    CouncilData,
    NextAction,
    Person,
    Policy,
    PolicyVersion,
    Procedure,
    Reminder,
    Role,
    Status,
    Subject,
)

K = DueKind
OLD = date(2015, 1, 1)


def council_data(**kw) -> CouncilData:
    return CouncilData(council=Council("Test Parish Council"), **kw)


def of(items, kind):
    return [i for i in items if i.kind is kind]


def one(items, kind):
    found = of(items, kind)
    assert len(found) == 1, found
    return found[0]


# -- policy review ------------------------------------------------------------------------------


def review_data(next_review: date | None = None) -> CouncilData:
    return council_data(
        policies=[Policy("sm", "Social Media Policy", [Role.COUNCILLOR], 12)],
        versions=[
            PolicyVersion("sm-1", "sm", "2024", date(2024, 5, 14)),
            PolicyVersion("sm-2", "sm", "2025", date(2025, 5, 14), next_review=next_review),
            PolicyVersion("sm-3", "sm", "2027", date(2027, 5, 14)),
        ],
    )  # not yet adopted


@pytest.mark.parametrize(
    "on,due,overdue",
    [
        (date(2026, 3, 1), None, None),  # beyond the 30-day window
        (date(2026, 4, 14), date(2026, 5, 14), False),  # exactly 30 days ahead
        (date(2026, 5, 1), date(2026, 5, 14), False),
        (date(2026, 5, 14), date(2026, 5, 14), False),  # due today is not yet overdue
        (date(2026, 5, 15), date(2026, 5, 14), True),
        (date(2026, 9, 1), date(2026, 5, 14), True),
    ],
)
def test_policy_review(on, due, overdue):
    items = of(compute_due(review_data(), on), K.POLICY_REVIEW)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and item.overdue is overdue
    assert item.ref == Ref("policies", "sm")
    assert "Social Media Policy" in item.title and "2025" in item.title
    assert item.state == ("overdue" if overdue else "due soon")
    assert not item.confidential


def test_policy_review_uses_the_versions_next_review_date():
    item = one(
        compute_due(review_data(next_review=date(2026, 1, 31)), date(2026, 1, 20)), K.POLICY_REVIEW
    )
    assert item.due == date(2026, 1, 31)


def test_policy_review_respects_the_window():
    data = review_data()
    assert of(compute_due(data, date(2026, 3, 1), window=90), K.POLICY_REVIEW)
    assert not of(compute_due(data, date(2026, 5, 1), window=0), K.POLICY_REVIEW)
    assert of(compute_due(data, date(2026, 5, 15), window=0), K.POLICY_REVIEW)


# -- acknowledgements ---------------------------------------------------------------------------


def ack_data(*acks: Acknowledgement, people=None, yearly=False, versions=None) -> CouncilData:
    return council_data(
        people=people or [Person("p1", "Ann", Role.COUNCILLOR, OLD)],
        policies=[
            Policy(
                "sm",
                "Social Media Policy",
                [Role.COUNCILLOR, Role.CLERK],
                12,
                reacknowledge_yearly=yearly,
            )
        ],
        versions=versions
        or [
            PolicyVersion("sm-1", "sm", "2024", date(2024, 5, 1)),
            PolicyVersion("sm-2", "sm", "2025", date(2025, 5, 1)),
        ],
        acknowledgements=list(acks),
    )


def test_new_version_needs_fresh_acknowledgement():
    data = ack_data(Acknowledgement("p1", "sm-1", date(2024, 5, 10)))
    item = one(compute_due(data, date(2025, 5, 20)), K.ACKNOWLEDGEMENT)
    assert item.due == date(2025, 5, 29)  # 28 days from adoption
    assert not item.overdue
    assert item.ref == Ref("versions", "sm-2") and item.person == "p1"
    assert "Ann" in item.title and "version 2025 adopted 1 May 2025" in item.title
    assert one(compute_due(data, date(2025, 6, 1)), K.ACKNOWLEDGEMENT).overdue


def test_acknowledged_current_version_is_not_outstanding():
    data = ack_data(Acknowledgement("p1", "sm-2", date(2025, 5, 10)))
    assert of(compute_due(data, date(2025, 6, 1)), K.ACKNOWLEDGEMENT) == []


def test_trivial_version_does_not_need_reacknowledgement():
    versions = [
        PolicyVersion("sm-1", "sm", "2024", date(2024, 5, 1)),
        PolicyVersion("sm-2", "sm", "2024.1", date(2025, 5, 1), reacknowledge=False),
    ]
    data = ack_data(Acknowledgement("p1", "sm-1", date(2024, 5, 10)), versions=versions)
    assert of(compute_due(data, date(2025, 6, 1)), K.ACKNOWLEDGEMENT) == []
    # someone who never acknowledged owes the binding version; the item names the newest
    data.people.append(Person("p2", "Bob", Role.COUNCILLOR, OLD))
    item = one(compute_due(data, date(2025, 6, 1)), K.ACKNOWLEDGEMENT)
    assert item.person == "p2" and item.ref == Ref("versions", "sm-2")
    assert item.due == date(2024, 5, 29) and item.overdue


def test_new_joiner_owes_acknowledgement_from_joining():
    people = [
        Person("p1", "Ann", Role.COUNCILLOR, OLD),
        Person("p9", "Newbie", Role.CO_OPTED, date(2025, 10, 1)),
    ]
    data = ack_data(Acknowledgement("p1", "sm-2", date(2025, 5, 10)), people=people)
    data.policies[0].binds.append(Role.CO_OPTED)
    item = one(compute_due(data, date(2025, 10, 5)), K.ACKNOWLEDGEMENT)
    assert item.person == "p9" and item.due == date(2025, 10, 29)
    assert "joined 1 Oct 2025" in item.title


def test_acknowledge_within_days_is_the_councils_setting():
    data = ack_data(Acknowledgement("p1", "sm-1", date(2024, 5, 10)))
    data.council.acknowledge_within_days = 14
    assert one(compute_due(data, date(2025, 5, 2)), K.ACKNOWLEDGEMENT).due == date(2025, 5, 15)


def test_people_not_bound_or_gone_owe_nothing():
    people = [
        Person("p1", "Ann", Role.VOLUNTEER, OLD),  # not bound
        Person("p2", "Bob", Role.COUNCILLOR, OLD, left=date(2025, 4, 30)),  # gone
        Person("p3", "Cat", Role.COUNCILLOR, date(2026, 1, 1)),
    ]  # not yet joined
    data = ack_data(people=people)
    assert of(compute_due(data, date(2025, 6, 1)), K.ACKNOWLEDGEMENT) == []


@pytest.mark.parametrize(
    "on,due,overdue",
    [
        (date(2026, 4, 1), None, None),  # 70 days before the anniversary: not yet
        (date(2026, 5, 15), date(2026, 6, 10), False),
        (date(2026, 6, 10), date(2026, 6, 10), False),
        (date(2026, 7, 1), date(2026, 6, 10), True),
    ],
)
def test_yearly_reacknowledgement(on, due, overdue):
    data = ack_data(Acknowledgement("p1", "sm-2", date(2025, 6, 10)), yearly=True)
    items = of(compute_due(data, on), K.ACKNOWLEDGEMENT)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and item.overdue is overdue
    assert "yearly, last on 10 Jun 2025" in item.title


def test_yearly_reacknowledgement_counts_from_the_latest_acknowledgement():
    data = ack_data(
        Acknowledgement("p1", "sm-1", date(2024, 5, 10)),
        Acknowledgement("p1", "sm-2", date(2025, 6, 10)),
        yearly=True,
    )
    assert one(compute_due(data, date(2026, 6, 1)), K.ACKNOWLEDGEMENT).due == date(2026, 6, 10)


def test_yearly_reacknowledgement_within_a_wider_window():
    data = ack_data(Acknowledgement("p1", "sm-2", date(2025, 6, 10)), yearly=True)
    item = one(compute_due(data, date(2026, 4, 1), window=90), K.ACKNOWLEDGEMENT)
    assert item.due == date(2026, 6, 10)


def test_outstanding_acknowledgements_lists_people():
    data = ack_data(Acknowledgement("p1", "sm-1", date(2024, 5, 10)))
    (o,) = outstanding_acknowledgements(data, date(2025, 6, 1))
    assert o.person.id == "p1" and o.policy.id == "sm" and o.version.id == "sm-2"


# -- register of interests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,joined,registered,on,due,overdue",
    [
        (Role.COUNCILLOR, date(2026, 1, 10), None, date(2026, 1, 20), date(2026, 2, 7), False),
        (Role.CO_OPTED, date(2026, 1, 10), None, date(2026, 2, 8), date(2026, 2, 7), True),
        (Role.CHAIR, date(2026, 1, 10), None, date(2026, 2, 7), date(2026, 2, 7), False),
        (Role.COUNCILLOR, date(2026, 1, 10), date(2026, 1, 12), date(2026, 1, 20), None, None),
        (Role.CLERK, date(2026, 1, 10), None, date(2026, 1, 20), None, None),
        (Role.COUNCILLOR, date(2024, 1, 10), None, date(2026, 1, 20), None, None),  # long ago
    ],
)
def test_register_of_interests(role, joined, registered, on, due, overdue):
    data = council_data(people=[Person("p1", "Ann", role, joined, interests_registered=registered)])
    items = of(compute_due(data, on), K.INTERESTS)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and item.overdue is overdue
    assert item.ref == Ref("people", "p1") and item.person == "p1"


# -- cases --------------------------------------------------------------------------------------


def case(
    ref="SM-2026-001",
    procedure=Procedure.CODE_OF_CONDUCT,
    status=Status.RECEIVED,
    person="p1",
    **kw,
) -> Case:
    return Case(
        ref, date(2025, 1, 10), "Clerk", Subject(person=person), procedure, status=status, **kw
    )


def test_case_next_action():
    data = council_data(
        cases=[
            case("A", next_action=NextAction("Chase the MO", date(2026, 2, 1))),
            case(
                "B",
                status=Status.CLOSED,
                closed_on=date(2025, 3, 1),
                next_action=NextAction("stale", date(2026, 2, 1)),
            ),
            case("C", next_action=NextAction("Far off", date(2026, 6, 1))),
        ]
    )
    item = one(compute_due(data, date(2026, 2, 3)), K.CASE_ACTION)
    assert item.ref == Ref("cases", "A") and item.overdue and item.title == "A: Chase the MO"
    assert item.confidential


@pytest.mark.parametrize(
    "outcome,decided,on,due",
    [
        ("warning", date(2025, 8, 31), date(2026, 2, 10), date(2026, 2, 28)),
        ("warning", date(2025, 8, 31), date(2026, 2, 28), date(2026, 2, 28)),
        ("warning", date(2025, 8, 31), date(2026, 3, 1), None),  # no longer live
        ("warning", date(2025, 8, 31), date(2026, 1, 1), None),  # beyond the window
        ("final_warning", date(2025, 8, 31), date(2026, 8, 20), date(2026, 8, 31)),
        ("dismissal", date(2025, 8, 31), date(2026, 2, 10), None),
    ],
)
def test_warning_expires(outcome, decided, on, due):
    data = council_data(
        people=[Person("p1", "Ann", Role.EMPLOYEE, OLD)],
        cases=[
            case(
                procedure=Procedure.DISCIPLINARY,
                status=Status.CLOSED,
                outcome=outcome,
                decided_on=decided,
                closed_on=decided,
            )
        ],
    )
    items = of(compute_due(data, on), K.WARNING_EXPIRES)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and not item.overdue and item.confidential


@pytest.mark.parametrize(
    "kw,on,due,overdue",
    [
        # Code of Conduct: 6 years from closure
        (dict(closed_on=date(2020, 1, 15)), date(2026, 1, 10), date(2026, 1, 15), False),
        (dict(closed_on=date(2020, 1, 15)), date(2026, 2, 1), date(2026, 1, 15), True),
        (dict(closed_on=date(2020, 1, 15)), date(2025, 11, 1), None, None),
        # a fixed retain_until wins
        (
            dict(closed_on=date(2020, 1, 15), retain_until=date(2025, 12, 1)),
            date(2025, 11, 15),
            date(2025, 12, 1),
            False,
        ),
        # disposed of already: nothing to review
        (
            dict(closed_on=date(2020, 1, 15), disposed_on=date(2026, 1, 20)),
            date(2026, 2, 1),
            None,
            None,
        ),
    ],
)
def test_retention_review(kw, on, due, overdue):
    data = council_data(
        people=[Person("p1", "Ann", Role.COUNCILLOR, OLD)], cases=[case(status=Status.CLOSED, **kw)]
    )
    items = of(compute_due(data, on), K.RETENTION)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and item.overdue is overdue and item.ref == Ref("cases", "SM-2026-001")


def test_retention_review_of_a_disciplinary_file_waits_for_the_employment_to_end():
    employed = Person("p1", "Ann", Role.CLERK, OLD)
    data = council_data(
        people=[employed],
        cases=[
            case(
                procedure=Procedure.DISCIPLINARY,
                status=Status.CLOSED,
                outcome="no_action",
                decided_on=date(2015, 3, 1),
                closed_on=date(2015, 3, 1),
            )
        ],
    )
    assert of(compute_due(data, date(2026, 1, 1)), K.RETENTION) == []
    employed.left = date(2019, 12, 20)
    assert one(compute_due(data, date(2026, 1, 1)), K.RETENTION).due == date(2025, 12, 20)


def test_open_cases_are_not_reviewed_for_retention():
    data = council_data(cases=[case(retain_until=date(2020, 1, 1))])
    assert of(compute_due(data, date(2026, 1, 1)), K.RETENTION) == []


# -- accounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "last_post,on,due",
    [
        (date(2026, 1, 10), date(2026, 2, 20), date(2026, 2, 10)),
        (date(2026, 1, 31), date(2026, 3, 1), date(2026, 2, 28)),
        (date(2026, 2, 1), date(2026, 2, 20), None),
        (date(2026, 1, 20), date(2026, 2, 20), None),  # exactly a month: not yet quiet
        (None, date(2026, 2, 20), None),
    ],
)
def test_quiet_account(last_post, on, due):
    data = council_data(accounts=[Account("a1", "Facebook", "@pc", last_post=last_post)])
    items = of(compute_due(data, on), K.ACCOUNT_QUIET)
    if due is None:
        assert items == []
        return
    (item,) = items
    assert item.due == due and item.overdue and item.ref == Ref("accounts", "a1")
    assert "@pc" in item.title


@pytest.mark.parametrize(
    "review,on,overdue",
    [
        (date(2026, 3, 1), date(2026, 2, 20), False),
        (date(2026, 2, 1), date(2026, 2, 20), True),
        (date(2026, 6, 1), date(2026, 2, 20), None),
    ],
)
def test_access_review(review, on, overdue):
    data = council_data(accounts=[Account("a1", "X", "@pc", access_review=review)])
    items = of(compute_due(data, on), K.ACCESS_REVIEW)
    if overdue is None:
        assert items == []
        return
    (item,) = items
    assert item.due == review and item.overdue is overdue


# -- reminders ----------------------------------------------------------------------------------


def test_reminders():
    data = council_data(
        reminders=[
            Reminder("r1", "Annual Meeting", date(2026, 5, 12), "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU"),
            Reminder("r2", "Passwords", date(2026, 4, 1), "FREQ=MONTHLY;BYMONTHDAY=1"),
            Reminder("r3", "Done already", date(2026, 4, 1), done=True),
            Reminder("r4", "Far off", date(2026, 12, 1)),
        ]
    )
    items = of(compute_due(data, date(2026, 4, 20)), K.REMINDER)
    assert [(i.ref.id, i.due, i.overdue) for i in items] == [
        ("r2", date(2026, 4, 1), True),
        ("r1", date(2026, 5, 12), False),
    ]


@pytest.mark.parametrize(
    "rule,due,after,expected",
    [
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=2TU", date(2026, 5, 12), None, date(2026, 5, 12)),
        (
            "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU",
            date(2026, 5, 12),
            date(2026, 5, 12),
            date(2027, 5, 11),
        ),
        (
            "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU",
            date(2026, 5, 12),
            date(2026, 5, 11),
            date(2026, 5, 12),
        ),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=2TU", date(2026, 5, 12), date(2027, 6, 1), date(2028, 5, 9)),
        ("FREQ=MONTHLY;BYMONTHDAY=1", date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 1)),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", date(2026, 1, 31), date(2026, 1, 31), date(2026, 2, 28)),
        ("FREQ=WEEKLY;COUNT=2", date(2026, 1, 5), date(2026, 1, 12), None),  # exhausted
        (None, date(2026, 1, 5), date(2026, 1, 1), None),  # no recurrence
        (None, date(2026, 1, 5), None, date(2026, 1, 5)),
    ],
)
def test_next_occurrence(rule, due, after, expected):
    assert next_occurrence(Reminder("r", "R", due, rule), after) == expected


def test_check_rule():
    assert check_rule("rrule:freq=weekly;byday=mo", date(2026, 1, 5)) == "FREQ=WEEKLY;BYDAY=MO"
    with pytest.raises(ValueError, match="is not a recurrence rule"):
        check_rule("EVERY TUESDAY", date(2026, 1, 5))
    with pytest.raises(ValueError, match="is not a recurrence rule"):
        check_rule("FREQ=SOMETIMES", date(2026, 1, 5))


# -- the whole list -----------------------------------------------------------------------------


def test_items_are_sorted_and_the_demo_has_something_due():
    from parishclerk import demo

    today = date(2026, 11, 23)
    items = compute_due(demo.build(today), today)
    assert items == sorted(items, key=lambda i: (i.due, i.kind.value, i.title))
    kinds = {i.kind for i in items}
    assert {K.ACKNOWLEDGEMENT, K.CASE_ACTION, K.INTERESTS, K.REMINDER} <= kinds
    assert any(i.overdue for i in items) and any(not i.overdue for i in items)


def test_rules_that_repeat_within_a_day_or_never_come_round_are_refused():
    from datetime import date

    import pytest

    from parishclerk.domain.due import check_rule

    for bad in ("FREQ=HOURLY", "FREQ=MINUTELY;INTERVAL=5", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"):
        with pytest.raises(ValueError):
            check_rule(bad, date(2026, 5, 12))
    assert (
        check_rule("rrule:freq=yearly;bymonth=5;byday=2tu", date(2026, 5, 12))
        == "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU"
    )
