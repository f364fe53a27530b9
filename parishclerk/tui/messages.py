"""What a page tells the app: messages up (the app, or the page that owns the work, handles them).

No page imports another page or the app: a page that wants a record opened, another page shown,
or the other pages told that the records changed posts one of these and carries on.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenRecord(Message):
    """Open the record a line points at: a case, a policy (or one of its versions), a person,
    an account or a reminder.  With ``person`` on a version: record that person's
    acknowledgement of it (read-only: show the policy)."""

    table: str
    key: str
    person: str | None = None


@dataclass
class GoTo(Message):
    """Show a page (``mode``), and run ``then`` (an action, e.g. ``filter('hearing')``) there."""

    mode: str
    then: str = ""


class DataChanged(Message):
    """The records changed: every page reloads when it is next shown (the current one now)."""
