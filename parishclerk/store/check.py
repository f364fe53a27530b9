"""``parishclerk check``: the store, every reference, the audit chain and every evidence hash."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ..domain import validate as v
from ..domain.case_due import CaseAgenda
from ..domain.codec import InvalidData, decode
from ..domain.records import Council, CouncilData
from . import migrations
from .engine import apply_changes
from .errors import StoreError
from .evidence import evidence_path, sha256_file, stray_files
from .journal import GENESIS, iter_entries, line_hash
from .repository import TABLES, Store
from .snapshot import META

CHECKS: dict[str, Callable[..., None]] = {
    "people": v.check_person,
    "policies": v.check_policy,
    "versions": v.check_version,
    "acknowledgements": v.check_ack,
    "events": v.check_event,
    "evidence": v.check_evidence,
    "reminders": v.check_reminder,
    "accounts": v.check_account,
}


def check_folder(folder: Path, head: str | None = None) -> list[str]:
    """Every problem found, one line each; an empty list means all is well.  ``head`` is a
    chain head printed earlier (short or full): the audit log must still hold it."""
    return check_report(folder, head)[0]


def check_report(folder: Path, head: str | None = None) -> tuple[list[str], str | None]:
    """(problems, the chain's head in short form, or None when the store cannot be opened)."""
    try:
        store = Store.open(folder, read_only=True)
    except StoreError as exc:
        return [str(exc)], None
    try:
        return _check(store, folder, head), store.chain_head()
    finally:
        store.close()


def _check(store: Store, folder: Path, head: str | None) -> list[str]:
    schema = store.engine.stored_schema
    if schema < migrations.CURRENT:
        return [
            f"{folder} holds schema {schema}: open it once with parishclerk (not "
            f"read-only) to bring it up to schema {migrations.CURRENT}, then check again"
        ]
    try:  # before anything reads the cases: then it would not be used
        kept = store.saved_case_agenda()
    except (StoreError, InvalidData, ValueError):
        kept = None
    problems = _records(store)
    problems += _kept_due(store, kept)
    problems += _audit(store, head)
    problems += _files(store)
    return problems


def _records(store: Store) -> list[str]:
    problems: list[str] = []
    try:
        categories = store.categories()
        council = decode(Council, store.engine.table("council").get("council"), "council")
        v.check_council(council)
    except (StoreError, InvalidData, ValueError) as exc:
        return [str(exc)]
    data = CouncilData(council)
    for table, cls in TABLES.items():
        for key, doc in store.engine.table(table).items():
            try:
                getattr(data, table).append(decode(cls, doc, f"{table}.{key}"))
            except InvalidData as exc:
                problems.append(str(exc))
    for name, check in CHECKS.items():
        for record in getattr(data, name):
            try:
                check(record, f"{name}.{getattr(record, 'key', None) or record.id}")
            except InvalidData as exc:
                problems.append(str(exc))
    for case in data.cases:
        try:
            v.check_case(case, f"cases.{case.reference}", categories)
        except InvalidData as exc:
            problems.append(str(exc))
    people = {p.id for p in data.people}
    policies = {p.id for p in data.policies}
    versions = {x.id for x in data.versions}
    cases = {c.reference for c in data.cases}
    for x in data.versions:
        if x.policy not in policies:
            problems.append(f"versions.{x.id}.policy: no policy {x.policy!r}")
    for a in data.acknowledgements:
        if a.person not in people:
            problems.append(f"acknowledgements.{a.key}.person: no person {a.person!r}")
        if a.version not in versions:
            problems.append(f"acknowledgements.{a.key}.version: no version {a.version!r}")
    for c in data.cases:
        if c.subject.person is not None and c.subject.person not in people:
            problems.append(f"cases.{c.reference}.subject: no person {c.subject.person!r}")
    for table in ("events", "evidence"):
        for e in getattr(data, table):
            if e.case not in cases:
                problems.append(f"{table}.{e.key}.case: no case {e.case!r}")
    for acct in data.accounts:
        for pid in acct.authorised:
            if pid not in people:
                problems.append(f"accounts.{acct.id}.authorised: no person {pid!r}")
    return problems


def _kept_due(store: Store, kept: CaseAgenda | None) -> list[str]:
    """What the snapshot keeps of what the cases make due and of the open cases' states
    (``due_index``) must be what the cases give: the Dashboard's first paint is made from it."""
    if kept is None:
        return []
    try:
        data = store.snapshot(timelines=False)
    except (StoreError, InvalidData, ValueError):
        return []  # reported by _records
    made = CaseAgenda.of(data.cases, data.council, data.people)
    entries, want = Counter(kept.entries()), Counter(made.entries())
    if entries == want and kept.states == made.states:
        return []
    refs = set(kept.states) | set(made.states)
    states = {ref for ref in refs if kept.states.get(ref) != made.states.get(ref)}
    wrong = sorted({e[0] for e in (entries - want) + (want - entries)} | states)[0]
    return [
        f"{store.engine.snapshot_path}: what it keeps of what the cases make due differs from "
        f"the cases (first at {wrong}); the Dashboard may list them wrongly when it opens "
        "(a fault in parishclerk: please report it)"
    ]


def _audit(store: Store, head: str | None = None) -> list[str]:
    """Walk the whole chain, replaying it: the result must be the store as it stands, and a
    head printed earlier must lie on it."""
    path = store.engine.audit_path
    wanted = head.strip().lower() if head else None
    if not path.exists():
        if wanted is not None and not GENESIS.startswith(wanted):
            return [f"{path} is missing; it held the chain head {wanted}"]
        return (
            [] if not store.counts() or not any(store.counts().values()) else [f"{path} is missing"]
        )
    problems: list[str] = []
    found = wanted is None or GENESIS.startswith(wanted)
    replayed: dict[str, Any] = {META: {"store": {"schema": migrations.CURRENT}}}
    prev, seq = GENESIS, 0
    for offset, line in iter_entries(path):
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            return [f"{path}: entry {seq + 1} at byte {offset} is not JSON"]
        if entry.get("prev") != prev:
            return [
                f"{path}: the chain is broken at entry {entry.get('seq')} (byte {offset}): "
                "an earlier entry was altered or removed"
            ]
        if entry.get("seq") != seq + 1:
            return [f"{path}: entry {seq + 1} is missing (found {entry.get('seq')})"]
        apply_changes(replayed, entry["changes"])
        prev, seq = line_hash(line), entry["seq"]
        if wanted is not None and prev.startswith(wanted):
            found = True
    if not found:
        problems.append(
            f"{path}: the chain head {wanted} printed earlier is not in the audit log: an entry "
            "up to it was altered or removed (restore the backup that carries that head)"
        )
    current = store.engine.tables
    for table in set(replayed) | set(current):
        if table == META:
            continue
        if replayed.get(table, {}) != current.get(table, {}):
            keys = set(replayed.get(table, {})) ^ set(current.get(table, {}))
            which = (
                sorted(keys)[0]
                if keys
                else next(
                    k for k in current.get(table, {}) if current[table][k] != replayed[table].get(k)
                )
            )
            problems.append(
                f"{store.engine.snapshot_path}: {table}.{which} differs from the "
                "audit log's history"
            )
    return problems


def _files(store: Store) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    referred = {e.sha256 for e in store.snapshot().evidence if e.disposed is None}
    referred |= {x.sha256 for x in store.versions() if x.sha256}
    partial, unreferred = stray_files(store.folder, referred)
    for path in partial:
        problems.append(
            f"{path}: a partial copy left by an interrupted write (removed the next time the "
            "council is opened for writing)"
        )
    for path in unreferred:
        problems.append(f"{path}: an evidence file no record refers to")
    for item in store.snapshot().evidence:
        if item.disposed is not None or item.sha256 in seen:
            continue
        seen.add(item.sha256)
        path = store.evidence_file(item)
        if not path.exists():
            problems.append(f"evidence {item.key} ({item.name}): file {path} is missing")
        elif sha256_file(path) != item.sha256:
            problems.append(
                f"evidence {item.key} ({item.name}): {path} does not match its "
                "SHA-256; the file has been altered"
            )
    for version in store.versions():
        if version.sha256:
            path = evidence_path(store.folder, version.sha256)
            if not path.exists():
                problems.append(f"versions.{version.id}: document {version.document} is missing")
            elif sha256_file(path) != version.sha256:
                problems.append(
                    f"versions.{version.id}: document {version.document} does not match its SHA-256"
                )
    return problems
