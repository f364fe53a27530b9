"""Backups: one zip holding the snapshot, the audit log and every evidence file."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import orjson

from .errors import StoreDamaged, StoreError
from .files import atomic_write, ensure_dir, fsync_dir

KEEP_AUTOMATIC = 10
MEMBERS = ("council.json", "audit.jsonl")


def make_backup(folder: Path, dest: Path) -> Path:
    """Write a backup of ``folder`` to ``dest`` atomically; returns ``dest``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "parishclerk-backup.json",
            orjson.dumps(
                {
                    "format": "parishclerk-backup/1",
                    "made": datetime.now().isoformat(timespec="seconds"),
                    "folder": str(folder),
                }
            ),
        )
        for name in MEMBERS:
            path = folder / name
            if path.exists():
                zf.write(path, name)
        evidence = folder / "evidence"
        if evidence.is_dir():
            for item in sorted(evidence.iterdir()):
                if item.is_file() and not item.name.startswith("."):
                    zf.write(item, f"evidence/{item.name}", compress_type=zipfile.ZIP_STORED)
    if dest.parent == folder / "backups":
        ensure_dir(dest.parent)
    atomic_write(dest, buf.getvalue())
    return dest


def automatic_backup(folder: Path) -> Path:
    """The day's rotating backup in ``folder/backups``, keeping the newest ten."""
    backups = folder / "backups"
    ensure_dir(backups)
    dest = make_backup(folder, backups / f"auto-{datetime.now():%Y%m%d-%H%M%S}.zip")
    autos = sorted(backups.glob("auto-*.zip"))
    for old in autos[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return dest


def latest_automatic(folder: Path) -> Path | None:
    autos = sorted((folder / "backups").glob("auto-*.zip"))
    return autos[-1] if autos else None


def read_backup(path: Path) -> dict[str, bytes]:
    """The members of a backup file, checked; raises StoreError naming the file."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if "parishclerk-backup.json" not in names or "council.json" not in names:
                raise StoreError(f"{path} is not a parishclerk backup")
            bad = zf.testzip()
            if bad:
                raise StoreError(f"{path} is damaged ({bad} fails its check)")
            out = {}
            for name in names:
                if name.startswith("/") or ".." in Path(name).parts:
                    raise StoreError(f"{path}: unsafe name {name!r} in the backup")
                out[name] = zf.read(name)
            return out
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise StoreError(f"{path} is not a readable backup ({exc})") from None


def restore_into(members: dict[str, bytes], folder: Path) -> None:
    """Lay a backup's files into ``folder`` (already emptied of a council, locked by the caller).
    The snapshot goes in last, so an interrupted restore leaves no council rather than half of
    one."""
    ensure_dir(folder)
    try:
        orjson.loads(members["council.json"])
    except orjson.JSONDecodeError as exc:
        raise StoreDamaged(f"the backup's council.json is damaged: {exc.msg}") from None
    evidence = folder / "evidence"
    ensure_dir(evidence)
    for name, data in members.items():
        if name.startswith("evidence/"):
            atomic_write(evidence / Path(name).name, data)
    if "audit.jsonl" in members:
        atomic_write(folder / "audit.jsonl", members["audit.jsonl"])
    else:
        (folder / "audit.jsonl").unlink(missing_ok=True)
    atomic_write(folder / "council.json", members["council.json"])


def clear_council(folder: Path) -> None:
    """Remove a council's files (the caller has taken a backup and holds the lock)."""
    for name in ("council.json", "audit.jsonl"):
        (folder / name).unlink(missing_ok=True)
    shutil.rmtree(folder / "evidence", ignore_errors=True)
    fsync_dir(folder)
