"""The store's platform layer, each branch with the system calls put in by the test: a write
that Windows' text mode would turn from ``\\n`` into ``\\r\\n``, a replace refused while another
program holds the file, a lock held elsewhere, a folder that cannot be opened to sync."""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from parishclerk.domain.records import Council
from parishclerk.store import platform
from parishclerk.store.errors import FileBusy, StoreError, StoreLocked
from parishclerk.store.journal import GENESIS, iter_entries, line_hash
from parishclerk.store.lock import FolderLock
from parishclerk.store.repository import Store
from tests.store.store_helpers import person

O_BINARY = 0x8000  # Windows' value


class FakeMsvcrt(types.ModuleType):
    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held_elsewhere = False
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        if mode == self.LK_NBLCK and self.held_elsewhere:
            raise PermissionError(13, "Permission denied")


@pytest.fixture
def windows(monkeypatch) -> Iterator[FakeMsvcrt]:
    """``platform`` as it loads on Windows: msvcrt for the lock, O_BINARY, no folder sync."""
    fake = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(os, "O_BINARY", O_BINARY, raising=False)
    importlib.reload(platform)
    assert platform.WINDOWS and platform.BINARY == O_BINARY
    yield fake
    monkeypatch.undo()
    importlib.reload(platform)
    assert not platform.WINDOWS


def sharing_violation() -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  # set by Windows on a real one
    return exc


# -- bytes stay bytes ---------------------------------------------------------------------------


def test_every_file_is_opened_in_binary_mode_and_the_journal_is_what_was_hashed(
    windows, tmp_path, monkeypatch
):
    """With text mode simulated (an fd opened without O_BINARY gets \\n written as \\r\\n), the
    journal's bytes are exactly the lines that were hashed: every open carried O_BINARY."""
    text_fds: set[int] = set()
    real_open, real_write = os.open, os.write

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        fd = real_open(path, flags & ~O_BINARY, mode)
        if not flags & O_BINARY and flags & (os.O_WRONLY | os.O_RDWR):
            text_fds.add(fd)
        return fd

    def write(fd, data):
        if fd in text_fds:
            real_write(fd, bytes(data).replace(b"\n", b"\r\n"))
            return len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "write", write)
    folder = tmp_path / "c"
    with Store.create(folder, Council("Bytes PC")) as store:
        for i in range(3):
            store.save_person(person(i, notes="line one\nline two"))
        store.engine.checkpoint()
        head = store.engine.head
    raw = (folder / "audit.jsonl").read_bytes()
    assert b"\r" not in raw
    prev = GENESIS
    for _, line in iter_entries(folder / "audit.jsonl"):
        assert orjson.loads(line)["prev"] == prev
        prev = line_hash(line)
    assert prev == head
    meta = orjson.loads((folder / "council.json").read_bytes())["_meta"]["store"]
    assert meta["audit_hash"] == head and meta["audit_offset"] == len(raw)


def test_the_journal_bytes_are_what_was_hashed(tmp_path):
    folder = tmp_path / "c"
    with Store.create(folder, Council("Ŵyn's PC")) as store:
        store.save_person(person(1, notes="Siân\r\nMałgorzata\n[bold]x[/] <b>"))
        head = store.engine.head
    lines = (folder / "audit.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and line_hash(lines[-2]) == head


# -- a file held open by another program --------------------------------------------------------


def test_a_replace_refused_briefly_is_retried(windows, tmp_path, monkeypatch):
    (tmp_path / "a").write_bytes(b"new")
    refusals = [sharing_violation(), sharing_violation()]
    real = os.replace

    def replace(src, dst):
        if refusals:
            raise refusals.pop()
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    slept: list[float] = []
    platform.replace(tmp_path / "a", tmp_path / "pack.pdf", sleep=slept.append)
    assert (tmp_path / "pack.pdf").read_bytes() == b"new" and len(slept) == 2


def test_a_replace_refused_for_good_names_the_file_and_the_likely_holder(
    windows, tmp_path, monkeypatch
):
    def replace(src, dst):
        raise sharing_violation()

    monkeypatch.setattr(os, "replace", replace)
    slept: list[float] = []
    with pytest.raises(FileBusy) as err:
        platform.replace(tmp_path / "a", tmp_path / "pack.pdf", sleep=slept.append)
    assert str(err.value) == (
        f"{tmp_path / 'pack.pdf'} is open in another program: "
        "close the PDF in your viewer and try again"
    )
    assert len(slept) == len(platform.RETRY_DELAYS) and sum(slept) < 2


def test_a_delete_refused_for_good_is_a_message_too(windows, tmp_path, monkeypatch):
    def unlink(path):
        raise sharing_violation()

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(FileBusy, match="auto-1.zip is open in another program"):
        platform.remove(tmp_path / "auto-1.zip", sleep=lambda s: None)


def test_other_errors_are_not_retried(windows, tmp_path, monkeypatch):
    calls = []

    def replace(src, dst):
        calls.append(1)
        raise FileNotFoundError(2, "No such file or directory", str(src))

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(FileNotFoundError):
        platform.replace(tmp_path / "a", tmp_path / "b", sleep=lambda s: None)
    assert calls == [1]


def test_on_posix_a_permission_error_is_not_a_sharing_violation(tmp_path, monkeypatch):
    def replace(src, dst):
        raise sharing_violation()

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        platform.replace(tmp_path / "a", tmp_path / "b", sleep=lambda s: None)


# -- the lock -----------------------------------------------------------------------------------


def test_windows_lock_held_elsewhere_names_the_holder(windows, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / ".lock").write_bytes(b"4242")
    windows.held_elsewhere = True
    with pytest.raises(StoreLocked, match=r"open in another copy of parishclerk \(process 4242\)"):
        FolderLock(folder).acquire()


def test_windows_lock_locks_one_byte_past_the_holders_number(windows, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    lock = FolderLock(folder)
    lock.acquire()
    assert (folder / ".lock").read_bytes() == str(os.getpid()).encode()
    lock.release()
    assert windows.calls == [
        (platform.LOCK_OFFSET, FakeMsvcrt.LK_NBLCK, 1),
        (platform.LOCK_OFFSET, FakeMsvcrt.LK_UNLCK, 1),
    ]


def test_posix_lock_held_elsewhere_names_the_holder(tmp_path):
    import subprocess

    folder = tmp_path / "c"
    folder.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from parishclerk.store.lock import FolderLock\n"
            "FolderLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(folder),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        with pytest.raises(StoreLocked, match=f"process {holder.pid}"):
            FolderLock(folder).acquire()
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    FolderLock(folder).acquire()  # let go of by the kernel when its holder died


# -- the folder sync ----------------------------------------------------------------------------


def test_windows_never_opens_a_folder_to_sync_it(windows, tmp_path, monkeypatch):
    def open_(path, flags, mode=0o777, *, dir_fd=None):
        raise PermissionError(13, "Permission denied", str(path))  # what Windows does

    monkeypatch.setattr(os, "open", open_)
    platform.fsync_dir(tmp_path)  # no error: nothing opened


def test_posix_syncs_the_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    platform.fsync_dir(tmp_path)
    assert len(synced) == 1


def test_a_folder_sync_that_the_file_system_refuses_is_not_an_error(tmp_path, monkeypatch):
    import errno

    def refuse(fd):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "fsync", refuse)
    platform.fsync_dir(tmp_path)


# -- files brought in ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make,words",
    [
        (lambda p: p.symlink_to(p.parent / "target"), "is a link"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: None, "no such file"),
    ],
)
def test_open_regular_refuses_anything_but_a_regular_file(tmp_path, make, words):
    (tmp_path / "target").write_bytes(b"secret")
    path = tmp_path / "shot.png"
    make(path)
    with pytest.raises(StoreError, match=words):
        platform.open_regular(path)


def test_open_regular_refuses_a_swap_between_look_and_open(tmp_path, monkeypatch):
    path = tmp_path / "shot.png"
    path.write_bytes(b"real")
    (tmp_path / "other").write_bytes(b"other")
    real = os.open

    def swapped(p, flags, mode=0o777, *, dir_fd=None):
        if Path(p) == path:
            return real(tmp_path / "other", flags, mode)
        return real(p, flags, mode)

    monkeypatch.setattr(os, "open", swapped)
    with pytest.raises(StoreError, match="changed while it was being opened"):
        platform.open_regular(path)


def test_no_platform_specific_call_outside_the_platform_layer():
    root = Path(platform.__file__).parent
    for path in root.glob("*.py"):
        if path.name == "platform.py":
            continue
        text = path.read_text()
        for word in ("fcntl", "msvcrt", "os.pread", "os.pwrite", "O_BINARY", "O_NOFOLLOW"):
            assert word not in text, f"{path.name} uses {word}"
