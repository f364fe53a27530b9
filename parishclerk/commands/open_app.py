"""``parishclerk`` with no command: open the app on a council (or on a first run, make one).

Its own module, so the app's start imports none of the other commands (backups, imports,
reports: zipfile, CSV, reportlab and the rest) on its way to the first frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

from pathlib import Path

from ..store import places


def app(args: argparse.Namespace) -> int:
    from ..tui.app import make_app

    folder = args.data_dir or places.default_folder()
    make_app(Path(folder) if folder else None, read_only=args.read_only).run()
    return 0
