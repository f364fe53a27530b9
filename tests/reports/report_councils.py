"""Small councils built in code for the report tests and the benchmark."""

from __future__ import annotations

import random
from datetime import date, timedelta

from parishclerk.domain.records import (
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
    Council,
    CouncilData,
    Evidence,
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

HOSTILE = [
    "<b>bold?</b>",
    "Fish & Chips",
    "<script>alert(1)</script>",
    "O'Brien <b>x",
    "Llanfair ŵ ŷ Ŵ Ŷ",
    "Łódź ł",
    "Seán Ó Briain á é í ó ú",
    "St Mary & St Joseph <Annex>",
]
LONG_SUMMARY = ("Posted a long thread about the hall. " * 300)[:10_000]
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def rich_council() -> CouncilData:
    """A council with everything a report can show, and hostile text in the free fields."""
    d = CouncilData(
        Council(
            "Llanfair & Pwll <b>Community</b> Council",
            kind="community",
            principal_authority="Ynys Môn County Council",
        )
    )
    d.people = [
        Person("p1", "Gwenllian Ŵyn Jones", Role.CHAIR, date(2019, 5, 9)),
        Person("p2", "Seán Ó Briain", Role.COUNCILLOR, date(2021, 5, 6)),
        Person("p3", "Zbigniew Łukasz Wójcik", Role.COUNCILLOR, date(2022, 1, 10)),
        Person(
            "p4",
            "Dafydd O'Brien <b>x",
            Role.COUNCILLOR,
            date(2023, 6, 1),
            notes="Asked that Seán Ó Briain not be copied in. <script>x</script>",
        ),
        Person("p5", "Rhiannon Price", Role.CLERK, date(2018, 3, 1), email="clerk@example.org"),
        Person("p6", "Tom Baker", Role.VOLUNTEER, date(2024, 2, 1)),
        Person("p7", "Ann Hall", Role.CO_OPTED, date(2026, 3, 20)),
    ]
    d.policies = [
        Policy(
            "sm", "Social Media Policy", [Role.CHAIR, Role.COUNCILLOR, Role.CO_OPTED, Role.CLERK]
        ),
        Policy(
            "coc",
            "Members' Code of Conduct <Annex>",
            [Role.CHAIR, Role.COUNCILLOR, Role.CO_OPTED],
            review_months=24,
        ),
        Policy(
            "dp",
            "Data Protection & Privacy",
            [Role.CLERK, Role.VOLUNTEER],
            reacknowledge_yearly=True,
        ),
        Policy("new", "Complaints Procedure", [Role.CLERK]),
    ]
    d.versions = [
        PolicyVersion("sm-1", "sm", "2024.1", date(2024, 5, 14), minute="24/051"),
        PolicyVersion(
            "sm-2",
            "sm",
            "2025.1",
            date(2025, 5, 13),
            minute="25/047 & 25/048",
            summary="Adds a section on WhatsApp groups <b>and</b> pre-election.",
        ),
        PolicyVersion("coc-1", "coc", "LGA 2021", date(2021, 7, 8), minute="21/102", sha256=SHA),
        PolicyVersion("dp-1", "dp", "3", date(2025, 1, 14), minute="25/004"),
    ]
    d.acknowledgements = [
        Acknowledgement("p1", "sm-2", date(2025, 5, 20)),
        Acknowledgement("p2", "sm-1", date(2024, 6, 1), how="email"),
        Acknowledgement("p3", "sm-2", date(2025, 6, 3), how="at meeting"),
        Acknowledgement("p5", "sm-2", date(2025, 5, 14)),
        Acknowledgement("p1", "coc-1", date(2021, 7, 8)),
        Acknowledgement("p2", "coc-1", date(2021, 7, 8)),
        Acknowledgement("p5", "dp-1", date(2025, 1, 20)),
    ]
    d.cases = [
        Case(
            "SM-2026-001",
            date(2026, 1, 12),
            "Ann Hall",
            Subject(person="p4"),
            Procedure.CODE_OF_CONDUCT,
            platform="Facebook",
            link="https://www.facebook.com/groups/llanfair/posts/123456789012345678",
            summary="Cllr O'Brien <b>x posted that Tom Baker & the Clerk <script>lied</script>.",
            categories=["abusive", "defamatory"],
            status=Status.WITH_MONITORING_OFFICER,
            next_action=NextAction("Chase the Monitoring Officer", date(2026, 4, 20)),
        ),
        Case(
            "SM-2026-002",
            date(2026, 2, 2),
            "Gwenllian Ŵyn Jones",
            Subject(person="p5"),
            Procedure.DISCIPLINARY,
            platform="X",
            summary=LONG_SUMMARY,
            categories=["personal_data"],
            status=Status.DECIDED,
            outcome="final_warning",
            decided_on=date(2026, 3, 2),
        ),
        Case(
            "SM-2026-003",
            date(2026, 2, 20),
            "Rhiannon Price",
            Subject(name="Kevin Troll-Smith"),
            Procedure.MODERATION,
            platform="Instagram",
            summary="Kevin Troll-Smith posted threats under the council's notice.",
            categories=["abusive", "unlawful"],
            status=Status.CLOSED,
            outcome="reported_to_police",
            closed_on=date(2026, 3, 1),
        ),
        Case(
            "SM-2025-007",
            date(2025, 11, 3),
            "Rhiannon Price",
            Subject(person="p2"),
            Procedure.CODE_OF_CONDUCT,
            summary="Party-political post in the purdah period.",
            categories=["political"],
            status=Status.CLOSED,
            outcome="no_breach",
            decided_on=date(2025, 12, 1),
            closed_on=date(2025, 12, 5),
        ),
    ]
    d.events = [
        CaseEvent("SM-2026-001", 1, date(2026, 1, 12), "received", "Reported by Ann Hall"),
        CaseEvent(
            "SM-2026-001",
            2,
            date(2026, 1, 19),
            "status",
            "Sent to the MO & IP",
            Status.WITH_MONITORING_OFFICER,
        ),
        CaseEvent("SM-2026-002", 1, date(2026, 2, 2), "received"),
        CaseEvent("SM-2026-002", 2, date(2026, 2, 9), "status", "", Status.INVESTIGATION),
        CaseEvent(
            "SM-2026-002",
            3,
            date(2026, 3, 2),
            "status",
            "Outcome: Final written warning.",
            Status.DECIDED,
        ),
        CaseEvent("SM-2026-003", 1, date(2026, 2, 20), "received"),
    ]
    d.evidence = [
        Evidence(
            "SM-2026-001",
            1,
            date(2026, 1, 12),
            "Rhiannon Price",
            "screenshot",
            "post <1>.png",
            SHA,
            "The post, before it was deleted & a reply by Ann Hall",
            size=123456,
        ),
        Evidence(
            "SM-2026-001",
            2,
            date(2026, 1, 13),
            "Rhiannon Price",
            "saved page",
            "thread.html",
            "0" * 64,
            "Whole thread",
            disposed=date(2026, 3, 1),
        ),
    ]
    d.reminders = [
        Reminder("r1", "Annual Meeting & <b>elections</b>", date(2026, 5, 12)),
        Reminder("r2", "Chase SM-2026-001 with the MO", date(2026, 4, 10)),
    ]
    d.accounts = [
        Account(
            "a1",
            "Facebook",
            "@llanfairCC",
            authorised=["p5", "p4"],
            last_post=date(2026, 3, 30),
            access_review=date(2026, 4, 30),
        )
    ]
    return d


def empty_council() -> CouncilData:
    return CouncilData(Council("Empty Parish Council"))


SURNAMES = [
    "Jones",
    "Williams",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Kowalski",
    "Ó Briain",
    "Ŵyn",
    "Murphy",
    "Walsh",
]
WORDS = (
    "posted comment about the clerk council meeting village hall footpath planning "
    "application allotments precept bins playground abusive reply thread group page"
).split()


def busy_council(cases: int, seed: int = 7) -> CouncilData:
    """A council full of cases: councillors, staff and members of the public under procedures."""
    rnd = random.Random(seed)
    d = rich_council()
    d.cases, d.events, d.evidence = [], [], []
    d.people += [
        Person(
            f"c{i}",
            f"Councillor{i} {rnd.choice(SURNAMES)}",
            rnd.choice([Role.COUNCILLOR, Role.EMPLOYEE]),
            date(2020, 1, 1),
        )
        for i in range(12)
    ]
    kinds = [
        "abusive",
        "defamatory",
        "personal_data",
        "political",
        "disrepute",
        "other",
        "logo_misuse",
        "safeguarding",
    ]
    start = date(2022, 1, 1)
    for i in range(cases):
        received = start + timedelta(days=i * 1500 // max(cases, 1))
        ref = f"SM-{received.year}-{i + 1:05d}"
        who = rnd.random()
        if who < 0.5:
            person = rnd.choice(d.people)
            subject = Subject(person=person.id)
            procedure = Procedure.CODE_OF_CONDUCT if person.is_member else Procedure.DISCIPLINARY
        else:
            subject = Subject(name=f"Troll{i} Member-of-Public")
            procedure = Procedure.MODERATION
        status = rnd.choice([Status.RECEIVED, Status.CLOSED, Status.DECIDED])
        if procedure is Procedure.MODERATION and status is Status.DECIDED:
            status = Status.ACTIONED
        outcome = (
            {
                Procedure.CODE_OF_CONDUCT: "no_breach",
                Procedure.DISCIPLINARY: "warning",
                Procedure.MODERATION: "removed",
            }[procedure]
            if status is not Status.RECEIVED
            else None
        )
        d.cases.append(
            Case(
                ref,
                received,
                f"Reporter{i} Secret-Name",
                subject,
                procedure,
                platform=rnd.choice(["Facebook", "X", "Instagram", "WhatsApp"]),
                link=f"https://example.org/posts/{i}",
                summary=f"Summary{i}: "
                + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 45))),
                categories=rnd.sample(kinds, rnd.randint(1, 2)),
                status=status,
                outcome=outcome,
                decided_on=received + timedelta(days=20) if outcome else None,
                closed_on=received + timedelta(days=30) if status is Status.CLOSED else None,
                next_action=NextAction(f"Action{i} chase", received + timedelta(days=14))
                if status is Status.RECEIVED
                else None,
            )
        )
    return d
