"""People: councillors, staff and volunteers."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding

from ...domain.dates import show
from ...domain.records import Person
from ..flows import edit_person
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
        )
    ]

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
        edit_person(self.app, key)

    def action_new(self) -> None:
        edit_person(self.app, None)

    def _person(self) -> Person | None:
        key = self.current
        return self.clerk.data().person(key) if key else None

    def action_archive(self) -> None:
        person = self._person()
        if person is None or person.left is not None:
            return
        store, today = self.clerk.store, self.clerk.today
        assert store is not None

        def archive() -> None:
            from dataclasses import replace

            left = replace(person, left=max(today, person.joined))
            with store.transaction():
                store.save_person(left)
                store.fix_retention(left)

        self.confirm(
            f"Record that {person.name} left on {show(max(today, person.joined))}? "
            "Their records are kept.",
            archive,
            yes="Record",
        )

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
