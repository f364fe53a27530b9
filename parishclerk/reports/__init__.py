"""Printed reports (A4 PDF, reportlab) and the public pack as accessible HTML: the only package
that imports reportlab.

Each report takes a ``CouncilData``, builds a view model, lays it out and returns the PDF's bytes
(reproducible for the same data and ``generated`` date).

Each report's module is imported when the report is first asked for (``reports.breach_log``),
so a command that makes one report does not load them all.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .casefile import case_file
    from .cases import breach_log
    from .errors import ReportError
    from .html import review_pack_html
    from .pack import review_pack
    from .signoff import signoff_sheet
    from .staffing import staffing_report
    from .subject import subject_export, subject_name

_WHERE = {
    "ReportError": ".errors",
    "breach_log": ".cases",
    "case_file": ".casefile",
    "review_pack": ".pack",
    "review_pack_html": ".html",
    "signoff_sheet": ".signoff",
    "staffing_report": ".staffing",
    "subject_export": ".subject",
    "subject_name": ".subject",
}

__all__ = [
    "ReportError",
    "breach_log",
    "case_file",
    "review_pack",
    "review_pack_html",
    "signoff_sheet",
    "staffing_report",
    "subject_export",
    "subject_name",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(where, __name__), name)
    globals()[name] = value
    return value
