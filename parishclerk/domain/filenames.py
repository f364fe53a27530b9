"""File and folder names that Windows, macOS and Linux all accept, made from what a clerk typed.

Accents are folded to the plain letter ("Siân Llewellyn" → ``Sian-Llewellyn``, "Małgorzata" →
``Malgorzata``), anything outside letters, digits, ``.``, ``_`` and ``-`` becomes the separator,
and the result is never a name Windows reserves (``CON``, ``NUL``, ``COM1``…, with an extension
too), never ends in a dot or a space, and is short enough that the whole path stays well inside
Windows' 260 characters even under a long Documents folder.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŋ": "ng",
        "Ŋ": "NG",
        "&": " and ",
        "+": " and ",
    }
)
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RUNS = re.compile(r"([._-])[._-]+")

RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{d}{n}" for d in ("COM", "LPT") for n in "0123456789¹²³"]
)
"""Names Windows keeps for devices, whatever the extension (``nul.pdf`` is the device too)."""

NAME_MAX = 60
"""The longest a name made by :func:`safe_name` gets, by default."""


def fold(text: str) -> str:
    """``"Siân Ŵyn Małgorzata Øre Straße"`` → ``"Sian Wyn Malgorzata Ore Strasse"``: plain
    ASCII letters, accents dropped; characters with no plain form are dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.encode("ascii", "ignore").decode("ascii")


def _cut(text: str, limit: int, sep: str) -> str:
    """``text`` cut to ``limit`` characters, at a separator when one is near the end."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    at = cut.rfind(sep)
    return cut[:at] if at > limit // 2 else cut


def _tidy(text: str, sep: str) -> str:
    return text.strip(f"{sep}.- _")


def _not_reserved(name: str) -> str:
    stem, dot, rest = name.partition(".")
    return f"{stem}_{dot}{rest}" if stem.upper() in RESERVED else name


def safe_name(
    text: str, *, sep: str = "-", limit: int = NAME_MAX, empty: str = "file", dots: bool = True
) -> str:
    """A name every system accepts, made from ``text``.

    ``sep`` joins the words (``"-"`` for file names, ``" "`` for a folder a clerk reads);
    ``limit`` caps the length; ``empty`` is used when nothing printable is left; ``dots=False``
    turns dots into separators too (for a piece of a name that must not look like an extension).
    """
    plain = _APOSTROPHES.sub("", fold(text))
    if not dots:
        plain = plain.replace(".", " ")
    # each word without punctuation at its ends and with no run of it inside ("a..b" → "a.b")
    words = [_RUNS.sub(r"\1", w.strip("._-")) for w in _NOT_SAFE.split(plain)]
    name = _tidy(sep.join(w for w in words if w), sep)
    return _not_reserved(_tidy(_cut(name, limit, sep), sep) or empty)


def report_filename(council: str, kind: str, part: str = "", suffix: str = ".pdf") -> str:
    """``little-wickham-parish-council-pack-2026-12-08.pdf``; ``…-subject-Sian-Llewellyn.pdf``.

    The council's name is lower case (as the data folders are), the part keeps its case (a case
    reference or a person's name reads better so). At most about 110 characters, so the path
    stays well inside 260 even under ``C:\\Users\\…\\OneDrive\\Documents\\parishclerk\\…``.
    """
    pieces = [
        safe_name(council, limit=40, empty="council", dots=False).lower(),
        safe_name(kind, limit=20, empty="report", dots=False),
        safe_name(part, limit=40, empty="", dots=False) if part else "",
    ]
    name = "-".join(p.rstrip("_") for p in pieces if p)
    ext = safe_name(suffix, limit=8, empty="", dots=False) if suffix else ""
    return _not_reserved(name) + (f".{ext}" if ext else "")


def folder_name(council: str) -> str:
    """The folder a council's reports go in: ``St Marys and All Saints Town Council``."""
    return safe_name(council, sep=" ", limit=50, empty="Council")
