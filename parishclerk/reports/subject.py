"""The subject access export: everything held about one person, other people's names withheld."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.dates import show
from ..domain.due import compute_due
from ..domain.records import Case, CouncilData, Person
from ..domain.text import fold
from . import render
from .blocks import body, caption, facts, heading, note, table
from .cases import category_label, outcome_label
from .errors import ReportError
from .styles import stylesheet
from .text import para

WITHHELD = "[withheld]"


class Withholder:
    """Replaces other people's names in free text with ``[withheld]``.

    It knows every name the council holds (its people, case subjects, reporters, evidence
    takers) except the subject's own; full names match in any case, surnames as whole words.
    A name the council never recorded cannot be recognised: the export says so.
    """

    def __init__(self, data: CouncilData, person: Person) -> None:
        own = person.name.strip().casefold()
        own_parts = {w.casefold() for w in person.name.split()}
        # free-text fields (reporter, evidence taker) may hold a role ("Clerk") rather than a
        # name: only their names of two words or more are hunted for in text
        free = {c.reported_by for c in data.cases} | {e.by for e in data.evidence}
        free |= {c.subject.name for c in data.cases if c.subject.name}
        names = {p.name for p in data.people if p.id != person.id}
        names |= {n for n in free if n and len(n.split()) > 1}
        full = sorted(
            {n.strip() for n in names if n and n.strip() and n.strip().casefold() != own},
            key=len,
            reverse=True,
        )
        surnames = {n.split()[-1] for n in full if len(n.split()) > 1}
        surnames = sorted(
            (
                s
                for s in surnames
                if len(s) >= 3 and s[0].isupper() and s.casefold() not in own_parts
            ),
            key=len,
            reverse=True,
        )
        self._full = self._pattern(full, re.IGNORECASE)
        self._surnames = self._pattern(surnames, 0)
        self._own = own

    @staticmethod
    def _pattern(words: list[str], flags: int) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", flags)

    def text(self, value: str | None) -> str:
        s = value or ""
        for pattern in (self._full, self._surnames):
            if pattern is not None:
                s = pattern.sub(WITHHELD, s)
        return s

    def name(self, value: str | None) -> str:
        """A field that holds just a name: shown only if it is the subject's own."""
        if not value or not value.strip():
            return ""
        return value if value.strip().casefold() == self._own else WITHHELD


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
    person: list[tuple[str, str]]
    acknowledgements: list[list[str]]
    cases: list[CaseBlock]
    reported: list[list[str]]
    accounts: list[list[str]]
    due: list[list[str]]


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


def _case_block(data: CouncilData, case: Case, w: Withholder) -> CaseBlock:
    details = [
        ("Received", show(case.received)),
        ("Reported by", w.name(case.reported_by)),
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
    if case.retain_until:
        details.append(("Keep until", show(case.retain_until)))
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


def subject_view(data: CouncilData, who: str, on: date) -> SubjectView:
    person = find_person(data, who)
    w = Withholder(data, person)
    own = person.name.strip().casefold()
    details = [
        ("Name", person.name),
        ("Identifier", person.id),
        ("Role", person.role.label),
        ("Joined", show(person.joined)),
        ("Left", show(person.left, "Still serving")),
        ("Email", person.email or "None held"),
        ("Register of interests", show(person.interests_registered, "Not recorded")),
        ("Notes", w.text(person.notes) or "None"),
    ]
    versions = {v.id: v for v in data.versions}
    titles = {p.id: p.title for p in data.policies}
    acks = sorted((a for a in data.acknowledgements if a.person == person.id), key=lambda a: a.on)
    ack_rows = [
        [
            titles.get(versions[a.version].policy, "") if a.version in versions else "",
            versions[a.version].label if a.version in versions else a.version,
            show(a.on),
            a.how,
            show(a.recorded),
        ]
        for a in acks
    ]
    mine = [
        c
        for c in data.cases
        if c.subject.person == person.id
        or (c.subject.person is None and (c.subject.name or "").strip().casefold() == own)
    ]
    mine.sort(key=lambda c: (c.received, c.reference))
    refs = {c.reference for c in mine}
    reported = [
        [c.reference, show(c.received)]
        for c in sorted(data.cases, key=lambda c: (c.received, c.reference))
        if c.reported_by.strip().casefold() == own and c.reference not in refs
    ]
    accounts = [
        [
            a.platform,
            a.handle,
            "Official" if a.official else "Departmental",
            show(a.last_post),
            show(a.access_review),
        ]
        for a in data.accounts
        if person.id in a.authorised or any(x.strip().casefold() == own for x in a.authorised)
    ]
    due = [
        [show(i.due), i.kind.label, w.text(i.title), i.state.capitalize()]
        for i in compute_due(data, on=on)
        if i.person == person.id
        or (i.ref.table == "people" and i.ref.id == person.id)
        or (i.ref.table == "cases" and i.ref.id in refs)
    ]
    return SubjectView(
        data.council.name,
        person.name,
        details,
        ack_rows,
        [_case_block(data, c, w) for c in mine],
        reported,
        accounts,
        due,
    )


def subject_flowables(v: SubjectView, generated: date) -> list:
    s = stylesheet()
    width = render.content_width()
    out = [
        para("Subject access export", s.title),
        para(v.name, s.subtitle),
        body(
            f"Everything the council holds about {v.name} in its records, as at "
            f"{show(generated)}. The names of other people are shown as {WITHHELD}."
        ),
        *heading("Person record"),
        facts(v.person, width),
        *heading("Acknowledgements"),
    ]
    if v.acknowledgements:
        out.append(
            table(
                [
                    ("Policy", 2.2),
                    ("Version", 1.0),
                    ("Acknowledged", 1.4),
                    ("How", 1.3),
                    ("Recorded", 1.2),
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
                    [("Date", 1.0), ("Event", 1.0), ("Status", 1.2), ("Details", 3.8)],
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
            table([("Reference", 1.0), ("Received", 1.0)], v.reported, width),
        ]
    out += heading("Social media accounts they are authorised on")
    if v.accounts:
        out.append(
            table(
                [
                    ("Platform", 1.2),
                    ("Handle", 1.8),
                    ("Kind", 1.2),
                    ("Last post", 1.1),
                    ("Access review", 1.2),
                ],
                v.accounts,
                width,
            )
        )
    else:
        out.append(note("None."))
    out += heading("Due about them")
    if v.due:
        out.append(
            table([("Due", 1.0), ("What", 1.75), ("Detail", 3.6), ("State", 0.95)], v.due, width)
        )
    else:
        out.append(note("Nothing is due."))
    return out


def subject_export(data: CouncilData, person: str, *, generated: date) -> bytes:
    """Everything held about one person; ReportError if unknown or ambiguous."""
    with render.no_gc():
        view = subject_view(data, person, generated)
        return render.build(
            subject_flowables(view, generated),
            council=view.council,
            title=f"Subject access export: {view.name}",
            generated=generated,
            confidential=True,
        )
