"""Fonts and the one stylesheet every report shares.

The fonts are DejaVu Sans (shipped in ``fonts/`` with their licence): they hold every letter of
the Latin-script languages a council meets (Welsh ŵ ŷ, Polish ł, Irish á), and are embedded in
each PDF, so the machine that prints needs nothing installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")
SANS = "PCSans"
BOLD = "PCSans-Bold"
ITALIC = "PCSans-Oblique"
MONO = "PCSansMono"

BODY_SIZE = 11.0  # body text: comfortable for older eyes (at least 10.5pt)
TABLE_SIZE = 10.5  # table cells
SMALL_SIZE = 9.5  # page furniture only (header and footer)

# Greys that survive black-and-white printing and photocopying.
RULE = Color(0.35, 0.35, 0.35)
HEAD_FILL = Color(0.82, 0.82, 0.82)
STRIPE_FILL = Color(0.94, 0.94, 0.94)
BAR_FILL = Color(0.3, 0.3, 0.3)


class _Font(TTFont):
    """A TrueType font with a quick path for text whose letters are all already in use.

    reportlab maps each character to its place in the embedded subset one at a time in Python;
    a long breach log spends most of its time there.  Once a character has its place, the same
    mapping is a ``str.translate``.  Anything new (or beyond the first subset of 256 characters)
    goes the ordinary way, so the output is byte for byte what reportlab itself would write.
    """

    def encoder(self, doc: object) -> tuple[dict[int, int], frozenset[str], bool] | None:
        """How text maps to the first subset's codes in this document, as it stands: the
        translation table, the letters that have a place, and whether every printable ASCII
        letter prints as its own code (reportlab's ``asciiReadable``, its default).  ``None``
        before the document has used the font.  Good until a new letter gets its place."""
        state = self.state.get(doc)
        if state is None:
            return None
        known = getattr(state, "_pc_known", None)
        assignments = state.assignments
        if known is None or known[0] != len(assignments):
            table = {code: n for code, n in assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # reportlab prints a no-break space as a space
            ascii_as_is = all(table.get(n) == n for n in range(32, 127))
            known = (len(assignments), (table, frozenset(map(chr, table)), ascii_as_is))
            state._pc_known = known
        return known[1]

    def known(self, text: str, doc: object) -> bytes | None:
        """The text in the first subset's codes if every letter already has its place there,
        else ``None`` (the ordinary way must assign it one)."""
        if not text:
            return None
        encoder = self.encoder(doc)
        if encoder is None:
            return None
        table, letters, ascii_as_is = encoder
        if ascii_as_is and text.isascii() and text.isprintable():
            return text.encode("ascii")
        if letters.issuperset(text):
            return text.translate(table).encode("latin-1")
        return None

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (reportlab's name)
        if isinstance(text, str):
            codes = self.known(text, doc)
            if codes is not None:
                return [(0, codes)]
        return super().splitString(text, doc, encoding)


@cache
def register_fonts() -> None:
    """Register the embedded fonts once per process."""
    for name, file in (
        (SANS, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
        (MONO, "DejaVuSansMono.ttf"),
    ):
        pdfmetrics.registerFont(_Font(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles; build them with :func:`stylesheet`."""

    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    note: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    marking: ParagraphStyle


@cache
def stylesheet() -> Styles:
    """The one stylesheet builder: every report takes its styles from here."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=SANS,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.35,
        textColor=black,
        alignment=TA_LEFT,
        spaceAfter=5,
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=20, leading=25, spaceAfter=6
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=13, leading=17, spaceAfter=12),
        h1=ParagraphStyle(
            "h1", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceBefore=14, spaceAfter=7
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
        ),
        note=ParagraphStyle("note", parent=body, fontName=ITALIC),
        cover_title=ParagraphStyle(
            "cover_title", parent=body, fontName=BOLD, fontSize=26, leading=32, spaceAfter=16
        ),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=14, leading=20, spaceAfter=6),
        marking=ParagraphStyle(
            "marking",
            parent=body,
            fontName=BOLD,
            fontSize=13,
            leading=17,
            borderWidth=1.5,
            borderColor=black,
            borderPadding=8,
            spaceBefore=10,
            spaceAfter=14,
        ),
    )
