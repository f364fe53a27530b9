"""People: councillors, staff and volunteers."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding

from ...domain.dates import show
from ...domain.records import Person
from ..flows import edit_person, import_people, record_left
from ..messages import OpenRecord
from ..widgets.dialogs import InfoScreen
from ..widgets.table import Column, Row
from .listing import ListPage


class PeoplePage(ListPage):
    MODE = "people"
    COLUMNS = [
        Column("Name", 26, 16),
        Column("Role", 29, 14),
        Column("Joined", 11),
        Column("Left", 11),
        Column("Email", 30, 10, give=2),
    ]
    BINDINGS = [
        Binding(
            "x",
            "archive",
            "Left",
            id="people-archive",
            tooltip="Record that the highlighted person has left",
        ),
        Binding(
            "i",
            "import",
            "Import CSV",
            id="people-import",
            tooltip="Add or update people from a spreadsheet saved as CSV",
        ),
    ]
    WRITE_ACTIONS = ListPage.WRITE_ACTIONS | {"import"}

    def rows(self) -> list[Row]:
        out = []
        for p in self.clerk.data().people:
            cells = [p.name, p.role.label, show(p.joined), show(p.left), p.email or ""]
            out.append(
                Row(
                    p.id,
                    cells,
                    (p.name.lower(), p.role.label, p.joined, p.left or date.max, p.email or ""),
                    " ".join(cells).lower(),
                    "dim" if p.left else "",
                )
            )
        return out

    def open(self, key: str) -> None:
        """Enter: the person's page (their policies, cases, accounts, what is due)."""
        self.post_message(OpenRecord("people", key))

    def action_edit(self) -> None:
        if self.current is not None:
            edit_person(self.app, self.current)

    def action_view(self) -> None:
        self.action_edit()

    def action_new(self) -> None:
        edit_person(self.app, None)

    def action_import(self) -> None:
        import_people(self.app)

    def _person(self) -> Person | None:
        key = self.current
        return self.clerk.data().person(key) if key else None

    def action_archive(self) -> None:
        person = self._person()
        if person is not None and person.left is None:
            record_left(self.app, person.id)

    def action_delete(self) -> None:
        person = self._person()
        if person is None:
            return
        store = self.clerk.store
        assert store is not None
        data = self.clerk.data()
        if any(a.person == person.id for a in data.acknowledgements) or any(
            c.subject.person == person.id for c in data.cases
        ):  # the store would refuse: say so, and offer no Delete that cannot happen
            self.app.push_screen(
                InfoScreen(
                    f"{person.name} is kept",
                    f"{person.name} has acknowledgements or cases, so cannot be deleted: "
                    "their history stays.  Record the day they left instead (x).",
                )
            )
            return
        self.confirm(f"Delete {person.name}?", lambda: store.delete_person(person.id))
