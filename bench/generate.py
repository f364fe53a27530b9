"""Generate a believable council of any size, for benchmarks and load tests.

    python bench/generate.py --records 100000 --out /tmp/big-council

    python bench/generate.py --cases 10000 --out /tmp/ten-thousand-cases

N records in all (or about 3.9 records a case with --cases): mostly breach cases with their
timelines (events) and a few sentences of what happened, plus people, policies with versions,
acknowledgements, a few reminders and accounts.  Every record passes the domain's rules (cases
walk the real state machine, outcomes fit their procedure), the data is the same for the same
seed, and it is written through ``Store.create`` and one ``store.transaction()``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from parishclerk.domain import validate as v
from parishclerk.domain.categories import DEFAULT_CATEGORIES
from parishclerk.domain.dates import add_months
from parishclerk.domain.procedures import OUTCOMES, TRANSITIONS, derive_procedure, retention
from parishclerk.domain.records import (
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
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

TODAY = date(2026, 11, 23)
FIRST = [
    "Margaret",
    "Rhodri",
    "Siân",
    "David",
    "Priya",
    "Tom",
    "Małgorzata",
    "Geoff",
    "Helen",
    "Aoife",
    "Colin",
    "Bethan",
    "Susan",
    "Andrew",
    "Jean",
    "Ravi",
    "Karen",
    "Owain",
    "Lucy",
]
LAST = [
    "Ashworth",
    "Pryce",
    "Llewellyn",
    "O'Connell",
    "Raman",
    "Fairbairn",
    "Nowak",
    "Hartley",
    "Marsh",
    "Brennan",
    "Duckworth",
    "Jones",
    "Clarke",
    "Pike",
    "Foster",
    "Shah",
    "Webb",
]
PLATFORMS = ["Facebook", "X", "WhatsApp", "Instagram", "Nextdoor", "TikTok"]
POLICY_TITLES = [
    "Social Media Policy",
    "Members' Code of Conduct",
    "Data Protection Policy",
    "Complaints Procedure",
    "Dignity at Work Policy",
    "Communications Policy",
    "Safeguarding Policy",
    "Equality Policy",
    "Freedom of Information Scheme",
    "Grievance Procedure",
    "Disciplinary Procedure",
    "Press and Media Protocol",
]
MEMBER_ROLES = [Role.COUNCILLOR] * 8 + [Role.CHAIR, Role.VICE_CHAIR, Role.CO_OPTED]
STAFF_ROLES = [Role.CLERK, Role.RFO, Role.EMPLOYEE, Role.EMPLOYEE]
WHAT = (
    "posted a comment about the Clerk under the council's notice of the meeting",
    "shared a screenshot of the village hall booking list with residents' phone numbers",
    "called a fellow councillor a liar in the Llanfair community group",
    "replied to a resident's question about the footpath closure with abuse",
    "posted about the planning application for the allotments before the meeting",
    "used the council's logo on a campaign leaflet for the election",
    "wrote that the precept had been spent on a councillor's own driveway",
    "posted photographs of the playground with children's faces shown",
    "named the complainant in a thread on the parish page",
    "said the council would back the bypass, which it has not decided",
)
MORE = (
    "Several residents reported it within the hour.",
    "The post was deleted the next morning but screenshots were kept.",
    "The Chair asked for it to be logged.",
    "A reply thread of about forty comments followed.",
    "It was shared into two other local groups.",
    "The subject says the account was used by someone else.",
    "Siân and Łukasz from the residents' association sent copies.",
    "The page admin removed the comments and warned the poster.",
)
NOTES = [
    "Rang the complainant to acknowledge receipt.",
    "Screenshots captured and saved.",
    "Wrote to the subject asking for their account.",
    "Chased for a reply.",
    "Discussed with the Chair.",
    "Further posts reported by a resident.",
]


@dataclass
class Plan:
    people: int
    policies: int
    acknowledgements: int
    cases: int
    events: int
    reminders: int
    accounts: int

    @property
    def total(self) -> int:
        return (
            self.people
            + self.policies * 3
            + self.acknowledgements
            + self.cases
            + self.events
            + self.reminders
            + self.accounts
        )


def plan(records: int, cases: int | None = None) -> Plan:
    """Share ``records`` out: about 2% people, 8% acknowledgements, the rest cases and events;
    with ``cases``, exactly that many cases and the records that go with them."""
    if cases is not None:
        p = plan(max(20, cases * 39 // 10))
        p.events += p.cases - cases
        p.cases = cases
        return p
    people = max(6, records // 50)
    policies = max(1, min(len(POLICY_TITLES), records // 2000 + 2))
    versions = policies * 2
    reminders = max(1, min(50, records // 2000))
    accounts = max(1, min(20, records // 5000))
    acks = min(records * 8 // 100, people * versions)
    rest = max(2, records - people - policies - versions - acks - reminders - accounts)
    cases = max(1, rest * 10 // 35)
    return Plan(people, policies, acks, cases, rest - cases, reminders, accounts)


def build(
    records: int, seed: int = 1, today: date = TODAY, cases: int | None = None
) -> CouncilData:
    rng = random.Random(seed)
    p = plan(records, cases)
    council = Council(
        "Generated Parish Council",
        "parish",
        "Example District Council",
        "Monitoring Officer, Example DC",
    )
    data = CouncilData(council)

    def day(lo: int, hi: int) -> date:
        return today - timedelta(days=rng.randint(lo, hi))

    for i in range(1, p.people + 1):
        r = rng.random()
        role = (
            rng.choice(MEMBER_ROLES)
            if r < 0.55
            else rng.choice(STAFF_ROLES)
            if r < 0.8
            else Role.VOLUNTEER
        )
        joined = day(30, 3000)
        left = None
        if rng.random() < 0.15:
            left = min(today, joined + timedelta(days=rng.randint(30, 2000)))
        data.people.append(
            Person(
                f"p{i}",
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                role,
                joined,
                left,
                f"person{i}@example.org" if rng.random() < 0.5 else None,
                "",
                joined + timedelta(days=rng.randint(1, 27))
                if role.value in ("councillor", "chair", "vice-chair", "co-opted")
                and rng.random() < 0.9
                else None,
            )
        )

    all_roles = list(Role)
    for i in range(p.policies):
        pid = f"pol{i + 1}"
        binds = rng.sample(all_roles, rng.randint(2, len(all_roles)))
        data.policies.append(
            Policy(
                pid,
                POLICY_TITLES[i % len(POLICY_TITLES)]
                + (f" ({i // len(POLICY_TITLES) + 1})" if i >= len(POLICY_TITLES) else ""),
                binds,
                12,
                rng.random() < 0.3,
            )
        )
        first = day(500, 900)
        data.versions.append(
            PolicyVersion(
                f"{pid}-1",
                pid,
                str(first.year),
                first,
                f"{first:%y}/{rng.randint(1, 150):03d}",
                "Adopted.",
            )
        )
        second = day(20, 400)
        data.versions.append(
            PolicyVersion(
                f"{pid}-2",
                pid,
                str(second.year),
                second,
                f"{second:%y}/{rng.randint(1, 150):03d}",
                "Annual review.",
                reacknowledge=rng.random() < 0.7,
            )
        )

    pairs: set[tuple[int, int]] = set()
    while len(pairs) < p.acknowledgements:
        pairs.add((rng.randrange(p.people), rng.randrange(len(data.versions))))
    for pi, vi in sorted(pairs):
        person, version = data.people[pi], data.versions[vi]
        on = max(person.joined, version.adopted) + timedelta(days=rng.randint(0, 40))
        on = min(on, today)
        data.acknowledgements.append(
            Acknowledgement(
                person.id, version.id, on, rng.choice(["signed form", "email", "at meeting"]), on
            )
        )

    # cases: events are shared out so each case has at least its 'received' event
    extra = [0] * p.cases
    for _ in range(max(0, p.events - p.cases)):
        extra[rng.randrange(p.cases)] += 1
    people_by_id = {x.id: x for x in data.people}
    years: dict[int, int] = {}
    categories = list(DEFAULT_CATEGORIES)
    for n in range(p.cases):
        received = day(1, 3000)
        years[received.year] = years.get(received.year, 0) + 1
        ref = f"SM-{received.year}-{years[received.year]:03d}"
        if rng.random() < 0.8:
            subject_person = rng.choice(data.people)
            subject = Subject(person=subject_person.id)
            procedure = derive_procedure(subject_person)
        else:
            subject_person = None
            subject = Subject(name=f"Anonymous account {rng.randint(1, 9999)}")
            procedure = Procedure.MODERATION
        case = Case(
            ref,
            received,
            rng.choice(["Clerk", "Member of the public", "Chair"]),
            subject,
            procedure,
            rng.choice(PLATFORMS),
            f"https://social.example/post/{n}",
            f"{rng.choice(WHAT).capitalize()}. "
            + " ".join(rng.sample(MORE, rng.randint(1, 4)))
            + f" (Post {n}.)",
            rng.sample(categories, rng.randint(1, 3)),
        )
        events = [
            CaseEvent(
                ref, 1, received, "received", f"Received from {case.reported_by}", Status.RECEIVED
            )
        ]
        budget = extra[n]
        on = received
        state = Status.RECEIVED
        while budget > 0:
            on = min(today, on + timedelta(days=rng.randint(1, 30)))
            moves = TRANSITIONS[procedure].get(state, ())
            if moves and rng.random() < 0.6:
                state = rng.choice(moves)
                text = ""
                if state is Status.DECIDED or (state is Status.ACTIONED and rng.random() < 0.7):
                    case.outcome = rng.choice(list(OUTCOMES[procedure]))
                    text = f"Outcome: {OUTCOMES[procedure][case.outcome]}."
                    if state is Status.DECIDED:
                        case.decided_on = on
                events.append(CaseEvent(ref, len(events) + 1, on, "status", text, state))
            else:
                events.append(CaseEvent(ref, len(events) + 1, on, "note", rng.choice(NOTES)))
            budget -= 1
        case.status = state
        if state is Status.CLOSED:
            case.closed_on = on
            case.retain_until, _ = retention(case, council, people_by_id.get(subject.person or ""))
        elif rng.random() < 0.5:
            case.next_action = NextAction("Chase for a reply", on + timedelta(days=14))
        data.cases.append(case)
        data.events.extend(events)

    for i in range(1, p.reminders + 1):
        data.reminders.append(
            Reminder(
                f"r{i}",
                f"Reminder {i}",
                day(-200, 30),
                "FREQ=MONTHLY;BYMONTHDAY=1" if i % 3 == 0 else None,
            )
        )
    for i in range(1, p.accounts + 1):
        users = [x.id for x in rng.sample(data.people, min(2, len(data.people)))]
        data.accounts.append(
            Account(
                f"a{i}",
                rng.choice(PLATFORMS),
                f"@council{i}",
                True,
                users,
                day(0, 60),
                add_months(today, rng.randint(-1, 6)),
            )
        )
    return data


def write(data: CouncilData, out: Path):
    """Write ``data`` as a new council in ``out``; returns the open Store."""
    from parishclerk.store.repository import Store

    checks: list[tuple[list[Any], Callable[[Any], object]]] = [
        (data.people, v.check_person),
        (data.policies, v.check_policy),
        (data.versions, v.check_version),
        (data.acknowledgements, v.check_ack),
        (data.events, v.check_event),
        (data.reminders, v.check_reminder),
        (data.accounts, v.check_account),
    ]
    for records, check in checks:
        for record in records:
            check(record)
    for case in data.cases:
        v.check_case(case)
    store = Store.create(out, data.council)
    with store.transaction():
        for records in (
            data.people,
            data.policies,
            data.versions,
            data.acknowledgements,
            data.cases,
            data.events,
            data.reminders,
            data.accounts,
        ):
            for record in records:
                store._put(record)  # checked above; the public savers re-read per record
    return store


def generate(
    records: int, out: Path, seed: int = 1, today: date = TODAY, cases: int | None = None
) -> dict[str, int]:
    data = build(records, seed, today, cases)
    store = write(data, Path(out))
    try:
        return store.counts()
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--records", type=int, help="how many records in all")
    size.add_argument("--cases", type=int, help="how many breach cases (with their records)")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to create")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.records is not None and args.records < 20:
        parser.error("--records must be at least 20")
    if args.cases is not None and args.cases < 1:
        parser.error("--cases must be at least 1")
    if (args.out / "council.json").exists():
        print(f"{args.out} already holds a council", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = generate(args.records or 0, args.out, args.seed, cases=args.cases)
    took = time.perf_counter() - started
    print(
        f"{sum(counts.values()):,} records in {args.out} ({took:.1f} s): "
        + ", ".join(f"{k} {n:,}" for k, n in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
