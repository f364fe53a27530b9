"""What the commands share: the one-line error, where the data folder is, opening the store, writing
an output and telling the clerk."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

import sys
from pathlib import Path

# What every command that opens a council needs is imported here; what only some commands
# need (CSV, the interchange codec, what is due, backups, the app, reportlab) is imported in
# the command that needs it, so a one-line command starts no slower than it must.
from ..domain.text import visible
from ..store import places
from ..store.files import atomic_write
from ..store.repository import Store


class UserError(Exception):
    """A one-line message for stderr; exit status 1."""


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


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None


def _stamp() -> str:
    from datetime import datetime

    return f"{datetime.now():%Y%m%d-%H%M%S}"
