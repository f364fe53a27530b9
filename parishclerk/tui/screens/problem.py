"""A full-screen message for a council that cannot be opened, with what the clerk can do next."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from ..widgets.safe import visible


class ProblemScreen(Screen[str]):
    BINDINGS = [Binding("escape", "choose('quit')", "Quit", id="problem-quit")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(visible(self.title_text), id="form-title", markup=False)
            yield Static(visible(self.message, multiline=True), id="dialog-text", markup=False)
            with Horizontal(id="dialog-buttons"):
                for key, label in self.choices:
                    yield Button(
                        label,
                        id=f"choice-{key}",
                        compact=True,
                        variant="primary" if key == self.choices[0][0] else "default",
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "choice-quit")[7:])

    def action_choose(self, key: str) -> None:
        self.dismiss(key)
