"""The store's platform layer: everything that differs between Windows, macOS and Linux.

The folder lock, the durable write (binary mode always), the folder sync, opening a file without
following a link, and replacing or deleting a file that another program may hold open.  Nothing
else in ``parishclerk/store`` calls an operating-system primitive that differs between systems.

The lock is an OS lock held on ``.lock`` in the data folder: ``fcntl.flock`` on POSIX,
``msvcrt.locking`` on one byte far past the end on Windows (so the holder's process number at
the start of the file stays readable).  The kernel lets go of it when its process dies, so a
killed copy never blocks the next start.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import FileBusy, StoreError

FILE_MODE = 0o600
DIR_MODE = 0o700

#: Added to every ``os.open``: on Windows, without it ``os.write`` turns ``\n`` into ``\r\n``.
BINARY: int = getattr(os, "O_BINARY", 0)
#: Refuse to follow a symbolic link in the last part of a path (POSIX; Windows checks by lstat).
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)

WINDOWS = sys.platform == "win32"
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)  # about 1.5 s in all, for a viewer or scanner to let go
#: Windows refuses to rename a folder while a file in it is open (the lock file)
HOLD_LOCK_ACROSS_FOLDER_RENAME = not WINDOWS
LOCK_OFFSET = 1 << 30  # Windows: the byte locked, well past the holder's number

T = TypeVar("T")


def open_fd(path: Path | str, flags: int, mode: int = FILE_MODE) -> int:
    """``os.open`` in binary mode (the only mode this program writes in)."""
    return os.open(path, flags | BINARY, mode)


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_at(fd: int, size: int, offset: int) -> bytes:
    """Read ``size`` bytes at ``offset`` (``os.pread`` is POSIX only)."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable.  Windows cannot open a folder, and NTFS
    journals its metadata itself, so there it is a no-op."""
    if WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems (network shares) refuse fsync on a folder
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


# -- a file held open by another program (Windows) ----------------------------------------------


def _is_sharing_violation(exc: OSError) -> bool:
    # ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33), ERROR_ACCESS_DENIED (5)
    return WINDOWS and getattr(exc, "winerror", None) in (5, 32, 33)


def holder_hint(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "close the PDF in your viewer and try again"
    if suffix in (".csv", ".xlsx"):
        return "close the spreadsheet and try again"
    if suffix == ".zip":
        return "close the backup in any program showing it, and try again"
    return (
        "another program (a viewer, antivirus or a sync client) is using it; close it and try again"
    )


def _retrying(action: Callable[[], T], path: Path, sleep: Callable[[float], None]) -> T:
    for delay in (*RETRY_DELAYS, None):
        try:
            return action()
        except OSError as exc:
            if not _is_sharing_violation(exc):
                raise
            if delay is None:
                raise FileBusy(f"{path} is open in another program: {holder_hint(path)}") from None
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def replace(src: Path, dst: Path, sleep: Callable[[float], None] = time.sleep) -> None:
    """``os.replace``, retried briefly while another program holds ``dst`` (Windows)."""
    _retrying(lambda: os.replace(src, dst), dst, sleep)


def remove(path: Path, sleep: Callable[[float], None] = time.sleep) -> None:
    """Delete ``path`` if it exists, retried briefly while another program holds it."""

    def unlink() -> None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass

    _retrying(unlink, path, sleep)


# -- reading a file brought in from outside -----------------------------------------------------


def open_regular(path: Path) -> int:
    """Open ``path`` for reading only if it is a regular file reached without a symbolic link
    at its end (``O_NOFOLLOW``; checked again on the open file, against a swap in between).
    Raises ``StoreError`` naming the file."""
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file") from None
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    if stat.S_ISLNK(before.st_mode) or _is_reparse_point(before):
        raise StoreError(f"{path}: is a link, not a file; only a regular file is brought in")
    if stat.S_ISDIR(before.st_mode):
        raise StoreError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(before.st_mode):
        raise StoreError(f"{path}: not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | BINARY | NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(
                f"{path}: is a link, not a file; only a regular file is brought in"
            ) from None
        raise StoreError(f"{path}: {exc.strerror}") from None
    after = os.fstat(fd)
    if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (
        before.st_dev,
        before.st_ino,
    ):
        os.close(fd)
        raise StoreError(f"{path}: changed while it was being opened; try again")
    return fd


def _is_reparse_point(st: os.stat_result) -> bool:
    # Windows junctions and symbolic links are reparse points (0x400)
    return bool(getattr(st, "st_file_attributes", 0) & 0x400)


def check_real_folder(path: Path) -> None:
    """Refuse a data folder (or a folder within it) that is a link: the store writes only into
    folders it can see are its own."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode) or _is_reparse_point(st):
        raise StoreError(f"{path}: is a link to a folder, not a folder; name the folder itself")
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path}: is a file, not a folder")


# -- the folder lock ----------------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    def lock_fd(fd: int) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock_fd(fd: int) -> None:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock_fd(fd: int) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
