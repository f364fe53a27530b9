"""The one renderer: A4 pages, header and footer, "Page N of M", confidential marking, bytes out.

Every report hands a list of flowables to :func:`build`.  The header carries the council's name
and the report's title, the footer the date generated and "Page N of M"; a confidential report
says so at the top and the bottom of every page.  A ``running_title`` (an agenda item, "Item 9:
Social Media Policy: annual review") takes the title's place in the header, and ``first_page``
numbers the pages on from an agenda pack's.

Every :func:`blocks.heading` becomes a bookmark in the PDF's outline (levels nest), and so does
any table row given a ``bookmark``; :func:`blocks.contents` places a table of contents with page
numbers, which makes :func:`build` lay the document out twice.

The PDF carries its real creation date.  Under ``SOURCE_DATE_EPOCH`` (tests, reproducible builds)
the date is that moment and the bytes are identical for the same data.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial

from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    Destination,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from ..domain.collector import held_off
from ..domain.dates import show
from .pdfobjects import Done, Mark, Outline, Sink, compress_now
from .styles import BOLD, RULE, SANS, SMALL_SIZE, register_fonts
from .text import ellipsis

MARKING = "CONFIDENTIAL — not for publication"
SIDE = 18 * mm
TOP = 30 * mm
BOTTOM = 22 * mm
# Landscape pages (the breach log, a long list) keep more of the page for the list: the
# confidential marking sits in the header line between the council and the title, and the
# footer lower down.
WIDE_TOP = 20 * mm
WIDE_BOTTOM = 16 * mm


def page_size(wide: bool = False) -> tuple[float, float]:
    return landscape(A4) if wide else A4


def margins(wide: bool = False) -> tuple[float, float]:
    """The top and bottom margins: what the header and footer take."""
    return (WIDE_TOP, WIDE_BOTTOM) if wide else (TOP, BOTTOM)


def content_width(wide: bool = False) -> float:
    """The width flowables may use on a page (portrait, or landscape when ``wide``)."""
    return page_size(wide)[0] - 2 * SIDE


def content_height(wide: bool = False) -> float:
    top, bottom = margins(wide)
    return page_size(wide)[1] - top - bottom


@dataclass(frozen=True)
class Furniture:
    """What is printed on every page around the content, measured once."""

    council: str
    title: str
    generated: date
    confidential: bool
    width: float
    first_page: int = 1
    wide: bool = False

    @cached_property
    def marking_width(self) -> float:
        return pdfmetrics.stringWidth(MARKING, BOLD, 11) + 10 * mm

    @property
    def marking_in_header(self) -> bool:
        """On a landscape page the marking sits in the header line, between the two."""
        return self.wide and self.confidential

    @cached_property
    def header(self) -> tuple[str, str]:
        """Council and title, cut with an ellipsis only if together they overflow the line
        (or, with the marking between them, their half of it)."""
        size = SMALL_SIZE + 0.5
        room = self.width - 2 * SIDE - 12
        if self.marking_in_header:
            room -= self.marking_width + 12
        title = ellipsis(self.title, SANS, size, room * 0.6)
        council = ellipsis(
            self.council, BOLD, size, room - pdfmetrics.stringWidth(title, SANS, size)
        )
        return council, title

    @cached_property
    def marking_centre(self) -> float:
        """Where the marking is centred: the middle of the page, or of the room left between
        a long council name and the title."""
        size = SMALL_SIZE + 0.5
        council, title = self.header
        left = SIDE + pdfmetrics.stringWidth(council, BOLD, size) + 12
        right = self.width - SIDE - pdfmetrics.stringWidth(title, SANS, size) - 12
        half = self.marking_width / 2
        middle = self.width / 2
        if left <= middle - half and middle + half <= right:
            return middle
        return (left + right) / 2

    @property
    def footer_y(self) -> float:
        """The baseline of the footer's line of text."""
        return 9 * mm if self.wide else 12 * mm


_OWN_STATE = frozenset({"_pages", "_base"})  # the held pages themselves: never put back


class _PagedCanvas(Canvas):
    """Holds each page back until the end, so the footer can say "Page N of M".

    Bookmarks asked for on a page are held with it (the document's page count only moves on
    when a page is written) and placed as the page is written, nested by the levels asked for
    but never more than one deeper than the one before.
    """

    def __init__(
        self, *args: object, furniture: Furniture, pool: Executor | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pool = pool
        self._pages: list[dict] = []
        self._base: dict | None = None  # the canvas as the first page left it
        self._marks: list[Mark] = []
        self._mark_count = 0
        doc = self._doc
        self._outline = doc.outline = doc.Outlines = doc.Catalog.Outlines = Outline()

    def mark(self, title: str, level: int, top: float, *, named: bool = True) -> str:
        """Ask for a bookmark at ``top`` (from the foot) of this page; returns its key.
        ``named``: a destination others may link to by the key (not needed for a table row)."""
        self._mark_count += 1
        key = f"pc{self._mark_count}"
        self._marks.append(Mark(" ".join(title.split()), level, top, key, named))
        return key

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        # The canvas as it stands, to be put back when the page is written: in full for the
        # first page, and for the others only what is not the very same object as then (a
        # copy of the whole canvas a page took 80 MB for 100,000 cases).
        now = self.__dict__
        if self._base is None:
            self._base = {k: v for k, v in now.items() if k not in _OWN_STATE}
            self._base["_code"] = []
            state = {}
        else:
            base = self._base
            state = {
                k: v
                for k, v in now.items()
                if k not in _OWN_STATE and (k not in base or base[k] is not v)
            }
        # The page's drawing, compressed now (on another thread: zlib lets go of the GIL) into
        # the stream it will be; save() writes the page's furniture into a stream of its own
        # after it.  Held as text, a 100,000-case log took 1.9 GB.
        if self._code:
            body = "\n".join([self._preamble, *self._code, ""]).encode("utf-8", "surrogatepass")
            state["_body"] = (
                self._pool.submit(zlib.compress, body) if self._pool else Done(zlib.compress(body))
            )
        state["_code"] = []
        self._pages.append(state)
        self._marks = []
        self._startPage()

    def save(self) -> None:
        f = self._furniture
        total = len(self._pages)
        asked, depth = -1, -1  # the level the last bookmark asked for, and the one it got
        if f.first_page != 1:
            self.addPageLabel(0, "ARABIC", f.first_page)
        if self._pages:  # the furniture every page shares, drawn once (before any page's state)
            self.beginForm(FURNITURE_FORM)
            _fixed(self, f)
            self.endForm()
        for index, state in enumerate(self._pages):
            body = state.pop("_body", None)
            self.__dict__.update(self._base or {})
            self.__dict__.update(state)
            self._pages[index] = {}  # written below: let it go
            for m in self._marks:
                # relative to the one before: a level-2 heading with no level-1 above it
                # sits at the top, and its sibling beside it, not beneath it
                if m.level > asked:
                    level = depth + 1
                else:
                    level = max(0, depth - (asked - m.level))
                dest: Destination | tuple[str, float]
                if m.named:
                    dest = self.bookmarkPage(m.key, fit="XYZ", left=0, top=m.top)
                else:
                    dest = (self._doc.thisPageName(), m.top)
                self._outline.add(m.title, level, dest, closed=level >= 1)
                asked, depth = m.level, level
            _decorate(self, f, f.first_page + index, f.first_page + total - 1)
            super().showPage()
            compress_now(self._doc.Pages.pages[-1], body)
        if depth >= 0:
            self.showOutline()
        super().save()


class _Doc(BaseDocTemplate):
    """Tells a table of contents where each heading landed, in the pack's page numbering."""

    first_page = 1

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        key = getattr(flowable, "outline_key", None)
        if key is not None and getattr(flowable, "in_contents", False):
            self.notify(
                "TOCEntry",
                (
                    flowable.outline_level,
                    flowable.outline_text,
                    self.first_page + self.page - 1,
                    key,
                ),
            )


FURNITURE_FORM = "pcFurniture"


def _decorate(c: Canvas, f: Furniture, number: int, total: int) -> None:
    """The page's furniture: what is the same on every page is drawn once, as a form the
    pages share (a long log has thousands of pages), and only "Page N of M" page by page."""
    width, _height = c._pagesize
    c.doForm(FURNITURE_FORM)
    text = f"Page {number} of {total}"
    face = pdfmetrics.getFont(SANS)
    codes = face.known(text, c._doc) if hasattr(face, "known") else None
    if codes is not None:  # what drawRightString writes, less its general path
        x = width - SIDE - pdfmetrics.stringWidth(text, SANS, SMALL_SIZE)
        name = face.getSubsetInternalName(0, c._doc)
        c._code.append(
            f"q 0 g BT 1 0 0 1 {fp_str(x, f.footer_y)} Tm {name} {fp_str(SMALL_SIZE)} Tf "
            f"{fp_str(SMALL_SIZE * 1.2)} TL ({escapePDF(codes)}) Tj ET Q"
        )
        return
    c.saveState()
    c.setFillColor(black)
    c.setFont(SANS, SMALL_SIZE)
    c.drawRightString(width - SIDE, f.footer_y, text)
    c.restoreState()


def _fixed(c: Canvas, f: Furniture) -> None:
    width, height = c._pagesize
    right = width - SIDE
    c.saveState()
    c.setFillColor(black)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.8)
    # header: council on the left, report (or agenda item) title on the right
    y = height - (11 if f.marking_in_header else 13) * mm
    council, title = f.header
    c.setFont(BOLD, SMALL_SIZE + 0.5)
    c.drawString(SIDE, y, council)
    c.setFont(SANS, SMALL_SIZE + 0.5)
    c.drawRightString(right, y, title)
    rule = y - (3.5 if f.marking_in_header else 2.5) * mm
    c.line(SIDE, rule, right, rule)
    # footer: date generated on the left (the page count is drawn page by page)
    fy = f.footer_y
    fr = fy + (4 if f.wide else 4.5) * mm
    c.line(SIDE, fr, right, fr)
    c.setFont(SANS, SMALL_SIZE)
    c.drawString(SIDE, fy, f"Generated {show(f.generated)}")
    if f.confidential:
        c.setFont(BOLD, 11)
        box_w = f.marking_width
        box_y = y if f.marking_in_header else height - 24 * mm
        c.setStrokeColor(black)
        c.setLineWidth(1.4)
        centre = f.marking_centre if f.marking_in_header else width / 2
        c.rect(centre - box_w / 2, box_y - 2.2 * mm, box_w, 7 * mm, stroke=1, fill=0)
        c.drawCentredString(centre, box_y, MARKING)
        c.setFont(BOLD, SMALL_SIZE)
        c.drawCentredString(width / 2, fy, MARKING)
    c.restoreState()


no_gc = held_off
"""Hold the cyclic garbage collector off while a report is made (a 10,000-case log spent a
third of its time in it): ``domain.collector.held_off``."""


def build(
    flowables: Sequence[Flowable],
    *,
    council: str,
    title: str,
    generated: date,
    confidential: bool = False,
    wide: bool = False,
    running_title: str | None = None,
    first_page: int = 1,
) -> bytes:
    """Lay the flowables out on A4 pages and return the PDF.

    ``title`` is the document's title (its metadata, and the header unless ``running_title``
    is given); ``first_page`` is the number printed on the first page.
    """
    if first_page < 1:
        raise ValueError("the first page number must be 1 or more")
    register_fonts()
    # Plain zlib streams: the ASCII-85 layer on top only adds size and (in pure Python) time.
    rl_config.useA85 = 0
    # Reproducible bytes only when asked for: reportlab then dates the file SOURCE_DATE_EPOCH.
    invariant = 1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0
    size = page_size(wide)
    top, bottom = margins(wide)
    buf = Sink()
    doc = _Doc(
        buf,
        pagesize=size,
        leftMargin=SIDE,
        rightMargin=SIDE,
        topMargin=top,
        bottomMargin=bottom,
        invariant=invariant,
        pageCompression=1,
        title=title,
        author=council,
        subject=MARKING if confidential else title,
        creator="parishclerk",
        lang="en-GB",
        displayDocTitle=1,
        initialFontName=SANS,
        initialFontSize=11,
    )
    doc.first_page = first_page
    frame = Frame(
        SIDE,
        bottom,
        size[0] - 2 * SIDE,
        size[1] - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    header = running_title if running_title and running_title.strip() else title
    furniture = Furniture(council, header, generated, confidential, size[0], first_page, wide)
    story = list(flowables)
    with ThreadPoolExecutor(1, thread_name_prefix="pc-pdf") as pool:
        maker = partial(_PagedCanvas, furniture=furniture, pool=pool)
        if any(isinstance(f, TableOfContents) for f in story):
            doc.multiBuild(story, canvasmaker=maker)
        else:
            doc.build(story, canvasmaker=maker)
    return buf.data
