"""What every page shares: header, page bar, footer, reloading after a write, and the rule that
read-only hides every action that writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from ..flows import show_form
from ..session import Session, session
from ..widgets.chrome import CouncilHeader, NavBar
from ..widgets.keys import KeyBar, KeysPanel

PAINTED_BY = 1.0
"""Seconds after which what waits for a page's first frame runs even if no frame was seen."""


class Page(Screen[None]):
    MODE: ClassVar[str] = ""
    WRITE_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions hidden and refused when the council is open read-only."""
    READ_ONLY_ACTIONS: ClassVar[frozenset[str]] = frozenset({"view"})
    """Actions offered only read-only, in place of a write ("View" where "Edit" would be)."""
    BINDINGS = [
        Binding("question_mark", "keys", "Keys", id="page-keys", tooltip="List every key"),
        Binding("escape", "close_keys", "Close keys", show=False, id="close-keys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._seen = -1
        self._painted = False
        self._after_painted: list[Callable[[], Any]] = []

    @property
    def clerk(self) -> Session:
        """The open council (read it; tell the app of changes by a message)."""
        return session(self.app)

    def compose(self) -> ComposeResult:
        yield CouncilHeader()
        yield NavBar(self.MODE)
        yield from self.body()
        yield KeyBar()

    def body(self) -> ComposeResult:  # pragma: no cover - abstract
        yield from ()

    def on_mount(self) -> None:
        self.reload_if_stale()

    def on_screen_resume(self) -> None:
        if self._seen != -1:
            self.reload_if_stale()

    def reload_if_stale(self) -> None:
        if self.clerk.store is None:
            return
        if self._seen != self.clerk.generation:
            self._seen = self.clerk.generation
            self.query_one(CouncilHeader).refresh_header()
            self.reload()

    def reload(self) -> None:
        """Read the records again and show them."""

    def after_first_frame(self, callback: Callable[[], Any]) -> None:
        """Call ``callback`` once this page's first frame has been sent to the terminal (or
        after the next refresh, if it has been): what the first sight of a page can do
        without waits until it has been seen."""
        if self._painted:
            self.call_after_refresh(callback)
        else:
            if not self._after_painted:  # should Textual stop calling the hook below
                self.set_timer(PAINTED_BY, self._first_frame_sent)
            self._after_painted.append(callback)

    def _first_frame_sent(self) -> None:
        self._painted = True
        for callback in self._after_painted:
            self.call_later(callback)
        self._after_painted.clear()

    # Textual's private API (pinned: textual==8.2.8); tests/tui/test_start.py fails if an
    # upgrade changes it, and the page still works, only starts slower, if it is gone.
    def _compositor_refresh(self) -> None:
        """Textual (8.2) renders a frame inside its start-up batch and then throws it away
        unsent; on the Dashboard that wasted render was a sixth of the start.  In a batch, the
        repaint is only marked, and made once the batch is over."""
        if getattr(self.app, "_batch_count", 0):
            self._repaint_required = True
            return
        super()._compositor_refresh()
        if not self._painted and self.is_current:
            self._first_frame_sent()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WRITE_ACTIONS and self.clerk.read_only:
            return False
        if action in self.READ_ONLY_ACTIONS and not self.clerk.read_only:
            return False
        return True

    def on_key(self, event: events.Key) -> None:
        """Read-only: a key that would write says why nothing happens, instead of silence."""
        if not self.clerk.read_only:
            return
        what = self.write_keys().get(event.key)
        if what:
            event.stop()
            self.notify(
                f"Read-only: “{what}” is not available: this council is open read-only, "
                "so nothing can be changed.",
                severity="warning",
            )

    @classmethod
    def write_keys(cls) -> dict[str, str]:
        """Each key bound to a write on this page, and what it would do."""
        keys: dict[str, str] = {}
        viewing = {  # a key that writes or, read-only, views ("e"): the view is offered
            key.strip()
            for klass in cls.__mro__
            for binding in vars(klass).get("BINDINGS", [])
            if isinstance(binding, Binding)
            and binding.action.split("(")[0] in cls.READ_ONLY_ACTIONS
            for key in binding.key.split(",")
        }
        for klass in cls.__mro__:
            for binding in vars(klass).get("BINDINGS", []):
                if isinstance(binding, Binding) and (
                    binding.action.split("(")[0] in cls.WRITE_ACTIONS
                ):
                    for key in binding.key.split(","):
                        if key.strip() not in viewing:
                            keys.setdefault(key.strip(), binding.description)
        return keys

    def action_keys(self) -> None:
        """Show (or hide) every key beside the page, the page's own first."""
        panels = self.query(KeysPanel)
        if panels:
            panels.remove()
        else:
            self.mount(KeysPanel())

    def action_close_keys(self) -> None:
        """Escape closes the list of keys (and does what it would otherwise do when none shows)."""
        panels = self.query(KeysPanel)
        if not panels:
            raise SkipAction()
        panels.remove()

    def open_form(self, form: Screen[Any], then: Callable[[Any], None] | None = None) -> None:
        """Show a form; after a save, every page sees the change."""
        show_form(self.app, form, then)


class SubPage(Page):
    """A record opened from a page (a case, a policy): Escape goes back."""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def action_back(self) -> None:
        panels = self.query(KeysPanel)
        if panels:  # the first Escape closes the list of keys, the next goes back
            panels.remove()
            return
        self.dismiss(None)
