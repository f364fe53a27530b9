"""Breaches: every case, newest first; Enter opens it, n logs a new one."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...domain.dates import show
from ...domain.records import Case
from ..widgets.table import Column, Row
from .dashboard import SHORT as SHORT_PROCEDURE
from .listing import ListPage


class BreachesPage(ListPage):
    MODE = "breaches"
    COLUMNS = [
        Column("Reference", 12, 11, give=0),
        Column("Received", 11),
        Column("About", 25, 10),
        Column("Procedure", 15, 10, give=0),
        Column("State", 23, 10),
        Column("Next by", 11),
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
            due = Text(show(nxt), style="bold red" if nxt and nxt < today else style)
            cells = [c.reference, show(c.received), about, SHORT_PROCEDURE[c.procedure], state, due]
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
        from .case import CaseScreen

        self.app.push_screen(CaseScreen(key))

    def action_new(self) -> None:
        new_case(self)

    def action_edit(self) -> None:
        if self.current:
            edit_case(self, self.current)

    def action_delete(self) -> None:
        self.notify(
            "Cases are never deleted: close or withdraw one, and dispose of its file "
            "after its retention date.",
            markup=False,
        )


def new_case(page: ListPage) -> None:
    from ..forms.case import CaseForm

    app = page.clerk
    store = app.store
    assert store is not None
    data = app.data()
    ref = store.new_reference(app.today.year)

    def opened(case: Case) -> None:
        from .case import CaseScreen

        app.push_screen(CaseScreen(case.reference))

    page.open_form(
        CaseForm(
            store.open_case,
            None,
            reference=ref,
            people=data.people,
            council=data.council,
            categories=store.categories(),
            today=app.today,
        ),
        then=opened,
    )


def edit_case(page: ListPage | object, reference: str) -> None:
    from ..forms.case import CaseForm

    app = page.clerk  # type: ignore[attr-defined]
    store = app.store
    data = app.data()
    case = store.case(reference)
    form = CaseForm(
        store.save_case,
        case,
        reference=reference,
        people=data.people,
        council=data.council,
        categories=store.categories(),
        today=app.today,
    )
    form.view_only = app.read_only
    page.open_form(form)  # type: ignore[attr-defined]
