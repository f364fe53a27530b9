"""The command palette: every page, every action and every record, by name.

Records are found by what a clerk remembers of them, accent-blind ("sian" finds Siân, "wyn"
finds Ŵyn): a person by name or role, a case by reference, subject, reporter, platform or the
words of its summary, a policy by title, a reminder by title, an account by platform or handle.
A record's text is shown literally (never as markup) with control characters escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message
from textual.style import Style

from ..domain.records import CouncilData
from ..domain.text import fold_search
from .messages import GoTo, OpenRecord
from .session import session
from .widgets.chrome import PAGES
from .widgets.safe import content, literal, visible

SHOWN = 40
"""The best hits shown for a query (a council with 10,000 cases matches many)."""

# (title, help, page, action on that page, writes?)
ACTIONS: list[tuple[str, str, str, str, bool]] = [
    ("New person", "Add a councillor, member of staff or volunteer", "people", "new", True),
    ("Edit person", "Change the highlighted person", "people", "edit", True),
    (
        "Import people from a spreadsheet (CSV)",
        "Add or update people: columns name, role, joined (key i on People)",
        "people",
        "import",
        True,
    ),
    ("Record that someone left", "Archive the highlighted person", "people", "archive", True),
    ("New policy", "Add a policy the council has adopted", "policies", "new", True),
    (
        "Issue a new policy version",
        "Adopt a new version of the highlighted policy",
        "policies",
        "version",
        True,
    ),
    (
        "Record an acknowledgement",
        "For the highlighted person and policy",
        "acknowledgements",
        "record",
        True,
    ),
    (
        "Record a meeting's acknowledgements",
        "Tick everyone who signed at a meeting",
        "acknowledgements",
        "meeting",
        True,
    ),
    ("Log a breach", "Open a new social media breach case", "breaches", "new", True),
    ("New reminder", "A reminder of your own, once or repeating", "due", "new", True),
    (
        "Mark reminder done",
        "The highlighted reminder (a repeating one moves on)",
        "due",
        "done",
        True,
    ),
    ("Filter due items by kind", "Choose a kind of due item from a list", "due", "kind", False),
    (
        "Calendar file of what is due (.ics)",
        "For Outlook, Google or Apple Calendar (key c on the Due page)",
        "due",
        "calendar",
        False,
    ),
    ("New social media account", "Add one of the council's accounts", "accounts", "new", True),
    ("Generate a report", "Make the chosen PDF report", "reports", "generate", False),
]


@dataclass
class Entry:
    """One thing the palette offers: ``title`` shown, ``help`` under it, ``words`` searched
    besides the title (folded), ``record``: a record rather than a page or an action."""

    title: str
    help: str
    run: Callable[[], object]
    words: str = ""
    record: bool = False
    folded: str = field(init=False, default="")
    origin: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.title = visible(self.title)
        self.help = visible(self.help)
        self.folded, self.origin = folded_with_origin(self.title)
        self.words = fold_search(visible(self.words))


def folded_with_origin(text: str) -> tuple[str, list[int]]:
    """``text`` folded (lower case, no accents or apostrophes), and for each folded character
    the index of the character of ``text`` it came from (to highlight what matched)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = fold_search(ch)
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def score(entry: Entry, words: list[str]) -> tuple[float, set[int]]:
    """How well ``words`` (folded) match: every word must be in the title or the other words;
    a match at the start of a title word counts most.  Also the title's characters to
    highlight."""
    total, marks = 0.0, set()
    for word in words:
        at = entry.folded.find(word)
        if at >= 0:
            start = at == 0 or not entry.folded[at - 1].isalnum()
            total += 2.0 if start else 1.0
            marks.update(entry.origin[at : at + len(word)])
        elif word in entry.words:
            total += 0.5
        else:
            return 0.0, set()
    return total / (2.0 * len(words)), marks


def highlighted(entry: Entry, marks: set[int], style: Style | str) -> Content:
    shown = content(entry.title)
    for i in sorted(marks):
        shown = shown.stylize(style, i, i + 1)
    return shown


class ClerkCommands(Provider):
    """Pages, actions and records, filtered out when they would write in read-only mode."""

    entries: list[Entry]
    """Built when the palette opens (see :meth:`startup`)."""

    def _post(self, message: Message) -> None:
        self.app.post_message(message)

    def _open(self, table: str, key: str) -> Callable[[], object]:
        return partial(self._post, OpenRecord(table, key))

    def _entries(self) -> Iterator[Entry]:
        clerk, post = session(self.app), self._post
        if clerk.store is None:
            return
        for i, (mode, label) in enumerate(PAGES, 1):
            yield Entry(f"Go to {label}", f"Key {i}", partial(post, GoTo(mode)))
        for title, help_text, mode, action, writes in ACTIONS:
            if writes and clerk.read_only:
                continue
            yield Entry(title, help_text, partial(post, GoTo(mode, action)))
        yield Entry(
            "Switch council",
            "Open another council, or start a new one",
            partial(self.app.run_action, "councils"),
        )
        yield Entry(
            "First steps",
            "Setting the council up: people, policies, acknowledgements, accounts",
            partial(self.app.run_action, "first_steps"),
            "checklist new council start setup import spreadsheet csv",
        )
        yield from self._records(clerk.data())

    def _records(self, data: CouncilData) -> Iterator[Entry]:
        for person in data.people:
            yield Entry(
                f"Open person {person.name}",
                person.role.label + (" (left)" if person.left else ""),
                self._open("people", person.id),
                f"{person.role.label} {person.email or ''}",
                record=True,
            )
        for case in reversed(data.cases):
            subject = data.subject_name(case)
            yield Entry(
                f"Open case {case.reference}: {subject}",
                f"{case.status.label} · {case.platform} · {case.summary}"[:120],
                self._open("cases", case.reference),
                f"{case.reported_by} {case.platform} {case.summary} {' '.join(case.categories)}",
                record=True,
            )
        for policy in data.policies:
            yield Entry(
                f"Open policy {policy.title}",
                "Its versions and who owes an acknowledgement",
                self._open("policies", policy.id),
                record=True,
            )
        for reminder in data.reminders:
            if not reminder.done:
                yield Entry(
                    f"Open reminder {reminder.title}",
                    "A reminder of your own",
                    self._open("reminders", reminder.id),
                    reminder.notes,
                    record=True,
                )
        for account in data.accounts:
            yield Entry(
                f"Open account {account.platform} {account.handle}",
                "official" if account.official else "departmental",
                self._open("accounts", account.id),
                record=True,
            )

    async def startup(self) -> None:
        self.entries = list(self._entries())

    async def discover(self) -> Hits:
        for entry in self.entries:
            if not entry.record:
                yield DiscoveryHit(content(entry.title), entry.run, help=literal(entry.help))

    async def search(self, query: str) -> Hits:
        words = fold_search(query).split()
        if not words:
            return
        style = self.matcher(query).match_style
        found = []
        for entry in self.entries:
            value, marks = score(entry, words)
            if value > 0:
                found.append((value, marks, entry))
        found.sort(key=lambda hit: hit[0], reverse=True)
        for value, marks, entry in found[:SHOWN]:
            yield Hit(
                value,
                highlighted(entry, marks, style),
                entry.run,
                text=entry.title,
                help=literal(entry.help),
            )
