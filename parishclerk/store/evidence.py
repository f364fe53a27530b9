"""Evidence files, copied into the data folder and named by their SHA-256.

The source file is only ever read: never moved, renamed or altered."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import StoreError
from .files import atomic_write, ensure_dir

MAX_EVIDENCE = 512 * 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def store_file(folder: Path, source: Path) -> tuple[str, int]:
    """Copy ``source`` into ``folder/evidence``; returns (sha256, size)."""
    try:
        if not source.exists():
            raise StoreError(f"{source}: no such file")
        if source.is_dir():
            raise StoreError(f"{source}: is a folder, not a file")
        if not source.is_file():
            raise StoreError(f"{source}: not a file")
        size = source.stat().st_size
        if size > MAX_EVIDENCE:
            raise StoreError(f"{source}: {size:,} bytes is over the 512 MB limit for evidence")
        data = source.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{source}: no such file") from None
    except PermissionError:
        raise StoreError(f"{source}: permission denied") from None
    except IsADirectoryError:
        raise StoreError(f"{source}: is a folder, not a file") from None
    return store_bytes(folder, data), len(data)


def store_bytes(folder: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    target_dir = folder / "evidence"
    ensure_dir(target_dir)
    target = target_dir / sha
    if not target.exists():
        atomic_write(target, data)
    return sha


def evidence_path(folder: Path, sha: str) -> Path:
    return folder / "evidence" / sha
