"""What the cases make due, kept beside the snapshot: the Dashboard's first paint on a large
council without parsing and decoding every case (at 10,000 cases, 40 of its 85 ms).

The snapshot's ``_due`` section holds, for each case that makes anything due,
``domain.due.case_entries`` as it stood at the checkpoint:
``{"fingerprint": n, "cases": {reference: [[kind, "YYYY-MM-DD", title], ...]}}``.

It is only a shortcut, never the data.  It is used while the cases are still unparsed, and
only if its fingerprint (of ``domain.due.case_inputs``: the rules' version and what of the
council and people the entries depend on, as they now stand) matches; the journal's changes
to cases since the checkpoint are worked out again from the documents they hold.  Anything
else (no section, a damaged one, other rules, a changed retention period or leaving date)
and the caller reads the cases themselves.  The section lives inside the snapshot, so it is
backed up, restored and disposed of with the records it was made from; it holds nothing the
cases do not.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from ..domain.codec import trusted_decoder
from ..domain.due import CaseEntry, DueKind, case_entries, case_inputs
from ..domain.records import Case, Council, Person

if TYPE_CHECKING:
    from .engine import Engine

SECTION = "_due"


def fingerprint(council: Council, people: list[Person]) -> int:
    """What the entries depend on besides the cases (``case_inputs``), in one number."""
    return zlib.crc32(orjson.dumps(case_inputs(council, people)))


def _records(engine: Engine) -> tuple[Council, list[Person]]:
    """The council and people from the engine's documents (a checkpoint comes before the
    repository has seen its own write)."""
    council = trusted_decoder(Council)(engine.peek("council")["council"])
    person = trusted_decoder(Person)
    return council, [person(doc) for doc in engine.peek("people").values()]


def build(engine: Engine) -> bytes:
    """The section for the tables as they now stand (the cases read if need be, and let go)."""
    council, people = _records(engine)
    case = trusted_decoder(Case)
    grouped: dict[str, list[list[str]]] = {}
    docs = engine.peek("cases").values()
    for ref, kind, due, title in case_entries((case(d) for d in docs), council, people):
        grouped.setdefault(ref, []).append([kind.value, due.isoformat(), title])
    return orjson.dumps({"fingerprint": fingerprint(council, people), "cases": grouped})


def section(engine: Engine) -> dict[str, bytes]:
    """The derived sections for a checkpoint: the one read, if nothing it depends on has
    changed since (the cases unparsed and unchanged, the fingerprint the same), else anew."""
    kept = engine.derived.get(SECTION)
    if (
        kept is not None
        and engine.pending("cases") == []
        and _fingerprint_of(kept) == fingerprint(*_records(engine))
    ):
        return {SECTION: kept}
    return {SECTION: build(engine)}


def _fingerprint_of(raw: bytes) -> int | None:
    try:
        value = orjson.loads(raw)["fingerprint"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    return value if isinstance(value, int) else None


def saved_entries(engine: Engine, council: Council, people: list[Person]) -> list[CaseEntry] | None:
    """The cases' entries from the snapshot's section and the journal since it, or ``None``
    when they cannot be trusted to be what the cases would give (read the cases instead);
    ``council`` and ``people`` as they now stand."""
    raw = engine.derived.get(SECTION)
    changes = engine.pending("cases")
    if raw is None or changes is None:
        return None
    try:
        saved = orjson.loads(raw)
        if saved["fingerprint"] != fingerprint(council, people):
            return None
        grouped: dict[str, Any] = saved["cases"]
        changed: dict[str, dict[str, Any] | None] = {}
        for change in changes:
            op = change["op"]
            if op == "put":
                changed[change["id"]] = change["after"]
            elif op == "delete":
                changed[change["id"]] = None
            else:  # not a change this version makes: read the cases
                return None
        kind_of = DueKind
        when = date.fromisoformat
        entries: list[CaseEntry] = [
            (ref, kind_of(kind), when(due), title)
            for ref, rows in grouped.items()
            if ref not in changed
            for kind, due, title in rows
        ]
        docs = [doc for doc in changed.values() if doc is not None]
        if docs:
            case = trusted_decoder(Case)
            entries += case_entries((case(d) for d in docs), council, people)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return entries
