"""Helpers for the store tests: people, file snapshots and the audit chain check."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import orjson

from parishclerk.domain.records import Person, Role
from parishclerk.store.journal import GENESIS, iter_entries, line_hash

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def person(i: int | str, role: Role = Role.COUNCILLOR, **kw) -> Person:
    return Person(f"p{i}", f"Person {i}", role, date(2020, 1, 1), **kw)


def files_of(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder under ``folder``: relative name -> (mode, bytes or None)."""
    out: dict[str, tuple[int, bytes | None]] = {}
    for root, dirs, names in os.walk(folder):
        for d in dirs:
            p = Path(root, d)
            out[str(p.relative_to(folder)) + "/"] = (stat.S_IMODE(p.stat().st_mode), None)
        for n in names:
            p = Path(root, n)
            out[str(p.relative_to(folder))] = (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
    return out


def members(backup: Path) -> dict[str, bytes]:
    """Every member of a backup zip, by name."""
    import zipfile

    with zipfile.ZipFile(backup) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def verify_chain(folder: Path) -> int:
    """Walk audit.jsonl: every ``prev`` is the hash of the line before, seqs count up by one,
    the file ends on a newline and the snapshot's recorded position lies on the chain.
    Returns the number of entries.  Also runs ``parishclerk.store.check`` when present."""
    audit = folder / "audit.jsonl"
    raw = audit.read_bytes() if audit.exists() else b""
    assert raw == b"" or raw.endswith(b"\n"), "audit.jsonl ends in a partial line"
    prev, seq = GENESIS, 0
    ends: dict[int, tuple[int, str]] = {0: (0, GENESIS)}
    for offset, line in iter_entries(audit) if audit.exists() else ():
        entry = orjson.loads(line)
        assert entry["prev"] == prev, f"chain broken at entry {entry['seq']}"
        assert entry["seq"] == seq + 1
        prev, seq = line_hash(line), entry["seq"]
        ends[seq] = (offset + len(line) + 1, prev)
    assert sum(len(line) + 1 for _, line in iter_entries(audit)) == len(raw) if raw else True
    meta = orjson.loads((folder / "council.json").read_bytes())["_meta"]["store"]
    assert meta["audit_seq"] in ends, "snapshot records an entry the log does not hold"
    assert ends[meta["audit_seq"]] == (meta["audit_offset"], meta["audit_hash"])
    try:
        from parishclerk.store.check import check_folder
    except ImportError:  # pragma: no cover - the check module is optional
        return seq
    assert check_folder(folder) == []
    return seq
