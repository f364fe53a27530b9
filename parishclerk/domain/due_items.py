"""What is due, as items: each of a kind, on a day, pointing at its record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DueKind(StrEnum):
    POLICY_REVIEW = "policy_review"
    ACKNOWLEDGEMENT = "acknowledgement"
    INTERESTS = "interests"
    CASE_ACTION = "case_action"
    WARNING_EXPIRES = "warning_expires"
    RETENTION = "retention"
    ACCOUNT_QUIET = "account_quiet"
    ACCESS_REVIEW = "access_review"
    REMINDER = "reminder"

    @property
    def label(self) -> str:
        return DUE_LABELS[self]


DUE_LABELS = {
    DueKind.POLICY_REVIEW: "Policy review",
    DueKind.ACKNOWLEDGEMENT: "Acknowledgement",
    DueKind.INTERESTS: "Register of interests",
    DueKind.CASE_ACTION: "Case action",
    DueKind.WARNING_EXPIRES: "Warning expires",
    DueKind.RETENTION: "Retention review",
    DueKind.ACCOUNT_QUIET: "Quiet account",
    DueKind.ACCESS_REVIEW: "Access review",
    DueKind.REMINDER: "Reminder",
}
CASE_KINDS = frozenset({DueKind.CASE_ACTION, DueKind.WARNING_EXPIRES, DueKind.RETENTION})


@dataclass(frozen=True)
class Ref:
    """The record an item points at: ``table`` is people, policies, versions, cases,
    accounts or reminders; ``id`` its identifier (a case's reference)."""

    table: str
    id: str


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    due: date
    title: str
    ref: Ref
    overdue: bool
    person: str | None = None  # the person concerned, for acknowledgement and interests items

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else "due soon"

    @property
    def confidential(self) -> bool:
        """Items about a case: kept out of the public pack."""
        return self.kind in CASE_KINDS


_new = object.__new__


def _item(
    kind: DueKind, due: date, title: str, ref: Ref, overdue: bool, person: str | None = None
) -> DueItem:
    """``DueItem(...)`` without the frozen dataclass's ``object.__setattr__`` per field: a
    council of 10,000 cases makes as many items, and that was a third of computing them."""
    item: DueItem = _new(DueItem)
    item.__dict__.update(kind=kind, due=due, title=title, ref=ref, overdue=overdue, person=person)
    return item


def _ref(table: str, key: str) -> Ref:
    """``Ref(table, key)`` without the frozen dataclass's ``object.__setattr__`` per field."""
    ref: Ref = _new(Ref)
    ref.__dict__.update(table=table, id=key)
    return ref
