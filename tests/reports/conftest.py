"""Fixtures for the report tests: councils built in code, and PDF text read back with pypdf."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))

from tests.reports.report_councils import busy_council, empty_council, rich_council  # noqa: E402

GENERATED = date(2026, 4, 3)
MEETING = date(2026, 4, 14)


def pages(pdf: bytes) -> list[str]:
    """The text of each page, as a PDF reader sees it."""
    assert pdf.startswith(b"%PDF")
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All the text, with line breaks and runs of spaces folded to one space."""
    return " ".join(" ".join(pages(pdf)).split())


FURNITURE = (
    "Page ",
    "Generated ",
    "CONFIDENTIAL",
    "Llanfair & Pwll",
    "Breach log",
    "Case file",
    "Reference and",
    "date received",
    "Subject and",
    "procedure",
    "Outcome or next",
    "Keep until",
    "(continued)",
)


def body_text(pdf: bytes) -> str:
    """The text without the page furniture (header, footer, marking, repeated table headings),
    so that text running from one page onto the next reads as one."""
    keep = []
    for text in pages(pdf):
        keep += [ln for ln in text.splitlines() if not any(f in ln for f in FURNITURE)]
    return " ".join(" ".join(keep).split())


@pytest.fixture
def rich():
    return rich_council()


@pytest.fixture
def empty():
    return empty_council()


@pytest.fixture(scope="session")
def busy():
    return busy_council(120)
