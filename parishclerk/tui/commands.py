"""The command palette: every page, every action and every record, by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from .messages import GoTo, OpenRecord
from .session import session
from .widgets.chrome import PAGES

# (title, help, page, action on that page, writes?)
ACTIONS: list[tuple[str, str, str, str, bool]] = [
    ("New person", "Add a councillor, member of staff or volunteer", "people", "new", True),
    ("Edit person", "Change the highlighted person", "people", "edit", True),
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
    ("Filter due items by kind", "Cycle through the kinds of due item", "due", "kind", False),
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


class ClerkCommands(Provider):
    """Pages, actions and records, filtered out when they would write in read-only mode."""

    def _post(self, message: Message) -> None:
        self.app.post_message(message)

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        clerk, post = session(self.app), self._post
        if clerk.store is None:
            return
        for i, (mode, label) in enumerate(PAGES, 1):
            yield (f"Go to {label}", f"Key {i}", partial(post, GoTo(mode)))
        for title, help_text, mode, action, writes in ACTIONS:
            if writes and clerk.read_only:
                continue
            yield (title, help_text, partial(post, GoTo(mode, action)))
        yield (
            "Switch council",
            "Open another council, or start a new one",
            partial(self.app.run_action, "councils"),
        )
        data = clerk.data()
        for case in data.cases[-500:]:
            yield (
                f"Open case {case.reference}",
                data.subject_name(case),
                partial(post, OpenRecord("cases", case.reference)),
            )
        for person in data.people:
            yield (
                f"Open person {person.name}",
                person.role.label,
                partial(post, OpenRecord("people", person.id)),
            )

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if title.startswith("Open "):
                continue
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
