"""The command line: the app's front door, and every operation scriptable.

Exit status: 0 success; 1 a user error, with one line on stderr naming what and where;
2 a usage error.  Nothing is half-written on an error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import commands
from .domain.dates import DateError, parse_date
from .domain.text import visible

EPILOG = """\
dates are read day first: 3/4/2026 and 3 Apr 2026 are both 3 April 2026.
the data folder is --data-dir, else $PARISHCLERK_DATA_DIR, else the council used last.
exit status: 0 done, 1 refused (the message says what and where), 2 wrong usage."""


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= n <= 3650:
        raise argparse.ArgumentTypeError("days must be 0 to 3650")
    return n


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("parishclerk")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    where = "the council's data folder (default: $PARISHCLERK_DATA_DIR or the council used last)"
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--data-dir", type=Path, metavar="DIR", help=where)
    # On a command, --data-dir must not reset one given before it (parishclerk --data-dir X due).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, metavar="DIR", help=where, default=argparse.SUPPRESS
    )
    p = argparse.ArgumentParser(
        prog="parishclerk",
        parents=[top],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Policies, acknowledgements and social media breaches for parish, town and "
        "community councils. With no command, opens the app.",
    )
    p.add_argument("--version", action="version", version=f"parishclerk {_version()}")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open the app with every way of writing removed (for the Chair)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[common])

    d = cmd("demo", "open the app on a fresh copy of the demo council")
    d.add_argument("--no-open", action="store_true", help="create the demo folder and stop")
    d.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    i = cmd("init", "start a new council's data folder")
    i.add_argument("--council", required=True, metavar="NAME", help="the council's name")
    i.add_argument("--kind", choices=["parish", "town", "community"], default="parish")
    i.add_argument(
        "--principal-authority",
        default="",
        metavar="NAME",
        help="the district or unitary council whose Monitoring Officer handles "
        "complaints about councillors",
    )
    i.add_argument("--monitoring-officer", default="", metavar="CONTACT")

    imp = cmd("import", "load a council (interchange file) or people (CSV)")
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    ic = imp_sub.add_parser(
        "council", parents=[common], help="the whole council from a JSON interchange file"
    )
    ic.add_argument("file", type=Path)
    ic.add_argument(
        "--replace",
        action="store_true",
        help="replace the council already in the folder (a backup is taken first)",
    )
    ip = imp_sub.add_parser(
        "people",
        parents=[common],
        help="add or update people from a CSV "
        "(columns: name, role, joined; optional left, email, notes, id)",
    )
    ip.add_argument("file", type=Path)

    ex = cmd("export", "write the council (JSON) or a table (CSV for Excel)")
    ex.add_argument("what", choices=["council", "people", "acknowledgements", "cases", "due"])
    ex.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="where to write (default: standard output)",
    )
    ex.add_argument(
        "--evidence",
        action="store_true",
        help="for council: also copy the evidence files to evidence/ beside FILE, "
        "where import council looks for them",
    )
    ex.add_argument("--on", type=_date, metavar="DATE", help="for due: the day (default today)")
    ex.add_argument("--days", type=_days, metavar="N", help="for due: the window in days")

    du = cmd("due", "what is overdue and due soon")
    du.add_argument("--on", type=_date, metavar="DATE", help="the day to look from (default today)")
    du.add_argument(
        "--days",
        type=_days,
        metavar="N",
        help="how far ahead counts as due soon (default: the council's, 30)",
    )
    du.add_argument("--ics", type=Path, metavar="FILE", help="also write a calendar file")

    r = cmd("report", "print a report as an A4 PDF")
    r_sub = r.add_subparsers(dest="report", metavar="REPORT", required=True)

    def rep(name: str, text: str) -> argparse.ArgumentParser:
        rp = r_sub.add_parser(name, help=text, description=text, parents=[common])
        rp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
        return rp

    rp = rep("pack", "the review pack for a council meeting (public unless --confidential)")
    rp.add_argument("--meeting", type=_date, required=True, metavar="DATE")
    rp.add_argument(
        "--confidential",
        action="store_true",
        help="the confidential part, with names and case details",
    )
    rp.add_argument("--agenda-item", default="", metavar="TEXT")
    rb = rep(
        "breaches",
        "the breach log for the Chair (confidential): open cases first, overdue marked",
    )
    rb.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help="cases received on or after DATE, and every case still open",
    )
    rb.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="DATE",
        help="cases received up to DATE, and every case still open",
    )
    rb.add_argument("--open", dest="open_only", action="store_true", help="open cases only")
    rc = rep("case", "one case file: its timeline and evidence with hashes")
    rc.add_argument("reference")
    rs = rep("signoff", "a sign-off sheet for a policy version")
    rs.add_argument("--policy", required=True, metavar="TITLE")
    rs.add_argument("--version", metavar="LABEL")
    rj = rep("subject", "everything held about one person (subject access request)")
    rj.add_argument("person", help="the person's name or id")

    chk = cmd("check", "verify the store, every reference, the audit chain and every evidence hash")
    chk.add_argument(
        "--head",
        metavar="HEX",
        help="a chain head printed earlier (by check, on a backup or a confidential pack): "
        "the audit log must still hold it",
    )
    b = cmd("backup", "one file holding the store, the audit log and the evidence")
    b.add_argument("-o", "--output", type=Path, metavar="FILE.zip")
    rs2 = cmd("restore", "restore a council from a backup file")
    rs2.add_argument("file", type=Path)
    rs2.add_argument(
        "--replace",
        action="store_true",
        help="replace the council already in the folder (a backup is taken first)",
    )
    cmd("councils", "list the councils this computer keeps")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return commands.run(args)
    except commands.UserError as exc:
        print(f"parishclerk: {visible(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into head or less, which stopped reading
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("parishclerk: stopped", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
