"""The command line: the app's front door, and every operation scriptable.

Exit status: 0 success; 1 a user error, with one line on stderr naming what and where;
2 a usage error.  Nothing is half-written on an error.

Start-up matters (the Clerk runs one command at a time, often from a shortcut): this module
imports only argparse; a command's own modules are imported when it runs, and ``--version``
reads the package's ``__version__`` without scanning installed packages' metadata.

The cyclic garbage collector is held off while a command starts (``main``): importing Textual
and our modules and building the first screen make a few hundred thousand objects and no
garbage worth collecting, and with the collector on, its full passes over them took about a
quarter of the app's start.  The app lets it go after its first frame (``gc.freeze`` first, so
what start-up made is never walked again); every other command, before it does its work.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from . import __version__

if TYPE_CHECKING:
    import argparse

EPILOG = """\
dates are read day first: 3/4/2026 and 3 Apr 2026 are both 3 April 2026; write the year in full.
--data-dir and --read-only may come before or after the command.
the data folder is --data-dir, else $PARISHCLERK_DATA_DIR, else the council used last.
exit status: 0 done, 1 refused (the message says what and where), 2 wrong usage."""

WHERE = "the council's data folder (default: $PARISHCLERK_DATA_DIR or the council used last)"
READ_ONLY = "write nothing to the data folder: the app opens with every way of writing removed"
WRITES = {"init": "starts a council", "import": "writes a council", "restore": "writes a council"}
"""Commands that write the data folder, refused with --read-only (a usage error)."""
SHELLS = ("bash", "zsh", "fish")


def _date(text: str) -> date:
    from .domain.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise _argparse().ArgumentTypeError(str(exc)) from None


def _days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise _argparse().ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= n <= 3650:
        raise _argparse().ArgumentTypeError("days must be 0 to 3650")
    return n


def _argparse() -> Any:
    import argparse  # here: the app's own start needs none of it (with gettext, about 3 ms)

    return argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--data-dir", type=Path, metavar="DIR", help=WHERE)
    top.add_argument("--read-only", action="store_true", help=READ_ONLY)
    # The same options on every command, so they may follow it (parishclerk demo --read-only);
    # SUPPRESS keeps one given before the command (parishclerk --data-dir X due) from being reset.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, metavar="DIR", help=WHERE, default=argparse.SUPPRESS
    )
    common.add_argument(
        "--read-only", action="store_true", help=READ_ONLY, default=argparse.SUPPRESS
    )
    p = argparse.ArgumentParser(
        prog="parishclerk",
        parents=[top],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Policies, acknowledgements and social media breaches for parish, town and "
        "community councils. With no command, opens the app.",
    )
    p.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"parishclerk {__version__}",
        help="say which version this is, and stop",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def cmd(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[common])

    d = cmd("demo", "open the app on the demo council (made the first time; your work is kept)")
    d.add_argument(
        "--no-open", action="store_true", help="make the demo folder if need be and stop"
    )
    d.add_argument(
        "--fresh",
        action="store_true",
        help="start again from a new demo council (the old one is kept as a backup)",
    )
    d.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    i = cmd("init", "start a new council's data folder")
    i.add_argument("--council", required=True, metavar="NAME", help="the council's name")
    i.add_argument(
        "--kind",
        choices=["parish", "town", "community"],
        default="parish",
        help="parish, town or community council (default: parish)",
    )
    i.add_argument(
        "--principal-authority",
        default="",
        metavar="NAME",
        help="the district, county or unitary council (England: its Monitoring Officer "
        "handles complaints about councillors; Wales: complaints go to the Public Services "
        "Ombudsman for Wales, who may refer them to its Standards Committee)",
    )
    i.add_argument(
        "--monitoring-officer",
        default="",
        metavar="CONTACT",
        help="how to reach the Monitoring Officer (a name, an address or an email)",
    )

    imp = cmd("import", "load a council (interchange file) or people (CSV)")
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True, title="what")

    def imp_cmd(name: str, text: str) -> argparse.ArgumentParser:
        return imp_sub.add_parser(name, help=text, description=text, parents=[common])

    ic = imp_cmd("council", "the whole council from a JSON interchange file")
    ic.add_argument(
        "file",
        type=Path,
        metavar="FILE.json",
        help="the interchange file (export council writes one); evidence is looked for "
        "in evidence/ beside it",
    )
    ic.add_argument(
        "--replace",
        action="store_true",
        help="replace the council already in the folder (a backup is taken first)",
    )
    ip = imp_cmd(
        "people",
        "add or update people from a CSV (columns: name, role, joined; optional left, email, "
        "notes, interests registered, id)",
    )
    ip.add_argument(
        "file",
        type=Path,
        metavar="FILE.csv",
        help="a CSV saved from a spreadsheet (CSV UTF-8); a row matching someone by id or "
        "name updates them",
    )

    ex = cmd("export", "write the council (JSON) or a table (CSV for Excel)")
    ex.add_argument(
        "what",
        choices=["council", "people", "acknowledgements", "cases", "due"],
        metavar="WHAT",
        help="council (the interchange file), or a table: people, acknowledgements, cases or due",
    )
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
    r_sub = r.add_subparsers(dest="report", metavar="REPORT", required=True, title="reports")

    def rep(name: str, text: str) -> argparse.ArgumentParser:
        rp = r_sub.add_parser(name, help=text, description=text, parents=[common])
        rp.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            metavar="FILE.pdf",
            help="where to write the PDF",
        )
        return rp

    rp = rep("pack", "the review pack for a council meeting (public unless --confidential)")
    rp.add_argument(
        "--meeting", type=_date, required=True, metavar="DATE", help="the day of the meeting"
    )
    rp.add_argument(
        "--confidential",
        action="store_true",
        help="the confidential part for full council: councillor matters only, with names",
    )
    rp.add_argument("--item", default="", metavar="N", help="the item's number on the agenda")
    rp.add_argument(
        "--html",
        action="store_true",
        help="the public pack as one accessible HTML file for the council's website",
    )
    rp.add_argument("--agenda-item", default="", metavar="N", help=argparse.SUPPRESS)
    rp.add_argument(
        "--title",
        default="",
        metavar="TEXT",
        help="the item's title (default: 'Social Media Policy: annual review')",
    )
    rp.add_argument(
        "--first-page",
        type=int,
        default=1,
        metavar="N",
        help="number the pages from N, to run on within the agenda pack",
    )
    rp.add_argument(
        "--recommendation",
        metavar="TEXT",
        help="the recommendation to council, instead of the one drafted from the records",
    )
    rp.add_argument(
        "--confidential-item",
        default="",
        metavar="N",
        help="the confidential item's number, for the draft exclusion resolution",
    )
    rp.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="with --confidential: include cases closed since DATE "
        "(default: the previous meeting's pack)",
    )
    rep("staffing", "disciplinary cases for the staffing committee (confidential)")
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
    rc.add_argument("reference", metavar="REFERENCE", help="the case's reference, e.g. SM-2026-003")
    rs = rep("signoff", "a sign-off sheet for a policy version")
    rs.add_argument("--policy", required=True, metavar="TITLE", help="the policy's title or id")
    rs.add_argument("--version", metavar="LABEL", help="the version (default: the latest)")
    rj = rep("subject", "everything held about one person (subject access request)")
    rj.add_argument(
        "person",
        help="the person's name or id, or the name of a member of the public named in a case",
    )
    rj.add_argument(
        "--received",
        type=_date,
        metavar="DATE",
        help="when the request was received (default today): it is due a month later",
    )
    rj.add_argument(
        "--extended",
        action="store_true",
        help="the time to answer was extended by two further months (a complex request, "
        "UK GDPR Art. 12(3)); the person must have been told within the first month",
    )

    cs = cmd("council", "show or change the council's settings")
    cs.add_argument(
        "--nation", choices=["england", "wales"], help="decides the Code of Conduct route"
    )
    cs.add_argument(
        "--disclosure-threshold",
        type=int,
        metavar="N",
        help='counts below N read "fewer than N" in public papers (default 3)',
    )
    cs.add_argument("--contact", metavar="TEXT", help="the council's address or email")
    cs.add_argument(
        "--subject-access-text",
        type=Path,
        metavar="FILE",
        help="the covering text of a subject access response, from a text file ('-' for stdin)",
    )

    chk = cmd("check", "verify the store, every reference, the audit chain and every evidence hash")
    chk.add_argument(
        "--head",
        metavar="HEX",
        help="a chain head printed earlier (by check, on a backup or a confidential pack): "
        "the audit log must still hold it",
    )
    b = cmd("backup", "one file holding the store, the audit log and the evidence")
    b.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.zip",
        help="where to write it (default: COUNCIL-DATE.zip in this folder)",
    )
    rs2 = cmd("restore", "restore a council from a backup file")
    rs2.add_argument("file", type=Path, metavar="FILE.zip", help="a file that backup wrote")
    rs2.add_argument(
        "--replace",
        action="store_true",
        help="replace the council already in the folder (a backup is taken first)",
    )
    cmd("councils", "list the councils this computer keeps")
    co = cmd("completion", "print the shell code that completes parishclerk's commands")
    co.add_argument(
        "shell",
        choices=SHELLS,
        metavar="SHELL",
        help="bash, zsh or fish (see the README for where to put it)",
    )
    return p


def _writes(args: argparse.Namespace) -> str | None:
    """What the command would write to the data folder, if anything."""
    if args.command in WRITES:
        return WRITES[args.command]
    settings = ("nation", "disclosure_threshold", "contact", "subject_access_text")
    if args.command == "council" and any(getattr(args, k, None) is not None for k in settings):
        return "changes the council's settings"
    return None


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's Tab (argcomplete sets _ARGCOMPLETE); costs nothing otherwise."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)  # prints the completions and exits


def completion(shell: str) -> str:
    from argcomplete.shell_integration import shellcode

    return shellcode(["parishclerk"], shell=shell)


def main(argv: list[str] | None = None) -> int:
    held = gc.isenabled()
    gc.disable()  # for the start only: see the module's docstring
    try:
        return _main(argv)
    finally:
        if held:
            gc.enable()


def the_app_alone(argv: list[str]) -> SimpleNamespace | None:
    """``parishclerk``, with at most ``--data-dir DIR`` and ``--read-only``: the start a clerk
    makes most, read without building every command's parser (12-30 ms of each start).  What
    it returns is what the whole parser would; anything else (a command, help, an abbreviation,
    a mistake) is left to the whole parser, whose messages are the ones a user sees."""
    if "_ARGCOMPLETE" in os.environ:
        return None
    data_dir: Path | None = None
    read_only = False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--read-only":
            read_only = True
        elif word == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = Path(rest.pop(0))
        elif word.startswith("--data-dir="):
            data_dir = Path(word.removeprefix("--data-dir="))
        else:
            return None
    return SimpleNamespace(data_dir=data_dir, read_only=read_only, command=None)


def _main(argv: list[str] | None) -> int:
    fast = the_app_alone(sys.argv[1:] if argv is None else argv)
    if fast is not None:  # what the whole parser would give (a test holds the two alike)
        args = cast("argparse.Namespace", fast)
    else:
        parser = build_parser()
        _complete(parser)
        args = parser.parse_args(argv)
        writes = _writes(args)
        if args.read_only and writes:
            parser.error(f"{args.command} {writes}; it cannot run with --read-only")
    if args.command == "completion":
        sys.stdout.write(completion(args.shell))
        return 0
    from . import commands
    from .domain.text import visible

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
