"""Issue 8, the store's side: each hole a hostile tester found, closed and proved.

The command line runs in this process (``cli.main``) so the tests stay quick; the kill and race
tests start real processes."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from parishclerk import cli
from parishclerk.domain.records import Council
from parishclerk.store import backup as bk
from parishclerk.store import platform, swap
from parishclerk.store.check import check_folder
from parishclerk.store.errors import StoreDamaged, StoreError, StoreLocked
from parishclerk.store.repository import Store
from tests.store.store_helpers import files_of, person, verify_chain

TODAY = date(2026, 11, 23)


class Killed(BaseException):
    """Stands for SIGKILL at a chosen moment: nothing after it runs."""


@pytest.fixture(autouse=True)
def _home(isolated_home):
    return isolated_home


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from parishclerk import demo

    folder = tmp_path_factory.mktemp("demo") / "council"
    demo.install(folder, TODAY).close()
    return folder


@pytest.fixture
def demo_dir(tmp_path, demo_template) -> Path:
    import shutil

    folder = tmp_path / "council"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def main(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def exported(demo_dir: Path, where: Path) -> Path:
    """The demo council as an interchange file with its evidence beside it."""
    where.mkdir(exist_ok=True)
    doc = where / "council.json"
    with contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(
            ["--data-dir", str(demo_dir), "export", "council", "-o", str(doc), "--evidence"]
        )
    assert code == 0
    return doc


# -- item 1: evidence brought in only as regular files with the recorded SHA-256 ---------------


def test_import_refuses_a_symlinked_evidence_file(capsys, demo_dir, tmp_path):
    doc = exported(demo_dir, tmp_path / "x")
    victim = tmp_path / "secret.txt"
    victim.write_bytes(b"root:secret\n")
    target = sorted((tmp_path / "x" / "evidence").iterdir())[0]
    target.unlink()
    target.symlink_to(victim)
    new = tmp_path / "new"
    code, _, err = main(capsys, "--data-dir", new, "import", "council", doc)
    assert code == 1
    assert "is a link" in err and target.name in err and "case SM-" in err
    assert err.count("\n") == 1
    # nothing copied: the folder holds no council and no evidence file
    assert not (new / "council.json").exists()
    assert not list(new.rglob("evidence/*"))
    assert not list(tmp_path.glob(".new.*"))


def test_import_refuses_evidence_whose_hash_differs(capsys, demo_dir, tmp_path):
    doc = exported(demo_dir, tmp_path / "x")
    target = sorted((tmp_path / "x" / "evidence").iterdir())[0]
    target.write_bytes(b"not what was recorded")
    new = tmp_path / "new"
    code, _, err = main(capsys, "--data-dir", new, "import", "council", doc)
    assert code == 1 and "SHA-256" in err and target.name in err and "nothing was imported" in err
    assert not (new / "council.json").exists()


def test_import_replace_keeps_the_old_council_when_evidence_is_refused(capsys, demo_dir, tmp_path):
    doc = exported(demo_dir, tmp_path / "x")
    (sorted((tmp_path / "x" / "evidence").iterdir())[0]).write_bytes(b"altered")
    before = files_of(demo_dir)
    code, _, err = main(capsys, "--data-dir", demo_dir, "import", "council", doc, "--replace")
    assert code == 1 and "SHA-256" in err
    after = files_of(demo_dir)
    # the folder is as it was but for the backup taken before replacing and the lock file
    assert {k: v for k, v in after.items() if not k.startswith(("backups", ".lock"))} == {
        k: v for k, v in before.items() if not k.startswith(("backups", ".lock"))
    }


def test_import_refuses_a_symlinked_evidence_folder(capsys, demo_dir, tmp_path):
    doc = exported(demo_dir, tmp_path / "x")
    (tmp_path / "x" / "evidence").rename(tmp_path / "elsewhere")
    (tmp_path / "x" / "evidence").symlink_to(tmp_path / "elsewhere")
    code, _, err = main(capsys, "--data-dir", tmp_path / "new", "import", "council", doc)
    assert code == 1 and "is a link to a folder" in err


def test_a_policy_document_must_be_a_regular_file(tmp_path):
    from parishclerk.domain.records import Policy, PolicyVersion, Role

    with Store.create(tmp_path / "c", Council("Doc PC")) as store:
        store.save_policy(Policy("sm", "Social Media Policy", [Role.COUNCILLOR]))
        version = PolicyVersion("sm-1", "sm", "1", date(2026, 1, 1))
        store.save_version(version)
        (tmp_path / "real.pdf").write_bytes(b"%PDF")
        (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
        with pytest.raises(StoreError, match="is a link"):
            store.attach_document(version, tmp_path / "link.pdf")
        assert (
            store.attach_document(version, tmp_path / "real.pdf").sha256
            == hashlib.sha256(b"%PDF").hexdigest()
        )


# -- item 2: every command that writes takes the lock first -------------------------------------


def test_restore_into_a_new_folder_waits_for_nobody_and_is_refused_while_locked(
    capsys, demo_dir, tmp_path
):
    backup = bk.make_backup(demo_dir, tmp_path / "b.zip")
    new = tmp_path / "new"
    with swap.locked(new):  # an import of a new council in progress
        code, _, err = main(capsys, "--data-dir", new, "restore", backup)
        assert code == 1 and "open in another copy" in err and str(os.getpid()) in err
        code, _, err = main(capsys, "--data-dir", new, "init", "--council", "Other PC")
        assert code == 1 and "open in another copy" in err
    assert not (new / "council.json").exists()


RACE = 3


def test_import_and_restore_racing_on_a_new_folder(demo_dir, tmp_path):
    """Started together on a new folder, exactly one succeeds; the other is refused and the
    folder holds the winner's council, never a silent replacement."""
    doc = exported(demo_dir, tmp_path / "x")
    backup = bk.make_backup(demo_dir, tmp_path / "b.zip")
    env = {**os.environ}
    outcomes = []
    for n in range(RACE):
        new = tmp_path / f"race{n}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "parishclerk", "--data-dir", str(new), *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for args in (["import", "council", str(doc)], ["restore", str(backup)])
        ]
        results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]  # type: ignore[union-attr]
        for p in procs:
            p.stdout.close()  # type: ignore[union-attr]
            p.stderr.close()  # type: ignore[union-attr]
        codes = sorted(code for code, _ in results)
        assert codes == [0, 1], results
        loser = next(err for code, err in results if code == 1)
        assert "open in another copy" in loser or "already holds a council" in loser
        verify_chain(new)
        outcomes.append(results[0][0])
    assert len(outcomes) == RACE


# -- item 4: a switch that cannot leave neither -------------------------------------------------


def test_an_interrupted_switch_is_finished_on_the_next_open(
    capsys, demo_dir, tmp_path, monkeypatch
):
    with Store.open(demo_dir, read_only=True) as s:
        wanted = s.snapshot()
    backup = bk.make_backup(demo_dir, tmp_path / "b.zip")
    other = tmp_path / "other"
    with Store.create(other, Council("Other PC")) as s:
        s.save_person(person(1))
    real = os.rename
    calls = []

    def killed(src, dst):  # the process dies between the two renames
        calls.append((src, dst))
        if len(calls) == 2:
            raise Killed
        return real(src, dst)

    monkeypatch.setattr(os, "rename", killed)
    with pytest.raises(Killed):
        cli.main(["--data-dir", str(other), "restore", str(backup), "--replace"])
    monkeypatch.setattr(os, "rename", real)
    capsys.readouterr()
    assert not other.exists()  # neither in place...
    with Store.open(other) as s:  # ...until the next open puts the complete new one there
        assert s.snapshot() == wanted
    assert not list(tmp_path.glob(".other.*"))
    assert list((other / "backups").glob("before-restore-*.zip"))  # the old one is kept
    verify_chain(other)


def test_a_failed_build_leaves_the_old_council(capsys, demo_dir, tmp_path, monkeypatch):
    backup = bk.make_backup(demo_dir, tmp_path / "b.zip")
    other = tmp_path / "other"
    with Store.create(other, Council("Other PC")) as s:
        s.save_person(person(1))
    real = bk.restore_into

    def full(path, folder):
        real(path, folder)
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "council.json"))

    monkeypatch.setattr(bk, "restore_into", full)
    monkeypatch.setattr("parishclerk.commands.folders.restore_into", full)
    code, _, err = main(capsys, "--data-dir", other, "restore", backup, "--replace")
    assert code == 1 and "No space left on device" in err and "council.json" in err
    with Store.open(other) as s:
        assert s.council().name == "Other PC" and [p.id for p in s.people()] == ["p1"]
    assert not list(tmp_path.glob(".other.*"))


def test_a_folder_with_history_but_no_snapshot_is_damaged_not_empty(capsys, demo_dir, tmp_path):
    with Store.open(demo_dir) as s:
        s.save_person(person(99))  # makes the day's backup
    (newest,) = sorted((demo_dir / "backups").glob("auto-*.zip"))
    (demo_dir / "council.json").unlink()
    with pytest.raises(StoreDamaged, match="damaged, not empty") as err:
        Store.open(demo_dir)
    assert str(newest) in str(err.value)
    code, _, err_text = main(capsys, "--data-dir", demo_dir, "due")
    assert code == 1 and "damaged, not empty" in err_text and "holds no council" not in err_text
    code, _, err_text = main(capsys, "--data-dir", demo_dir, "init", "--council", "New PC")
    assert code == 1 and "init does not start afresh" in err_text
    code, _, err_text = main(capsys, "--data-dir", demo_dir, "restore", newest)
    assert code == 1 and "--replace" in err_text
    code, _, err_text = main(capsys, "--data-dir", demo_dir, "restore", newest, "--replace")
    assert code == 0, err_text
    verify_chain(demo_dir)
    assert (demo_dir / "backups" / newest.name).exists()  # backups carried over


# -- item 7: a full disk ------------------------------------------------------------------------


def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("name,role,joined\nSiân Llewellyn,councillor,4/5/2023\n", encoding="utf-8")
    return path


def test_disk_full_during_import_people_reports_nothing_done(
    capsys, demo_dir, tmp_path, monkeypatch
):
    csv = people_csv(tmp_path)
    before = files_of(demo_dir)
    real = platform.write_all

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(platform, "write_all", full)
    code, out, err = main(capsys, "--data-dir", demo_dir, "import", "people", csv)
    monkeypatch.setattr(platform, "write_all", real)
    assert code == 1
    assert "added" not in err and "No space left on device" in err and "audit.jsonl" in err
    assert err.count("\n") == 1
    assert files_of(demo_dir) == {k: v for k, v in before.items()} | {
        k: v for k, v in files_of(demo_dir).items() if k == ".lock"
    }


def test_a_failed_checkpoint_does_not_report_a_saved_write_as_failed(store, folder, monkeypatch):
    from parishclerk.store import engine, files

    monkeypatch.setattr(engine, "CHECKPOINT_MIN", 1)
    real = files.atomic_write_with

    def full(path, fill):
        if path.name == "council.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, fill)

    monkeypatch.setattr(files, "atomic_write_with", full)
    store.save_person(person(1))  # durable in the journal: no exception
    assert any("council.json: not rewritten" in n for n in store.notices)
    store.close()
    monkeypatch.setattr(files, "atomic_write_with", real)
    with Store.open(folder) as s:
        assert [p.id for p in s.people()] == ["p1"]


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def test_a_really_full_disk(tmp_path):
    """On a 2 MB tmpfs (where this machine lets us mount one): fill it, then every write
    command fails with a one-line message naming a file, exit 1, and the folder unchanged."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        folder = disk / "council"
        with Store.create(folder, Council("Full PC")) as s:
            for i in range(5):
                s.save_person(person(i))
        filler = disk / "filler"
        with open(filler, "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        # leave too little for a line of 150 kB
        before = files_of(folder)
        env = {**os.environ}
        csv = tmp_path / "p.csv"
        csv.write_text(
            "name,role,joined,notes\nMałgorzata,councillor,4/5/2023," + "n" * 9000 + "\n"
        )
        for args in (
            ["import", "people", str(csv)],
            ["restore", str(bk.make_backup(folder, tmp_path / "b.zip")), "--replace"],
            ["backup", "-o", str(disk / "b.zip")],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "parishclerk", "--data-dir", str(folder), *args],
                capture_output=True,
                text=True,
                env=env,
            )
            assert done.returncode == 1, (args, done.stderr)
            assert done.stderr.count("\n") == 1 and "No space left on device" in done.stderr
            assert "added" not in done.stderr and "Traceback" not in done.stderr
            after = files_of(folder)
            assert {k: v for k, v in after.items() if not k.startswith((".lock", "backups"))} == {
                k: v for k, v in before.items() if not k.startswith((".lock", "backups"))
            }, args
        filler.unlink()
        verify_chain(folder)
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


# -- smaller holes ------------------------------------------------------------------------------


def test_partial_evidence_copies_are_reported_then_cleaned(store, folder, tmp_path):
    src = tmp_path / "shot.png"
    src.write_bytes(b"png")
    from parishclerk.domain.records import Case, Procedure, Subject

    store.open_case(
        Case(
            "SM-2026-001",
            date(2026, 1, 2),
            "Clerk",
            Subject(name="A member"),
            Procedure.MODERATION,
            categories=["other"],
        )
    )
    store.add_evidence("SM-2026-001", src, captured=date(2026, 1, 2), by="Clerk", kind="screenshot")
    store.close()
    partial = folder / "evidence" / f".{'a' * 64}.12345.tmp"
    partial.write_bytes(b"half")
    stray = folder / "evidence" / ("b" * 64)
    stray.write_bytes(b"nobody's")
    problems = check_folder(folder)
    assert any(str(partial) in p and "partial copy" in p for p in problems)
    assert any(str(stray) in p and "no record refers to" in p for p in problems)
    with Store.open(folder):
        pass
    assert not partial.exists()  # cleaned on open, holding the lock
    assert [p for p in check_folder(folder) if "partial copy" in p] == []


def test_chain_head_is_shown_and_verified(capsys, demo_dir):
    with Store.open(demo_dir) as s:
        head = s.chain_head()
        assert len(head) == 12 and head == s.engine.head[:12]
    code, out, _ = main(capsys, "--data-dir", demo_dir, "check")
    assert code == 0 and f"Audit chain head: {head}" in out
    code, out, _ = main(capsys, "--data-dir", demo_dir, "check", "--head", head)
    assert code == 0
    # an edit to the last line that keeps it valid JSON and on the chain
    audit = demo_dir / "audit.jsonl"
    raw = audit.read_bytes()
    cut = raw.rstrip(b"\n").rfind(b"\n") + 1
    entry = orjson.loads(raw[cut:])
    entry["at"] = "2020-01-01T00:00:00"
    audit.write_bytes(raw[:cut] + orjson.dumps(entry) + b"\n")
    assert main(capsys, "--data-dir", demo_dir, "check")[0] == 0  # not seen without the head
    code, out, _ = main(capsys, "--data-dir", demo_dir, "check", "--head", head)
    assert code == 1 and head in out and "altered or removed" in out
    # a cut in the part not yet checkpointed
    audit.write_bytes(raw[:cut])
    code, out, _ = main(capsys, "--data-dir", demo_dir, "check", "--head", head)
    assert code == 1 and "altered or removed" in out


def test_each_backup_carries_the_head(capsys, demo_dir, tmp_path):
    with Store.open(demo_dir, read_only=True) as s:
        head = s.engine.head
    code, _, err = main(capsys, "--data-dir", demo_dir, "backup", "-o", tmp_path / "b.zip")
    assert code == 0 and head[:12] in err
    assert bk.backup_head(tmp_path / "b.zip") == head
    with Store.open(demo_dir) as s:
        s.save_person(person(50))
    (auto,) = (demo_dir / "backups").glob("auto-*.zip")
    assert bk.backup_head(auto) == head  # the day's backup: the folder before that write


def test_the_last_checkpoint_records_the_head_it_covers(store, folder):
    store.save_person(person(1))
    store.engine.checkpoint()
    meta = orjson.loads((folder / "council.json").read_bytes())["_meta"]["store"]
    assert meta["audit_hash"] == store.engine.head
    store.close()


def test_close_makes_no_checkpoint(store, folder):
    """Issue 11: closing a store that changed a line does not rewrite the snapshot."""
    store.save_person(person(1))
    snapshot = (folder / "council.json").read_bytes()
    store.close()
    assert (folder / "council.json").read_bytes() == snapshot
    with Store.open(folder) as s:
        assert [p.id for p in s.people()] == ["p1"]


def test_the_daily_backup_is_taken_after_the_write_is_durable(store, folder, monkeypatch):
    """Issue 11: the first write of the day is journalled before the backup starts, and the
    backup runs in the background (joined before close)."""
    import threading

    store.close()
    order: list[str] = []
    real = bk.automatic_backup

    def slow(folder: Path, audit_end: int | None = None) -> Path:
        order.append(f"backup in {threading.current_thread().name}")
        assert b"p2" in (folder / "audit.jsonl").read_bytes()  # the write is already durable
        return real(folder, audit_end)

    monkeypatch.setattr("parishclerk.store.repository.automatic_backup", slow)
    with Store.open(folder) as s:
        s.save_person(person(2))
        order.append("write returned")
    assert order and "parishclerk-backup" in "".join(order)
    assert list((folder / "backups").glob("auto-*.zip"))


def test_second_copy_is_refused_naming_the_holder(store, folder):
    with pytest.raises(StoreLocked, match=f"process {os.getpid()}"):
        Store.open(folder)


def test_a_refused_init_leaves_no_folder_behind(capsys, tmp_path):
    new = tmp_path / "new"
    code, _, err = main(capsys, "--data-dir", new, "init", "--council", "   ")
    assert code == 1 and err.count("\n") == 1
    assert not new.exists() and not list(tmp_path.iterdir())


def test_a_failed_daily_backup_is_told_not_hidden(capsys, demo_dir, tmp_path, monkeypatch):
    """The write is saved and said so; the backup that failed after it is said too."""

    def full(folder: Path, audit_end: int | None = None) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "backups" / "x.zip"))

    monkeypatch.setattr("parishclerk.store.repository.automatic_backup", full)
    code, _, err = main(capsys, "--data-dir", demo_dir, "import", "people", people_csv(tmp_path))
    assert code == 0
    assert "1 updated" in err and "daily backup could not be written" in err and "x.zip" in err
