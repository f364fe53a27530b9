"""The command palette: every page, every action and every record, by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .widgets.chrome import PAGES

if TYPE_CHECKING:
    from .app import ParishClerkApp

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

    @property
    def clerk(self) -> ParishClerkApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self.clerk
        if app.store is None:
            return
        for i, (mode, label) in enumerate(PAGES, 1):
            yield (f"Go to {label}", f"Key {i}", partial(app.go_to, mode))
        for title, help_text, mode, action, writes in ACTIONS:
            if writes and app.read_only:
                continue
            yield (title, help_text, partial(app.go_to, mode, action))
        yield ("Switch council", "Open another council, or start a new one", app.action_councils)
        data = app.data()
        for case in data.cases[-500:]:
            yield (
                f"Open case {case.reference}",
                data.subject_name(case),
                partial(_open_case, app, case.reference),
            )
        for person in data.people:
            yield (
                f"Open person {person.name}",
                person.role.label,
                partial(_open_person, app, person.id),
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


def _open_case(app: ParishClerkApp, reference: str) -> None:
    from .screens.case import CaseScreen

    app.push_screen(CaseScreen(reference))


def _open_person(app: ParishClerkApp, pid: str) -> None:
    from .flows import open_ref

    open_ref(app, "people", pid)
