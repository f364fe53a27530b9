"""The app's modules talk by messages: no screen imports another screen or the app, and no
import circle (type-only imports included) anywhere in ``parishclerk.tui``."""

from __future__ import annotations

import grimp

TUI = "parishclerk.tui"
SCREENS = f"{TUI}.screens"
SHARED_SCREENS = {f"{SCREENS}.base", f"{SCREENS}.listing"}
"""Base classes that pages build on: below every page, importing none."""


def graph() -> grimp.ImportGraph:
    return grimp.build_graph("parishclerk", include_external_packages=False)


def test_no_import_circle_in_the_app() -> None:
    g = graph()
    modules = sorted(m for m in g.modules if m.startswith(TUI))
    loops = [
        (a, b)
        for a in modules
        for b in g.find_modules_directly_imported_by(a)
        if b.startswith(TUI) and g.chain_exists(importer=b, imported=a)
    ]
    assert loops == []


def test_no_screen_imports_another_screen_or_the_app() -> None:
    g = graph()
    pages = {m for m in g.modules if m.startswith(f"{SCREENS}.")}
    wrong = sorted(
        (a, b)
        for a in pages
        for b in g.find_modules_directly_imported_by(a)
        if b in {f"{TUI}.app", f"{TUI}.commands"} or (b in pages and b not in SHARED_SCREENS)
    )
    assert wrong == []


def test_what_pages_share_imports_no_page() -> None:
    """flows, messages, session, widgets and forms sit below the pages."""
    g = graph()
    below = [
        m
        for m in g.modules
        if m.startswith(TUI)
        and not m.startswith(SCREENS)
        and m not in {TUI, f"{TUI}.app", f"{TUI}.commands"}
    ]
    wrong = sorted(
        (a, b)
        for a in below
        for b in g.find_modules_directly_imported_by(a)
        if b.startswith(SCREENS) or b in {f"{TUI}.app", f"{TUI}.commands"}
    )
    assert wrong == []
