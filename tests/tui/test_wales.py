"""A Welsh community council in the app: every page opens with a case on the Ombudsman's route
(the Breaches page once stopped the app: a short name was missing for the Welsh procedure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from parishclerk.domain.records import Case, Procedure, Status, Subject
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app

from .conftest import TODAY
from .helpers import screen_text


async def test_every_page_opens_on_a_welsh_council_with_a_welsh_case(demo_folder: Path) -> None:
    store = Store.open(demo_folder)
    try:
        council = store.council()
        store.save_council(replace(council, kind="community", nation="wales"))
        councillor = next(p for p in store.snapshot().people if p.role.value == "councillor")
        store.open_case(
            Case(
                "SM-2026-090",
                date(2026, 11, 2),
                "Clerk",
                Subject(person=councillor.id),
                Procedure.CODE_OF_CONDUCT_WALES,
                summary="Called a resident a liar on Facebook.",
                status=Status.RECEIVED,
            )
        )
    finally:
        store.close()
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in "12345678":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        assert type(app.screen).__name__ == "BreachesPage"
        assert "SM-2026-090" in screen_text(app)
        assert app.is_running


def test_every_procedure_has_a_short_name() -> None:
    from parishclerk.tui.session import SHORT_PROCEDURE

    assert set(SHORT_PROCEDURE) == set(Procedure)
