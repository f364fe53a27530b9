"""The repository's acknowledgements: who acknowledged which version, when and how.

A part of ``Store`` (``repository.py``), split out by responsibility as ``cases.py`` is: what it
needs of the store is the Protocol ``AckHost``, which ``Store`` satisfies.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from ..domain import validate as v
from ..domain.codec import InvalidData
from ..domain.dates import show
from ..domain.records import Acknowledgement, Person, Policy, PolicyVersion
from .errors import Conflict, NotFound


class AckHost(Protocol):
    """What the acknowledgement operations use of the store (and of each other)."""

    def transaction(self) -> AbstractContextManager[None]: ...
    def _put(self, record: Any) -> None: ...
    def _delete(self, table: str, key: str) -> None: ...
    def _all(self, table: str) -> list[Any]: ...
    def person(self, pid: str) -> Person: ...
    def policy(self, pid: str) -> Policy: ...
    def version(self, vid: str) -> PolicyVersion: ...
    def acknowledgements_of(self, person: str, version: str) -> list[Acknowledgement]: ...
    def acknowledgement(self, person: str, version: str) -> Acknowledgement | None: ...


class AckRecords:
    def acknowledgements_of(self: AckHost, person: str, version: str) -> list[Acknowledgement]:
        """Every acknowledgement of one version by one person, oldest first."""
        return sorted(
            (
                a
                for a in self._all("acknowledgements")
                if a.person == person and a.version == version
            ),
            key=lambda a: a.on,
        )

    def acknowledgement(self: AckHost, person: str, version: str) -> Acknowledgement | None:
        """The latest acknowledgement of ``version`` by ``person``, if any."""
        found = self.acknowledgements_of(person, version)
        return found[-1] if found else None

    def record_acknowledgement(
        self: AckHost, ack: Acknowledgement, replace_existing: bool = False
    ) -> None:
        """Record that someone acknowledged a version.  One already recorded is evidence (its
        date and how): it is kept unless ``replace_existing`` says the Clerk means to correct it."""
        v.check_ack(ack)
        person = self.person(ack.person)
        version = self.version(ack.version)
        if ack.on < version.adopted:
            raise InvalidData(
                "on",
                f"{show(ack.on)} is before version {version.label} was "
                f"adopted ({show(version.adopted)})",
            )
        if ack.on < person.joined:
            raise InvalidData("on", f"{show(ack.on)} is before {person.name} joined")
        old = self.acknowledgement(ack.person, ack.version)
        yearly = self.policy(version.policy).reacknowledge_yearly
        if old is not None and not replace_existing and not (yearly and ack.on > old.on):
            raise Conflict(
                f"{person.name} already acknowledged version {version.label} on "
                f"{show(old.on)} ({old.how}); that record is kept"
            )
        if ack.recorded is None:
            ack = replace(ack, recorded=date.today())
        with self.transaction():
            if old is not None and replace_existing:
                self._delete("acknowledgements", old.key)
            self._put(ack)

    def delete_acknowledgement(self: AckHost, person: str, version: str) -> None:
        """Remove the latest acknowledgement of ``version`` by ``person`` (a mistake)."""
        old = self.acknowledgement(person, version)
        if old is None:
            raise NotFound(f"no acknowledgement of {version!r} by {person!r}")
        self._delete("acknowledgements", old.key)
