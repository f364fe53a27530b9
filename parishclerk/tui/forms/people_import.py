"""People from a spreadsheet: choose the CSV; every bad row is listed, nothing saved until the
file is clean (the same rules as ``parishclerk import people``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Input

from ...domain.people_csv import CsvError, id_source, read_people
from ...domain.records import Person
from ..validators import ExistingFile
from ..widgets.form import Field, FormScreen
from .evidence import FilePicker, start_folder

LARGEST = 20 * 1024 * 1024
"""A people spreadsheet of 10,000 rows is well under a megabyte: anything this big is not one."""
SHOWN_PROBLEMS = 8


@dataclass(frozen=True)
class PeopleFile:
    """A spreadsheet read and checked: who it adds and whom it updates."""

    name: str
    added: list[Person]
    updated: list[Person]


def read_file(path: Path, existing: list[Person]) -> PeopleFile:
    """Read and check ``path``; a ValueError names the file and every bad row."""
    size = path.stat().st_size
    if size > LARGEST:
        raise ValueError(f"{path.name}: {size:,} bytes is too large for a list of people")
    try:
        got = read_people(path.read_bytes(), path.name, existing, id_source(p.id for p in existing))
    except CsvError as exc:
        shown = exc.problems[:SHOWN_PROBLEMS]
        more = len(exc.problems) - len(shown)
        raise ValueError(
            "\n".join(shown) + (f"\n… and {more} more; nothing was imported" if more else "")
        ) from None
    return PeopleFile(path.name, got.added, got.updated)


class PeopleImportForm(FormScreen[PeopleFile]):
    form_title = "People from a spreadsheet (CSV)"
    save_label = "Import"
    enter_saves = True
    BINDINGS = [Binding("ctrl+b", "browse", "Browse", id="import-browse")]

    def __init__(
        self, save: Callable[[PeopleFile], Any], people: Callable[[], list[Person]]
    ) -> None:
        self.people = people
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field(
            "path", "File", validators=[ExistingFile()], placeholder="path, or Ctrl+B to browse"
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-buttons").mount(
            Button("Browse… (Ctrl+B)", id="browse", compact=True), before=0
        )
        self.set_note(
            "Columns, in any order: name, role, joined (required); left, email, notes, "
            "interests registered, id. In Excel: Save As, CSV UTF-8. Someone already held "
            "(same id or name) is updated."
        )

    @on(Button.Pressed, "#browse")
    def action_browse(self) -> None:
        def picked(path: Path | None) -> None:
            if path is not None:
                self.query_one("#f-path", Input).value = str(path)
                self.call_after_refresh(self.query_one("#f-path", Input).focus)

        self.app.push_screen(FilePicker(start_folder()), callback=picked)

    def build(self, values: dict[str, Any]) -> PeopleFile:
        return read_file(Path(values["path"]).expanduser(), self.people())
