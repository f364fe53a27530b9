"""``CASE_RULES`` names the version of what ``case_entries`` gives: the store trusts entries it
kept only when they were made by the same version (``store/due_index.py``).  A change to the code
they come from without a new ``CASE_RULES`` would let a council see what was due under the old
rules, so this digest of that code fails until both are changed together."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from typing import Any

from parishclerk.domain import due, procedures

PINNED = {
    "rules": 1,
    "digest": "477d863095ba82e08b71b00c6002acd743725730d2df529c2216376fa2832a9e",
}


def digest() -> str:
    code: list[Callable[..., Any]] = [
        due.case_entries,
        due.case_inputs,
        procedures.retention,
        procedures.warning_live_until,
    ]
    return hashlib.sha256("\n".join(inspect.getsource(f) for f in code).encode()).hexdigest()


def test_the_rules_version_changes_with_their_code():
    assert (due.CASE_RULES, digest()) == (PINNED["rules"], PINNED["digest"]), (
        "case_entries (or what it calls) changed: raise domain.due.CASE_RULES and put it and "
        f"the new digest here: rules {due.CASE_RULES + 1}, digest {digest()}"
    )
