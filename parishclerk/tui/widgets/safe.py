"""User text on screen: never read as markup, and control characters shown, not obeyed.

A name typed as ``[bold red]x[/] [@click=app.quit]q[/]`` shows as those characters; one holding
``ESC ] 0;pwned BEL`` shows ``\\x1b]0;pwned\\x07`` and the terminal's title stays as it was.
Every place that puts a record's text on screen goes through one of these (tables, the palette,
headers, dialogs, toasts).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.markup import escape

from ...domain.text import visible

__all__ = ["content", "literal", "plain", "safe_cell", "visible"]


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """``text`` as a rich Text (which is never parsed as markup), controls escaped."""
    return Text(visible(text, multiline), style=style)


def content(text: str, *, multiline: bool = False) -> Content:
    """``text`` as Textual Content, taken literally, controls escaped."""
    return Content(visible(text, multiline))


def literal(text: str, *, multiline: bool = False) -> str:
    """``text`` for an API that reads markup and takes nothing else: escaped so it shows as
    typed (``[`` stays ``[``), controls escaped."""
    return escape(visible(text, multiline))


def safe_cell(cell: str | Text) -> Text:
    """A table cell as Text (a DataTable reads a plain ``str`` as markup), controls escaped; a
    Text keeps its style (and its spans, when nothing had to be escaped)."""
    if not isinstance(cell, Text):
        return plain(cell)
    shown = visible(cell.plain)
    if shown == cell.plain:
        return cell.copy()
    return Text(shown, style=cell.style, justify=cell.justify)
