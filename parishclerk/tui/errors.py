"""The errors a clerk can cause and correct: shown as messages, never as tracebacks."""

from __future__ import annotations

from ..store.errors import StoreError

USER_ERRORS = (StoreError, ValueError, OSError)
"""A store refusal, bad data (InvalidData, CaseError, DateError and ReportError are all
ValueErrors) or a file that cannot be read."""
