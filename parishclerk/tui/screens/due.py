"""What is due: every item with its kind and record; reminders of the Clerk's own."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label, Select

from ...domain.dates import show
from ...domain.due import compute_due, next_occurrence
from ...domain.due_items import DueItem, DueKind
from ...domain.records import Reminder
from ..flows import edit_reminder, open_ref, show_form, write
from ..widgets.table import Column, Row
from .listing import ListPage

WINDOWS = [30, 90, 365]


class DuePage(ListPage):
    MODE = "due"
    COLUMNS = [
        Column("Due", 11),
        Column("State", 9),
        Column("Kind", 21, 15, give=2),
        Column("What", 60, 16),
    ]
    BINDINGS = [
        Binding("k", "kind", "Kind", id="due-kind", tooltip="Choose one kind of item to show"),
        Binding(
            "w", "window", "Window", id="due-window", tooltip="How far ahead: 30, 90 or 365 days"
        ),
        Binding(
            "space",
            "done",
            "Done",
            id="due-done",
            tooltip="Mark the highlighted reminder done (a repeating one moves on)",
        ),
        Binding(
            "c",
            "calendar",
            "Calendar",
            id="due-calendar",
            tooltip="Save what is due, with every repeating reminder, as a calendar file (.ics)",
        ),
        Binding(
            "p",
            "postpone",
            "Move",
            id="due-move",
            tooltip="Move the highlighted reminder to another day",
        ),
    ]
    WRITE_ACTIONS = ListPage.WRITE_ACTIONS | {"done", "postpone"}

    def __init__(self) -> None:
        super().__init__()
        self.window = 0
        self.items: dict[str, DueItem] = {}

    def top(self) -> ComposeResult:
        with Horizontal(id="due-top"):
            yield Label("Kind ", classes="inline-label")
            yield Select(
                [(k.label, k.value) for k in DueKind],
                prompt="All kinds",
                id="due-kind-select",
                compact=True,
            )
            yield Label("", id="due-window-label", classes="inline-label")

    def rows(self) -> list[Row]:
        data, today = self.clerk.records(), self.clerk.today  # what is due needs no timeline
        days = WINDOWS[self.window]
        self.query_one("#due-window-label", Label).update(
            f"  Overdue, and due in the next {days} days"
        )
        kind = self.query_one("#due-kind-select", Select).value
        self.items = {}
        out = []
        seen: set[str] = set()
        for item in compute_due(data, today, days):
            if kind is not Select.NULL and item.kind.value != kind:
                continue
            # the item's identity, not its place: the cursor can follow it after a save
            key = f"{item.kind.value}:{item.ref.table}:{item.ref.id}:{item.person or ''}"
            while key in seen:
                key += "+"
            seen.add(key)
            self.items[key] = item
            style = "bold red" if item.overdue else ""
            cells: list[str | Text] = [
                Text(show(item.due), style=style),
                Text(item.state, style=style),
                item.kind.label,
                item.title,
            ]
            out.append(
                Row(
                    key,
                    cells,
                    (item.due, item.state, item.kind.label, item.title),
                    f"{item.kind.label} {item.title} {item.state}".lower(),
                )
            )
        return out

    @on(Select.Changed, "#due-kind-select")
    def _kind_changed(self) -> None:
        self.reload()

    def open(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and item.ref.table == "reminders":
            self._reminder_form(item.ref.id)
        elif item is not None:
            open_ref(self.app, item.ref.table, item.ref.id, item.person)

    def _reminder_form(self, rid: str | None) -> None:
        edit_reminder(
            self.app, rid, window=WINDOWS[self.window], widest=self.window == len(WINDOWS) - 1
        )

    def action_kind(self) -> None:
        """Open the list of kinds to choose one (not a press of k for each of nine)."""
        box = self.query_one("#due-kind-select", Select)
        box.focus()
        box.expanded = True

    def action_calendar(self) -> None:
        """Save the calendar file in the council's reports folder: private, never overwriting."""
        from ...domain.calendar import entries, to_calendar
        from ...domain.filenames import report_filename
        from ...store import places

        data, today, name = self.clerk.data(), self.clerk.today, self.clerk.council_name
        events = entries(data, today, WINDOWS[self.window])
        folder = places.reports_folder(name, create=False)
        target = folder / report_filename(name, "due", today.isoformat(), ".ics")
        try:
            places.reports_folder(name)
            path = places.save_new(target, to_calendar(name, events).to_ical())
        except OSError as exc:
            self.notify(
                f"The calendar was not saved: {target}: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
            return
        repeating = sum(1 for e in events if e.rule)
        self.notify(
            f"Calendar of {len(events)} events ({repeating} repeating) saved as {path.name}\n"
            f"in the folder {path.parent}",
            markup=False,
            timeout=12,
        )

    def action_window(self) -> None:
        self.window = (self.window + 1) % len(WINDOWS)
        self.reload()

    def action_new(self) -> None:
        self._reminder_form(None)

    def _reminder(self) -> Reminder | None:
        item = self.items.get(self.current or "")
        if item is None or item.ref.table != "reminders":
            self.notify(
                "Only your own reminders can be changed here; Enter opens the record "
                "an item is about.",
                markup=False,
            )
            return None
        return next((r for r in self.clerk.data().reminders if r.id == item.ref.id), None)

    def action_edit(self) -> None:
        if self.current:
            self.open(self.current)

    def action_done(self) -> None:
        rem = self._reminder()
        if rem is None:
            return
        store = self.clerk.store
        assert store is not None
        nxt = next_occurrence(rem, after=rem.due) if rem.rule else None
        updated = replace(rem, due=nxt) if nxt else replace(rem, done=True)
        if write(self.app, lambda: store.save_reminder(updated)):
            self.notify(f"Done; next due {show(nxt)}." if nxt else "Done.", markup=False)

    def action_postpone(self) -> None:
        from ..forms.reminder import MoveReminderForm

        rem = self._reminder()
        if rem is not None and self.clerk.store is not None:
            show_form(self.app, MoveReminderForm(self.clerk.store.save_reminder, rem))

    def action_delete(self) -> None:
        rem = self._reminder()
        if rem is not None:
            store = self.clerk.store
            assert store is not None
            self.confirm(
                f"Delete the reminder “{rem.title}”?", lambda: store.delete_reminder(rem.id)
            )
