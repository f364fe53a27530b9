import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from parishclerk import demo

TODAY = date(2026, 11, 23)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(isolated_home):
    def run(*args: str, stdin: str | None = None) -> Result:
        env = {**os.environ, "PARISHCLERK_HOME": str(isolated_home)}
        proc = subprocess.run(
            [sys.executable, "-m", "parishclerk", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            input=stdin,
            timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template") / "council"
    demo.install(folder, TODAY).close()
    return folder


@pytest.fixture
def demo_dir(tmp_path, demo_template) -> Path:
    """A fresh copy of the demo council (made once, copied per test)."""
    import shutil

    folder = tmp_path / "council"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }
