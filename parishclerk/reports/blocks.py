"""Small layout pieces the reports share: headings, lists of facts, tables, space to write."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from .styles import BOLD, RULE, SANS, stylesheet
from .table import Column, Grid, Row
from .text import para

KEEP_ROOM = 35 * mm  # a heading needs this much room below it, or it starts a new page


def heading(text: str, level: int = 1, room: float | None = None) -> list[Flowable]:
    """A heading, moved to the next page if it would sit at the foot of this one.

    Not ``keepWithNext``: reportlab keeps a heading with a long table by pushing both to a new
    page, leaving the rest of this one blank.
    """
    s = stylesheet()
    return [CondPageBreak(room or KEEP_ROOM), para(text, s.h1 if level == 1 else s.h2)]


def caption(text: object) -> list[Flowable]:
    """A line that leads into a table: never left alone at the foot of a page."""
    return [CondPageBreak(KEEP_ROOM), para(text, stylesheet().body)]


def body(text: object) -> Flowable:
    return para(text, stylesheet().body)


def note(text: object) -> Flowable:
    """A line in italics: what is missing, withheld or explained."""
    return para(text, stylesheet().note)


def facts(pairs: Sequence[tuple[str, object]], width: float) -> Grid:
    """Label and value, one pair a row; values are user text and print literally."""
    cols = [Column("", 1.0, BOLD), Column("", 2.6, SANS)]
    rows = [Row([label, "" if value is None else str(value)]) for label, value in pairs]
    return Grid(cols, rows, width, stripes=False, header=False)


def table(
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[object]],
    width: float,
    *,
    notes: Sequence[object] | None = None,
    mono_notes: bool = False,
    min_height: float = 0.0,
) -> Grid:
    """A table with a heading row repeated on every page it runs onto."""
    from .styles import MONO

    cols = [Column(title, weight) for title, weight in columns]
    built = [
        Row(
            list(r),
            note=(notes[i] if notes else None),
            note_font=MONO if mono_notes else SANS,
            min_height=min_height,
        )
        for i, r in enumerate(rows)
    ]
    return Grid(cols, built, width)


class RuledLines(Flowable):
    """Lines to write on, for the minute or a signature."""

    def __init__(self, count: int, width: float, gap: float = 9 * mm) -> None:
        super().__init__()
        self.count, self.width, self.gap = count, width, gap
        self.height = count * gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 1
            c.line(0, y, self.width, y)


def gap(height_mm: float = 4) -> Flowable:
    return Spacer(1, height_mm * mm)
