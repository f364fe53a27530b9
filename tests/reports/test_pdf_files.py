"""The PDF as others handle it: running header, page numbers, outline, contents, dates, fonts."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from typing import Any

from pypdf import PdfReader
from reportlab.platypus import PageBreak

from parishclerk.reports import (
    breach_log,
    case_file,
    pdfobjects,
    render,
    review_pack,
    signoff_sheet,
)
from parishclerk.reports.blocks import body, contents, heading
from tests.reports.conftest import GENERATED, MEETING, pages

ITEM = "Item 9: Social Media Policy: annual review"


def _outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page number counted from 1) for every bookmark, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    out: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None
                out.append((depth, item.title, page + 1))

    walk(reader.outline, 0)
    return out


def _meta(pdf: bytes) -> Any:
    """The document information (title, dates) of a PDF."""
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None
    return info


def _sections() -> list:
    story = [*contents(2), PageBreak()]
    for i in range(3):
        story += heading(f"Section {i} <b>& co</b>")
        story.append(body("words " * 500))
        story += heading(f"Part {i}.1", 2)
        story.append(body("more " * 700))
    return story


def test_running_title_and_page_numbers_run_on_from_the_agenda_pack():
    pdf = render.build(
        _sections(),
        council="Llanfair & Pwll",
        title="Policy review pack",
        generated=GENERATED,
        running_title=ITEM,
        first_page=23,
    )
    texts = pages(pdf)
    last = 22 + len(texts)
    for n, text in enumerate(texts, start=23):
        folded = " ".join(text.split())
        assert ITEM in folded
        assert f"Page {n} of {last}" in folded
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.page_labels[0] == "23" and reader.page_labels[-1] == str(last)
    assert _meta(pdf).title == "Policy review pack"


def test_headings_are_nested_bookmarks_and_the_contents_gives_their_pages():
    pdf = render.build(_sections(), council="C", title="T", generated=GENERATED, first_page=5)
    marks = _outline(pdf)
    assert [(d, t) for d, t, _ in marks] == [
        (0, "Section 0 <b>& co</b>"),
        (1, "Part 0.1"),
        (0, "Section 1 <b>& co</b>"),
        (1, "Part 1.1"),
        (0, "Section 2 <b>& co</b>"),
        (1, "Part 2.1"),
    ]
    texts = pages(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    cover = " ".join(reader.pages[0].extract_text(extraction_mode="layout").split())
    for _depth, title, page in marks:
        # the page where the heading is, in the pack's numbering, beside it in the contents
        assert title in " ".join(texts[page - 1].split())
        assert re.search(re.escape(title) + r"[ .]*" + str(page + 4) + r"\b", cover), title
    links = [
        a.get_object()
        for a in reader.pages[0].get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert len(links) >= len(marks)  # each contents line is a link


def test_real_creation_date_unless_source_date_epoch(rich, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pdf = signoff_sheet(rich, "sm", generated=GENERATED)
    made = _meta(pdf).creation_date
    assert abs((datetime.now(UTC) - made).total_seconds()) < 600
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775174400")
    fixed = _meta(signoff_sheet(rich, "sm", generated=GENERATED))
    assert fixed.creation_date == datetime(2026, 4, 3, tzinfo=UTC)


def test_title_and_language_are_set(rich):
    pdf = breach_log(rich, start=None, end=None, generated=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    assert _meta(pdf).title == "Breach log"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font any page uses, and whether its program is embedded."""
    found: dict[str, bool] = {}
    reader = PdfReader(io.BytesIO(pdf))

    def visit(resources):
        fonts = resources.get("/Font", {}) if resources else {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
        for xobject in (resources.get("/XObject", {}) if resources else {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def test_every_font_is_embedded(rich):
    for pdf in (
        review_pack(rich, MEETING, generated=GENERATED, agenda_item="7"),  # with the chart
        review_pack(rich, MEETING, confidential=True, generated=GENERATED),
        case_file(rich, "SM-2026-001", generated=GENERATED),
        render.build(_sections(), council="C", title="T", generated=GENERATED),
    ):
        fonts = _fonts(pdf)
        assert fonts and all(fonts.values()), fonts


def test_first_page_must_be_positive():
    import pytest

    with pytest.raises(ValueError):
        render.build([body("x")], council="C", title="T", generated=date(2026, 1, 1), first_page=0)


def test_long_file_names_break_after_separators_not_mid_word():
    from parishclerk.reports.styles import SANS, register_fonts
    from parishclerk.reports.text import wrap

    register_fonts()
    assert wrap("screenshot_of_the_facebook_post_2026-01-12_final.png", SANS, 10.5, 90) == [
        "screenshot_of_",
        "the_facebook_",
        "post_2026-01-",
        "12_final.png",
    ]
    assert wrap("Screenshot2026JanuaryFacebookPostFinal.png", SANS, 10.5, 90) == [
        "Screenshot2026",
        "January",
        "FacebookPost",
        "Final.png",
    ]
    # with nowhere sensible to break, it still fits
    hashes = wrap("0123456789abcdef" * 4, SANS, 10.5, 90)
    assert "".join(hashes) == "0123456789abcdef" * 4 and len(hashes) > 1


def test_fast_table_text_and_links_are_what_reportlab_writes(rich, monkeypatch):
    """The table writes known text and its links without reportlab's general path: the bytes
    must be what textLine and linkURL would have written."""
    from parishclerk.reports import table

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775174400")
    fast = (
        breach_log(rich, generated=GENERATED),
        case_file(rich, "SM-2026-001", generated=GENERATED),
    )

    class General:  # no encoder: every line goes reportlab's general way
        def encoder(self, doc):
            return None

    def link_url(c, links):
        for url, rect in links:
            c.linkURL(url, rect, relative=1, thickness=0)

    monkeypatch.setattr(table, "getFont", lambda name: General())
    monkeypatch.setattr(table, "add_links", link_url)
    slow = (
        breach_log(rich, generated=GENERATED),
        case_file(rich, "SM-2026-001", generated=GENERATED),
    )
    assert fast == slow


def test_quick_page_dictionaries_are_what_reportlab_writes(rich, monkeypatch):
    """Pages written with their shared parts formatted once: the same file, byte for byte, as
    reportlab's own page objects make."""
    from reportlab.pdfbase.pdfdoc import PDFPage

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775174400")

    def made():
        return (
            breach_log(rich, generated=GENERATED),
            review_pack(rich, MEETING, generated=GENERATED, agenda_item="9"),
        )

    quick = made()
    monkeypatch.setattr(pdfobjects.Page, "format", PDFPage.format)
    assert quick == made()
