"""What each command does; ``cli`` parses, this module acts.  Every failure a user can cause is
raised as ``UserError`` with a one-line message naming the file, row or field."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable

from ..store.errors import StoreError
from .common import UserError
from .folders import app, backup, check, councils, demo, import_, init, restore
from .reports import council_settings, report
from .tables import due, export

__all__ = ["HANDLERS", "UserError", "run"]


def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = HANDLERS.get(args.command or "app", app)
    if handler not in OPEN_THE_APP:
        gc.enable()  # held off by cli.main for the start; the app lets it go after its first frame
    try:
        return handler(args)
    except BrokenPipeError:
        raise
    except (StoreError, ValueError) as exc:  # InvalidData, CsvError, CaseError, DateError too
        raise UserError(str(exc)) from None
    except OSError as exc:
        where = exc.filename or ""
        raise UserError(f"{where}: {exc.strerror}" if where else str(exc)) from None


OPEN_THE_APP = (app, demo)

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
