"""The repository's decoded-record cache stays what a fresh open would read; bad documents are
named; a closed store is let go of at once; history damage behind a checkpoint is for `check`."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import orjson
import pytest

from parishclerk.domain.records import (
    Account,
    Case,
    Procedure,
    Reminder,
    Role,
    Status,
    Subject,
)
from parishclerk.store.errors import StoreError
from parishclerk.store.repository import Store
from tests.store.store_helpers import person, verify_chain


def fresh_snapshot(folder):
    with Store.open(folder, read_only=True) as s:
        return s.snapshot()


def test_cache_follows_every_kind_of_write(store, folder):
    for i in range(10):
        store.save_person(person(i, role=Role.CLERK if i == 0 else Role.COUNCILLOR))
    store.save_account(Account("a1", "Facebook", "@pc", authorised=["p1", "p2"]))
    store.snapshot()  # every table decoded and cached from here on
    store.save_person(person(3, notes="changed in place"))  # keeps its position
    store.delete_person("p2")  # also changes the account
    store.save_person(person("new"))
    with store.transaction():
        store.save_reminder(Reminder("r1", "AGM", date(2026, 5, 12)))
        store.save_reminder(Reminder("r1", "AGM (moved)", date(2026, 5, 19)))
        store.save_reminder(Reminder("r2", "Audit", date(2026, 6, 1)))
        store.delete_reminder("r2")
    ref = store.new_reference(2026)
    store.open_case(
        Case(ref, date(2026, 1, 5), "Resident", Subject(person="p0"), Procedure.DISCIPLINARY)
    )
    store.move(ref, Status.INVESTIGATION, date(2026, 1, 6))
    store.add_note(ref, date(2026, 1, 7), "Investigator appointed")
    cached = store.snapshot()
    assert cached == fresh_snapshot(folder)
    assert [p.id for p in cached.people] == [f"p{i}" for i in (0, 1, 3, 4, 5, 6, 7, 8, 9)] + [
        "pnew"
    ]
    assert cached.person("p3").notes == "changed in place"
    assert [r.title for r in cached.reminders] == ["AGM (moved)"]
    assert cached.accounts[0].authorised == ["p1"]
    assert [e.kind for e in store.events(ref)] == ["received", "status", "note"]


def test_cache_after_a_large_write(store, folder):
    store.save_person(person("first"))
    store.people()
    with store.transaction():
        for i in range(1500):  # over the size where cached tables are dropped, not patched
            store.save_person(person(i))
        store.delete_person("pfirst")
    assert store.snapshot() == fresh_snapshot(folder)
    assert len(store.people()) == 1500


def test_failed_transaction_leaves_the_cache_alone(store):
    store.save_person(person(1))
    before = store.snapshot()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_person(person(2))
            raise RuntimeError
    assert store.snapshot() == before


def test_lists_handed_out_are_copies(store):
    store.save_person(person(1))
    people = store.people()
    people.clear()
    assert [p.id for p in store.people()] == ["p1"]


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("role", "mayor", "people.p1.role"),
        ("joined", "2026-02-30", "people.p1.joined"),
    ],
)
def test_a_bad_document_in_the_snapshot_is_named(store, folder, field, value, words):
    store.save_person(person(1))
    store.engine.checkpoint()
    store.close()
    doc = orjson.loads((folder / "council.json").read_bytes())
    doc["people"]["p1"][field] = value
    (folder / "council.json").write_bytes(orjson.dumps(doc))
    with Store.open(folder, read_only=True) as s:
        with pytest.raises(StoreError) as err:
            s.people()
    assert words in str(err.value) and "council.json" in str(err.value)


def test_a_closed_store_is_let_go_of_at_once(folder):
    from parishclerk.domain.records import Council

    s = Store.create(folder, Council("X"))
    s.save_person(person(1))
    s.close()
    s = Store.open(folder)
    s.people()
    ref = weakref.ref(s)
    s.close()
    gc.disable()
    try:
        del s
        assert ref() is None  # freed by reference counting, no cycle left behind
    finally:
        gc.enable()


def test_damage_behind_a_checkpoint_is_found_by_check(store, folder):
    """After a checkpoint the next open reads no journal lines: history before the
    checkpoint is verified by ``parishclerk check`` (the data itself is in the snapshot)."""
    check = pytest.importorskip("parishclerk.store.check")
    for i in range(1, 5):
        store.save_person(person(i))
    store.engine.checkpoint()
    store.close()
    assert verify_chain(folder) == 5
    lines = (folder / "audit.jsonl").read_bytes().split(b"\n")
    lines[2] = b"#garbled#" + lines[2][9:]
    (folder / "audit.jsonl").write_bytes(b"\n".join(lines))
    with Store.open(folder, read_only=True) as s:
        assert len(s.people()) == 4
    problems = check.check_folder(folder)
    assert len(problems) == 1 and "audit.jsonl" in problems[0] and "entry 3" in problems[0]
