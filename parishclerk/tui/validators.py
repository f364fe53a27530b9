"""Validators for form fields: each says, in one line, why a value is wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.validation import ValidationResult, Validator

from ..domain.dates import DateError, parse_date
from ..domain.due import check_rule
from ..domain.validate import MAX_FREE_TEXT, MAX_NAME, text_problem


class Required(Validator):
    """Something visible must be typed, on one line, with no control characters: the domain's
    rules (``domain.validate.text_problem``), so the form refuses what the store would."""

    def __init__(self, what: str = "this") -> None:
        super().__init__()
        self.what = what

    def validate(self, value: str) -> ValidationResult:
        why = text_problem(value, limit=MAX_FREE_TEXT)
        return self.success() if why is None else self.failure(f"{self.what.capitalize()} {why}")


class FreeText(Validator):
    """Optional text (notes, what happened): line breaks allowed, no other controls."""

    def __init__(self, what: str = "this") -> None:
        super().__init__()
        self.what = what

    def validate(self, value: str) -> ValidationResult:
        why = text_problem(value, multiline=True, required=False, limit=MAX_FREE_TEXT)
        return self.success() if why is None else self.failure(f"{self.what.capitalize()} {why}")


class PersonName(Validator):
    """A person's name: the domain's rule for names (a letter at least, at most 200)."""

    def validate(self, value: str) -> ValidationResult:
        why = text_problem(value, required=False, limit=MAX_NAME, letters=True)
        return self.success() if why is None else self.failure(f"The name {why}")


class DayFirstDate(Validator):
    """A date typed day first (3/4/2026 is 3 April), or empty when not required."""

    def __init__(
        self,
        required: bool = False,
        not_before: Callable[[], date | None] | None = None,
        before_why: str = "",
    ) -> None:
        super().__init__()
        self.required = required
        self.not_before = not_before
        self.before_why = before_why

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure("A date is required") if self.required else self.success()
        try:
            day = parse_date(value)
        except DateError as exc:
            return self.failure(str(exc))
        floor = self.not_before() if self.not_before else None
        if floor is not None and day < floor:
            why = self.before_why or "the date before it"
            return self.failure(f"This is before {why}")
        return self.success()


class Email(Validator):
    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.success()
        local, _, domain = text.partition("@")
        if local and "." in domain and " " not in text and not domain.startswith("."):
            return self.success()
        return self.failure(f"{text!r} is not an email address")


class WholeNumber(Validator):
    def __init__(self, low: int, high: int) -> None:
        super().__init__()
        self.low, self.high = low, high

    def validate(self, value: str) -> ValidationResult:
        try:
            n = int(value.strip())
        except ValueError:
            return self.failure("Type a whole number")
        if not self.low <= n <= self.high:
            return self.failure(f"Must be {self.low} to {self.high}")
        return self.success()


class RecurrenceRule(Validator):
    """A raw RRULE, checked with the domain's ``check_rule``; empty is allowed."""

    def __init__(self, start: Callable[[], date | None]) -> None:
        super().__init__()
        self.start = start

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            check_rule(value, self.start() or date.today())
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class ExistingFile(Validator):
    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.failure("Choose a file")
        path = Path(text).expanduser()
        if not path.exists():
            return self.failure(f"There is no file {text!r}")
        if not path.is_file():
            return self.failure(f"{text!r} is a folder, not a file")
        return self.success()
