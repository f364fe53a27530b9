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
from ...domain.text import fold_search
from ..flows import issue_version, record_ack, record_meeting
from ..messages import OpenRecord
from ..widgets.safe import visible
from ..widgets.table import no_matches
from .base import Page

SHORT_HOW = {"signed form": "form", "at meeting": "meeting"}
PERSON_WIDTH, PERSON_NARROW = 22, 17
CELL_WIDTH, CELL_MIN = 24, 17
"""``✓ 19 Oct 2025 meeting`` is 21 wide (wider shows more of a heading); ``! due 16 Nov 2025``,
the widest cell without a "how", is 17: a date is never cut."""
LEGEND = "✓ acknowledged (how) · ! due: overdue · due: owed by then · n/a: not bound"


def cell(text: str, style: str = "") -> Text:
    return Text(visible(text, multiline=True), style=style, no_wrap=True, overflow="ellipsis")


def column_widths(width: int, n: int) -> tuple[int, int]:
    """The person column's width and each policy column's, for a table ``width`` wide (two cells
    of padding a column and two for the scroll bar)."""
    free = width - 2 - 2 * (n + 1)
    if n == 0:
        return PERSON_WIDTH, CELL_WIDTH
    each = min(CELL_WIDTH, (free - PERSON_WIDTH) // n)
    if each >= 19:
        return PERSON_WIDTH, each
    return PERSON_NARROW, max(CELL_MIN, min(CELL_WIDTH, (free - PERSON_NARROW) // n))


class AcknowledgementsPage(Page):
    MODE = "acknowledgements"
    BINDINGS = [
        Binding(
            "a",
            "record",
            "Record",
            id="acks-record",
            tooltip="Record an acknowledgement for the highlighted cell",
        ),
        Binding(
            "m",
            "meeting",
            "Meeting",
            id="acks-meeting",
            tooltip="Tick everyone who signed at a meeting",
        ),
        Binding(
            "v",
            "version",
            "New version",
            id="acks-version",
            tooltip="Issue a new version of the highlighted column's policy",
        ),
        Binding("slash", "focus_filter", "Filter", id="acks-filter"),
    ]
    WRITE_ACTIONS = frozenset({"record", "meeting", "version"})

    def __init__(self) -> None:
        super().__init__()
        self.columns: list[tuple[Policy, PolicyVersion]] = []
        self.people: list[str] = []
        self._sized_for = (0, 0)
        """The column widths the grid was last built with."""

    def body(self) -> ComposeResult:
        yield Input(
            placeholder="Filter people (/): type a name or role", compact=True, id="acks-filter-box"
        )
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, header_height=2)
        empty = Static("", id="acks-empty", markup=False)
        empty.display = False
        yield empty
        yield Static("", id="acks-detail", markup=False)
        yield Static(cell(LEGEND), id="acks-legend", markup=False)

    @property
    def matrix(self) -> DataTable[Any]:
        return self.query_one("#matrix", DataTable)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#acks-filter-box", Input)

    def on_mount(self) -> None:
        super().on_mount()
        self.matrix.focus()

    def on_resize(self) -> None:
        if self._seen != -1 and self._sized_for != self._widths():
            self.reload()

    def _widths(self) -> tuple[int, int]:
        return column_widths(self.size.width or self.app.size.width, len(self.columns))

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
        self.columns = [
            (p, v)
            for p in data.policies
            if (v := current_version(data, p.id, today)) is not None
            and binding_version(data, p.id, today) is not None
        ]
        typed = self.filter_box.value.strip()
        words = fold_search(typed).split()
        people = sorted(
            (p for p in data.people if p.active_on(today)), key=lambda p: (not p.is_member, p.name)
        )
        if words:
            people = [
                p
                for p in people
                if all(w in fold_search(f"{p.name} {p.role.label}") for w in words)
            ]
        table = self.matrix
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        person_width, width = self._sized_for = self._widths()
        table.add_column("Person", width=person_width)
        for policy, version in self.columns:
            n = sum(1 for (_, pol) in owed if pol == policy.id)
            table.add_column(cell(f"{policy.title}\n{n} owed · {version.label}"), width=width)
        self.people = [p.id for p in people]
        for p in people:
            row: list[Text] = [cell(p.name)]
            for policy, _ in self.columns:
                if p.role not in policy.binds:
                    row.append(cell("n/a", "dim"))
                elif (o := owed.get((p.id, policy.id))) is not None:
                    row.append(
                        cell(f"! due {show(o.due)}", "bold red")
                        if o.due < today
                        else cell(f"due {show(o.due)}", "yellow")
                    )
                elif (held := latest.get((p.id, policy.id))) is not None:
                    how = SHORT_HOW.get(held.how, held.how)
                    row.append(cell(f"✓ {show(held.on)} {how}", "green"))
                else:
                    row.append(cell("—", "dim"))
            table.add_row(*row, key=p.id, height=1)
        empty = self.query_one("#acks-empty", Static)
        empty.update(no_matches(typed) if words and not people else "")
        empty.display = bool(words and not people)
        if empty.display and table.has_focus:
            self.filter_box.focus()
        table.display = not empty.display
        if self.people:
            table.move_cursor(
                row=min(cursor.row, len(self.people) - 1),
                column=max(1, min(cursor.column, len(self.columns))),
                animate=False,
            )

    @on(Input.Changed, "#acks-filter-box")
    def _filter(self) -> None:
        self.reload()

    def on_key(self, event: Any) -> None:
        """Escape (or Down) leaves the filter for the grid, so the page keys work again."""
        if event.key in ("escape", "down") and self.filter_box.has_focus:
            event.stop()
            self._leave_filter()

    def _leave_filter(self) -> None:
        if self.matrix.display:
            self.matrix.focus()
        else:
            self.set_focus(None)

    @on(Input.Submitted, "#acks-filter-box")
    def _filter_done(self) -> None:
        self._leave_filter()

    def _cell(self) -> tuple[str, Policy, PolicyVersion] | None:
        coord = self.matrix.cursor_coordinate
        if not self.people or coord.column < 1 or coord.column > len(self.columns):
            return None
        policy, version = self.columns[coord.column - 1]
        return self.people[coord.row], policy, version

    @on(DataTable.CellHighlighted, "#matrix")
    def _highlighted(self) -> None:
        """The highlighted cell in full under the grid (at 80 columns a heading or a "how"
        is cut): who, which policy and version, and what is held."""
        detail = self.query_one("#acks-detail", Static)
        table = self.matrix
        coord = table.cursor_coordinate
        if not self.people or not table.display or coord.row >= len(self.people):
            detail.update("")
            return
        person = self.clerk.data().person(self.people[coord.row])
        name = person.name if person else self.people[coord.row]
        line = Text(visible(name), style="bold")
        if 1 <= coord.column <= len(self.columns):
            policy, version = self.columns[coord.column - 1]
            held = table.get_cell_at(coord)
            said = str(held)
            for full, short in SHORT_HOW.items():  # "form" in the grid, "signed form" here
                if said.endswith(f" {short}"):
                    said = said[: -len(short)] + full
            line.append(f" · {visible(policy.title)} {visible(version.label)}: ")
            said = said.replace("! due", "overdue: was due").replace("✓", "acknowledged")
            line.append(said.replace("n/a", "not bound by it"))
        elif person is not None:
            line.append(f" · {person.role.label}")
        detail.update(line)

    @on(DataTable.CellSelected, "#matrix")
    def _selected(self) -> None:
        coord = self.matrix.cursor_coordinate
        if coord.column == 0 and coord.row < len(self.people):  # a name: the person's page
            self.post_message(OpenRecord("people", self.people[coord.row]))
        elif not self.clerk.read_only:
            self.action_record()

    def action_record(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        pid, policy, version = cell
        person = self.clerk.data().person(pid)
        if person is not None and person.role not in policy.binds:
            self.notify(
                f"{policy.title} does not bind a {person.role.label.lower()}.", markup=False
            )
            return
        record_ack(self.app, pid, version.id)

    def action_meeting(self) -> None:
        cell = self._cell()
        record_meeting(self.app, cell[2].id if cell else None)

    def action_version(self) -> None:
        cell = self._cell()
        if cell is None and self.columns:
            cell = ("", *self.columns[0])
        if cell is not None:
            issue_version(self.app, cell[1].id)

    def action_focus_filter(self) -> None:
        self.filter_box.focus()
