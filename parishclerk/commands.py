"""What each command does; ``cli`` parses, this module acts.  Every failure a user can cause is
raised as ``UserError`` with a one-line message naming the file, row or field."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson

# What every command that opens a council needs is imported here; what only some commands
# need (CSV, the interchange codec, what is due, backups, the app, reportlab) is imported in
# the command that needs it, so a one-line command starts no slower than it must.
from .domain.records import Council, CouncilData
from .domain.text import visible
from .store import places, swap
from .store.backup import check_backup, make_backup, restore_into
from .store.engine import SNAPSHOT_NAME, history_of
from .store.errors import StoreError, StoreLocked
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
    except (StoreError, ValueError) as exc:  # InvalidData, CsvError, CaseError, DateError too
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
    store = Store.open(folder_of(args), read_only=read_only)
    for line in store.notices:
        say(f"parishclerk: {line}")
    store.notices.clear()
    return store


def tell_after_close(store: Store) -> None:
    """Say what the clerk should know once a store is closed (a daily backup that failed)."""
    for line in store.notices:
        say(f"parishclerk: {line}")
    store.notices.clear()


def write_out(output: Path | None, data: bytes) -> None:
    if output is None or str(output) == "-":
        if sys.stdout.isatty():  # to be read, not kept: a record's controls shown escaped
            sys.stdout.write(visible(data.decode("utf-8", "replace"), multiline=True))
        else:
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
    """A message on stderr, with any control characters a record holds shown escaped."""
    print(visible(text), file=sys.stderr)


def line(text: str) -> None:
    """One line of output on stdout: a name's control characters (written before the rules
    refused them, or by another tool) are shown escaped, and its line breaks never split it."""
    print(visible(text))


# -- commands ---------------------------------------------------------------------------------


def app(args: argparse.Namespace) -> int:
    from .tui.app import make_app

    folder = args.data_dir or places.default_folder()
    make_app(Path(folder) if folder else None, read_only=args.read_only).run()
    return 0


def demo(args: argparse.Namespace) -> int:
    """Open the demo council, making it only when there is none: work done in it is kept.
    ``--fresh`` starts again from a new copy, keeping a backup of the old one (and saying where)."""
    from . import demo as demo_council

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
    with swap.locked(folder) as lock:  # before looking: a second copy is refused
        _refuse_held(folder, replace=False)
        swap.build_and_switch(folder, lock, lambda new: Store.create(new, council).close())
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
    from .domain.codec import InvalidData
    from .domain.interchange import from_document

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
    from .store import platform
    from .store.evidence import store_file

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


def import_people(args: argparse.Namespace) -> int:
    from .domain.people_csv import CsvError, read_people

    raw = _read(args.file)
    with open_store(args) as store:
        try:
            result = read_people(raw, str(args.file), store.people(), _id_source(store))
        except CsvError as exc:
            for problem in exc.problems[1:]:
                say(f"parishclerk: {problem}")
            raise UserError(exc.problems[0]) from None
        with store.transaction():
            for person in result.added + result.updated:
                store.save_person(person)
        # said only now: the change is durable (journal fsync'd) and nothing more is written
        say(f"{len(result.added)} added, {len(result.updated)} updated from {args.file}")
    tell_after_close(store)
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
    from .domain import tables
    from .domain.due import compute_due
    from .domain.interchange import to_document

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
        copied = _copy_evidence(folder_of(args), data, args.output.parent / "evidence")
        say(f"Copied {copied} evidence file(s) to {args.output.parent / 'evidence'}")
    return 0


def _copy_evidence(folder: Path, data: CouncilData, target: Path) -> int:
    from .store.backup import copy_file
    from .store.evidence import evidence_path

    ensure_dir(target)
    copied = 0
    for item in data.evidence:
        source = evidence_path(Path(folder), item.sha256)
        if item.disposed is None and source.exists() and not (target / item.sha256).exists():
            copy_file(source, target / item.sha256)  # streamed: evidence may be hundreds of MB
            copied += 1
    return copied


def due(args: argparse.Namespace) -> int:
    from .domain.dates import show
    from .domain.due import compute_due

    with open_store(args, read_only=True) as store:
        data = store.snapshot()
    on = args.on or date.today()
    items = compute_due(data, on, args.days)
    if not items:
        line(f"Nothing overdue or due soon on {show(on)}.")
    for item in items:
        line(f"{show(item.due):>11}  {item.state:<8}  {item.kind.label:<21}  {item.title}")
    if args.ics:
        from .domain.calendar import entries, to_calendar

        events = entries(data, on, args.days)
        write_out(args.ics, to_calendar(data.council.name, events).to_ical())
        repeating = sum(1 for e in events if e.rule)
        say(f"Wrote {len(events)} event(s), {repeating} of them repeating, to {_where(args.ics)}")
    return 0


def _recording_store(args: argparse.Namespace) -> tuple[Store, bool]:
    """The store, writable so the report can be recorded; read-only (and said so) when another
    copy of parishclerk has the council open."""
    try:
        return open_store(args), True
    except StoreLocked:
        say(
            "Note: the council is open in another copy of parishclerk; this report is not recorded."
        )
        return open_store(args, read_only=True), False


def _chain_head(store: Store) -> str:
    head = getattr(store, "chain_head", None)  # Store.chain_head() comes with the store's work
    return f"chain head {head()}" if callable(head) else ""


def report(args: argparse.Namespace) -> int:
    from . import reports
    from .domain.records import PackMade, SubjectAccess
    from .domain.subject_access import answered_record

    today = date.today()
    records = args.report in ("pack", "subject")
    store, writable = _recording_store(args) if records else (open_store(args, True), False)
    with store:
        data = store.snapshot()
        record: PackMade | SubjectAccess | None = None
        try:
            if args.report == "pack":
                if args.first_page < 1:
                    raise UserError("--first-page must be 1 or more")
                if args.html and args.confidential:
                    raise UserError(
                        "--html makes the public pack for the website; the confidential part "
                        "is a PDF only"
                    )
                if args.html and args.output.suffix.lower() not in (".html", ".htm"):
                    raise UserError(
                        f"{args.output}: --html writes a web page; name the file .html "
                        "(the PDF is made without --html)"
                    )
                if args.html:
                    pdf = reports.review_pack_html(
                        data,
                        args.meeting,
                        generated=today,
                        agenda_item=args.item or args.agenda_item,
                        title=args.title,
                        recommendation=args.recommendation,
                        exclusion_item=args.confidential_item,
                    )
                else:
                    pdf = reports.review_pack(
                        data,
                        args.meeting,
                        confidential=args.confidential,
                        generated=today,
                        agenda_item=args.item or args.agenda_item,
                        title=args.title,
                        recommendation=args.recommendation,
                        since=args.since,
                        exclusion_item=args.confidential_item,
                        first_page=args.first_page,
                        chain_head=_chain_head(store) if args.confidential else "",
                    )
                part = "confidential" if args.confidential else "public"
                record = PackMade(args.meeting, today, part, args.since)
            elif args.report == "staffing":
                pdf = reports.staffing_report(data, generated=today, chain_head=_chain_head(store))
            elif args.report == "breaches":
                if args.start and args.end and args.end < args.start:
                    raise UserError("--to is before --from")
                pdf = reports.breach_log(
                    data,
                    start=args.start,
                    end=args.end,
                    open_only=args.open_only,
                    generated=today,
                )
            elif args.report == "case":
                pdf = reports.case_file(data, args.reference, generated=today)
            elif args.report == "signoff":
                pdf = reports.signoff_sheet(
                    data, args.policy, version=args.version, generated=today
                )
            else:
                received = args.received or today
                if received > today:
                    raise UserError(f"--received {received:%d/%m/%Y} is in the future")
                pdf = reports.subject_export(data, args.person, generated=today, received=received)
                name = reports.subject_name(data, args.person)
                record = SubjectAccess(name, received, today, extended=args.extended)
        except reports.ReportError as exc:
            raise UserError(str(exc)) from None
        write_out(args.output, pdf)
        say(f"Wrote {_where(args.output)}")
        if record is not None and writable:
            council = store.council()
            if isinstance(record, PackMade):
                council.packs.append(record)
            else:
                council.subject_access.append(record)
                say(answered_record(record))
            with store.transaction():
                store.save_council(council)
    return 0


def council_settings(args: argparse.Namespace) -> int:
    """Show the council's settings, or change those given."""
    from .domain.disclosure import check_threshold
    from .domain.subject_access import answered_record

    changes = {}
    if args.nation:
        changes["nation"] = args.nation
    if args.disclosure_threshold is not None:
        why = check_threshold(args.disclosure_threshold)
        if why:
            raise UserError(f"--disclosure-threshold: {why}")
        changes["disclosure_threshold"] = args.disclosure_threshold
    if args.contact is not None:
        changes["contact"] = args.contact.strip()
    if args.subject_access_text is not None:
        path = args.subject_access_text
        raw = sys.stdin.buffer.read() if str(path) == "-" else _read(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"{path}: not UTF-8 text") from None
        changes["subject_access_text"] = text.strip()
    with open_store(args, read_only=not changes) as store:
        council = store.council()
        if changes:
            from dataclasses import replace

            council = replace(council, **changes)
            with store.transaction():
                store.save_council(council)
            say(f"Saved {', '.join(k.replace('_', ' ') for k in changes)}")
    line(f"{council.name} ({council.kind} council, {council.nation.capitalize()})")
    line(f"Disclosure threshold: {council.disclosure_threshold}")
    line(f"Contact: {', '.join(council.contact.splitlines()) or '(none)'}")
    cover = council.subject_access_text
    line(
        f"Subject access covering text: {len(cover)} characters"
        if cover
        else "Subject access covering text: the standard text"
    )
    for sar in council.subject_access[-5:]:
        line(answered_record(sar))
    return 0


def check(args: argparse.Namespace) -> int:
    from .store.check import check_report

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
    "council": council_settings,
}
