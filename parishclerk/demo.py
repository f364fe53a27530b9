"""The demo council: a believable parish whose dates are set from the day it is made, so it always
has something overdue and something due soon."""

from __future__ import annotations

import struct
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path

from .domain.dates import add_months
from .domain.records import (
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
from .store.repository import Store

COUNCIL = Council(
    name="Little Wickham Parish Council",
    kind="parish",
    principal_authority="Mid Wealdshire District Council",
    monitoring_officer="Monitoring Officer, Mid Wealdshire DC, standards@midwealdshire.example",
    annual_meeting_month=5,
)

PEOPLE = [  # id, name, role, joined (days ago)
    ("p1", "Margaret Ashworth", Role.CHAIR, 2400),
    ("p2", "Rhodri Pryce", Role.VICE_CHAIR, 2000),
    ("p3", "Siân Llewellyn", Role.COUNCILLOR, 1300),
    ("p4", "David O'Connell", Role.COUNCILLOR, 1300),
    ("p5", "Priya Raman", Role.COUNCILLOR, 1300),
    ("p6", "Tom Fairbairn", Role.COUNCILLOR, 1300),
    ("p7", "Małgorzata Nowak", Role.COUNCILLOR, 1300),
    ("p8", "Geoff Hartley", Role.COUNCILLOR, 1300),
    ("p9", "Helen Marsh", Role.COUNCILLOR, 900),
    ("p10", "Aoife Brennan", Role.COUNCILLOR, 600),
    ("p11", "Colin Duckworth", Role.COUNCILLOR, 400),
    ("p12", "Bethan Ŵyn Jones", Role.CO_OPTED, 20),
    ("p13", "Susan Clarke", Role.CLERK, 3000),
    ("p14", "Andrew Pike", Role.RFO, 1500),
    ("p15", "Jean Foster", Role.VOLUNTEER, 800),
    ("p16", "Ravi Shah", Role.VOLUNTEER, 300),
    ("p17", "Karen Webb", Role.EMPLOYEE, 2600),
]


def tiny_png(seed: int) -> bytes:
    """A small grey PNG standing in for a screenshot (distinct per seed)."""
    width, height = 48, 32
    rows = b"".join(
        b"\x00" + bytes([(seed * 37 + x * 3 + y) % 256 for x in range(width)])
        for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build(today: date) -> CouncilData:
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    people = [
        Person(
            pid, name, role, ago(days), interests_registered=ago(days - 14) if days > 28 else None
        )
        for pid, name, role, days in PEOPLE
    ]
    people[16].left = ago(400)
    people[16].notes = "Assistant clerk; left after a final warning lapsed."
    people[0].email = "chair@littlewickham-pc.example"
    people[12].email = "clerk@littlewickham-pc.example"
    councillor_roles = [Role.CHAIR, Role.VICE_CHAIR, Role.COUNCILLOR, Role.CO_OPTED]
    staff = [Role.CLERK, Role.RFO, Role.EMPLOYEE]
    policies = [
        Policy("sm", "Social Media Policy", councillor_roles + staff + [Role.VOLUNTEER], 12),
        Policy("coc", "Members' Code of Conduct", councillor_roles, 12),
        Policy("dp", "Data Protection Policy", councillor_roles + staff, 12, True),
    ]
    versions = [
        PolicyVersion("sm-1", "sm", "2024", ago(700), "24/031", "First adopted."),
        PolicyVersion(
            "sm-2",
            "sm",
            "2025",
            ago(350),
            "25/044",
            "Adds the pre-election period and the rules for WhatsApp groups.",
        ),
        PolicyVersion(
            "sm-3",
            "sm",
            "2025.1",
            ago(40),
            "25/118",
            "Corrects the Clerk's contact address.",
            reacknowledge=False,
        ),
        PolicyVersion(
            "coc-1",
            "coc",
            "2021 LGA model",
            ago(420),
            "24/077",
            "Adopts the LGA model code with the district's additions.",
        ),
        PolicyVersion("dp-1", "dp", "2025", ago(300), "25/052", "Annual review, no change."),
    ]
    acks: list[Acknowledgement] = []
    for i, p in enumerate(people):
        if p.left or p.id == "p12":
            continue
        if i not in (4, 9, 15):  # Priya, Aoife and Ravi still owe the 2025 social media policy
            acks.append(
                Acknowledgement(
                    p.id,
                    "sm-2",
                    ago(330 - i),
                    "at meeting" if i < 12 else "signed form",
                    ago(330 - i),
                )
            )
        if p.is_member and i != 10:
            acks.append(Acknowledgement(p.id, "coc-1", ago(400), "signed form", ago(400)))
        if p.role != Role.VOLUNTEER and i not in (3, 13):
            acks.append(Acknowledgement(p.id, "dp-1", ago(290), "email", ago(290)))
    cases = [
        Case(
            f"SM-{ago(800).year}-001",
            ago(800),
            "Member of the public",
            Subject(person="p8"),
            Procedure.CODE_OF_CONDUCT,
            "Facebook",
            "https://facebook.example/groups/wickham/posts/1182",
            "Post in the village group calling a resident 'a liar' over the allotment decision.",
            ["abusive", "disrepute"],
            Status.CLOSED,
            None,
            "informal_resolution",
            add_months(ago(700), 72),
            decided_on=ago(710),
            closed_on=ago(700),
        ),
        Case(
            f"SM-{ago(420).year}-002",
            ago(420),
            "Clerk",
            Subject(person="p17"),
            Procedure.DISCIPLINARY,
            "X",
            "https://x.example/kwebb/status/7781",
            "Posted minutes of the confidential staffing item before approval.",
            ["confidential"],
            Status.CLOSED,
            None,
            "final_warning",
            add_months(ago(400), 72),
            decided_on=ago(410),
            closed_on=ago(405),
        ),
        Case(
            f"SM-{ago(450).year}-003",
            ago(450),
            "Clerk",
            Subject(name="'Wickham Watcher' (anonymous account)"),
            Procedure.MODERATION,
            "Facebook",
            "https://facebook.example/littlewickhampc/posts/88",
            "Abusive comment under the council's road closure post.",
            ["abusive"],
            Status.CLOSED,
            None,
            "removed",
            add_months(ago(440), 12),
            closed_on=ago(440),
        ),
        Case(
            f"SM-{ago(25).year}-004",
            ago(25),
            "Cllr Margaret Ashworth (Chair)",
            Subject(person="p4"),
            Procedure.CODE_OF_CONDUCT,
            "Facebook",
            "https://facebook.example/david.oconnell/posts/5521",
            "Shared the draft planning response saying 'the council has decided to object', "
            "before the council met.",
            ["committing_council", "confidential"],
            Status.WITH_MONITORING_OFFICER,
            NextAction("Chase the Monitoring Officer for the initial assessment", ago(-6)),
        ),
        Case(
            f"SM-{ago(12).year}-005",
            ago(12),
            "Resident by email",
            Subject(person="p14"),
            Procedure.DISCIPLINARY,
            "WhatsApp",
            "",
            "Forwarded a resident's complaint, with her address, to a community WhatsApp group.",
            ["personal_data"],
            Status.INVESTIGATION,
            NextAction("Staffing committee to appoint an investigator", ago(3)),
        ),
        Case(
            f"SM-{ago(4).year}-006",
            ago(4),
            "Clerk",
            Subject(name="Eastfield Residents' Page"),
            Procedure.MODERATION,
            "Facebook",
            "https://facebook.example/eastfieldresidents/posts/311",
            "Used the council's crest on a campaign poster against the play area.",
            ["logo_misuse"],
            Status.RECEIVED,
            NextAction("Ask the page admin to remove the crest", ago(-2)),
        ),
    ]
    reminders = [
        Reminder(
            "r1",
            "Annual Meeting of the Parish Council",
            first_occurrence(ANNUAL_MEETING, today),
            ANNUAL_MEETING,
        ),
        Reminder(
            "r2",
            "Check the council's social media passwords and 2FA",
            ago(5),
            "FREQ=MONTHLY;BYMONTHDAY=1",
        ),
        Reminder("r3", "Councillor training evening: social media", ago(-21)),
    ]
    accounts = [
        Account("a1", "Facebook", "@littlewickhampc", True, ["p13", "p1"], ago(40), ago(-10)),
        Account("a2", "X", "@wickham_pc", True, ["p13"], ago(3), ago(-200)),
    ]
    return CouncilData(
        COUNCIL, people, policies, versions, acks, cases, [], [], reminders, accounts
    )


ANNUAL_MEETING = "FREQ=YEARLY;BYMONTH=5;BYDAY=2TU"
"""The Annual Meeting: the second Tuesday of May, every year."""


def first_occurrence(rule: str, today: date) -> date:
    """The first day on or after ``today`` that a recurrence rule comes round (dateutil's
    rrule does the counting, as it does for every reminder)."""
    from dateutil.rrule import rrulestr

    start = datetime.combine(today, datetime.min.time())
    found = rrulestr(rule, dtstart=start).after(start, inc=True)
    assert found is not None, rule
    return found.date()


EVIDENCE = [  # case index, file name, kind, description, days after receipt
    (0, "village-group-post.png", "screenshot", "Screenshot of the post before it was deleted", 0),
    (3, "planning-post.png", "screenshot", "Screenshot of the shared draft response", 0),
    (3, "planning-comments.png", "screenshot", "Comments under the post", 1),
    (4, "whatsapp-forward.png", "screenshot", "The forwarded message, sent in by the resident", 1),
    (5, "campaign-poster.png", "screenshot", "The poster with the council's crest", 0),
]


def install(folder: Path, today: date | None = None) -> Store:
    """Create the demo council in ``folder`` (which must not hold a council)."""
    import tempfile

    today = today or date.today()
    data = build(today)
    store = Store.create(folder, data.council)
    with store.transaction():
        for record in (*data.people, *data.policies, *data.versions):
            store._put(record)
        for ack in data.acknowledgements:
            store.record_acknowledgement(ack)
        for rem in data.reminders:
            store.save_reminder(rem)
        for acct in data.accounts:
            store.save_account(acct)
    for case in data.cases:
        _replay(store, case, today)
    with tempfile.TemporaryDirectory() as tmp:
        for seed, (index, name, kind, text, after) in enumerate(EVIDENCE):
            case = data.cases[index]
            path = Path(tmp) / name
            path.write_bytes(tiny_png(seed))
            store.add_evidence(
                case.reference,
                path,
                captured=case.received + timedelta(after),
                by="Susan Clarke (Clerk)",
                kind=kind,
                description=text,
            )
    return store


OUTCOME_NOTES = {
    "informal_resolution": "The Monitoring Officer resolved it informally: an apology.",
    "final_warning": "Hearing held by the staffing committee.",
    "removed": "Comment hidden and removed; the account was blocked.",
}


def _replay(store: Store, case: Case, today: date) -> None:
    """Open the case and walk it through the states to where the demo wants it, so its timeline
    reads as a real one would."""
    from .domain.procedures import TRANSITIONS

    wanted, outcome = case.status, case.outcome
    start = Case(
        **{
            **case.__dict__,
            "status": Status.RECEIVED,
            "outcome": None,
            "decided_on": None,
            "closed_on": None,
            "retain_until": None,
        }
    )
    store.open_case(start)
    path = _shortest(TRANSITIONS[case.procedure], wanted)
    end = case.closed_on or min(today, case.received + timedelta(days=2 * len(path)))
    for i, state in enumerate(path, 1):
        on = case.received + (end - case.received) * i // max(len(path), 1)
        if state == Status.DECIDED and case.decided_on:
            on = case.decided_on
        takes_outcome = state == Status.DECIDED or (state == Status.ACTIONED and outcome)
        store.move(
            case.reference,
            state,
            on,
            OUTCOME_NOTES.get(outcome or "", "") if takes_outcome else "",
            outcome if takes_outcome else None,
        )
    if case.next_action:
        current = store.case(case.reference)
        current.next_action = case.next_action
        store.save_case(current)


def _shortest(moves: dict[Status, tuple[Status, ...]], wanted: Status) -> list[Status]:
    paths: dict[Status, list[Status]] = {Status.RECEIVED: []}
    queue = [Status.RECEIVED]
    while queue:
        state = queue.pop(0)
        for nxt in moves.get(state, ()):
            if nxt not in paths:
                paths[nxt] = paths[state] + [nxt]
                queue.append(nxt)
    return paths[wanted]
