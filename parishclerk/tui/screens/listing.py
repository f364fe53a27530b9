"""A page that is a list of records: filter, sort, Enter opens, n new, e edit, d delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from ..flows import write
from ..widgets.dialogs import ConfirmScreen
from ..widgets.table import Column, RecordTable, Row
from .base import Page


class ListPage(Page):
    COLUMNS: ClassVar[list[Column]] = []
    SORT: ClassVar[tuple[int, bool]] = (0, False)
    BINDINGS = [
        Binding("n", "new", "New", id="list-new"),
        Binding("e", "edit", "Edit", id="list-edit"),
        Binding("e", "view", "View", id="list-view"),
        Binding("d", "delete", "Delete", id="list-delete"),
    ]
    WRITE_ACTIONS = frozenset({"new", "edit", "delete", "archive"})

    _rows_of = -1
    """The records' generation the rows were last read from."""

    def body(self) -> ComposeResult:
        yield from self.top()
        col, rev = self.SORT
        yield RecordTable(self.COLUMNS, sort_column=col, reverse=rev, id="records")

    def top(self) -> ComposeResult:
        yield from ()

    @property
    def records(self) -> RecordTable:
        return self.query_one(RecordTable)

    @property
    def current(self) -> str | None:
        return self.records.current_key

    def on_mount(self) -> None:
        super().on_mount()
        self.records.focus_table()

    def rows(self) -> list[Row]:  # pragma: no cover - abstract
        return []

    def reload(self) -> None:
        """Read the rows again; after a change to the records, the one record that has just
        appeared (a new one saved, or an edit that changed what identifies it) gets the cursor,
        so the clerk sees it saved (not after a change of what the page shows, such as the Due
        page's window)."""
        changed = self._rows_of != self.clerk.generation
        self._rows_of = self.clerk.generation
        before = {r.key for r in self.records.rows}
        rows = self.rows()
        added = [r.key for r in rows if r.key not in before] if before and changed else []
        self.records.set_rows(rows, keep=added[0] if len(added) == 1 else None)

    @on(RecordTable.Chosen)
    def _chosen(self, event: RecordTable.Chosen) -> None:
        self.open(event.key)

    def open(self, key: str) -> None:
        """Enter on a record: edit it (view it, read-only)."""

    def action_filter(self, text: str) -> None:
        self.records.filter_input.value = text
        self.records.apply()
        self.records.focus_table()

    def action_new(self) -> None:
        pass

    def action_edit(self) -> None:
        if self.current is not None:
            self.open(self.current)

    def action_view(self) -> None:
        if self.current is not None:
            self.open(self.current)

    def action_delete(self) -> None:
        pass

    def confirm(self, question: str, then: Callable[[], Any], yes: str = "Delete") -> None:
        def answered(ok: bool | None) -> None:
            if ok:
                write(self.app, then)

        self.app.push_screen(ConfirmScreen(question, yes), callback=answered)
