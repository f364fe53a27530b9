"""``CASE_RULES`` names the version of what ``case_entries`` gives: the store trusts entries it
kept only when they were made by the same version (``store/due_index.py``).  A change to the code
they come from without a new ``CASE_RULES`` would let a council see what was due under the old
rules, so this digest of that code (and of what it reads: the dates' arithmetic, the case's
records and how they are decoded) fails until both are changed together."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from parishclerk.domain import case_due, codec, dates, procedures, records

PINNED = {
    "rules": 1,
    "digest": "5521ca29c78dd9657a392548e0a62f972a1507ee1ef7b555e90e8d70f1705f23",
}


def digest() -> str:
    code: list[Callable[..., Any] | type] = [
        case_due.case_entries,
        case_due.case_inputs,
        case_due.CaseAgenda,
        case_due._entry,
        procedures.retention,
        procedures.warning_live_until,
        dates.add_months,
        dates.add_years,
        dates.days_in,
        records.Case,
        records.NextAction,
        records.Subject,
        records.Status,
        records.Procedure,
        codec.trusted_decoder,
        codec._converter,
    ]
    return hashlib.sha256("\n".join(inspect.getsource(f) for f in code).encode()).hexdigest()


def test_the_rules_version_changes_with_their_code():
    assert (case_due.CASE_RULES, digest()) == (PINNED["rules"], PINNED["digest"]), (
        "case_entries (or what it calls) changed: raise domain.case_due.CASE_RULES and put it and "
        f"the new digest here: rules {case_due.CASE_RULES + 1}, digest {digest()}"
    )


@pytest.mark.parametrize(("seed", "cases"), [(1, 300), (4, 300), (6, 1500)])
def test_the_agenda_gives_what_the_cases_give(generate, seed, cases):
    """The agenda's head and counts, read by bisection, are first_due's from the cases, on
    councils bent to reach every branch (warnings live, ended and to come; cases closed,
    disposed), on many days and for heads of every size; and so after cases change."""
    from dataclasses import replace
    from datetime import date

    from parishclerk.domain.case_due import CaseAgenda, case_entries, open_counts
    from parishclerk.domain.due import first_due
    from parishclerk.domain.records import Status
    from tests.domain.test_due_same import DAYS, bent

    data = bent(generate.build(0, seed=seed, cases=cases), seed)
    entries = list(case_entries(data.cases, data.council, data.people))
    agenda = CaseAgenda.of(data.cases, data.council, data.people)
    assert agenda.warnings and agenda.dated
    assert sorted(agenda.entries()) == sorted(entries)
    assert agenda.open_counts() == open_counts(data.cases)
    for on in DAYS:
        for count in (0, 1, 7, 100, len(entries) + 5):
            assert first_due(data, on, count, cases=agenda) == first_due(data, on, count)
    changed = data.cases[::7]
    refs = {c.reference for c in changed}
    data.cases = [c for c in data.cases if c.reference not in refs]
    kept = [replace(c, next_action=None) for c in changed[::2]]
    data.cases += kept
    closed = replace(changed[1], status=Status.CLOSED, closed_on=date(2026, 1, 5))
    data.cases.append(closed)
    moved = agenda.changed(refs, [*kept, closed], data.council, data.people)
    for on in DAYS:
        assert first_due(data, on, 100, cases=moved) == first_due(data, on, 100)
    assert moved.open_counts() == open_counts(data.cases)
