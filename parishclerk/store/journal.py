"""The audit log, which is also the store's journal.

Each line is one committed transaction: ``{"seq", "at", "changes": [{"op", "table", "id",
"before", "after"}], "prev"}`` where ``prev`` is the SHA-256 of the line before it (64 zeros for
the first).  A transaction is durable once its line is fsync'd; the snapshot file is only a
checkpoint of the same history.  A torn last line (a crash mid-append) was never acknowledged and
is set aside; damage anywhere else stops the store.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .errors import StoreDamaged
from .files import FILE_MODE, append_durably

GENESIS = "0" * 64
AUDIT_NAME = "audit.jsonl"


def line_hash(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


@dataclass
class Tail:
    entries: list[dict[str, Any]]
    end: int  # byte offset after the last good line
    last_hash: str
    last_seq: int
    torn: bytes  # bytes after the last good line (a crash mid-append), usually empty


def read_tail(path: Path, offset: int, prev_hash: str, prev_seq: int) -> Tail:
    """Read and check the lines after ``offset``; the chain must continue from ``prev_hash``."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size < offset:
                raise StoreDamaged(
                    f"{path} is shorter than the store expects ({size} bytes, "
                    f"{offset} recorded); restore a backup"
                )
            fh.seek(offset)
            raw = fh.read()
    except FileNotFoundError:
        if offset:
            raise StoreDamaged(f"{path} is missing; restore a backup") from None
        raw = b""
    entries: list[dict[str, Any]] = []
    pos = 0
    last_hash, last_seq = prev_hash, prev_seq
    while pos < len(raw):
        nl = raw.find(b"\n", pos)
        if nl < 0:
            break  # torn: no newline, never acknowledged
        line = raw[pos:nl]
        try:
            entry = orjson.loads(line)
            ok = entry["prev"] == last_hash and entry["seq"] == last_seq + 1
        except (orjson.JSONDecodeError, KeyError, TypeError):
            entry, ok = None, False
        if not ok:
            if raw.find(b"\n", nl + 1) < 0 and entry is None:
                break  # the final line is garbled: treat as torn
            raise StoreDamaged(
                f"{path} is damaged at byte {offset + pos} (entry {last_seq + 1}); "
                "the store has not been changed: restore a backup "
                "(parishclerk restore FILE --replace)"
            )
        entries.append(entry)
        last_hash, last_seq = line_hash(line), entry["seq"]
        pos = nl + 1
    return Tail(entries, offset + pos, last_hash, last_seq, raw[pos:])


def iter_entries(path: Path) -> Iterator[tuple[int, bytes]]:
    """Every complete line with its offset, for checking the whole chain."""
    offset = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                return
            yield offset, line[:-1]
            offset += len(line)


class Journal:
    """Appends transactions to the audit log, durably, keeping the chain."""

    def __init__(self, path: Path, end: int, last_hash: str, last_seq: int) -> None:
        self.path = path
        self.end = end
        self.last_hash = last_hash
        self.last_seq = last_seq
        self._fd: int | None = None
        self.broken = False

    def open(self) -> None:
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        size = os.lseek(self._fd, 0, os.SEEK_END)
        if size != self.end:  # a torn tail was set aside by the caller; cut it off
            os.ftruncate(self._fd, self.end)
            os.lseek(self._fd, self.end, os.SEEK_SET)

    def append(self, at: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
        assert self._fd is not None, "journal not open for writing"
        entry = {"seq": self.last_seq + 1, "at": at, "changes": changes, "prev": self.last_hash}
        line = orjson.dumps(entry)
        if self.broken:
            raise StoreDamaged(f"{self.path} could not be written earlier; close and reopen")
        try:
            append_durably(self._fd, line + b"\n")
        except OSError:
            # A part-written line must not stay in front of the next one: cut it off.
            try:
                os.ftruncate(self._fd, self.end)
                os.lseek(self._fd, self.end, os.SEEK_SET)
            except OSError:
                self.broken = True
            raise
        self.last_hash = line_hash(line)
        self.last_seq += 1
        self.end += len(line) + 1
        return entry

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
