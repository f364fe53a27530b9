"""The snapshot file's layout: one JSON object, ``_meta`` last, holding an index of where each
table's JSON lies and the CRC-32 of everything before ``_meta`` (see ``engine.py`` for why: a
table is parsed only when it is read or changed)."""

from __future__ import annotations

import zlib
from typing import Any

import orjson

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
