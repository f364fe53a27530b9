"""Rows for the CSV exports and the calendar file: plain text built from records, no I/O."""

from __future__ import annotations

import csv
import io
from datetime import date

from .categories import DEFAULT_CATEGORIES
from .dates import show
from .due_items import DueItem
from .procedures import OUTCOMES
from .records import CouncilData

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return show(value)
    text = str(value)
    # A cell starting with = + - @ would run as a formula in Excel: keep it as text.
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """CSV that Excel opens as UTF-8 (with BOM), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def people_rows(data: CouncilData) -> tuple[list[str], list[list[object]]]:
    header = ["id", "name", "role", "joined", "left", "email", "interests registered", "notes"]
    return header, [
        [p.id, p.name, p.role.value, p.joined, p.left, p.email, p.interests_registered, p.notes]
        for p in data.people
    ]


def acknowledgement_rows(data: CouncilData) -> tuple[list[str], list[list[object]]]:
    people = {p.id: p.name for p in data.people}
    versions = {v.id: v for v in data.versions}
    titles = {p.id: p.title for p in data.policies}
    header = ["person", "policy", "version", "acknowledged on", "how", "recorded on"]
    rows = []
    for a in sorted(data.acknowledgements, key=lambda a: (a.on, a.person)):
        v = versions.get(a.version)
        rows.append(
            [
                people.get(a.person, a.person),
                titles.get(v.policy, "") if v else "",
                v.label if v else a.version,
                a.on,
                a.how,
                a.recorded,
            ]
        )
    return header, rows


def case_rows(data: CouncilData) -> tuple[list[str], list[list[object]]]:
    header = [
        "reference",
        "received",
        "reported by",
        "subject",
        "procedure",
        "platform",
        "link",
        "summary",
        "categories",
        "status",
        "next action",
        "next action due",
        "outcome",
        "retain until",
    ]
    rows = []
    for c in sorted(data.cases, key=lambda c: (c.received, c.reference)):
        rows.append(
            [
                c.reference,
                c.received,
                c.reported_by,
                data.subject_name(c),
                c.procedure.label,
                c.platform,
                c.link,
                c.summary,
                "; ".join(DEFAULT_CATEGORIES.get(x, x) for x in c.categories),
                c.status.label,
                c.next_action.what if c.next_action else "",
                c.next_action.due if c.next_action else None,
                OUTCOMES[c.procedure].get(c.outcome, c.outcome) if c.outcome else "",
                c.retain_until,
            ]
        )
    return header, rows


def due_rows(items: list[DueItem]) -> tuple[list[str], list[list[object]]]:
    header = ["due", "state", "kind", "what", "record"]
    return header, [
        [i.due, i.state, i.kind.label, i.title, f"{i.ref.table}/{i.ref.id}"] for i in items
    ]
