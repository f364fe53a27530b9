"""Putting a whole council in place (init, import council, restore, demo) without a moment
when the folder holds half of one.

The new council is built in a folder beside the data folder (``.NAME.new-PID``), made durable,
marked complete, and then switched in: the data folder is renamed aside (``.NAME.old-PID``) and
the new one renamed into its place.  A kill or a full disk before the switch leaves the old
council as it was (the half-built folder is removed on the next write); a kill between the two
renames leaves a complete new council beside a missing folder, which the next open renames into
place.  So there is always the old council or the new one, never neither.

Everything happens while holding the data folder's lock, taken before anything is looked at,
so two commands creating the same folder at once cannot both succeed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import platform
from .errors import StoreError
from .files import atomic_write, ensure_dir, fsync_dir
from .lock import FolderLock

COMPLETE = ".complete"
KEPT = ("backups",)  # carried from the council replaced into the new folder
KEPT_PREFIXES = ("audit.torn-",)


def _siblings(folder: Path, kind: str) -> list[Path]:
    parent = folder.parent
    if not parent.is_dir():
        return []
    prefix = f".{folder.name}.{kind}-"
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix) and p.is_dir())


def recover(folder: Path) -> None:
    """Finish or undo a switch a kill interrupted.  A missing folder with a complete new one
    beside it gets the new one; with only the old one beside it, the old one comes back."""
    if folder.exists() or not folder.parent.is_dir():
        return
    for staged in reversed(_siblings(folder, "new")):
        if (staged / COMPLETE).exists():
            try:
                os.rename(staged, folder)
            except FileNotFoundError:  # another copy got there first
                pass
            fsync_dir(folder.parent)
            return
    for aside in reversed(_siblings(folder, "old")):
        try:
            os.rename(aside, folder)
        except FileNotFoundError:
            pass
        fsync_dir(folder.parent)
        return


def clear_leftovers(folder: Path) -> None:
    """Remove half-built and set-aside folders of earlier switches (the caller holds the lock
    on ``folder``, which exists: they are no longer anybody's)."""
    for left in _siblings(folder, "new") + _siblings(folder, "old"):
        shutil.rmtree(left, ignore_errors=True)
    (folder / COMPLETE).unlink(missing_ok=True)


@contextmanager
def locked(folder: Path) -> Iterator[FolderLock]:
    """The data folder, created if need be, with its lock held, and any interrupted switch
    finished first."""
    platform.check_real_folder(folder)
    recover(folder)
    created = not folder.exists()
    ensure_dir(folder)
    lock = FolderLock(folder)
    try:
        lock.acquire()
    except BaseException:
        _remove_if_unused(folder, created)
        raise
    try:
        clear_leftovers(folder)
        yield lock
    finally:
        lock.release()
        _remove_if_unused(folder, created)


def _remove_if_unused(folder: Path, created: bool) -> None:
    """A folder made only to be locked, for a command that was then refused, goes again."""
    if not created:
        return
    try:
        if {p.name for p in folder.iterdir()} <= {".lock"}:
            (folder / ".lock").unlink(missing_ok=True)
            folder.rmdir()
    except OSError:
        pass


def build_and_switch(
    folder: Path, lock: FolderLock, build: Callable[[Path], None], carry: bool = True
) -> None:
    """Build a council with ``build(new_folder)`` beside ``folder`` and switch it in (with the
    replaced council's backups, unless not ``carry``).  The caller holds ``lock`` on
    ``folder``; on any failure before the switch, ``folder`` is as it was and the half-built
    folder is gone."""
    assert lock.held
    staged = folder.parent / f".{folder.name}.new-{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    try:
        ensure_dir(staged)
        build(staged)
        if carry:
            _carry_over(folder, staged)
        atomic_write(staged / COMPLETE, b"")
        fsync_dir(folder.parent)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    _switch(folder, staged, lock)


def _carry_over(folder: Path, staged: Path) -> None:
    """The replaced council's backups (and any torn writes kept) move with the folder: linked
    where the file system allows, else copied."""
    for name in os.listdir(folder):
        src = folder / name
        if name in KEPT and src.is_dir() and not src.is_symlink():
            ensure_dir(staged / name)
            for item in sorted(src.iterdir()):
                if item.is_file() and not item.is_symlink() and not item.name.startswith("."):
                    _link_or_copy(item, staged / name / item.name)
        elif name.startswith(KEPT_PREFIXES) and src.is_file() and not src.is_symlink():
            _link_or_copy(src, staged / name)


def _link_or_copy(src: Path, dst: Path) -> None:
    if dst.exists():
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
        os.chmod(dst, platform.FILE_MODE)


def _switch(folder: Path, staged: Path, lock: FolderLock) -> None:
    aside = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if not platform.HOLD_LOCK_ACROSS_FOLDER_RENAME:
        lock.release()  # Windows cannot rename a folder holding an open file
    os.rename(folder, aside)
    try:
        os.rename(staged, folder)
    except FileNotFoundError:
        if staged.exists() or not folder.exists():
            raise
        # another copy finished this switch for us (see ``recover``)
    except OSError as exc:
        # Something made a new folder in the moment between the renames: put ours back.
        if not folder.exists():
            os.rename(aside, folder)
        shutil.rmtree(staged, ignore_errors=True)
        raise StoreError(
            f"{folder}: another program created the folder during the switch ({exc.strerror}); "
            f"nothing was replaced, the earlier folder is {aside if aside.exists() else folder}"
        ) from None
    fsync_dir(folder.parent)
    (folder / COMPLETE).unlink(missing_ok=True)
    lock.release()  # its file went aside with the old folder
    shutil.rmtree(aside, ignore_errors=True)
