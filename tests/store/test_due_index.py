"""What the cases make due, kept beside the snapshot (``store/due_index.py``): used only while
it is what the cases themselves would give, and then exactly that; anything else (a change to
what it depends on, a damaged or missing section) falls back to reading the cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import orjson
import pytest

from parishclerk.domain.case_due import CaseAgenda, case_entries, open_counts
from parishclerk.domain.due import first_due
from parishclerk.domain.records import NextAction, Reminder, Status
from parishclerk.store import due_index
from parishclerk.store.errors import StoreDamaged
from parishclerk.store.repository import Store
from parishclerk.store.snapshot import snapshot_bytes, split_snapshot

TODAY = date(2026, 11, 23)
DAYS = [TODAY, TODAY - timedelta(days=400), TODAY + timedelta(days=45)]


@pytest.fixture
def council(generate, tmp_path):
    folder = tmp_path / "council"
    store = generate.write(generate.build(0, seed=3, cases=400), folder)
    store.engine.checkpoint()  # the cases in the snapshot, not only in the journal
    store.close()
    return folder


def heads_alike(store: Store, agenda: CaseAgenda) -> None:
    """The Dashboard's head from the agenda, as from the cases themselves, on several days."""
    without = store.snapshot(timelines=False, cases=False)
    full = store.snapshot(timelines=False)
    made = list(case_entries(full.cases, full.council, full.people))
    assert sorted(agenda.entries()) == sorted(made)
    again = CaseAgenda.of(full.cases, full.council, full.people)
    assert (agenda.dated, agenda.warnings) == (again.dated, again.warnings)  # in order
    assert agenda.open_counts() == open_counts(full.cases)
    for on in DAYS:
        for count in (0, 1, 5, 100, 10_000):
            assert first_due(without, on, count, cases=agenda) == first_due(full, on, count)


def saved(folder):
    with Store.open(folder, read_only=True) as store:
        agenda = store.saved_case_agenda()
        assert "cases" in store.engine._raw  # found without reading the cases
        if agenda is not None:
            heads_alike(store, agenda)
        return agenda


def test_a_written_council_keeps_them_and_they_are_the_cases_own(council):
    raw = (council / "council.json").read_bytes()
    doc = orjson.loads(raw)
    assert due_index.SECTION in doc  # plain JSON still, the section beside the tables
    assert saved(council) is not None
    with Store.open(council, read_only=True) as store:
        store.cases()
        assert store.saved_case_agenda() is None  # read already: worked out from them


def test_changes_to_cases_since_the_checkpoint_are_worked_out_again(council):
    with Store.open(council) as store:
        cases = store.cases()
        open_one = next(c for c in cases if c.status is Status.RECEIVED)
        store.save_case(replace(open_one, next_action=NextAction("Ring the Chair", TODAY)))
        closed = next(c for c in cases if c.status is Status.INVESTIGATION)
        store.move(closed.reference, Status.CLOSED, TODAY, "Closed early", "no_action", True)
        assert store.engine._since_checkpoint  # in the journal, not the snapshot
    agenda = saved(council)
    assert agenda is not None
    assert (open_one.reference, "case_action", TODAY, f"{open_one.reference}: Ring the Chair") in {
        (r, k.value, d, t) for r, k, d, t in agenda.entries()
    }


def test_a_person_renamed_keeps_them_a_leaving_date_does_not(council):
    with Store.open(council) as store:
        someone = store.people()[0]
        store.save_person(replace(someone, name="Siân <b>Ŵyn</b> [bold]O'Brien[/]"))
    assert saved(council) is not None
    with Store.open(council) as store:
        someone = store.person(someone.id)
        store.save_person(replace(someone, left=TODAY - timedelta(days=3)))
    assert saved(council) is None  # a retention period may run from it: read the cases


def test_a_changed_retention_period_is_not_trusted(council):
    with Store.open(council) as store:
        council_record = store.council()
        store.save_council(
            replace(
                council_record,
                code_of_conduct_retention_years=council_record.code_of_conduct_retention_years + 1,
            )
        )
    assert saved(council) is None
    with Store.open(council, read_only=True) as store:  # and what is due is still right
        full = store.snapshot(timelines=False)
        entries = list(case_entries(full.cases, full.council, full.people))
        assert first_due(full, TODAY, 100) == first_due(
            store.snapshot(timelines=False, cases=False), TODAY, 100, cases=entries
        )


def test_other_rules_are_not_trusted(council, monkeypatch):
    monkeypatch.setattr("parishclerk.domain.case_due.CASE_RULES", 999)
    assert saved(council) is None


def _edit_rows(raw: bytes, edit) -> bytes:
    doc = orjson.loads(raw)
    doc["dated"] = edit(doc["dated"])
    return orjson.dumps(doc)


def _rewrite(folder, edit) -> None:
    """The snapshot with its ``_due`` section changed by ``edit`` (index and CRC kept true)."""
    path = folder / "council.json"
    split = split_snapshot(path.read_bytes())
    assert split is not None
    meta, raw = split
    derived = {due_index.SECTION: edit(bytes(raw.pop(due_index.SECTION)))}
    if derived[due_index.SECTION] is None:
        derived = {}
    tables = {name: orjson.loads(view) for name, view in raw.items()}
    path.write_bytes(snapshot_bytes({**tables, **meta}, None, derived))


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: b"[1, 2, 3]",
        lambda b: b'{"fingerprint": "x", "cases": {}}',
        lambda b: b.replace(b'"case_action"', b'"no_such_kind"'),
        lambda b: b.replace(b'"2026-', b'"2026-13-', 1),
        lambda b: b"{" + b"\x00" * 10,
        lambda b: orjson.dumps({**orjson.loads(b), "dated": orjson.loads(b)["dated"][::-1]}),
        lambda b: orjson.dumps({**orjson.loads(b), "warnings": [["2026-01-01", "x"]]}),
        lambda b: orjson.dumps({**orjson.loads(b), "dated": [[1, "retention", "t", "r"]]}),
        lambda b: orjson.dumps({**orjson.loads(b), "states": {"SM-1": ["moderation", "closed"]}}),
        lambda b: orjson.dumps({k: v for k, v in orjson.loads(b).items() if k != "states"}),
        lambda b: _edit_rows(b, lambda rows: [rows[0], *rows]),
        lambda b: _edit_rows(b, lambda rows: [[r[0].replace("-", ""), *r[1:]] for r in rows]),
        lambda b: _edit_rows(b, lambda rows: [["2026-01-01", "warning_expires", "X: t", "X"]]),
        lambda b: _edit_rows(b, lambda rows: [[*rows[0][:3], "SM-1999-999"], *rows[1:]]),
    ],
    ids=[
        "not-an-object",
        "an-older-layout",
        "unknown-kind",
        "impossible-date",
        "not-json",
        "out-of-order",
        "short-row",
        "date-not-text",
        "closed-as-open",
        "no-states",
        "a-row-twice",
        "compact-dates",
        "a-warning-among-dated",
        "title-of-another-case",
    ],
)
def test_a_damaged_section_is_ignored(council, edit):
    _rewrite(council, edit)
    assert saved(council) is None
    with Store.open(council, read_only=True) as store:
        assert len(store.cases()) == 400  # the records themselves are as they were


def test_a_section_edited_by_hand_fails_the_crc_and_is_dropped(council):
    path = council / "council.json"
    raw = path.read_bytes()
    at = raw.index(b'"20', raw.index(b'"_due":')) + 3  # a date's year, in the section
    digit = b"1" if raw[at : at + 1] != b"1" else b"2"
    path.write_bytes(raw[:at] + digit + raw[at + 1 :])  # breaks the CRC: the file is read whole
    with Store.open(council, read_only=True) as store:
        assert store.engine.derived == {}
        assert store.saved_case_agenda() is None
        assert len(store.cases()) == 400


def test_a_snapshot_from_before_gains_the_section_at_the_next_write(council):
    _rewrite(council, lambda b: None)
    assert due_index.SECTION not in orjson.loads((council / "council.json").read_bytes())
    assert saved(council) is None
    with Store.open(council, read_only=True) as store:  # read-only never writes it
        store.snapshot()
    assert due_index.SECTION not in orjson.loads((council / "council.json").read_bytes())
    with Store.open(council) as store:
        store.save_person(replace(store.people()[0], notes="one change"))
        # the day's first write: its backup is under way, and the checkpoint waits for a write
        # with none, so the clerk does not wait for the backup
        store.engine.wait_background()
        store.save_person(replace(store.people()[0], notes="another"))
        assert "cases" in store.engine._raw  # made from the cases without keeping them
    assert due_index.SECTION in orjson.loads((council / "council.json").read_bytes())
    assert saved(council) is not None


def test_a_checkpoint_with_the_cases_untouched_keeps_the_section(council):
    before = orjson.loads((council / "council.json").read_bytes())[due_index.SECTION]
    with Store.open(council) as store:
        store.save_person(replace(store.people()[0], name="Ffion Llŷr"))
        store.engine.checkpoint()
        assert "cases" in store.engine._raw
    after = orjson.loads((council / "council.json").read_bytes())
    assert after[due_index.SECTION]["at"] == [
        after["_meta"]["store"]["audit_seq"],
        after["_meta"]["store"]["audit_hash"],
    ]  # made again only to say where it now stands
    assert {**after[due_index.SECTION], "at": None} == {**before, "at": None}
    assert saved(council) is not None


def test_check_finds_kept_entries_out_of_step_with_the_cases(council):
    from parishclerk.store.check import check_folder

    assert check_folder(council) == []

    def drop_one(raw: bytes) -> bytes:
        doc = orjson.loads(raw)
        del doc["dated"][0]
        return orjson.dumps(doc)

    _rewrite(council, drop_one)
    problems = check_folder(council)
    assert len(problems) == 1, problems
    assert "council.json" in problems[0] and "differs from the cases" in problems[0]


def test_an_out_of_date_section_is_made_afresh_at_the_next_write(council):
    with Store.open(council) as store:
        someone = store.people()[0]
        store.save_person(replace(someone, left=TODAY - timedelta(days=3)))
    assert saved(council) is None
    with Store.open(council) as store:
        assert store.saved_case_agenda() is None
        assert store.engine.checkpoint_soon  # told, not yet written: opening writes nothing
        store.save_reminder(Reminder("r-new", "Order the wreath", TODAY))
        assert store.engine._since_checkpoint == 0
    assert saved(council) is not None


def test_check_finds_an_open_case_the_section_does_not_keep(council):
    from parishclerk.store.check import check_folder

    def drop_one(raw: bytes) -> bytes:
        doc = orjson.loads(raw)
        del doc["states"][sorted(doc["states"])[0]]
        return orjson.dumps(doc)

    _rewrite(council, drop_one)
    problems = check_folder(council)
    assert len(problems) == 1 and "differs from the cases" in problems[0], problems


def test_a_snapshot_rewritten_by_an_earlier_version_is_not_trusted(council):
    """An earlier parishclerk keeps the section as it found it when it rewrites the snapshot
    after changing cases: the section then stands at another journal position than the
    snapshot and is not used (a deleted case's next action is not shown)."""
    raw = orjson.loads((council / "council.json").read_bytes())[due_index.SECTION]
    with Store.open(council) as store:
        gone = next(c for c in store.cases() if c.status.is_open and c.next_action)
        with store.transaction():
            store._stage("delete", "cases", gone.reference, None)
        store.engine.derive = lambda: {due_index.SECTION: orjson.dumps(raw)}  # as it found it
        store.engine.checkpoint()
    assert saved(council) is None
    with Store.open(council, read_only=True) as store:
        data = store.snapshot(timelines=False)
        head = first_due(data, TODAY, 10_000)
        assert all(item.ref.id != gone.reference for item in head.first)


def test_damage_inside_the_section_alone_does_not_cost_the_council(council):
    """A byte broken inside ``_due`` fails the file's CRC and its JSON: the tables are read
    without it, the clerk is told, and the next writes make it again."""
    path = council / "council.json"
    raw = path.read_bytes()
    at = raw.index(b'"dated":', raw.index(b'"_due":')) + 8
    path.write_bytes(raw[:at] + b"\x00" + raw[at + 1 :])
    with Store.open(council) as store:
        assert any("what the cases make due was damaged" in n for n in store.engine.notices)
        assert store.engine.derived == {}
        assert len(store.cases()) == 400 and len(store.people()) > 0
        store.save_person(replace(store.people()[0], notes="after the damage"))
        store.engine.wait_background()
        store.save_person(replace(store.people()[0], notes="and again"))
    assert saved(council) is not None


def test_damage_in_a_table_is_still_refused(council):
    path = council / "council.json"
    raw = path.read_bytes()
    at = raw.index(b'"cases":') + 20
    path.write_bytes(raw[:at] + b"\x00" + raw[at + 1 :])
    with pytest.raises(StoreDamaged, match="council.json is damaged"):
        Store.open(council, read_only=True)
