"""A list of records: a filter box over a table that only ever builds one page of rows.

Filtering and sorting happen on plain Python tuples, and the table itself never holds more than
``page_size`` rows (a stock DataTable takes over a second to build 10,000).  The rows are sorted
once per sort order, not per keystroke (a filter keeps their order), and a keystroke that
narrows the filter searches only what the last one matched: on 10,000 cases a key costs about a
millisecond of filtering rather than 13 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from ...domain.text import fold_search
from .columns import Column, cell_width, fit_widths, natural_widths
from .safe import safe_cell

__all__ = ["Column", "RecordTable", "Row", "ellipsis", "fit_widths", "no_matches"]


def ellipsis(cell: str | Text, style: str = "") -> Text:
    """A cell on one line, cut with … when its column is too narrow (its text literal, its
    control characters shown escaped)."""
    text = safe_cell(cell)
    if not isinstance(cell, Text) and style:
        text.stylize(style)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


@dataclass
class Row:
    """One record: ``key`` identifies it, ``cells`` are shown, ``sort`` holds one comparable
    value a column, ``text`` is what the filter searches (folded: lower case, no accents, so
    'sian' finds Siân)."""

    key: str
    cells: Sequence[str | Text]
    sort: Sequence[Any]
    text: str = ""
    style: str = ""

    _shown: list[Text] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = fold_search(self.text)

    def table_cells(self) -> list[Text]:
        """The cells as the table shows them, made once: a filter key shows the same rows
        again and again (a page of them is 300 cells to make)."""
        if self._shown is None:
            self._shown = [ellipsis(c, self.style) for c in self.cells]
        return self._shown


def no_matches(query: str) -> str:
    return f"No matches for '{query}'"


class RecordTable(Vertical):
    """Filter as you type, sort by column, Enter opens; pages of ``page_size`` rows."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    RecordTable > Input { margin: 0 0 0 0; }
    RecordTable > DataTable { height: 1fr; }
    RecordTable > .table-status { height: 1; color: $text-muted; }
    RecordTable > .table-detail { height: auto; min-height: 2; max-height: 5; padding: 0 1;
                                  background: $boost; }
    RecordTable > .table-empty { height: 1fr; padding: 1 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="table-filter"),
        Binding("s", "next_sort", "Sort", id="table-sort"),
        Binding("right_square_bracket", "page(1)", "Next page", show=False, id="table-next"),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False, id="table-prev"),
    ]

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on a row."""

        table: RecordTable
        key: str

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        page_size: int = 50,
        sort_column: int = 0,
        reverse: bool = False,
        placeholder: str = "Filter (press /, then type to narrow the list)",
        id: str | None = None,  # noqa: A002 - Textual's own name for a widget id
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.page_size = page_size
        self.sort_column = sort_column
        self.reverse = reverse
        self.placeholder = placeholder
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.page = 0
        self._widths: list[int | None] = []
        self._natural: list[int] | None = None  # the width each column's values need
        self._ordered: list[Row] | None = None  # self.rows in the sort order, made when needed
        self._ordered_by: tuple[int, bool] | None = None
        self._matches: dict[str, list[Row]] = {}  # recent queries' matches in _ordered

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, compact=True, classes="table-filter")
        table: DataTable[Any] = DataTable(cursor_type="row", zebra_stripes=True)
        self._add_columns(table, [c.width for c in self.columns])
        yield table
        detail = Static("", classes="table-detail", markup=False)
        detail.display = False
        yield detail
        empty = Static("", classes="table-empty", markup=False)
        empty.display = False
        yield empty
        yield Static("", classes="table-status", markup=False)

    def _add_columns(self, table: DataTable[Any], widths: Sequence[int | None]) -> None:
        self._widths = list(widths)
        for col, width in zip(self.columns, widths, strict=False):
            table.add_column(col.label, width=width)

    def on_resize(self) -> None:
        self._fit(show=True)

    def _fit(self, *, show: bool) -> None:
        """Give the columns the width there is: each its values' width when all fit, else the
        ones that can give way narrow (see ``columns``); a detail line under the table then shows
        the highlighted row's cut values whole."""
        if not self.size.width:
            return
        # a cell each side of a column, and the scroll bar when the rows will need one
        rows = min(len(self.rows), self.page_size)
        height = self.table.size.height - 2  # as if the detail line were shown
        scroll = 2 if height <= 0 or rows + 1 > height else 0
        padding = 2 * len(self.columns) + scroll
        widths = fit_widths(self.columns, self.size.width - padding, self._natural)
        natural = self._natural or []
        self.query_one(".table-detail", Static).display = any(
            w is not None and n > w for n, w in zip(natural, widths, strict=False)
        )
        if widths != self._widths:
            keep = self.current_key
            self.table.clear(columns=True)
            self._add_columns(self.table, widths)
            if show:
                self._show_page(keep)

    def _show_detail(self) -> None:
        """The highlighted row's values that its columns cut, whole."""
        detail = self.query_one(".table-detail", Static)
        if not detail.display:
            return
        i = self.page * self.page_size + self.table.cursor_row
        text = Text()
        if self.table.row_count and 0 <= i < len(self.shown):
            for col, width, cell in zip(
                self.columns, self._widths, self.shown[i].cells, strict=False
            ):
                if width is not None and cell_width(cell) > width:
                    if text:
                        text.append("  ·  ")
                    text.append(f"{col.label}: ", style="bold")
                    text.append_text(safe_cell(cell))
        detail.update(text)

    # -- typed parts ---------------------------------------------------------------------------

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def current_key(self) -> str | None:
        index = self.table.cursor_row
        if not self.table.row_count or index < 0:
            return None
        start = self.page * self.page_size
        i = start + index
        return self.shown[i].key if i < len(self.shown) else None

    # -- data ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the records; the cursor stays on ``keep`` (or the current record) if shown."""
        keep = keep or self.current_key
        self.rows = rows
        self._ordered = None
        self._natural = natural_widths(self.columns, (r.cells for r in rows))
        if self.is_mounted:
            self._fit(show=False)
        self.apply(keep)

    def apply(self, keep: str | None = None) -> None:
        query = fold_search(self.filter_input.value.strip()) if self.is_mounted else ""
        ordered = self._in_order()
        # A longer query matches a subset of what a shorter one did: start from the longest
        # recent query this one extends ("" at least; a backspace finds its own query, done).
        done = max((q for q in self._matches if query.startswith(q)), key=len, default="")
        shown = self._matches.get(done, ordered)
        if done != query:
            for word in query.split():
                shown = [r for r in shown if word in r.text]
            if len(self._matches) >= 64:
                self._matches = {"": ordered}
            self._matches[query] = shown
        self.shown = list(shown)
        self.page = 0
        if keep is not None:
            for i, r in enumerate(shown):
                if r.key == keep:
                    self.page = i // self.page_size
                    break
        self._show_page(keep)

    def _in_order(self) -> list[Row]:
        """``rows`` sorted by the current column (sorted again only when the order changes)."""
        by = (self.sort_column, self.reverse)
        if self._ordered is None or self._ordered_by != by:
            col = self.sort_column
            self._ordered = sorted(self.rows, key=lambda r: r.sort[col], reverse=self.reverse)
            self._ordered_by = by
            self._matches = {"": self._ordered}
        return self._ordered

    def _show_page(self, keep: str | None = None) -> None:
        table = self.table
        table.clear()
        start = self.page * self.page_size
        rows = self.shown[start : start + self.page_size]
        cursor = 0
        for i, r in enumerate(rows):
            table.add_row(*r.table_cells(), key=f"{start + i}")
            if r.key == keep:
                cursor = i
        if rows:
            table.move_cursor(row=cursor, animate=False)
        query = self.filter_input.value.strip() if self.is_mounted else ""
        empty = not self.shown and bool(query)
        self.query_one(".table-empty", Static).update(no_matches(query) if empty else "")
        self.query_one(".table-empty", Static).display = empty
        if empty and table.has_focus:
            self.filter_input.focus()
        table.display = not empty
        self._status()
        self._show_detail()
        # Repainted at the screen's next frame: the table itself tells the screen only once its
        # own queue is idle, which came a frame (17-30 ms) after the filter box and the count.
        self.screen.refresh()

    def _status(self) -> None:
        total, shown = len(self.rows), len(self.shown)
        col = self.columns[self.sort_column].label
        arrow = "↓" if self.reverse else "↑"
        text = f"{shown:,} of {total:,} · sorted by {col} {arrow}"
        pages = max(1, -(-shown // self.page_size))
        if pages > 1:
            text += f" · page {self.page + 1} of {pages} ([ and ] to turn)"
        self.query_one(".table-status", Static).update(text)

    # -- events --------------------------------------------------------------------------------

    @on(Input.Changed, ".table-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply()

    @on(Input.Submitted, ".table-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_table()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = self.current_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_index == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = event.column_index, False
        self.apply(self.current_key)

    def on_key(self, event: Any) -> None:
        if event.key in ("escape", "down") and self.filter_input.has_focus:
            event.stop()
            self.focus_table()

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_next_sort(self) -> None:
        """Sort by the next column; pressing past the last reverses the order."""
        nxt = self.sort_column + 1
        if nxt >= len(self.columns):
            nxt, self.reverse = 0, not self.reverse
        self.sort_column = nxt
        self.apply(self.current_key)

    def action_page(self, step: int) -> None:
        pages = max(1, -(-len(self.shown) // self.page_size))
        page = min(max(self.page + step, 0), pages - 1)
        if page != self.page:
            self.page = page
            self._show_page()

    def focus_table(self) -> None:
        """Focus the rows; with none to show, leave the filter so the page's keys work."""
        if self.table.display:
            self.table.focus()
        else:
            self.screen.set_focus(None)
