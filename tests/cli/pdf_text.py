"""Reading a PDF the command line wrote back as text, for the report tests."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_pages(path: Path) -> list[str]:
    """Each page's text."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def text_of(path: Path) -> str:
    """The whole document's text with its white space folded, for phrases that wrap."""
    return " ".join(" ".join(pdf_pages(path)).split())
