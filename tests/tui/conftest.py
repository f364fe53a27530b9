"""Every app test gets its own data folders and its own list of councils (never the user's)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from parishclerk import demo
from parishclerk.domain.records import CouncilData, Person, Role
from parishclerk.store.repository import Store
from parishclerk.tui.app import ParishClerkApp

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


ESCAPES = "Mallory\x1b]0;pwned\x07\x1b[2J"
"""A name holding terminal controls (retitle, bell, wipe the screen)."""


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person whose name holds terminal controls, as an older file might: put into what the
    app reads, since the store itself now refuses such a name."""
    for name in ("data", "records"):  # records: data without case timelines (the Dashboard)
        real = getattr(ParishClerkApp, name)

        def data(self: ParishClerkApp, real=real) -> CouncilData:
            got = real(self)
            if any(p.id == "p91" for p in got.people):
                return got
            mallory = Person("p91", ESCAPES, Role.VOLUNTEER, TODAY)
            return replace(got, people=[*got.people, mallory])

        monkeypatch.setattr(ParishClerkApp, name, data)
    person = Store.person

    def one(self: Store, pid: str) -> Person:
        return Person("p91", ESCAPES, Role.VOLUNTEER, TODAY) if pid == "p91" else person(self, pid)

    monkeypatch.setattr(Store, "person", one)
