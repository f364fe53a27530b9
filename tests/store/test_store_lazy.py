"""The snapshot's index: a table is parsed only when read or changed, an untouched table is
written back byte for byte, and a file whose index does not match it is parsed whole."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from parishclerk.domain.records import Case, Procedure, Status, Subject
from parishclerk.store.errors import StoreDamaged
from parishclerk.store.repository import Store
from parishclerk.store.snapshot import split_snapshot
from tests.store.store_helpers import person, verify_chain


def _case(i: int) -> Case:
    return Case(
        reference=f"SM-2026-{i:03d}",
        received=date(2026, 1, 5),
        reported_by="Clerk",
        subject=Subject(name=f"Someone {i} <b>&</b> Siân"),
        procedure=Procedure.MODERATION,
        summary="A post [bold]x[/] " * 20,
        status=Status.RECEIVED,
    )


@pytest.fixture
def council(store, folder):
    """A council with people and cases, checkpointed (the snapshot holds it, with its index)."""
    with store.transaction():
        for i in range(30):
            store.save_person(person(i))
        for i in range(1, 40):
            store.open_case(_case(i))
    store.engine.checkpoint()
    store.close()
    return folder


def _snapshot(folder):
    return orjson.loads((folder / "council.json").read_bytes())


def test_snapshot_is_plain_json_with_its_index_last(council):
    raw = (council / "council.json").read_bytes()
    doc = orjson.loads(raw)
    assert list(doc)[-1] == "_meta" and "index" in doc["_meta"]
    for name, (start, end) in doc["_meta"]["index"]["tables"].items():
        assert orjson.loads(raw[start:end]) == doc[name]


def test_a_table_is_parsed_only_when_read(council):
    with Store.open(council) as store:
        assert "cases" in store.engine._raw and "people" in store.engine._raw
        assert len(store.people()) == 30
        assert "people" not in store.engine._raw and "cases" in store.engine._raw
        store.save_person(person("new"))  # a write touches only its own table
        assert "cases" in store.engine._raw
        assert len(store.cases()) == 39
        assert not {"cases", "people"} & set(store.engine._raw)


def test_untouched_tables_are_written_back_as_read(council):
    before = (council / "council.json").read_bytes()
    cases = before[slice(*_snapshot(council)["_meta"]["index"]["tables"]["cases"])]
    with Store.open(council) as store:
        store.save_person(person("new", notes="Ŵyn O'Brien & Co"))
        store.engine.checkpoint()  # cases still unparsed: copied
        assert "cases" in store.engine._raw
    doc = _snapshot(council)
    after = (council / "council.json").read_bytes()
    assert after[slice(*doc["_meta"]["index"]["tables"]["cases"])] == cases
    with Store.open(council, read_only=True) as store:
        assert store.person("pnew").notes == "Ŵyn O'Brien & Co"
        assert [c.reference for c in store.cases()] == [f"SM-2026-{i:03d}" for i in range(1, 40)]
    verify_chain(council)


def test_journal_lines_since_the_checkpoint_reach_unparsed_tables(council):
    with Store.open(council) as store:
        store.open_case(_case(99))  # journal only: no checkpoint for one line
    with Store.open(council, read_only=True) as store:
        # the line waits beside the tables it changed: opening parsed neither
        assert {"cases", "events"} <= set(store.engine._raw)
        assert store.case("SM-2026-099").reported_by == "Clerk"
        assert len(store.cases()) == 40
        assert "events" in store.engine._raw
        assert [e.kind for e in store.events("SM-2026-099")] == ["received"]


def test_waiting_journal_lines_apply_in_order_before_a_write_and_a_checkpoint(council):
    from dataclasses import replace

    with Store.open(council) as store:
        store.open_case(_case(98))
        store.save_case(replace(store.case("SM-2026-001"), summary="first change"))
        store.save_case(replace(store.case("SM-2026-001"), summary="second change, Siân"))
        store.delete_person("p5")
    with Store.open(council) as store:
        assert {"cases", "people"} <= set(store.engine._raw) and store.engine._pending
        store.save_case(replace(store.case("SM-2026-002"), summary="a write on top"))
        store.engine.checkpoint()  # every waiting line is in the new snapshot
        assert not store.engine._pending and "people" not in store.engine._raw
    with Store.open(council, read_only=True) as store:
        assert store.case("SM-2026-001").summary == "second change, Siân"
        assert store.case("SM-2026-002").summary == "a write on top"
        assert store.case("SM-2026-098").reported_by == "Clerk"
        assert [c.reference for c in store.cases()][-1] == "SM-2026-098"
        assert "p5" not in {p.id for p in store.people()} and len(store.people()) == 29
    verify_chain(council)


def test_a_file_changed_by_hand_is_read_whole(council):
    doc = _snapshot(council)
    doc["people"]["p3"]["notes"] = "edited outside"  # the index (kept) no longer matches
    (council / "council.json").write_bytes(orjson.dumps(doc))
    assert split_snapshot((council / "council.json").read_bytes()) is None
    with Store.open(council, read_only=True) as store:
        assert store.engine._raw == {}
        assert store.person("p3").notes == "edited outside"


def test_a_changed_byte_inside_a_table_is_not_read_through_the_index(council):
    path = council / "council.json"
    raw = bytearray(path.read_bytes())
    start, end = _snapshot(council)["_meta"]["index"]["tables"]["cases"]
    at = raw.index(b"SM-2026-007", start)
    raw[at - 1 : at] = b"{"  # its opening quote: no longer JSON, the same length
    path.write_bytes(bytes(raw))
    assert split_snapshot(bytes(raw)) is None
    with pytest.raises(StoreDamaged, match="council.json is damaged"):
        Store.open(council)
    assert path.read_bytes() == bytes(raw)  # left as it was


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{}",
        b'{"_meta":{}}',
        b'{"_meta":{"index":{"tables":{"x":[1,99]},"crc32":0}}}',
        b'{"a":1,"_meta":{"index":[]}}',
        b'{"a":1,"_meta":{"index":{"tables":{"a":[5,6]},"crc32":"x"}}}',
        b'{"a":1,"_meta":nope}',
    ],
)
def test_split_refuses_what_it_does_not_recognise(raw):
    assert split_snapshot(raw) is None


def test_an_empty_council_round_trips(store, folder):
    store.engine.checkpoint()
    store.close()
    with Store.open(folder, read_only=True) as s:
        assert s.council().name == "Test Parish Council"


def test_a_snapshot_without_timelines_reads_no_events(council):
    from parishclerk.domain.due import compute_due, outstanding_acknowledgements

    with Store.open(council, read_only=True) as store:
        light = store.snapshot(timelines=False)
        assert light.events == [] and light.evidence == []
        assert "events" in store.engine._raw  # not even parsed
        full = store.snapshot()
        assert full.events and light.cases == full.cases and light.people == full.people
        on = date(2026, 3, 1)
        owed = outstanding_acknowledgements(light, on)
        assert compute_due(light, on, outstanding=owed) == compute_due(full, on)
