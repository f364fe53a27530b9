"""The footer shows whole keys only, the page's own first, no stray bar; ``?`` lists this
page's keys first and Textual's generic keys last. At 80x24 and 120x40."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from parishclerk.tui.app import make_app
from parishclerk.tui.widgets.keys import (
    EVERY_PAGE,
    GENERIC,
    PAGE,
    KeyBar,
    KeysPanel,
    footer_keys,
    keys_table,
    page_keys,
)

from .conftest import TODAY

SIZES = [(80, 24), (120, 40)]


def footer_text(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_is_never_cut(demo_folder: Path, size: tuple[int, int]) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        for key in [*"12345678", "case"]:
            if key == "case":  # the case page has the most keys of all
                await pilot.press("5")
                await pilot.pause()
                await pilot.press("enter")
            else:
                await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            text = footer_text(app)
            assert len(text) <= size[0], text
            assert "▏" not in text and "…" not in text
            assert "? Keys" in text and text.rstrip().endswith("^p palette"), text
            keys, _pal, _gap = footer_keys(page_keys(app.screen), size[0])
            for k in keys:  # every key shown whole, with what it does
                assert f"{k.display} {k.description}" in text
            if key == "case":
                assert text.startswith(" esc Back ")  # the way out first
                for shown in ("m Move", "o Note", "f Evidence", "e Edit", "p PDF"):
                    assert shown in text, text
            if key == "2":
                assert "x Left" in text and "n New" in text


async def test_a_click_on_the_footer_runs_the_key(demo_folder: Path) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        at = footer_text(app).index("? Keys")
        await pilot.click(KeyBar, offset=(at, 0))
        await pilot.pause()
        assert app.screen.query(KeysPanel)
        assert bar.is_attached


@pytest.mark.parametrize("size", SIZES)
async def test_question_mark_lists_the_page_keys_first(
    demo_folder: Path, size: tuple[int, int]
) -> None:
    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query(KeysPanel)
        keys = page_keys(app.screen)
        groups = [k.group for k in keys]
        assert groups == sorted(groups) and groups[0] == PAGE and GENERIC in groups
        page = [k.description for k in keys if k.group == PAGE]
        assert page[:3] == ["Kind", "Window", "Done"]  # the page's own, before the list's
        assert "Filter" in page and "Sort" in page
        every = [k.display for k in keys if k.group == EVERY_PAGE]
        assert every[0] == "?" and "1" in every and "^p" in every
        generic = [k.description for k in keys if k.group == GENERIC]
        assert "Quit" in generic
        # drawn in that order
        console = Console(width=60, record=True, color_system=None)
        console.print(keys_table(keys))
        text = console.export_text()
        assert text.index("This page") < text.index("Kind") < text.index("Every page")
        assert text.index("Every page") < text.index("Dashboard") < text.index("Moving around")
        assert text.index("Moving around") < text.index("Quit")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query(KeysPanel)


async def test_question_mark_in_a_form_lists_its_keys_and_types_in_a_field(
    demo_folder: Path,
) -> None:
    from textual.widgets import Input

    app = make_app(demo_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "n")
        await pilot.pause()
        title = app.screen.query_one("#f-title", Input)
        assert app.focused is title
        await pilot.press("question_mark")
        await pilot.pause()
        assert title.value == "?" and not app.screen.query(KeysPanel)
        app.screen.query_one("#f-repeat").focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query(KeysPanel)
        keys = page_keys(app.screen)
        first = [k.description for k in keys if k.group == PAGE]
        assert "Save" in first and "Cancel" in first
