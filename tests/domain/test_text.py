"""visible() and control_characters(): what may reach a terminal, and what a field may hold."""

from __future__ import annotations

import pytest

from parishclerk.domain.text import control_characters, describe_controls, visible

HOSTILE = "\x1b]0;pwned\x07\x1b[2J"


def test_ordinary_text_is_unchanged() -> None:
    for text in ("Siân Llewellyn", "Małgorzata Wójcik", "Ŵyn ap Rhys", "Seán Ó Ceallaigh", ""):
        assert visible(text) == text
        assert control_characters(text) == []


def test_markup_and_backslashes_are_not_controls() -> None:
    text = r"[bold red]x[/] <b>O'Brien & Co</b> C:\path"
    assert visible(text) == text
    assert control_characters(text) == []


def test_terminal_escape_is_shown_escaped() -> None:
    shown = visible(f"Ann{HOSTILE}")
    assert shown == r"Ann\x1b]0;pwned\x07\x1b[2J"
    assert "\x1b" not in shown and "\x07" not in shown


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", r"\x00"),
        ("\x7f", r"\x7f"),
        ("\x85", r"\x85"),
        ("\x9b", r"\x9b"),
        ("\u202e", r"\u202e"),
        ("\u202a", r"\u202a"),
        ("\u2066", r"\u2066"),
        ("\u2069", r"\u2069"),
        ("\u2028", r"\u2028"),
    ],
)
def test_every_kind_of_control_is_escaped(char: str, shown: str) -> None:
    assert visible(f"a{char}b") == f"a{shown}b"
    assert control_characters(f"a{char}b") == [char]
    assert control_characters(f"a{char}b", multiline=True) == [char]


def test_a_line_break_never_splits_a_single_line() -> None:
    assert visible("Ann\nSmith") == r"Ann\x0aSmith"
    assert "\n" not in visible("a\r\nb")
    assert control_characters("Ann\nSmith") == ["\n"]


def test_multiline_keeps_line_breaks_and_escapes_the_rest() -> None:
    assert visible("one\r\ntwo\nthree", multiline=True) == "one\ntwo\nthree"
    assert visible("one\rtwo", multiline=True) == r"one\x0dtwo"
    assert control_characters("one\r\ntwo\n\tthree", multiline=True) == []
    assert control_characters("one\rtwo", multiline=True) == ["\r"]


def test_tab_becomes_a_space() -> None:
    assert visible("a\tb") == "a b"
    assert control_characters("a\tb") == ["\t"]


def test_each_character_is_listed_once_in_order() -> None:
    assert control_characters(HOSTILE) == ["\x1b", "\x07"]
    assert describe_controls(control_characters(HOSTILE)) == r"\x1b, \x07"


def test_folding_ascii_quickly_folds_as_letter_by_letter() -> None:
    """The ASCII shortcut in ``fold`` gives what the general way gives, on every ASCII
    character (controls and punctuation too); other text still loses its accents."""
    import random

    from parishclerk.domain.text import _fold_letters, fold, fold_search

    every = "".join(chr(c) for c in range(128))
    assert fold(every) == _fold_letters(every)
    rng = random.Random(11)
    for _ in range(500):
        text = "".join(rng.choice(every) for _ in range(rng.randint(0, 40)))
        assert fold(text) == _fold_letters(text)
    assert fold("Siân Łódź Ŵyn STRASSE Straße") == "sian lodz wyn strasse strasse"
    assert fold_search("O'Connell SM-2026-001: Chase") == "oconnell sm-2026-001: chase"
