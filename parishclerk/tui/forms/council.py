"""Start a council: its name, kind, country (England or Wales: it decides how a complaint about
a councillor is handled), principal authority and Monitoring Officer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...domain.records import COUNCIL_KINDS, Council
from ..widgets.form import Field, FormScreen


class NewCouncilForm(FormScreen[Council]):
    form_title = "Start a council"
    save_label = "Create"

    def __init__(self, save: Callable[[Council], Any], first_run: bool = False) -> None:
        self.first_run = first_run
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field(
            "name", "Council name", required=True, placeholder="e.g. Little Wickham Parish Council"
        )
        yield Field(
            "kind",
            "Kind",
            "select",
            "parish",
            required=True,
            options=[(k.capitalize(), k) for k in COUNCIL_KINDS],
        )
        yield Field(
            "nation",
            "Country",
            "select",
            "england",
            required=True,
            options=[("England", "england"), ("Wales", "wales")],
        )
        yield Field(
            "principal_authority",
            "Principal authority",
            placeholder="the district or unitary council",
        )
        yield Field(
            "monitoring_officer", "Monitoring Officer", placeholder="name, authority and email"
        )

    def on_mount(self) -> None:
        super().on_mount()
        if self.first_run:
            self.set_note(
                "Welcome to parishclerk. Tell it about your council; its records are "
                "kept in a folder of their own, and you can add other councils later."
            )

    def changed(self, values: dict[str, Any]) -> None:
        if values.get("kind") == "community" and values.get("nation") == "england":
            self.set_note(
                "Community councils are in Wales: choose Wales, so that a complaint about a "
                "councillor goes to the Public Services Ombudsman for Wales."
            )

    def build(self, values: dict[str, Any]) -> Council:
        return Council(
            name=values["name"],
            kind=values["kind"] or "parish",
            nation=values["nation"] or "",
            principal_authority=values["principal_authority"],
            monitoring_officer=values["monitoring_officer"],
        )
