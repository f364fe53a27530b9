"""Add or change a person."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from ...domain.records import ROLE_LABELS, Person, Role
from ..validators import Email, PersonName
from ..widgets.form import Field, FormScreen


class PersonForm(FormScreen[Person]):
    def __init__(
        self, save: Callable[[Person], Any], person: Person | None, *, new_id: str, today: date
    ) -> None:
        self.person = person
        self.new_id = new_id
        self.today = today
        self.form_title = f"Edit {person.name}" if person else "New person"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        p = self.person
        yield Field(
            "name", "Name", value=p.name if p else "", required=True, validators=[PersonName()]
        )
        yield Field(
            "role",
            "Role",
            "select",
            p.role if p else Role.COUNCILLOR,
            required=True,
            options=[(label, role) for role, label in ROLE_LABELS.items()],
        )
        yield Field("joined", "Joined", "date", p.joined if p else self.today, required=True)
        yield Field("left", "Left", "date", p.left if p else None)
        yield Field("email", "Email", value=(p.email or "") if p else "", validators=[Email()])
        yield Field(
            "interests_registered",
            "Interests registered",
            "date",
            p.interests_registered if p else None,
        )
        yield Field("notes", "Notes", value=p.notes if p else "")

    def build(self, values: dict[str, Any]) -> Person:
        base = self.person or Person(self.new_id, "", Role.COUNCILLOR, self.today)
        return replace(
            base,
            name=values["name"],
            role=Role(values["role"]),
            joined=values["joined"],
            left=values["left"],
            email=values["email"] or None,
            notes=values["notes"],
            interests_registered=values["interests_registered"],
        )
