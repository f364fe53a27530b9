"""The records a council keeps, as plain dataclasses.  No I/O here."""

from __future__ import annotations

# Every dataclass here has a docstring: without one, Python 3.11's dataclass builds one from
# inspect.signature, which was about a third of this module's import time at start-up.
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    COUNCILLOR = "councillor"
    CO_OPTED = "co-opted"
    CLERK = "clerk"
    RFO = "rfo"
    EMPLOYEE = "employee"
    VOLUNTEER = "volunteer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CHAIR: "Chair",
    Role.VICE_CHAIR: "Vice-Chair",
    Role.COUNCILLOR: "Councillor",
    Role.CO_OPTED: "Co-opted member",
    Role.CLERK: "Clerk",
    Role.RFO: "Responsible Financial Officer",
    Role.EMPLOYEE: "Employee",
    Role.VOLUNTEER: "Volunteer",
}
MEMBER_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.COUNCILLOR, Role.CO_OPTED})
STAFF_ROLES = frozenset({Role.CLERK, Role.RFO, Role.EMPLOYEE})


class Procedure(StrEnum):
    CODE_OF_CONDUCT = "code_of_conduct"  # England: the principal authority's Monitoring Officer
    CODE_OF_CONDUCT_WALES = "code_of_conduct_wales"  # Wales: the Ombudsman's route
    DISCIPLINARY = "disciplinary"
    MODERATION = "moderation"

    @property
    def is_code_of_conduct(self) -> bool:
        return self in (Procedure.CODE_OF_CONDUCT, Procedure.CODE_OF_CONDUCT_WALES)

    @property
    def label(self) -> str:
        return PROCEDURE_LABELS[self]


PROCEDURE_LABELS = {
    Procedure.CODE_OF_CONDUCT: "Code of Conduct",
    Procedure.CODE_OF_CONDUCT_WALES: "Code of Conduct (Wales)",
    Procedure.DISCIPLINARY: "Disciplinary Procedure",
    Procedure.MODERATION: "Moderation",
}


class Status(StrEnum):
    RECEIVED = "received"
    WITH_MONITORING_OFFICER = "with_monitoring_officer"
    LOCAL_RESOLUTION = "local_resolution"  # Wales: the council's local resolution protocol
    WITH_OMBUDSMAN = "with_ombudsman"  # Wales: complaint made to the Ombudsman
    INITIAL_ASSESSMENT = "initial_assessment"
    INFORMAL_RESOLUTION = "informal_resolution"
    INVESTIGATION = "investigation"
    HEARING = "hearing"
    DECIDED = "decided"
    STANDARDS_COMMITTEE = "standards_committee"  # Wales: referred to the Standards Committee
    ADJUDICATION_PANEL = "adjudication_panel"  # Wales: referred to the Adjudication Panel
    APPEAL = "appeal"
    ACTIONED = "actioned"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self) or self.value.replace("_", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self not in (Status.CLOSED, Status.WITHDRAWN)


STATUS_LABELS = {
    Status.WITH_OMBUDSMAN: "With the Ombudsman",
    Status.STANDARDS_COMMITTEE: "With the Standards Committee",
    Status.ADJUDICATION_PANEL: "With the Adjudication Panel for Wales",
}

COUNCIL_KINDS = ("parish", "town", "community")
NATIONS = ("england", "wales")


def default_nation(kind: str) -> str:
    """A council recorded without its nation: community councils exist only in Wales; a
    parish or town council is taken to be in England."""
    return "wales" if kind == "community" else "england"


@dataclass
class PackMade:
    """One pack made for a meeting, so the next confidential part knows what it covered."""

    meeting: date
    made: date
    part: str  # public, confidential, staffing
    since: date | None = None


@dataclass
class SubjectAccess:
    """A subject access request answered: who asked, when it came in and was answered."""

    name: str
    received: date
    answered: date
    extended: bool = False


@dataclass
class Council:
    """The council itself, and the defaults it has chosen."""

    name: str
    kind: str = "parish"
    principal_authority: str = ""
    monitoring_officer: str = ""
    annual_meeting_month: int = 5
    # Retention and reminder defaults: a council may change them; none of them is law.
    code_of_conduct_retention_years: int = 6
    disciplinary_retention_years: int = 6
    moderation_retention_years: int = 1
    warning_live_months: int = 6
    final_warning_live_months: int = 12
    acknowledge_within_days: int = 28
    due_soon_days: int = 30
    nation: str = ""  # england or wales; empty means "from the kind" (see default_nation)
    # Counts of cases below this are printed as "fewer than N" in anything the public sees.
    disclosure_threshold: int = 3
    contact: str = ""  # the council's postal address or email, for letters and exports
    subject_access_text: str = ""  # the Clerk's covering text for a subject access export
    packs: list[PackMade] = field(default_factory=list)
    subject_access: list[SubjectAccess] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.nation:
            self.nation = default_nation(self.kind)

    @property
    def in_wales(self) -> bool:
        return self.nation == "wales"


@dataclass
class Person:
    """A councillor, officer, employee or volunteer."""

    id: str
    name: str
    role: Role
    joined: date
    left: date | None = None
    email: str | None = None
    notes: str = ""
    interests_registered: date | None = None

    def active_on(self, day: date) -> bool:
        return self.joined <= day and (self.left is None or self.left >= day)

    @property
    def is_member(self) -> bool:
        return self.role in MEMBER_ROLES


@dataclass
class PolicyVersion:
    """One adopted version of a policy."""

    id: str
    policy: str
    label: str
    adopted: date
    minute: str = ""
    summary: str = ""
    document: str | None = None
    sha256: str | None = None
    reacknowledge: bool = True
    next_review: date | None = None


@dataclass
class Policy:
    """A policy the council keeps, and whom it binds."""

    id: str
    title: str
    binds: list[Role] = field(default_factory=list)
    review_months: int = 12
    reacknowledge_yearly: bool = False


@dataclass
class Acknowledgement:
    """A person's acknowledgement of a policy version on a day."""

    person: str
    version: str
    on: date
    how: str = "signed form"
    recorded: date | None = None

    @property
    def key(self) -> str:
        """One record per person, version and day: a yearly re-acknowledgement of the same
        version is a record of its own, and last year's stays."""
        return f"{self.person}@{self.version}@{self.on.isoformat()}"


@dataclass
class Subject:
    """Who a case is about: one of the council's people, or a named third party."""

    person: str | None = None
    name: str | None = None


@dataclass
class NextAction:
    """What is to be done next on a case, and by when."""

    what: str
    due: date


@dataclass
class CaseEvent:
    """One entry in a case's timeline; append-only."""

    case: str
    seq: int
    on: date
    kind: str  # received, status, note, referral, decision, evidence, disposal, procedure
    text: str = ""
    status: Status | None = None

    @property
    def key(self) -> str:
        return f"{self.case}#{self.seq}"


@dataclass
class Evidence:
    """A file kept as evidence for a case, named by its hash."""

    case: str
    seq: int
    captured: date
    by: str
    kind: str
    name: str
    sha256: str
    description: str = ""
    size: int = 0
    disposed: date | None = None

    @property
    def key(self) -> str:
        return f"{self.case}#{self.seq}"


@dataclass
class Case:
    """A social media breach case."""

    reference: str
    received: date
    reported_by: str
    subject: Subject
    procedure: Procedure
    platform: str = ""
    link: str = ""
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    status: Status = Status.RECEIVED
    next_action: NextAction | None = None
    outcome: str | None = None
    retain_until: date | None = None
    procedure_reason: str = ""
    decided_on: date | None = None
    closed_on: date | None = None
    disposed_on: date | None = None


@dataclass
class Reminder:
    """One of the Clerk's own reminders, perhaps recurring."""

    id: str
    title: str
    due: date
    rule: str | None = None
    notes: str = ""
    done: bool = False


@dataclass
class Account:
    """A social media account the council runs."""

    id: str
    platform: str
    handle: str
    official: bool = True
    authorised: list[str] = field(default_factory=list)
    last_post: date | None = None
    access_review: date | None = None


@dataclass
class CouncilData:
    """Everything one council holds, as the interchange file and the reports see it."""

    council: Council
    people: list[Person] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    versions: list[PolicyVersion] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)

    def _grouped(self, name: str, records: list[Any], key: str) -> dict[Any, list[Any]]:
        """``records`` grouped by their attribute ``key``, in list order; made once and again
        only when the list is replaced or changes length.  (A report asking for each case's
        events in turn scanned every event per case: quadratic, minutes at 10,000 cases.)"""
        cache: dict[str, tuple[list[Any], int, dict[Any, list[Any]]]]
        cache = self.__dict__.setdefault("_groups", {})
        got = cache.get(name)
        if got is None or got[0] is not records or got[1] != len(records):
            groups: dict[Any, list[Any]] = {}
            for record in records:
                groups.setdefault(getattr(record, key), []).append(record)
            got = cache[name] = (records, len(records), groups)
        return got[2]

    def person(self, pid: str) -> Person | None:
        found = self._grouped("people", self.people, "id").get(pid)
        return found[0] if found else None

    def versions_of(self, policy_id: str) -> list[PolicyVersion]:
        return sorted((v for v in self.versions if v.policy == policy_id), key=lambda v: v.adopted)

    def case_events(self, ref: str) -> list[CaseEvent]:
        """The case's timeline: by date, then in the order recorded."""
        events = self._grouped("events", self.events, "case").get(ref, [])
        return sorted(events, key=lambda e: (e.on, e.seq))

    def case_evidence(self, ref: str) -> list[Evidence]:
        evidence = self._grouped("evidence", self.evidence, "case").get(ref, [])
        return sorted(evidence, key=lambda e: e.seq)

    def subject_name(self, case: Case) -> str:
        if case.subject.person:
            p = self.person(case.subject.person)
            return p.name if p else case.subject.person
        return case.subject.name or ""
