"""What each command does; ``cli`` parses, this module acts.  Every failure a user can cause is
raised as ``UserError`` with a one-line message naming the file, row or field."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from ..store.errors import StoreError
from .common import UserError

if TYPE_CHECKING:
    import argparse

__all__ = ["HANDLERS", "UserError", "run"]

Handler: TypeAlias = "Callable[[argparse.Namespace], int]"


def _in(module: str, name: str) -> Handler:
    """The command ``name`` of ``module``, imported when it runs: a command (the app above
    all) starts without importing every other command's modules."""

    def handler(args: argparse.Namespace) -> int:
        command: Handler = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return command(args)

    handler.__name__ = handler.__qualname__ = name
    return handler


HANDLERS: dict[str, Handler] = {
    "app": _in("open_app", "app"),
    "demo": _in("folders", "demo"),
    "init": _in("folders", "init"),
    "import": _in("folders", "import_"),
    "export": _in("tables", "export"),
    "due": _in("tables", "due"),
    "report": _in("reports", "report"),
    "check": _in("folders", "check"),
    "backup": _in("folders", "backup"),
    "restore": _in("folders", "restore"),
    "councils": _in("folders", "councils"),
    "council": _in("reports", "council_settings"),
}
OPEN_THE_APP = (HANDLERS["app"], HANDLERS["demo"])


def run(args: argparse.Namespace) -> int:
    handler = HANDLERS.get(args.command or "app", HANDLERS["app"])
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
