"""Switch council: the councils this clerk keeps (the last one used first), or a new one."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...store import places
from ...store.repository import Store
from ..widgets.safe import visible

NEW = "__new__"


def council_name(folder: Path) -> str:
    """The council's name, read without taking the folder's lock; the folder if unreadable."""
    try:
        with Store.open(folder, read_only=True) as store:
            return store.council().name
    except Exception:  # noqa: BLE001 - any unreadable folder is listed by its path
        return f"{folder.name} (cannot be read)"


class CouncilsScreen(ModalScreen[tuple[str, Path | None] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="councils-cancel")]

    def compose(self) -> ComposeResult:
        known = places.known()
        current = getattr(self.app, "folder", None)
        folders = [Path(p) for p in reversed(known["councils"])]
        with Vertical(id="form"):
            yield Label("Switch council", id="form-title")
            options = []
            for folder in folders:
                here = (
                    " (open now)" if current and folder.resolve() == Path(current).resolve() else ""
                )
                label = visible(f"{council_name(folder)}{here}") + f"\n  {visible(str(folder))}"
                options.append(Option(label, id=str(folder)))
            options.append(Option("Start a new council…", id=NEW))
            yield OptionList(*options, id="councils-list", markup=False)
            yield Input(
                placeholder="or type a council's folder and press Enter",
                compact=True,
                select_on_focus=False,  # what typing on the list began is kept, not replaced
                id="councils-path",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list starts the folder's path in the box under it (a clerk types
        ``~/councils/…`` straight away, without Tab first)."""
        path = self.query_one("#councils-path", Input)
        if self.focused is not path and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            path.focus()
            path.insert_text_at_cursor(event.character)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        self.dismiss(("new", None) if key == NEW else ("open", Path(key)))

    @on(Input.Submitted, "#councils-path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(("open", Path(text).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
