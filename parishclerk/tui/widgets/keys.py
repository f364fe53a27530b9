"""The keys a page offers: the footer (never cut mid-word) and the list that ``?`` shows.

Both put the page's own keys first, then the keys every page has (1-8, ``?``, ctrl+o, the
palette), and Textual's generic ones (scrolling, focus, quit) last. The footer shows what fits in
whole, dropping the keys that matter least first; ``?`` always lists everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.events import Click, Resize
from textual.screen import Screen
from textual.widgets import Static

PAGE, EVERY_PAGE, GENERIC = 0, 1, 2
GROUP_TITLES = {PAGE: "This page", EVERY_PAGE: "Every page", GENERIC: "Moving around"}
HELP_KEY = "question_mark"
GAP = 2
"""Cells between two keys in the footer."""


@dataclass(frozen=True)
class Key:
    """One key as shown: ``display`` (``^o``), what it does, and where it is defined."""

    key: str
    display: str
    description: str
    tooltip: str
    enabled: bool
    group: int
    on_screen: bool
    """Defined by the page itself (not a widget on it, nor the app)."""
    own: bool
    """Declared by the page's own class, not one it inherits from (a list page's New...)."""
    shown: bool
    """Meant for the footer (``Binding.show``)."""


def _declared_by(klass: type, binding: Binding) -> bool:
    """Whether ``klass`` itself (not a class it inherits from) declares ``binding``."""
    return any(
        isinstance(declared, Binding)
        and declared.action == binding.action
        and declared.description == binding.description
        for declared in vars(klass).get("BINDINGS", [])
    )


def _ours(node: DOMNode, binding: Binding) -> bool:
    """Whether ``binding`` was declared by parishclerk's code (not Textual's)."""
    return any(
        klass.__module__.startswith("parishclerk") and _declared_by(klass, binding)
        for klass in type(node).__mro__
    )


def page_keys(screen: Screen[Any]) -> list[Key]:
    """Every active key of ``screen``, the page's own first, Textual's generic ones last (the
    order within a group is the order they were declared in, the focused widget's first)."""
    app = screen.app
    keys: list[Key] = []
    for key, (node, binding, enabled, tooltip) in screen.active_bindings.items():
        if binding.system and key != app.COMMAND_PALETTE_BINDING:
            continue
        ours = _ours(node, binding)
        if key in (app.COMMAND_PALETTE_BINDING, HELP_KEY) or binding.id == "close-keys":
            group = EVERY_PAGE
        elif not ours:
            group = GENERIC
        else:
            group = EVERY_PAGE if node is app else PAGE
        keys.append(
            Key(
                key,
                app.get_key_display(binding),
                binding.description,
                tooltip or binding.tooltip,
                enabled,
                group,
                node is screen,
                _declared_by(type(node), binding),
                binding.show,
            )
        )
    # Escape (Back, Cancel) leads, as it always has: the way out is the first thing to know.
    keys.sort(
        key=lambda k: (
            (k.group, k.key != "escape", not k.on_screen, not k.own)
            if k.group == PAGE
            else (k.group,)
        )
    )
    return keys


def footer_keys(
    keys: list[Key], width: int, palette: str = "ctrl+p"
) -> tuple[list[Key], Key | None, int]:
    """The keys the footer shows in ``width`` cells, in their order, the palette's key (shown
    on the right) and the gap between keys. What does not fit is dropped, least useful first:
    the app's keys, then the widgets', then the page's own from the last; ``?`` stays, it
    lists them all."""
    shown = [k for k in keys if k.shown and k.key != palette]
    pal = next((k for k in keys if k.key == palette), None)
    room = width - 2 - (_width(pal) if pal else 0)  # a cell before, one before the palette

    def drop_order(k: Key) -> tuple[int, int]:
        i = shown.index(k)
        if k.key == HELP_KEY:
            return (9, 0)
        rank = 0 if k.group != PAGE else (1 if not k.on_screen else 2)
        return (rank, -i)

    for gap in (GAP, 1):  # roomy when all fit, else tighter before anything is dropped
        keep = list(shown)
        for k in sorted(shown, key=drop_order):
            if sum(_width(x) + gap for x in keep) - gap <= room:
                break
            if k.key != HELP_KEY:
                keep.remove(k)
        if len(keep) == len(shown):
            break
    return keep, pal, gap


def _width(k: Key) -> int:
    """The cells ``k`` takes in the footer: ``^o Councils``."""
    return cell_len(k.display) + (1 + cell_len(k.description) if k.description else 0)


class KeyBar(Static):
    """The footer: the page's keys that fit, whole; a click runs one like its key."""

    COMPONENT_CLASSES = {"keybar--key"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background;
             color: $footer-description-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._spans: list[tuple[int, int, str]] = []
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update_soon()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self._update_soon()

    def on_resize(self, event: Resize) -> None:
        self._update_soon()

    def _update_soon(self) -> None:
        """One update after the next refresh, however many changes asked for it (a page's
        start changes its bindings and size several times before its first frame)."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self.update_keys)

    def update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        width = self.size.width or self.app.size.width
        palette = self.app.COMMAND_PALETTE_BINDING
        keys, pal, gap = footer_keys(page_keys(self.screen), width, palette)
        key_style = self.get_component_rich_style("keybar--key")
        text = Text(" ")
        self._spans = []
        for k in keys:
            if text.cell_len > 1:
                text.append(" " * gap)
            start = text.cell_len
            dim = "" if k.enabled else "dim"
            text.append(k.display, style=key_style + Style.parse(dim) if dim else key_style)
            if k.description:
                text.append(" " + k.description, style=dim)
            self._spans.append((start, text.cell_len, k.key))
        if pal is not None:
            gap = max(1, width - text.cell_len - _width(pal) - 1)
            text.append(" " * gap)
            start = text.cell_len
            text.append(pal.display, style=key_style)
            text.append(" " + pal.description)
            self._spans.append((start, text.cell_len, pal.key))
        self.update(text)

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


class KeysPanel(VerticalScroll, can_focus=False):
    """What ``?`` shows beside the page: every key, the page's own first."""

    DEFAULT_CSS = """
    KeysPanel {
        split: right; width: 45%; min-width: 36; max-width: 64; height: 1fr;
        border-left: vkey $foreground 30%; padding: 0 1; background: $surface;
    }
    KeysPanel > Static { width: 1fr; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.update_keys)

    def update_keys(self) -> None:
        if not self.is_attached:
            return
        self.query_one(Static).update(keys_table(page_keys(self.screen)))


def keys_table(keys: list[Key]) -> Table:
    """The keys under a heading per group, each with what it does."""
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 0), expand=True)
    table.add_column("key", justify="right", style="bold", no_wrap=True)
    table.add_column("does", ratio=1)
    group = -1
    for k in keys:
        if k.group != group:
            if group != -1:
                table.add_row("", "")
            table.add_row("", Text(GROUP_TITLES[k.group], style="bold underline"))
            group = k.group
        does = Text(k.description or k.tooltip, style="" if k.enabled else "dim")
        if k.tooltip and k.description and k.tooltip != k.description:
            does.append(f": {k.tooltip}", style="dim")
        table.add_row(Text(k.display), does)
    return table
