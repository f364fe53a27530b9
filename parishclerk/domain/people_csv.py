"""People from a spreadsheet export (CSV): Excel's UTF-8 with BOM or plain UTF-8.

Headers are matched case-insensitively; every bad row is named; the result is all or nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from .codec import InvalidData
from .dates import DateError, parse_date
from .records import ROLE_LABELS, Person, Role
from .validate import check_person

HEADERS = {
    "name": "name",
    "role": "role",
    "joined": "joined",
    "left": "left",
    "email": "email",
    "e-mail": "email",
    "notes": "notes",
    "id": "id",
    "interests registered": "interests_registered",
    "interests_registered": "interests_registered",
}
REQUIRED = ("name", "role", "joined")
MAX_ROWS = 10_000

ROLE_NAMES = {r.value: r for r in Role}
ROLE_NAMES.update({label.lower(): r for r, label in ROLE_LABELS.items()})
ROLE_NAMES.update(
    {
        "vice chair": Role.VICE_CHAIR,
        "co-opted councillor": Role.CO_OPTED,
        "cllr": Role.COUNCILLOR,
        "member": Role.COUNCILLOR,
        "co-opted": Role.CO_OPTED,
        "responsible financial officer": Role.RFO,
        "assistant clerk": Role.EMPLOYEE,
    }
)


class CsvError(ValueError):
    """The file is refused; ``problems`` lists every bad row, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            problems[0] if len(problems) == 1 else f"{problems[0]} (and {len(problems) - 1} more)"
        )
        self.problems = problems


@dataclass
class PeopleImport:
    added: list[Person]
    updated: list[Person]


def decode_text(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError(
            [
                f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02X} at position "
                f"{exc.start}); in Excel use Save As, 'CSV UTF-8 (Comma delimited)'"
            ]
        ) from None
    if "\x00" in text.partition("\n")[0]:  # a UTF-16 or binary file: NUL all through
        raise CsvError([f"{name}: holds NUL characters; is it a spreadsheet rather than a CSV?"])
    return text  # a NUL in one cell is refused with its row and column, like any control


def id_source(taken_ids: Iterable[str]) -> Callable[[], str]:
    """New person identifiers, ``p<n>``, none of them in ``taken_ids`` nor given twice."""
    taken = set(taken_ids)

    def new_id() -> str:
        n = len(taken) + 1
        while f"p{n}" in taken:
            n += 1
        taken.add(f"p{n}")
        return f"p{n}"

    return new_id


def read_people(
    raw: bytes, name: str, existing: list[Person], new_id: Callable[[], str]
) -> PeopleImport:
    """Parse ``raw`` against the people already held; ``new_id()`` gives a fresh identifier."""
    text = decode_text(raw, name)
    if not text.strip():
        raise CsvError([f"{name}: the file is empty"])
    # csv refuses a cell over 128 KiB as a whole-file error; let it read any cell (the file is
    # in memory already) so the row and column of an over-long one are named, like any other.
    if len(text) >= csv.field_size_limit():
        csv.field_size_limit(len(text) + 1)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise CsvError([f"{name}: cannot be read as CSV ({exc})"]) from None
    header = [h.strip().lower() for h in rows[0]]
    columns: dict[str, int] = {}
    for i, h in enumerate(header):
        key = HEADERS.get(h)
        if key is None:
            if h:
                raise CsvError(
                    [
                        f"{name}, header: unknown column {rows[0][i].strip()!r} "
                        f"(use {', '.join(REQUIRED)}, left, email, notes, id)"
                    ]
                )
            continue
        if key in columns:
            raise CsvError([f"{name}, header: column {h!r} appears twice"])
        columns[key] = i
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CsvError([f"{name}, header: missing column {', '.join(missing)}"])
    if len(rows) - 1 > MAX_ROWS:
        raise CsvError([f"{name}: {len(rows) - 1:,} rows is over the limit of {MAX_ROWS:,}"])
    by_id = {p.id: p for p in existing}
    by_name = {p.name.strip().lower(): p for p in existing}
    problems: list[str] = []
    added: list[Person] = []
    updated: list[Person] = []
    seen: set[str] = set()
    ids_used: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}, row {n}"
        if len(row) > len(header):
            problems.append(f"{where}: {len(row)} cells but {len(header)} columns")
            continue
        cell = {k: _unguard(row[i].strip() if i < len(row) else "") for k, i in columns.items()}
        try:
            person = _person(cell, where, by_id, by_name, new_id)
        except (InvalidData, DateError, ValueError) as exc:
            problems.append(
                f"{where}, {exc}" if isinstance(exc, InvalidData) else f"{where}: {exc}"
            )
            continue
        key = person.name.lower()
        if key in seen:
            problems.append(f"{where}: {person.name} appears twice in the file")
            continue
        if person.id in ids_used:
            problems.append(f"{where}, id: {person.id!r} is used by an earlier row")
            continue
        seen.add(key)
        ids_used.add(person.id)
        (updated if person.id in by_id else added).append(person)
    if problems:
        raise CsvError(problems)
    if not added and not updated:
        raise CsvError([f"{name}: no people in the file"])
    return PeopleImport(added, updated)


def _person(
    cell: dict[str, str],
    where: str,
    by_id: dict[str, Person],
    by_name: dict[str, Person],
    new_id: Callable[[], str],
) -> Person:
    name = cell["name"]
    if not name:
        raise InvalidData("name", "is required")
    role = ROLE_NAMES.get(cell["role"].lower())
    if role is None:
        raise InvalidData(
            "role",
            f"{cell['role']!r} is not a role (councillor, chair, "
            "vice-chair, co-opted, clerk, rfo, employee, volunteer)",
        )

    def when(field: str) -> date | None:
        value = cell.get(field, "")
        if not value:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            raise InvalidData(field, str(exc)) from None

    joined = when("joined")
    if joined is None:
        raise InvalidData("joined", "is required")
    old = by_id.get(cell.get("id", "")) or by_name.get(name.lower())
    if cell.get("id") and cell["id"] not in by_id and old is None:
        pid = cell["id"]
    else:
        pid = old.id if old else new_id()
    base = old or Person(pid, name, role, joined)
    person = replace(
        base,
        name=name,
        role=role,
        joined=joined,
        left=when("left") if "left" in cell else base.left,
        email=cell.get("email") or (None if "email" in cell else base.email),
        notes=cell.get("notes", base.notes) if "notes" in cell else base.notes,
        interests_registered=when("interests_registered")
        if "interests_registered" in cell
        else base.interests_registered,
    )
    try:
        check_person(person, "person")
    except InvalidData as exc:
        raise InvalidData(exc.path.removeprefix("person."), exc.why) from None
    return person


def _unguard(text: str) -> str:
    """Undo the export's guard against spreadsheet formulas ('=SUM… written as '=SUM…)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text
