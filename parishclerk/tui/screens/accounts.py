"""The council's social media accounts: who may post, last post, access review."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...domain.dates import add_months, show
from ..flows import edit_account
from ..widgets.table import Column, Row
from .listing import ListPage


class AccountsPage(ListPage):
    MODE = "accounts"
    COLUMNS = [
        Column("Platform", 10, 8),
        Column("Handle", 20, 12),
        Column("Kind", 12),
        Column("Last post", 11),
        Column("Access review", 13),
        Column("Authorised", 40, 10, give=2),
    ]

    def rows(self) -> list[Row]:
        data, today = self.clerk.data(), self.clerk.today
        names = {p.id: p.name for p in data.people}
        out = []
        for a in data.accounts:
            users = ", ".join(names.get(pid, pid) for pid in a.authorised)
            quiet = a.last_post is not None and add_months(a.last_post, 1) < today
            review_late = a.access_review is not None and a.access_review < today
            kind = "official" if a.official else "departmental"
            cells: list[str | Text] = [
                a.platform,
                a.handle,
                kind,
                Text(show(a.last_post), style="yellow" if quiet else ""),
                Text(show(a.access_review), style="bold red" if review_late else ""),
                users,
            ]
            out.append(
                Row(
                    a.id,
                    cells,
                    (
                        a.platform,
                        a.handle.lower(),
                        kind,
                        a.last_post or date.min,
                        a.access_review or date.max,
                        users,
                    ),
                    f"{a.platform} {a.handle} {kind} {users}".lower(),
                )
            )
        return out

    def open(self, key: str) -> None:
        edit_account(self.app, key)

    def action_new(self) -> None:
        edit_account(self.app, None)

    def action_delete(self) -> None:
        key = self.current
        if key is None or self.clerk.store is None:
            return
        store = self.clerk.store
        account = next((a for a in store.accounts() if a.id == key), None)
        if account is not None:
            self.confirm(
                f"Delete the account {account.platform} {account.handle}?",
                lambda: store.delete_account(key),
            )
