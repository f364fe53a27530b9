"""Acknowledgements: people by the current version of each policy."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from ...domain.dates import show
from ...domain.due import binding_version, current_version, outstanding_acknowledgements
from ...domain.records import Acknowledgement, Policy, PolicyVersion
from ..flows import issue_version, record_ack, record_meeting
from .base import Page

SHORT_HOW = {"signed form": "form", "at meeting": "meeting"}


class AcknowledgementsPage(Page):
    MODE = "acknowledgements"
    BINDINGS = [
        Binding("a", "record", "Record", id="acks-record",
                tooltip="Record an acknowledgement for the highlighted cell"),
        Binding("m", "meeting", "Meeting", id="acks-meeting",
                tooltip="Tick everyone who signed at a meeting"),
        Binding("v", "version", "New version", id="acks-version",
                tooltip="Issue a new version of the highlighted column's policy"),
        Binding("slash", "focus_filter", "Filter", id="acks-filter"),
    ]
    WRITE_ACTIONS = frozenset({"record", "meeting", "version"})

    def __init__(self) -> None:
        super().__init__()
        self.columns: list[tuple[Policy, PolicyVersion]] = []
        self.people: list[str] = []

    def body(self) -> ComposeResult:
        yield Input(placeholder="Filter people: type a name or role", compact=True,
                    id="acks-filter-box")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, header_height=2)
        yield Static("✓ acknowledged (date, how) · owed: outstanding, with the date it was due "
                     "· n/a: not bound", id="acks-legend", markup=False)

    @property
    def matrix(self) -> DataTable[Any]:
        return self.query_one("#matrix", DataTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.matrix.focus()

    def reload(self) -> None:
        data, today = self.clerk.data(), self.clerk.today
        owed = {(o.person.id, o.policy.id): o for o in outstanding_acknowledgements(data, today)}
        adopted = {v.id: (v.policy, v.adopted) for v in data.versions}
        latest: dict[tuple[str, str], Acknowledgement] = {}
        for ack in data.acknowledgements:
            pol, when = adopted.get(ack.version, (None, None))
            if pol is None:
                continue
            prev = latest.get((ack.person, pol))
            if prev is None or (when, ack.on) > (adopted[prev.version][1], prev.on):
                latest[(ack.person, pol)] = ack
        self.columns = [(p, v) for p in data.policies
                        if (v := current_version(data, p.id, today)) is not None
                        and binding_version(data, p.id, today) is not None]
        query = self.query_one("#acks-filter-box", Input).value.strip().lower()
        people = sorted((p for p in data.people if p.active_on(today)),
                        key=lambda p: (not p.is_member, p.name))
        if query:
            people = [p for p in people if query in f"{p.name} {p.role.label}".lower()]
        table = self.matrix
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Person", width=22)
        for policy, version in self.columns:
            n = sum(1 for (_, pol) in owed if pol == policy.id)
            table.add_column(Text(f"{policy.title} {version.label}\n{n} owed"), width=18)
        self.people = [p.id for p in people]
        for p in people:
            row: list[Text] = [Text(p.name)]
            for policy, _ in self.columns:
                if p.role not in policy.binds:
                    row.append(Text("n/a", style="dim"))
                elif (p.id, policy.id) in owed:
                    row.append(Text(f"owed {show(owed[(p.id, policy.id)].due)}",
                                    style="bold red"))
                elif (ack := latest.get((p.id, policy.id))) is not None:
                    row.append(Text(f"✓ {show(ack.on)} {SHORT_HOW.get(ack.how, ack.how)}",
                                    style="green"))
                else:
                    row.append(Text("—", style="dim"))
            table.add_row(*row, key=p.id, height=1)
        if self.people:
            table.move_cursor(row=min(cursor.row, len(self.people) - 1),
                              column=max(1, min(cursor.column, len(self.columns))),
                              animate=False)

    @on(Input.Changed, "#acks-filter-box")
    def _filter(self) -> None:
        self.reload()

    @on(Input.Submitted, "#acks-filter-box")
    def _filter_done(self) -> None:
        self.matrix.focus()

    def _cell(self) -> tuple[str, Policy, PolicyVersion] | None:
        coord = self.matrix.cursor_coordinate
        if not self.people or coord.column < 1 or coord.column > len(self.columns):
            return None
        policy, version = self.columns[coord.column - 1]
        return self.people[coord.row], policy, version

    @on(DataTable.CellSelected, "#matrix")
    def _selected(self) -> None:
        if not self.clerk.read_only:
            self.action_record()

    def action_record(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        pid, policy, version = cell
        person = self.clerk.data().person(pid)
        if person is not None and person.role not in policy.binds:
            self.notify(f"{policy.title} does not bind a {person.role.label.lower()}.",
                        markup=False)
            return
        record_ack(self.clerk, pid, version.id)

    def action_meeting(self) -> None:
        cell = self._cell()
        record_meeting(self.clerk, cell[2].id if cell else None)

    def action_version(self) -> None:
        cell = self._cell()
        if cell is None and self.columns:
            cell = ("", *self.columns[0])
        if cell is not None:
            issue_version(self.clerk, cell[1].id)

    def action_focus_filter(self) -> None:
        self.query_one("#acks-filter-box", Input).focus()
