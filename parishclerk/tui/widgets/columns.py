"""How a list's columns share the width the terminal gives.

Each column wants the width of its widest value (and its heading); when they all fit, each gets
that, so nothing is cut. When they do not, the columns that may narrow give way, those with the
highest ``give`` first, the first column (what tells rows apart) last, and among those of one
``give`` the widest first (a 300-character address gives way before a 20-character one is
touched), never below their ``min``. Fixed columns (dates, numbers) keep
their width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text


@dataclass(frozen=True)
class Column:
    """A list column. It takes the width of its widest value (``width`` until the values are
    known). With ``min`` it narrows, to no less than ``min``, when the table cannot show every
    column in full, columns with a higher ``give`` first; the first column, which should be
    the one that tells rows apart, gives way last. Without ``min`` it never narrows."""

    label: str
    width: int | None = None
    min: int | None = None
    give: int = 1


def cell_width(cell: str | Text) -> int:
    """How many terminal cells ``cell`` takes on one line."""
    if isinstance(cell, Text):
        return cell.cell_len
    return len(cell) if cell.isascii() else cell_len(cell)


def natural_widths(columns: Sequence[Column], rows: Iterable[Sequence[str | Text]]) -> list[int]:
    """The width each column needs to show every one of ``rows`` whole (its heading at least).
    About 20 ms for 10,000 rows of six cells (once per reload, never per keystroke); a value
    met again is not measured again."""
    widths = [cell_width(c.label) for c in columns]
    n = len(widths)
    seen: dict[str, int] = {}
    for cells in rows:
        for i, cell in enumerate(cells[:n]):
            text = cell.plain if isinstance(cell, Text) else cell
            w = seen.get(text)
            if w is None:
                w = seen[text] = len(text) if text.isascii() else cell_len(text)
            if w > widths[i]:
                widths[i] = w
    return widths


def _water_fill(want: dict[int, int], floor: dict[int, int], room: int) -> dict[int, int]:
    """Widths for the columns in ``want`` summing to at most ``room``: the widest are cut to a
    common level first, none below its ``floor``."""

    def at(level: int) -> dict[int, int]:
        return {i: max(floor[i], min(w, level)) for i, w in want.items()}

    if sum(want.values()) <= room:
        return dict(want)
    lo, hi = 0, max(want.values())  # the highest level that fits is in [lo, hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if sum(at(mid).values()) <= room:
            lo = mid
        else:
            hi = mid
    out = at(lo)
    left = room - sum(out.values())
    for i in sorted(want):  # the cells left over go one each to the first columns still cut
        if left > 0 and out[i] == lo < want[i]:
            out[i] += 1
            left -= 1
    return out


def fit_widths(
    columns: Sequence[Column], room: int, natural: Sequence[int] | None = None
) -> list[int | None]:
    """Each column's width in ``room`` cells, given the width each one's values need
    (``natural``; without it, each column's ``width``)."""
    want: list[int] = []
    for i, c in enumerate(columns):
        if natural is None:
            if c.width is None:
                return [col.width for col in columns]
            want.append(c.width)
        elif c.min is None:
            want.append(max(natural[i], 1))
        else:
            want.append(max(natural[i], c.min, 1))
    sized = list(want)
    need = sum(sized) - room
    # The first column names the row: it gives way only after every other column has.
    give = [c.give for c in columns]
    if columns:
        give[0] = min(give) - 1
    for level in sorted(
        {give[i] for i, c in enumerate(columns) if c.min is not None}, reverse=True
    ):
        if need <= 0:
            break
        idx = [i for i, c in enumerate(columns) if c.min is not None and give[i] == level]
        floor = {i: min(columns[i].min or 0, sized[i]) for i in idx}
        have = sum(sized[i] for i in idx)
        fitted = _water_fill({i: sized[i] for i in idx}, floor, have - need)
        for i in idx:
            sized[i] = fitted[i]
        need -= have - sum(fitted.values())
    return list(sized)
