"""Add or change one of the council's social media accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ...domain.records import Account, Person
from ..widgets.form import Field, FormScreen
from .case import PLATFORMS


class AccountForm(FormScreen[Account]):
    def __init__(
        self,
        save: Callable[[Account], Any],
        account: Account | None,
        *,
        new_id: str,
        people: list[Person],
    ) -> None:
        self.account = account
        self.new_id = new_id
        self.people = people
        self.form_title = (
            f"{account.platform} {account.handle}" if account else "New social media account"
        )
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        a = self.account
        platforms = sorted({*PLATFORMS, *([a.platform] if a else [])})
        yield Field(
            "platform",
            "Platform",
            "select",
            a.platform if a else None,
            required=True,
            options=[(p, p) for p in platforms],
        )
        yield Field(
            "handle",
            "Handle",
            value=a.handle if a else "",
            required=True,
            placeholder="e.g. @littlewickhampc",
        )
        yield Field(
            "official",
            "Official council account (not departmental)",
            "check",
            a.official if a else True,
        )
        chosen = set(a.authorised) if a else set()
        people = [p for p in self.people if p.left is None or p.id in chosen]
        yield Field(
            "authorised",
            "Authorised users",
            "multi",
            sorted(chosen),
            options=[(f"{p.name} ({p.role.label})", p.id) for p in people],
        )
        yield Field("last_post", "Last post", "date", a.last_post if a else None)
        yield Field("access_review", "Access review due", "date", a.access_review if a else None)

    def build(self, values: dict[str, Any]) -> Account:
        base = self.account or Account(self.new_id, "", "")
        return replace(
            base,
            platform=values["platform"],
            handle=values["handle"],
            official=values["official"],
            authorised=list(values["authorised"]),
            last_post=values["last_post"],
            access_review=values["access_review"],
        )
