"""The one renderer: A4 pages, header and footer, "Page N of M", confidential marking, bytes out.

Every report hands a list of flowables to :func:`build`.  The header carries the council's name
and the report's title, the footer the date generated and "Page N of M"; a confidential report
says so at the top and the bottom of every page.  ``invariant=1`` keeps the bytes identical for
the same data and the same ``generated`` date.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial

from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..domain.dates import show
from .styles import BOLD, RULE, SANS, SMALL_SIZE, register_fonts
from .text import ellipsis

MARKING = "CONFIDENTIAL — not for publication"
SIDE = 18 * mm
TOP = 30 * mm
BOTTOM = 22 * mm


def page_size(wide: bool = False) -> tuple[float, float]:
    return landscape(A4) if wide else A4


def content_width(wide: bool = False) -> float:
    """The width flowables may use on a page (portrait, or landscape when ``wide``)."""
    return page_size(wide)[0] - 2 * SIDE


def content_height(wide: bool = False) -> float:
    return page_size(wide)[1] - TOP - BOTTOM


@dataclass(frozen=True)
class Furniture:
    """What is printed on every page around the content, measured once."""

    council: str
    title: str
    generated: date
    confidential: bool
    width: float

    @cached_property
    def marking_width(self) -> float:
        return pdfmetrics.stringWidth(MARKING, BOLD, 11) + 10 * mm

    @cached_property
    def header(self) -> tuple[str, str]:
        """Council and title, cut with an ellipsis only if together they overflow the line."""
        room = self.width - 2 * SIDE - 12
        size = SMALL_SIZE + 0.5
        title = ellipsis(self.title, SANS, size, room * 0.6)
        council = ellipsis(
            self.council, BOLD, size, room - pdfmetrics.stringWidth(title, SANS, size)
        )
        return council, title


def _escape_table() -> dict[int, str]:
    """What reportlab's ``escapePDF`` does to each byte, as a ``str.translate`` table."""
    table = {}
    for code in range(256):
        if code < 32 or code > 126:
            table[code] = f"\\{code:03o}"
        elif chr(code) in "\\()":
            table[code] = "\\" + chr(code)
    return table


_ESCAPES = _escape_table()


class _PagedCanvas(Canvas):
    """Holds each page back until the end, so the footer can say "Page N of M"."""

    def _escape(self, s: bytes | str) -> str:
        # reportlab's pure-Python escapePDF goes a character at a time; this is the same
        # mapping done by str.translate (checked against escapePDF in the tests).
        if isinstance(s, bytes):
            s = s.decode("latin-1")
        return s.translate(_ESCAPES)

    def __init__(self, *args: object, furniture: Furniture, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            _decorate(self, self._furniture, number, total)
            super().showPage()
        super().save()


def _decorate(c: Canvas, f: Furniture, number: int, total: int) -> None:
    width, height = c._pagesize
    right = width - SIDE
    c.saveState()
    c.setFillColor(black)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.8)
    # header: council on the left, report title on the right
    y = height - 13 * mm
    council, title = f.header
    c.setFont(BOLD, SMALL_SIZE + 0.5)
    c.drawString(SIDE, y, council)
    c.setFont(SANS, SMALL_SIZE + 0.5)
    c.drawRightString(right, y, title)
    c.line(SIDE, y - 2.5 * mm, right, y - 2.5 * mm)
    # footer: date generated on the left, page count on the right
    fy = 12 * mm
    c.line(SIDE, fy + 4.5 * mm, right, fy + 4.5 * mm)
    c.setFont(SANS, SMALL_SIZE)
    c.drawString(SIDE, fy, f"Generated {show(f.generated)}")
    c.drawRightString(right, fy, f"Page {number} of {total}")
    if f.confidential:
        c.setFont(BOLD, 11)
        box_w = f.marking_width
        box_y = height - 24 * mm
        c.setStrokeColor(black)
        c.setLineWidth(1.4)
        c.rect((width - box_w) / 2, box_y - 2.2 * mm, box_w, 7 * mm, stroke=1, fill=0)
        c.drawCentredString(width / 2, box_y, MARKING)
        c.setFont(BOLD, SMALL_SIZE)
        c.drawCentredString(width / 2, fy, MARKING)
    c.restoreState()


@contextmanager
def no_gc():
    """Hold the cyclic garbage collector off while a report is made.

    A long report makes millions of small objects and no cycles worth collecting; with the
    collector on, a 10,000-case log spends a third of its time in it.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build(
    flowables: Sequence[Flowable],
    *,
    council: str,
    title: str,
    generated: date,
    confidential: bool = False,
    wide: bool = False,
) -> bytes:
    """Lay the flowables out on A4 pages and return the PDF."""
    register_fonts()
    # Plain zlib streams: the ASCII-85 layer on top only adds size and (in pure Python) time.
    rl_config.useA85 = 0
    size = page_size(wide)
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=size,
        leftMargin=SIDE,
        rightMargin=SIDE,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        invariant=1,
        pageCompression=1,
        title=title,
        author=council,
        subject=MARKING if confidential else title,
        creator="parishclerk",
        lang="en-GB",
        initialFontName=SANS,
        initialFontSize=11,
    )
    frame = Frame(
        SIDE,
        BOTTOM,
        size[0] - 2 * SIDE,
        size[1] - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    furniture = Furniture(council, title, generated, confidential, size[0])
    doc.build(list(flowables), canvasmaker=partial(_PagedCanvas, furniture=furniture))
    return buf.getvalue()
