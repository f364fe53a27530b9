"""What the cases make due, kept beside the snapshot: the Dashboard's first paint on a large
council without parsing and decoding every case (at 10,000 cases, 40 of its 85 ms).

The snapshot's ``_due`` section holds ``domain.case_due.case_entries`` as they stood at the
checkpoint, as a ``CaseAgenda``'s rows sorted as the due list sorts, and each open case's
procedure and state: ``{"inputs": [...], "at": [seq, hash], "dated": [["YYYY-MM-DD", kind,
title, reference], ...], "warnings": [...], "states": {reference: [procedure, status]}}``.
The Dashboard reads its head and counts from the rows by bisection, and its open cases from
the states.

It is only a shortcut, never the data.  It is used while the cases are still unparsed, and
only if it was made at the snapshot's own journal position (a snapshot rewritten by an earlier
parishclerk, which carries the section over untouched, stands elsewhere) from the same inputs
(its layout and ``domain.case_due.case_inputs``: the rules' version and what of the council and
people the entries depend on, as they now stand); the journal's changes to cases since the
checkpoint are worked out again from the documents they hold.  Anything else (no section, a
damaged one, other rules, a changed retention period or leaving date) and the caller reads
the cases themselves, and the next write makes it afresh (one checkpoint sooner than the
journal's size would ask).  The section lives inside the snapshot, so it is backed up,
restored and disposed of with the records it was made from; it holds nothing the cases do not.
"""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

import orjson

from ..domain.case_due import CaseAgenda, case_inputs
from ..domain.codec import trusted_decoder
from ..domain.due_items import DueKind
from ..domain.records import Case, Council, Person, Procedure, Status

if TYPE_CHECKING:
    from .engine import Engine

SECTION = "_due"
LAYOUT = 4
"""The section's own layout, in what it was made from: another layout is made afresh."""


def inputs(council: Council, people: list[Person]) -> list[object]:
    """What the entries depend on besides the cases (``case_inputs``), with the layout: kept
    whole in the section (a few numbers and the leaving dates) and compared whole."""
    return [LAYOUT, *case_inputs(council, people)]


def _records(engine: Engine) -> tuple[Council, list[Person]]:
    """The council and people from the engine's documents (a checkpoint comes before the
    repository has seen its own write)."""
    council = trusted_decoder(Council)(engine.peek("council")["council"])
    person = trusted_decoder(Person)
    return council, [person(doc) for doc in engine.peek("people").values()]


def _position(engine: Engine) -> list[object]:
    """Where in the journal the snapshot stands: the tables there are the journal's up to it,
    so a section made there is theirs; a snapshot rewritten by anything else (an earlier
    parishclerk, which keeps the section as it found it) stands somewhere else."""
    meta = engine.meta
    return [meta["audit_seq"], meta["audit_hash"]]


def _dump(engine: Engine, council: Council, people: list[Person], agenda: CaseAgenda) -> bytes:
    return orjson.dumps(
        {
            "inputs": inputs(council, people),
            "at": _position(engine),
            "dated": agenda.dated,
            "warnings": agenda.warnings,
            "states": agenda.states,
        }
    )


def section(engine: Engine) -> dict[str, bytes]:
    """The derived sections for a checkpoint (``engine.meta`` already at its new position):
    the one read, if it is still good and the cases have not changed since (made again only
    to say where it now stands), else made from the cases."""
    council, people = _records(engine)
    kept = engine.derived.get(SECTION)
    if kept is not None and engine.pending("cases") == []:
        agenda = _agenda(kept, [], council, people, at=None)
        if agenda is not None:
            return {SECTION: _dump(engine, council, people, agenda)}
    case = trusted_decoder(Case)
    docs = engine.peek("cases").values()
    agenda = CaseAgenda.of((case(d) for d in docs), council, people)
    return {SECTION: _dump(engine, council, people, agenda)}


def saved_agenda(engine: Engine, council: Council, people: list[Person]) -> CaseAgenda | None:
    """The cases' agenda from the snapshot's section and the journal since it, or ``None``
    when it cannot be trusted to be what the cases would give (read the cases instead);
    ``council`` and ``people`` as they now stand."""
    raw = engine.derived.get(SECTION)
    changes = engine.pending("cases")
    if raw is None or changes is None:
        return None
    agenda = _agenda(raw, changes, council, people, at=_position(engine))
    if agenda is None and not engine.read_only:
        engine.checkpoint_soon = True  # out of date or damaged: made afresh at the next write
    return agenda


def _agenda(
    raw: bytes,
    changes: list[dict[str, Any]],
    council: Council,
    people: list[Person],
    at: list[object] | None,
) -> CaseAgenda | None:
    """The section's agenda with ``changes`` to the cases applied, if it was made from these
    ``inputs`` at the snapshot's position ``at`` (``None``: wherever) and is as this version
    writes it; else ``None``."""
    try:
        saved = orjson.loads(raw)
        if saved["inputs"] != orjson.loads(orjson.dumps(inputs(council, people))):
            return None
        if at is not None and saved["at"] != at:
            return None
        dated, warnings, states = saved["dated"], saved["warnings"], saved["states"]
        if not (_rows(dated, False) and _rows(warnings, True) and _states(states)):
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


_DATED = frozenset(k.value for k in DueKind if k is not DueKind.WARNING_EXPIRES)
_WARNING = frozenset({DueKind.WARNING_EXPIRES.value})
_OPEN = frozenset((p.value, s.value) for p in Procedure for s in Status if s.is_open)


def _states(states: Any) -> bool:
    """Each open case's ``[procedure, status]``, by reference: anything else is not trusted."""
    if type(states) is not dict:
        return False
    open_ = _OPEN
    return all(type(v) is list and len(v) == 2 and tuple(v) in open_ for v in states.values())


def _rows(rows: Any, warnings: bool) -> bool:
    """Rows as ``CaseAgenda`` wants them (a date as ``YYYY-MM-DD``, a kind of the list's, a
    title that begins with its case's reference), each after the last: anything else is not
    trusted (the head is decoded only when shown, so the rows are checked here, in one pass)."""
    if type(rows) is not list:
        return False
    when = date.fromisoformat
    kinds = _WARNING if warnings else _DATED
    for row in rows:
        if type(row) is not list or len(row) != 4:
            return False
        due, kind, title, ref = row
        if kind not in kinds or type(title) is not str or type(ref) is not str:
            return False
        if type(due) is not str or len(due) != 10 or due[4] != "-" or due[7] != "-":
            return False  # fromisoformat takes 20261123 and 2026-W48-1 too
        when(due)  # a ValueError: not trusted
        if not title.startswith(f"{ref}: "):
            return False
    return all(a < b for a, b in zip(rows, islice(rows, 1, None), strict=False))
