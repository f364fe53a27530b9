"""Add or change a policy; issue a new version of one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from ...domain.dates import add_months, show
from ...domain.records import ROLE_LABELS, Policy, PolicyVersion, Role
from ..validators import ExistingFile, WholeNumber
from ..widgets.form import Field, FormScreen


class PolicyForm(FormScreen[Policy]):
    def __init__(
        self, save: Callable[[Policy], Any], policy: Policy | None, *, new_id: str
    ) -> None:
        self.policy = policy
        self.new_id = new_id
        self.form_title = f"Edit {policy.title}" if policy else "New policy"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        p = self.policy
        yield Field("title", "Title", value=p.title if p else "", required=True)
        yield Field(
            "binds",
            "Binds",
            "multi",
            list(p.binds) if p else [],
            options=[(label, role) for role, label in ROLE_LABELS.items()],
        )
        yield Field(
            "review_months",
            "Review every (months)",
            "int",
            p.review_months if p else 12,
            validators=[WholeNumber(1, 120)],
        )
        yield Field(
            "reacknowledge_yearly",
            "Re-acknowledge every year",
            "check",
            p.reacknowledge_yearly if p else False,
        )

    def build(self, values: dict[str, Any]) -> Policy:
        base = self.policy or Policy(self.new_id, "")
        return replace(
            base,
            title=values["title"],
            binds=[Role(r) for r in values["binds"]],
            review_months=values["review_months"] or 12,
            reacknowledge_yearly=values["reacknowledge_yearly"],
        )


class VersionForm(FormScreen[PolicyVersion]):
    """A new version: marked as needing fresh acknowledgement, or a trivial correction.  A label
    the policy already has is refused beside the field; a missing minute is warned of; before
    a version that needs fresh acknowledgement is saved, the Clerk sees how many will owe one."""

    def __init__(
        self,
        save: Callable[[PolicyVersion], Any],
        policy: Policy,
        *,
        new_id: str,
        today: date,
        latest: PolicyVersion | None,
        existing: list[PolicyVersion] | None = None,
        owing: Callable[[PolicyVersion], int] | None = None,
    ) -> None:
        self.policy = policy
        self.new_id = new_id
        self.today = today
        self.latest = latest
        self.existing = existing or []
        """The policy's versions so far (their labels cannot be used again)."""
        self.owing = owing
        """How many people would owe an acknowledgement once a version is saved."""
        self.form_title = f"New version of {policy.title}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        used = {v.label.strip().casefold() for v in self.existing}
        label = str(self.today.year)
        n = 1
        while label.casefold() in used:  # suggest a label not yet used: 2026, 2026.1, ...
            label, n = f"{self.today.year}.{n}", n + 1
        yield Field("label", "Label", value=label, required=True, placeholder="e.g. 2026")
        yield Field("adopted", "Adopted on", "date", self.today, required=True)
        yield Field("minute", "Minute reference", placeholder="e.g. 26/041")
        first = not self.existing  # a policy's first version: nothing to change or redo
        yield Field("summary", "What it says" if first else "What changed")
        yield Field(
            "reacknowledge",
            "Everyone bound must acknowledge it" + ("" if first else " again"),
            "check",
            True,
        )
        yield Field("document", "Document file", placeholder="optional: path to the PDF")

    def changed(self, values: dict[str, Any]) -> None:
        adopted = values.get("adopted")
        review = add_months(adopted, self.policy.review_months) if adopted else None
        again = (
            "Everyone it binds will owe a fresh acknowledgement."
            if values.get("reacknowledge")
            else "A trivial correction: acknowledgements of the previous version still count."
        )
        when = f" Next review due {show(review)}." if review else ""
        minute = (
            ""
            if values.get("minute")
            else " No minute reference yet: give the minute that adopted it if you can."
        )
        self.set_note(again + when + minute)

    def build(self, values: dict[str, Any]) -> PolicyVersion:
        from ...domain.codec import InvalidData

        label = values["label"]
        same = next(
            (v for v in self.existing if v.label.strip().casefold() == label.strip().casefold()),
            None,
        )
        if same is not None:  # as the store words it, so the Clerk sees one message
            raise InvalidData(
                "label",
                f"version {label} of this policy already exists (adopted {show(same.adopted)})",
            )
        doc = values["document"]
        if doc:
            result = ExistingFile().validate(doc)
            if not result.is_valid:
                raise InvalidData("document", result.failure_descriptions[0])
        return PolicyVersion(
            self.new_id,
            self.policy.id,
            label,
            values["adopted"],
            minute=values["minute"],
            summary=values["summary"],
            document=doc or None,
            reacknowledge=values["reacknowledge"],
        )

    def confirm_save(self, record: PolicyVersion) -> str | None:
        parts = []
        if not record.minute:
            parts.append("No minute reference is given (you can add it later).")
        if record.reacknowledge and self.owing is not None:
            n = self.owing(record)
            who = "Nobody" if n == 0 else ("1 person" if n == 1 else f"{n} people")
            parts.append(
                f"{who} will then owe an acknowledgement of {self.policy.title} {record.label}."
            )
        if not parts:
            return None
        return " ".join(parts) + f"\n\nSave version {record.label}?"
