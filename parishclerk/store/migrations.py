"""Schema versions of the store, and the steps between them.

Schema 1 (the 2025 prototype) kept a person's address as ``contact`` and had no register-of-
interests date.  Schema 2 renames ``contact`` to ``email`` (empty becomes null) and adds
``interests_registered``.  Schema 3 keys each acknowledgement by person, version and day
(``p1@sm-2@2026-05-20``), so a yearly re-acknowledgement of one version is a record of its own.
Each step works on the raw tables; the engine takes a backup first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = 3


def _v1_to_v2(tables: dict[str, Any]) -> None:
    for doc in tables.get("people", {}).values():
        contact = doc.pop("contact", None)
        doc.setdefault("email", contact or None)
        doc.setdefault("interests_registered", None)


def _v2_to_v3(tables: dict[str, Any]) -> None:
    acks = tables.get("acknowledgements", {})
    tables["acknowledgements"] = {
        f"{doc['person']}@{doc['version']}@{doc['on']}": doc for doc in acks.values()
    }


STEPS: dict[int, Callable[[dict[str, Any]], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(tables: dict[str, Any], schema: int) -> None:
    while schema < CURRENT:
        STEPS[schema](tables)
        schema += 1
    tables["_meta"]["store"]["schema"] = CURRENT


def journalled(
    before: dict[str, Any], after: dict[str, Any], schema: int, *, skip: str
) -> list[dict[str, Any]]:
    """The journal's record of a migration from ``schema``: every document as it now stands
    (so the audit log's history replays to exactly the migrated store, records from before the
    log began included), and the deletion of each one the migration re-keyed.  ``skip``: the
    store's own table, not journalled."""
    changes: list[dict[str, Any]] = [{"op": "migrate", "from": schema, "to": CURRENT}]
    for name, docs in before.items():  # documents the migration re-keyed
        if name != skip:
            changes += [
                {"op": "delete", "table": name, "id": key, "before": doc, "after": None}
                for key, doc in docs.items()
                if key not in after.get(name, {})
            ]
    for name, docs in after.items():
        if name == skip:
            continue
        for key, doc in docs.items():
            changes.append(
                {
                    "op": "put",
                    "table": name,
                    "id": key,
                    "before": before.get(name, {}).get(key),
                    "after": doc,
                }
            )
    return changes
