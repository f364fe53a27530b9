"""Small layout pieces the reports share: headings, lists of facts, tables, space to write.

Every heading is also a bookmark in the PDF's outline; :func:`contents` lists the headings with
their page numbers, each a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from .styles import BOLD, RULE, SANS, stylesheet
from .table import Column, Grid, Row
from .text import clean, para

KEEP_ROOM = 35 * mm  # a heading needs this much room below it, or it starts a new page


class Anchor(Flowable):
    """A point in the text with a bookmark in the outline (and, if wanted, a contents line).

    Takes no room.  The key is given when it is drawn, by the canvas that holds the page;
    :func:`render.build` then tells a table of contents where it landed.
    """

    def __init__(self, title: str, level: int = 0, *, in_contents: bool = True) -> None:
        super().__init__()
        self.outline_text = " ".join(clean(title).split())
        self.outline_level = level
        self.in_contents = in_contents
        self.outline_key: str | None = None
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        mark = getattr(self.canv, "mark", None)
        if mark is not None:
            _, top = self.canv.absolutePosition(0, 0)
            self.outline_key = mark(self.outline_text, self.outline_level, top + 14)


def heading(text: str, level: int = 1, room: float | None = None) -> list[Flowable]:
    """A heading, moved to the next page if it would sit at the foot of this one, and a
    bookmark (level 1 at the top of the outline, level 2 beneath it).

    Not ``keepWithNext``: reportlab keeps a heading with a long table by pushing both to a new
    page, leaving the rest of this one blank.
    """
    s = stylesheet()
    return [
        CondPageBreak(room or KEEP_ROOM),
        Anchor(str(text), level - 1),
        para(text, s.h1 if level == 1 else s.h2),
    ]


class Contents(TableOfContents):
    """A table of contents: each heading down to ``depth`` with its page number, a link."""

    def __init__(self, depth: int = 1) -> None:
        s = stylesheet()
        styles = [
            ParagraphStyle(
                f"contents{n}",
                parent=s.body,
                leftIndent=12 * n,
                firstLineIndent=0,
                rightIndent=36,
                spaceBefore=0,
                spaceAfter=2,
            )
            for n in range(depth)
        ]
        grid = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("FONT", (0, 0), (-1, -1), SANS, s.body.fontSize),  # never reportlab's Helvetica
            ]
        )
        super().__init__(levelStyles=styles, tableStyle=grid, dotsMinLevel=0, rightColumnWidth=36)
        self.depth = depth

    def addEntry(self, level: int, text: str, pageNum: int, key: str | None = None) -> None:  # noqa: N802,N803
        if level < self.depth:  # the entries are markup: user text is escaped
            super().addEntry(level, escape(text), pageNum, key)


def contents(depth: int = 1) -> list[Flowable]:
    """The contents of the document, with page numbers, for its cover (two layout passes)."""
    return [Contents(depth)]


def caption(text: object) -> list[Flowable]:
    """A line that leads into a table: never left alone at the foot of a page."""
    return [CondPageBreak(KEEP_ROOM), para(text, stylesheet().body)]


def body(text: object) -> Flowable:
    return para(text, stylesheet().body)


def note(text: object) -> Flowable:
    """A line in italics: what is missing, withheld or explained."""
    return para(text, stylesheet().note)


def facts(pairs: Sequence[tuple[str, object]], width: float) -> Grid:
    """Label and value, one pair a row; values are user text and print literally (a web
    address is clickable)."""
    cols = [Column("", 1.0, BOLD), Column("", 2.6, SANS)]
    rows = []
    for label, value in pairs:
        text = "" if value is None else str(value)
        rows.append(
            Row([label, text], link=text if text.startswith(("https://", "http://")) else None)
        )
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
