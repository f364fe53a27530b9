"""The repository's case operations: logging, moving, notes, evidence, disposal, retention.

A part of ``Store`` (``repository.py``), split out by responsibility.  What it needs of the
store is written down as a Protocol (``CaseHost``) and each method takes ``self`` as one, so
the type checker follows every call into the store; ``Store`` satisfies it, which the checker
proves wherever a case method is called on a ``Store``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..domain import validate as v
from ..domain.codec import InvalidData
from ..domain.dates import show
from ..domain.procedures import CaseError, move_case, next_reference, retention
from ..domain.records import Case, CaseEvent, Council, Evidence, NextAction, Person, Status
from . import platform
from .errors import Conflict
from .evidence import clear_pending, mark_pending, store_file

if TYPE_CHECKING:
    from .engine import Engine


class CaseHost(Protocol):
    """What the case operations use of the store (and of each other)."""

    _engine: Engine
    _staged: dict[tuple[str, str], Any]

    @property
    def folder(self) -> Path: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def _put(self, record: Any) -> None: ...
    def _exists(self, table: str, key: str) -> bool: ...
    def _all(self, table: str) -> list[Any]: ...
    def categories(self) -> dict[str, str]: ...
    def council(self) -> Council: ...
    def person(self, pid: str) -> Person: ...
    def case(self, ref: str) -> Case: ...
    def evidence(self, ref: str) -> list[Evidence]: ...
    def evidence_file(self, item: Evidence) -> Path: ...
    def _next_seq(self, table: str, ref: str) -> int: ...
    def _event(
        self, ref: str, on: date, kind: str, text: str, status: Status | None = None
    ) -> CaseEvent: ...
    def fix_retention(self, person: Person) -> None: ...
    def _finish_evidence_changes(self) -> None: ...


class CaseRecords:
    def new_reference(self: CaseHost, year: int) -> str:
        return next_reference(list(self._engine.table("cases")), year)

    def open_case(self: CaseHost, case: Case, note: str = "") -> Case:
        """Log a new case with its 'received' event."""
        if self._exists("cases", case.reference):
            raise Conflict(f"case {case.reference} already exists")
        v.check_case(case, "case", self.categories())
        if case.subject.person is not None:
            self.person(case.subject.person)
        with self.transaction():
            self._put(case)
            self._put(
                CaseEvent(
                    case.reference,
                    1,
                    case.received,
                    "received",
                    note or f"Received from {case.reported_by}",
                    Status.RECEIVED,
                )
            )
        return case

    def save_case(self: CaseHost, case: Case, on: date | None = None) -> None:
        """Change a case's details (not its status: use ``move``); ``on`` dates the event
        recording a change of procedure (default today)."""
        old = self.case(case.reference)
        if old.status != case.status:
            raise CaseError(f"{case.reference}: change the status with a move")
        v.check_case(case, "case", self.categories())
        with self.transaction():
            if old.procedure != case.procedure:
                if not case.procedure_reason.strip():
                    raise InvalidData("procedure_reason", "changing the procedure needs a reason")
                self._event(
                    case.reference,
                    on or date.today(),
                    "procedure",
                    f"Procedure changed from {old.procedure.label} to "
                    f"{case.procedure.label}: {case.procedure_reason}",
                )
            self._put(case)

    def _next_seq(self: CaseHost, table: str, ref: str) -> int:
        prefix = f"{ref}#"
        staged = [k for (t, k) in self._staged if t == table]
        seqs = [
            int(k[len(prefix) :])
            for k in [*self._engine.table(table), *staged]
            if k.startswith(prefix)
        ]
        return max(seqs, default=0) + 1

    def _event(
        self: CaseHost, ref: str, on: date, kind: str, text: str, status: Status | None = None
    ) -> CaseEvent:
        event = CaseEvent(ref, self._next_seq("events", ref), on, kind, text, status)
        v.check_event(event)
        self._put(event)
        return event

    def move(
        self: CaseHost,
        ref: str,
        to: Status,
        on: date,
        note: str = "",
        outcome: str | None = None,
        force: bool = False,
        next_action: NextAction | None = None,
    ) -> Case:
        """Move a case on.  The next action belonged to the old state, so it is replaced by
        ``next_action`` (or cleared)."""
        case = self.case(ref)
        result = move_case(case, to, on, self._next_seq("events", ref), note, outcome, force)
        new = result.case
        if next_action is not None:
            if not next_action.what.strip():
                raise InvalidData("next_action.what", "say what the next action is")
            if next_action.due < on:
                raise InvalidData("next_action.due", f"{show(next_action.due)} is before the move")
        new.next_action = next_action if to.is_open else None
        if not to.is_open:
            subject = self.person(new.subject.person) if new.subject.person else None
            new.retain_until, _ = retention(new, self.council(), subject)
        with self.transaction():
            self._put(new)
            self._put(result.event)
        return new

    def add_note(self: CaseHost, ref: str, on: date, text: str, kind: str = "note") -> CaseEvent:
        self.case(ref)
        if not text.strip():
            raise InvalidData("text", "a note needs some text")
        return self._event(ref, on, kind, text.strip())

    def add_evidence(
        self: CaseHost,
        ref: str,
        source: Path,
        *,
        captured: date,
        by: str,
        kind: str,
        description: str = "",
    ) -> Evidence:
        self.case(ref)
        sha, size = store_file(self.folder, Path(source), pending=True)
        try:
            item = Evidence(
                ref,
                self._next_seq("evidence", ref),
                captured,
                by,
                kind,
                Path(source).name,
                sha,
                description,
                size,
            )
            v.check_evidence(item)
            with self.transaction():
                self._put(item)
                self._event(
                    ref, captured, "evidence", f"Evidence {item.seq} added: {item.name} ({kind})"
                )
        except BaseException:
            self._finish_evidence_changes()  # the copy goes unless a record refers to it
            raise
        clear_pending(self.folder)
        return item

    def dispose_case(self: CaseHost, ref: str, on: date, how: str) -> Case:
        """Record disposal of a closed case's evidence after its retention date."""
        case = self.case(ref)
        if case.status.is_open:
            raise CaseError(f"{ref} is still open: close it before disposal")
        shas = [item.sha256 for item in self.evidence(ref) if item.disposed is None]
        if shas:  # a kill after the record and before the delete: the next open deletes them
            mark_pending(self.folder, shas)
        with self.transaction():
            for item in self.evidence(ref):
                if item.disposed is None:
                    self._put(replace(item, disposed=on))
            self._event(ref, on, "disposal", how or "Evidence disposed of")
            case = replace(case, disposed_on=on)
            self._put(case)
        documents = {x.sha256 for x in self._all("versions") if x.sha256}
        for item in self.evidence(ref):
            still = [
                e for e in self._all("evidence") if e.sha256 == item.sha256 and e.disposed is None
            ]
            if not still and item.sha256 not in documents:
                self._engine.wait_background()  # a backup in progress may be reading it
                platform.remove(self.evidence_file(item))
        if shas:
            clear_pending(self.folder)
        return case

    def fix_retention(self: CaseHost, person: Person) -> None:
        """When someone's employment ends, fix the retention of their disciplinary files."""
        council = self.council()
        with self.transaction():
            for case in self._all("cases"):
                if (
                    case.subject.person == person.id
                    and not case.status.is_open
                    and case.disposed_on is None
                ):
                    until, _ = retention(case, council, person)
                    if until != case.retain_until:
                        self._put(replace(case, retain_until=until))
