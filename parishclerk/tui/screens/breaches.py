"""Breaches: every case, newest first; Enter opens it, n logs a new one."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...domain.dates import show
from ..flows import edit_case, new_case
from ..messages import OpenRecord
from ..session import SHORT_PROCEDURE
from ..widgets.table import Column, Row
from .listing import ListPage


class BreachesPage(ListPage):
    MODE = "breaches"
    COLUMNS = [
        Column("Reference", 12, 11, give=0),
        Column("Received", 11),
        Column("About", 25, 12, give=2),  # a long third-party name gives way with the rest
        Column("Procedure", 15, 10, give=2),
        Column("State", 23, 10, give=2),
        Column("Next by", 13),
    ]
    SORT = (1, True)

    def rows(self) -> list[Row]:
        data, today = self.clerk.data(), self.clerk.today
        names = {p.id: p.name for p in data.people}
        out = []
        for c in data.cases:
            about = (
                names.get(c.subject.person or "", c.subject.person or "")
                if c.subject.person
                else (c.subject.name or "")
            )
            nxt = c.next_action.due if c.next_action and c.status.is_open else None
            state = c.status.label
            style = "" if c.status.is_open else "dim"
            late = nxt is not None and nxt < today
            # "!" as on the Due page and the Dashboard: overdue reads without colour too
            due = Text(("! " if late else "") + show(nxt), style="bold red" if late else style)
            cells: list[str | Text] = [
                c.reference,
                show(c.received),
                about,
                SHORT_PROCEDURE[c.procedure],
                state,
                due,
            ]
            out.append(
                Row(
                    c.reference,
                    cells,
                    (
                        c.reference,
                        c.received,
                        about.lower(),
                        c.procedure.label,
                        state,
                        nxt or date.max,
                    ),
                    f"{c.reference} {about} {c.procedure.label} {state} {c.platform} "
                    f"{' '.join(c.categories)}".lower(),
                    style,
                )
            )
        return out

    def open(self, key: str) -> None:
        self.post_message(OpenRecord("cases", key))

    def action_new(self) -> None:
        new_case(self.app)

    def action_edit(self) -> None:
        if self.current:
            edit_case(self.app, self.current)

    def action_delete(self) -> None:
        self.notify(
            "Cases are never deleted: close or withdraw one, and dispose of its file "
            "after its retention date.",
            markup=False,
        )
