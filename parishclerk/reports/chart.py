"""The breach chart: cases by category as horizontal bars, drawn with reportlab.graphics.

Solid dark bars with the count printed at the end of each, so it reads the same in black and
white; category names are wrapped beside the bars, never cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import black

from .styles import BAR_FILL, BOLD, RULE, SANS
from .text import wrap

LABEL_SIZE = 10.5
BAR = 14.0
ROW_GAP = 8.0


def category_chart(counts: Sequence[tuple[str, int]], width: float) -> Drawing:
    """One bar per category with at least one case, longest label wrapped to fit."""
    label_w = width * 0.42
    bar_x = label_w + 8
    bar_room = width - bar_x - 30
    most = max((n for _, n in counts), default=1) or 1
    leading = LABEL_SIZE * 1.2
    rows = [(wrap(label, SANS, LABEL_SIZE, label_w), n) for label, n in counts]
    heights = [max(BAR, len(lines) * leading) + ROW_GAP for lines, _ in rows]
    height = sum(heights) + 6
    d = Drawing(width, height)
    # The drawing's starting font is our own, or reportlab names Helvetica (never embedded).
    d.initialFontName, d.initialFontSize = SANS, LABEL_SIZE
    y = height
    for (lines, n), h in zip(rows, heights, strict=True):
        y -= h
        mid = y + (h - ROW_GAP) / 2 + ROW_GAP / 2
        text_top = mid + (len(lines) - 1) * leading / 2
        for i, line in enumerate(lines):
            d.add(
                String(
                    label_w,
                    text_top - i * leading - LABEL_SIZE * 0.35,
                    line,
                    fontName=SANS,
                    fontSize=LABEL_SIZE,
                    fillColor=black,
                    textAnchor="end",
                )
            )
        length = max(bar_room * n / most, 1.5)
        d.add(
            Rect(
                bar_x,
                mid - BAR / 2,
                length,
                BAR,
                fillColor=BAR_FILL,
                strokeColor=black,
                strokeWidth=0.5,
            )
        )
        d.add(
            String(
                bar_x + length + 4,
                mid - LABEL_SIZE * 0.35,
                str(n),
                fontName=BOLD,
                fontSize=LABEL_SIZE,
                fillColor=black,
            )
        )
    d.add(Line(bar_x, 0, bar_x, height, strokeColor=RULE, strokeWidth=0.8))
    return d
