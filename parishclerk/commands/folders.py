"""A council's data folder as a whole: open the app on it, start one (or the demo), bring one in
from the interchange file, check, back up and restore it, and list the councils kept."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson

# What every command that opens a council needs is imported here; what only some commands
# need (CSV, the interchange codec, what is due, backups, the app, reportlab) is imported in
# the command that needs it, so a one-line command starts no slower than it must.
from ..domain.records import Council, CouncilData
from ..store import places, swap
from ..store.backup import check_backup, make_backup, restore_into
from ..store.engine import SNAPSHOT_NAME, history_of
from ..store.errors import StoreError
from ..store.files import atomic_write, ensure_dir
from ..store.lock import FolderLock
from ..store.repository import Store
from .common import (
    UserError,
    _read,
    _stamp,
    folder_of,
    line,
    say,
)
from .tables import import_people


def demo(args: argparse.Namespace) -> int:
    """Open the demo council, making it only when there is none: work done in it is kept.
    ``--fresh`` starts again from a new copy, keeping a backup of the old one (and saying where)."""
    from .. import demo as demo_council

    folder = args.data_dir or places.home() / "demo"
    with swap.locked(folder) as lock:
        held = (folder / SNAPSHOT_NAME).exists() or history_of(folder) is not None
        if held and args.data_dir is not None and not (folder / ".demo").exists():
            raise UserError(f"{folder} holds a council that is not the demo; choose another folder")
        if held and not args.fresh:
            say(f"Opening the demo council in {folder} (parishclerk demo --fresh starts it afresh)")
        else:
            kept = None
            if held and (folder / SNAPSHOT_NAME).exists():
                kept = folder.parent / "demo-backups" / f"demo-{_stamp()}.zip"
                ensure_dir(kept.parent)
                make_backup(folder, kept)

            def build(new: Path) -> None:
                atomic_write(new / ".demo", b"")
                demo_council.install(new, args.today or date.today()).close()

            swap.build_and_switch(folder, lock, build, carry=False)  # a fresh demo, no history
            if kept is not None:
                say(f"The old demo council is kept as a backup: {kept}")
            say(f"A new demo council is in {folder}")
    if args.no_open:
        return 0
    from ..tui.app import make_app

    make_app(folder, read_only=args.read_only, today=args.today).run()
    return 0


def init(args: argparse.Namespace) -> int:
    council = Council(
        name=args.council.strip(),
        kind=args.kind,
        principal_authority=args.principal_authority.strip(),
        monitoring_officer=args.monitoring_officer.strip(),
    )
    folder = args.data_dir or places.folder_for_new(council.name)
    with swap.locked(folder) as lock:  # before looking: a second copy is refused
        _refuse_held(folder, replace=False)
        swap.build_and_switch(folder, lock, lambda new: Store.create(new, council).close())
    places.remember(folder)
    say(f"Started {council.name} in {folder}")
    return 0


def import_(args: argparse.Namespace) -> int:
    return import_council(args) if args.what == "council" else import_people(args)


def import_council(args: argparse.Namespace) -> int:
    from ..domain.codec import InvalidData
    from ..domain.interchange import from_document

    raw = _read(args.file)
    if not raw.strip():
        raise UserError(f"{args.file}: the file is empty")
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UserError(
            f"{args.file}: not valid JSON ({exc.msg}, line {exc.lineno}, column {exc.colno})"
        ) from None
    try:
        data = from_document(doc)
    except InvalidData as exc:
        raise UserError(f"{args.file}: {exc}") from None
    folder = folder_of(args)
    beside = args.file.parent / "evidence"
    missing = 0
    with swap.locked(folder) as lock:
        kept = _refuse_held(folder, args.replace, "import")

        def build(new: Path) -> None:
            nonlocal missing
            with Store.create(new, data.council) as store:
                missing = _bring_evidence(store, beside, data)
                store.replace_all(data)

        _switch_or_unback(folder, lock, build, kept)
    if kept:
        say(f"Backed up the council it replaces to {kept}")
    if missing:
        say(
            f"Note: {missing} evidence file(s) are not beside the file (in {beside}); "
            "check will list them. A backup file carries evidence; an interchange file does not."
        )
    places.remember(folder)
    say(
        f"Imported {data.council.name}: {len(data.people)} people, {len(data.policies)} "
        f"policies, {len(data.cases)} cases into {folder}"
    )
    return 0


def _refuse_held(folder: Path, replace: bool, what: str = "") -> Path | None:
    """Refuse a folder holding a council (or the history of one) unless ``replace``; when
    replacing a whole council, take a backup of it first and return its path.  The caller
    holds the folder's lock."""
    if (folder / SNAPSHOT_NAME).exists():
        if not replace:
            raise UserError(
                f"{folder} already holds a council"
                + ("; add --replace to replace it (a backup is taken first)" if what else "")
            )
        made = not (folder / "backups").exists()
        try:
            return make_backup(folder, folder / "backups" / f"before-{what}-{_stamp()}.zip")
        except BaseException:
            if made:
                with contextlib.suppress(OSError):
                    (folder / "backups").rmdir()
            raise
    history = history_of(folder)
    if history is not None and not replace:
        if not what:
            raise UserError(f"{history}; init does not start afresh over it")
        raise UserError(f"{history} (or add --replace to {what} over it)")
    return None  # nothing whole to back up; its backups are carried over as they are


def _switch_or_unback(
    folder: Path, lock: FolderLock, build: Callable[[Path], None], kept: Path | None
) -> None:
    """Build and switch in a council; when that fails nothing is replaced, so the backup taken
    before replacing is not needed either: the folder is left exactly as it was."""
    try:
        swap.build_and_switch(folder, lock, build)
    except BaseException:
        if kept is not None:
            kept.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                kept.parent.rmdir()  # only if the backup made it
        raise


def _bring_evidence(store: Store, beside: Path, data: CouncilData) -> int:
    """Copy the evidence files found beside the interchange file into the new council: each
    must be a regular file (no link followed) whose SHA-256 is the one recorded, or the whole
    import is refused.  Returns how many are not there."""
    from ..store import platform
    from ..store.evidence import store_file

    platform.check_real_folder(beside)
    missing = 0
    for item in data.evidence:
        target = store.folder / "evidence" / item.sha256
        source = beside / item.sha256
        if target.exists() or item.disposed is not None:
            continue
        if not os.path.lexists(source):
            missing += 1
            continue
        try:
            store_file(store.folder, source, expected=item.sha256)
        except StoreError as exc:
            raise UserError(
                f"case {item.case}, evidence {item.seq} ({item.name}): {exc}; nothing was imported"
            ) from None
    return missing


def check(args: argparse.Namespace) -> int:
    from ..store.check import check_report

    folder = folder_of(args)
    problems, head = check_report(folder, getattr(args, "head", None))
    for problem in problems:
        line(problem)
    if head is not None:
        line(f"Audit chain head: {head}")
    if problems:
        raise UserError(f"{folder}: {len(problems)} problem(s) found")
    line(f"{folder}: all well (store, references, audit chain, evidence hashes)")
    return 0


def backup(args: argparse.Namespace) -> int:
    folder = folder_of(args)
    with Store.open(folder, read_only=True) as store:
        name = places.slug(store.council().name)
        head = store.chain_head()
    out = args.output or Path(f"{name}-{_stamp()}-{head}.zip")
    if out.is_symlink():
        raise UserError(f"{out}: is a link; give the backup a file name of its own")
    if out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name")
    if not out.parent.exists():
        raise UserError(f"{out.parent}: no such folder")
    make_backup(folder, out)
    say(f"Backed up {folder} to {out} (audit chain head {head})")
    return 0


def restore(args: argparse.Namespace) -> int:
    check_backup(args.file)
    folder = folder_of(args)
    with swap.locked(folder) as lock:
        # Only the lock, not an open: the council being replaced may be damaged (that is often
        # why it is being restored), and its unsaved state must not be written back over this.
        kept = _refuse_held(folder, args.replace, "restore")

        def build(new: Path) -> None:
            restore_into(args.file, new)
            with Store.open(new) as store:  # proves it opens (and migrates an older backup)
                store.council()

        _switch_or_unback(folder, lock, build, kept)
    if kept:
        say(f"Backed up the council it replaces to {kept}")
    with Store.open(folder, read_only=True) as store:
        say(f"Restored {store.council().name} into {folder}")
    places.remember(folder)
    return 0


def councils(args: argparse.Namespace) -> int:
    doc = places.known()
    if not doc["councils"]:
        line("No councils yet: parishclerk init --council NAME")
    for path in doc["councils"]:
        mark = "*" if path == doc["last"] else " "
        try:
            with Store.open(Path(path), read_only=True) as store:
                name = store.council().name
        except StoreError as exc:
            name = f"(cannot open: {exc})"
        line(f"{mark} {name}  {path}")
    return 0
