"""A fast table for long lists: plain text cells, fixed column widths, header row repeated.

A stock reportlab ``Table`` of ``Paragraph`` cells measures and re-measures the whole table at
every page break, which grows worse than linearly (10.8 s for 10,000 cases).  ``Grid`` wraps every
cell once, up front, with a cheap greedy line breaker; a page break only slices the shared list of
prepared rows.  Cells are drawn with ``drawString``, so no markup is ever parsed: user text prints
literally.  A row taller than :data:`SPLIT_ROWS_OVER` (a very long summary) may break across
pages between lines; shorter rows always move whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import black, white
from reportlab.platypus import Flowable

from .styles import BOLD, HEAD_FILL, RULE, SANS, STRIPE_FILL, TABLE_SIZE
from .text import wrap

PAD_X = 4.0
PAD_Y = 3.0
SPLIT_ROWS_OVER = 150.0  # points: taller rows may break across pages


@dataclass(frozen=True)
class Column:
    """A column: its heading, its share of the width, and the font of its cells."""

    title: str
    weight: float = 1.0
    font: str = SANS


@dataclass
class Row:
    """One record: a cell per column, and an optional note printed across the full width."""

    cells: Sequence[object]
    note: object = None
    note_font: str = SANS
    min_height: float = 0.0  # for rows left blank to sign in


@dataclass
class _Band:
    """A horizontal strip of a row: (x, width, lines, font) per cell, drawn with column rules."""

    cells: list[tuple[float, float, list[str], str]]
    ruled: bool
    min_height: float = 0.0
    height: float = field(init=False)

    def __post_init__(self) -> None:
        most = max((len(c[2]) for c in self.cells), default=0)
        self.height = max(most * _leading() + 2 * PAD_Y, self.min_height)


@dataclass
class _Prepared:
    bands: list[_Band]
    stripe: bool
    height: float = field(init=False)

    def __post_init__(self) -> None:
        self.height = sum(b.height for b in self.bands)


def _leading(size: float = TABLE_SIZE) -> float:
    return size * 1.25


class _Body:
    """The prepared rows of a whole table, shared by every page's slice of it."""

    def __init__(self, rows: list[_Prepared]) -> None:
        self.rows = rows
        self.prefix = [0.0]
        for r in rows:
            self.prefix.append(self.prefix[-1] + r.height)


class Grid(Flowable):
    """A table that splits across pages in linear time, repeating its header row."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        width: float,
        *,
        stripes: bool = True,
        header: bool = True,
    ) -> None:
        super().__init__()
        self.spaceBefore, self.spaceAfter = 2.0, 8.0
        total = sum(c.weight for c in columns)
        self.width = width
        self.columns = list(columns)
        self.xs: list[float] = []
        self.widths: list[float] = []
        x = 0.0
        for c in columns:
            w = width * c.weight / total
            self.xs.append(x)
            self.widths.append(w)
            x += w
        self.header = _Band(
            [
                (
                    self.xs[i],
                    self.widths[i],
                    wrap(c.title, BOLD, TABLE_SIZE, self.widths[i] - 2 * PAD_X),
                    BOLD,
                )
                for i, c in enumerate(columns)
            ],
            ruled=True,
        )
        if not header:  # a list of facts: no heading row
            self.header = _Band([], ruled=False)
            self.header.height = 0.0
        prepared = [self._prepare(r, stripes and i % 2 == 1) for i, r in enumerate(rows)]
        self._body = _Body(prepared)
        self._start, self._end = 0, len(prepared)
        self._head: _Prepared | None = None  # the rest of a row begun on the previous page
        self._tail: _Prepared | None = None  # the first part of a row that ends on the next

    def _prepare(self, row: Row, stripe: bool) -> _Prepared:
        cells = []
        for i, value in enumerate(row.cells):
            font = self.columns[i].font
            cells.append(
                (
                    self.xs[i],
                    self.widths[i],
                    wrap(value, font, TABLE_SIZE, self.widths[i] - 2 * PAD_X),
                    font,
                )
            )
        bands = [_Band(cells, ruled=True, min_height=row.min_height)]
        if row.note is not None and str(row.note).strip():
            lines = wrap(row.note, row.note_font, TABLE_SIZE, self.width - 2 * PAD_X)
            bands.append(_Band([(0.0, self.width, lines, row.note_font)], ruled=False))
        return _Prepared(bands, stripe)

    # -- the Flowable protocol -------------------------------------------------------------
    def _rows(self) -> list[_Prepared]:
        rows = self._body.rows[self._start : self._end]
        if self._head is not None:
            rows.insert(0, self._head)
        if self._tail is not None:
            rows.append(self._tail)
        return rows

    def _height(self) -> float:
        h = self.header.height + self._body.prefix[self._end] - self._body.prefix[self._start]
        for extra in (self._head, self._tail):
            if extra is not None:
                h += extra.height
        return h

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self._height()
        return self.width, self.height

    def _slice(self, start: int, end: int, head: _Prepared | None, tail: _Prepared | None) -> Grid:
        g = Grid.__new__(Grid)
        Flowable.__init__(g)
        g.width, g.columns, g.xs, g.widths = self.width, self.columns, self.xs, self.widths
        g.spaceBefore, g.spaceAfter = self.spaceBefore, self.spaceAfter
        g.header, g._body = self.header, self._body
        g._start, g._end, g._head, g._tail = start, end, head, tail
        return g

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.header.height
        if self._tail is not None:  # only slices made by split have a tail; never split again
            return []
        used = 0.0
        head = self._head
        if head is not None:
            if head.height > room:
                first, rest = _split_row(head, room)
                if first is None:
                    return []
                return [
                    self._slice(self._start, self._start, first, None),
                    self._slice(self._start, self._end, rest, None),
                ]
            used = head.height
        prefix = self._body.prefix
        k = self._start
        # the last row that fits: rows are few per page, so a linear walk is cheap
        while k < self._end and prefix[k + 1] - prefix[self._start] + used <= room:
            k += 1
        if k == self._end:
            return [self]
        left = room - used - (prefix[k] - prefix[self._start])
        row = self._body.rows[k]
        first = rest = None
        if row.height > SPLIT_ROWS_OVER:
            first, rest = _split_row(row, left)
        if first is not None:
            return [
                self._slice(self._start, k, head, first),
                self._slice(k + 1, self._end, rest, None),
            ]
        if k == self._start and head is None:
            return []  # not even one row fits: move the whole table on
        return [self._slice(self._start, k, head, None), self._slice(k, self._end, None, None)]

    def draw(self) -> None:
        """Fills first, then rules, then all the text in one text object.

        The order keeps the number of drawing operators per row small, which is what the time
        of a long table goes on: striped rows and note bands are filled, the column rules run the
        full height, each note band is painted over them again, and row rules go on top.
        """
        c = self.canv
        rows = self._rows()
        top = self.height
        # where each band sits: (band, top, fill)
        placed: list[tuple[_Band, float, object]] = []
        y = top
        if self.header.height:
            placed.append((self.header, y, HEAD_FILL))
            y -= self.header.height
        row_bottoms = []
        for row in rows:
            fill = STRIPE_FILL if row.stripe else None
            for band in row.bands:
                placed.append((band, y, fill))
                y -= band.height
            row_bottoms.append(y)
        c.saveState()
        for colour in (HEAD_FILL, STRIPE_FILL):
            spans = [(t, b.height) for b, t, f in placed if f is colour]
            if spans:
                c.setFillColor(colour)
                for t, h in spans:
                    c.rect(0, t - h, self.width, h, stroke=0, fill=1)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for x in self.xs[1:]:
            c.line(x, 0, x, top)
        for colour in (white, STRIPE_FILL):  # note bands have no column rules
            spans = [(t, b.height) for b, t, f in placed if not b.ruled and (f or white) is colour]
            if spans:
                c.setFillColor(colour)
                for t, h in spans:
                    c.rect(0.3, t - h + 0.3, self.width - 0.6, h - 0.6, stroke=0, fill=1)
        if self.header.height:
            c.line(0, top - self.header.height, self.width, top - self.header.height)
        for b in row_bottoms[:-1]:
            c.line(0, b, self.width, b)
        c.setLineWidth(0.9)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.setFillColor(black)
        t = c.beginText(0, 0)
        lead = _leading()
        font = None
        for band, band_top, _fill in placed:
            for x, _w, lines, cell_font in band.cells:
                if not lines or lines == [""]:
                    continue
                if cell_font != font:
                    t.setFont(cell_font, TABLE_SIZE, lead)
                    font = cell_font
                t.setTextOrigin(x + PAD_X, band_top - PAD_Y - TABLE_SIZE * 0.93)
                for line in lines:
                    t.textLine(line)
        c.drawText(t)
        c.restoreState()


def _split_row(row: _Prepared, room: float) -> tuple[_Prepared | None, _Prepared | None]:
    """Break a tall row between lines so that its first part fits in ``room``."""
    first: list[_Band] = []
    rest: list[_Band] = []
    for i, band in enumerate(row.bands):
        if band.height <= room:
            first.append(band)
            room -= band.height
            continue
        n = int((room - 2 * PAD_Y) // _leading())
        if n >= 2:
            first.append(_Band([(x, w, lines[:n], f) for x, w, lines, f in band.cells], band.ruled))
            rest.append(_Band([(x, w, lines[n:], f) for x, w, lines, f in band.cells], band.ruled))
        else:
            rest.append(band)
        rest.extend(row.bands[i + 1 :])
        break
    if not first or not rest:
        return None, None
    return _Prepared(first, row.stripe), _Prepared(rest, row.stripe)
