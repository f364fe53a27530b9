"""One writer per data folder.  An OS lock (flock) is released by the kernel when its process
dies, so a lock left by a killed copy never blocks the next start."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import StoreLocked
from .files import FILE_MODE

LOCK_NAME = ".lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            finally:
                os.close(fd)
            raise StoreLocked(
                f"{self.path.parent} is open in another copy of parishclerk (process {holder}); "
                "close it first, or open this one with --read-only"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
