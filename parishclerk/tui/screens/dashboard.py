"""The Dashboard: what is overdue and due soon, open cases by state, acknowledgement bars."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, Label, Static

from ...domain.case_due import open_counts
from ...domain.dates import show
from ...domain.due import (
    Outstanding,
    binding_version,
    current_version,
    first_due,
    outstanding_acknowledgements,
)
from ...domain.due_items import DueItem
from ...domain.procedures import STATES
from ...domain.records import CouncilData, Procedure, Status
from ...domain.subject_access import answered_record
from ..flows import record_meeting
from ..messages import GoTo, OpenRecord
from ..session import SHORT_PROCEDURE as SHORT
from ..widgets.bars import bar
from ..widgets.columns import cell_width
from ..widgets.safe import plain, visible
from .base import Page

NARROW = 130
"""Below this the side goes under the due list: beside it, the due list would cut the names."""
NARROW_CLASS = "-narrow"
SIDE_WIDTH = 50
SHOWN = 100
DUE_WIDTH = 13
"""``! 30 Nov 2026``: the overdue marker and a date."""
GAP = 2
"""Cells between the date and what is due (as between two of the table's columns)."""


class DashboardPage(Page):
    MODE = "dashboard"
    BINDINGS = [
        Binding(
            "m",
            "meeting",
            "Meeting acks",
            id="dash-meeting",
            tooltip="Record the acknowledgements signed at a meeting",
        ),
        Binding("r", "reload", "Refresh", id="dash-refresh", show=False),
    ]
    WRITE_ACTIONS = frozenset({"meeting"})

    def __init__(self) -> None:
        super().__init__()
        self.items: list[DueItem] = []
        """The first ``SHOWN`` of what is due, in order."""
        self.overdue = 0
        self.total = 0
        """How many items are overdue, and due in all (10,000 open cases: 10,000 items)."""
        self.case_rows: list[str] = []
        self.ack_rows: list[str] = []
        self._filled_for: tuple[list[DueItem], int, int] | None = None
        self._side_mounting: AwaitMount | None = None
        self._side_from: (
            tuple[CouncilData, date, list[Outstanding], Counter[tuple[Procedure, Status]]] | None
        ) = None
        """What the side is filled from: the records the due list was last filled from (their
        cases perhaps not read: see ``due_records``) and the open cases by procedure and state."""

    def body(self) -> ComposeResult:
        # narrow or not from the start: a class set after mounting restyles the whole page
        narrow = NARROW_CLASS if self.app.size.width < NARROW else ""
        with Horizontal(id="dash", classes=narrow):
            with Vertical(id="dash-due"):
                yield Label("Overdue and due soon", id="due-title", classes="section")
                yield DataTable(id="due-table", cursor_type="row")
            yield Vertical(id="dash-side")  # filled just after the first frame: see reload

    def _side(self) -> list[Widget]:
        cases: DataTable[str | Text] = DataTable(id="cases-table", cursor_type="row")
        cases.add_column("Procedure", width=15)
        cases.add_column("State", width=23)
        cases.add_column("No.", width=4)
        return [
            Label("Open cases", classes="section"),
            cases,
            Label("Acknowledgements of current versions", classes="section"),
            DataTable(id="acks-table", cursor_type="row"),
            Label("Subject access requests", id="sar-title", classes="section"),
            Static(id="sar-lines", markup=False),
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#due-table").focus()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        """The due list first; open cases and the acknowledgement bars (their widgets too, the
        first time) just after the frame that shows it: the start paints sooner."""
        # no case timelines needed; at the start, not even the cases (see ``due_records``)
        (data, agenda), today = self.clerk.due_records(), self.clerk.today
        owed = outstanding_acknowledgements(data, today)
        due = first_due(data, today, SHOWN, outstanding=owed, cases=agenda)
        self.items, self.overdue, self.total = due.first, due.overdue, due.total
        self._fill_due()
        states = open_counts(data.cases) if agenda is None else agenda.open_counts()
        self._side_from = (data, today, owed, states)
        self.after_first_frame(self._fill_side)

    async def _fill_side(self) -> None:
        if not self.is_mounted or self._side_from is None:
            return
        if self._side_mounting is None:  # the first fill: make the widgets (once, however
            self._side_mounting = self.query_one("#dash-side").mount_all(self._side())
        await self._side_mounting  # many reloads come before they are mounted)
        if self.is_mounted:
            data, today, owed, states = self._side_from  # the newest, if a reload came since
            self._cases(states)
            self._acks(data, today, owed)
            self._subject_access(data)

    def _subject_access(self, data: Any) -> None:
        """The last requests answered, each with the day it was due: the month's clock."""
        answered = data.council.subject_access[-3:]
        for widget in (self.query_one("#sar-title"), self.query_one("#sar-lines")):
            widget.display = bool(answered)
        lines = [answered_record(sar) for sar in reversed(answered)]
        self.query_one("#sar-lines", Static).update("\n".join(lines))

    def _fill_due(self) -> None:
        """The first ``SHOWN`` items (a council with 10,000 open cases has 10,000 of them)."""
        table = self.query_one("#due-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        narrow = self.app.size.width < NARROW
        self.query_one("#dash").set_class(narrow, NARROW_CLASS)
        width = self._room()
        self._filled_for = (self.items, width, self.app.size.width)
        # One column, the date set in its own place: each cell costs the table as much to draw
        # as a line of text does, and the due list is most of the first frame.
        table.add_column(f"{'Due':{DUE_WIDTH + GAP}}What", width=max(10, width - 5))
        for i, item in enumerate(self.items):
            # overdue: a "!" as well as bold red, so it is not told by colour alone
            line = Text()
            if item.overdue:
                line.append(f"! {show(item.due)}", style="bold red")
            else:
                line.append(f"  {show(item.due)}")
            line.append(" " * (DUE_WIDTH + GAP - line.cell_len))
            line.append_text(plain(item.title))
            line.no_wrap, line.overflow = True, "ellipsis"
            table.add_row(line, key=str(i))
        if self.total > len(self.items):
            more = f"… {self.total - len(self.items):,} more on the Due page"
            table.add_row(Text(" " * (DUE_WIDTH + GAP) + more, style="italic"), key="more")
        if self.items:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        overdue, soon = self.overdue, self.total - self.overdue
        self.query_one("#due-title", Label).update(
            f"Overdue ({overdue:,}) and due soon ({soon:,})"
            if self.items
            else "Nothing overdue or due soon"
        )

    def _room(self) -> int:
        """The due table's width (before its first layout, what it will be given)."""
        narrow = self.app.size.width < NARROW
        table = self.query_one("#due-table", DataTable)
        return table.size.width or (self.app.size.width - (0 if narrow else SIDE_WIDTH))

    def on_resize(self) -> None:
        """Rebuilt only when the room for it has changed (a start sends several resizes)."""
        room = (self.items, self._room(), self.app.size.width)
        if self._seen != -1 and self._filled_for != room:
            self._fill_due()

    def _cases(self, counts: Counter[tuple[Procedure, Status]]) -> None:
        table = self.query_one("#cases-table", DataTable)
        table.clear()
        self.case_rows = []
        for procedure in Procedure:
            for state in STATES[procedure]:
                if counts.get((procedure, state)):
                    # the Breaches filter for the row: the procedure too, as states share names
                    self.case_rows.append(f"{procedure.label} {state.label}")
                    table.add_row(
                        SHORT.get(procedure, procedure.label),
                        state.label,
                        str(counts[(procedure, state)]),
                    )
        if not self.case_rows:
            table.add_row(Text("No open cases", style="dim"), "", "")

    def _acks(self, data: Any, today: Any, outstanding: list[Outstanding]) -> None:
        owed = Counter(o.policy.id for o in outstanding)
        table = self.query_one("#acks-table", DataTable)
        table.clear(columns=True)
        self.ack_rows = []
        rows = []
        for policy in data.policies:
            version = current_version(data, policy.id, today)
            if version is None or binding_version(data, policy.id, today) is None:
                continue
            bound = sum(1 for p in data.people if p.role in policy.binds and p.active_on(today))
            done = bound - owed.get(policy.id, 0)
            self.ack_rows.append(version.id)
            title = Text(visible(f"{policy.title} {version.label}"), no_wrap=True)
            title.overflow = "ellipsis"
            rows.append((title, f"{done}/{bound}", bar(done, bound, 8)))
        # the policy and version take the room the side gives (its whole width at 80 columns)
        side = self.query_one("#dash-side").size.width or SIDE_WIDTH
        want = max((cell_width(r[0]) for r in rows), default=6)
        done_width = max((len(r[1]) for r in rows), default=4)  # "113/611" whole
        done_width = max(done_width, 4)
        table.add_column("Policy", width=max(12, min(want, side - done_width - 13 - 8)))
        table.add_column("Done", width=done_width)
        table.add_column("", width=13)
        for row in rows:
            table.add_row(*row)

    @on(DataTable.RowSelected, "#due-table")
    def _open_due(self, event: DataTable.RowSelected) -> None:
        if event.cursor_row >= min(len(self.items), SHOWN):
            self.post_message(GoTo("due"))
        elif self.items:
            item = self.items[event.cursor_row]
            self.post_message(OpenRecord(item.ref.table, item.ref.id, item.person))

    @on(DataTable.RowSelected, "#cases-table")
    def _open_cases(self, event: DataTable.RowSelected) -> None:
        if event.cursor_row < len(self.case_rows):
            words = self.case_rows[event.cursor_row]
            self.post_message(GoTo("breaches", f"filter('{words.lower()}')"))

    @on(DataTable.RowSelected, "#acks-table")
    def _open_acks(self, event: DataTable.RowSelected) -> None:
        self.post_message(GoTo("acknowledgements"))

    def action_meeting(self) -> None:
        record_meeting(self.app)
