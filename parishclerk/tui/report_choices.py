"""The Reports page's choices, apart from the page: which reports there are, the options each
takes, and the file each is saved as (named for what it is, never overwriting an earlier one)."""

from __future__ import annotations

from pathlib import Path

from ..domain.filenames import report_filename
from ..store import places

REPORTS = [
    ("pack", "Review pack for a meeting"),
    ("pack-html", "Review pack, public, as HTML for the website (accessible)"),
    ("breaches", "Breach log for the Chair"),
    ("case", "Case file"),
    ("signoff", "Sign-off sheet for a policy"),
    ("subject", "Subject access export (one person)"),
    ("staffing", "Staffing committee report (disciplinary)"),
]
OPTIONS = {
    "pack": ["meeting", "confidential", "agenda", "recommendation"],
    "pack-html": ["meeting", "agenda", "recommendation"],
    "breaches": ["start", "end"],
    "case": ["case"],
    "signoff": ["policy"],
    "subject": ["person", "received"],
    "staffing": [],
}
ALL_OPTIONS = [
    "meeting",
    "confidential",
    "agenda",
    "recommendation",
    "start",
    "end",
    "case",
    "policy",
    "person",
    "received",
]
PICKED = {"case": "case", "signoff": "policy", "subject": "person"}
"""The reports of one record, and the option that picks it."""


def report_name(council: str, kind: str, subject: str) -> str:
    """``little-wickham-parish-council-pack-2026-12-08.pdf``, ``…-case-SM-2026-004.pdf``: a
    name every system accepts (accents folded, no reserved names, short)."""
    return report_filename(
        council, kind, subject, suffix=".html" if kind == "pack-html" else ".pdf"
    )


def home_short(folder: Path) -> str:
    """``folder``, with the home folder as ``~`` (read back with ``expanduser``)."""
    home = Path.home()
    if folder.is_relative_to(home) and folder != home:
        return str(Path("~") / folder.relative_to(home))
    return str(folder)


def short_folder(path: Path) -> str:
    """The file's folder, with the home folder as ``~``."""
    return home_short(path.parent)


def write_new(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target``, or, if that file exists, to ``name-2.pdf``, ``name-3.pdf``
    and so on: an earlier report is never overwritten; the file is private (0600)."""
    return places.save_new(target, data)
