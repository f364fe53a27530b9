"""Rules a record must keep before it is stored; each failure names the field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .categories import DEFAULT_CATEGORIES
from .codec import InvalidData
from .procedures import OUTCOMES, STATES
from .records import (
    COUNCIL_KINDS,
    NATIONS,
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
    Council,
    Evidence,
    Person,
    Policy,
    PolicyVersion,
    Reminder,
)
from .text import control_characters, describe_controls

# The longest value each kind of field may hold. A name or title fits on a line of a report; a
# free-text field (notes, what happened, a change summary) holds a long email pasted whole but
# not a whole document, which belongs in evidence. The interchange file's own cap on any text
# (``codec.MAX_TEXT``) is higher, so everything these rules accept also reads back from a file.
MAX_NAME = 200
MAX_LINE = 500
MAX_LINK = 2000
MAX_FILE_NAME = 255
MAX_KIND = 40
MAX_ACTION = 1000
MAX_FREE_TEXT = 20_000
MAX_ID = 80

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[^\s#@]{1,80}$")

# Letters that show nothing: Hangul fillers and the Braille blank are "letters" or symbols to
# Unicode but print as empty space, so a name made of them is as empty as one of spaces.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ODD = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x1b": "escape",
    "\x7f": "delete",
    "\u202e": "right-to-left override",
    "\u202d": "left-to-right override",
}


def _shows(ch: str) -> bool:
    """Whether a character leaves a mark: not a space, a control, a format character
    (zero-width space, joiners, soft hyphen, byte-order mark) or a blank letter."""
    return not ch.isspace() and ch not in _BLANK and unicodedata.category(ch)[0] != "C"


def _escapes(chars: list[str]) -> str:
    return ", ".join(
        f"{describe_controls([ch])} {_NAMES[ch]}" if ch in _NAMES else describe_controls([ch])
        for ch in chars
    )


def text_problem(
    value: str,
    *,
    multiline: bool = False,
    required: bool = True,
    limit: int = MAX_LINE,
    letters: bool = False,
) -> str | None:
    """Why ``value`` cannot be held in a field of this kind, in words to follow the field's
    name (``is required``), or ``None`` when it can. The one set of rules every way in
    applies: the app's forms, the CSV and interchange imports, and the store itself.

    - ``multiline``: free text, which may hold line breaks and tabs; other fields hold one line.
    - ``required``: it must show something; a value of spaces or invisible characters is empty.
    - ``limit``: the most characters it may hold.
    - ``letters``: a name, which must hold at least one letter.
    """
    if len(value) > limit:
        return f"is {len(value):,} characters; at most {limit:,}"
    if _ODD.search(value):  # rare: most text holds no control, line break or surrogate
        if not multiline and ("\n" in value or "\r" in value):
            return "holds a line break; it must be one line"
        controls = control_characters(value, multiline)
        if controls:
            return (
                f"holds control characters ({_escapes(controls)}), which can act on a "
                "terminal or reverse how text reads; remove them"
            )
        if _SURROGATE.search(value):
            return "holds a broken character (an unpaired surrogate); type it again"
    stripped = value.strip()
    if not stripped:
        return "is required" if required else None
    first = stripped[0]
    if first.isalpha() and first not in _BLANK:  # the usual case: it starts with a letter
        return None
    if not any(_shows(ch) for ch in value):
        hidden = ", ".join(dict.fromkeys(f"\\u{ord(ch):04x}" for ch in value if not ch.isspace()))
        return f"has no visible characters, only invisible ones ({hidden})"
    if letters and not any(unicodedata.category(ch)[0] == "L" and ch not in _BLANK for ch in value):
        return "must have at least one letter"
    return None


def check_text(
    value: str,
    path: str,
    *,
    multiline: bool = False,
    required: bool = True,
    limit: int = MAX_LINE,
    letters: bool = False,
) -> None:
    """``text_problem`` as an ``InvalidData`` naming the field."""
    why = text_problem(value, multiline=multiline, required=required, limit=limit, letters=letters)
    if why is not None:
        raise InvalidData(path, why)


def _name(value: str, path: str, *, required: bool = True) -> None:
    check_text(value, path, required=required, limit=MAX_NAME, letters=True)


def _line(value: str | None, path: str, *, required: bool = False, limit: int = MAX_NAME) -> None:
    if value is None:
        if required:
            raise InvalidData(path, "is required")
        return
    check_text(value, path, required=required, limit=limit)


def _free(value: str, path: str, limit: int = MAX_FREE_TEXT) -> None:
    check_text(value, path, multiline=True, required=False, limit=limit)


def check_id(value: str, path: str) -> None:
    if not _ID.match(value) or not value.isprintable():
        raise InvalidData(
            path,
            f"{value!r} is not a usable identifier (no spaces, '#', '@' or invisible "
            f"characters, at most {MAX_ID} characters)",
        )


def check_council(c: Council, path: str = "council") -> None:
    _name(c.name, f"{path}.name")
    if c.kind not in COUNCIL_KINDS:
        raise InvalidData(f"{path}.kind", f"{c.kind!r} is not one of {', '.join(COUNCIL_KINDS)}")
    _line(c.principal_authority, f"{path}.principal_authority")
    _line(c.monitoring_officer, f"{path}.monitoring_officer", limit=MAX_LINE)
    _free(c.contact, f"{path}.contact", limit=MAX_ACTION)  # a postal address: lines allowed
    _free(c.subject_access_text, f"{path}.subject_access_text")
    if not 1 <= c.annual_meeting_month <= 12:
        raise InvalidData(f"{path}.annual_meeting_month", "must be a month, 1 to 12")
    for name in (
        "code_of_conduct_retention_years",
        "disciplinary_retention_years",
        "moderation_retention_years",
    ):
        if not 0 <= getattr(c, name) <= 100:
            raise InvalidData(f"{path}.{name}", "must be 0 to 100 years")
    for name in ("warning_live_months", "final_warning_live_months"):
        if not 1 <= getattr(c, name) <= 120:
            raise InvalidData(f"{path}.{name}", "must be 1 to 120 months")
    for name in ("acknowledge_within_days", "due_soon_days"):
        if not 0 <= getattr(c, name) <= 3650:
            raise InvalidData(f"{path}.{name}", "must be 0 to 3650 days")
    if c.nation not in NATIONS:
        raise InvalidData(f"{path}.nation", f"{c.nation!r} is not one of {', '.join(NATIONS)}")
    _free(c.contact, f"{path}.contact", limit=1000)
    _free(c.subject_access_text, f"{path}.subject_access_text", limit=20_000)
    from .disclosure import check_threshold  # here: the module is for public papers

    why = check_threshold(c.disclosure_threshold)
    if why:
        raise InvalidData(f"{path}.disclosure_threshold", why)
    for i, made in enumerate(c.packs):
        if made.part not in ("public", "confidential", "staffing"):
            raise InvalidData(f"{path}.packs[{i}].part", f"{made.part!r} is not a kind of pack")
    for i, sar in enumerate(c.subject_access):
        _name(sar.name, f"{path}.subject_access[{i}].name")
        if sar.answered < sar.received:
            raise InvalidData(f"{path}.subject_access[{i}].answered", "is before it was received")


def check_person(p: Person, path: str = "person") -> None:
    check_id(p.id, f"{path}.id")
    _name(p.name, f"{path}.name")
    if p.left is not None and p.left < p.joined:
        raise InvalidData(f"{path}.left", "is before the day they joined")
    _line(p.email, f"{path}.email", limit=254)
    if p.email is not None and p.email and not _EMAIL.match(p.email):
        raise InvalidData(f"{path}.email", f"{p.email!r} is not an email address")
    _free(p.notes, f"{path}.notes")
    if p.interests_registered is not None and p.interests_registered < p.joined:
        raise InvalidData(f"{path}.interests_registered", "is before the day they joined")


def check_policy(p: Policy, path: str = "policy") -> None:
    check_id(p.id, f"{path}.id")
    _line(p.title, f"{path}.title", required=True)
    if not p.binds:
        raise InvalidData(f"{path}.binds", "must name at least one role")
    if len(set(p.binds)) != len(p.binds):
        raise InvalidData(f"{path}.binds", "names a role twice")
    if not 1 <= p.review_months <= 120:
        raise InvalidData(f"{path}.review_months", "must be 1 to 120 months")


def check_version(v: PolicyVersion, path: str = "version") -> None:
    check_id(v.id, f"{path}.id")
    check_id(v.policy, f"{path}.policy")
    _line(v.label, f"{path}.label", required=True)
    _line(v.minute, f"{path}.minute")
    _free(v.summary, f"{path}.summary")
    _line(v.document, f"{path}.document", limit=MAX_FILE_NAME)
    if v.sha256 is not None and not _SHA.match(v.sha256):
        raise InvalidData(f"{path}.sha256", "is not a SHA-256 in hexadecimal")
    if v.next_review is not None and v.next_review < v.adopted:
        raise InvalidData(f"{path}.next_review", "is before the version was adopted")


def check_ack(a: Acknowledgement, path: str = "acknowledgement") -> None:
    check_id(a.person, f"{path}.person")
    check_id(a.version, f"{path}.version")
    _line(a.how, f"{path}.how", required=True)
    if a.recorded is not None and a.recorded < a.on:
        raise InvalidData(f"{path}.recorded", "is before the acknowledgement")


def check_case(c: Case, path: str = "case", categories: dict[str, str] | None = None) -> None:
    check_id(c.reference, f"{path}.reference")
    _name(c.reported_by, f"{path}.reported_by")
    if (c.subject.person is None) == (c.subject.name is None):
        raise InvalidData(f"{path}.subject", "must be either a person or a name, not both")
    if c.subject.person is not None:
        check_id(c.subject.person, f"{path}.subject.person")
    if c.subject.name is not None:
        _name(c.subject.name, f"{path}.subject.name")
    _line(c.platform, f"{path}.platform")
    _line(c.link, f"{path}.link", limit=MAX_LINK)
    _free(c.summary, f"{path}.summary")
    _free(c.procedure_reason, f"{path}.procedure_reason", limit=MAX_ACTION)
    if c.status not in STATES[c.procedure]:
        raise InvalidData(
            f"{path}.status", f"{c.status.value!r} is not a state of the {c.procedure.label}"
        )
    if c.outcome is not None and c.outcome not in OUTCOMES[c.procedure]:
        raise InvalidData(
            f"{path}.outcome", f"{c.outcome!r} is not an outcome of the {c.procedure.label}"
        )
    catalogue = categories or DEFAULT_CATEGORIES
    for i, cat in enumerate(c.categories):
        if cat not in catalogue:
            raise InvalidData(f"{path}.categories[{i}]", f"{cat!r} is not a breach category")
    if len(set(c.categories)) != len(c.categories):
        raise InvalidData(f"{path}.categories", "names a category twice")
    if c.next_action is not None:
        _line(c.next_action.what, f"{path}.next_action.what", required=True, limit=MAX_ACTION)
    for name in ("decided_on", "closed_on", "disposed_on"):
        d = getattr(c, name)
        if d is not None and d < c.received:
            raise InvalidData(f"{path}.{name}", "is before the case was received")


def check_event(e: CaseEvent, path: str = "event") -> None:
    check_id(e.case, f"{path}.case")
    if e.seq < 1:
        raise InvalidData(f"{path}.seq", "must be 1 or more")
    _line(e.kind, f"{path}.kind", required=True, limit=MAX_KIND)
    _free(e.text, f"{path}.text")


def check_evidence(e: Evidence, path: str = "evidence") -> None:
    check_id(e.case, f"{path}.case")
    if e.seq < 1:
        raise InvalidData(f"{path}.seq", "must be 1 or more")
    if not _SHA.match(e.sha256):
        raise InvalidData(f"{path}.sha256", "is not a SHA-256 in hexadecimal")
    _line(e.name, f"{path}.name", required=True, limit=MAX_FILE_NAME)
    _name(e.by, f"{path}.by")
    _line(e.kind, f"{path}.kind", required=True, limit=MAX_KIND)
    _free(e.description, f"{path}.description")
    if e.size < 0:
        raise InvalidData(f"{path}.size", f"is negative ({e.size}); a file holds 0 bytes or more")
    if e.disposed is not None and e.disposed < e.captured:
        raise InvalidData(f"{path}.disposed", "is before it was captured")


def check_reminder(r: Reminder, path: str = "reminder") -> None:
    from .due import check_rule

    check_id(r.id, f"{path}.id")
    _line(r.title, f"{path}.title", required=True)
    _free(r.notes, f"{path}.notes")
    if r.rule:
        _line(r.rule, f"{path}.rule", limit=MAX_LINE)
        try:
            r.rule = check_rule(r.rule, r.due)
        except ValueError as exc:
            raise InvalidData(f"{path}.rule", str(exc)) from None


def check_account(a: Account, path: str = "account") -> None:
    check_id(a.id, f"{path}.id")
    _line(a.platform, f"{path}.platform", required=True)
    _line(a.handle, f"{path}.handle", required=True)
    for i, pid in enumerate(a.authorised):
        check_id(pid, f"{path}.authorised[{i}]")


def check_record(record: object, path: str | None = None) -> None:
    """The rules of any record, by its type (``path`` defaults to the record's kind); for a
    case, the default category catalogue (use ``check_case`` to give a council's own)."""
    for cls, check, default in _CHECKS:
        if isinstance(record, cls):
            check(record, path or default)
            return
    raise TypeError(f"not a record: {type(record).__name__}")  # pragma: no cover


_CHECKS: tuple[tuple[type[Any], Callable[[Any, str], None], str], ...] = (
    (Council, check_council, "council"),
    (Person, check_person, "person"),
    (Policy, check_policy, "policy"),
    (PolicyVersion, check_version, "version"),
    (Acknowledgement, check_ack, "acknowledgement"),
    (Case, check_case, "case"),
    (CaseEvent, check_event, "event"),
    (Evidence, check_evidence, "evidence"),
    (Reminder, check_reminder, "reminder"),
    (Account, check_account, "account"),
)
