"""TinyDB's view of the engine's tables: documents keyed by the record's own identifier, in
memory (durability is the journal's job, see ``engine.py``)."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


class StrTable(Table):
    """Documents keyed by the record's own identifier instead of a counter."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB types it as int; str works


class MemoryStorage(Storage):
    """TinyDB's view of the engine's tables; durability is the journal's job."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.tables = tables

    def read(self) -> dict[str, Any]:
        return self.tables

    def write(self, data: dict[str, Any]) -> None:
        self.tables = data

    def close(self) -> None:
        pass


class StrTinyDB(TinyDB):
    table_class = StrTable
