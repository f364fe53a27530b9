"""Policies: each with its current version, review date and who still owes an acknowledgement."""

from __future__ import annotations

from collections import Counter
from datetime import date

from rich.text import Text
from textual.binding import Binding

from ...domain.dates import show
from ...domain.due import current_version, outstanding_acknowledgements, review_due
from ...domain.records import ROLE_LABELS
from ..flows import edit_policy, issue_version
from ..messages import OpenRecord
from ..widgets.table import Column, Row
from .listing import ListPage


class PoliciesPage(ListPage):
    MODE = "policies"
    COLUMNS = [
        Column("Policy", 28, 14),
        Column("Version", 14, 8),
        Column("Adopted", 11),
        Column("Review by", 11),
        Column("Owed", 5),
        Column("Binds", 30, 10, give=2),
    ]
    BINDINGS = [
        Binding(
            "v",
            "version",
            "New version",
            id="policies-version",
            tooltip="Issue a new version of the highlighted policy",
        )
    ]
    WRITE_ACTIONS = ListPage.WRITE_ACTIONS | {"version"}

    def rows(self) -> list[Row]:
        data, today = self.clerk.data(), self.clerk.today
        owed = Counter(o.policy.id for o in outstanding_acknowledgements(data, today))
        out = []
        for p in data.policies:
            v = current_version(data, p.id, today)
            review = review_due(p, v) if v else None
            binds = ", ".join(ROLE_LABELS[r] for r in p.binds)
            due = Text(show(review), style="bold red" if review and review < today else "")
            cells: list[str | Text] = [
                p.title,
                v.label if v else "none yet",
                show(v.adopted) if v else "",
                due,
                str(owed.get(p.id, 0)),
                binds,
            ]
            out.append(
                Row(
                    p.id,
                    cells,
                    (
                        p.title.lower(),
                        v.label if v else "",
                        v.adopted if v else date.min,
                        review or date.max,
                        owed.get(p.id, 0),
                        binds,
                    ),
                    f"{p.title} {binds}".lower(),
                )
            )
        return out

    def open(self, key: str) -> None:
        self.post_message(OpenRecord("policies", key))

    def action_new(self) -> None:
        edit_policy(self.app, None, then_version=True)

    def action_edit(self) -> None:
        if self.current:
            edit_policy(self.app, self.current)

    def action_version(self) -> None:
        if self.current:
            issue_version(self.app, self.current)

    def action_delete(self) -> None:
        key = self.current
        if key is None:
            return
        store = self.clerk.store
        assert store is not None
        title = store.policy(key).title
        self.confirm(
            f"Delete the policy {title}? A policy with versions cannot be deleted, to "
            "keep its history.",
            lambda: store.delete_policy(key),
        )
