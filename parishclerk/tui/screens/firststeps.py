"""A new council's first steps: its people (from a spreadsheet), its policies and their current
versions, who has acknowledged them, its social media accounts.  Each is one key away, ticked
when the records show it done (never remembered), and the council opens here until all are."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.overview import ACCOUNTS, ACKNOWLEDGEMENTS, PEOPLE, POLICIES, Step, first_steps
from ..flows import (
    READ_ONLY,
    edit_account,
    edit_person,
    edit_policy,
    import_people,
    issue_version,
    record_meeting,
)
from ..widgets.safe import visible
from .base import Page

KEYS = {PEOPLE: "i", POLICIES: "p", ACKNOWLEDGEMENTS: "a", ACCOUNTS: "s"}
"""Each step's key (1 to 8 are the pages)."""
DOING = {
    PEOPLE: "import a spreadsheet (CSV: name, role, joined); n adds one person",
    POLICIES: "add a policy, then its current version",
    ACKNOWLEDGEMENTS: "tick who has signed each policy's current version",
    ACCOUNTS: "add one of the council's accounts, and who may post",
}


class FirstStepsScreen(Page):
    MODE = "dashboard"
    BINDINGS = [
        Binding("i", "step('people')", "People", id="steps-people", tooltip=DOING[PEOPLE]),
        Binding(
            "n", "person", "One person", id="steps-person", tooltip="Add one person", show=False
        ),
        Binding("p", "step('policies')", "Policies", id="steps-policies", tooltip=DOING[POLICIES]),
        Binding(
            "a",
            "step('acknowledgements')",
            "Acks",
            id="steps-acks",
            tooltip=DOING[ACKNOWLEDGEMENTS],
        ),
        Binding("s", "step('accounts')", "Accounts", id="steps-accounts", tooltip=DOING[ACCOUNTS]),
        Binding("escape", "later", "Dashboard", id="steps-later", tooltip="The Dashboard for now"),
    ]
    WRITE_ACTIONS = frozenset({"step", "person"})

    def __init__(self, *, until_done: bool = True) -> None:
        super().__init__()
        self.until_done = until_done
        """Opened because the council is not set up: gives way to the Dashboard once it is."""
        self.steps: list[Step] = []

    def body(self) -> ComposeResult:
        with VerticalScroll(id="record"):
            yield Static("", id="steps-intro", markup=False)
            yield OptionList(id="steps")
            yield Static("", id="steps-note", markup=False)

    @property
    def options(self) -> OptionList:
        return self.query_one("#steps", OptionList)

    def on_mount(self) -> None:
        super().on_mount()
        self.options.focus()

    def reload(self) -> None:
        self.steps = first_steps(self.clerk.data(), self.clerk.today)
        done = sum(1 for s in self.steps if s.done)
        if self.until_done and done == len(self.steps):
            self.notify("All the first steps are done: the council opens on its Dashboard now.")
            self.dismiss(None)
            return
        intro = Text()
        intro.append(f"First steps for {visible(self.clerk.council_name)}", style="bold")
        intro.append(
            f"\n{done} of {len(self.steps)} done. Each step is ticked when the records show it; "
            "the council opens here until all are, then on its Dashboard."
        )
        if self.clerk.read_only:
            intro.append(
                "\nRead-only: the Clerk does these steps; nothing can be changed here.",
                style="bold",
            )
        self.query_one("#steps-intro", Static).update(intro)
        at = self.options.highlighted
        self.options.clear_options()
        for step in self.steps:
            self.options.add_option(Option(self._prompt(step), id=step.name))
        undone = next((i for i, s in enumerate(self.steps) if not s.done), 0)
        self.options.highlighted = undone if at is None else at
        self.query_one("#steps-note", Static).update(
            "Escape: the Dashboard for now. ctrl+p “First steps” comes back here."
            if not self.clerk.read_only
            else "Escape: the Dashboard. ctrl+p “First steps” comes back here."
        )

    def _prompt(self, step: Step) -> Text:
        text = Text(no_wrap=False)
        text.append("[✓] " if step.done else "[ ] ", style="bold green" if step.done else "bold")
        if not self.clerk.read_only:
            text.append(f"{KEYS[step.name]}  ", style="bold")
        text.append(step.title, style="bold" if not step.done else "")
        indent = " " * (4 if self.clerk.read_only else 7)  # under the step's title
        text.append(f"\n{indent}{visible(step.detail)}", style="dim" if step.done else "")
        if not step.done and not self.clerk.read_only:
            text.append(f"\n{indent}{KEYS[step.name]}: {DOING[step.name]}", style="italic")
        return text

    @on(OptionList.OptionSelected, "#steps")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self.clerk.read_only:
            self.notify(READ_ONLY, severity="warning")
        elif event.option.id:
            self.action_step(event.option.id)

    def _step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def action_step(self, name: str) -> None:
        """Do the step: its form opens (the checklist stays beneath it)."""
        step = self._step(name)
        if step is None:
            return
        if name == PEOPLE:
            import_people(self.app)
        elif name == POLICIES:
            if step.policy is not None:  # a policy with no version yet: issue it
                issue_version(self.app, step.policy)
            else:
                edit_policy(self.app, None, then_version=True)
        elif name == ACKNOWLEDGEMENTS:
            if not step.done and step.version is None:
                self.notify(f"Not yet: {step.detail}.", markup=False)
            else:
                record_meeting(self.app, step.version)
        elif name == ACCOUNTS:
            edit_account(self.app, None)

    def action_person(self) -> None:
        edit_person(self.app, None)

    def action_later(self) -> None:
        self.dismiss(None)
