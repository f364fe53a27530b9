"""Where councils live: the default data folder and the list of councils this clerk keeps."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson
import platformdirs

from .files import atomic_write, ensure_dir

ENV_DATA_DIR = "PARISHCLERK_DATA_DIR"
ENV_HOME = "PARISHCLERK_HOME"  # where the list of councils is kept (tests point it elsewhere)


def home() -> Path:
    return Path(os.environ.get(ENV_HOME) or platformdirs.user_data_dir("parishclerk"))


def slug(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", name.strip().lower()).strip("-")
    return text[:60] or "council"


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
