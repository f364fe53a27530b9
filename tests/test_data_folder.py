"""data/: the catalogue, the people template and the example council stay valid, and ship in the
wheel from there (read through importlib.resources, no second copy under parishclerk/)."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import orjson

from parishclerk.domain.categories import DEFAULT_CATEGORIES, check_catalogue
from parishclerk.domain.interchange import from_document, to_document
from parishclerk.domain.people_csv import read_people
from parishclerk.domain.records import Role
from parishclerk.store.repository import Store, shipped_categories

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_the_package_reads_data_from_the_top_level_folder() -> None:
    assert not (ROOT / "parishclerk" / "data").exists()  # no second copy
    for path in data_files():
        assert files("parishclerk.data").joinpath(path.name).read_bytes() == path.read_bytes()


def test_the_catalogue_is_complete() -> None:
    doc = orjson.loads((DATA / "categories.json").read_bytes())
    assert doc["format"] == "parishclerk-categories/1"
    assert check_catalogue(doc["categories"], "data/categories.json") == doc["categories"]
    assert set(doc["categories"]) == set(DEFAULT_CATEGORIES)
    assert shipped_categories() == doc["categories"]


def test_the_people_template_imports() -> None:
    raw = (DATA / "people-template.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads Siân as Siân
    ids = iter(f"p{n}" for n in range(1, 100))
    result = read_people(raw, "people-template.csv", [], lambda: next(ids))
    people = {p.name: p for p in result.added}
    assert len(people) == 4 and not result.updated
    assert people["Siân Example-Jones"].role is Role.VICE_CHAIR
    assert people["Jane Example"].joined.isoformat() == "2025-05-06"  # read day first
    assert people["Jane Example"].interests_registered is not None


def held_in(small: object, big: object, path: str = "") -> None:
    """Every value of ``small`` is in ``big`` at the same place (``big`` may add keys: a field
    added to the format since the file was made, with its default)."""
    if isinstance(small, dict):
        assert isinstance(big, dict), path
        for key, value in small.items():
            assert key in big, f"{path}.{key} is lost"
            held_in(value, big[key], f"{path}.{key}")
    elif isinstance(small, list):
        assert isinstance(big, list) and len(big) == len(small), path
        for i, (a, b) in enumerate(zip(small, big, strict=True)):
            held_in(a, b, f"{path}[{i}]")
    else:
        assert small == big, f"{path}: {small!r} came back as {big!r}"


def test_the_example_council_imports_and_round_trips(tmp_path) -> None:
    """Imported into a store and exported again, nothing in the file is lost or changed, and
    a second round trip is exact. (``make example`` writes the file afresh.)"""
    raw = (DATA / "example-council.json").read_bytes()
    doc = orjson.loads(raw)
    data = from_document(doc)
    with Store.create(tmp_path / "c", data.council) as store:
        store.replace_all(data)
    with Store.open(tmp_path / "c", read_only=True) as store:
        back = to_document(store.snapshot())
    held_in(doc, back)
    assert to_document(from_document(back)) == back
    assert data.people and data.policies and data.cases and data.reminders
    assert not data.evidence  # an interchange file carries no evidence files


def test_the_wheel_holds_every_file_of_data_and_every_module(tmp_path) -> None:
    """Built offline from a copy of the sources (the working tree is not touched)."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("parishclerk", "data"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    # the build backend called as pip would call it, without pip's start-up (PEP 517)
    hook = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"
    built = subprocess.run(
        [sys.executable, "-c", hook, str(tmp_path / "out")],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "out").glob("parishclerk-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        meta = email.message_from_bytes(
            z.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        )
    for path in data_files():
        assert f"parishclerk/data/{path.relative_to(DATA).as_posix()}" in names, path
    for path in sorted((ROOT / "parishclerk").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            assert path.relative_to(ROOT).as_posix() in names, path
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith("licenses/LICENSE") for n in names)
