"""The snapshot file's layout: one JSON object, ``_meta`` last, holding an index of where each
table's JSON lies and the CRC-32 of everything before ``_meta`` (see ``engine.py`` for why: a
table is parsed only when it is read or changed)."""

from __future__ import annotations

import zlib
from typing import Any, NamedTuple

import orjson

from .bulk import bulk

META = "_meta"
INDEX = "index"
"""The snapshot's own document in ``_meta``: ``{"tables": {name: [start, end]}, "crc32": n}``."""
META_KEY = b'"_meta":'


def is_derived(name: str) -> bool:
    """A section worked out from the tables and kept beside them (``_due``), not a table: never
    read as data, only as a shortcut its reader checks is still for these tables."""
    return name.startswith("_") and name != META


def snapshot_bytes(
    tables: dict[str, Any],
    raw: dict[str, memoryview] | None = None,
    derived: dict[str, bytes] | None = None,
) -> bytes:
    """The snapshot file for ``tables`` (and the still unparsed ``raw`` ones, as they were
    read, and the ``derived`` sections' JSON): the same JSON as ``orjson.dumps``, ``_meta``
    last, holding the index."""
    out = bytearray(b"{")
    where: dict[str, list[int]] = {}
    chunks = [(n, orjson.dumps(t)) for n, t in tables.items() if n != META]
    chunks += [(n, bytes(b)) for n, b in (raw or {}).items() if n not in tables]
    chunks += [(n, b) for n, b in (derived or {}).items() if is_derived(n)]
    for name, chunk in chunks:
        if len(out) > 1:
            out += b","
        out += orjson.dumps(name) + b":"
        where[name] = [len(out), len(out) + len(chunk)]
        out += chunk
    meta = {**tables.get(META, {}), INDEX: {"tables": where, "crc32": zlib.crc32(out)}}
    out += (b"," if len(out) > 1 else b"") + META_KEY + orjson.dumps(meta) + b"}"
    return bytes(out)


def split_snapshot(raw: bytes) -> tuple[dict[str, Any], dict[str, memoryview]] | None:
    """``({"_meta": ...}, {table: its JSON})`` from a snapshot whose index matches it, else
    None (an older file, or one changed since: parse it whole)."""
    at = raw.rfind(META_KEY)
    if at < 1 or raw[at - 1 : at] not in (b",", b"{") or not raw.endswith(b"}"):
        return None
    try:
        meta = orjson.loads(raw[at + len(META_KEY) : -1])
        index = meta.pop(INDEX)
        where, crc = index["tables"], index["crc32"]
        body = memoryview(raw)[: at - 1]
        if not isinstance(meta, dict) or zlib.crc32(body) != crc:
            return None
        view = memoryview(raw)
        tables = {name: view[a:b] for name, (a, b) in where.items() if 0 < a <= b < at}
        if len(tables) != len(where):
            return None
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return {META: meta}, tables


def without_derived(raw: bytes) -> bytes | None:
    """The snapshot's JSON with its derived sections cut out, as its index placed them; None
    if the index cannot say where they are.  For a snapshot that does not parse: damage there,
    in a shortcut, must not cost the council (the tables are then parsed, unchecked, as an
    older file's are)."""
    at = raw.rfind(META_KEY)
    if at < 1:
        return None
    try:
        where = orjson.loads(raw[at + len(META_KEY) : -1])[INDEX]["tables"]
        spans = sorted(
            (start, end, name) for name, (start, end) in where.items() if is_derived(name)
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None
    out, done = bytearray(), 0
    for start, end, name in spans:
        key = b"," + orjson.dumps(name) + b":"
        if not (done <= start - len(key) and end < at and raw[start - len(key) : start] == key):
            return None
        out += raw[done : start - len(key)]
        done = end
    return bytes(out + raw[done:]) if spans else None


class Snapshot(NamedTuple):
    tables: dict[str, Any]
    """The tables parsed (``_meta`` at least; all of them when the file was parsed whole)."""
    unparsed: dict[str, memoryview]
    """The others, as their JSON lies in the file."""
    derived: dict[str, bytes]
    """The derived sections, as they lie in the file."""
    derived_damaged: bool = False
    """The file parsed only without its derived sections."""


def read_snapshot(raw: bytes) -> Snapshot:
    """A snapshot file's tables and derived sections: by its index when that matches the
    file, else parsed whole (an older file, one edited by hand), its derived sections then
    dropped, to be made again.  A file that does not parse whole is tried once more without
    its derived sections: damage in a shortcut must not cost the council.  Raises
    ``orjson.JSONDecodeError`` for a file that is not JSON even so."""
    split = split_snapshot(raw)
    if split is not None:
        tables, views = split
        derived = {name: bytes(views.pop(name)) for name in [n for n in views if is_derived(n)]}
        return Snapshot(tables, views, derived)
    damaged = False
    with bulk(len(raw) // 1024):
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError:
            rest = without_derived(raw)
            if rest is None:
                raise
            tables = orjson.loads(rest)  # damage in the tables too: as damaged as before
            damaged = True
    if isinstance(tables, dict):
        if isinstance(tables.get(META), dict):
            tables[META].pop(INDEX, None)
        for name in [n for n in tables if is_derived(n)]:
            del tables[name]
    return Snapshot(tables, {}, {}, damaged)
