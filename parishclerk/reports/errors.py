"""The one error a report raises for something the user asked for that is not there."""

from __future__ import annotations


class ReportError(ValueError):
    """A report that cannot be made; the message says why, in one British-English line."""
