"""The printed reports and the council's settings that shape them (nation, disclosure threshold,
the subject access covering text)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

# What every command that opens a council needs is imported here; what only some commands
# need (CSV, the interchange codec, what is due, backups, the app, reportlab) is imported in
# the command that needs it, so a one-line command starts no slower than it must.
from ..store.errors import StoreLocked
from ..store.repository import Store
from .common import (
    UserError,
    _read,
    _where,
    line,
    open_store,
    say,
    write_out,
)


def _recording_store(args: argparse.Namespace) -> tuple[Store, bool]:
    """The store, writable so the report can be recorded; read-only (and said so) when another
    copy of parishclerk has the council open, or when --read-only was given (which never
    writes)."""
    if getattr(args, "read_only", False):
        say("Note: opened read-only; this report is not recorded.")
        return open_store(args, read_only=True), False
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
    from .. import reports
    from ..domain.records import PackMade, SubjectAccess
    from ..domain.subject_access import answered_record

    today = date.today()
    records = args.report in ("pack", "subject")
    store, writable = _recording_store(args) if records else (open_store(args, True), False)
    with store:
        # the breach log prints no case's timeline or evidence: on a large council they are
        # half of what would be read
        data = store.snapshot(timelines=args.report != "breaches")
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
    from ..domain.disclosure import check_threshold
    from ..domain.subject_access import answered_record

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
