"""Opening and printing a file, each system its own way: the one place in the app that does it.

- Windows: ``os.startfile`` (the ``open`` and ``print`` verbs of the program registered for the
  file's type, found in the registry);
- macOS: ``open``, and ``lp`` for the default printer;
- Linux and the other Unixes: ``xdg-open`` (with a desktop to show it on), and ``lp``.

:func:`can_open` and :func:`can_print` say whether this machine can do it, and if not, why, in a
line the app shows instead of a button that would do nothing. :func:`open_file` and
:func:`print_file` do it, or raise :class:`CannotDo` with that line. The system calls go through
the module's ``_which``, ``_run``, ``_popen``, ``_startfile`` and ``_verbs`` so tests put in their
own, and ``PLATFORM`` so each system's branch is tested on any machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PLATFORM = sys.platform
"""``win32``, ``darwin``, ``linux``…: read at each call, so a test can stand in another system."""

TIMEOUT = 5.0
"""Seconds to wait for ``lpstat`` or ``lp`` (a printing system that does not answer)."""
OPEN_WAIT = 3.0
"""Seconds to watch ``xdg-open`` or ``open``: one that gives up at once found no program for the
file (one still running has started it, or waits on it)."""


class CannotDo(Exception):
    """Opening or printing failed; the message is one line for the clerk."""


@dataclass(frozen=True)
class Can:
    """Whether this machine can do something, and if not, why (a line for the clerk)."""

    ok: bool
    why: str = ""

    def __bool__(self) -> bool:
        return self.ok


YES = Can(True)


# -- the system calls (tests replace these) ---------------------------------------------------


def _startfile_real(path: str, verb: str) -> None:
    if sys.platform == "win32":
        os.startfile(path, verb)
    else:
        raise OSError("os.startfile exists only on Windows")


def _verbs_real(suffix: str) -> set[str] | None:
    """The verbs (``open``, ``print``…) Windows offers for files ending ``suffix``; None when no
    program is registered for them. Looks where Explorer looks: the user's choice, then the
    machine's association, then the type's own ``shell`` key."""
    if sys.platform != "win32":
        return None
    import winreg

    def subkeys(root: int, path: str) -> set[str]:
        try:
            with winreg.OpenKey(root, path) as key:
                count = winreg.QueryInfoKey(key)[0]
                return {winreg.EnumKey(key, i).lower() for i in range(count)}
        except OSError:
            return set()

    progids: list[str] = []
    choice = rf"Software\Microsoft\Windows\CurrentVersion\Explorer\FileExts\{suffix}\UserChoice"
    for root, path, name in (
        (winreg.HKEY_CURRENT_USER, choice, "ProgId"),
        (winreg.HKEY_CLASSES_ROOT, suffix, ""),
    ):
        try:
            with winreg.OpenKey(root, path) as key:
                value, _kind = winreg.QueryValueEx(key, name)
                if isinstance(value, str) and value:
                    progids.append(value)
        except OSError:
            continue
    verbs: set[str] = set()
    for progid in progids:
        verbs |= subkeys(winreg.HKEY_CLASSES_ROOT, rf"{progid}\shell")
    verbs |= subkeys(winreg.HKEY_CLASSES_ROOT, rf"SystemFileAssociations\{suffix}\shell")
    if progids and not verbs:
        verbs.add("open")  # a registered type with no shell key still opens by default
    return verbs or None


_which: Callable[[str], str | None] = shutil.which
_run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run
_popen: Callable[..., Any] = subprocess.Popen
_startfile: Callable[[str, str], None] = _startfile_real
_verbs: Callable[[str], set[str] | None] = _verbs_real
_env: Mapping[str, str] = os.environ


# -- what this machine can do -----------------------------------------------------------------


def _windows() -> bool:
    return PLATFORM == "win32"


def _mac() -> bool:
    return PLATFORM == "darwin"


def _kind(suffix: str) -> str:
    return suffix.lstrip(".").upper() or "these"


def can_open(suffix: str = ".pdf") -> Can:
    """Whether a file ending ``suffix`` can be shown in the system's own viewer."""
    if _windows():
        if _verbs(suffix) is None:
            return Can(False, f"Windows has no program for {_kind(suffix)} files here.")
        return YES
    if _mac():
        if _which("open") is None:
            return Can(False, "The macOS 'open' command is missing.")
        return YES
    if _which("xdg-open") is None:
        return Can(False, "xdg-open (to show files) is not installed here.")
    if not (_env.get("DISPLAY") or _env.get("WAYLAND_DISPLAY")):
        return Can(False, "There is no desktop here to show it on (no DISPLAY).")
    return YES


def _default_printer() -> Can:
    """``lp`` is there and a default printer is set (``lpstat -d``)."""
    if _which("lp") is None:
        return Can(False, "The lp command (for printing) is not installed here.")
    if _which("lpstat") is None:
        return YES  # lp without lpstat: let lp itself say
    try:
        run = _run(["lpstat", "-d"], capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return Can(False, "The printing system does not answer (lpstat -d).")
    said = (run.stdout or "").strip()
    if run.returncode != 0 or not said or "no system default" in said.lower():
        return Can(False, "No default printer is set up on this machine.")
    return YES


def can_print(suffix: str = ".pdf") -> Can:
    """Whether a file ending ``suffix`` can be sent to the printer from here."""
    if _windows():
        verbs = _verbs(suffix)
        if verbs is None:
            return Can(False, f"Windows has no program for {_kind(suffix)} files here.")
        if "print" not in verbs:
            return Can(
                False,
                f"The program for {_kind(suffix)} files has no Print command: "
                "open the file and print from there.",
            )
        return YES
    return _default_printer()


# -- doing it ---------------------------------------------------------------------------------


def open_file(path: Path) -> None:
    """Show ``path`` in the system's viewer, without waiting for it."""
    target = str(Path(path).resolve())
    able = can_open(Path(path).suffix)
    if not able:
        raise CannotDo(able.why)
    try:
        if _windows():
            _startfile(target, "open")
        else:
            command = "open" if _mac() else "xdg-open"
            proc = _popen(
                [_which(command) or command, target],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            _gave_up(proc, command, Path(path))
    except OSError as exc:
        raise CannotDo(f"{Path(path).name}: could not be opened ({exc.strerror or exc}).") from None


def _gave_up(proc: Any, command: str, path: Path) -> None:
    """Raise :class:`CannotDo` if ``command`` ends at once with a failure: there is no program
    here for this kind of file (``xdg-open`` exits 3 or 4, macOS ``open`` 1)."""
    try:
        code = proc.wait(timeout=OPEN_WAIT)
    except subprocess.TimeoutExpired:
        return  # still going: it has started a program (or waits for the one it started)
    if code:
        raise CannotDo(
            f"{path.name} was saved but not opened: no program on this machine shows "
            f"{_kind(path.suffix)} files ({command} gave up, code {code}). Install a PDF "
            "viewer, or open the file from its folder."
        )


def print_file(path: Path) -> str:
    """Send ``path`` to the default printer; returns a line saying so."""
    target = str(Path(path).resolve())
    able = can_print(Path(path).suffix)
    if not able:
        raise CannotDo(able.why)
    if _windows():
        try:
            _startfile(target, "print")
        except OSError as exc:
            raise CannotDo(
                f"{Path(path).name}: Windows could not print it ({exc.strerror or exc})."
            ) from None
        return "Sent to the printer by the PDF program."
    try:
        run = _run(
            [_which("lp") or "lp", target], capture_output=True, text=True, timeout=TIMEOUT * 6
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise CannotDo(f"The printing system did not take it ({exc}).") from None
    if run.returncode != 0:
        said = " ".join((run.stderr or run.stdout or "no reason given").split())[:200]
        raise CannotDo(f"The printer refused it: {said}")
    said = " ".join((run.stdout or "").split())
    return f"Sent to the printer ({said})." if said else "Sent to the printer."
