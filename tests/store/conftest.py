"""Fixtures for the store tests (helpers live in ``store_helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parishclerk.domain.records import Council
from parishclerk.store.repository import Store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "council"


@pytest.fixture
def store(folder: Path):
    s = Store.create(folder, Council("Test Parish Council"))
    yield s
    s.close()
