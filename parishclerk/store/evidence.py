"""Evidence files, copied into the data folder and named by their SHA-256.

The source file is only ever read: never moved, renamed or altered.  It is brought in only as a
regular file (no link followed), streamed: never held whole in memory."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import orjson

from . import platform
from .errors import StoreError
from .files import CHUNK, atomic_write, ensure_dir, fsync_dir, temp_name

MAX_EVIDENCE = 512 * 1024 * 1024


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


PENDING = ".pending"  # evidence/.pending: files an unfinished add or disposal may leave behind


def mark_pending(folder: Path, shas: list[str]) -> None:
    """Before a file is added or deleted, name it in ``evidence/.pending``: a kill before the
    change is recorded (or, for a disposal, before the file is deleted) leaves a file that the
    next open deletes unless a live record refers to it (``sweep_pending``)."""
    path = folder / "evidence" / PENDING
    try:
        held = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        held = []
    atomic_write(path, orjson.dumps(sorted(set(held) | set(shas))))


def clear_pending(folder: Path) -> None:
    platform.remove(folder / "evidence" / PENDING)


def sweep_pending(folder: Path, live: set[str]) -> list[Path]:
    """Finish what an interrupted add or disposal left: delete each pending file no live record
    refers to.  Returns the files deleted."""
    path = folder / "evidence" / PENDING
    try:
        held = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, orjson.JSONDecodeError):
        held = []
    gone = []
    for sha in held if isinstance(held, list) else []:
        if isinstance(sha, str) and len(sha) == 64 and sha not in live:
            target = evidence_path(folder, sha)
            if target.exists():
                platform.remove(target)
                gone.append(target)
    clear_pending(folder)
    return gone


def store_file(
    folder: Path, source: Path, expected: str | None = None, pending: bool = False
) -> tuple[str, int]:
    """Copy ``source`` into ``folder/evidence``; returns (sha256, size).  With ``expected``,
    the copy is kept only if its SHA-256 is that one; with ``pending``, the file is named in
    ``evidence/.pending`` before it appears (the caller clears it once the record is saved)."""
    fd = platform.open_regular(source)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_EVIDENCE:
            raise StoreError(f"{source}: {size:,} bytes is over the 512 MB limit for evidence")
        target_dir = folder / "evidence"
        ensure_dir(target_dir)
        tmp = temp_name(target_dir / "incoming")
        out = platform.open_fd(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        digest = hashlib.sha256()
        copied = 0
        try:
            while block := os.read(fd, CHUNK):
                digest.update(block)
                platform.write_all(out, block)
                copied += len(block)
                if copied > MAX_EVIDENCE:
                    raise StoreError(f"{source}: over the 512 MB limit for evidence")
            os.fsync(out)
        except BaseException:
            os.close(out)
            tmp.unlink(missing_ok=True)
            raise
        os.close(out)
        sha = digest.hexdigest()
        if expected is not None and sha != expected:
            tmp.unlink(missing_ok=True)
            raise StoreError(
                f"{source}: its SHA-256 is {sha[:12]}…, not the {expected[:12]}… recorded"
            )
        target = target_dir / sha
        if target.exists():
            tmp.unlink(missing_ok=True)
        else:
            if pending:
                mark_pending(folder, [sha])
            try:
                platform.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            fsync_dir(target_dir)
        return sha, copied
    finally:
        os.close(fd)


def evidence_path(folder: Path, sha: str) -> Path:
    return folder / "evidence" / sha


def stray_files(folder: Path, referred: set[str]) -> tuple[list[Path], list[Path]]:
    """(partial copies left by a kill, files no record refers to) in ``folder/evidence``."""
    partial: list[Path] = []
    unreferred: list[Path] = []
    evidence = folder / "evidence"
    if not evidence.is_dir():
        return partial, unreferred
    for item in sorted(evidence.iterdir()):
        if item.name.startswith("."):
            if item.name.endswith(".tmp") or item.name == PENDING:
                partial.append(item)
        elif item.name not in referred:
            unreferred.append(item)
    return partial, unreferred
