"""Where councils live: the default data folder and the list of councils this clerk keeps."""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from ..domain.filenames import folder_name, safe_name
from . import platform
from .files import atomic_write, ensure_dir

ENV_DATA_DIR = "PARISHCLERK_DATA_DIR"
ENV_HOME = "PARISHCLERK_HOME"  # where the list of councils is kept (tests point it elsewhere)
ENV_REPORTS = "PARISHCLERK_REPORTS_DIR"  # where reports go (default Documents/parishclerk)


def home() -> Path:
    if env := os.environ.get(ENV_HOME):
        return Path(env)
    import platformdirs  # only here: about 8 ms of every start otherwise

    return Path(platformdirs.user_data_dir("parishclerk"))


def slug(name: str) -> str:
    """``st-marys-and-all-saints-town-council``: a council's name as a folder or file name that
    Windows, macOS and Linux all accept (accents folded, no reserved names)."""
    return safe_name(name, dots=False, empty="council").lower()


def reports_root() -> Path:
    """``Documents/parishclerk``: where a clerk looks for what the app made."""
    if env := os.environ.get(ENV_REPORTS):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "parishclerk"


def reports_folder(council_name: str, *, create: bool = True) -> Path:
    """``Documents/parishclerk/<council>/``, the default home of a council's reports: created
    private to its owner (0700) unless ``create`` is false (to show it before anything is made).
    """
    root = reports_root()
    folder = root / folder_name(council_name)
    if create:
        if not root.exists():
            ensure_dir(root)
        ensure_dir(folder)
    return folder


def save_new(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target``, or, if that file exists, to ``name-2.pdf``, ``name-3.pdf``
    and so on: an earlier report is never overwritten. The file is private (0600) and whole:
    the name is taken first, then the bytes arrive by an atomic replace. Returns the path."""
    missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    for folder in reversed(missing):  # each folder made here is private, not just the last
        ensure_dir(folder)
    n = 1
    while True:
        path = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
        try:
            os.close(platform.open_fd(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            n += 1
            continue
        try:
            atomic_write(path, data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path


def folder_for_new(name: str) -> Path:
    """A fresh folder under the user's data directory for a council called ``name``."""
    base = home() / "councils"
    candidate = base / slug(name)
    n = 2
    while candidate.exists():
        candidate = base / f"{slug(name)}-{n}"
        n += 1
    return candidate


def _list_path() -> Path:
    return home() / "councils.json"


def known() -> dict:
    """``{"last": path or None, "councils": [path, ...]}``; a damaged list is treated as empty."""
    try:
        doc = orjson.loads(_list_path().read_bytes())
        councils = [str(p) for p in doc.get("councils", []) if isinstance(p, str)]
        last = doc.get("last") if isinstance(doc.get("last"), str) else None
        return {"last": last, "councils": councils}
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return {"last": None, "councils": []}


def remember(folder: Path) -> None:
    """Put ``folder`` on the list and make it the last used."""
    doc = known()
    path = str(Path(folder).resolve())
    councils = [p for p in doc["councils"] if p != path] + [path]
    if doc["last"] == path and doc["councils"] == councils:
        return  # already so: no write (and no fsync) on every start of the app
    ensure_dir(home())
    atomic_write(
        _list_path(), orjson.dumps({"last": path, "councils": councils}, option=orjson.OPT_INDENT_2)
    )


def forget(folder: Path) -> None:
    doc = known()
    path = str(Path(folder).resolve())
    councils = [p for p in doc["councils"] if p != path]
    last = doc["last"] if doc["last"] != path else (councils[-1] if councils else None)
    ensure_dir(home())
    atomic_write(
        _list_path(), orjson.dumps({"last": last, "councils": councils}, option=orjson.OPT_INDENT_2)
    )


def default_folder() -> Path | None:
    """``PARISHCLERK_DATA_DIR``, else the last council used, else None (first run)."""
    if env := os.environ.get(ENV_DATA_DIR):
        return Path(env)
    last = known()["last"]
    return Path(last) if last else None
