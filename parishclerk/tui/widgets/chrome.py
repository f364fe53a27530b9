"""The header (council, today, READ-ONLY) and the bar of screens under it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click, Resize
from textual.widgets import Static

from ...domain.dates import show
from ..messages import GoTo
from .safe import visible

PAGES: list[tuple[str, str]] = [
    ("dashboard", "Dashboard"),
    ("people", "People"),
    ("policies", "Policies"),
    ("acknowledgements", "Acknowledgements"),
    ("breaches", "Breaches"),
    ("due", "Due"),
    ("accounts", "Accounts"),
    ("reports", "Reports"),
]
SHORT_LABELS = {"dashboard": "Dash", "acknowledgements": "Acks"}
"""Used when the full names, numbered, do not fit (80 columns keeps the numbers)."""
READ_ONLY_CLASS = "-read-only"


class CouncilHeader(Horizontal):
    """The council's name, today's date and, when so, a READ-ONLY marker."""

    DEFAULT_CSS = """
    CouncilHeader { height: 1; background: $panel; color: $foreground; }
    CouncilHeader > #header-name { width: 1fr; text-style: bold; padding: 0 1; }
    CouncilHeader > #header-ro { width: auto; background: $error; color: $text; padding: 0 1;
                                 text-style: bold; display: none; }
    CouncilHeader.-read-only > #header-ro { display: block; }
    CouncilHeader > #header-date { width: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="header-name", markup=False)
        yield Static("READ-ONLY", id="header-ro", markup=False)
        yield Static("", id="header-date", markup=False)

    def on_mount(self) -> None:
        self.refresh_header()

    def refresh_header(self) -> None:
        app = self.app
        name = getattr(app, "council_name", "") or "parishclerk"
        today = getattr(app, "today", None)
        self.query_one("#header-name", Static).update(visible(name))
        self.query_one("#header-date", Static).update(
            today.strftime("%a ") + show(today) if today else ""
        )
        self.set_class(bool(getattr(app, "read_only", False)), READ_ONLY_CLASS)


class NavBar(Static):
    """One word a screen, the current one highlighted; click one to go there (or 1 to 8)."""

    DEFAULT_CSS = """
    NavBar { height: 1; background: $boost; padding: 0 1; }
    """

    def __init__(self, current: str) -> None:
        super().__init__("", markup=False)
        self.current = current
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self._render_bar(self.size.width)

    def on_resize(self, event: Resize) -> None:
        self._render_bar(event.size.width)

    def _render_bar(self, width: int) -> None:
        """Numbered full names if they fit; else numbered short ones (``4 Acks``); else the
        short names alone."""
        for numbered, short in ((True, False), (True, True), (False, True)):
            text = self._bar(numbered, short)
            if text.cell_len <= width:
                break
        self.update(text)

    def _bar(self, numbered: bool, short: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for i, (mode, label) in enumerate(PAGES, 1):
            if i > 1:
                text.append(" ")
            start = len(text)
            name = SHORT_LABELS.get(mode, label) if short else label
            word = f"{i} {name}" if numbered else name
            text.append(word, style="bold reverse" if mode == self.current else "")
            self._spans.append((start, len(text), mode))
        return text

    def on_click(self, event: Click) -> None:
        x = event.x - 1  # padding
        for start, end, mode in self._spans:
            if start <= x < end:
                self.post_message(GoTo(mode))
                return
