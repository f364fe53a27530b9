"""One writer per data folder: an OS lock on ``.lock`` (see ``platform``), released by the
kernel when its process dies, so a lock left by a killed copy never blocks the next start.
The holder writes its process number into the file, so a refused copy can name it."""

from __future__ import annotations

import os
from pathlib import Path

from . import platform
from .errors import StoreLocked

LOCK_NAME = ".lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        platform.check_real_folder(self.path.parent)
        for _ in range(3):
            fd = platform.open_fd(self.path, os.O_RDWR | os.O_CREAT | platform.NOFOLLOW)
            if not platform.lock_fd(fd):
                try:
                    holder = platform.read_at(fd, 32, 0).decode("ascii", "replace").strip()
                finally:
                    os.close(fd)
                raise StoreLocked(
                    f"{self.path.parent} is open in another copy of parishclerk (process "
                    f"{holder or 'unknown'}); close it first, or open this one with --read-only"
                )
            # The folder may have been swapped (a restore) between the open and the lock: the
            # lock counts only if it is on the file that the name now leads to.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            platform.unlock_fd(fd)
            os.close(fd)
        else:
            raise StoreLocked(f"{self.path.parent} keeps changing under the lock; try again")
        try:  # only to name the holder: a full disk must not stop the lock
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            platform.write_all(fd, str(os.getpid()).encode())
        except OSError:
            pass
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            platform.unlock_fd(self._fd)
            os.close(self._fd)
            self._fd = None
