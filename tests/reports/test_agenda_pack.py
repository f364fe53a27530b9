"""The review pack as an agenda item, read back: header, numbering, report text, outline."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from parishclerk.reports import review_pack
from tests.reports.conftest import GENERATED, MEETING, flat, pages


def test_item_and_title_head_every_page_and_pages_run_on(rich):
    pdf = review_pack(
        rich, MEETING, generated=GENERATED, agenda_item="9", first_page=23, exclusion_item="14"
    )
    texts = pages(pdf)
    last = 23 + len(texts) - 1
    for n, text in enumerate(texts, start=23):
        folded = " ".join(text.split())
        assert "Item 9: Social Media Policy: annual review" in folded, n
        assert f"Page {n} of {last}" in folded, n


def test_report_to_council_with_a_drafted_recommendation(rich):
    text = flat(review_pack(rich, MEETING, generated=GENERATED, agenda_item="9"))
    for part in ("Purpose of the report", "Background", "Recommendation", "Contents"):
        assert part in text, part
    assert "That the council (a) notes the acknowledgement register" in text
    # built from the records: the policies due for review, with their next review
    assert "reviews and re-adopts the Data Protection & Privacy (version 3" in text
    assert "next review April 2027" in text
    assert "notes the breach summary" in text
    assert "Minute" not in text and "Resolved:" not in text


def test_the_clerk_can_replace_the_recommendation(rich):
    mine = "That the council defers the review to June & notes <everything>."
    text = flat(review_pack(rich, MEETING, generated=GENERATED, recommendation=mine))
    assert mine in text and "(a) notes the acknowledgement register" not in text


def test_exclusion_resolution_names_the_confidential_item(rich):
    text = flat(review_pack(rich, MEETING, generated=GENERATED, exclusion_item="14"))
    assert "Exclusion of the press and public" in text
    assert "section 1(2) of the Public Bodies (Admission to Meetings) Act 1960" in text
    assert "for agenda item 14" in text


def test_bookmarks_for_each_section(rich):
    pdf = review_pack(rich, MEETING, generated=GENERATED, agenda_item="9")
    outline = [o.title for o in PdfReader(io.BytesIO(pdf)).outline if not isinstance(o, list)]
    for section in (
        "Purpose of the report",
        "Recommendation",
        "Policies and their review",
        "Acknowledgement register",
        "Breach summary",
        "Due before the next meeting",
    ):
        assert section in outline, outline


def test_dates_never_wrap_inside_a_cell(busy):
    for text in pages(review_pack(busy, MEETING, generated=GENERATED)):
        assert not re.search(r"\b\d{1,2} [A-Z][a-z]{2}\n\d{4}\b", text), text
        assert not re.search(r"\b\d{1,2}\n[A-Z][a-z]{2} \d{4}\b", text), text


def test_no_near_empty_last_page(rich):
    """The rich council's pack would leave one row of the due list alone on a fifth page."""
    texts = pages(review_pack(rich, MEETING, generated=GENERATED, agenda_item="9"))
    furniture = ("Llanfair", "Item 9", "Generated", "Page ")
    last = [ln for ln in texts[-1].splitlines() if not ln.startswith(furniture)]
    assert len(last) > 8, last
