"""What the cases make due, kept beside the snapshot: the Dashboard's first paint on a large
council without parsing and decoding every case (at 10,000 cases, 40 of its 85 ms).

The snapshot's ``_due`` section holds ``domain.due.case_entries`` as they stood at the
checkpoint, as a ``CaseAgenda``'s rows, sorted as the due list sorts, and each open case's
procedure and state: ``{"fingerprint": n, "dated": [["YYYY-MM-DD", kind, title, reference],
...], "warnings": [...], "states": {reference: [procedure, status]}}``.  The Dashboard reads
its head and counts from the rows by bisection, and its open cases from the states.

It is only a shortcut, never the data.  It is used while the cases are still unparsed, and
only if its fingerprint (of its layout and ``domain.due.case_inputs``: the rules' version and
what of the council and people the entries depend on, as they now stand) matches; the
journal's changes to cases since the checkpoint are worked out again from the documents they
hold.  Anything else (no section, a damaged one, other rules, a changed retention period or
leaving date) and the caller reads the cases themselves, and the next write makes it afresh
(one checkpoint sooner than the journal's size would ask).  The section lives inside the
snapshot, so it is backed up, restored and disposed of with the records it was made from; it
holds nothing the cases do not.
"""

from __future__ import annotations

import zlib
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

import orjson

from ..domain.codec import trusted_decoder
from ..domain.due import CaseAgenda, DueKind, case_inputs
from ..domain.records import Case, Council, Person, Procedure, Status

if TYPE_CHECKING:
    from .engine import Engine

SECTION = "_due"
LAYOUT = 3
"""The section's own layout, in its fingerprint: another layout is made afresh, not reused."""


def fingerprint(council: Council, people: list[Person]) -> int:
    """What the entries depend on besides the cases (``case_inputs``), in one number."""
    return zlib.crc32(orjson.dumps([LAYOUT, *case_inputs(council, people)]))


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
    docs = engine.peek("cases").values()
    agenda = CaseAgenda.of((case(d) for d in docs), council, people)
    return orjson.dumps(
        {
            "fingerprint": fingerprint(council, people),
            "dated": agenda.dated,
            "warnings": agenda.warnings,
            "states": agenda.states,
        }
    )


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


def saved_agenda(engine: Engine, council: Council, people: list[Person]) -> CaseAgenda | None:
    """The cases' agenda from the snapshot's section and the journal since it, or ``None``
    when it cannot be trusted to be what the cases would give (read the cases instead);
    ``council`` and ``people`` as they now stand."""
    raw = engine.derived.get(SECTION)
    changes = engine.pending("cases")
    if raw is None or changes is None:
        return None
    agenda = _agenda(raw, changes, council, people)
    if agenda is None and not engine.read_only:
        engine.checkpoint_soon = True  # out of date or damaged: made afresh at the next write
    return agenda


def _agenda(
    raw: bytes, changes: list[dict[str, Any]], council: Council, people: list[Person]
) -> CaseAgenda | None:
    try:
        saved = orjson.loads(raw)
        if saved["fingerprint"] != fingerprint(council, people):
            return None
        dated, warnings, states = saved["dated"], saved["warnings"], saved["states"]
        if not (_rows(dated) and _rows(warnings) and _states(states)):
            return None
        changed: dict[str, dict[str, Any] | None] = {}
        for change in changes:
            op = change["op"]
            if op == "put":
                changed[change["id"]] = change["after"]
            elif op == "delete":
                changed[change["id"]] = None
            else:  # not a change this version makes: read the cases
                return None
        agenda = CaseAgenda(dated, warnings, states)
        if changed:
            case = trusted_decoder(Case)
            docs = [case(doc) for doc in changed.values() if doc is not None]
            agenda = agenda.changed(set(changed), docs, council, people)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return agenda


_KIND_VALUES = frozenset(kind.value for kind in DueKind)
_OPEN = frozenset((p.value, s.value) for p in Procedure for s in Status if s.is_open)


def _states(states: Any) -> bool:
    """Each open case's ``[procedure, status]``, by reference: anything else is not trusted."""
    if type(states) is not dict:
        return False
    open_ = _OPEN
    return all(type(v) is list and len(v) == 2 and tuple(v) in open_ for v in states.values())


def _rows(rows: Any) -> bool:
    """Rows as ``CaseAgenda`` wants them, in order: anything else is not trusted (the head is
    decoded only when shown, so it is checked here, in one pass)."""
    if type(rows) is not list:
        return False
    when = date.fromisoformat
    kinds = _KIND_VALUES
    for row in rows:
        if type(row) is not list or len(row) != 4:
            return False
        due, kind, title, ref = row
        if kind not in kinds or type(title) is not str or type(ref) is not str:
            return False
        when(due)  # a ValueError or TypeError: not trusted
    return all(a <= b for a, b in zip(rows, islice(rows, 1, None), strict=False))
