"""The data folder: create/open/close, modes, the single-writer lock, read-only opening,
damaged files, torn appends, migration, checkpoints, transactions, evidence and backups."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from datetime import date
from pathlib import Path

import orjson
import pytest

from parishclerk.domain.codec import InvalidData
from parishclerk.domain.records import (
    Case,
    Council,
    Person,
    Procedure,
    Reminder,
    Role,
    Status,
    Subject,
)
from parishclerk.store import backup as bk
from parishclerk.store import engine as engine_mod
from parishclerk.store.errors import (
    NoCouncil,
    NotFound,
    ReadOnly,
    StoreDamaged,
    StoreError,
    StoreLocked,
)
from parishclerk.store.journal import iter_entries
from parishclerk.store.repository import Store
from tests.store.store_helpers import FIXTURES, files_of, members, mode, person, verify_chain

# -- create, open, close ------------------------------------------------------------------------


def test_create_then_open(folder):
    with Store.create(folder, Council("Little Wickham PC", principal_authority="Mid DC")) as s:
        s.save_person(person(1))
    with Store.open(folder) as s:
        assert s.council().name == "Little Wickham PC"
        assert s.council().principal_authority == "Mid DC"
        assert [p.id for p in s.people()] == ["p1"]
        assert s.person("p1").name == "Person 1"
    assert verify_chain(folder) == 2  # the council, then the person


def test_open_of_an_empty_folder(tmp_path):
    with pytest.raises(NoCouncil, match="holds no council"):
        Store.open(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_a_folder_holding_a_council(store, folder):
    store.close()
    before = files_of(folder)
    with pytest.raises(StoreDamaged, match="already holds a council"):
        Store.create(folder, Council("Another"))
    assert files_of(folder) == before


def test_create_checks_the_council(folder):
    with pytest.raises(InvalidData) as err:
        Store.create(folder, Council("   "))
    assert err.value.path == "council.name"


def test_file_modes(store, folder, tmp_path):
    store.save_person(person(1))
    src = tmp_path / "shot.png"
    src.write_bytes(b"png")
    src.chmod(0o644)
    store.open_case(
        Case(
            "SM-2026-001",
            date(2026, 1, 5),
            "Clerk",
            Subject(person="p1"),
            Procedure.CODE_OF_CONDUCT,
        )
    )
    store.add_evidence("SM-2026-001", src, captured=date(2026, 1, 5), by="Clerk", kind="screenshot")
    bk.automatic_backup(folder)
    assert mode(folder) == 0o700
    for name, (m, data) in files_of(folder).items():
        assert m == (0o700 if data is None else 0o600), name
    assert {"council.json", "audit.jsonl", ".lock"} <= set(os.listdir(folder))


def test_folder_mode_is_fixed_even_when_it_exists(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    Store.create(folder, Council("X")).close()
    assert mode(folder) == 0o700


def test_records_not_found(store):
    with pytest.raises(NotFound):
        store.person("nobody")
    with pytest.raises(NotFound):
        store.delete_reminder("r9")


# -- one writer ---------------------------------------------------------------------------------


def test_second_writer_in_the_same_process_is_refused(store, folder):
    with pytest.raises(StoreLocked) as err:
        Store.open(folder)
    assert str(os.getpid()) in str(err.value) and "--read-only" in str(err.value)
    store.close()
    Store.open(folder).close()  # free again once closed


HOLD = textwrap.dedent("""
    import sys, time
    from parishclerk.store.repository import Store
    s = Store.open(sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
""")
TRY = textwrap.dedent("""
    import sys
    from parishclerk.store.errors import StoreLocked
    from parishclerk.store.repository import Store
    try:
        Store.open(sys.argv[1]).close()
    except StoreLocked as exc:
        print(exc)
        sys.exit(3)
""")


def test_second_writer_in_another_process_is_refused(store, folder):
    done = subprocess.run(
        [sys.executable, "-c", TRY, str(folder)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 3, done.stderr
    assert f"process {os.getpid()}" in done.stdout
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", TRY, str(folder)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr


def test_lock_of_a_killed_process_does_not_block(store, folder):
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=f"process {holder.pid}"):
            Store.open(folder)
        # a reader is still welcome while the writer holds the folder
        with Store.open(folder, read_only=True) as reader:
            assert reader.council().name == "Test Parish Council"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close()
    assert (folder / ".lock").exists()  # left behind, but the kernel dropped the flock
    with Store.open(folder) as s:
        s.save_person(person(1))


# -- read-only ----------------------------------------------------------------------------------


def test_read_only_never_writes(store, folder):
    store.save_person(person(1))
    store.close()
    (folder / ".lock").unlink()
    before = files_of(folder)
    with Store.open(folder, read_only=True) as ro:
        assert ro.read_only
        assert [p.id for p in ro.people()] == ["p1"]
        ro.snapshot()
        for write in (
            lambda: ro.save_person(person(2)),
            lambda: ro.save_council(Council("Changed")),
            lambda: ro.delete_person("p1"),
            lambda: ro.save_reminder(Reminder("r1", "R", date(2026, 1, 1))),
        ):
            with pytest.raises(ReadOnly, match="read-only"):
                write()
        with pytest.raises(ReadOnly):
            ro.engine.commit([{"op": "put", "table": "people", "id": "x", "after": {}}])
        with pytest.raises(ReadOnly):
            with ro.transaction():
                ro.save_person(person(3))
    assert files_of(folder) == before
    assert not (folder / ".lock").exists()


def test_read_only_leaves_a_torn_tail_alone(store, folder):
    store.save_person(person(1))
    store.close()
    with open(folder / "audit.jsonl", "ab") as fh:
        fh.write(b'{"seq": 3, "at": "2026-')
    before = files_of(folder)
    with Store.open(folder, read_only=True) as ro:
        assert [p.id for p in ro.people()] == ["p1"]
    assert files_of(folder) == before


# -- damaged files ------------------------------------------------------------------------------


def crash(store: Store) -> None:
    """Let go of the folder as a killed process would: no checkpoint on the way out."""
    assert store.engine._journal is not None
    store.engine._journal.close()
    store.engine._lock.release()


def damage_truncated(folder):
    raw = (folder / "council.json").read_bytes()
    (folder / "council.json").write_bytes(raw[: len(raw) // 2])


def damage_not_json(folder):
    (folder / "council.json").write_bytes(b"This is not JSON at all\n")


def damage_empty(folder):
    (folder / "council.json").write_bytes(b"")


def damage_not_an_object(folder):
    (folder / "council.json").write_bytes(b"[1, 2, 3]")


def damage_no_meta(folder):
    doc = orjson.loads((folder / "council.json").read_bytes())
    del doc["_meta"]
    (folder / "council.json").write_bytes(orjson.dumps(doc))


def damage_too_new(folder):
    doc = orjson.loads((folder / "council.json").read_bytes())
    doc["_meta"]["store"]["schema"] = 99
    (folder / "council.json").write_bytes(orjson.dumps(doc))


def damage_bad_schema(folder):
    doc = orjson.loads((folder / "council.json").read_bytes())
    doc["_meta"]["store"]["schema"] = "two"
    (folder / "council.json").write_bytes(orjson.dumps(doc))


def damage_audit_middle(folder):
    lines = (folder / "audit.jsonl").read_bytes().split(b"\n")
    lines[2] = b"#garbled#" + lines[2][9:]
    (folder / "audit.jsonl").write_bytes(b"\n".join(lines))


def damage_audit_altered(folder):
    """A valid JSON line whose content was changed: the next line's ``prev`` no longer fits."""
    lines = (folder / "audit.jsonl").read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"Person 1", b"Person X")
    (folder / "audit.jsonl").write_bytes(b"\n".join(lines))


def damage_audit_line_removed(folder):
    lines = (folder / "audit.jsonl").read_bytes().split(b"\n")
    del lines[2]
    (folder / "audit.jsonl").write_bytes(b"\n".join(lines))


def damage_audit_missing(folder):
    (folder / "audit.jsonl").unlink()
    doc = orjson.loads((folder / "council.json").read_bytes())
    doc["_meta"]["store"]["audit_offset"] = 10  # the snapshot says the log has history
    (folder / "council.json").write_bytes(orjson.dumps(doc))


def damage_audit_short(folder):
    doc = orjson.loads((folder / "council.json").read_bytes())
    doc["_meta"]["store"]["audit_offset"] = (folder / "audit.jsonl").stat().st_size + 100
    (folder / "council.json").write_bytes(orjson.dumps(doc))


@pytest.mark.parametrize(
    "damage,words",
    [
        (damage_truncated, ["council.json is damaged", "not valid JSON", "restore a backup"]),
        (damage_not_json, ["council.json is damaged", "not valid JSON", "has not been changed"]),
        (damage_empty, ["council.json is damaged"]),
        (damage_not_an_object, ["council.json is damaged"]),
        (damage_no_meta, ["council.json is damaged", "missing"]),
        (damage_too_new, ["newer parishclerk", "schema 99", "upgrade"]),
        (damage_bad_schema, ["schema version 'two' is not valid"]),
        (damage_audit_middle, ["audit.jsonl is damaged at byte", "entry 3", "restore a backup"]),
        (damage_audit_altered, ["audit.jsonl is damaged", "entry 3"]),
        (damage_audit_line_removed, ["audit.jsonl is damaged", "entry 3"]),
        (damage_audit_missing, ["audit.jsonl is missing", "restore a backup"]),
        (damage_audit_short, ["shorter than the store expects"]),
    ],
)
def test_damaged_files_stop_the_store_and_stay_as_they_were(store, folder, damage, words):
    for i in range(1, 5):
        store.save_person(person(i))
    crash(store)  # the journal's lines since the last checkpoint are read again on open
    damage(folder)
    before = files_of(folder)
    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as err:
            Store.open(folder, read_only=read_only)
        msg = str(err.value)
        for w in words:
            assert w in msg, msg
        assert "\n" not in msg and "Traceback" not in msg
    after = files_of(folder)
    after.pop(".lock", None)
    before.pop(".lock", None)
    assert after == before
    # and the lock was let go: a repaired folder opens again
    assert not (folder / ".lock").exists() or _lock_is_free(folder)


def _lock_is_free(folder: Path) -> bool:
    import fcntl

    fd = os.open(folder / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


# -- torn appends -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "torn",
    [
        b'{"seq": 6, "at": "2026-01-0',  # cut mid-line, no newline
        b'{"seq": 6, "at": "2026-01-01T00:00:00", "changes": [], "prev": "0"}',  # whole, no newline
        b"\x00\x00\x00\x00",  # zeros from a crash
    ],
)
def test_torn_last_line_is_set_aside(store, folder, torn):
    for i in range(1, 5):
        store.save_person(person(i))
    store.close()
    good = (folder / "audit.jsonl").read_bytes()
    (folder / "audit.jsonl").write_bytes(good + torn)
    with Store.open(folder) as s:
        assert [p.id for p in s.people()] == ["p1", "p2", "p3", "p4"]
        (notice,) = s.notices  # opening says so, and where it was kept
        kept = list(folder.glob("audit.torn-*"))
        assert "never reported saved" in notice and str(kept[0]) in notice
        s.save_person(person(5))
    kept = list(folder.glob("audit.torn-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == torn and mode(kept[0]) == 0o600
    assert (folder / "audit.jsonl").read_bytes().startswith(good)
    assert verify_chain(folder) == 6
    with Store.open(folder) as s:
        assert len(s.people()) == 5


def test_a_damaged_last_line_that_was_acknowledged_is_never_dropped(store, folder):
    """Issue 8 item 3: a complete (newline-ended, so fsync'd and reported saved) last line
    that is damaged stops writing, says what is lost and where it is, and is kept."""
    store.save_person(person(1))
    store.save_person(person(2))
    store.close()
    audit = folder / "audit.jsonl"
    raw = audit.read_bytes()
    cut = raw.rstrip(b"\n").rfind(b"\n") + 1
    last = orjson.loads(raw[cut:])
    flipped = last["prev"][:-1] + ("0" if last["prev"][-1] != "0" else "1")
    audit.write_bytes(raw[:cut] + raw[cut:].replace(last["prev"].encode(), flipped.encode()))
    before = files_of(folder)
    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as err:
            Store.open(folder, read_only=read_only)
        words = str(err.value)
        assert "entry 3" in words and "people.p2" in words and f"byte {cut}" in words
        assert "parishclerk check" in words and "restore" in words
    assert files_of(folder) == before  # nothing set aside, nothing cut off


def test_a_garbled_last_line_is_not_treated_as_torn(store, folder):
    store.save_person(person(1))
    store.close()
    with open(folder / "audit.jsonl", "ab") as fh:
        fh.write(b'{"seq": 3, "garbage\n')
    with pytest.raises(StoreDamaged, match="entry 3, a change that was saved .not readable."):
        Store.open(folder)
    assert not list(folder.glob("audit.torn-*"))


def test_a_tail_of_nul_bytes_is_a_torn_write(store, folder):
    store.save_person(person(1))
    store.close()
    with open(folder / "audit.jsonl", "ab") as fh:
        fh.write(b"\0" * 300 + b"\n" + b"\0" * 20)
    with Store.open(folder) as s:
        assert [p.id for p in s.people()] == ["p1"]
        assert any("set aside" in line for line in s.notices)
        s.save_person(person(2))
    assert verify_chain(folder) == 3


# -- migration ----------------------------------------------------------------------------------


def schema1(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    folder.mkdir(mode=0o700)
    shutil.copy(FIXTURES / "schema1" / "council.json", folder / "council.json")
    return folder


def test_migration_from_schema_1(tmp_path):
    folder = schema1(tmp_path)
    original = (folder / "council.json").read_bytes()
    with Store.open(folder) as s:
        people = {p.id: p for p in s.people()}
        assert people["p1"].email == "edith@oldmill-pc.example"
        assert people["p2"].email is None and people["p3"].email is None  # "" becomes null
        assert all(p.interests_registered is None for p in people.values())
        assert people["p2"].notes == "Elected May 2023"
        assert s.council().name == "Old Mill Parish Council"
        assert [a.key for a in s.acknowledgements()] == ["p1@sm-1@2024-05-20"]
        assert list(s.engine.table("acknowledgements")) == ["p1@sm-1@2024-05-20"]
        s.save_person(person(9))
    doc = orjson.loads((folder / "council.json").read_bytes())
    assert doc["_meta"]["store"]["schema"] == 3
    assert "contact" not in doc["people"]["p1"]
    # a backup of the old file was taken first
    (backup,) = (folder / "backups").glob("before-migration-1-*.zip")
    assert members(backup)["council.json"] == original
    # the migration is in the audit log, and the chain holds
    entries = [orjson.loads(line) for _, line in iter_entries(folder / "audit.jsonl")]
    assert entries[0]["changes"][0] == {"op": "migrate", "from": 1, "to": 3}
    changed = [c for c in entries[0]["changes"][1:] if c["table"] == "people"]
    assert changed and all("email" in c["after"] and "contact" not in c["after"] for c in changed)
    with Store.open(folder) as s:  # opening again does not migrate again
        assert len(s.people()) == 4
    assert len(list((folder / "backups").glob("before-migration-*"))) == 1


def test_read_only_open_of_an_old_schema_migrates_in_memory_only(tmp_path):
    folder = schema1(tmp_path)
    before = files_of(folder)
    with Store.open(folder, read_only=True) as s:
        assert s.person("p1").email == "edith@oldmill-pc.example"
    assert files_of(folder) == before


# -- checkpoints --------------------------------------------------------------------------------


def test_checkpoint_after_many_writes_then_reopen(store, folder, monkeypatch):
    monkeypatch.setattr(engine_mod, "CHECKPOINT_MIN", 4096)
    expected: dict[str, Person] = {}
    for i in range(300):
        p = person(i, notes=f"note {i}")
        store.save_person(p)
        expected[p.id] = p
        if i % 7 == 3:
            store.delete_person(f"p{i - 1}")
            del expected[f"p{i - 1}"]
    meta = orjson.loads((folder / "council.json").read_bytes())["_meta"]["store"]
    assert meta["audit_offset"] > 0 and meta["audit_seq"] > 100  # checkpoints happened
    assert meta["audit_offset"] < (folder / "audit.jsonl").stat().st_size  # and a tail since
    store.close()
    with Store.open(folder) as s:
        assert {p.id: p for p in s.people()} == expected
    verify_chain(folder)


def test_explicit_checkpoint_then_reopen(store, folder):
    with store.transaction():
        for i in range(200):  # over the bulk threshold: applied straight to the tables
            store.save_person(person(i))
    store.delete_person("p5")
    store.engine.checkpoint()
    store.save_person(person("after"))
    data = store.snapshot()
    store.close()
    with Store.open(folder) as s:
        assert s.snapshot() == data
        assert len(s.people()) == 200
    verify_chain(folder)


# -- transactions -------------------------------------------------------------------------------


def test_transaction_is_all_or_nothing(store, folder):
    store.save_person(person(1))
    audit = (folder / "audit.jsonl").read_bytes()
    snapshot = (folder / "council.json").read_bytes()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_person(person(2))
            store.save_person(person(1, notes="changed"))
            store.delete_person("p1")
            raise RuntimeError("the clerk pressed escape")
    with pytest.raises(InvalidData):
        with store.transaction():
            store.save_person(person(3))
            store.save_person(Person("p4", "", Role.CLERK, date(2020, 1, 1)))  # no name
    assert (folder / "audit.jsonl").read_bytes() == audit
    assert (folder / "council.json").read_bytes() == snapshot
    assert [(p.id, p.notes) for p in store.people()] == [("p1", "")]
    store.close()
    with Store.open(folder) as s:
        assert [p.id for p in s.people()] == ["p1"]


def test_transaction_is_one_audit_entry(store, folder):
    n = verify_chain(folder)
    with store.transaction():
        store.save_person(person(1))
        store.save_person(person(2))
        with store.transaction():  # nested: part of the same entry
            store.save_reminder(Reminder("r1", "AGM", date(2026, 5, 12)))
        assert store._get("people", "p2").id == "p2"  # staged writes are visible to gets
    assert verify_chain(folder) == n + 1
    *_, (_, last) = iter_entries(folder / "audit.jsonl")
    entry = orjson.loads(last)
    assert [(c["op"], c["table"], c["id"]) for c in entry["changes"]] == [
        ("put", "people", "p1"),
        ("put", "people", "p2"),
        ("put", "reminders", "r1"),
    ]
    assert entry["changes"][0]["before"] is None


def test_audit_entry_keeps_before_and_after(store, folder):
    store.save_person(person(1))
    store.save_person(person(1, notes="moved away"))
    store.delete_person("p1")
    lines = [orjson.loads(line) for _, line in iter_entries(folder / "audit.jsonl")]
    update, delete = lines[-2]["changes"][0], lines[-1]["changes"][0]
    assert update["before"]["notes"] == "" and update["after"]["notes"] == "moved away"
    assert delete["op"] == "delete" and delete["before"]["notes"] == "moved away"
    assert delete["after"] is None


def test_case_moves_are_stored_with_events(store, folder):
    store.save_person(person(1, role=Role.CLERK))
    ref = store.new_reference(2026)
    store.open_case(
        Case(
            ref,
            date(2026, 1, 5),
            "Resident",
            Subject(person="p1"),
            Procedure.DISCIPLINARY,
            categories=["personal_data"],
        )
    )
    store.move(ref, Status.INVESTIGATION, date(2026, 1, 6))
    store.move(ref, Status.DECIDED, date(2026, 2, 1), outcome="warning")
    closed = store.move(ref, Status.CLOSED, date(2026, 2, 2))
    assert closed.retain_until is None  # still employed
    store.close()
    with Store.open(folder) as s:
        events = s.events(ref)
        assert [e.status for e in events] == [
            Status.RECEIVED,
            Status.INVESTIGATION,
            Status.DECIDED,
            Status.CLOSED,
        ]
        assert [e.seq for e in events] == [1, 2, 3, 4]
        assert s.case(ref).outcome == "warning"
        assert s.new_reference(2026) == "SM-2026-002"


# -- evidence -----------------------------------------------------------------------------------


def test_evidence_is_stored_by_hash_and_the_source_is_untouched(store, folder, tmp_path):
    import hashlib

    store.save_person(person(1))
    for n in (1, 2):
        store.open_case(
            Case(
                f"SM-2026-00{n}",
                date(2026, 1, 5),
                "Clerk",
                Subject(person="p1"),
                Procedure.CODE_OF_CONDUCT,
            )
        )
    src = tmp_path / "screenshot of post.png"
    body = os.urandom(5000)
    src.write_bytes(body)
    os.utime(src, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    src.chmod(0o640)
    before = (src.stat().st_mtime_ns, src.stat().st_mode, src.stat().st_ino)
    item = store.add_evidence(
        "SM-2026-001",
        src,
        captured=date(2026, 1, 5),
        by="Clerk",
        kind="screenshot",
        description="The post",
    )
    sha = hashlib.sha256(body).hexdigest()
    assert item.sha256 == sha and item.size == 5000 and item.name == "screenshot of post.png"
    stored = folder / "evidence" / sha
    assert stored.read_bytes() == body and mode(stored) == 0o600
    assert store.evidence_file(item) == stored
    assert src.read_bytes() == body
    assert (src.stat().st_mtime_ns, src.stat().st_mode, src.stat().st_ino) == before
    # the same file for another case is stored once
    store.add_evidence("SM-2026-002", src, captured=date(2026, 1, 6), by="Clerk", kind="copy")
    assert os.listdir(folder / "evidence") == [sha]
    assert [e.kind for e in store.events("SM-2026-001")] == ["received", "evidence"]
    with pytest.raises(StoreError, match="no such file"):
        store.add_evidence(
            "SM-2026-001",
            tmp_path / "gone.png",
            captured=date(2026, 1, 5),
            by="Clerk",
            kind="screenshot",
        )
    with pytest.raises(StoreError, match="is a folder"):
        store.add_evidence(
            "SM-2026-001", tmp_path, captured=date(2026, 1, 5), by="Clerk", kind="screenshot"
        )
    verify_chain(folder)


# -- backups ------------------------------------------------------------------------------------


@pytest.fixture
def demo_folder(tmp_path):
    from parishclerk import demo

    folder = tmp_path / "demo"
    demo.install(folder, date(2026, 11, 23)).close()
    return folder


def test_backup_and_restore(demo_folder, tmp_path):
    with Store.open(demo_folder, read_only=True) as s:
        data = s.snapshot()
    (tmp_path / "out").mkdir()
    dest = bk.make_backup(demo_folder, tmp_path / "out" / "backup.zip")
    assert mode(dest) == 0o600
    held = members(dest)
    evidence = sorted(n for n in held if n.startswith("evidence/"))
    assert len(evidence) == 5
    assert held["council.json"] == (demo_folder / "council.json").read_bytes()
    assert held["audit.jsonl"] == (demo_folder / "audit.jsonl").read_bytes()
    with Store.open(demo_folder, read_only=True) as s:
        head = s.engine.head
    assert orjson.loads(held["parishclerk-backup.json"])["audit_head"] == head
    assert bk.check_backup(dest)["_meta"]["store"]["schema"] == 3
    target = tmp_path / "restored"
    bk.restore_into(dest, target)
    with Store.open(target) as s:
        assert s.snapshot() == data
    verify_chain(target)
    assert mode(target) == 0o700


def test_restore_refuses_a_damaged_snapshot(tmp_path):
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("parishclerk-backup.json", "{}")
        zf.writestr("council.json", "{nope")
        zf.writestr("audit.jsonl", "")
    with pytest.raises(StoreDamaged, match="the council in the backup is damaged"):
        bk.check_backup(path)


def test_restore_refuses_evidence_that_does_not_match_its_name(demo_folder, tmp_path):
    dest = bk.make_backup(demo_folder, tmp_path / "backup.zip")
    held = members(dest)
    name = next(n for n in held if n.startswith("evidence/"))
    with zipfile.ZipFile(tmp_path / "altered.zip", "w") as zf:
        for member, data in held.items():
            zf.writestr(member, b"altered" if member == name else data)
    with pytest.raises(StoreDamaged, match="does not match its SHA-256"):
        bk.restore_into(tmp_path / "altered.zip", tmp_path / "restored")


@pytest.mark.parametrize(
    "make,words",
    [
        (lambda p: p.write_bytes(b"not a zip"), "is not a readable backup"),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr("council.json", "{}"),
            "not a parishclerk backup",
        ),
        (lambda p: None, "no such file"),
    ],
)
def test_read_backup_refuses_other_files(tmp_path, make, words):
    path = tmp_path / "b.zip"
    make(path)
    with pytest.raises(StoreError, match=words):
        bk.check_backup(path)


def test_read_backup_refuses_unsafe_names(tmp_path):
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("parishclerk-backup.json", "{}")
        zf.writestr("council.json", "{}")
        zf.writestr("../../etc/evil", "x")
    with pytest.raises(StoreError, match="unsafe name"):
        bk.check_backup(path)


def test_daily_backup_before_the_first_write(store, folder):
    store.save_person(person(1))
    assert not (folder / "backups").exists()  # a new council has nothing to back up
    store.close()
    with Store.open(folder) as s:
        s.save_person(person(2))
        s.save_person(person(3))
    (auto,) = (folder / "backups").glob("auto-*.zip")
    held = members(auto)
    assert b'"p1"' in held["audit.jsonl"] and b'"p2"' not in held["audit.jsonl"]
    with Store.open(folder) as s:  # one a day
        s.save_person(person(4))
    assert len(list((folder / "backups").glob("auto-*.zip"))) == 1


def test_automatic_backups_rotate(store, folder):
    for i in range(bk.KEEP_AUTOMATIC + 3):
        name = folder / "backups" / f"auto-20200101-0000{i:02d}.zip"
        name.parent.mkdir(exist_ok=True)
        name.write_bytes(b"old")
    bk.automatic_backup(folder)
    autos = sorted((folder / "backups").glob("auto-*.zip"))
    assert len(autos) == bk.KEEP_AUTOMATIC
    assert members(autos[-1])["council.json"]


def test_shipped_catalogue_matches_the_fixed_identifiers():
    from parishclerk.domain.categories import DEFAULT_CATEGORIES
    from parishclerk.store.repository import shipped_categories

    assert shipped_categories() == DEFAULT_CATEGORIES


def test_check_after_migration_finds_nothing(tmp_path):
    import shutil
    from pathlib import Path

    from parishclerk.store.check import check_folder
    from parishclerk.store.repository import Store

    fixture = Path(__file__).parent.parent / "fixtures" / "schema1"
    folder = tmp_path / "old"
    shutil.copytree(fixture, folder)
    Store.open(folder).close()
    assert check_folder(folder) == []


def test_check_names_a_field_of_the_wrong_type(tmp_path):
    import orjson

    from parishclerk import demo
    from parishclerk.store.check import check_folder

    folder = tmp_path / "c"
    with demo.install(folder) as s:
        s.engine.checkpoint()
    path = folder / "council.json"
    doc = orjson.loads(path.read_bytes())
    doc["people"]["p1"]["name"] = 7
    path.write_bytes(orjson.dumps(doc))
    problems = check_folder(folder)
    assert any("people.p1.name: expected text" in p for p in problems)


def test_stale_temporary_files_are_cleared_on_open(tmp_path):
    from parishclerk import demo
    from parishclerk.store.repository import Store

    folder = tmp_path / "c"
    demo.install(folder).close()
    stale = folder / ".council.json.999.tmp"
    stale.write_bytes(b"half")
    Store.open(folder).close()
    assert not stale.exists()


def test_a_failed_append_leaves_no_garbage_before_the_next_write(tmp_path, monkeypatch):
    import errno
    import os as os_module
    from datetime import date

    import pytest

    from parishclerk.domain.records import Council, Person, Role
    from parishclerk.store.repository import Store

    folder = tmp_path / "c"
    store = Store.create(folder, Council(name="Test PC"))
    real_write = os_module.write
    calls = {"n": 0}

    def failing_write(fd, data):
        calls["n"] += 1
        if calls["n"] == 1:
            real_write(fd, bytes(data[:40]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OSError):
        store.save_person(Person("p1", "Lost", Role.CLERK, date(2026, 1, 1)))
    monkeypatch.setattr(os, "write", real_write)
    store.save_person(Person("p2", "Kept", Role.CLERK, date(2026, 1, 1)))
    assert store.engine._journal is not None
    store.engine._journal.close()  # a crash: no checkpoint
    store.engine._lock.release()
    reopened = Store.open(folder)
    assert [p.name for p in reopened.people()] == ["Kept"]
    reopened.close()


def test_disposal_keeps_a_file_that_is_also_a_policy_document(tmp_path):
    from datetime import date

    from parishclerk import demo
    from parishclerk.domain.records import Status
    from parishclerk.store.check import check_folder

    folder = tmp_path / "c"
    store = demo.install(folder, date(2026, 11, 23))
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(b"%PDF the adopted policy")
    store.attach_document(store.version("sm-2"), pdf)
    store.add_evidence("SM-2026-006", pdf, captured=date(2026, 11, 20), by="Clerk", kind="document")
    store.move("SM-2026-006", Status.ACTIONED, date(2026, 11, 21), outcome="removed")
    store.move("SM-2026-006", Status.CLOSED, date(2026, 11, 22))
    store.dispose_case("SM-2026-006", date(2026, 11, 23), "disposed")
    store.close()
    assert check_folder(folder) == []


def test_check_says_an_old_folder_needs_opening_not_that_it_was_altered(tmp_path):
    import shutil
    from pathlib import Path

    from parishclerk.store.check import check_folder

    folder = tmp_path / "old"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "schema1", folder)
    (problem,) = check_folder(folder)
    assert "schema 1" in problem and "open it once" in problem


def test_acknowledgements_are_kept_as_evidence(tmp_path):
    """A second record of the same version is refused; a yearly re-acknowledgement is a record
    of its own; a correction replaces only the latest, on purpose."""
    from datetime import date

    import pytest

    from parishclerk import demo
    from parishclerk.domain.records import Acknowledgement
    from parishclerk.store.errors import Conflict
    from parishclerk.store.repository import Store

    folder = tmp_path / "c"
    demo.install(folder, date(2026, 11, 23)).close()
    with Store.open(folder) as store:
        first = store.acknowledgement("p1", "sm-2")
        with pytest.raises(Conflict, match="already acknowledged version 2025"):
            store.record_acknowledgement(Acknowledgement("p1", "sm-2", date(2026, 11, 23)))
        assert store.acknowledgement("p1", "sm-2") == first
        # the data protection policy is re-acknowledged yearly: last year's record stays
        store.record_acknowledgement(Acknowledgement("p1", "dp-1", date(2026, 11, 23), "email"))
        assert [a.on for a in store.acknowledgements_of("p1", "dp-1")][-1] == date(2026, 11, 23)
        assert len(store.acknowledgements_of("p1", "dp-1")) == 2
        # a correction replaces the latest only
        store.record_acknowledgement(
            Acknowledgement("p1", "dp-1", date(2026, 11, 22), "at meeting"), replace_existing=True
        )
        ons = [a.on for a in store.acknowledgements_of("p1", "dp-1")]
        assert len(ons) == 2 and ons[-1] == date(2026, 11, 22)
    from parishclerk.store.check import check_folder

    assert check_folder(folder) == []
