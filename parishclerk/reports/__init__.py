"""Printed reports (A4 PDF, reportlab) and the public pack as accessible HTML: the only package
that imports reportlab.

Each report takes a ``CouncilData``, builds a view model, lays it out and returns the PDF's bytes
(reproducible for the same data and ``generated`` date).
"""

from .casefile import case_file
from .cases import breach_log
from .errors import ReportError
from .html import review_pack_html
from .pack import review_pack
from .signoff import signoff_sheet
from .staffing import staffing_report
from .subject import subject_export, subject_name

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
