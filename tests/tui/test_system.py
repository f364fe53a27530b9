"""Opening and printing on each system, with the system calls put in by the test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parishclerk.tui import system


class Machine:
    """A stand-in system: which commands exist, what they answer, what was called."""

    def __init__(self, monkeypatch, platform: str, commands=(), env=None, verbs=None) -> None:
        self.commands = set(commands)
        self.calls: list[tuple] = []
        self.lpstat: str | None = "system default destination: Office\n"
        self.lp = subprocess.CompletedProcess(
            ["lp"], 0, "request id is Office-12 (1 file(s))\n", ""
        )
        self.verbs = verbs
        self.startfile_error: OSError | None = None
        self.exit_code: int | None = None
        monkeypatch.setattr(system, "PLATFORM", platform)
        monkeypatch.setattr(system, "_which", self.which)
        monkeypatch.setattr(system, "_run", self.run)
        monkeypatch.setattr(system, "_popen", self.popen)
        monkeypatch.setattr(system, "_startfile", self.startfile)
        monkeypatch.setattr(system, "_verbs", lambda suffix: self.verbs)
        monkeypatch.setattr(system, "_env", env or {})

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if name in self.commands else None

    def run(self, argv, **kwargs):
        self.calls.append(("run", argv))
        if argv[0] == "lpstat":
            if self.lpstat is None:
                raise subprocess.TimeoutExpired(argv, kwargs["timeout"])
            return subprocess.CompletedProcess(argv, 0, self.lpstat, "")
        return self.lp

    def popen(self, argv, **kwargs):
        self.calls.append(("popen", argv))
        assert kwargs["start_new_session"] and kwargs["stdout"] is subprocess.DEVNULL
        return self.Process(self.exit_code)

    class Process:
        """A launched opener: ``code`` when it ends at once, None while it keeps running."""

        def __init__(self, code: int | None) -> None:
            self.code = code

        def wait(self, timeout: float) -> int:
            if self.code is None:
                raise subprocess.TimeoutExpired("xdg-open", timeout)
            return self.code

    def startfile(self, path: str, verb: str) -> None:
        self.calls.append(("startfile", path, verb))
        if self.startfile_error:
            raise self.startfile_error


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "Siân's pack.pdf"
    path.write_bytes(b"%PDF")
    return path


# -- Windows ----------------------------------------------------------------------------------


def test_windows_opens_and_prints_with_startfile(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "win32", verbs={"open", "print", "printto"})
    assert system.can_open() and system.can_print()
    system.open_file(pdf)
    assert "Sent to the printer" in system.print_file(pdf)
    assert m.calls == [
        ("startfile", str(pdf.resolve()), "open"),
        ("startfile", str(pdf.resolve()), "print"),
    ]


def test_windows_without_a_pdf_program_offers_neither(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "win32", verbs=None)
    assert not system.can_open() and "no program for PDF files" in system.can_open().why
    assert not system.can_print()
    with pytest.raises(system.CannotDo, match="no program for PDF"):
        system.open_file(pdf)
    assert m.calls == []


def test_windows_viewer_without_a_print_verb(monkeypatch, pdf) -> None:
    """Edge opens PDFs but registers no Print verb: printing is not offered, and says why."""
    Machine(monkeypatch, "win32", verbs={"open"})
    assert system.can_open()
    able = system.can_print()
    assert not able and "no Print command" in able.why


def test_windows_refusal_is_one_line(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "win32", verbs={"open", "print"})
    m.startfile_error = OSError(1155, "No application is associated")
    m.startfile_error.strerror = "No application is associated"
    with pytest.raises(system.CannotDo) as caught:
        system.print_file(pdf)
    assert str(caught.value) == (
        "Siân's pack.pdf: Windows could not print it (No application is associated)."
    )


def test_startfile_is_windows_only() -> None:
    if sys.platform != "win32":
        with pytest.raises(OSError):
            system._startfile_real("x.pdf", "open")
        assert system._verbs_real(".pdf") is None


# -- macOS ------------------------------------------------------------------------------------


def test_mac_opens_with_open_and_prints_with_lp(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "darwin", commands={"open", "lp", "lpstat"})
    assert system.can_open() and system.can_print()
    system.open_file(pdf)
    said = system.print_file(pdf)
    assert said == "Sent to the printer (request id is Office-12 (1 file(s)))."
    assert ("popen", ["/usr/bin/open", str(pdf.resolve())]) in m.calls
    assert ("run", ["/usr/bin/lp", str(pdf.resolve())]) in m.calls


def test_mac_without_a_default_printer(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "darwin", commands={"open", "lp", "lpstat"})
    m.lpstat = "no system default destination\n"
    assert not system.can_print()
    assert system.can_print().why == "No default printer is set up on this machine."
    with pytest.raises(system.CannotDo, match="No default printer"):
        system.print_file(pdf)
    assert ("run", ["/usr/bin/lp", str(pdf.resolve())]) not in m.calls


# -- Linux ------------------------------------------------------------------------------------


def test_linux_opens_with_xdg_open_on_a_desktop(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "linux", commands={"xdg-open"}, env={"WAYLAND_DISPLAY": "wayland-0"})
    assert system.can_open()
    system.open_file(pdf)
    assert m.calls == [("popen", ["/usr/bin/xdg-open", str(pdf.resolve())])]


def test_linux_without_xdg_open_or_a_desktop(monkeypatch) -> None:
    Machine(monkeypatch, "linux", commands=set(), env={"DISPLAY": ":0"})
    assert system.can_open().why == "xdg-open (to show files) is not installed here."
    Machine(monkeypatch, "linux", commands={"xdg-open"}, env={})
    assert "no desktop" in system.can_open().why


def test_linux_without_lp(monkeypatch, pdf) -> None:
    Machine(monkeypatch, "linux", commands={"xdg-open"})
    assert system.can_print().why == "The lp command (for printing) is not installed here."


def test_printing_system_that_does_not_answer(monkeypatch) -> None:
    m = Machine(monkeypatch, "linux", commands={"lp", "lpstat"})
    m.lpstat = None
    assert "does not answer" in system.can_print().why


def test_printer_refusal_is_one_line(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "linux", commands={"lp", "lpstat"})
    m.lp = subprocess.CompletedProcess(["lp"], 1, "", "lp: Error - printer Office\nis stopped\n")
    with pytest.raises(system.CannotDo) as caught:
        system.print_file(pdf)
    assert str(caught.value) == "The printer refused it: lp: Error - printer Office is stopped"


def test_open_that_fails_to_start(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "linux", commands={"xdg-open"}, env={"DISPLAY": ":0"})

    def broken(argv, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(system, "_popen", broken)
    with pytest.raises(system.CannotDo, match="could not be opened .Permission denied"):
        system.open_file(pdf)
    assert m.calls == []


@pytest.mark.parametrize(
    ("platform", "opener", "code"), [("linux", "xdg-open", 3), ("darwin", "open", 1)]
)
def test_open_with_no_viewer_says_so(monkeypatch, pdf, platform, opener, code) -> None:
    """A desktop with no PDF program: the opener gives up at once, and the clerk is told."""
    m = Machine(monkeypatch, platform, commands={opener}, env={"DISPLAY": ":0"})
    m.exit_code = code
    with pytest.raises(system.CannotDo) as caught:
        system.open_file(pdf)
    said = str(caught.value)
    assert said.startswith("Siân's pack.pdf was saved but not opened: no program on this machine")
    assert f"({opener} gave up, code {code})" in said and "\n" not in said


def test_open_that_keeps_running_is_fine(monkeypatch, pdf) -> None:
    m = Machine(monkeypatch, "linux", commands={"xdg-open"}, env={"DISPLAY": ":0"})
    m.exit_code = None  # xdg-open waits on the viewer it started
    system.open_file(pdf)
    m.exit_code = 0
    system.open_file(pdf)
    assert len(m.calls) == 2
