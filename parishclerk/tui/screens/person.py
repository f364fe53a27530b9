"""One person: role and dates, where they stand with every policy, the cases about them, the
accounts they may post on, what is due for them; each row opens what it names."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from ...domain.dates import show
from ...domain.due_items import DueItem
from ...domain.overview import Standing, accounts_of, cases_about, due_for, standings
from ...domain.records import Account, Case, Person
from ..flows import edit_person, record_ack, record_left
from ..messages import OpenRecord
from ..widgets.columns import Column, fit_widths, natural_widths
from ..widgets.safe import plain, visible
from ..widgets.sections import Record, Section
from .base import SubPage

SECTIONS = ("policies", "cases", "accounts", "due")
COLUMNS = {
    "policies": [Column("Policy", min=12), Column("Version", min=6), Column("Standing", min=17)],
    "cases": [
        Column("Case", min=11),
        Column("State", min=8, give=2),
        Column("Received", 11),
        Column("What happened", min=6, give=3),
    ],
    "accounts": [
        Column("Account", min=12),
        Column("Kind", 12),
        Column("Access review", 13),
    ],
    "due": [Column("Due", 13), Column("What", min=12)],
}
"""Each section's columns: the first tells rows apart and is cut last; dates are never cut."""
SHORT_HOW = {"signed form": "form", "at meeting": "meeting"}


def cell(text: str, style: str = "") -> Text:
    """A cell cut with an ellipsis, never wrapped; user text shown literally."""
    return Text(visible(text), style=style, no_wrap=True, overflow="ellipsis")


def standing_cell(s: Standing, today: Any) -> Text:
    """Acknowledged (when, how), owed (by when; overdue marked) or not bound: read without
    colour as well as with it."""
    if s.owed is not None:
        if s.owed.due < today:
            return cell(f"! overdue, due {show(s.owed.due)}", "bold red")
        return cell(f"owed by {show(s.owed.due)}", "yellow")
    if s.acknowledged is not None:
        of = "" if s.acknowledged_label == s.version.label else f" (of {s.acknowledged_label})"
        how = SHORT_HOW.get(s.acknowledged.how, s.acknowledged.how)
        return cell(f"✓ {show(s.acknowledged.on)} {how}{of}", "green")
    if not s.bound:
        return cell("not bound", "dim")
    return cell("—", "dim")


def without_name(title: str, name: str) -> str:
    """A due item's title on its person's own page, without their name: "Social Media Policy
    2025: to acknowledge (…)", "To register interests (…)"."""
    if title.startswith(f"{name} to "):
        rest = title[len(name) + 1 :]
        return rest[:1].upper() + rest[1:]
    return title.replace(f": {name} to ", ": to ", 1)


class PersonScreen(SubPage):
    MODE = "people"
    BINDINGS = [
        Binding("e", "edit", "Edit", id="person-edit", tooltip="Change this person's details"),
        Binding("e", "view", "Details", id="person-view", tooltip="This person's details"),
        Binding(
            "a",
            "acknowledge",
            "Acknowledge",
            id="person-ack",
            tooltip="Record an acknowledgement: the highlighted policy, or the first owed",
        ),
        Binding("x", "left", "Left", id="person-left", tooltip="Record that they have left"),
    ]
    WRITE_ACTIONS = frozenset({"edit", "acknowledge", "left"})

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id
        self.person: Person | None = None
        self.standings: list[Standing] = []
        self.cases: list[Case] = []
        self.accounts: list[Account] = []
        self.due: list[DueItem] = []
        self._width = 0
        """The width the columns were last shared out in."""

    def body(self) -> ComposeResult:
        with Record(id="record"):
            yield Static("", id="person-info", markup=False)
            for name in SECTIONS:
                yield Label("", classes="section", id=f"{name}-title", markup=False)
                yield Section(id=f"person-{name}", cursor_type="row")

    def table(self, name: str) -> DataTable[Any]:
        return self.query_one(f"#person-{name}", DataTable)

    def on_mount(self) -> None:
        super().on_mount()
        first = next((t for t in self.query(DataTable) if t.display), None)
        (first or self.query_one("#record")).focus()

    @on(Record.Resized)
    def _resized(self) -> None:
        width = self.query_one(Record).scrollable_content_region.width
        if self._seen != -1 and width and width != self._width:
            self.reload()

    def reload(self) -> None:
        data, today = self.clerk.data(), self.clerk.today
        person = self.person = data.person(self.person_id)
        info = self.query_one("#person-info", Static)
        if person is None:
            info.update(f"There is no person {visible(self.person_id)}.")
            for t in self.query(DataTable):
                t.display = False
            for name in SECTIONS:
                self.query_one(f"#{name}-title", Label).display = False
            return
        text = Text()
        text.append(visible(person.name), style="bold")
        text.append(f"\n{person.role.label}, joined {show(person.joined)}; ")
        if person.left is not None:
            text.append(f"left {show(person.left)}", style="bold")
        else:
            text.append("serving")
        if person.is_member:
            text.append("\nInterests: ")
            if person.interests_registered is not None:
                text.append(f"registered {show(person.interests_registered)}")
            else:
                text.append("not registered", style="bold")
        if person.email:
            text.append(f"\nEmail: {visible(person.email)}")
        if person.notes:
            text.append(f"\nNotes: {visible(person.notes, multiline=True)}")
        info.update(text)
        self.refresh_bindings()

        self.standings = standings(data, person, today)
        self.cases = cases_about(data, person.id)
        self.accounts = accounts_of(data, person.id)
        self.due = due_for(data, person.id, today)
        owed = sum(1 for s in self.standings if s.owed is not None)
        read_only = self.clerk.read_only
        self._fill(
            "policies",
            f"Policies: {owed} owed" + ("" if read_only or not owed else " (Enter records one)"),
            [
                [cell(s.policy.title), cell(s.version.label), standing_cell(s, today)]
                for s in self.standings
            ],
            "no policy has a current version",
        )
        self._fill(
            "cases",
            "Cases about them",
            [
                [
                    cell(c.reference),
                    cell(c.status.label, "" if c.status.is_open else "dim"),
                    cell(show(c.received)),
                    cell(c.summary),
                ]
                for c in self.cases
            ],
            "none",
        )
        self._fill(
            "accounts",
            "Accounts they may post on",
            [
                [
                    cell(f"{a.platform} {a.handle}"),
                    cell("official" if a.official else "departmental"),
                    cell(show(a.access_review)),
                ]
                for a in self.accounts
            ],
            "none",
        )
        self._fill(
            "due",
            "Due for them",
            [
                [
                    cell(f"! {show(d.due)}", "bold red")
                    if d.overdue
                    else cell(f"  {show(d.due)}", "yellow"),
                    cell(without_name(d.title, person.name)),
                ]
                for d in self.due
            ],
            "nothing overdue or due soon",
        )

    def _fill(self, name: str, title: str, rows: list[list[Text]], empty: str) -> None:
        """A section's rows, its columns sharing the width (what tells rows apart cut last)."""
        table = self.table(name)
        cursor = table.cursor_row
        table.clear(columns=True)
        columns = COLUMNS[name]
        # each column's padding, and the table's own scroll bar once it holds more rows than
        # it shows (app.tcss: max-height 14)
        # the body's width less its scroll bar (before the first layout: the window's, less
        # the page's padding and scroll bar)
        body = self.query_one(Record).scrollable_content_region.width
        self._width = body
        page = max(30, body - 2 if body else self.app.size.width - 4)
        room = page - 2 * len(columns) - (2 if len(rows) > 12 else 0)
        widths = fit_widths(columns, room, natural_widths(columns, rows))
        for column, width in zip(columns, widths, strict=True):
            table.add_column(column.label, width=width)
        for row in rows:
            table.add_row(*row)
        table.display = bool(rows)
        label = self.query_one(f"#{name}-title", Label)
        label.update(plain(title if rows else f"{title}: {empty}"))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    # -- moving between the sections -----------------------------------------------------------

    @on(Section.Leave)
    def _leave(self, event: Section.Leave) -> None:
        event.move_on(self.query(Section))

    # -- rows open what they name ---------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        name = (event.data_table.id or "").removeprefix("person-")
        row = event.cursor_row
        if name == "policies" and row < len(self.standings):
            s = self.standings[row]
            if s.owed is not None and not self.clerk.read_only:
                record_ack(self.app, self.person_id, s.owed.version.id)
            else:
                self.post_message(OpenRecord("policies", s.policy.id))
        elif name == "cases" and row < len(self.cases):
            self.post_message(OpenRecord("cases", self.cases[row].reference))
        elif name == "accounts" and row < len(self.accounts):
            self.post_message(OpenRecord("accounts", self.accounts[row].id))
        elif name == "due" and row < len(self.due):
            item = self.due[row]
            if item.ref.table == "people" and item.ref.id == self.person_id:
                self.action_edit()  # their register of interests: a field of their details
            else:
                self.post_message(OpenRecord(item.ref.table, item.ref.id, item.person))

    # -- actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "left" and self.person is not None and self.person.left is not None:
            return False  # already left: no key for it
        return super().check_action(action, parameters)

    def action_edit(self) -> None:
        edit_person(self.app, self.person_id)

    def action_view(self) -> None:
        edit_person(self.app, self.person_id)

    def action_acknowledge(self) -> None:
        owed = [s.owed for s in self.standings if s.owed is not None]
        policies = self.table("policies")
        if policies.has_focus and policies.cursor_row < len(self.standings):
            chosen = self.standings[policies.cursor_row].owed
            if chosen is not None:
                owed = [chosen]
        if not owed:
            name = self.person.name if self.person else "This person"
            self.notify(f"{name} owes no acknowledgement.", markup=False)
            return
        record_ack(self.app, self.person_id, owed[0].version.id)

    def action_left(self) -> None:
        record_left(self.app, self.person_id)
