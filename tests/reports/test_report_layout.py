"""The pieces under the reports: markup kept as text, line breaks, the fast font path."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from parishclerk.reports.styles import FONT_DIR, SANS, register_fonts, stylesheet
from parishclerk.reports.text import para, wrap


def test_para_keeps_markup_as_text():
    register_fonts()
    for hostile in (
        "O'Brien <b>x",
        "St Mary & St Joseph <Annex>",
        "<script>x</script>",
        "a\nb",
        "&amp; &lt;",
    ):
        p = para(hostile, stylesheet().body)
        p.wrap(400, 100)  # would raise ValueError on unbalanced markup
        assert "<b>x" not in p.text or "&lt;b&gt;" in p.text


def test_fast_font_path_matches_reportlab():
    register_fonts()
    fast = pdfmetrics.getFont(SANS)
    plain = TTFont("PlainSans", str(FONT_DIR / "DejaVuSans.ttf"))
    doc_a, doc_b = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    for text in (
        "Hello & <b>",
        "Llanfair ŵ ŷ",
        "Łódź ł",
        "Seán á",
        "Hello again ŵ",
        "",
        "a\u00a0b",
        "snowman ☃ and 中文",
    ):
        assert fast.splitString(text, doc_a) == plain.splitString(text, doc_b), text


def test_wrap_breaks_at_spaces_keeps_newlines_and_cuts_long_words():
    register_fonts()
    lines = wrap("one two three\nfour", SANS, 10.5, 1000)
    assert lines == ["one two three", "four"]
    narrow = wrap("a " + "x" * 200, SANS, 10.5, 60)
    assert narrow[0] == "a" and "".join(narrow[1:]) == "x" * 200
    assert all(pdfmetrics.stringWidth(ln, SANS, 10.5) <= 60 for ln in narrow)
    assert wrap("", SANS, 10.5, 100) == [""]


def _greedy(text: str, size: float, width: float) -> list[str]:
    """Lines filled a word at a time, measured whole: what wrap's bisection must agree with."""
    out: list[str] = []
    for raw in text.split("\n"):
        current: list[str] = []
        for word in raw.split():
            if current and pdfmetrics.stringWidth(" ".join([*current, word]), SANS, size) > width:
                out.append(" ".join(current))
                current = []
            current.append(word)
        out.append(" ".join(current))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_wrap_fills_lines_as_a_word_at_a_time_would(seed):
    register_fonts()
    rnd = random.Random(seed)
    words = (
        "a an the clerk's Siân Łukasz O'Brien & Co <b>x</b> noticeboard, (Post 12.) — ŵyn".split()
    )
    for _ in range(60):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 80)))
        if rnd.random() < 0.3:
            text += "\n" + " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30)))
        width = rnd.uniform(70, 700)
        size = rnd.choice([9.0, 10.5])
        lines = wrap(text, SANS, size, width)
        assert lines == _greedy(text, size, width), (text, width)
        assert all(pdfmetrics.stringWidth(ln, SANS, size) <= width + 1e-6 for ln in lines)
