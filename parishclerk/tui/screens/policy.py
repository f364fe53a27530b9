"""One policy: its versions, and who owes an acknowledgement of it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ...domain.dates import show
from ...domain.due import current_version, outstanding_acknowledgements, review_due
from ...domain.records import ROLE_LABELS, Acknowledgement, CouncilData
from ...domain.text import fold
from ..flows import edit_policy, issue_version, record_ack, record_meeting
from ..messages import OpenRecord
from ..widgets.safe import plain, visible
from ..widgets.sections import Section
from .base import SubPage


class PolicyScreen(SubPage):
    MODE = "policies"
    BINDINGS = [
        Binding("v", "version", "New version", id="policy-version"),
        Binding("m", "meeting", "Meeting acks", id="policy-meeting"),
        Binding("e", "edit", "Edit", id="policy-edit", tooltip="Title, whom it binds, reviews"),
        Binding("e", "view", "Details", id="policy-view", tooltip="Title, whom it binds, reviews"),
    ]
    WRITE_ACTIONS = frozenset({"version", "meeting", "edit"})

    def __init__(self, policy_id: str) -> None:
        super().__init__()
        self.policy_id = policy_id
        self.owing: list[tuple[str, str]] = []
        self.acked: list[str] = []

    def body(self) -> ComposeResult:
        with VerticalScroll(id="record"):
            yield Static("", id="policy-info", markup=False)
            yield Label("Versions", classes="section")
            yield Section(id="versions", cursor_type="row")
            yield Label("Who owes an acknowledgement", classes="section", id="owing-title")
            yield Section(id="owing", cursor_type="row")
            yield Label("Who has acknowledged it", classes="section", id="acked-title")
            yield Section(id="acked", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#versions", DataTable).add_columns(
            "Label", "Adopted", "Minute", "Re-ack", "Document", "What changed"
        )
        self.query_one("#owing", DataTable).add_columns("Person", "Due", "Why")
        self.query_one("#acked", DataTable).add_columns("Person", "Version", "On", "How")
        super().on_mount()
        first = next((t for t in self.query("#owing, #acked") if t.display), None)
        (first or self.query_one("#versions")).focus()

    def reload(self) -> None:
        data, today = self.clerk.data(), self.clerk.today
        policy = next((p for p in data.policies if p.id == self.policy_id), None)
        if policy is None:
            return
        v = current_version(data, policy.id, today)
        binds = ", ".join(ROLE_LABELS[r] for r in policy.binds)
        info = Text()
        info.append(visible(policy.title), style="bold")
        info.append(
            f"\nBinds: {binds}\nReviewed every {policy.review_months} months"
            + ("; re-acknowledged every year" if policy.reacknowledge_yearly else "")
        )
        if v is not None:
            info.append(
                f"\nCurrent version {v.label}, adopted {show(v.adopted)}; "
                f"review due {show(review_due(policy, v))}"
            )
        self.query_one("#policy-info", Static).update(info)
        versions = self.query_one("#versions", DataTable)
        versions.clear()
        for ver in data.versions_of(policy.id):
            doc = (
                f"{ver.document} ({ver.sha256[:12]}…)"
                if ver.document and ver.sha256
                else (ver.document or "")
            )
            versions.add_row(
                plain(ver.label),
                show(ver.adopted),
                plain(ver.minute),
                "yes" if ver.reacknowledge else "no",
                plain(doc),
                plain(ver.summary, multiline=True),
            )
        owing = self.query_one("#owing", DataTable)
        owing.clear()
        self.owing = []
        owe = sorted(
            (o for o in outstanding_acknowledgements(data, today) if o.policy.id == policy.id),
            key=lambda o: (o.due, fold(o.person.name)),
        )
        for o in owe:
            self.owing.append((o.person.id, o.version.id))
            late = o.due < today
            due = (
                Text(f"! {show(o.due)}", style="bold red")
                if late
                else Text(f"  {show(o.due)}", style="yellow")
            )
            owing.add_row(plain(o.person.name), due, plain(o.reason))
        owing.display = bool(owe)
        self.query_one("#owing-title", Label).update(
            "Who owes an acknowledgement: nobody"
            if not owe
            else "Who owes an acknowledgement"
            + ("" if self.clerk.read_only else " (Enter records one)")
        )
        self._acknowledged(data, policy.id)

    def _acknowledged(self, data: CouncilData, policy_id: str) -> None:
        """Each person's latest acknowledgement of the policy (of any of its versions), by name;
        Enter opens the person."""
        labels = {v.id: (v.label, v.adopted) for v in data.versions if v.policy == policy_id}
        latest: dict[str, Acknowledgement] = {}
        for a in data.acknowledgements:
            if a.version in labels:
                prev = latest.get(a.person)
                if prev is None or (labels[a.version][1], a.on) > (
                    labels[prev.version][1],
                    prev.on,
                ):
                    latest[a.person] = a
        names = {p.id: p.name for p in data.people}
        rows = sorted(latest.values(), key=lambda a: fold(names.get(a.person, a.person)))
        table = self.query_one("#acked", DataTable)
        table.clear()
        self.acked = [a.person for a in rows]
        for a in rows:
            table.add_row(
                plain(names.get(a.person, a.person)),
                plain(labels[a.version][0]),
                show(a.on),
                plain(a.how),
            )
        table.display = bool(rows)
        self.query_one("#acked-title", Label).update(
            f"Who has acknowledged it: {len(rows)}"
            if rows
            else "Who has acknowledged it: nobody yet"
        )

    @on(Section.Leave)
    def _leave(self, event: Section.Leave) -> None:
        """Down off one list's last row goes on to the next list."""
        event.move_on(self.query(Section))

    @on(DataTable.RowSelected, "#acked")
    def _person(self, event: DataTable.RowSelected) -> None:
        if event.cursor_row < len(self.acked):
            self.post_message(OpenRecord("people", self.acked[event.cursor_row]))

    def action_edit(self) -> None:
        edit_policy(self.app, self.policy_id)

    def action_view(self) -> None:
        edit_policy(self.app, self.policy_id)

    @on(DataTable.RowSelected, "#owing")
    def _record(self, event: DataTable.RowSelected) -> None:
        if event.cursor_row < len(self.owing):
            if self.clerk.read_only:  # nothing to record: show the person instead
                self.post_message(OpenRecord("people", self.owing[event.cursor_row][0]))
            else:
                record_ack(self.app, *self.owing[event.cursor_row])

    def action_version(self) -> None:
        issue_version(self.app, self.policy_id)

    def action_meeting(self) -> None:
        v = current_version(self.clerk.data(), self.policy_id, self.clerk.today)
        record_meeting(self.app, v.id if v else None)
