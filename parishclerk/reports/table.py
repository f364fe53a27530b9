"""A fast table for long lists: plain text cells, fixed column widths, header row repeated.

A stock reportlab ``Table`` of ``Paragraph`` cells measures and re-measures the whole table at
every page break, which grows worse than linearly (10.8 s for 10,000 cases).  ``Grid`` wraps every
cell once, up front, with a cheap greedy line breaker; a page break only slices the shared list of
prepared rows.  Cells are drawn with ``drawString``, so no markup is ever parsed: user text prints
literally.  A row taller than :data:`SPLIT_ROWS_OVER` (a very long summary) may break across
pages between lines; shorter rows always move whole, and the part of a row carried onto the next
page opens with its ``continued`` label (the case's reference), so no page starts with text
that says nothing of whose it is.  A row may carry a bookmark (placed in the PDF's outline) and a
link (made clickable wherever its text is printed), and a bold flag on one cell ("Overdue").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import black, white
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from .styles import BOLD, HEAD_FILL, RULE, STRIPE_FILL
from .table_links import add_links, link_spans, linkable
from .table_rows import (
    CELLS,
    COMPACT_CELLS,
    SPLIT_ROWS_OVER,
    Band,
    Cell,
    CellStyle,
    Column,
    Prepared,
    PreparedRows,
    Row,
    split_row,
)
from .text import wrap

__all__ = ["CELLS", "COMPACT_CELLS", "CellStyle", "Column", "Grid", "Row"]


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
        style: CellStyle = CELLS,
        release: bool = False,
    ) -> None:
        """``rows`` may be a sequence that makes each row when asked (a long list need not
        be held twice); ``release`` lets each row go once drawn, for a document laid out
        once (no table of contents)."""
        super().__init__()
        self.spaceBefore, self.spaceAfter = 2.0, 8.0
        total = sum(c.weight for c in columns)
        self.width = width
        self.style = style
        self.columns = list(columns)
        self.xs: list[float] = []
        self.widths: list[float] = []
        x = 0.0
        for c in columns:
            w = width * c.weight / total
            self.xs.append(x)
            self.widths.append(w)
            x += w
        room = [w - 2 * style.pad_x for w in self.widths]
        self.header = Band(
            [
                (self.xs[i], self.widths[i], wrap(c.title, BOLD, style.size, room[i]), BOLD, 0)
                for i, c in enumerate(columns)
            ],
            True,
            style,
        )
        if not header:  # a list of facts: no heading row
            self.header = Band([], False, style)
            self.header.height = 0.0

        def prepare(row: Row, i: int) -> Prepared:
            return self._prepare(row, stripes and i % 2 == 1, room)

        self._body = PreparedRows(rows, prepare, release)
        self._start, self._end = 0, self._body.count
        self._head: Prepared | None = None  # the rest of a row begun on the previous page
        self._tail: Prepared | None = None  # the first part of a row that ends on the next

    def _prepare(self, row: Row, stripe: bool, room: list[float]) -> Prepared:
        style = self.style
        size = style.size
        cells: list[Cell] = []
        columns, xs, widths = self.columns, self.xs, self.widths
        flag = row.flag
        for i, value in enumerate(row.cells):
            font = columns[i].font
            lines = wrap(value, font, size, room[i])
            bold = 0
            if flag is not None and flag[0] == i:
                marked = wrap(flag[1], BOLD, size, room[i])
                lines, bold = marked + (lines if lines != [""] else []), len(marked)
            cells.append((xs[i], widths[i], lines, font, bold))
        link = linkable(row.link)
        # a band looks for where it prints the address only if its text holds the start of it
        printed = link is not None and any(link[:8] in str(v) for v in row.cells)
        bands = [Band(cells, True, style, row.min_height, link if printed else None)]
        if row.note is not None and str(row.note).strip():
            lines = wrap(row.note, row.note_font, size, self.width - 2 * style.pad_x)
            note = [(0.0, self.width, lines, row.note_font, 0)]
            printed = link is not None and link[:8] in str(row.note)
            bands.append(Band(note, False, style, link=link if printed else None))
        mark = (row.bookmark, row.bookmark_level) if row.bookmark else None
        return Prepared(bands, stripe, mark, row.continued)

    def first_row_height(self) -> float:
        """The room the heading row and the first row take: what must fit for a table to
        start on a page (a row short enough never splits)."""
        body = self._body
        first = body.row(0).height if body.count else 0.0
        return self.header.height + self.spaceBefore + min(first, SPLIT_ROWS_OVER)

    # -- the Flowable protocol -------------------------------------------------------------
    def _rows(self) -> list[Prepared]:
        body = self._body
        rows = [body.row(k) for k in range(self._start, self._end)]
        if self._head is not None:
            rows.insert(0, self._head)
        if self._tail is not None:
            rows.append(self._tail)
        return rows

    def _height(self, limit: float | None = None) -> float:
        """The slice's height; once it passes ``limit``, as far as it has got."""
        h = self.header.height + self._body.height(self._start, self._end, limit)
        for extra in (self._head, self._tail):
            if extra is not None:
                h += extra.height
        return h

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # more than the room there is says it must split; what it is exactly is not needed
        self.height = self._height(availHeight)
        return self.width, self.height

    def _slice(self, start: int, end: int, head: Prepared | None, tail: Prepared | None) -> Grid:
        g = Grid.__new__(Grid)
        Flowable.__init__(g)
        g.width, g.columns, g.xs, g.widths = self.width, self.columns, self.xs, self.widths
        g.style = self.style
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
                first, rest = split_row(head, room, self.width, self.style)
                if first is None:
                    return []
                return [
                    self._slice(self._start, self._start, first, None),
                    self._slice(self._start, self._end, rest, None),
                ]
            used = head.height
        body = self._body
        prefix = body.prefix
        k = self._start
        # the last row that fits: rows are few per page, so a linear walk is cheap
        while k < self._end:
            body.extend(k + 1)
            if prefix[k + 1] - prefix[self._start] + used > room:
                break
            k += 1
        if k == self._end:
            return [self]
        left = room - used - (prefix[k] - prefix[self._start])
        row = body.row(k)
        first = rest = None
        if row.height > SPLIT_ROWS_OVER:
            first, rest = split_row(row, left, self.width, self.style)
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
        placed: list[tuple[Band, float, object]] = []
        y = top
        if self.header.height:
            placed.append((self.header, y, HEAD_FILL))
            y -= self.header.height
        row_bottoms = []
        mark = getattr(c, "mark", None)  # the report canvas places bookmarks; others have none
        for row in rows:
            fill = STRIPE_FILL if row.stripe else None
            if row.bookmark is not None and mark is not None:
                mark(row.bookmark[0], row.bookmark[1], c.absolutePosition(0, y)[1], named=False)
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
                    c.rect(0.3, t - h, self.width - 0.6, h, stroke=0, fill=1)
        if self.header.height:
            c.line(0, top - self.header.height, self.width, top - self.header.height)
        for b in row_bottoms[:-1]:
            c.line(0, b, self.width, b)
        c.setLineWidth(0.9)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        c.setFillColor(black)
        self._draw_text(c, placed)
        c.restoreState()
        self._body.drawn(self._end)

    def _draw_text(self, c: Any, placed: list[tuple[Band, float, object]]) -> None:
        """Every cell's lines in one text object.

        A line whose letters the font's first subset already holds is written straight out,
        byte for byte what ``setTextOrigin``, ``setFont`` and ``textLine`` write (checked in the
        tests); anything else (a letter met for the first time, a second subset) goes
        reportlab's general way.
        """
        style = self.style
        size, lead, pad_x, pad_y = style.size, style.lead, style.pad_x, style.pad_y
        t = c.beginText(0, 0)
        code = t._code
        doc = c._doc
        tf = f"{fp_str(size)} Tf {fp_str(lead)} TL"
        font: str | None = None
        face: Any = None
        # the font's (table, letters, ASCII prints as itself) as the document stands; None:
        # to be asked for; False: the font has no quick way
        known: Any = None
        names: dict[str, str] = {}  # font -> its first subset's name in this document
        left: dict[float, str] = {}  # a cell's x -> where its text starts, as the PDF says it
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        for band, band_top, _fill in placed:
            base = band_top - pad_y - size * 0.93
            at = ""
            for x, _w, lines, cell_font, bold in band.cells:
                if not lines or (len(lines) == 1 and not lines[0]):
                    continue
                if not at:
                    at = fp_str(base)
                start = left.get(x)
                if start is None:
                    start = left[x] = fp_str(x + pad_x)
                code.append(f"1 0 0 1 {start} {at} Tm")
                if not bold and cell_font == font and known and t._curSubset == 0 and known[2]:
                    joined = "\n".join(lines)
                    if joined.isascii():  # the whole cell at once, as the lines one by one
                        escaped = joined.translate(_ESCAPE_ASCII).replace("\n", _NEXT_LINE)
                        code.append(f"({escaped}) Tj T*")
                        if band.link is not None:
                            links += self._links(lines, band.link, x, base, cell_font)
                        continue
                for n, line in enumerate(lines):
                    want = BOLD if n < bold else cell_font
                    if want != font:
                        t.setFont(want, size, lead)  # sets the subset to be named again
                        font = want
                        face = getFont(want)
                        known = None
                    if known is None:
                        encoder = getattr(face, "encoder", None)
                        known = encoder(doc) if encoder is not None else False
                    codes = None
                    if known and line:
                        if known[2] and line.isascii() and line.isprintable():
                            codes = line.encode("ascii")
                        elif known[1].issuperset(line):
                            codes = line.translate(known[0]).encode("latin-1")
                    if codes is None:
                        t.textLine(line)
                        if known is not False:
                            known = None  # it may have given new letters their places
                    elif t._curSubset == 0:
                        code.append(f"({escapePDF(codes)}) Tj T*")
                    else:  # the font's first line since it was set: name the subset
                        name = names.get(want)
                        if name is None:
                            name = names[want] = face.getSubsetInternalName(0, doc)
                        code.append(f"{name} {tf} ({escapePDF(codes)}) Tj T*")
                        t._curSubset = 0
                if band.link is not None:
                    links += self._links(lines, band.link, x, base, cell_font)
        c.drawText(t)
        if links:
            add_links(c, links)

    def _links(
        self, lines: list[str], url: str, x: float, base: float, font: str
    ) -> list[tuple[str, tuple[float, float, float, float]]]:
        """Where a cell's lines print the address: the rectangles to make clickable."""
        style = self.style
        size = style.size
        out = []
        for n, begin, end in link_spans(lines, url):
            line = lines[n]
            x0 = x + style.pad_x + stringWidth(line[:begin], font, size)
            x1 = x0 + stringWidth(line[begin:end], font, size)
            y0 = base - n * style.lead - size * 0.25
            out.append((url, (x0, y0, x1, y0 + size * 1.1)))
        return out


# What escapePDF writes for each ASCII letter (a backslash before ( ) and itself, octal for
# the rest of what is not printable), and what goes between two lines of a cell written at once
_ESCAPE_ASCII = {
    n: (f"\\{n:03o}" if n < 32 or n == 127 else "\\" + chr(n) if chr(n) in "()\\" else chr(n))
    for n in range(128)
    if n != 10
}
_NEXT_LINE = ") Tj T* ("  # a text object joins its operators with a space
