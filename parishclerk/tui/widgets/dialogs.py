"""Small modals: a yes/no confirmation and a message to read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from .safe import visible


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be undone; True only on an explicit yes."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm-no"),
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", *, variant: str = "error") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.variant = variant
        """The yes button's look: "error" for what cannot be undone, "primary" for a save."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(visible(self.question, multiline=True), id="dialog-text", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(
                    f"{self.yes} (y)",
                    variant=self.variant,  # type: ignore[arg-type]
                    id="yes",
                    compact=True,
                )
                yield Button("No (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class InfoScreen(ModalScreen[None]):
    """A message with a title; any of Enter or Escape closes it. A message longer than the
    dialog scrolls (arrows, PgUp/PgDn) and says how many more lines are below."""

    BINDINGS = [
        Binding("escape,enter", "close", "Close", id="info-close"),
        Binding("down", "scroll(1)", "Scroll down", show=False, id="info-down"),
        Binding("up", "scroll(-1)", "Scroll up", show=False, id="info-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="info-pgdn"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="info-pgup"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(visible(self.title_text), id="form-title", markup=False)
            with VerticalScroll(id="dialog-scroll"):
                yield Static(visible(self.text, multiline=True), id="dialog-text", markup=False)
            more = Static("", id="dialog-more", markup=False)
            more.display = False
            yield more
            with Horizontal(id="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#dialog-scroll", VerticalScroll)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()
        self.watch(self.scroller, "scroll_y", self._more, init=False)
        self.watch(self.scroller, "virtual_size", self._more, init=False)
        self.watch(self.scroller, "size", self._more, init=False)
        self.call_after_refresh(self._more)

    def _more(self, *_: object) -> None:
        """``… 3 more lines below (↓ to scroll)`` while some of the message is out of sight."""
        below = int(self.scroller.max_scroll_y - self.scroller.scroll_y)
        more = self.query_one("#dialog-more", Static)
        more.update(
            f"… {below} more line{'s' if below != 1 else ''} below (↓ or PgDn to scroll)"
            if below > 0
            else ""
        )
        more.display = below > 0

    def action_scroll(self, step: int) -> None:
        self.scroller.scroll_relative(y=step, animate=False)

    def action_page(self, step: int) -> None:
        self.scroller.scroll_relative(y=step * max(1, self.scroller.size.height - 1), animate=False)

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
