"""Every app test gets its own data folders and its own list of councils (never the user's)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from parishclerk import demo

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("PARISHCLERK_HOME", str(home))
    monkeypatch.delenv("PARISHCLERK_DATA_DIR", raising=False)
    return home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "demo"
    demo.install(folder, TODAY).close()
    return folder


@pytest.fixture
def demo_folder(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    return folder
