"""The audit log, which is also the store's journal.

Each line is one committed transaction: ``{"seq", "at", "changes": [{"op", "table", "id",
"before", "after"}], "prev"}`` where ``prev`` is the SHA-256 of the line before it (64 zeros for
the first).  A transaction is durable once its line is fsync'd; the snapshot file is only a
checkpoint of the same history.

A line is acknowledged (reported written) only once it and its newline are fsync'd.  So bytes
after the last newline (or a tail of NUL bytes, what some file systems leave after a crash) are a
torn write that was never acknowledged, and may be set aside.  A complete line that is damaged was
acknowledged: it is never dropped; the store refuses to write on and says what is lost.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from . import platform
from .errors import StoreDamaged
from .files import append_durably, naming

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
    damaged: bytes = b""  # complete lines from the first bad one on (acknowledged, not torn)
    damaged_entry: int = 0  # the number of the first damaged entry


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
        if not line.strip(b"\0") and not raw[nl + 1 :].strip(b"\0\n"):
            break  # a tail of NUL bytes: blocks allocated but never written (a crash)
        try:
            entry = orjson.loads(line)
            ok = entry["prev"] == last_hash and entry["seq"] == last_seq + 1
        except (orjson.JSONDecodeError, KeyError, TypeError):
            entry, ok = None, False
        if not ok:
            if raw.find(b"\n", nl + 1) < 0:
                # The last complete line: it was fsync'd with its newline, so acknowledged.
                return Tail(
                    entries, offset + pos, last_hash, last_seq, b"", raw[pos:], last_seq + 1
                )
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
        self._fd = platform.open_fd(self.path, os.O_WRONLY | os.O_CREAT | platform.NOFOLLOW)
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
        except OSError as exc:
            # A part-written line must not stay in front of the next one: cut it off.
            try:
                os.ftruncate(self._fd, self.end)
                os.lseek(self._fd, self.end, os.SEEK_SET)
            except OSError:
                self.broken = True
            raise naming(exc, self.path) from None
        self.last_hash = line_hash(line)
        self.last_seq += 1
        self.end += len(line) + 1
        return entry

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def last_line_hash(path: Path, end: int) -> str:
    """The hash of the line ending at byte ``end`` (the chain's head there), read without
    holding the line in memory; GENESIS when ``end`` is 0."""
    if end <= 0:
        return GENESIS
    with open(path, "rb") as fh:
        start, pos = 0, end - 1  # the byte before ``end`` is the line's newline
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                start = pos - step + nl + 1
                break
            pos -= step
        fh.seek(start)
        digest = hashlib.sha256()
        left = end - 1 - start
        while left > 0:
            block = fh.read(min(1 << 20, left))
            if not block:
                break
            digest.update(block)
            left -= len(block)
        return digest.hexdigest()


def damage_message(path: Path, tail: Tail) -> str:
    """What an acknowledged but damaged journal line held, for the clerk."""
    try:
        entry = orjson.loads(tail.damaged.split(b"\n", 1)[0])
        what = ", ".join(
            f"{c.get('table')}.{c.get('id')}" for c in entry["changes"][:3] if "table" in c
        )
        more = len(entry["changes"]) - 3
        held = f"saved at {entry.get('at')}: {what}{f' and {more} more' if more > 0 else ''}"
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        held = "not readable"
    return (
        f"{path}: entry {tail.damaged_entry}, a change that was saved ({held}), is damaged at "
        f"byte {tail.end}; it is kept there as it is and nothing more can be written: run "
        "parishclerk check, then restore a backup (parishclerk restore FILE --replace)"
    )
