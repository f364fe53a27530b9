"""Spreadsheets and lists in and out: import people from CSV, export a table or the council, and
what is due (with its calendar file)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import orjson

# What every command that opens a council needs is imported here; what only some commands
# need (CSV, the interchange codec, what is due, backups, the app, reportlab) is imported in
# the command that needs it, so a one-line command starts no slower than it must.
from ..domain.records import CouncilData
from ..store.files import ensure_dir
from .common import (
    UserError,
    _read,
    _where,
    folder_of,
    line,
    open_store,
    say,
    tell_after_close,
    write_out,
)


def import_people(args: argparse.Namespace) -> int:
    from ..domain.people_csv import CsvError, id_source, read_people

    raw = _read(args.file)
    with open_store(args) as store:
        people = store.people()
        try:
            result = read_people(raw, str(args.file), people, id_source(p.id for p in people))
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


def export(args: argparse.Namespace) -> int:
    from ..domain import tables
    from ..domain.due import compute_due
    from ..domain.interchange import to_document

    with open_store(args, read_only=True) as store:
        # case timelines and evidence only for the whole council (the CSVs show neither)
        data = store.snapshot(timelines=args.what == "council")
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
    from ..store.backup import copy_file
    from ..store.evidence import evidence_path

    ensure_dir(target)
    copied = 0
    for item in data.evidence:
        source = evidence_path(Path(folder), item.sha256)
        if item.disposed is None and source.exists() and not (target / item.sha256).exists():
            copy_file(source, target / item.sha256)  # streamed: evidence may be hundreds of MB
            copied += 1
    return copied


def due(args: argparse.Namespace) -> int:
    from ..domain.dates import show
    from ..domain.due import compute_due

    with open_store(args, read_only=True) as store:
        data = store.snapshot(timelines=False)  # what is due needs no case timeline
    on = args.on or date.today()
    items = compute_due(data, on, args.days)
    if not items:
        line(f"Nothing overdue or due soon on {show(on)}.")
    for item in items:
        line(f"{show(item.due):>11}  {item.state:<8}  {item.kind.label:<21}  {item.title}")
    if args.ics:
        from ..domain.calendar import entries, to_calendar

        events = entries(data, on, args.days)
        write_out(args.ics, to_calendar(data.council.name, events).to_ical())
        repeating = sum(1 for e in events if e.rule)
        say(f"Wrote {len(events)} event(s), {repeating} of them repeating, to {_where(args.ics)}")
    return 0
