"""Hostile input against every way in: one table of inputs, one test per way in.

To try something new, add a row to ``INPUTS``: the field it goes in, the value, whether a clerk's
council should accept it, and (for a refusal) words the one-line message must hold. Each row is
tried against every way in that has that field:

- ``csv``: ``parishclerk import people FILE.csv`` (the message names file, row and column)
- ``council``: ``parishclerk import council FILE --replace`` (the message names the path,
  ``people[0].name``)
- ``store``: the store's own API, as the app and any script use it
- ``form``: the validators the app's forms run as the Clerk types

A refusal is one line, names the field, exits 1 from the command line and leaves the data folder
as it was, byte for byte. An accepted value is shown back exactly as given, and the council still
passes ``check`` and round-trips through the interchange file.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parishclerk import cli
from parishclerk.domain.codec import InvalidData
from parishclerk.domain.interchange import from_document, to_document
from parishclerk.domain.records import (
    Case,
    Council,
    Evidence,
    Person,
    Procedure,
    Role,
    Subject,
)
from parishclerk.store.check import check_folder
from parishclerk.store.repository import Store

SHA = "ab" * 32


@dataclass(frozen=True)
class Hostile:
    label: str
    field: str  # name | notes | joined | summary | size
    value: Any
    accepted: bool
    words: str = ""  # for a refusal: words the message must hold, besides the field's name
    stored: Any = None  # a date as the interchange file writes it (YYYY-MM-DD), if not value


INPUTS = [
    # Accepted: a person's name is shown as typed, never read as markup or HTML.
    Hostile("markup", "name", "[bold red]x[/] [@click=app.quit]q[/]", True),
    Hostile("html and ampersand", "name", "<b>O'Brien & Co</b>", True),
    Hostile("Welsh", "name", "Siân Ŵyn ap Rhys", True),
    Hostile("Polish", "name", "Małgorzata Żółkiewska-Wójcik", True),
    Hostile("Irish", "name", "Seán Ó Ceallaigh", True),
    Hostile("zero-width joiner inside letters", "name", "Ann\u200dMarie", True),
    Hostile("line breaks in a note", "notes", "First line.\nSecond line.\r\nThird.", True),
    Hostile("markup in a note", "notes", "[@click=app.quit]q[/] <i>x</i>", True),
    Hostile("markup in a summary", "summary", "[bold]posted[/] <script>x</script>", True),
    Hostile("a long but sane note", "notes", "word " * 3000 + "end", True),
    Hostile("a long summary", "summary", "The post said " * 1000, True),
    # Refused.
    Hostile("terminal title and clear", "name", "Ann\x1b]0;pwned\x07\x1b[2J", False, r"\x1b"),
    Hostile("NUL", "name", "Ann\x00Smith", False, "NUL"),
    Hostile("bidi override", "name", "Ann \u202eevil", False, r"\u202e"),
    Hostile("bidi isolate", "name", "Ann \u2066x\u2069", False, r"\u2066"),
    Hostile("C1 control", "name", "Ann\x9b2J", False, r"\x9b"),
    Hostile("DEL", "name", "Ann\x7f", False, r"\x7f"),
    Hostile("zero-width space only", "name", "\u200b", False, "no visible"),
    Hostile("invisible only", "name", "\u2060\ufeff\u00ad", False, "no visible"),
    Hostile("empty", "name", "", False, "required"),
    Hostile("spaces only", "name", "   ", False, "required"),
    Hostile("digits and dots only", "name", "1.2.3", False, "letter"),
    Hostile("line break in a name", "name", "Ann\nSmith", False, "line break"),
    Hostile("tab in a name", "name", "Ann\tSmith", False, r"\x09"),
    Hostile("huge name", "name", "A" * 150_000, False, "150,000 characters"),
    Hostile("huge note", "notes", "x" * 150_000, False, "150,000 characters"),
    Hostile("escape in a note", "notes", "see \x1b[2J here", False, r"\x1b"),
    Hostile("carriage return alone", "notes", "typed\roverwritten", False, r"\x0d"),
    Hostile("huge summary", "summary", "y" * 150_000, False, "150,000 characters"),
    Hostile("escape in a summary", "summary", "x\x1b]0;pwned\x07", False, r"\x1b"),
    Hostile("31 February", "joined", "31/02/2026", False, "28 days", stored="2026-02-31"),
    Hostile("two-digit year", "joined", "1/1/99", False, "in full", stored="99-01-01"),
    Hostile("negative evidence size", "size", -1, False, "negative"),
]


def rows(way: str) -> list[Any]:
    fields = {
        "csv": {"name", "notes", "joined"},
        "council": {"name", "notes", "joined", "summary", "size"},
        "store": {"name", "notes", "summary", "size"},
        "form": {"name", "notes", "joined", "summary"},
    }[way]
    return [pytest.param(h, id=h.label) for h in INPUTS if h.field in fields]


# -- helpers -------------------------------------------------------------------------------------


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def parishclerk(capsys):
    """Run the command line in this process (as ``python -m parishclerk`` would)."""

    def run(*args: object) -> Ran:
        capsys.readouterr()
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def council_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "council"
    with Store.create(folder, Council("Llanfair Community Council", kind="community")) as store:
        store.save_person(Person("p1", "Gwen Jones", Role.CLERK, date(2024, 5, 1)))
        store.open_case(
            Case(
                "SM-2026-001",
                date(2026, 1, 5),
                "Member of the public",
                Subject(name="A resident"),
                Procedure.MODERATION,
                summary="A post on the council page",
            )
        )
    return folder


@pytest.fixture
def council(tmp_path, council_template) -> Path:
    folder = tmp_path / "council"
    shutil.copytree(council_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def assert_one_line_refusal(result: Ran, *words: str) -> None:
    assert result.code == 1, (result.code, result.err)
    assert result.err.startswith("parishclerk: ")
    assert result.err.count("\n") == 1, result.err
    for w in words:
        assert w in result.err, (w, result.err)


def person_row(h: Hostile) -> dict[str, str]:
    row = {"name": "Ann Other", "role": "councillor", "joined": "1/6/2026", "notes": ""}
    row[h.field] = h.value
    return row


# -- the ways in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("h", rows("csv"))
def test_import_people(h: Hostile, council: Path, tmp_path: Path, parishclerk) -> None:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, ["name", "role", "joined", "notes"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(person_row(h))
    path = tmp_path / "people.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    before = folder_bytes(council)
    result = parishclerk("import", "people", path, "--data-dir", council)
    if not h.accepted:
        assert_one_line_refusal(result, f"{path}, row 2, {h.field}", h.words)
        assert folder_bytes(council) == before
        return
    assert result.code == 0, result.err
    exported = parishclerk("export", "people", "--data-dir", council)
    people = list(csv.DictReader(io.StringIO(exported.out.lstrip("\ufeff"), newline="")))
    added = [p for p in people if p["id"] != "p1"]
    assert len(added) == 1
    # the export writes line breaks as they were typed; csv reads them back the same
    assert added[0][h.field] == h.value
    assert parishclerk("check", "--data-dir", council).code == 0


def council_document(h: Hostile) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": "p1",
        "name": "Ann Other",
        "role": "clerk",
        "joined": "2024-06-01",
        "notes": "",
    }
    case: dict[str, Any] = {
        "reference": "SM-2026-001",
        "received": "2026-01-05",
        "reported_by": "Member of the public",
        "subject": {"name": "A resident"},
        "procedure": "moderation",
        "summary": "A post",
        "evidence": [
            {
                "captured": "2026-01-05",
                "by": "Clerk",
                "kind": "screenshot",
                "name": "post.png",
                "sha256": SHA,
                "size": 10,
            }
        ],
    }
    if h.field in ("name", "notes", "joined"):
        person[h.field] = h.value if h.stored is None else h.stored
    elif h.field == "summary":
        case["summary"] = h.value
    else:
        case["evidence"][0]["size"] = h.value
    return {
        "format": "parishclerk/1",
        "council": {"name": "Llanfair Community Council", "kind": "community"},
        "people": [person],
        "cases": [case],
    }


COUNCIL_PATH = {
    "name": "people[0].name",
    "notes": "people[0].notes",
    "joined": "people[0].joined",
    "summary": "cases[0].summary",
    "size": "cases[0].evidence[0].size",
}


@pytest.mark.parametrize("h", rows("council"))
def test_import_council(h: Hostile, council: Path, tmp_path: Path, parishclerk) -> None:
    path = tmp_path / "council.json"
    path.write_text(json.dumps(council_document(h)), encoding="utf-8")
    before = folder_bytes(council)
    result = parishclerk("import", "council", path, "--replace", "--data-dir", council)
    if not h.accepted:
        assert_one_line_refusal(result, COUNCIL_PATH[h.field], h.words)
        assert folder_bytes(council) == before
        return
    assert result.code == 0, result.err
    exported = json.loads(parishclerk("export", "council", "--data-dir", council).out)
    if h.field == "summary":
        assert exported["cases"][0]["summary"] == h.value
    else:
        assert exported["people"][0][h.field] == h.value


def store_write(store: Store, h: Hostile) -> None:
    if h.field in ("name", "notes"):
        person = Person("p2", "Ann Other", Role.COUNCILLOR, date(2026, 6, 1))
        store.save_person(replace(person, **{h.field: h.value}))
    elif h.field == "summary":
        store.open_case(
            Case(
                "SM-2026-002",
                date(2026, 2, 1),
                "Clerk",
                Subject(person="p1"),
                Procedure.DISCIPLINARY,
                summary=h.value,
            )
        )
    else:
        data = store.snapshot()
        data.evidence.append(
            Evidence(
                "SM-2026-001",
                1,
                date(2026, 1, 5),
                "Clerk",
                "screenshot",
                "a.png",
                SHA,
                size=h.value,
            )
        )
        store.replace_all(data)


def store_read(store: Store, h: Hostile) -> Any:
    if h.field in ("name", "notes"):
        return getattr(store.person("p2"), h.field)
    if h.field == "summary":
        return store.case("SM-2026-002").summary
    return store.evidence("SM-2026-001")[0].size


@pytest.mark.parametrize("h", rows("store"))
def test_store_api(h: Hostile, council: Path) -> None:
    before = folder_bytes(council)
    with Store.open(council) as store:
        if not h.accepted:
            with pytest.raises(InvalidData) as refused:
                store_write(store, h)
            message = str(refused.value)
            assert "\n" not in message
            assert refused.value.path.split(".")[-1] == h.field, message
            assert h.words in message, message
    if not h.accepted:
        assert folder_bytes(council) == before
        return
    with Store.open(council) as store:
        store_write(store, h)
    with Store.open(council, read_only=True) as store:
        assert store_read(store, h) == h.value
        data = store.snapshot()
    # What the store accepts, check passes and the interchange file carries exactly.
    assert check_folder(council) == []
    document = json.loads(json.dumps(to_document(data)))
    assert to_document(from_document(document)) == document


@pytest.mark.parametrize("h", rows("form"))
def test_form_validators(h: Hostile) -> None:
    """The validators the app's forms run as the Clerk types (the Name field of the person
    form; a free-text field; a date), in the order an ``Input`` runs them."""
    from textual.validation import Validator

    from parishclerk.tui.validators import DayFirstDate, FreeText, PersonName, Required

    by_field: dict[str, list[Validator]] = {
        "name": [Required("Name"), PersonName()],
        "notes": [FreeText("Notes")],
        "summary": [FreeText("What happened")],
        "joined": [DayFirstDate(required=True)],
    }
    validators = by_field[h.field]
    failures = [
        message
        for result in (v.validate(h.value) for v in validators)
        for message in result.failure_descriptions
    ]
    if h.accepted:
        assert not failures
        return
    assert failures, h
    assert "\n" not in failures[0]
    assert h.words in failures[0], failures[0]


def test_the_form_refuses_what_the_store_refuses(council: Path) -> None:
    """The form's validators and the store use one set of rules: a name the store refuses for
    having no letters is refused as the Clerk types it, with the store's words."""
    from parishclerk.tui.validators import Required

    with Store.open(council) as store:
        person = Person("p2", "\u200b", Role.COUNCILLOR, date(2026, 6, 1))
        with pytest.raises(InvalidData) as refused:
            store.save_person(person)
    typed = Required("Name").validate("\u200b")
    assert not typed.is_valid
    assert refused.value.why in typed.failure_descriptions[0]


# -- what is already held is shown escaped --------------------------------------------------------


@pytest.fixture
def held(council: Path) -> Path:
    """A council holding names written before these rules (or by another tool): put straight
    into the store's tables, past the rules, as an old file would hold them."""
    from parishclerk.domain.codec import encode

    with Store.open(council) as store:
        bad = Person(
            "p9", "Evil\x1b]0;pwned\x07\x1b[2J\nSecond line", Role.COUNCILLOR, date(2026, 1, 1)
        )
        store._stage("put", "people", bad.id, encode(bad))
        council_doc = encode(replace(store.council(), name="Town\x1b[2J\u202eCouncil"))
        store._stage("put", "council", "council", council_doc)
    return council


def test_due_shows_held_control_characters_escaped(held: Path, parishclerk) -> None:
    result = parishclerk("due", "--on", "1/2/2026", "--days", "60", "--data-dir", held)
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out
    lines = [line for line in result.out.splitlines() if "Evil" in line]
    assert lines, result.out
    for line in lines:  # one line per item: the name's line break did not split it
        assert r"Evil\x1b]0;pwned\x07\x1b[2J\x0aSecond line" in line


def test_councils_shows_held_control_characters_escaped(held: Path, parishclerk) -> None:
    from parishclerk.store import places

    places.remember(held)
    result = parishclerk("councils")
    assert result.code == 0, result.err
    assert r"Town\x1b[2J\u202eCouncil" in result.out
    assert "\x1b" not in result.out and "\u202e" not in result.out


def test_messages_naming_records_show_them_escaped(held: Path, parishclerk, tmp_path) -> None:
    result = parishclerk(
        "report", "subject", "Evil\x1b]0;x", "-o", tmp_path / "s.pdf", "--data-dir", held
    )
    assert result.code == 1
    assert "\x1b" not in result.err and result.err.count("\n") == 1, result.err
