"""User text into the PDF, always literally.

``para()`` is the one way user text becomes a reportlab ``Paragraph``: it escapes ``&``, ``<``
and ``>`` (so ``<b>`` and ``<script>`` print as themselves) and turns newlines into line breaks.
``wrap()`` cuts plain text into lines for the fast tables, where no markup is parsed at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from typing import cast
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: object) -> str:
    """Text as it should print: str, Windows line ends normalised, control characters gone."""
    s = "" if text is None else str(text)
    if s.isprintable():  # no line ends, tabs or control characters: nothing to do
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)


def para(text: object, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A paragraph of user text that prints literally, newlines kept."""
    safe = escape(clean(text)).replace("\n", "<br/>")
    if bold:
        safe = f"<b>{safe}</b>"
    return Paragraph(safe, style)


def markup(template: str, style: ParagraphStyle, **values: object) -> Paragraph:
    """A paragraph of our own markup (``<b>`` etc.) with user values escaped into it."""
    safe = {k: escape(clean(v)).replace("\n", "<br/>") for k, v in values.items()}
    return Paragraph(template.format(**safe), style)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _width(word: str, font: str, size: float) -> float:
    """The width of a word, remembered: a long list measures each distinct word once."""
    cache = _WIDTHS.get((font, size))
    if cache is None or len(cache) > 200_000:
        cache = _WIDTHS[(font, size)] = {}
    w = cache.get(word)
    if w is None:
        w = cache[word] = stringWidth(word, font, size)
    return w


_BREAK_AFTER = frozenset("-_./\\?&=+,;:")


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column (a file name, a link, a hash) cut into pieces that fit:
    after a ``-``, ``_``, ``.``, ``/`` and the like where there is one in the second half of the
    piece, else between a lower-case and a capital letter or a letter and a digit, else where
    the room runs out."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and _width(current + ch, font, size) > width:
            cut = _cut_at(current)
            pieces.append(current[:cut])
            current = current[cut:] + ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def _cut_at(piece: str) -> int:
    """Where to end a piece of a long word: just after its last sensible break point."""
    half = len(piece) // 2
    for i in range(len(piece) - 1, half - 1, -1):
        if piece[i] in _BREAK_AFTER:
            return i + 1
    for i in range(len(piece) - 1, max(half, 1) - 1, -1):
        a, b = piece[i - 1], piece[i]
        if (a.islower() and b.isupper()) or (a.isalpha() != b.isalpha() and a.isalnum()):
            return i
    return len(piece)


_WRAPPED: dict[tuple[str, str, float, float], list[str]] = {}


def wrap(text: object, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking of plain text at spaces; newlines are kept as line breaks.

    Word widths are cached, and so are the lines of short texts (a status, a procedure, a
    list of categories), which repeat down a long list.  The returned list is shared: read it,
    don't change it.
    """
    s = text if isinstance(text, str) else clean(text)
    if len(s) > 160:
        return _wrap(s, font, size, width)
    key = (s, font, size, width)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) > 50_000:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = _wrap(s, font, size, width)
    return lines


_DATE = re.compile(r"\d \w{3} \d{4}")
_DATE_OR_WORD = re.compile(r"\S*\b\d{1,2} [A-Z][a-z]{2} \d{4}\b\S*|\S+")


def _keep_dates(raw: str, font: str, size: float, width: float) -> list[str]:
    """The words of a line, each date one word unless the column is too narrow for it."""
    out: list[str] = []
    for token in _DATE_OR_WORD.findall(raw):
        if " " in token and _width(token, font, size) > width:
            out.extend(token.split())
        else:
            out.append(token)
    return out


def _fill(words: list[str], widths: list[float], space: float, width: float) -> list[str] | None:
    """Greedy filling of lines, a bisection per line instead of a step per word: the words of
    a line from word ``i`` are those whose widths and spaces sum to at most ``width``, found in
    the running sums.  ``None`` if a word alone is wider than ``width`` (it must be cut)."""
    # sums[k]: the widths of the words before k, and a space after each
    sums = [0.0, *accumulate(map(add, widths, repeat(space, len(widths))))]
    out = []
    i, n = 0, len(words)
    room = width + space
    while i < n:
        j = bisect_right(sums, room + sums[i], i + 1) - 1
        if j <= i:
            return None
        out.append(" ".join(words[i:j]))
        i = j
    return out


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    out: list[str] = []
    space = _width(" ", font, size)
    cache = _WIDTHS[(font, size)]
    get = cache.get
    for raw in clean(text).split("\n"):
        # a date ("14 Jan 2026") is never broken across lines
        words = _keep_dates(raw, font, size, width) if _DATE.search(raw) else raw.split()
        if not words:
            out.append("")
            continue
        found = list(map(get, words))
        widths: list[float]
        if None in found:
            widths = [
                _width(word, font, size) if w is None else w
                for word, w in zip(words, found, strict=True)
            ]
        else:
            widths = cast("list[float]", found)  # every word's width was known
        lines = _fill(words, widths, space, width)
        if lines is not None:
            out.extend(lines)
            continue
        current: list[str] = []
        used = 0.0
        for word, w in zip(words, widths, strict=True):
            if w > width:
                if current:
                    out.append(" ".join(current))
                pieces = _break_word(word, font, size, width)
                out.extend(pieces[:-1])
                current, used = [pieces[-1]], _width(pieces[-1], font, size)
            elif current and used + space + w > width:
                out.append(" ".join(current))
                current, used = [word], w
            else:
                used += (space if current else 0.0) + w
                current.append(word)
        if current:
            out.append(" ".join(current))
    while len(out) > 1 and out[-1] == "":
        out.pop()
    return out or [""]


def ellipsis(text: object, font: str, size: float, width: float) -> str:
    """One line of text, cut with an ellipsis if it is wider than ``width``."""
    s = " ".join(clean(text)[:400].split())
    if stringWidth(s, font, size) <= width:
        return s
    while s and stringWidth(s + "…", font, size) > width:
        s = s[:-1]
    return s.rstrip() + "…"
