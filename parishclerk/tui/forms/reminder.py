"""A reminder of the Clerk's own, once or repeating: plain-English choices mapped to RRULEs,
or a raw RRULE checked as you type."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ...domain.calendar import already_held
from ...domain.codec import InvalidData
from ...domain.dates import show
from ...domain.due import check_rule
from ...domain.records import Reminder
from ..validators import RecurrenceRule
from ..widgets.form import Field, FormScreen

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
CUSTOM = "custom"


def _nth(day: date) -> int:
    """Which weekday of its month ``day`` is: 1 to 4, or -1 for a fifth (the last)."""
    n = (day.day - 1) // 7 + 1
    return n if n < 5 else -1


def _monthly_on(day: int) -> tuple[str, str]:
    """Every month on ``day``; from the 29th on, the month's last day in a shorter month (a
    plain BYMONTHDAY=31 would skip February, April, June, September and November)."""
    if day <= 28:
        return f"Every month, on day {day}", f"FREQ=MONTHLY;BYMONTHDAY={day}"
    days = ",".join(str(d) for d in range(28, day + 1))
    return (
        f"Every month, on day {day} (the last day in a shorter month)",
        f"FREQ=MONTHLY;BYMONTHDAY={days};BYSETPOS=-1",
    )


def _yearly_on(day: int, month: int) -> tuple[str, str]:
    """Every year on ``day`` ``month``; 29 February falls on the 28th in other years."""
    name = calendar.month_name[month]
    if (day, month) != (29, 2):
        return f"Every year, on {day} {name}", f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    return (
        "Every year, on 29 February (28 February in other years)",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
    )


def choices(day: date | None) -> list[tuple[str, str, str | None]]:
    """(key, plain English, RRULE) for a reminder first due on ``day``."""
    out: list[tuple[str, str, str | None]] = [("once", "Does not repeat", None)]
    if day is not None:
        wd, name = DAYS[day.weekday()], calendar.day_name[day.weekday()]
        month = calendar.month_name[day.month]
        n = _nth(day)
        nth = f"{n:+d}{wd}"
        out += [
            ("weekly", f"Every week, on {name}", f"FREQ=WEEKLY;BYDAY={wd}"),
            ("monthly_day", *_monthly_on(day.day)),
            (
                "monthly_nth",
                f"Every month, on the {ORDINALS[n]} {name}",
                f"FREQ=MONTHLY;BYDAY={nth}",
            ),
            ("yearly_day", *_yearly_on(day.day, day.month)),
            (
                "yearly_nth",
                f"Every year, on the {ORDINALS[n]} {name} of {month}",
                f"FREQ=YEARLY;BYMONTH={day.month};BYDAY={nth}",
            ),
        ]
    out.append((CUSTOM, "Another rule (type an RRULE below)", None))
    return out


def rule_for(key: str, day: date | None, raw: str) -> str | None:
    if key == CUSTOM:
        return raw.strip() or None
    return next((rule for k, _, rule in choices(day) if k == key), None)


def key_for(rule: str | None, day: date) -> str:
    if not rule:
        return "once"

    def norm(text: str) -> frozenset[str]:
        return frozenset(check_rule(text, day).replace("+", "").split(";"))

    wanted = norm(rule)
    for k, _, r in choices(day):
        if r and norm(r) == wanted:
            return k
    return CUSTOM


class ReminderForm(FormScreen[Reminder]):
    def __init__(
        self,
        save: Callable[[Reminder], Any],
        reminder: Reminder | None,
        *,
        new_id: str,
        today: date,
        held: Sequence[Reminder] = (),
    ) -> None:
        self.reminder = reminder
        self.new_id = new_id
        self.today = today
        self.held = list(held)
        """The reminders already held, to warn before adding one of them again."""
        self.form_title = f"Reminder: {reminder.title}" if reminder else "New reminder"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        r = self.reminder
        day = r.due if r else self.today
        try:
            key = key_for(r.rule, day) if r else "once"
        except ValueError:
            key = CUSTOM
        yield Field(
            "title",
            "Title",
            value=r.title if r else "",
            required=True,
            placeholder="e.g. Annual Meeting of the Parish Council",
        )
        yield Field("due", "Due", "date", day, required=True)
        yield Field(
            "repeat",
            "Repeats",
            "select",
            key,
            required=True,
            options=[(label, k) for k, label, _ in choices(day)],
        )
        yield Field(
            "rule",
            "RRULE",
            value=(r.rule or "") if r and key == CUSTOM else "",
            validators=[RecurrenceRule(self._due)],
            placeholder="e.g. FREQ=YEARLY;BYMONTH=5;BYDAY=2TU",
        )
        yield Field("notes", "Notes", value=r.notes if r else "")

    def _due(self) -> date | None:
        return self.raw_values().get("due")

    def changed(self, values: dict[str, Any]) -> None:
        from textual.widgets import Select

        day = values.get("due")
        if day is not None and day != getattr(self, "_options_for", None):
            self._options_for = day
            box = self.query_one("#f-repeat", Select)
            keep = box.value
            box.set_options([(label, k) for k, label, _ in choices(day)])
            box.value = keep if keep is not Select.NULL else "once"
        key = values.get("repeat") or "once"
        self.query_one("#row-rule").display = key == CUSTOM
        rule = rule_for(key, day, values.get("rule") or "")
        note = f"Rule: {rule}" if rule else "Once only: marking it done ends it."
        title = (values.get("title") or "").strip()
        if title and day is not None:
            new = Reminder(self.reminder.id if self.reminder else self.new_id, title, day, rule)
            if same := already_held(new, self.held):
                note += f"\nAlready held: {self._describe(same[0])}."
        self.set_note(note)

    @staticmethod
    def _describe(rem: Reminder) -> str:
        return f"“{rem.title}”, due {show(rem.due)}" + (", repeating" if rem.rule else "")

    def confirm_save(self, record: Reminder) -> str | None:
        """Adding (or rewording into) a reminder already held asks first: a calendar would show
        it twice."""
        same = already_held(record, self.held)
        if not same:
            return None
        more = f" (and {len(same) - 1} more)" if len(same) > 1 else ""
        return f"{self._describe(same[0])}{more} is already held. Save this one as well?"

    def build(self, values: dict[str, Any]) -> Reminder:
        rule = rule_for(values["repeat"] or "once", values["due"], values["rule"])
        if values["repeat"] == CUSTOM and not rule:
            raise InvalidData("rule", "Type a rule, or choose one of the others")
        base = self.reminder or Reminder(self.new_id, "", values["due"])
        return replace(
            base,
            title=values["title"],
            due=values["due"],
            rule=rule,
            notes=values["notes"],
            done=False,
        )


class MoveReminderForm(FormScreen[Reminder]):
    enter_saves = True
    save_label = "Move"

    def __init__(self, save: Callable[[Reminder], Any], reminder: Reminder) -> None:
        self.reminder = reminder
        self.form_title = f"Move “{reminder.title}”"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field("due", "New due date", "date", self.reminder.due, required=True)

    def build(self, values: dict[str, Any]) -> Reminder:
        return replace(self.reminder, due=values["due"])
