"""The storage engine: TinyDB over an in-memory table set, made durable by the journal.

Reading a data folder costs a read of the snapshot plus the few journal lines written since; a
write costs one fsync'd append of a line, not a rewrite of the whole file as TinyDB's stock JSON
storage does.  Once the journal has grown past a share of the snapshot, the snapshot is
rewritten atomically (checkpoint) and the journal keeps its history.

The snapshot is one JSON object whose last key, ``_meta``, also holds an index: where each
table's JSON lies in the file and the CRC-32 of everything before ``_meta``.  A table is parsed
only when it is first read or changed, so a command that adds a person to a council of 10,000
cases does not parse the cases; a table nobody touched is written back as the very bytes it was
read as.  The journal lines since the checkpoint are checked on open (their hash chain) but a
line's changes to a table not parsed yet wait beside it until it is (``_pending``): a change to
a case does not make opening the folder parse every case and case event.  A file without a
matching index (an older one, one edited by hand) is parsed whole, and a damaged one is refused
exactly as before (``snapshot.read_snapshot``).  Beside the tables the snapshot may hold derived
sections, worked out from them at a checkpoint by ``derive`` (the repository's: what the cases
make due, ``due_index.py``): never data, only shortcuts their reader checks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from . import migrations, platform
from .bulk import bulk
from .errors import NoCouncil, ReadOnly, StoreDamaged, StoreError
from .files import atomic_write, ensure_dir
from .journal import AUDIT_NAME, GENESIS, Journal, damage_message, read_tail
from .lock import FolderLock
from .snapshot import META, read_snapshot, snapshot_bytes
from .tinydb_view import MemoryStorage, StrTinyDB

SNAPSHOT_NAME = "council.json"
CHECKPOINT_MIN = 1 << 20  # journal bytes since the last checkpoint before a new one is considered


def history_of(folder: Path) -> str | None:
    """What a folder without ``council.json`` still holds of a council (an audit log, backups),
    naming the newest backup; None when it holds nothing of one."""
    backups = sorted(
        (p for p in (folder / "backups").glob("*.zip") if p.is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    audit = folder / AUDIT_NAME
    if not backups and not (audit.exists() and audit.stat().st_size):
        return None
    held = "an audit log" if audit.exists() else f"{len(backups)} backup(s)"
    newest = (
        f"restore the newest backup: parishclerk restore {backups[-1]} --replace"
        if backups
        else "restore a backup (parishclerk restore FILE --replace)"
    )
    return f"{folder} holds {held} but no council.json: the council is damaged, not empty; {newest}"


class Engine:
    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self.snapshot_path = folder / SNAPSHOT_NAME
        self.audit_path = folder / AUDIT_NAME
        self._lock = FolderLock(folder)
        self._journal: Journal | None = None
        self._since_checkpoint = 0
        self._snapshot_size = 0
        self._tables: dict[str, Any] = {}
        #: tables not parsed yet: their JSON as the snapshot holds it (see ``table``)
        self._raw: dict[str, memoryview] = {}
        #: journal changes (since the checkpoint) to tables still in ``_raw``, in order: applied
        #: when the table is parsed
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self.db: StrTinyDB
        self.stored_schema = migrations.CURRENT
        #: run once, after the first write is durable, in a background thread (the daily backup)
        self.after_first_write: Callable[[int], None] | None = None
        self._background: threading.Thread | None = None
        #: things the clerk should be told (a torn write set aside, a backup that failed)
        self.notices: list[str] = []
        #: the derived sections (see ``snapshot.is_derived``) as the snapshot holds them
        self.derived: dict[str, bytes] = {}
        #: makes the derived sections for a checkpoint, from the tables as they now stand (the
        #: repository's; they need the records' rules, which the engine does not know)
        self.derive: Callable[[], dict[str, bytes]] | None = None
        #: checkpoint at the next commit whatever the journal's size: set when the snapshot
        #: lacks a derived section (one written by an earlier version), so it gains it once
        self.checkpoint_soon = False

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def create(cls, folder: Path) -> Engine:
        ensure_dir(folder)
        engine = cls(folder)
        engine._lock.acquire()  # before looking: a second copy creating it too is refused
        try:
            if (folder / SNAPSHOT_NAME).exists():
                raise StoreDamaged(f"{folder} already holds a council")
            if (history := history_of(folder)) is not None:
                raise StoreDamaged(f"{history}; it was not started afresh")
            meta = {
                "schema": migrations.CURRENT,
                "audit_seq": 0,
                "audit_offset": 0,
                "audit_hash": GENESIS,
            }
            atomic_write(engine.snapshot_path, snapshot_bytes({META: {"store": meta}}))
            engine._load()
        except BaseException:
            engine._lock.release()
            raise
        return engine

    @classmethod
    def open(cls, folder: Path, read_only: bool = False) -> Engine:
        from .swap import clear_leftovers, recover

        platform.check_real_folder(folder)
        if not read_only:
            recover(folder)
        if not (folder / SNAPSHOT_NAME).exists():
            if (history := history_of(folder)) is not None:
                raise StoreDamaged(history)
            raise NoCouncil(
                f"{folder} holds no council yet (parishclerk init --council NAME starts one)"
            )
        engine = cls(folder, read_only)
        if not read_only:
            engine._lock.acquire()
        try:
            if not (folder / SNAPSHOT_NAME).exists():  # replaced while we waited for the lock
                raise NoCouncil(f"{folder} holds no council yet")
            if not read_only:  # half-built or set-aside folders of an interrupted switch
                clear_leftovers(folder)
            engine._load()
        except BaseException:
            engine._lock.release()
            raise
        return engine

    def _load(self) -> None:
        if not self.read_only:  # temporary files left by a crash mid-write (we hold the lock)
            for sub in (self.folder, self.folder / "evidence", self.folder / "backups"):
                for stale in sub.glob(".*.tmp"):
                    stale.unlink(missing_ok=True)
        for name in ("evidence", "backups"):
            platform.check_real_folder(self.folder / name)
        for name in (SNAPSHOT_NAME, AUDIT_NAME):
            _refuse_link(self.folder / name)
        try:
            raw = self.snapshot_path.read_bytes()
        except OSError as exc:
            raise StoreDamaged(f"{self.snapshot_path} cannot be read: {exc.strerror}") from None
        try:
            tables, self._raw, self.derived, damaged = read_snapshot(raw)
            if damaged:
                self.notices.append(
                    f"{self.snapshot_path}: the part that lists what the cases make due was "
                    "damaged; the records are whole, and it is made again from them"
                )
            meta = tables[META]["store"]
            schema = meta["schema"]
            offset, seq, last = meta["audit_offset"], meta["audit_seq"], meta["audit_hash"]
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise StoreDamaged(
                f"{self.snapshot_path} is damaged ({_why(exc)}); it has not been changed: "
                f"restore a backup from {self.folder / 'backups'} "
                "(parishclerk restore FILE --replace)"
            ) from None
        self._tables = tables
        if not isinstance(schema, int) or schema < 1:
            raise StoreDamaged(f"{self.snapshot_path}: schema version {schema!r} is not valid")
        if schema > migrations.CURRENT:
            raise StoreDamaged(
                f"{self.snapshot_path} was written by a newer parishclerk (schema "
                f"{schema}, this one reads up to {migrations.CURRENT}); upgrade"
            )
        self._snapshot_size = len(raw)
        self.stored_schema = schema
        tail = read_tail(self.audit_path, offset, last, seq)
        if tail.damaged:
            raise StoreDamaged(damage_message(self.audit_path, tail))
        for entry in tail.entries:
            self._apply(entry["changes"], defer=True)
        if tail.torn and not self.read_only:
            keep = self.folder / f"audit.torn-{datetime.now():%Y%m%d-%H%M%S}"
            atomic_write(keep, tail.torn)
            self.notices.append(
                f"{self.audit_path}: an unfinished write from a crash ({len(tail.torn)} bytes, "
                f"never reported saved) was set aside in {keep}"
            )
        self._since_checkpoint = tail.end - offset
        self._journal = Journal(self.audit_path, tail.end, tail.last_hash, tail.last_seq)
        self.db = StrTinyDB(tables, storage=MemoryStorage)
        if not self.read_only:
            self._journal.open()
        if schema < migrations.CURRENT:
            self._parse_all()
            self._migrate(schema)

    def _migrate(self, schema: int) -> None:
        tables = self.tables
        if self.read_only:
            migrations.migrate(tables, schema)
            return
        from .backup import make_backup

        make_backup(
            self.folder,
            self.folder
            / "backups"
            / f"before-migration-{schema}-{datetime.now():%Y%m%d-%H%M%S}.zip",
        )
        before = orjson.loads(orjson.dumps(tables))
        migrations.migrate(tables, schema)
        changes = migrations.journalled(before, tables, schema, skip=META)
        self.commit(changes)
        self.checkpoint()
        self.stored_schema = migrations.CURRENT

    # -- tables --------------------------------------------------------------------------------

    @property
    def tables(self) -> dict[str, Any]:
        """Every table, parsed (``table`` parses only the one asked for)."""
        self._parse_all()
        tables: dict[str, Any] = self.db.storage.read()  # type: ignore[assignment]  # ours
        return tables

    @property
    def meta(self) -> dict[str, Any]:
        return self._tables[META]["store"]

    @property
    def head(self) -> str:
        """The SHA-256 of the audit log's last line (the chain's head), 64 zeros if none."""
        assert self._journal is not None
        return self._journal.last_hash

    def table(self, name: str) -> dict[str, dict[str, Any]]:
        """The raw documents of a table, keyed by identifier (read-only use)."""
        if name in self._raw:
            self._parse(name)
        return self._tables.get(name, {})

    def _parse(self, name: str) -> None:
        try:
            with bulk(len(self._raw[name]) // 1024):
                docs = orjson.loads(self._raw[name])
        except orjson.JSONDecodeError as exc:  # the index matched: a change since it was read
            raise StoreDamaged(
                f"{self.snapshot_path} is damaged ({_why(exc)} in table {name}); it has not "
                f"been changed: restore a backup from {self.folder / 'backups'} "
                "(parishclerk restore FILE --replace)"
            ) from None
        self._tables[name] = docs
        del self._raw[name]
        apply_changes(self._tables, self._pending.pop(name, []))

    def peek(self, name: str) -> dict[str, dict[str, Any]]:
        """The documents of table ``name`` as it stands, without keeping it parsed (for a use
        once, as a checkpoint's derived sections: the table is still written back as read)."""
        if name not in self._raw:
            return self.table(name)
        docs: dict[str, dict[str, Any]] = orjson.loads(self._raw[name])
        apply_changes({name: docs}, self._pending.get(name, []))
        return docs

    def pending(self, name: str) -> list[dict[str, Any]] | None:
        """The journal's changes to table ``name`` since the snapshot, in order, while it is
        still unparsed (``None`` once it has been parsed: it is as it stands)."""
        if name not in self._raw:
            return None
        return list(self._pending.get(name, []))

    def _parse_all(self) -> None:
        for name in list(self._raw):
            self._parse(name)

    def _apply(self, changes: list[dict[str, Any]], defer: bool = False) -> None:
        """Apply journal changes to the tables, parsing each table they touch first; or, with
        ``defer`` (replaying the journal on open), keeping those to a table not parsed yet for
        when it is."""
        for name in {c["table"] for c in changes if "table" in c}:
            if name in self._raw and not defer:
                self._parse(name)
        for change in changes:
            name = change.get("table")
            if name is not None and name in self._raw:
                self._pending.setdefault(name, []).append(change)
            else:
                apply_changes(self._tables, [change])

    # -- writing -------------------------------------------------------------------------------

    def commit(self, changes: list[dict[str, Any]]) -> dict[str, Any]:
        """Make ``changes`` durable (one journal line, fsync'd) and then visible."""
        if self.read_only or self._journal is None:
            raise ReadOnly(f"{self.folder} is open read-only: nothing can be changed")
        if not changes:
            return {}
        before = self._journal.end
        entry = self._journal.append(datetime.now().isoformat(timespec="seconds"), changes)
        # Straight onto the tables TinyDB reads, O(1) a change: TinyDB's own upsert/remove copy
        # the whole table twice per call (100 ms a write at 100,000 records).
        self._apply(changes)
        for name in {c["table"] for c in changes if "table" in c}:
            self.db.table(name).clear_cache()
        self._since_checkpoint += self._journal.end - before
        if self.after_first_write is not None:  # the day's backup: as it stood before
            self._start_background(self.after_first_write, before)
            self.after_first_write = None
        # a checkpoint asked for soon waits for a write with no backup under way, rather than
        # keep the clerk waiting for the day's backup to finish (a checkpoint waits for it)
        busy = self._background is not None and self._background.is_alive()
        soon = self.checkpoint_soon and not busy
        if soon or self._since_checkpoint > max(CHECKPOINT_MIN, self._snapshot_size // 4):
            try:
                self.checkpoint()
            except (OSError, StoreError) as exc:
                # The change is durable in the journal already; a checkpoint is only a shortcut
                # for the next open, so its failure must not report the write as failed.
                self.notices.append(f"{self.snapshot_path}: not rewritten ({_reason(exc)})")
        return entry

    # -- work off the clerk's path -------------------------------------------------------------

    def _start_background(self, job: Callable[[int], None], end: int) -> None:
        """Run ``job(end)`` in a thread, ``end`` a position in the journal: the snapshot is not
        replaced nor a file deleted until it ends (see ``wait_background``)."""

        def run() -> None:
            try:
                job(end)
            except (OSError, StoreError) as exc:
                self.notices.append(f"the daily backup could not be written: {_reason(exc)}")

        self._background = threading.Thread(target=run, name="parishclerk-backup", daemon=False)
        self._background.start()

    def wait_background(self) -> None:
        """Wait for the background backup, before anything replaces or deletes a file."""
        if self._background is not None:
            self._background.join()
            self._background = None

    def checkpoint(self) -> None:
        """Rewrite the snapshot atomically at the journal's current position."""
        assert self._journal is not None
        self.wait_background()
        self.meta.update(
            schema=migrations.CURRENT,
            audit_seq=self._journal.last_seq,
            audit_offset=self._journal.end,
            audit_hash=self._journal.last_hash,
        )
        for name in list(self._pending):  # changed since the last checkpoint: not as read
            self._parse(name)
        derived: dict[str, bytes] = {}
        if self.derive is not None:
            try:
                derived = self.derive()
            except (StoreError, ValueError, KeyError, TypeError, AttributeError):
                derived = {}  # only a shortcut: the next open works it out from the tables
        raw = snapshot_bytes(self._tables, self._raw, derived)  # untouched: as they were read
        atomic_write(self.snapshot_path, raw)
        self.derived = dict(derived)
        self._snapshot_size = len(raw)
        self._since_checkpoint = 0
        self.checkpoint_soon = False

    def close(self) -> None:
        """Let go of the journal and the lock.  No checkpoint: every change is durable in the
        journal, and the next open replays the few lines since the last one (a checkpoint is
        made by ``commit`` once the journal has grown past its threshold)."""
        self.wait_background()
        if self._journal is not None:
            self._journal.close()
        self._lock.release()
        # The repository's hook refers back to it: break the cycle so a closed council's
        # tables are freed at once, not by a later full garbage collection in the next open.
        self.after_first_write = None
        self.derive = None


def apply_changes(tables: dict[str, Any], changes: list[dict[str, Any]]) -> None:
    """Replay one journal entry onto raw tables (used on open and by ``check``)."""
    for change in changes:
        op = change["op"]
        if op == "put":
            tables.setdefault(change["table"], {})[change["id"]] = change["after"]
        elif op == "delete":
            tables.get(change["table"], {}).pop(change["id"], None)


def _refuse_link(path: Path) -> None:
    import stat

    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise StoreDamaged(f"{path} is a link, not a file: the store does not follow links")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror}"
    return str(exc)


def _why(exc: Exception) -> str:
    if isinstance(exc, orjson.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at byte {exc.pos}"
    return f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
