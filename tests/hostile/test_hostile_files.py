"""Hostile file-system shapes against every command that reads or writes a data folder.

One table: each row sets up a shape (a symlink, a full disk, a read-only folder, a second copy
running, a damaged snapshot, a truncated journal), runs one command, and expects a one-line
refusal naming the file, exit 1, and the data folder unchanged byte for byte.

To add a case, add a row: ``Shape(name, setup, argv, words)`` where ``setup(ctx)`` changes the
world and returns nothing, ``argv(ctx)`` gives the command's arguments after ``--data-dir``,
and ``words(ctx)`` the text the message must hold (usually a path)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from parishclerk import cli
from parishclerk.store import backup as bk
from parishclerk.store import platform
from parishclerk.store.lock import FolderLock

TODAY = date(2026, 11, 23)


@dataclass
class Ctx:
    tmp: Path
    folder: Path
    backup: Path
    doc: Path
    held: list[object]


@dataclass
class Shape:
    name: str
    setup: Callable[[Ctx], None]
    argv: Callable[[Ctx], list[str]]
    words: Callable[[Ctx], str]


def _link_evidence(ctx: Ctx) -> None:
    """The evidence file beside the interchange file is a link to a secret."""
    from parishclerk.store.repository import Store

    with Store.open(ctx.folder, read_only=True) as s:
        sha = s.snapshot().evidence[0].sha256
    (ctx.doc.parent / "evidence").mkdir()
    (ctx.tmp / "secret").write_bytes(b"root:secret")
    (ctx.doc.parent / "evidence" / sha).symlink_to(ctx.tmp / "secret")


def _link_data_folder(ctx: Ctx) -> None:
    real = ctx.tmp / "real"
    shutil.move(str(ctx.folder), real)
    ctx.folder.symlink_to(real)


def _link_evidence_folder(ctx: Ctx) -> None:
    ev = ctx.folder / "evidence"
    shutil.move(str(ev), ctx.tmp / "elsewhere")
    ev.symlink_to(ctx.tmp / "elsewhere")


def _link_file(name: str) -> Callable[[Ctx], None]:
    def setup(ctx: Ctx) -> None:
        shutil.move(str(ctx.folder / name), ctx.tmp / name)
        (ctx.folder / name).symlink_to(ctx.tmp / name)

    return setup


def _link_output(ctx: Ctx) -> None:
    (ctx.tmp / "victim").write_bytes(b"keep me")
    (ctx.tmp / "out.csv").symlink_to(ctx.tmp / "victim")


def _full_disk(ctx: Ctx) -> None:
    def full(fd: int, data: bytes | memoryview) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def full_sync(fd: int) -> None:  # delayed allocation: the space runs out at fsync
        raise OSError(errno.ENOSPC, "No space left on device")

    ctx.held.append(("patch", platform, "write_all", full))
    ctx.held.append(("patch", os, "fsync", full_sync))


def _read_only(ctx: Ctx) -> None:
    os.chmod(ctx.folder, 0o500)
    if os.geteuid() == 0:  # root ignores folder permissions: refuse as the system would
        real = platform.open_fd

        def refused(path: Path | str, flags: int, mode: int = 0o600) -> int:
            if str(path).startswith(str(ctx.folder)) and flags & (os.O_WRONLY | os.O_RDWR):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, flags, mode)

        ctx.held.append(("patch", platform, "open_fd", refused))


def _second_copy(ctx: Ctx) -> None:
    lock = FolderLock(ctx.folder)
    lock.acquire()
    ctx.held.append(lock)


def _damaged_snapshot(ctx: Ctx) -> None:
    path = ctx.folder / "council.json"
    path.write_bytes(path.read_bytes()[:-40])


def _truncated_journal(ctx: Ctx) -> None:
    from parishclerk.store.repository import Store

    with Store.open(ctx.folder) as s:  # the snapshot records the end of the log...
        s.engine.checkpoint()
    path = ctx.folder / "audit.jsonl"
    path.write_bytes(path.read_bytes()[:-100])  # ...which is then cut short


def _people_csv(ctx: Ctx) -> str:
    path = ctx.tmp / "people.csv"
    path.write_text("name,role,joined\nSiân Llewellyn,councillor,4/5/2023\n", encoding="utf-8")
    return str(path)


AUDIT = "audit.jsonl"
SHAPES = [
    Shape(
        "symlinked evidence file",
        _link_evidence,
        lambda c: ["import", "council", str(c.doc), "--replace"],
        lambda c: f"{c.doc.parent / 'evidence'}/",
    ),
    Shape(
        "symlinked data folder",
        _link_data_folder,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder}: is a link to a folder",
    ),
    Shape(
        "symlinked evidence folder",
        _link_evidence_folder,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / 'evidence'}: is a link",
    ),
    Shape(
        "symlinked snapshot",
        _link_file("council.json"),
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / 'council.json'} is a link",
    ),
    Shape(
        "symlinked journal",
        _link_file(AUDIT),
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / AUDIT} is a link",
    ),
    Shape(
        "full disk: import people",
        _full_disk,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / AUDIT}: No space left on device",
    ),
    Shape(
        "full disk: backup",
        _full_disk,
        lambda c: ["backup", "-o", str(c.tmp / "b.zip")],
        lambda c: "No space left on device",
    ),
    Shape(
        "full disk: restore --replace",
        _full_disk,
        lambda c: ["restore", str(c.backup), "--replace"],
        lambda c: "No space left on device",
    ),
    Shape(
        "read-only folder",
        _read_only,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: str(c.folder),
    ),
    Shape(
        "second copy running: import people",
        _second_copy,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder} is open in another copy of parishclerk (process {os.getpid()})",
    ),
    Shape(
        "second copy running: restore --replace",
        _second_copy,
        lambda c: ["restore", str(c.backup), "--replace"],
        lambda c: f"process {os.getpid()}",
    ),
    Shape(
        "second copy running: import council --replace",
        _second_copy,
        lambda c: ["import", "council", str(c.doc), "--replace"],
        lambda c: f"process {os.getpid()}",
    ),
    Shape(
        "damaged snapshot",
        _damaged_snapshot,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / 'council.json'} is damaged",
    ),
    Shape(
        "damaged snapshot: backup",
        _damaged_snapshot,
        lambda c: ["backup", "-o", str(c.tmp / "b.zip")],
        lambda c: f"{c.folder / 'council.json'} is damaged",
    ),
    Shape(
        "truncated journal",
        _truncated_journal,
        lambda c: ["import", "people", _people_csv(c)],
        lambda c: f"{c.folder / AUDIT} is shorter than the store expects",
    ),
    Shape(
        "symlinked output file",
        _link_output,
        lambda c: ["backup", "-o", str(c.tmp / "out.csv")],
        lambda c: f"{c.tmp / 'out.csv'}: is a link",
    ),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path, Path]:
    from parishclerk import demo

    base = tmp_path_factory.mktemp("hostile")
    folder = base / "council"
    demo.install(folder, TODAY).close()
    backup = bk.make_backup(folder, base / "good.zip")
    doc = base / "x" / "council.json"
    doc.parent.mkdir()
    assert cli.main(["--data-dir", str(folder), "export", "council", "-o", str(doc)]) == 0
    return folder, backup, doc


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    out: dict[str, tuple[int, bytes | None]] = {}
    for root, dirs, names in os.walk(folder, followlinks=False):
        for n in names + dirs:
            p = Path(root, n)
            rel = str(p.relative_to(folder))
            if rel == ".lock":
                continue
            st = p.lstat()
            data = p.read_bytes() if stat.S_ISREG(st.st_mode) else None
            out[rel] = (stat.S_IMODE(st.st_mode), data)
    return out


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_hostile_file_shape(shape, template, tmp_path, capsys, isolated_home, monkeypatch):
    src, backup, doc = template
    folder = tmp_path / "council"
    shutil.copytree(src, folder, ignore=shutil.ignore_patterns(".lock"))
    docdir = tmp_path / "x"
    shutil.copytree(doc.parent, docdir)
    ctx = Ctx(tmp_path, folder, backup, docdir / "council.json", [])
    shape.setup(ctx)
    words = shape.words(ctx)
    real = folder.resolve() if folder.is_symlink() else folder
    before = snapshot(real)
    outside = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for held in ctx.held:
        if isinstance(held, tuple):
            _, mod, name, value = held
            monkeypatch.setattr(mod, name, value)
    try:
        code = cli.main(["--data-dir", str(folder), *shape.argv(ctx)])
    finally:
        monkeypatch.undo()
        for held in ctx.held:
            if isinstance(held, FolderLock):
                held.release()
        os.chmod(real, 0o700)
    _, err = capsys.readouterr()
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("parishclerk: "), err
    assert words in err, err
    assert "Traceback" not in err
    assert snapshot(real) == before, "the data folder changed"
    for path, data in outside.items():  # files beside it too (a link's target above all)
        if path.exists() and not path.is_symlink():
            assert path.read_bytes() == data
    if shape.setup is _link_output:
        assert (tmp_path / "victim").read_bytes() == b"keep me"


def test_the_table_covers_each_kind_of_shape():
    names = " ".join(s.name for s in SHAPES)
    for kind in (
        "symlinked evidence",
        "symlinked data folder",
        "symlinked output",
        "full disk",
        "read-only",
        "second copy",
        "damaged snapshot",
        "truncated journal",
    ):
        assert kind in names


def test_a_second_copy_in_another_process_is_named(template, tmp_path):
    src, _, _ = template
    folder = tmp_path / "council"
    shutil.copytree(src, folder, ignore=shutil.ignore_patterns(".lock"))
    lock = FolderLock(folder)
    lock.acquire()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "parishclerk", "--data-dir", str(folder), "init"]
            + ["--council", "X"],
            capture_output=True,
            text=True,
        )
    finally:
        lock.release()
    assert done.returncode == 1 and f"process {os.getpid()}" in done.stderr
