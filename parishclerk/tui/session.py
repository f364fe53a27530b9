"""What the pages read of the open council: attributes down.

The app holds the session (the open store, today, read-only or not); a page reads it through
:func:`session` typed as the :class:`Session` protocol, so no page imports the app.  Changes go
back up as messages (:mod:`.messages`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from ..domain.records import CouncilData, Procedure

if TYPE_CHECKING:
    from ..domain.case_due import CaseAgenda

if TYPE_CHECKING:
    from textual.app import App

    from ..store.repository import Store


class Session(Protocol):
    """The open council as the pages see it (``ParishClerkApp`` provides it)."""

    store: Store | None
    folder: Path | None
    read_only: bool
    chair_mode: bool
    council_name: str
    generation: int
    """Bumped on every write: pages reload when they see a newer one."""

    @property
    def today(self) -> date: ...

    def data(self) -> CouncilData: ...

    def records(self) -> CouncilData:
        """``data`` without case timelines and evidence (empty lists): quicker to read."""
        ...

    def due_records(self) -> tuple[CouncilData, CaseAgenda | None]:
        """What the Dashboard's due list is made from: ``records`` and ``None``; or, before
        the cases have been read, ``records`` without them and what they make due."""
        ...


def session(app: App[object] | object) -> Session:
    """The session of ``app`` (the app checks, statically, that it is one: see ``app.py``)."""
    return cast(Session, app)


SHORT_PROCEDURE = {
    Procedure.CODE_OF_CONDUCT: "Code of Conduct",
    Procedure.CODE_OF_CONDUCT_WALES: "Code of Conduct",
    Procedure.DISCIPLINARY: "Disciplinary",
    Procedure.MODERATION: "Moderation",
}
"""A procedure's name as short as a column allows (Dashboard, Breaches)."""
