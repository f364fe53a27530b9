"""Subject access: the one-month clock, and withholding other people's names as whole names.

UK GDPR Art. 12(3): a request is answered without undue delay and within one month of receipt,
extendable by two further months where requests are complex or numerous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .dates import add_months, show
from .records import SubjectAccess
from .text import fold

WITHHELD = "[withheld]"
# A free-text "reported by" or "captured by" that starts with one of these is a description
# ("a resident", "Member of the public", "the Clerk"), not somebody's name.
NOT_A_NAME = frozenset({"a", "an", "the", "member", "members", "resident", "clerk", "anonymous"})


def due_by(received: date) -> date:
    return add_months(received, 1)


def extended_to(received: date) -> date:
    return add_months(received, 3)


def answered_record(sar: SubjectAccess) -> str:
    """ "Subject access request answered on 5 Apr 2026, due by 3 May 2026"."""
    due = extended_to(sar.received) if sar.extended else due_by(sar.received)
    late = " (late)" if sar.answered > due else ""
    return (
        f"Subject access request from {sar.name} answered on {show(sar.answered)}, "
        f"due by {show(due)}{late}"
    )


def looks_like_name(text: str) -> bool:
    """'Ann Hall' or 'Seán Ó Briain', not 'a resident', 'Member of the public' or 'Clerk'."""
    words = text.split()
    if len(words) < 2 or words[0].casefold() in NOT_A_NAME:
        return False
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() for w in letters if len(w) > 2)


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` one character at a time, and for each folded character the index of the
    character it came from, so a match in the folded text maps back to the original."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch) if ord(ch) > 127 or ch.isupper() else ch
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


@dataclass
class NameMatcher:
    """Finds whole names in text, without regard to case or accents ("Renee Muller" finds
    "Renée Müller" and the other way round), never part of a word."""

    names: list[str]

    def __post_init__(self) -> None:
        folded = sorted({" ".join(fold(n).split()) for n in self.names if n.strip()}, key=len)
        folded.reverse()  # longest first: "Ann Hall" before "Hall"
        if folded:
            alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in folded)
            self._pattern: re.Pattern[str] | None = re.compile(
                r"(?<!\w)(?:" + alternatives + r")(?!\w)"
            )
        else:
            self._pattern = None

    def replace(self, text: str, by: str = WITHHELD) -> str:
        if self._pattern is None or not text:
            return text
        text = unicodedata.normalize("NFC", text)
        folded, where = _fold_with_map(text)
        spans = []
        for m in self._pattern.finditer(folded):
            if m.end() == m.start():
                continue
            start, end = where[m.start()], where[m.end() - 1] + 1
            spans.append((start, end))
        if not spans:
            return text
        out, last = [], 0
        for start, end in spans:
            if start < last:
                continue
            out += [text[last:start], by]
            last = end
        out.append(text[last:])
        return "".join(out)

    def found(self, text: str) -> bool:
        if self._pattern is None or not text:
            return False
        return (
            self._pattern.search(_fold_with_map(unicodedata.normalize("NFC", text))[0]) is not None
        )


def same_name(a: str, b: str) -> bool:
    return " ".join(fold(a).split()) == " ".join(fold(b).split())
