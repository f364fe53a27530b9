"""The import contracts in `.importlinter` hold, and they bite: a new arrow across a layer or a
new circle makes `lint-imports` fail (checked on a copy of the package with the arrow added)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(LINT), str(where / ".importlinter"), "--no-cache"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("contracts")
    shutil.copytree(
        ROOT / "parishclerk", where / "parishclerk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / ".importlinter", where / ".importlinter")
    return where


def test_the_contracts_hold() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("domain/records.py", "import parishclerk.store.repository", "layers"),
        ("domain/dates.py", "import orjson", "The domain does no I/O"),
        ("store/engine.py", "import parishclerk.tui.app", "Layers"),
        ("reports/pack.py", "import textual.app", "Textual only"),
        ("tui/app.py", "import reportlab.lib", "reportlab only"),
        ("store/journal.py", "from parishclerk.store import repository", "No import circle"),
    ],
)
def test_a_new_arrow_breaks_a_contract(copy: Path, module: str, line: str, contract: str) -> None:
    path = copy / "parishclerk" / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n{line}  # added by the test\n", encoding="utf-8")
        result = lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert contract.lower() in result.stdout.lower()
