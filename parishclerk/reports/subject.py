"""The subject access response: everything held about one person, other people's names withheld.

The person may be one of the council's people or a third party named in a case (a member of the
public who is the subject of a moderation case, or who reported one).  The response opens with
what UK GDPR Article 15 requires a controller to say, then every record where they appear, each
with how long it is kept and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.dates import show
from ..domain.due import compute_due
from ..domain.procedures import retention
from ..domain.records import Case, CouncilData, Person, Role
from ..domain.subject_access import (
    WITHHELD,
    NameMatcher,
    due_by,
    looks_like_name,
    same_name,
)
from ..domain.text import fold
from . import render
from .blocks import body, caption, facts, heading, note, table
from .cases import category_label, outcome_label
from .errors import ReportError
from .styles import stylesheet
from .text import para

TITLES = ("Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr")
DEFAULT_COVER = (
    "Thank you for your request for the personal data the council holds about you. This "
    "response sets out what we hold, why, who sees it and how long we keep it, and your "
    "rights. The names of other people have been withheld to protect them. If anything here "
    "is wrong, please tell the Clerk and we will correct it."
)


@dataclass(frozen=True)
class Requester:
    """Who asked: one of the council's people, or a third party known only by name."""

    name: str
    person: Person | None


class Withholder:
    """Replaces other people's names in free text with ``[withheld]``: whole names only, in any
    case and with or without accents, and a surname after a title ("Cllr Hall").  A description
    in a name field ("a resident", "Member of the public", "Clerk") is not a name and is left.
    A name the council never recorded cannot be recognised: the response says so.
    """

    def __init__(self, data: CouncilData, who: Requester) -> None:
        own = who.name
        own_words = {fold(w) for w in own.split()}
        names = {p.name for p in data.people}
        free = {c.reported_by for c in data.cases} | {e.by for e in data.evidence}
        free |= {c.subject.name or "" for c in data.cases}
        names |= {n for n in free if looks_like_name(n)}
        others = sorted(n.strip() for n in names if n.strip() and not same_name(n, own))
        titled = [
            f"{title} {n.split()[-1]}"
            for n in others
            if len(n.split()) > 1
            and len(n.split()[-1]) >= 3
            and fold(n.split()[-1]) not in own_words
            for title in TITLES
        ]
        self._matcher = NameMatcher(others + titled)
        self._own = own

    def text(self, value: str | None) -> str:
        return self._matcher.replace(value or "")

    def name(self, value: str | None) -> str:
        """A field that holds a name: shown if it is theirs, or not a name at all."""
        if not value or not value.strip():
            return ""
        if same_name(value, self._own) or not looks_like_name(value):
            return self.text(value)
        return WITHHELD


@dataclass(frozen=True)
class CaseBlock:
    reference: str
    details: list[tuple[str, str]]
    events: list[list[str]]
    evidence: list[list[str]]


@dataclass(frozen=True)
class SubjectView:
    council: str
    name: str
    received: date
    answered: date
    due: date
    cover: str
    about: list[tuple[str, str]]
    person: list[tuple[str, str]]
    acknowledgements: list[list[str]]
    cases: list[CaseBlock]
    reported: list[list[str]]
    captured: list[list[str]]
    accounts: list[list[str]]
    reminders: list[list[str]]
    due_items: list[list[str]] = field(default_factory=list)


def find_person(data: CouncilData, who: str) -> Person:
    key = who.strip()
    by_id = [p for p in data.people if p.id == key]
    found = by_id or [p for p in data.people if p.name.strip().casefold() == key.casefold()]
    if not found:  # 'Sian Llewellyn' typed on a UK keyboard finds 'Siân Llewellyn'
        found = [p for p in data.people if fold(p.name.strip()) == fold(key)]
    if not found:
        raise ReportError(f"no person {key!r} (give their id or their full name)")
    if len(found) > 1:
        ids = ", ".join(p.id for p in found)
        raise ReportError(f"{len(found)} people are called {key!r}: give their id ({ids})")
    return found[0]


def find_requester(data: CouncilData, who: str) -> Requester:
    """A person record by id or name, else a third party named as a case's subject or
    reporter (accent-blind)."""
    try:
        person = find_person(data, who)
    except ReportError as exc:
        if "people are called" in str(exc):
            raise
        named = [
            n
            for c in data.cases
            for n in (c.subject.name or "", c.reported_by)
            if n.strip() and same_name(n, who)
        ]
        if not named:
            raise ReportError(
                f"no person {who.strip()!r}: not one of the council's people, nor named as the "
                "subject or reporter of a case (give an id or the full name)"
            ) from None
        return Requester(named[0].strip(), None)
    return Requester(person.name, person)


def subject_name(data: CouncilData, who: str) -> str:
    return find_requester(data, who).name


def _is_theirs(name: str, who: Requester, data: CouncilData, on: date | None = None) -> bool:
    """Whether a free-text name field ("captured by") means them: their name, or the title of
    the role only they held (the Clerk), or their name with their role ("Susan Clarke (Clerk)")."""
    if same_name(name, who.name) or NameMatcher([who.name]).found(name):
        return True
    person = who.person
    if person is None:
        return False
    label = fold(name).removeprefix("the ").strip()
    if label != fold(person.role.label) and not (person.role is Role.CLERK and label == "clerk"):
        return False
    holders = [p for p in data.people if p.role is person.role and (on is None or p.active_on(on))]
    return holders == [person]


def _about(data: CouncilData, who: Requester) -> list[tuple[str, str]]:
    c = data.council
    controller = c.name + (f", {c.contact}" if c.contact else "") + ". Contact: the Clerk"
    complaints = (
        "the Public Services Ombudsman for Wales"
        if c.in_wales
        else f"the Monitoring Officer of {c.principal_authority or 'the principal authority'}"
    )
    return [
        ("Controller", controller),
        (
            "Purposes",
            "Keeping a record that councillors and staff have read and accepted the council's "
            "policies; handling breaches of the social media policy and complaints under the "
            "members' Code of Conduct, the Disciplinary Procedure or moderation of the "
            "council's pages; managing the council's social media accounts. Lawful basis: "
            "the council's public tasks and legal obligations (UK GDPR Art. 6(1)(c) and (e)).",
        ),
        (
            "Categories of data",
            "Name, role, dates of joining and leaving, contact email, acknowledgements of "
            "policies, the cases you are part of (what was reported, categories, steps, "
            "outcomes), evidence captured (screenshots, saved pages), account access.",
        ),
        (
            "Recipients",
            "The Clerk; members of the council for matters in the confidential part of a "
            "meeting; the staffing committee for staff matters; " + complaints + " for a "
            "complaint about a councillor; the police or a platform where a post was reported "
            "to them. Public papers hold counts only, never your name in a case.",
        ),
        (
            "How long",
            "Each record below says how long it is kept and why, following the council's "
            "retention schedule.",
        ),
        (
            "Your rights",
            "You may ask the council to correct what is wrong (rectification), to erase it, "
            "or to restrict its use, and you may object to its use. Write to the Clerk.",
        ),
        (
            "Complaints",
            "You may complain to the Information Commissioner's Office: ico.org.uk, "
            "0303 123 1113, Wycliffe House, Water Lane, Wilmslow SK9 5AF.",
        ),
        (
            "Where it came from",
            "From you; from the council's own records and meetings; from the person who "
            "reported a case and the posts it concerned.",
        ),
        ("Automated decisions", "None: no decision about you is made by a computer alone."),
    ]


def _mine(case: Case, who: Requester) -> bool:
    if who.person is not None and case.subject.person == who.person.id:
        return True
    return case.subject.person is None and same_name(case.subject.name or "", who.name)


def _case_block(data: CouncilData, case: Case, w: Withholder) -> CaseBlock:
    subject = data.person(case.subject.person) if case.subject.person else None
    until, why = retention(case, data.council, subject)
    details = [
        ("Received", show(case.received)),
        ("Reported by", w.name(case.reported_by) or "Not recorded"),
        ("Procedure", case.procedure.label),
        ("Status", case.status.label),
        ("Categories", "\n".join(category_label(c) for c in case.categories)),
        ("Platform", case.platform),
        ("Link", w.text(case.link)),
        ("What happened", w.text(case.summary)),
    ]
    if case.next_action is not None and case.status.is_open:
        details.append(
            ("Next action", f"{w.text(case.next_action.what)} by {show(case.next_action.due)}")
        )
    if case.outcome:
        details.append(("Outcome", outcome_label(case)))
    details.append(("Kept until", f"{show(until)} ({why})" if until else why))
    events = [
        [show(e.on), e.kind.capitalize(), e.status.label if e.status else "", w.text(e.text)]
        for e in data.case_events(case.reference)
    ]
    evidence = [
        [
            show(e.captured),
            w.name(e.by),
            e.kind,
            w.text(e.name),
            w.text(e.description),
            f"Disposed of {show(e.disposed)}" if e.disposed else "Held",
        ]
        for e in data.case_evidence(case.reference)
    ]
    return CaseBlock(case.reference, details, events, evidence)


def subject_view(
    data: CouncilData, who_text: str, on: date, received: date | None = None
) -> SubjectView:
    who = find_requester(data, who_text)
    w = Withholder(data, who)
    person = who.person
    details: list[tuple[str, str]] = []
    ack_rows: list[list[str]] = []
    accounts: list[list[str]] = []
    if person is not None:
        kept = (
            "While they serve; reviewed when they leave"
            if person.left is None
            else f"Reviewed since they left on {show(person.left)}"
        )
        details = [
            ("Name", person.name),
            ("Identifier", person.id),
            ("Role", person.role.label),
            ("Joined", show(person.joined)),
            ("Left", show(person.left, "Still serving")),
            ("Email", person.email or "None held"),
            ("Register of interests", show(person.interests_registered, "Not recorded")),
            ("Notes", w.text(person.notes) or "None"),
            ("Kept", kept),
        ]
        versions = {v.id: v for v in data.versions}
        titles = {p.id: p.title for p in data.policies}
        for a in sorted(
            (a for a in data.acknowledgements if a.person == person.id), key=lambda a: a.on
        ):
            v = versions.get(a.version)
            ack_rows.append(
                [
                    titles.get(v.policy, "") if v else "",
                    v.label if v else a.version,
                    show(a.on),
                    a.how,
                    "Evidence of acknowledgement: kept while the policy applies to them",
                ]
            )
        accounts = [
            [
                a.platform,
                a.handle,
                "Official" if a.official else "Departmental",
                show(a.access_review, "None set"),
                "While they are authorised",
            ]
            for a in data.accounts
            if person.id in a.authorised or any(same_name(x, person.name) for x in a.authorised)
        ]
    mine = sorted((c for c in data.cases if _mine(c, who)), key=lambda c: (c.received, c.reference))
    refs = {c.reference for c in mine}
    # about other people: when their file goes would tell something about them (a leaving
    # date), so only that it is kept with the case file
    with_file = "With the case file, under the council's retention schedule"
    reported = [
        [c.reference, show(c.received), with_file]
        for c in sorted(data.cases, key=lambda c: (c.received, c.reference))
        if c.reference not in refs and _is_theirs(c.reported_by, who, data, c.received)
    ]
    captured = []
    for e in sorted(data.evidence, key=lambda e: (e.captured, e.case, e.seq)):
        if e.case not in refs and _is_theirs(e.by, who, data, e.captured):
            captured.append(
                [
                    e.case,
                    show(e.captured),
                    e.kind,
                    "Disposed of " + show(e.disposed) if e.disposed else with_file,
                ]
            )
    own = NameMatcher([who.name])
    reminders = [
        [show(r.due), w.text(r.title), "Until done" if not r.done else "Done"]
        for r in data.reminders
        if own.found(r.title)
    ]
    due_items = [
        [show(i.due), i.kind.label, w.text(i.title), i.state.capitalize()]
        for i in compute_due(data, on=on)
        if (person is not None and i.person == person.id)
        or (person is not None and i.ref.table == "people" and i.ref.id == person.id)
        or (i.ref.table == "cases" and i.ref.id in refs)
    ]
    got = received or on
    cover = data.council.subject_access_text.strip() or DEFAULT_COVER
    return SubjectView(
        council=data.council.name,
        name=who.name,
        received=got,
        answered=on,
        due=due_by(got),
        cover=cover,
        about=_about(data, who),
        person=details,
        acknowledgements=ack_rows,
        cases=[_case_block(data, c, w) for c in mine],
        reported=reported,
        captured=captured,
        accounts=accounts,
        reminders=reminders,
        due_items=due_items,
    )


def subject_flowables(v: SubjectView, generated: date) -> list:
    s = stylesheet()
    width = render.content_width()
    out = [
        para("Subject access response", s.title),
        para(v.name, s.subtitle),
        body(
            f"Request received {show(v.received)}; answered {show(v.answered)} (due by "
            f"{show(v.due)}). Everything {v.council} holds about {v.name} in its records. "
            f"The names of other people are shown as {WITHHELD}; a name the council never "
            "recorded as a name cannot be recognised and may remain."
        ),
        body(v.cover),
        *heading("About this response (UK GDPR Article 15)"),
        facts(v.about, width),
        *heading("Person record"),
    ]
    out.append(
        facts(v.person, width)
        if v.person
        else note("No person record: you are named in cases only.")
    )
    out += heading("Acknowledgements")
    if v.acknowledgements:
        out.append(
            table(
                [
                    ("Policy", 1.9),
                    ("Version", 0.8),
                    ("Acknowledged", 1.45),
                    ("How", 1.1),
                    ("Kept", 2.2),
                ],
                v.acknowledgements,
                width,
            )
        )
    else:
        out.append(note("No acknowledgements recorded."))
    out += heading("Cases about them")
    if not v.cases:
        out.append(note("No case is about them."))
    for block in v.cases:
        out += [*heading(f"Case {block.reference}", 2), facts(block.details, width)]
        if block.events:
            out += [
                *caption("Timeline"),
                table(
                    [("Date", 1.1), ("Event", 1.0), ("Status", 1.2), ("Details", 3.7)],
                    block.events,
                    width,
                ),
            ]
        if block.evidence:
            out += [
                *caption("Evidence"),
                table(
                    [
                        ("Captured", 1.25),
                        ("By", 1.1),
                        ("Kind", 1.2),
                        ("File", 1.5),
                        ("Description", 2.3),
                        ("Held", 1.1),
                    ],
                    block.evidence,
                    width,
                ),
            ]
    if v.reported:
        out += [
            *heading("Cases they reported"),
            body("These cases are about other people, so only the reference and date are given."),
            table([("Reference", 1.0), ("Received", 1.0), ("Kept", 3.0)], v.reported, width),
        ]
    if v.captured:
        out += [
            *heading("Evidence they captured"),
            body("In cases about other people: only the case, the date and the kind are given."),
            table(
                [("Case", 1.1), ("Captured", 1.1), ("Kind", 1.2), ("Kept", 2.0)], v.captured, width
            ),
        ]
    out += heading("Social media accounts they are authorised on")
    if v.accounts:
        out.append(
            table(
                [
                    ("Platform", 1.1),
                    ("Handle", 1.6),
                    ("Kind", 1.1),
                    ("Access review", 1.2),
                    ("Kept", 1.6),
                ],
                v.accounts,
                width,
            )
        )
    else:
        out.append(note("None."))
    if v.reminders:
        out += [
            *heading("Reminders that name them"),
            table([("Due", 1.1), ("Reminder", 4.0), ("Kept", 1.2)], v.reminders, width),
        ]
    out += heading("Due about them")
    if v.due_items:
        out.append(
            table(
                [("Due", 1.1), ("What", 1.7), ("Detail", 3.5), ("State", 0.95)], v.due_items, width
            )
        )
    else:
        out.append(note("Nothing is due."))
    return out


def subject_export(
    data: CouncilData, person: str, *, generated: date, received: date | None = None
) -> bytes:
    """Everything held about one person (or a third party named in a case); ReportError if
    unknown or ambiguous.  ``received`` is when the request came in (the clock runs from it)."""
    with render.no_gc():
        view = subject_view(data, person, generated, received)
        return render.build(
            subject_flowables(view, generated),
            council=view.council,
            title=f"Subject access response: {view.name}",
            generated=generated,
            confidential=True,
        )
