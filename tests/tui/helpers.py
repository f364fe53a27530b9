"""Small helpers for Pilot tests."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input


async def type_into(pilot: Pilot[Any], selector: str, text: str, *, keys: bool = False) -> None:
    """Replace a field's text: key by key with ``keys``, else at once (validation runs either
    way, as it does on every change)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    if keys:
        field.value = ""
        await pilot.press(*text)
    else:
        field.value = text
    await pilot.pause()


def screen_text(app: Any) -> str:
    """Everything the current screen shows, as plain text."""
    from textual.widgets import DataTable, Label, OptionList, Static

    parts: list[str] = []
    for w in app.screen.query("*"):
        if isinstance(w, DataTable):
            for row in range(w.row_count):
                parts.append(" ".join(str(c) for c in w.get_row_at(row)))
        elif isinstance(w, OptionList):
            parts.extend(str(o.prompt) for o in w.options)
        elif isinstance(w, (Static, Label)):
            parts.append(str(w.render()))
    return "\n".join(parts)


def notes(app: Any) -> list[str]:
    """Collect the messages the app shows (its toasts) from now on."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        show(message, *args, **kwargs)

    app.notify = notify
    return seen


S = TypeVar("S", bound=Screen[Any])


def showing(app: Any, kind: type[S]) -> S:
    """The current screen, which must be a ``kind`` (typed, for the checker)."""
    screen = app.screen
    assert isinstance(screen, kind), f"{type(screen).__name__} is showing, not {kind.__name__}"
    return screen
