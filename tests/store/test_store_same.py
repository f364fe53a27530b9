"""What the store hands out after its fast paths (issue 11: journal lines left waiting beside
unparsed tables, the trusted decoder's plain lookups) is what a plain reading gives: the whole
snapshot parsed, every journal line since the checkpoint replayed, every document decoded by the
checking decoder.  On a generated council, after writes of every kind that stay in the journal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from parishclerk.domain.codec import decode
from parishclerk.domain.records import Acknowledgement, Status
from parishclerk.store.engine import apply_changes
from parishclerk.store.journal import read_tail
from parishclerk.store.repository import TABLES, Store
from tests.store.store_helpers import person, verify_chain


@pytest.fixture(scope="module")
def generated(tmp_path_factory, generate):
    folder = tmp_path_factory.mktemp("same") / "council"
    generate.generate(0, folder, seed=5, cases=400)
    with Store.open(folder) as store:  # a council this small is all in the journal still
        store.engine.checkpoint()
    return folder


def plainly(folder: Path) -> dict[str, list[Any]]:
    """Every table's records the slow, careful way."""
    tables = orjson.loads((folder / "council.json").read_bytes())
    meta = tables["_meta"]["store"]
    tail = read_tail(
        folder / "audit.jsonl", meta["audit_offset"], meta["audit_hash"], meta["audit_seq"]
    )
    for entry in tail.entries:
        apply_changes(tables, entry["changes"])
    return {
        name: [decode(cls, doc, f"{name}.{key}") for key, doc in tables.get(name, {}).items()]
        for name, cls in TABLES.items()
    }


def held(store: Store) -> dict[str, list[Any]]:
    data = store.snapshot()
    return {
        "people": data.people,
        "policies": data.policies,
        "versions": list(store._all("versions")),
        "acknowledgements": data.acknowledgements,
        "cases": data.cases,
        "events": list(store._all("events")),
        "evidence": list(store._all("evidence")),
        "reminders": data.reminders,
        "accounts": data.accounts,
    }


def test_records_are_what_a_plain_reading_gives(generated):
    with Store.open(generated, read_only=True) as store:
        assert held(store) == plainly(generated)
    with Store.open(generated) as store:  # writes that stay in the journal, of every kind
        cases = store.cases()
        store.save_case(replace(cases[3], summary="Changed: Siân [bold]x[/] <b> O'Brien & Co"))
        store.save_case(replace(cases[3], summary="Changed again"))
        open_one = next(c for c in cases if c.status is Status.RECEIVED)
        store.move(open_one.reference, Status.WITHDRAWN, date(2026, 11, 20), "withdrawn")
        store.add_note(cases[7].reference, date(2026, 11, 21), "A note, Małgorzata")
        store.save_person(person("new", notes="Ŵyn"))
        store.save_person(person("gone"))
        store.delete_person("pgone")
        version = store.versions()[0]
        store.record_acknowledgement(
            Acknowledgement("pnew", version.id, max(version.adopted, date(2026, 11, 21)))
        )
    assert not (generated / "council.json").read_bytes().count(b"Changed again")  # journal only
    with Store.open(generated, read_only=True) as store:
        assert "cases" in store.engine._raw and store.engine._pending
        light = store.snapshot(timelines=False)
        assert light.cases == plainly(generated)["cases"]
        assert held(store) == plainly(generated)
    verify_chain(generated)
