"""What a :class:`~parishclerk.reports.table.Grid` lays out: its columns and rows, and each row
wrapped into bands of lines once, up front, so a page break only slices the shared list (and a
tall row may be broken between its lines, :func:`split_row`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .styles import BOLD, SANS, TABLE_SIZE
from .text import wrap

PAD_X = 4.0
PAD_Y = 3.0
SPLIT_ROWS_OVER = 150.0  # points: taller rows may break across pages


@dataclass(frozen=True)
class CellStyle:
    """The type of a table's cells: size, leading (a multiple of the size) and padding."""

    size: float = TABLE_SIZE
    leading: float = 1.25
    pad_x: float = PAD_X
    pad_y: float = PAD_Y

    @property
    def lead(self) -> float:
        return self.size * self.leading


CELLS = CellStyle()
# For a long list read on A4 landscape: 9 pt DejaVu Sans (its letters are as big on the page
# as 9.5-10 pt Arial), lines a little closer and less padding.
COMPACT_CELLS = CellStyle(size=9.0, leading=1.2, pad_x=3.5, pad_y=2.5)


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
    bookmark: str | None = None  # a bookmark in the outline, at this row
    bookmark_level: int = 1
    link: str | None = None  # a web address printed in the row, made clickable
    flag: tuple[int, str] | None = None  # (column, word): printed in bold above that cell
    continued: str | None = None  # what the rest of a row carried over a page opens with


# (x, width, lines, font, how many of the first lines are bold)
Cell = tuple[float, float, list[str], str, int]


class Band:
    """A horizontal strip of a row: its cells, drawn with column rules if ``ruled``; ``link``
    is the address to make clickable where these cells print it."""

    __slots__ = ("cells", "ruled", "link", "height")

    def __init__(
        self,
        cells: list[Cell],
        ruled: bool,
        style: CellStyle,
        min_height: float = 0.0,
        link: str | None = None,
    ) -> None:
        self.cells = cells
        self.ruled = ruled
        self.link = link
        most = max((len(c[2]) for c in cells), default=0)
        self.height = max(most * style.lead + 2 * style.pad_y, min_height)


class Prepared:
    __slots__ = ("bands", "stripe", "bookmark", "continued", "height")

    def __init__(
        self,
        bands: list[Band],
        stripe: bool,
        bookmark: tuple[str, int] | None = None,
        continued: str | None = None,
    ) -> None:
        self.bands = bands
        self.stripe = stripe
        self.bookmark = bookmark
        self.continued = continued
        self.height = sum(b.height for b in bands)


class PreparedRows:
    """The rows of a whole table, shared by every page's slice of it, prepared (wrapped into
    lines) only as the layout reaches them.  With ``release``, a row is let go once its page is
    drawn: a long list then holds a page or two of prepared rows, not all of them (about 500 MB
    for 100,000 cases).  A row let go and needed again (a second layout pass) is prepared anew
    from its source, the same way."""

    def __init__(
        self, source: Sequence[Row], prepare: Callable[[Row, int], Prepared], release: bool
    ) -> None:
        self.source = source
        self.prepare = prepare
        self.release = release
        self.count = len(source)
        self.prefix = [0.0]  # prefix[k]: the height of the rows before k, for the rows so far
        self.rows: dict[int, Prepared] = {}
        self._low = 0  # rows before this have been let go

    def row(self, k: int) -> Prepared:
        got = self.rows.get(k)
        if got is None:
            self.extend(k + 1)
            got = self.rows.get(k)
            if got is None:  # let go, and wanted again
                got = self.rows[k] = self.prepare(self.source[k], k)
        return got

    def extend(self, n: int) -> None:
        """Prepare rows until the heights of the first ``n`` are known."""
        prefix, rows, source, prepare = self.prefix, self.rows, self.source, self.prepare
        while len(prefix) <= n:
            k = len(prefix) - 1
            got = rows[k] = prepare(source[k], k)
            prefix.append(prefix[-1] + got.height)

    def height(self, start: int, end: int, limit: float | None = None) -> float:
        """The height of rows ``start`` to ``end``; once past ``limit``, only as far as it has
        got (enough to know they will not fit)."""
        prefix = self.prefix
        self.extend(start)
        if limit is not None:
            while len(prefix) <= end and prefix[-1] - prefix[start] <= limit:
                self.extend(len(prefix))
            if len(prefix) <= end:
                return prefix[-1] - prefix[start]
        self.extend(end)
        return prefix[end] - prefix[start]

    def drawn(self, end: int) -> None:
        """The rows before ``end`` are on a page: let them go if asked to."""
        if self.release and end > self._low:
            for k in range(self._low, end):
                self.rows.pop(k, None)
            self._low = end


def split_row(
    row: Prepared, room: float, width: float, style: CellStyle
) -> tuple[Prepared | None, Prepared | None]:
    """Break a tall row between lines so that its first part fits in ``room``; the rest opens
    with the row's ``continued`` label (in its first cell, or a line of its own)."""
    first: list[Band] = []
    rest: list[Band] = []
    label = row.continued
    for i, band in enumerate(row.bands):
        if band.height <= room:
            first.append(band)
            room -= band.height
            continue
        n = int((room - 2 * style.pad_y) // style.lead)
        if n >= 2:
            first.append(
                Band(
                    [(x, w, ln[:n], f, min(b, n)) for x, w, ln, f, b in band.cells],
                    band.ruled,
                    style,
                    link=band.link,
                )
            )
            rest.append(
                Band(
                    [(x, w, ln[n:], f, max(b - n, 0)) for x, w, ln, f, b in band.cells],
                    band.ruled,
                    style,
                    link=band.link,
                )
            )
        else:
            rest.append(band)
        rest.extend(row.bands[i + 1 :])
        break
    if not first or not rest:
        return None, None
    if label is not None:
        top = rest[0]
        if top.ruled and top.cells:
            x, w, lines, font, bold = top.cells[0]
            named = wrap(label, BOLD, style.size, w - 2 * style.pad_x)
            kept = [ln for ln in lines if ln]
            cells = [(x, w, named + kept, font, len(named) + bold), *top.cells[1:]]
            rest[0] = Band(cells, True, style, link=top.link)
        else:
            named = wrap(label, BOLD, style.size, width - 2 * style.pad_x)
            rest.insert(0, Band([(0.0, width, named, BOLD, len(named))], False, style))
    # the carried-over part keeps no bookmark: that points at where the row begins
    return Prepared(first, row.stripe, row.bookmark), Prepared(rest, row.stripe, None, label)
