"""End-to-end: the real command in a subprocess, as a clerk's shortcut or a script would run it."""

import json
import stat

import pytest

from .conftest import folder_bytes

HOSTILE = "Fr. <b>Ŵyn</b> & Łukasz [bold]O'Brien[/] <script>x</script>"


def test_help_lists_every_command(run):
    r = run("--help")
    assert r.code == 0
    for command in (
        "demo",
        "init",
        "import",
        "export",
        "due",
        "report",
        "check",
        "backup",
        "restore",
    ):
        assert command in r.out


def test_init_creates_a_private_folder_and_refuses_twice(run, tmp_path):
    folder = tmp_path / "c"
    r = run("init", "--council", HOSTILE, "--data-dir", folder)
    assert r.code == 0, r.err
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "council.json").stat().st_mode) == 0o600
    again = run("init", "--council", "Other", "--data-dir", folder)
    assert again.code == 1 and "already holds a council" in again.err
    exported = json.loads(run("export", "council", "--data-dir", folder).out)
    assert exported["council"]["name"] == HOSTILE


def test_init_refuses_an_empty_name(run, tmp_path):
    r = run("init", "--council", "   ", "--data-dir", tmp_path / "c")
    assert r.code == 1 and "council.name: is required" in r.err
    assert not (tmp_path / "c" / "council.json").exists()


def test_usage_errors_exit_2(run, demo_dir):
    assert run("due", "--on", "31/02/2026", "--data-dir", demo_dir).code == 2
    r = run("due", "--on", "31/02/2026", "--data-dir", demo_dir)
    assert "February 2026 has 28 days" in r.err
    assert run("export", "nonsense", "--data-dir", demo_dir).code == 2


def test_no_council_is_a_clear_message(run, tmp_path):
    r = run("due", "--data-dir", tmp_path / "empty")
    assert r.code == 1
    assert r.err.count("\n") == 1 and "holds no council" in r.err


def test_round_trip_is_exact(run, demo_dir, tmp_path):
    first = tmp_path / "one.json"
    assert run("export", "council", "--evidence", "-o", first, "--data-dir", demo_dir).code == 0
    target = tmp_path / "moved"
    r = run("import", "council", first, "--data-dir", target)
    assert r.code == 0, r.err
    second = tmp_path / "two.json"
    assert run("export", "council", "-o", second, "--data-dir", target).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert run("check", "--data-dir", target).code == 0


def _doc(run, demo_dir, tmp_path):
    path = tmp_path / "c.json"
    run("export", "council", "-o", path, "--data-dir", demo_dir)
    return json.loads(path.read_text())


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d["cases"][3].__setitem__("received", "2026-02-31"), "cases[3].received"),
        (lambda d: d["people"][0].__setitem__("shoe_size", 9), "people[0].shoe_size"),
        (lambda d: d["people"][2].__setitem__("joined", 20240101), "people[2].joined"),
        (
            lambda d: d["acknowledgements"][0].__setitem__("person", "nobody"),
            "acknowledgements[0].person",
        ),
        (
            lambda d: d["cases"][0]["subject"].__setitem__("person", "ghost"),
            "cases[0].subject.person",
        ),
        (
            lambda d: d["cases"][1].__setitem__("status", "with_monitoring_officer"),
            "cases[1].status",
        ),
        (lambda d: d["people"][1].__setitem__("id", "p1"), "people[1].id"),
        (lambda d: d.__setitem__("format", "other/9"), "format"),
    ],
)
def test_import_refuses_bad_files_naming_the_field(run, demo_dir, tmp_path, mutate, path):
    doc = _doc(run, demo_dir, tmp_path)
    mutate(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    target = tmp_path / "target"
    r = run("import", "council", bad, "--data-dir", target)
    assert r.code == 1
    assert path in r.err and r.err.count("\n") == 1
    assert not (target / "council.json").exists()


def test_import_into_an_occupied_folder_needs_replace(run, demo_dir, tmp_path):
    doc = _doc(run, demo_dir, tmp_path)
    doc["council"]["name"] = "Replacement Town Council"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    before = folder_bytes(demo_dir)
    r = run("import", "council", path, "--data-dir", demo_dir)
    assert r.code == 1 and "--replace" in r.err
    assert folder_bytes(demo_dir) == before
    r = run("import", "council", path, "--replace", "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert list((demo_dir / "backups").glob("before-import-*.zip"))
    assert "Replacement Town Council" in run("export", "council", "--data-dir", demo_dir).out


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b"[]", "JSON object"),
    ],
)
def test_import_refuses_broken_json(run, tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    r = run("import", "council", path, "--data-dir", tmp_path / "t")
    assert r.code == 1 and message in r.err


PEOPLE_CSV = (
    "Name,Role,Joined,Email\r\n"
    "Gwenllian Ŵyn,Councillor,3/4/2026,gw@example.org\r\n"
    "Łukasz <b>Nowak</b> & Co,vice-chair,03/05/2026,\r\n"
    "Siân Llewellyn,Councillor,1/1/2023,sian@example.org\r\n"
)


def test_import_people_from_excel_csv_with_bom(run, demo_dir, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(PEOPLE_CSV.encode("utf-8-sig"))
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert "2 added, 1 updated" in r.err
    out = run("export", "people", "--data-dir", demo_dir).out
    assert "Gwenllian Ŵyn" in out and "3 Apr 2026" in out
    assert "Łukasz <b>Nowak</b> & Co" in out


def test_import_people_plain_utf8_headers_any_case(run, demo_dir, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("JOINED,name,ROLE\n1/6/2026,Ann Other,rfo\n", encoding="utf-8")
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 0, r.err


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        ("Name,Role,Joined\nZoë,Councillor,1/1/2026\n".encode("cp1252"), "not UTF-8"),
        (b"Name,Joined\nAnn,1/1/2026\n", "header: missing column role"),
        (b"Name,Role,Joined,Shoe\nAnn,councillor,1/1/2026,9\n", "unknown column 'Shoe'"),
        (b"Name,Role,Joined\nAnn,councillor,31/02/2026\n", "row 2, joined"),
        (b"Name,Role,Joined\nAnn,councillor,1/1/2026\nBob,wizard,1/1/2026\n", "row 3, role"),
        (b"Name,Role,Joined\n,councillor,1/1/2026\n", "row 2, name: is required"),
        (("Name,Role,Joined\n" + "A" * 10_000 + ",councillor,1/1/2026\n").encode(), "row 2, name"),
    ],
)
def test_import_people_refuses_bad_files_whole(run, demo_dir, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = folder_bytes(demo_dir)
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 1
    assert message in r.err, r.err
    assert folder_bytes(demo_dir) == before


def test_import_people_names_every_bad_row(run, demo_dir, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,role,joined\nA,councillor,1/1/2026\nB,x,1/1/2026\nC,clerk,32/1/2026\n")
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 1 and "row 3" in r.err and "row 4" in r.err


def test_exports_open_in_excel(run, demo_dir, tmp_path):
    for table in ("people", "acknowledgements", "cases", "due"):
        out = tmp_path / f"{table}.csv"
        r = run("export", table, "-o", out, "--on", "23/11/2026", "--data-dir", demo_dir)
        assert r.code == 0, r.err
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert "Małgorzata Nowak" in (tmp_path / "people.csv").read_text("utf-8-sig")


def test_export_guards_against_formulas(run, tmp_path):
    folder = tmp_path / "c"
    run("init", "--council", "Test", "--data-dir", folder)
    path = tmp_path / "p.csv"
    path.write_text('name,role,joined,notes\nAnn,clerk,1/1/2026,=HYPERLINK("x")\n')
    assert run("import", "people", path, "--data-dir", folder).code == 0
    out = run("export", "people", "--data-dir", folder).out
    assert "'=HYPERLINK" in out


def test_due_and_calendar(run, demo_dir, tmp_path):
    ics = tmp_path / "due.ics"
    r = run("due", "--on", "23/11/2026", "--days", "30", "--ics", ics, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert "overdue" in r.out and "due soon" in r.out and "SM-2026-005" in r.out
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    from icalendar import Calendar

    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    repeating = [e for e in events if "RRULE" in e]
    # every item listed, plus the repeating reminders whose next date is past the window
    assert len(events) - len(repeating) <= len(r.out.strip().splitlines()) <= len(events)
    assert repeating and str(ics.resolve()) in r.err and "repeating" in r.err
    narrow = run("due", "--on", "23/11/2026", "--days", "0", "--data-dir", demo_dir)
    assert "due soon" not in narrow.out


def test_check_finds_tampering(run, demo_dir):
    assert run("check", "--data-dir", demo_dir).code == 0
    evidence = sorted((demo_dir / "evidence").iterdir())[0]
    evidence.write_bytes(b"altered")
    r = run("check", "--data-dir", demo_dir)
    assert r.code == 1 and "does not match its SHA-256" in r.out


def test_check_finds_an_altered_audit_line(run, demo_dir):
    audit = demo_dir / "audit.jsonl"
    lines = audit.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Received", b"Reciever")
    audit.write_bytes(b"\n".join(lines))
    r = run("check", "--data-dir", demo_dir)
    assert r.code == 1 and "audit.jsonl" in r.out
    assert "chain is broken" in r.out or "damaged" in r.out


def test_damaged_store_stops_with_a_message_and_is_not_overwritten(run, demo_dir):
    snapshot = demo_dir / "council.json"
    snapshot.write_bytes(snapshot.read_bytes()[: snapshot.stat().st_size // 2])
    before = folder_bytes(demo_dir)
    r = run("due", "--data-dir", demo_dir)
    assert r.code == 1 and "damaged" in r.err and "restore" in r.err
    assert folder_bytes(demo_dir) == before


def test_backup_and_restore(run, demo_dir, tmp_path):
    zip_path = tmp_path / "b.zip"
    assert run("backup", "-o", zip_path, "--data-dir", demo_dir).code == 0
    target = tmp_path / "restored"
    r = run("restore", zip_path, "--data-dir", target)
    assert r.code == 0, r.err
    assert run("check", "--data-dir", target).code == 0
    refused = run("restore", zip_path, "--data-dir", target)
    assert refused.code == 1 and "--replace" in refused.err
    assert run("restore", zip_path, "--replace", "--data-dir", target).code == 0
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK nonsense")
    bad = run("restore", junk, "--data-dir", tmp_path / "x")
    assert bad.code == 1 and "junk.zip" in bad.err


def test_second_writer_is_refused(run, demo_dir):
    from parishclerk.store.repository import Store

    with Store.open(demo_dir):
        path = demo_dir.parent / "p.csv"
        path.write_text("name,role,joined\nAnn,clerk,1/1/2026\n")
        r = run("import", "people", path, "--data-dir", demo_dir)
        assert r.code == 1 and "another copy" in r.err
        assert run("due", "--data-dir", demo_dir).code == 0  # readers still may


def test_demo_makes_a_fresh_copy(run, tmp_path):
    folder = tmp_path / "demo"
    assert run("demo", "--no-open", "--data-dir", folder).code == 0
    assert run("check", "--data-dir", folder).code == 0
    assert run("demo", "--no-open", "--data-dir", folder).code == 0
    other = tmp_path / "real"
    run("init", "--council", "Real PC", "--data-dir", other)
    r = run("demo", "--no-open", "--data-dir", other)
    assert r.code == 1 and "not the demo" in r.err


def test_councils_lists_what_was_used(run, tmp_path):
    run("init", "--council", "Aber PC", "--data-dir", tmp_path / "a")
    run("init", "--council", "Bryn PC", "--data-dir", tmp_path / "b")
    r = run("councils")
    assert "Aber PC" in r.out and "* Bryn PC" in r.out
    assert "Bryn PC" in run("export", "council").out  # the last one used is the default


def test_piping_into_head_is_quiet(demo_dir, isolated_home):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PARISHCLERK_HOME": str(isolated_home)}
    proc = subprocess.run(
        f"'{sys.executable}' -m parishclerk due --data-dir '{demo_dir}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.stdout.count("\n") == 1 and "Broken pipe" not in proc.stderr


def test_version(run):
    r = run("--version")
    assert r.code == 0 and r.out.startswith("parishclerk ")


def test_data_dir_before_the_command_is_honoured(run, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run("init", "--council", "Alpha PC", "--data-dir", a)
    run("init", "--council", "Beta PC", "--data-dir", b)  # now the last used
    r = run("--data-dir", a, "export", "council")
    assert r.code == 0 and "Alpha PC" in r.out


def test_restore_replace_over_a_damaged_council(run, demo_dir, tmp_path):
    zip_path = tmp_path / "b.zip"
    assert run("backup", "-o", zip_path, "--data-dir", demo_dir).code == 0
    (demo_dir / "council.json").write_bytes(b'{"_meta": ')
    r = run("restore", zip_path, "--replace", "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert run("check", "--data-dir", demo_dir).code == 0
    (kept,) = (demo_dir / "backups").glob("before-restore-*.zip")
    import zipfile

    assert zipfile.ZipFile(kept).read("council.json") == b'{"_meta": '


def test_restore_replace_after_an_unclean_shutdown(run, demo_dir, tmp_path, isolated_home):
    """A writer killed before its checkpoint must not have its state written over the restore."""
    import os
    import subprocess
    import sys

    zip_path = tmp_path / "b.zip"
    run("backup", "-o", zip_path, "--data-dir", demo_dir)
    script = (
        "import os,sys\nfrom datetime import date\n"
        "from parishclerk.store.repository import Store\n"
        "from parishclerk.domain.records import Person, Role\n"
        "s = Store.open(sys.argv[1])\n"
        "s.save_person(Person('px', 'Crash Test', Role.VOLUNTEER, date(2026, 1, 1)))\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(demo_dir)],
        check=True,
        env={**os.environ, "PARISHCLERK_HOME": str(isolated_home)},
    )
    r = run("restore", zip_path, "--replace", "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert run("check", "--data-dir", demo_dir).code == 0
    assert "Crash Test" not in run("export", "people", "--data-dir", demo_dir).out


def test_import_people_keeps_leaving_dates_and_notes_round_trip(run, demo_dir, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,role,joined,notes\nKaren Webb,employee,1/3/2019,- prefers post\n")
    assert run("import", "people", path, "--data-dir", demo_dir).code == 0
    out = tmp_path / "people.csv"
    run("export", "people", "-o", out, "--data-dir", demo_dir)
    row = next(line for line in out.read_text("utf-8-sig").splitlines() if "Karen Webb" in line)
    assert ",'- prefers post" in row and row.split(",")[4]  # still has a leaving date
    assert run("import", "people", out, "--data-dir", demo_dir).code == 0
    again = run("export", "people", "--data-dir", demo_dir).out
    assert "''- prefers post" not in again and "'- prefers post" in again


def test_import_people_refuses_one_id_on_two_rows(run, demo_dir, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,name,role,joined\nzz,Ann A,clerk,1/1/2026\nzz,Bob B,clerk,1/1/2026\n")
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 1 and "row 3, id" in r.err


def test_import_people_with_a_huge_cell_is_a_message(run, demo_dir, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,role,joined,notes\nAnn,clerk,1/1/2026," + "x" * 200_000 + "\n")
    r = run("import", "people", path, "--data-dir", demo_dir)
    assert r.code == 1 and "Traceback" not in r.err and "p.csv" in r.err


# -- the conventions people expect (issue 14) ------------------------------------------------


def test_version_short_and_long_from_the_package(run):
    import tomllib
    from pathlib import Path

    import parishclerk

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert parishclerk.__version__ == pyproject["project"]["version"]
    for flag in ("-V", "--version"):
        r = run(flag)
        assert r.code == 0 and r.out == f"parishclerk {parishclerk.__version__}\n"


def test_version_reads_no_metadata_and_imports_no_command(tmp_path):
    """--version is answered by argparse from __version__: no importlib.metadata scan, none of
    the commands' modules (measured: 190 ms of CPU before, 47 ms after, on this machine)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from parishclerk import cli\n"
        "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('parishclerk', 'importlib.metadata',"
        " 'orjson', 'tinydb', 'textual', 'reportlab', 'csv', 'argcomplete', 'dateutil'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert out.splitlines()[-1] == "['parishclerk', 'parishclerk.cli']"


def test_due_imports_only_what_it_needs(run, demo_dir):
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from parishclerk import cli\n"
        f"cli.main(['due', '--on', '23/11/2026', '--data-dir', {str(demo_dir)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'reportlab', 'csv',"
        " 'argcomplete', 'importlib.metadata', 'parishclerk.domain.interchange',"
        " 'parishclerk.domain.people_csv', 'parishclerk.domain.tables', 'parishclerk.tui',"
        " 'parishclerk.reports'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.stdout.splitlines()[-1] == "[]", proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--data-dir", "{d}", "due", "--on", "23/11/2026"],
        ["due", "--on", "23/11/2026", "--data-dir", "{d}"],
        ["--read-only", "due", "--on", "23/11/2026", "--data-dir", "{d}"],
        ["due", "--read-only", "--on", "23/11/2026", "--data-dir", "{d}"],
        ["--data-dir", "{d}", "export", "people", "--read-only"],
        ["export", "people", "--data-dir", "{d}"],
        ["report", "--data-dir", "{d}", "case", "SM-2026-005", "-o", "{t}/c.pdf"],
        ["report", "case", "SM-2026-005", "-o", "{t}/c.pdf", "--data-dir", "{d}", "--read-only"],
    ],
)
def test_global_options_go_before_or_after_the_command(run, demo_dir, tmp_path, args):
    before = folder_bytes(demo_dir)
    r = run(*[a.format(d=demo_dir, t=tmp_path) for a in args])
    assert r.code == 0, r.err
    assert folder_bytes(demo_dir) == before


def test_demo_read_only_after_the_command(run, tmp_path):
    r = run("demo", "--read-only", "--no-open", "--data-dir", tmp_path / "demo")
    assert r.code == 0, r.err  # exited 2 before: --read-only was known only before the command


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--council", "Other", "--read-only"],
        ["--read-only", "import", "people", "{t}/p.csv"],
        ["import", "council", "{t}/c.json", "--replace", "--read-only"],
        ["restore", "{t}/b.zip", "--replace", "--read-only"],
        ["council", "--nation", "wales", "--read-only"],
        ["--read-only", "council", "--contact", "Village Hall"],
    ],
)
def test_read_only_refuses_commands_that_write(run, demo_dir, tmp_path, args):
    (tmp_path / "p.csv").write_text("name,role,joined\nAnn,clerk,1/1/2026\n")
    before = folder_bytes(demo_dir)
    r = run(*[a.format(t=tmp_path) for a in args], "--data-dir", demo_dir)
    assert r.code == 2 and "cannot run with --read-only" in r.err
    assert folder_bytes(demo_dir) == before


def _actions(parser, path="parishclerk"):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield f"{path} {name}", "(command)", helps.get(name)
                yield from _actions(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action.option_strings or action.dest, action.help


def test_every_command_and_argument_has_a_line_of_help():
    import argparse

    from parishclerk.cli import build_parser

    found = list(_actions(build_parser()))
    assert len(found) > 60
    missing = [
        (where, what)
        for where, what, text in found
        if not text and text is not argparse.SUPPRESS and what != ["--today"]
    ]
    assert missing == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_code_for_each_shell(run, shell):
    r = run("completion", shell)
    assert r.code == 0, r.err
    assert "parishclerk" in r.out and "_ARGCOMPLETE" in r.out


def test_tab_completes_commands_and_options(isolated_home, tmp_path):
    """What the shell sees when the Clerk presses Tab (argcomplete's protocol)."""
    import os
    import subprocess
    import sys

    def complete(line: str) -> list[str]:
        out = tmp_path / "completions"
        env = {
            **os.environ,
            "_ARGCOMPLETE": "1",
            "_ARGCOMPLETE_IFS": "\n",
            "COMP_LINE": line,
            "COMP_POINT": str(len(line)),
            "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
        }
        subprocess.run([sys.executable, "-m", "parishclerk"], env=env, capture_output=True)
        return [word.strip() for word in out.read_text().split("\n")]

    assert {"report", "restore"} <= set(complete("parishclerk re"))
    assert {"pack", "breaches", "case", "signoff", "subject"} <= set(
        complete("parishclerk report ")
    )
    assert "--read-only" in complete("parishclerk due --re")


def test_shell_completion_costs_nothing_at_start_up():
    """argcomplete is imported only when the shell asks for completions."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom parishclerk import cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('argcomplete' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert out.splitlines()[-1] == "False"
