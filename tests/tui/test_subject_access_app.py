"""The app keeps the subject access clock: a response made on the Reports page is recorded and
the Dashboard says when it was answered and when it was due."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, RadioButton, Select

from parishclerk.domain.records import SubjectAccess
from parishclerk.store.repository import Store
from parishclerk.tui.app import make_app

from .conftest import TODAY
from .helpers import screen_text, type_into


async def test_dashboard_shows_requests_answered(demo_folder) -> None:
    with Store.open(demo_folder) as store:
        council = store.council()
        council.subject_access.append(SubjectAccess("Susan Clarke", date(2026, 11, 2), TODAY))
        with store.transaction():
            store.save_council(council)
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Subject access requests" in text
        assert "answered on 23 Nov 2026" in text and "due by 2 Dec 2026" in text


async def test_a_response_made_in_the_app_is_recorded(demo_folder, tmp_path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.action_go("reports")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#kind-subject", RadioButton).value = True
        await pilot.pause()
        screen.query_one("#opt-person", Select).value = "p13"  # the demo's Clerk
        await type_into(pilot, "#opt-received", "20/11/2026")
        screen.query_one("#opt-output", Input).value = str(tmp_path / "sar.pdf")
        await pilot.press("ctrl+g")
        for _ in range(50):
            await pilot.pause(0.1)
            if (tmp_path / "sar.pdf").exists():
                break
        await pilot.pause(0.3)
    with Store.open(demo_folder, read_only=True) as store:
        (sar,) = store.council().subject_access
    assert sar.received == date(2026, 11, 20) and sar.answered == TODAY
