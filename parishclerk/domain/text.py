"""Text matching as a clerk on a UK keyboard expects: 'sian' finds 'Siân', 'lodz' finds 'Łódź'."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Lower-case, without accents, for searching and matching names (never for display).

    ASCII text folds to its lower case (no accents to take off, nothing to decompose): every
    list folds each row's text once when it is first shown, 10,000 of them on a large council's
    Due page, where the letter-by-letter way took most of a second."""
    if text.isascii():
        return text.lower()
    return _fold_letters(text)


def _fold_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc")


def fold_search(text: str) -> str:
    """``fold`` without apostrophes, for what a clerk types to find something: "oconnell"
    finds O'Connell, as "sian" finds Siân.  (Matching names inside text keeps them: see
    ``subject_access``, where "O'Connell's" must still be found.)"""
    folded = fold(text)
    if "'" in folded or "\u2019" in folded or "\u02bc" in folded:
        return folded.translate(_APOSTROPHES)
    return folded


# What a terminal or a display may act on rather than show: the C0 controls, DEL, the C1
# controls, the bidirectional embeddings, overrides and isolates, and the line and paragraph
# separators. Any of these in a name can retitle or wipe a terminal, split a line of output, or
# reverse the order in which a name is read.
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_SEPARATORS = frozenset("\u2028\u2029")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""The same set as ``_is_control``, for the fast path: most text holds none of them."""


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in _BIDI or ch in _SEPARATORS


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, multiline: bool = False) -> str:
    """The text with every control character shown as an escape a person can read.

    The form is Python's: ``\\x1b`` for a character up to 0xFF (C0, DEL, C1), ``\\u202e`` for a
    bidirectional control or a line/paragraph separator. A tab becomes a space. With
    ``multiline``, a line feed (and a carriage return just before one) is kept as a line break;
    otherwise a line break is escaped too, so one value never splits a line of output. Ordinary
    letters in any language, and backslashes, are left as they are.
    """
    if not _CONTROLS.search(text):
        return text
    if multiline:
        text = text.replace("\r\n", "\n")
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" and multiline:
            out.append(ch)
        elif _is_control(ch):
            out.append(_escape(ch))
        else:
            out.append(ch)
    return "".join(out)


def control_characters(text: str, multiline: bool = False) -> list[str]:
    """The control characters a field may not hold, each once, in order of first appearance.

    A single-line field allows none. A free-text field (``multiline``) allows a line feed, a
    carriage return just before one, and a tab; nothing else.
    """
    if not _CONTROLS.search(text):
        return []
    found: list[str] = []
    for i, ch in enumerate(text):
        if not _is_control(ch) or ch in found:
            continue
        if multiline and (ch in "\n\t" or (ch == "\r" and text.startswith("\n", i + 1))):
            continue
        found.append(ch)
    return found


def describe_controls(chars: list[str]) -> str:
    """``\\x1b, \\x07`` for a message naming what was refused."""
    return ", ".join(_escape(ch) for ch in chars)
