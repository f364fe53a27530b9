"""The baseline for the start-up benchmark: a bare Textual app (Header, Static, Footer).

    python bench/bare_app.py "Council name" "Overdue (3) and due soon (2)"

It shows the same words the Dashboard is waited for, so both are timed to the same signal.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.text)
        yield Footer()


if __name__ == "__main__":
    Bare(sys.argv[1], sys.argv[2]).run()
