"""What each command does; ``cli`` parses, this module acts.  Every failure a user can cause is
raised as ``UserError`` with a one-line message naming the file, row or field."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson

from .domain import tables
from .domain.codec import InvalidData
from .domain.due import compute_due
from .domain.interchange import from_document, to_document
from .domain.people_csv import CsvError, read_people
from .domain.procedures import CaseError
from .domain.records import Council
from .store import places
from .store.backup import clear_council, make_backup, read_backup, restore_into
from .store.engine import SNAPSHOT_NAME
from .store.errors import StoreError
from .store.files import atomic_write, ensure_dir
from .store.lock import FolderLock
from .store.repository import Store


class UserError(Exception):
    """A one-line message for stderr; exit status 1."""


def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = HANDLERS.get(args.command or "app", app)
    try:
        return handler(args)
    except BrokenPipeError:
        raise
    except (StoreError, InvalidData, CsvError, CaseError, ValueError) as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        where = exc.filename or ""
        raise UserError(f"{where}: {exc.strerror}" if where else str(exc)) from None


# -- where ------------------------------------------------------------------------------------


def folder_of(args: argparse.Namespace) -> Path:
    folder = args.data_dir or places.default_folder()
    if folder is None:
        raise UserError(
            "no council yet: start one with parishclerk init --council NAME, "
            "or name a folder with --data-dir"
        )
    return Path(folder)


def open_store(args: argparse.Namespace, read_only: bool = False) -> Store:
    return Store.open(folder_of(args), read_only=read_only)


def write_out(output: Path | None, data: bytes) -> None:
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if output.is_dir():
        raise UserError(f"{output}: is a folder; give a file name")
    if not output.parent.exists():
        raise UserError(f"{output.parent}: no such folder")
    atomic_write(output, data)


def _where(path: Path) -> str:
    """The full path of a file written, as the clerk would find it ("-" is standard output)."""
    return str(path) if str(path) == "-" else str(path.resolve())


def say(text: str) -> None:
    print(text, file=sys.stderr)


# -- commands ---------------------------------------------------------------------------------


def app(args: argparse.Namespace) -> int:
    from .tui.app import make_app

    folder = args.data_dir or places.default_folder()
    make_app(Path(folder) if folder else None, read_only=args.read_only).run()
    return 0


def demo(args: argparse.Namespace) -> int:
    from . import demo as demo_council

    folder = args.data_dir or places.home() / "demo"
    if (folder / SNAPSHOT_NAME).exists():
        if args.data_dir is not None and not (folder / ".demo").exists():
            raise UserError(f"{folder} holds a council that is not the demo; choose another folder")
        shutil.rmtree(folder)
    ensure_dir(folder)
    (folder / ".demo").touch(mode=0o600)
    demo_council.install(folder, args.today or date.today()).close()
    say(f"The demo council is in {folder}")
    if args.no_open:
        return 0
    from .tui.app import make_app

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
    if (folder / SNAPSHOT_NAME).exists():
        raise UserError(f"{folder} already holds a council")
    Store.create(folder, council).close()
    places.remember(folder)
    say(f"Started {council.name} in {folder}")
    return 0


def import_(args: argparse.Namespace) -> int:
    return import_council(args) if args.what == "council" else import_people(args)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None


def import_council(args: argparse.Namespace) -> int:
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
    if (folder / SNAPSHOT_NAME).exists():
        if not args.replace:
            raise UserError(
                f"{folder} already holds a council; add --replace to replace it "
                "(a backup is taken first)"
            )
        store = Store.open(folder)
        kept = make_backup(folder, folder / "backups" / f"before-import-{_stamp()}.zip")
        say(f"Backed up the council it replaces to {kept}")
    else:
        store = Store.create(folder, data.council)
    with store:
        _bring_evidence(store, args.file.parent / "evidence", data)
        store.replace_all(data)
    places.remember(folder)
    say(
        f"Imported {data.council.name}: {len(data.people)} people, {len(data.policies)} "
        f"policies, {len(data.cases)} cases into {folder}"
    )
    return 0


def _bring_evidence(store: Store, beside: Path, data) -> None:
    from .store.evidence import store_bytes

    missing = 0
    for item in data.evidence:
        target = store.folder / "evidence" / item.sha256
        source = beside / item.sha256
        if target.exists() or item.disposed is not None:
            continue
        if source.is_file():
            store_bytes(store.folder, source.read_bytes())
        else:
            missing += 1
    if missing:
        say(
            f"Note: {missing} evidence file(s) are not beside the file (in {beside}); "
            "check will list them. A backup file carries evidence; an interchange file does not."
        )


def import_people(args: argparse.Namespace) -> int:
    raw = _read(args.file)
    with open_store(args) as store:
        try:
            result = read_people(raw, str(args.file), store.people(), _id_source(store))
        except CsvError as exc:
            for line in exc.problems[1:]:
                say(f"parishclerk: {line}")
            raise UserError(exc.problems[0]) from None
        with store.transaction():
            for person in result.added + result.updated:
                store.save_person(person)
        say(f"{len(result.added)} added, {len(result.updated)} updated from {args.file}")
    return 0


def _id_source(store: Store) -> Callable[[], str]:
    taken = {p.id for p in store.people()}

    def new_id() -> str:
        n = len(taken) + 1
        while f"p{n}" in taken:
            n += 1
        taken.add(f"p{n}")
        return f"p{n}"

    return new_id


def export(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        data = store.snapshot()
    if args.what == "council":
        body = orjson.dumps(to_document(data), option=orjson.OPT_INDENT_2) + b"\n"
    else:
        if args.what == "due":
            header, rows = tables.due_rows(compute_due(data, args.on or date.today(), args.days))
        else:
            header, rows = {
                "people": tables.people_rows,
                "cases": tables.case_rows,
                "acknowledgements": tables.acknowledgement_rows,
            }[args.what](data)
        body = tables.to_csv(header, rows)
    write_out(args.output, body)
    if args.output:
        say(f"Wrote {_where(args.output)}")
    if args.what == "council" and args.evidence:
        if not args.output or str(args.output) == "-":
            raise UserError("--evidence needs -o FILE: the files go in evidence/ beside it")
        copied = _copy_evidence(
            args.data_dir or places.default_folder(), data, args.output.parent / "evidence"
        )
        say(f"Copied {copied} evidence file(s) to {args.output.parent / 'evidence'}")
    return 0


def _copy_evidence(folder: Path, data, target: Path) -> int:
    from .store.evidence import evidence_path

    ensure_dir(target)
    copied = 0
    for item in data.evidence:
        source = evidence_path(Path(folder), item.sha256)
        if item.disposed is None and source.exists() and not (target / item.sha256).exists():
            atomic_write(target / item.sha256, source.read_bytes())
            copied += 1
    return copied


def due(args: argparse.Namespace) -> int:
    from .domain.dates import show

    with open_store(args, read_only=True) as store:
        data = store.snapshot()
    on = args.on or date.today()
    items = compute_due(data, on, args.days)
    if not items:
        print(f"Nothing overdue or due soon on {show(on)}.")
    for item in items:
        print(f"{show(item.due):>11}  {item.state:<8}  {item.kind.label:<21}  {item.title}")
    if args.ics:
        from .domain.calendar import entries, to_calendar

        events = entries(data, on, args.days)
        write_out(args.ics, to_calendar(data.council.name, events).to_ical())
        repeating = sum(1 for e in events if e.rule)
        say(f"Wrote {len(events)} event(s), {repeating} of them repeating, to {_where(args.ics)}")
    return 0


def report(args: argparse.Namespace) -> int:
    from . import reports

    with open_store(args, read_only=True) as store:
        data = store.snapshot()
    today = date.today()
    try:
        if args.report == "pack":
            pdf = reports.review_pack(
                data,
                args.meeting,
                confidential=args.confidential,
                generated=today,
                agenda_item=args.agenda_item,
            )
        elif args.report == "breaches":
            if args.start and args.end and args.end < args.start:
                raise UserError("--to is before --from")
            pdf = reports.breach_log(data, start=args.start, end=args.end, generated=today)
        elif args.report == "case":
            pdf = reports.case_file(data, args.reference, generated=today)
        elif args.report == "signoff":
            pdf = reports.signoff_sheet(data, args.policy, version=args.version, generated=today)
        else:
            pdf = reports.subject_export(data, args.person, generated=today)
    except reports.ReportError as exc:
        raise UserError(str(exc)) from None
    write_out(args.output, pdf)
    say(f"Wrote {_where(args.output)}")
    return 0


def check(args: argparse.Namespace) -> int:
    from .store.check import check_folder

    folder = folder_of(args)
    problems = check_folder(folder)
    for line in problems:
        print(line)
    if problems:
        raise UserError(f"{folder}: {len(problems)} problem(s) found")
    print(f"{folder}: all well (store, references, audit chain, evidence hashes)")
    return 0


def backup(args: argparse.Namespace) -> int:
    folder = folder_of(args)
    with Store.open(folder, read_only=True) as store:
        name = places.slug(store.council().name)
    out = args.output or Path(f"{name}-{_stamp()}.zip")
    make_backup(folder, out)
    say(f"Backed up {folder} to {out}")
    return 0


def restore(args: argparse.Namespace) -> int:
    members = read_backup(args.file)
    try:
        doc = orjson.loads(members["council.json"])
        doc["_meta"]["store"]["schema"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise UserError(f"{args.file}: the council in the backup is damaged") from None
    folder = folder_of(args)
    if (folder / SNAPSHOT_NAME).exists():
        if not args.replace:
            raise UserError(
                f"{folder} already holds a council; add --replace to replace it "
                "(a backup is taken first)"
            )
        # Only the lock, not an open: the council being replaced may be damaged (that is often
        # why it is being restored), and its unsaved state must not be written back over this.
        lock = FolderLock(folder)
        lock.acquire()
        try:
            kept = make_backup(folder, folder / "backups" / f"before-restore-{_stamp()}.zip")
            clear_council(folder)
            restore_into(members, folder)
        finally:
            lock.release()
        say(f"Backed up the council it replaces to {kept}")
    else:
        ensure_dir(folder)
        restore_into(members, folder)
    with Store.open(folder) as store:  # proves it opens (and migrates an older backup)
        say(f"Restored {store.council().name} into {folder}")
    places.remember(folder)
    return 0


def councils(args: argparse.Namespace) -> int:
    doc = places.known()
    if not doc["councils"]:
        print("No councils yet: parishclerk init --council NAME")
    for path in doc["councils"]:
        mark = "*" if path == doc["last"] else " "
        try:
            with Store.open(Path(path), read_only=True) as store:
                name = store.council().name
        except StoreError as exc:
            name = f"(cannot open: {exc})"
        print(f"{mark} {name}  {path}")
    return 0


def _stamp() -> str:
    from datetime import datetime

    return f"{datetime.now():%Y%m%d-%H%M%S}"


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "app": app,
    "demo": demo,
    "init": init,
    "import": import_,
    "export": export,
    "due": due,
    "report": report,
    "check": check,
    "backup": backup,
    "restore": restore,
    "councils": councils,
}
