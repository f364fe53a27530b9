"""Add evidence from a file: pick it (or type its path), say what it is."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label

from ..validators import ExistingFile
from ..widgets.form import Field, FormScreen

KINDS = ["screenshot", "saved page", "email", "photo", "document", "other"]


@dataclass(frozen=True)
class EvidenceRequest:
    path: Path
    captured: date
    by: str
    kind: str
    description: str


START_FOLDERS = ("Pictures", "Downloads", "Documents")
"""Where screenshots and saved pages usually are, in the order looked for."""


def start_folder(home: Path | None = None) -> Path:
    """The user's Pictures, Downloads or Documents folder, the first that exists; else home."""
    home = home or Path.home()
    return next((home / name for name in START_FOLDERS if (home / name).is_dir()), home)


class FileTree(DirectoryTree):
    """A directory tree without hidden (dot) files and folders."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")]


class FilePicker(ModalScreen[Path | None]):
    """Browse for a file, or type its path (the box has the focus first)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker-cancel")]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label("Choose the file", id="form-title")
            yield Input(
                placeholder="type the path and press Enter, or pick it below",
                compact=True,
                id="picker-path",
            )
            yield FileTree(self.start, id="picker-tree")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel", id="picker-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#picker-path", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the box goes to the files below it, as a list would."""
        if event.key == "down" and self.query_one("#picker-path", Input).has_focus:
            event.stop()
            self.query_one("#picker-tree", FileTree).focus()

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    @on(Input.Submitted, "#picker-path")
    def _typed(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        tree = self.query_one("#picker-tree", FileTree)
        path = Path(typed).expanduser()
        if not typed:  # nothing typed: the clerk meant to pick from the list
            tree.focus()
            self.notify("Pick the file below (Up and Down, then Enter), or type its path.")
        elif path.is_file():
            self.dismiss(path)
        elif path.is_dir():  # a folder: show what it holds
            tree.path = path
            tree.focus()
        else:
            self.notify(f"There is no file {event.value.strip()!r}", severity="error", markup=False)

    @on(Button.Pressed, "#picker-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class EvidenceForm(FormScreen[EvidenceRequest]):
    save_label = "Add"
    BINDINGS = [Binding("ctrl+b", "browse", "Browse", id="evidence-browse")]

    def __init__(
        self,
        save: Callable[[EvidenceRequest], Any],
        reference: str,
        *,
        today: date,
        by: str,
        start: Path,
    ) -> None:
        self.today = today
        self.by = by
        self.start = start
        self.form_title = f"Evidence for {reference}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field(
            "path", "File", validators=[ExistingFile()], placeholder="path, or Ctrl+B to browse"
        )
        yield Field("captured", "Captured on", "date", self.today, required=True)
        yield Field("by", "Captured by", value=self.by, required=True)
        yield Field(
            "kind",
            "Kind",
            "select",
            "screenshot",
            required=True,
            options=[(k.capitalize(), k) for k in KINDS],
        )
        yield Field("description", "Description")

    def compose(self) -> ComposeResult:
        yield from super().compose()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-buttons").mount(
            Button("Browse… (Ctrl+B)", id="browse", compact=True), before=0
        )
        self.set_note("The file is copied into the council's folder and its SHA-256 recorded.")

    @on(Button.Pressed, "#browse")
    def action_browse(self) -> None:
        def picked(path: Path | None) -> None:
            if path is not None:
                self.query_one("#f-path", Input).value = str(path)
                # on to the next field, once this form has its focus back
                self.call_after_refresh(self.query_one("#f-captured", Input).focus)

        self.app.push_screen(FilePicker(self.start), callback=picked)

    def build(self, values: dict[str, Any]) -> EvidenceRequest:
        return EvidenceRequest(
            Path(values["path"]).expanduser(),
            values["captured"],
            values["by"],
            values["kind"],
            values["description"],
        )
