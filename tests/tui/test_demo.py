"""``parishclerk demo`` keeps the demo council's work; ``--fresh`` starts again, keeping a backup
of the old one and saying where (issue 12, item 1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from parishclerk.cli import main
from parishclerk.domain.records import Person, Role
from parishclerk.store.repository import Store

from .conftest import TODAY


def test_demo_keeps_work_and_fresh_keeps_a_backup(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--no-open", "--today", "23/11/2026"]) == 0
    folder = isolated_home / "demo"
    assert "A new demo council is in" in capsys.readouterr().err
    with Store.open(folder) as store:
        store.save_person(Person("p99", "Newcomer Clerk's Case", Role.VOLUNTEER, TODAY))
    assert main(["demo", "--no-open"]) == 0
    out = capsys.readouterr().err
    assert "Opening the demo council in" in out and "--fresh" in out
    with Store.open(folder, read_only=True) as store:
        assert store.person("p99").name == "Newcomer Clerk's Case"  # nothing thrown away
    assert main(["demo", "--no-open", "--fresh", "--today", "23/11/2026"]) == 0
    out = capsys.readouterr().err
    assert "The old demo council is kept as a backup: " in out
    kept = Path(out.split("kept as a backup: ")[1].split("\n")[0])
    assert kept.exists() and kept.parent.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(kept) as zf:
        assert b"Newcomer Clerk" in zf.read("council.json") + zf.read("audit.jsonl")
    with Store.open(folder, read_only=True) as store:
        assert all(p.id != "p99" for p in store.people())
        assert store.council().name


def test_fresh_is_refused_while_the_demo_is_open(isolated_home: Path) -> None:
    assert main(["demo", "--no-open", "--today", "23/11/2026"]) == 0
    with Store.open(isolated_home / "demo"):
        assert main(["demo", "--no-open", "--fresh"]) == 1
    with Store.open(isolated_home / "demo", read_only=True) as store:
        assert store.council().name  # still there
