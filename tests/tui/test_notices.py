"""What the store asks the clerk to be told reaches the app's screen: a write torn by a crash,
set aside when the council is opened, is said, with where it was kept."""

from __future__ import annotations

from pathlib import Path

from parishclerk.tui.app import make_app

from .conftest import TODAY
from .helpers import notes


async def test_a_torn_last_line_set_aside_is_said_on_opening(demo_folder: Path) -> None:
    with open(demo_folder / "audit.jsonl", "ab") as journal:
        journal.write(b'{"seq": 99999, "half a line wri')  # a crash mid-append: no newline
    app = make_app(demo_folder, today=TODAY)
    said = notes(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert any("torn" in m for m in said), said
        assert app.store is not None and not app.store.notices
