"""Durable file operations: atomic replace, fsync'd appends, private modes.

Every system call that differs between platforms goes through ``platform``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from . import platform
from .platform import DIR_MODE, FILE_MODE

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "append_durably",
    "atomic_write",
    "atomic_write_with",
    "ensure_dir",
    "fsync_dir",
    "temp_name",
]

CHUNK = 1 << 20


def fsync_dir(path: Path) -> None:
    platform.fsync_dir(path)


def ensure_dir(path: Path) -> None:
    platform.check_real_folder(path)
    for attempt in range(3):
        try:
            path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            break
        except FileExistsError:
            # there when made, gone when looked at: another copy's switch moved it aside in
            # that moment (and puts the new one in its place); a file there is refused
            if attempt == 2 or (path.exists() and not path.is_dir()):
                raise
    os.chmod(path, DIR_MODE)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one:
    a temporary file in the same folder, flushed and fsync'd, renamed over, folder fsync'd."""
    atomic_write_with(path, lambda fh: fh.write(data))


def atomic_write_with(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """As ``atomic_write``, the content written by ``fill(file)`` (streamed, never whole in
    memory).  On any failure the temporary file is removed and ``path`` is as it was."""
    tmp = temp_name(path)
    fd = platform.open_fd(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        with os.fdopen(fd, "wb", closefd=False) as fh:
            fill(fh)
            fh.flush()
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise naming(exc, path) from None
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        platform.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def naming(exc: OSError, path: Path) -> OSError:
    """``exc`` with the file it concerns, so the message names it (a failed ``os.write``
    names none)."""
    if exc.filename or not exc.strerror:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))


def copy_stream(chunks: Iterable[bytes], out: BinaryIO) -> None:
    for chunk in chunks:
        out.write(chunk)


def read_chunks(fh: BinaryIO, limit: int | None = None) -> Iterable[bytes]:
    """The bytes of ``fh`` in 1 MB pieces, at most ``limit`` of them."""
    left = limit
    while left is None or left > 0:
        block = fh.read(CHUNK if left is None else min(CHUNK, left))
        if not block:
            return
        if left is not None:
            left -= len(block)
        yield block


def append_durably(fd: int, data: bytes) -> None:
    platform.write_all(fd, data)
    os.fsync(fd)
