"""Rules a record must keep before it is stored; each failure names the field."""

from __future__ import annotations

import re

from .categories import DEFAULT_CATEGORIES
from .codec import InvalidData
from .disclosure import check_threshold
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

MAX_NAME = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[^\s#@]{1,80}$")


def _text(value: str, path: str, *, required: bool = True, limit: int | None = None) -> None:
    if required and not value.strip():
        raise InvalidData(path, "is required")
    if limit is not None and len(value) > limit:
        raise InvalidData(path, f"is {len(value):,} characters; at most {limit:,}")


def check_id(value: str, path: str) -> None:
    if not _ID.match(value):
        raise InvalidData(
            path,
            f"{value!r} is not a usable identifier (no spaces, '#' or '@', at most 80 characters)",
        )


def check_council(c: Council, path: str = "council") -> None:
    _text(c.name, f"{path}.name", limit=MAX_NAME)
    if c.kind not in COUNCIL_KINDS:
        raise InvalidData(f"{path}.kind", f"{c.kind!r} is not one of {', '.join(COUNCIL_KINDS)}")
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
    _text(c.contact, f"{path}.contact", required=False, limit=1000)
    _text(c.subject_access_text, f"{path}.subject_access_text", required=False, limit=20_000)
    why = check_threshold(c.disclosure_threshold)
    if why:
        raise InvalidData(f"{path}.disclosure_threshold", why)
    for i, made in enumerate(c.packs):
        if made.part not in ("public", "confidential", "staffing"):
            raise InvalidData(f"{path}.packs[{i}].part", f"{made.part!r} is not a kind of pack")
    for i, sar in enumerate(c.subject_access):
        _text(sar.name, f"{path}.subject_access[{i}].name", limit=MAX_NAME)
        if sar.answered < sar.received:
            raise InvalidData(f"{path}.subject_access[{i}].answered", "is before it was received")


def check_person(p: Person, path: str = "person") -> None:
    check_id(p.id, f"{path}.id")
    _text(p.name, f"{path}.name", limit=MAX_NAME)
    if p.left is not None and p.left < p.joined:
        raise InvalidData(f"{path}.left", "is before the day they joined")
    if p.email is not None and p.email and not _EMAIL.match(p.email):
        raise InvalidData(f"{path}.email", f"{p.email!r} is not an email address")
    if p.interests_registered is not None and p.interests_registered < p.joined:
        raise InvalidData(f"{path}.interests_registered", "is before the day they joined")


def check_policy(p: Policy, path: str = "policy") -> None:
    check_id(p.id, f"{path}.id")
    _text(p.title, f"{path}.title", limit=MAX_NAME)
    if not p.binds:
        raise InvalidData(f"{path}.binds", "must name at least one role")
    if len(set(p.binds)) != len(p.binds):
        raise InvalidData(f"{path}.binds", "names a role twice")
    if not 1 <= p.review_months <= 120:
        raise InvalidData(f"{path}.review_months", "must be 1 to 120 months")


def check_version(v: PolicyVersion, path: str = "version") -> None:
    check_id(v.id, f"{path}.id")
    _text(v.label, f"{path}.label", limit=MAX_NAME)
    _text(v.minute, f"{path}.minute", required=False, limit=MAX_NAME)
    if v.sha256 is not None and not _SHA.match(v.sha256):
        raise InvalidData(f"{path}.sha256", "is not a SHA-256 in hexadecimal")
    if v.next_review is not None and v.next_review < v.adopted:
        raise InvalidData(f"{path}.next_review", "is before the version was adopted")


def check_ack(a: Acknowledgement, path: str = "acknowledgement") -> None:
    _text(a.how, f"{path}.how", limit=MAX_NAME)
    if a.recorded is not None and a.recorded < a.on:
        raise InvalidData(f"{path}.recorded", "is before the acknowledgement")


def check_case(c: Case, path: str = "case", categories: dict[str, str] | None = None) -> None:
    check_id(c.reference, f"{path}.reference")
    _text(c.reported_by, f"{path}.reported_by", limit=MAX_NAME)
    if (c.subject.person is None) == (c.subject.name is None):
        raise InvalidData(f"{path}.subject", "must be either a person or a name, not both")
    if c.subject.name is not None:
        _text(c.subject.name, f"{path}.subject.name", limit=MAX_NAME)
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
        _text(c.next_action.what, f"{path}.next_action.what", limit=1000)
    for name in ("decided_on", "closed_on", "disposed_on"):
        d = getattr(c, name)
        if d is not None and d < c.received:
            raise InvalidData(f"{path}.{name}", "is before the case was received")


def check_event(e: CaseEvent, path: str = "event") -> None:
    _text(e.kind, f"{path}.kind", limit=40)


def check_evidence(e: Evidence, path: str = "evidence") -> None:
    if not _SHA.match(e.sha256):
        raise InvalidData(f"{path}.sha256", "is not a SHA-256 in hexadecimal")
    _text(e.name, f"{path}.name", limit=255)
    _text(e.by, f"{path}.by", limit=MAX_NAME)
    _text(e.kind, f"{path}.kind", limit=40)
    if e.disposed is not None and e.disposed < e.captured:
        raise InvalidData(f"{path}.disposed", "is before it was captured")


def check_reminder(r: Reminder, path: str = "reminder") -> None:
    from .due import check_rule

    check_id(r.id, f"{path}.id")
    _text(r.title, f"{path}.title", limit=MAX_NAME)
    if r.rule:
        try:
            r.rule = check_rule(r.rule, r.due)
        except ValueError as exc:
            raise InvalidData(f"{path}.rule", str(exc)) from None


def check_account(a: Account, path: str = "account") -> None:
    check_id(a.id, f"{path}.id")
    _text(a.platform, f"{path}.platform", limit=MAX_NAME)
    _text(a.handle, f"{path}.handle", limit=MAX_NAME)
