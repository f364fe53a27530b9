"""The review pack's view model, built from the council's records before any layout.

The public variant holds nothing about any case beyond counts: no references, names, summaries,
links or outcomes, and no due item that concerns a case.  That rule lives here, in one place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.categories import DEFAULT_CATEGORIES
from ..domain.dates import show
from ..domain.disclosure import Group, Mark, Shown, protect
from ..domain.due import (
    binding_version,
    compute_due,
    current_version,
    outstanding_acknowledgements,
    review_due,
)
from ..domain.due_items import DueItem, DueKind
from ..domain.procedures import STATES, council_noun
from ..domain.records import MEMBER_ROLES, CouncilData, Procedure
from ..domain.text import fold
from .agenda import ItemText, item_text
from .confidential import CaseCard, ConfidentialScope, case_cards, scope


@dataclass(frozen=True)
class PolicyLine:
    title: str
    version: str
    adopted: str
    minute: str
    next_review: str
    status: str
    binds: str


@dataclass(frozen=True)
class AckLine:
    person: str
    role: str
    state: str
    outstanding: bool


STAFF_MATTERS = "Not broken down: staff matters"
TOO_FEW = "Not broken down: too few cases"
WITHHELD_TOO = "Not broken down: withheld with its total"


@dataclass(frozen=True)
class StaffCounts:
    """Staff bound by a policy, as the public register shows them: counts, never names."""

    bound: int
    up_to_date: Shown
    outstanding: Shown


@dataclass(frozen=True)
class AckBlock:
    policy: str
    version: str
    adopted: str
    lines: list[AckLine]  # in the public pack, members only: they hold public office
    staff: StaffCounts | None = None


@dataclass(frozen=True)
class ProcedureCounts:
    procedure: str
    total: Shown
    by_state: list[tuple[str, Shown]]  # states printed exactly or withheld, in order
    others_small: bool = False  # the states not listed have fewer than the threshold each
    breakdown: str = ""  # why there is no breakdown by state, when there is none

    @property
    def by_state_text(self) -> str:
        if self.breakdown:
            return self.breakdown
        parts = [f"{label}: {n.text}" for label, n in self.by_state]
        if self.others_small:
            t = self.total.threshold
            parts.append(("every other state" if parts else "each state") + f": fewer than {t}")
        return "; ".join(parts)


@dataclass(frozen=True)
class BreachSummary:
    """The public's counts, already protected: see ``domain/disclosure.py``.  The counts form
    a tree (all cases, then each procedure, then each state), so no figure can be got back by
    adding and subtracting the others."""

    total: Shown
    by_category: list[tuple[str, Shown]]  # only categories with enough cases to print
    by_procedure: list[ProcedureCounts]
    threshold: int
    held: int  # the true number, only to say "none" when there are none

    @property
    def chart(self) -> list[tuple[str, int]]:
        """The categories the chart may draw: those whose count is printed exactly."""
        return [(label, n.value) for label, n in self.by_category if n.value is not None]


@dataclass(frozen=True)
class DueLine:
    due: str
    what: str
    title: str
    state: str


@dataclass
class PackView:
    council: str
    meeting: date
    agenda_item: str  # the item number on the agenda ("9"), or empty
    confidential: bool
    policies: list[PolicyLine]
    acknowledgements: list[AckBlock]
    summary: BreachSummary
    due_until: date
    due: list[DueLine]
    due_withheld: int = 0
    text: ItemText | None = None  # purpose, background, recommendation (public)
    title: str = ""  # "Social Media Policy: annual review"
    exclusion_item: str = ""  # the confidential item's own number on the agenda
    cards: list[CaseCard] = field(default_factory=list)  # confidential: councillor matters
    scope: ConfidentialScope | None = None
    chain_head: str = ""  # the audit log's head when the confidential part was made
    noun: str = "parish council"

    @property
    def running_title(self) -> str:
        """ "Item 9: Social Media Policy: annual review", in the header of every page."""
        title = self.title + (" (confidential)" if self.confidential else "")
        item = self.agenda_item.strip()
        return f"Item {item}: {title}" if item else title


def _policies(data: CouncilData, on: date) -> list[PolicyLine]:
    soon = on + timedelta(days=data.council.due_soon_days)
    out = []
    for policy in sorted(data.policies, key=lambda p: p.title.casefold()):
        binds = ", ".join(r.label for r in policy.binds)
        version = current_version(data, policy.id, on)
        if version is None:
            out.append(PolicyLine(policy.title, "", "", "", "", "No version adopted yet", binds))
            continue
        due = review_due(policy, version)
        if due < on:
            status = f"Overdue since {show(due)}"
        elif due <= soon:
            status = f"Due {show(due)}"
        else:
            status = "In date"
        out.append(
            PolicyLine(
                policy.title,
                version.label,
                show(version.adopted),
                version.minute,
                show(due),
                status,
                binds,
            )
        )
    return out


def _acknowledgements(data: CouncilData, on: date, public: bool = True) -> list[AckBlock]:
    owing = {(o.person.id, o.policy.id): o for o in outstanding_acknowledgements(data, on)}
    versions = {v.id: v for v in data.versions}
    acks_by_person: dict[str, list] = {}
    for ack in data.acknowledgements:
        if ack.version in versions:
            acks_by_person.setdefault(ack.person, []).append(ack)
    blocks = []
    for policy in sorted(data.policies, key=lambda p: p.title.casefold()):
        latest = current_version(data, policy.id, on)
        need = binding_version(data, policy.id, on)
        if latest is None or need is None:
            continue
        binds = set(policy.binds)
        people = sorted(
            (p for p in data.people if p.role in binds and p.active_on(on)),
            key=lambda p: p.name.casefold(),
        )
        lines = []
        staff_bound = staff_owing = 0
        for person in people:
            mine = [
                a
                for a in acks_by_person.get(person.id, ())
                if versions[a.version].policy == policy.id and a.on <= on
            ]
            last = max(mine, key=lambda a: (versions[a.version].adopted, a.on), default=None)
            o = owing.get((person.id, policy.id))
            if o is not None:
                state = f"Outstanding: due {show(o.due)} ({o.reason})"
                if last is not None:
                    state += (
                        f"; last acknowledged version {versions[last.version].label} "
                        f"on {show(last.on)}"
                    )
            elif last is not None:
                state = f"Version {versions[last.version].label}: {show(last.on)} ({last.how})"
            else:  # bound, but joined after the version and still within the time allowed
                state = "Outstanding"
            owes = o is not None or last is None
            if public and person.role not in MEMBER_ROLES:
                staff_bound += 1
                staff_owing += owes
                continue
            lines.append(AckLine(person.name, person.role.label, state, owes))
        staff = None
        if staff_bound:
            shown = protect(
                {"bound": staff_bound, "up": staff_bound - staff_owing, "owing": staff_owing},
                [Group("bound", ("up", "owing"))],
                data.council.disclosure_threshold,
            )
            staff = StaffCounts(staff_bound, shown["up"], shown["owing"])
        blocks.append(AckBlock(policy.title, latest.label, show(latest.adopted), lines, staff))
    return blocks


def _summary(data: CouncilData, on: date) -> BreachSummary:
    """Counts for the public, protected by the disclosure rule (``domain/disclosure.py``):
    no count below the threshold is printed, nor can one be worked out from the others.
    Staff (disciplinary) cases are never broken down by state or outcome."""
    t = data.council.disclosure_threshold
    cases = [c for c in data.cases if c.received <= on]
    counts: dict[str, int] = {"total": len(cases)}
    # the other nation's Code of Conduct route only where it holds cases (an older record)
    other = Procedure.CODE_OF_CONDUCT if data.council.in_wales else Procedure.CODE_OF_CONDUCT_WALES
    procs = [p for p in Procedure if p is not other or any(c.procedure is p for c in cases)]
    groups = [Group("total", tuple(f"{p}.total" for p in procs))]
    for p in procs:
        mine = [c for c in cases if c.procedure is p]
        counts[f"{p}.total"] = len(mine)
        if p is Procedure.DISCIPLINARY:
            continue
        states = Counter(c.status for c in mine)
        for st in STATES[p]:
            counts[f"{p}.{st}"] = states[st]
        groups.append(Group(f"{p}.total", tuple(f"{p}.{st}" for st in STATES[p])))
    shown = protect(counts, groups, t)
    rows = []
    for p in procs:
        total = shown[f"{p}.total"]
        if p is Procedure.DISCIPLINARY:
            rows.append(ProcedureCounts(p.label, total, [], breakdown=STAFF_MATTERS))
            continue
        if not total.exact:
            why = TOO_FEW if total.mark is Mark.SMALL else WITHHELD_TOO
            rows.append(ProcedureCounts(p.label, total, [], breakdown=why))
            continue
        listed = [(st.label, shown[f"{p}.{st}"]) for st in STATES[p]]
        rows.append(
            ProcedureCounts(
                p.label,
                total,
                [(label, n) for label, n in listed if n.mark is not Mark.SMALL],
                others_small=any(n.mark is Mark.SMALL for _, n in listed),
            )
        )
    cats: Counter[str] = Counter(k for c in cases for k in dict.fromkeys(c.categories))
    labelled = [(label, cats[key]) for key, label in DEFAULT_CATEGORIES.items()]
    labelled += [(key, n) for key, n in sorted(cats.items()) if key not in DEFAULT_CATEGORIES]
    by_category = [(label, protect({"n": n}, [], t)["n"]) for label, n in labelled if n >= t]
    return BreachSummary(shown["total"], by_category, rows, t, len(cases))


def contains_any(needles: Iterable[str], *, whole_words: bool = False) -> Callable[[str], bool]:
    """``lambda text: any(n in text for n in needles)`` (with ``whole_words``, only where no
    letter, digit or underscore touches it on either side, as the regex
    ``(?<!\\w)n(?!\\w)`` would say), but in time that grows with the text and not with the
    number of needles: every case's reference and subject tested against every due item was
    quadratic (minutes at 10,000 cases)."""
    wanted = set(needles)
    if "" in wanted and not whole_words:
        return lambda text: True
    wanted.discard("")
    by_first: dict[str, set[int]] = {}
    for n in wanted:
        by_first.setdefault(n[0], set()).add(len(n))
    lengths = {ch: sorted(ns) for ch, ns in by_first.items()}

    def word(ch: str) -> bool:  # what \w matches in a str pattern
        return ch.isalnum() or ch == "_"

    def test(text: str) -> bool:
        end = len(text)
        for i, ch in enumerate(text):
            for n in lengths.get(ch, ()):
                if text[i : i + n] in wanted and not (
                    whole_words
                    and ((i and word(text[i - 1])) or (i + n < end and word(text[i + n])))
                ):
                    return True
        return False

    return test


# Anything shaped like a case reference (SM-2026-003), even one the council no longer holds.
_REFERENCE = re.compile(r"\b[A-Za-z]{1,6}-\d{4}-\d{1,6}\b")


def _public_safe(
    item: DueItem, secrets: Callable[[str], bool], names: Callable[[str], bool], staff: set[str]
) -> bool:
    """A due item the public may see: not about a case, and naming no case or third party.
    A reminder is the Clerk's free text, so it is also withheld if it names anyone who is the
    subject of a case (full name or surname) or who reported one."""
    if item.confidential or _REFERENCE.search(item.title):
        return False
    if item.person is not None and item.person in staff:
        return False  # staff are not named as owing anything in public
    title = item.title.casefold()
    if secrets(title):
        return False
    if item.kind is DueKind.REMINDER:
        folded = fold(item.title)
        return not names(folded)
    return True


def _case_names(data: CouncilData) -> Callable[[str], bool]:
    """Whether a (folded) text names, as a whole word, someone under a procedure or someone who
    reported a case."""
    words: set[str] = set()
    for case in data.cases:
        if case.disposed_on is not None:
            continue
        if case.subject.person:
            person = data.person(case.subject.person)
            if person is not None:
                full = fold(person.name.strip())
                words.add(full)
                parts = [w for w in re.split(r"[\s,]+", full) if len(w) >= 3]
                if len(parts) > 1:
                    words.add(parts[-1])
        for text in (case.reported_by, case.subject.name or ""):
            if text.strip():
                words.add(fold(text.strip()))
    return contains_any(words, whole_words=True)


def _staff_matters(data: CouncilData) -> Callable[[DueItem], bool]:
    """Whether a due item belongs to the staffing committee: about a disciplinary case, or a
    reminder naming one's reference or the member of staff it is about."""
    refs = {c.reference for c in data.cases if c.procedure is Procedure.DISCIPLINARY}
    folded = set()
    for c in data.cases:
        person = data.person(c.subject.person) if c.subject.person else None
        if c.procedure is Procedure.DISCIPLINARY and person is not None:
            folded.add(fold(person.name.strip()))
    patterns = [re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)") for n in folded if n]

    names_a_ref = contains_any(r.casefold() for r in refs)

    def test(item: DueItem) -> bool:
        if item.ref.table == "cases" and item.ref.id in refs:
            return True
        if names_a_ref(item.title.casefold()):
            return True
        title = fold(item.title)
        return any(p.search(title) for p in patterns)

    return test


def pack_view(
    data: CouncilData,
    meeting: date,
    *,
    confidential: bool,
    agenda_item: str = "",
    title: str = "",
    recommendation: str | None = None,
    since: date | None = None,
    exclusion_item: str = "",
    chain_head: str = "",
) -> PackView:
    """The public pack (counts only, councillors named, staff counted) or the confidential
    part (councillor matters only, nothing of the public sections reprinted)."""
    text = item_text(data, meeting, title=title, recommendation=recommendation)
    window = data.council.due_soon_days
    view = PackView(
        council=data.council.name,
        meeting=meeting,
        agenda_item=agenda_item,
        confidential=confidential,
        policies=[],
        acknowledgements=[],
        summary=_summary(data, meeting),
        due_until=meeting + timedelta(days=window),
        due=[],
        title=text.title,
        exclusion_item=exclusion_item,
        noun=council_noun(data.council),
    )
    items = compute_due(data, on=meeting, window=window)
    secrets = contains_any(
        s.casefold() for c in data.cases for s in (c.reference, c.subject.name or "") if s.strip()
    )
    names = _case_names(data)
    staff = {p.id for p in data.people if p.role not in MEMBER_ROLES}
    kept = [i for i in items if _public_safe(i, secrets, names, staff)]
    if confidential:
        view.scope = scope(data.council, meeting, since)
        view.cards = case_cards(data, meeting, view.scope.since)
        view.chain_head = chain_head
        # what the public pack left out, less what belongs to the staffing committee
        staff_only = _staff_matters(data)
        public = {id(i) for i in kept}  # (a list's "in" was quadratic)
        view.due = [
            DueLine(show(i.due), i.kind.label, i.title, i.state.capitalize())
            for i in items
            if id(i) not in public and i.person not in staff and not staff_only(i)
        ]
        return view
    view.due = [DueLine(show(i.due), i.kind.label, i.title, i.state.capitalize()) for i in kept]
    view.due_withheld = len(items) - len(kept)
    view.policies = _policies(data, meeting)
    view.acknowledgements = _acknowledgements(data, meeting)
    view.text = text
    return view
