"""The repository: the one door to a council's data folder.

The app, the command line and the reports see dataclasses from ``parishclerk.domain``; only this
package knows that TinyDB and a journal sit underneath.  Every write is checked against the
domain's rules first and then committed as one durable, audited transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import orjson

from ..domain import validate as v
from ..domain.case_due import CaseAgenda
from ..domain.categories import check_catalogue
from ..domain.codec import InvalidData, decode, encode, trusted_decoder
from ..domain.dates import show
from ..domain.records import (
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
    Council,
    CouncilData,
    Evidence,
    Person,
    Policy,
    PolicyVersion,
    Reminder,
)
from . import due_index
from .acknowledgements import AckRecords
from .backup import automatic_backup, latest_automatic
from .bulk import bulk
from .cases import CaseRecords
from .engine import Engine
from .errors import Conflict, NotFound, StoreError
from .evidence import PENDING, evidence_path, store_file, sweep_pending

T = TypeVar("T")


@cache
def shipped_categories() -> dict[str, str]:
    from importlib.resources import files

    raw = files("parishclerk.data").joinpath("categories.json").read_bytes()
    return check_catalogue(orjson.loads(raw)["categories"], "data/categories.json")


CACHE_UPDATE_MAX = 1000  # changes in one write above which cached tables are decoded afresh

TABLES: dict[str, type] = {
    "people": Person,
    "policies": Policy,
    "versions": PolicyVersion,
    "acknowledgements": Acknowledgement,
    "cases": Case,
    "events": CaseEvent,
    "evidence": Evidence,
    "reminders": Reminder,
    "accounts": Account,
}


RECORD_NAMES = {
    "people": "person",
    "policies": "policy",
    "versions": "policy version",
    "acknowledgements": "acknowledgement",
    "cases": "case",
    "events": "case event",
    "evidence": "evidence item",
    "reminders": "reminder",
    "accounts": "account",
}


def key_of(record: Any) -> str:
    for attr in ("key", "reference", "id"):
        if hasattr(record, attr):
            return getattr(record, attr)
    raise TypeError(record)  # pragma: no cover


def table_of(record: Any) -> str:
    for name, cls in TABLES.items():
        if isinstance(record, cls):
            return name
    raise TypeError(record)  # pragma: no cover


class Store(CaseRecords, AckRecords):
    """A council's data folder, open for reading and (unless read-only) writing."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Decoded records by table and key, in the engine's order, kept up to date by each
        # write (so one write does not cost a re-decode of its whole table), and as lists.
        self._cache: dict[str, dict[str, Any]] = {}
        self._lists: dict[str, list[Any]] = {}
        self._pending: list[dict[str, Any]] | None = None
        self._staged: dict[tuple[str, str], Any] = {}
        self._agenda: tuple[str, CaseAgenda | None] | None = None
        """``saved_case_agenda`` at the journal's head then."""
        engine.derive = partial(due_index.section, engine)
        # a snapshot from before the due index: gains it at the next write (once)
        engine.checkpoint_soon = not engine.read_only and due_index.SECTION not in engine.derived
        if not engine.read_only and self._backup_due():
            engine.after_first_write = self._daily_backup
        if not engine.read_only and (engine.folder / "evidence" / PENDING).exists():
            self._finish_evidence_changes()

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, read_only: bool = False) -> Store:
        return cls(Engine.open(Path(folder), read_only=read_only))

    @classmethod
    def create(cls, folder: Path | str, council: Council) -> Store:
        v.check_council(council)
        store = cls(Engine.create(Path(folder)))
        store._engine.after_first_write = None
        store.save_council(council)
        return store

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folder(self) -> Path:
        return self._engine.folder

    @property
    def read_only(self) -> bool:
        return self._engine.read_only

    def _finish_evidence_changes(self) -> None:
        """An add or disposal of evidence was interrupted: delete the files it named that no
        live record refers to (a disposal recorded, an add never recorded)."""
        live = {
            doc["sha256"]
            for doc in self._engine.table("evidence").values()
            if doc.get("disposed") is None
        }
        live |= {
            doc["sha256"] for doc in self._engine.table("versions").values() if doc.get("sha256")
        }
        for path in sweep_pending(self.folder, live):
            self._engine.notices.append(
                f"{path}: deleted, left by an interrupted disposal or addition of evidence"
            )

    @property
    def notices(self) -> list[str]:
        """What the clerk should be told about this folder (an unfinished write from a crash
        set aside, a daily backup that failed): one line each."""
        return self._engine.notices

    def chain_head(self) -> str:
        """The audit chain's head in short form (12 hex digits): printed by ``check``, kept in
        every backup and on the confidential pack, so the log as it stood can be verified."""
        return self._engine.head[:12]

    def _backup_due(self) -> bool:
        last = latest_automatic(self.folder)
        return last is None or last.name[5:13] != date.today().strftime("%Y%m%d")

    def _daily_backup(self, audit_end: int) -> None:
        """The first write of the day's backup, taken after that write is durable, in the
        background (see ``Engine.after_first_write``)."""
        if self._backup_due():
            automatic_backup(self.folder, audit_end)

    # -- generic reads -------------------------------------------------------------------------

    def _all(self, table: str) -> list[Any]:
        listed = self._lists.get(table)
        if listed is None:
            records = self._cache.get(table)
            if records is None:
                docs = self._engine.table(table)
                fast = trusted_decoder(TABLES[table])
                try:
                    with bulk(len(docs)):
                        records = {key: fast(doc) for key, doc in docs.items()}
                except Exception:  # not as this program wrote it: find and name the bad field
                    records = {key: self._decode(table, key, doc) for key, doc in docs.items()}
                self._cache[table] = records
            listed = self._lists[table] = list(records.values())
        return listed

    def _decode(self, table: str, key: str, doc: dict[str, Any]) -> Any:
        """One stored document as its record: the fast decoder for what this program wrote,
        the checking one (naming the bad field) when the document is not as written."""
        try:
            return trusted_decoder(TABLES[table])(doc)
        except Exception:
            try:
                return decode(TABLES[table], doc, f"{table}.{key}")
            except InvalidData as exc:
                raise StoreError(f"{self._engine.snapshot_path}: {exc}") from None

    def _doc(self, table: str, key: str) -> dict[str, Any] | None:
        """The document as this transaction sees it (staged writes included)."""
        if (table, key) in self._staged:
            return self._staged[(table, key)]
        return self._engine.table(table).get(key)

    def _get(self, table: str, key: str) -> Any:
        doc = self._doc(table, key)
        if doc is None:
            raise NotFound(f"no {RECORD_NAMES[table]} {key!r}")
        return decode(TABLES[table], doc, f"{table}.{key}")

    def _exists(self, table: str, key: str) -> bool:
        return self._doc(table, key) is not None

    def council(self) -> Council:
        doc = self._engine.table("council").get("council")
        if doc is None:
            raise StoreError(f"{self.folder}: the council's details are missing")
        return decode(Council, doc, "council")

    def categories(self) -> dict[str, str]:
        """The breach categories: the council's own labels, else the catalogue shipped in
        ``data/categories.json``."""
        doc = self._engine.table("settings").get("categories")
        return check_catalogue(doc["labels"]) if doc else shipped_categories()

    def people(self) -> list[Person]:
        return list(self._all("people"))

    def person(self, pid: str) -> Person:
        return self._get("people", pid)

    def policies(self) -> list[Policy]:
        return list(self._all("policies"))

    def policy(self, pid: str) -> Policy:
        return self._get("policies", pid)

    def versions(self, policy: str | None = None) -> list[PolicyVersion]:
        out = [x for x in self._all("versions") if policy is None or x.policy == policy]
        return sorted(out, key=lambda x: (x.policy, x.adopted))

    def version(self, vid: str) -> PolicyVersion:
        return self._get("versions", vid)

    def acknowledgements(self) -> list[Acknowledgement]:
        return list(self._all("acknowledgements"))

    def cases(self) -> list[Case]:
        return list(self._all("cases"))

    def case(self, ref: str) -> Case:
        return self._get("cases", ref)

    def events(self, ref: str) -> list[CaseEvent]:
        """The case's timeline, by date and then by the order it was recorded."""
        return sorted(
            (e for e in self._all("events") if e.case == ref), key=lambda e: (e.on, e.seq)
        )

    def evidence(self, ref: str) -> list[Evidence]:
        return sorted((e for e in self._all("evidence") if e.case == ref), key=lambda e: e.seq)

    def evidence_file(self, item: Evidence) -> Path:
        return evidence_path(self.folder, item.sha256)

    def reminders(self) -> list[Reminder]:
        return list(self._all("reminders"))

    def accounts(self) -> list[Account]:
        return list(self._all("accounts"))

    def snapshot(self, timelines: bool = True, cases: bool = True) -> CouncilData:
        """Everything the council holds, for due items, reports and export; without
        ``timelines``, no case events and no evidence (what is due needs neither, and on a large
        council they are the half not needed to show it); without ``cases``, no cases either
        (for what is due with ``saved_case_agenda``: nothing else may read it)."""
        return CouncilData(
            council=self.council(),
            people=self.people(),
            policies=self.policies(),
            versions=self.versions(),
            acknowledgements=self.acknowledgements(),
            cases=self.cases() if cases else [],
            events=list(self._all("events")) if timelines else [],
            evidence=list(self._all("evidence")) if timelines else [],
            reminders=self.reminders(),
            accounts=self.accounts(),
        )

    def saved_case_agenda(self) -> CaseAgenda | None:
        """What the cases make due (``domain.case_due.case_entries``, as a ``CaseAgenda``) without
        reading them, from what the snapshot keeps beside them, if that is still what they
        would give; else ``None`` (see ``due_index``)."""
        if "cases" in self._cache:
            return None  # read already: working it out from them is as quick
        head = self._engine.head  # the same journal, the same answer: each reload asks
        if self._agenda is None or self._agenda[0] != head:
            agenda = due_index.saved_agenda(self._engine, self.council(), self.people())
            self._agenda = (head, agenda)
        return self._agenda[1]

    def counts(self) -> dict[str, int]:
        return {name: len(self._engine.table(name)) for name in TABLES}

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one durable, all-or-nothing journal entry."""
        if self._pending is not None:
            yield
            return
        self._pending = []
        self._staged = {}
        try:
            yield
            pending, self._pending = self._pending, None
            self._flush(pending)
        finally:
            self._pending = None
            self._staged = {}

    def _flush(self, changes: list[dict[str, Any]]) -> None:
        if not changes:
            return
        self._engine.commit(changes)
        bulk = len(changes) > CACHE_UPDATE_MAX
        for change in changes:
            table = change.get("table", "")
            self._lists.pop(table, None)
            records = self._cache.get(table)
            if records is None:
                continue
            if bulk:  # an import: decoding again on the next read costs the same
                del self._cache[table]
            elif change["op"] == "put":
                records[change["id"]] = self._decode(table, change["id"], change["after"])
            elif change["op"] == "delete":
                records.pop(change["id"], None)

    def _stage(self, op: str, table: str, key: str, after: dict[str, Any] | None) -> None:
        if self.read_only:
            from .errors import ReadOnly

            raise ReadOnly(f"{self.folder} is open read-only: nothing can be changed")
        if self._pending is not None and (table, key) in self._staged:
            before = self._staged[(table, key)]
        else:
            before = self._engine.table(table).get(key)
        change = {"op": op, "table": table, "id": key, "before": before, "after": after}
        if self._pending is not None:
            self._pending.append(change)
            self._staged[(table, key)] = after
        else:
            self._flush([change])

    def _put(self, record: Any, categories: dict[str, str] | None = None) -> None:
        # Every record meets the domain's rules on its way in, whichever method wrote it, so
        # the store holds nothing that check or an import would refuse.
        if isinstance(record, Case):
            v.check_case(record, "case", categories or self.categories())
        else:
            v.check_record(record)
        self._stage("put", table_of(record), key_of(record), encode(record))

    def _delete(self, table: str, key: str) -> None:
        if not self._exists(table, key):
            raise NotFound(f"no {RECORD_NAMES[table]} {key!r}")
        self._stage("delete", table, key, None)

    def save_council(self, council: Council) -> None:
        v.check_council(council)
        self._stage("put", "council", "council", encode(council))

    def save_categories(self, labels: dict[str, str]) -> None:
        self._stage("put", "settings", "categories", {"labels": check_catalogue(labels)})

    def save_person(self, person: Person) -> None:
        """Add or change a person; a leaving date fixes the retention of their closed cases."""
        v.check_person(person)
        with self.transaction():
            self._put(person)
            if person.left is not None:
                self.fix_retention(person)

    def delete_person(self, pid: str) -> None:
        """Delete a person nobody else refers to; someone with history is archived (left date)."""
        uses = [a for a in self._all("acknowledgements") if a.person == pid]
        cases = [c.reference for c in self._all("cases") if c.subject.person == pid]
        if uses or cases:
            raise Conflict(
                f"{self.person(pid).name} has acknowledgements or cases; record the "
                "day they left instead of deleting them"
            )
        with self.transaction():
            for acct in self._all("accounts"):
                if pid in acct.authorised:
                    self._put(replace(acct, authorised=[x for x in acct.authorised if x != pid]))
            self._delete("people", pid)

    def save_policy(self, policy: Policy) -> None:
        v.check_policy(policy)
        self._put(policy)

    def delete_policy(self, pid: str) -> None:
        if self.versions(pid):
            raise Conflict(f"policy {pid!r} has versions; delete is refused to keep its history")
        self._delete("policies", pid)

    def save_version(self, version: PolicyVersion) -> None:
        v.check_version(version)
        if not self._exists("policies", version.policy):
            raise Conflict(f"version {version.id!r}: no policy {version.policy!r}")
        label = version.label.strip().casefold()
        for other in self._all("versions"):
            if (
                other.policy == version.policy
                and other.id != version.id
                and other.label.strip().casefold() == label
            ):
                raise InvalidData(
                    "label",
                    f"version {version.label} of this policy already "
                    f"exists (adopted {show(other.adopted)})",
                )
        self._put(version)

    def attach_document(self, version: PolicyVersion, source: Path) -> PolicyVersion:
        sha, _ = store_file(self.folder, source)
        updated = replace(version, document=source.name, sha256=sha)
        self.save_version(updated)
        return updated

    # reminders and accounts ---------------------------------------------------------------------

    def save_reminder(self, reminder: Reminder) -> None:
        v.check_reminder(reminder)
        self._put(reminder)

    def delete_reminder(self, rid: str) -> None:
        self._delete("reminders", rid)

    def save_account(self, account: Account) -> None:
        v.check_account(account)
        for pid in account.authorised:
            self.person(pid)
        self._put(account)

    def delete_account(self, aid: str) -> None:
        self._delete("accounts", aid)

    def new_id(self, table: str, prefix: str) -> str:
        keys = self._engine.table(table)
        n = len(keys) + 1
        while f"{prefix}{n}" in keys:
            n += 1
        return f"{prefix}{n}"

    # whole council ------------------------------------------------------------------------------

    def replace_all(self, data: CouncilData) -> None:
        """Replace everything with ``data`` (an import), as one transaction."""
        categories = self.categories()
        with self.transaction():
            for table in TABLES:
                for key in list(self._engine.table(table)):
                    self._stage("delete", table, key, None)
            self.save_council(data.council)
            for records in (
                data.people,
                data.policies,
                data.versions,
                data.acknowledgements,
                data.cases,
                data.events,
                data.evidence,
                data.reminders,
                data.accounts,
            ):
                for record in records:
                    self._put(record, categories)
        self._engine.checkpoint()

    @property
    def engine(self) -> Engine:
        return self._engine
