"""Backups: one zip holding the snapshot, the audit log and every evidence file.

Written and read a file at a time, streamed through a temporary file: an evidence file of
hundreds of megabytes is never held in memory.  Each backup's manifest
(``parishclerk-backup.json``) records the audit chain's head it holds, and its name carries the
head's short form, so a backup can be matched with a ``check`` printed at a meeting.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from . import platform
from .errors import StoreDamaged, StoreError
from .files import atomic_write_with, ensure_dir, read_chunks
from .journal import AUDIT_NAME, GENESIS, last_line_hash

if TYPE_CHECKING:
    import zipfile

KEEP_AUTOMATIC = 10
MANIFEST = "parishclerk-backup.json"
SNAPSHOT = "council.json"
SHORT = 12  # hex digits of the chain's head shown to people


def make_backup(folder: Path, dest: Path, audit_end: int | None = None) -> Path:
    """Write a backup of ``folder`` to ``dest`` atomically; returns ``dest``.  ``audit_end``
    stops the audit log at that byte (a backup taken while writes go on)."""
    import zipfile  # here: 1.5 ms of every start otherwise

    audit = folder / AUDIT_NAME
    size = audit.stat().st_size if audit.exists() else 0
    end = size if audit_end is None else min(audit_end, size)
    head = last_line_hash(audit, end) if end else GENESIS

    def fill(out: IO[bytes]) -> None:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            manifest = {
                "format": "parishclerk-backup/1",
                "made": datetime.now().isoformat(timespec="seconds"),
                "folder": str(folder),
                "audit_head": head,
                "audit_bytes": end,
            }
            zf.writestr(MANIFEST, orjson.dumps(manifest))
            zf.write(folder / SNAPSHOT, SNAPSHOT)
            if audit.exists():
                with open(audit, "rb") as src, zf.open(AUDIT_NAME, "w", force_zip64=True) as dst:
                    for block in read_chunks(src, end):
                        dst.write(block)
            evidence = folder / "evidence"
            if evidence.is_dir():
                for item in sorted(evidence.iterdir()):
                    if item.is_file() and not item.is_symlink() and not item.name.startswith("."):
                        try:
                            zf.write(
                                item, f"evidence/{item.name}", compress_type=zipfile.ZIP_STORED
                            )
                        except FileNotFoundError:  # disposed of while the backup was made
                            continue

    if dest.parent == folder / "backups":
        ensure_dir(dest.parent)
    atomic_write_with(dest, fill)
    return dest


def automatic_backup(folder: Path, audit_end: int | None = None) -> Path:
    """The day's rotating backup in ``folder/backups``, keeping the newest ten."""
    backups = folder / "backups"
    ensure_dir(backups)
    dest = make_backup(folder, backups / f"auto-{datetime.now():%Y%m%d-%H%M%S}.zip", audit_end)
    autos = sorted(backups.glob("auto-*.zip"))
    for old in autos[:-KEEP_AUTOMATIC]:
        platform.remove(old)
    return dest


def latest_automatic(folder: Path) -> Path | None:
    autos = sorted((folder / "backups").glob("auto-*.zip"))
    return autos[-1] if autos else None


def backup_head(path: Path) -> str | None:
    """The audit chain's head recorded in a backup's manifest (None for an older backup)."""
    import zipfile  # here: 1.5 ms of every start otherwise

    with zipfile.ZipFile(path) as zf:
        doc = orjson.loads(zf.read(MANIFEST))
    head = doc.get("audit_head")
    return head if isinstance(head, str) else None


def _open_backup(path: Path) -> zipfile.ZipFile:
    import zipfile  # here: 1.5 ms of every start otherwise

    try:
        fd = platform.open_regular(path)
    except StoreError:
        raise
    fh = open(fd, "rb")  # noqa: SIM115 - the ZipFile closes it
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError) as exc:
        fh.close()
        raise StoreError(f"{path} is not a readable backup ({exc})") from None
    return zf


def check_backup(path: Path) -> dict[str, Any]:
    """Open and check a backup file without unpacking it (each member's checksum is read a
    block at a time); returns the council's snapshot document.  Raises StoreError naming the
    file."""
    import zipfile  # here: 1.5 ms of every start otherwise

    with _open_backup(path) as zf:
        names = zf.namelist()
        if MANIFEST not in names or SNAPSHOT not in names:
            raise StoreError(f"{path} is not a parishclerk backup")
        for name in names:
            if name.startswith("/") or "\\" in name or ".." in Path(name).parts:
                raise StoreError(f"{path}: unsafe name {name!r} in the backup")
            if name not in (MANIFEST, SNAPSHOT, AUDIT_NAME) and not (
                name.startswith("evidence/") and "/" not in name[len("evidence/") :]
            ):
                raise StoreError(f"{path}: unexpected member {name!r} in the backup")
        try:
            bad = zf.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise StoreError(f"{path} is damaged ({exc})") from None
        if bad:
            raise StoreError(f"{path} is damaged ({bad} fails its check)")
        try:
            doc = orjson.loads(zf.read(SNAPSHOT))
            doc["_meta"]["store"]["schema"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            raise StoreDamaged(f"{path}: the council in the backup is damaged") from None
        checked: dict[str, Any] = doc
        return checked


def restore_into(path: Path, folder: Path) -> None:
    """Unpack a checked backup into ``folder`` (a new folder, being built), a member at a
    time; each evidence file must have the SHA-256 it is named by."""
    import hashlib

    ensure_dir(folder)
    ensure_dir(folder / "evidence")
    with _open_backup(path) as zf:
        for info in zf.infolist():
            name = info.filename
            if name == MANIFEST or name.endswith("/"):
                continue
            target = folder / name
            digest = hashlib.sha256()

            def fill(out: IO[bytes], info: zipfile.ZipInfo = info, digest: Any = digest) -> None:
                with zf.open(info) as src:
                    for block in read_chunks(src):  # type: ignore[arg-type]  # a ZipExtFile
                        digest.update(block)
                        out.write(block)

            atomic_write_with(target, fill)
            if name.startswith("evidence/") and digest.hexdigest() != Path(name).name:
                raise StoreDamaged(
                    f"{path}: {name} does not match its SHA-256; the backup was altered"
                )


def copy_file(src: Path, dst: Path) -> None:
    """Copy a file durably (streamed)."""
    with open(src, "rb") as fh:
        atomic_write_with(dst, lambda out: shutil.copyfileobj(fh, out, 1 << 20))
