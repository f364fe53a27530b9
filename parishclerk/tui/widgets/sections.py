"""A record's page in sections: one scrolling body of tables, Up and Down running on from one
table into the next, and the body saying when its width changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable


class Section(DataTable[Any]):
    """One section's rows; Up and Down run on into the sections before and after."""

    @dataclass
    class Leave(Message):
        """The cursor ran off the top (``step`` -1) or the bottom (+1) of ``table``."""

        table: Section
        step: int

        def move_on(self, sections: Iterable[Section]) -> None:
            """Focus the shown section before or after ``table`` among ``sections``, on its
            last or first row."""
            tables = [t for t in sections if t.display]
            if self.table not in tables:
                return
            at = tables.index(self.table) + self.step
            if 0 <= at < len(tables):
                tables[at].focus()
                tables[at].move_cursor(row=0 if self.step > 0 else tables[at].row_count - 1)

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.Leave(self, 1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.Leave(self, -1))
        else:
            super().action_cursor_up()


class Record(VerticalScroll):
    """The page's scrolling body; says when its width changes (the keys panel opening beside
    it, say), so the columns share the new width."""

    class Resized(Message):
        """The body's size changed."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())
