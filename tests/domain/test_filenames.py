"""File names every system accepts: accents folded, nothing Windows refuses, short enough."""

import re

import pytest

from parishclerk.domain.filenames import (
    RESERVED,
    fold,
    folder_name,
    report_filename,
    safe_name,
)

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
HOSTILE = [
    "Siân Llewellyn",
    "Ŵyn ap Gruffydd",
    "Małgorzata Wiśniewska",
    "St Mary's & All Saints <Town> Council",
    "[bold]x[/]",
    "<b>Chair</b>",
    "O'Brien & Co",
    'a:b"c/d\\e|f?g*h',
    "tab\there\nnewline\x00nul\x1bescape\x7f",
    "CON",
    "nul.pdf",
    "com1.tar.gz",
    "LPT9",
    "trailing dot. ",
    "...",
    "",
    "   ",
    "日本語の議会",
    "x" * 5000,
    "../../etc/passwd",
    "C:\\Windows\\System32",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siân Llewellyn", "Sian-Llewellyn"),
        ("Małgorzata", "Malgorzata"),
        ("Ŵyn Ŷ ŵ", "Wyn-Y-w"),
        ("Gwenllïan Ŵynne-Price", "Gwenllian-Wynne-Price"),
        ("Søren Ødegård", "Soren-Odegard"),
        ("Straße", "Strasse"),
        ("Æthelflæd", "AEthelflaed"),
        ("Łódź", "Lodz"),
        ("Þór Ðað", "Thor-Dad"),
        ("Zoë Brontë-Fañch", "Zoe-Bronte-Fanch"),
        ("St Mary's & All Saints <Town> Council", "St-Marys-and-All-Saints-Town-Council"),
        ("O'Brien & Co", "OBrien-and-Co"),
        ("O’Brien", "OBrien"),  # a typographic apostrophe too
        ("[bold]x[/]", "bold-x"),
        ("<b>", "b"),
        ("SM-2026-004", "SM-2026-004"),
        ("2026-12-08", "2026-12-08"),
        ("a - b -- c", "a-b-c"),
        ("v1.2 final", "v1.2-final"),
        ("a..b", "a.b"),
        ("..hidden", "hidden"),
        ("trailing. ", "trailing"),
        ("x\x00y\x1fz\x7f", "x-y-z"),
        ("CON", "CON_"),
        ("con", "con_"),
        ("nul.pdf", "nul_.pdf"),
        ("Com1.tar.gz", "Com1_.tar.gz"),
        ("LPT9", "LPT9_"),
        ("PRN ", "PRN_"),
        ("CONSTABLE", "CONSTABLE"),  # only the exact device names
        ("", "file"),
        ("   ", "file"),
        ("日本語", "file"),
    ],
)
def test_safe_name(text, expected) -> None:
    assert safe_name(text) == expected


@pytest.mark.parametrize(
    ("council", "kind", "part", "expected"),
    [
        (
            "Little Wickham Parish Council",
            "pack",
            "2026-12-08",
            "little-wickham-parish-council-pack-2026-12-08.pdf",
        ),
        ("Little Wickham", "case", "SM-2026-004", "little-wickham-case-SM-2026-004.pdf"),
        (
            "Cyngor Cymuned Llanfair",
            "subject",
            "Siân Llewellyn",
            "cyngor-cymuned-llanfair-subject-Sian-Llewellyn.pdf",
        ),
        (
            "St Mary's & All Saints <Town> Council",
            "breaches",
            "2025-12-01-to-2026-12-01",
            "st-marys-and-all-saints-town-council-breaches-2025-12-01-to-2026-12-01.pdf",
        ),
        ("CON", "", "", "con-report.pdf"),
        ("", "pack", "", "council-pack.pdf"),
        ("Nul", "case", "v1.2", "nul-case-v1-2.pdf"),  # no stray dot before the extension
    ],
)
def test_report_filename(council, kind, part, expected) -> None:
    assert report_filename(council, kind, part) == expected


def test_report_filename_suffix() -> None:
    assert report_filename("Little Wickham", "due", "", ".ics") == "little-wickham-due.ics"
    assert report_filename("Little Wickham", "due", "", "csv") == "little-wickham-due.csv"
    assert report_filename("Little Wickham", "due", "", "") == "little-wickham-due"


@pytest.mark.parametrize("text", HOSTILE)
def test_every_name_is_accepted_everywhere(text) -> None:
    for name in (
        safe_name(text),
        folder_name(text),
        report_filename(text, "subject", text),
        report_filename(text, text, text, ".pdf"),
    ):
        assert name and not FORBIDDEN.search(name), name
        assert name.isascii()
        assert name[-1] not in ". ", name
        assert name[0] not in ". -", name
        assert name.split(".")[0].upper() not in RESERVED, name
        assert "/" not in name and ".." not in name
        assert len(name) <= 120


@pytest.mark.parametrize("text", HOSTILE)
def test_the_whole_path_stays_well_inside_260(text) -> None:
    """Under a long Windows Documents folder (OneDrive with an organisation's name), with the
    ``-2`` that a second copy gets."""
    documents = "C:\\Users\\margaret.featherstonehaugh\\OneDrive - Little Wickham PC\\Documents"
    path = "\\".join(
        [documents, "parishclerk", folder_name(text), report_filename(text, "subject", text)]
    )
    assert len(path) + len("-99") < 240, path


def test_long_names_cut_at_a_word() -> None:
    name = safe_name("The Very Long Name of a Parish Council in the County of Somewhere " * 3)
    assert len(name) <= 60 and not name.endswith("-")
    assert name.startswith("The-Very-Long-Name-of-a-Parish-Council")
    assert "Somewher" not in name or name.endswith("Somewhere")


def test_folder_name_reads_as_the_council() -> None:
    assert folder_name("St Mary's & All Saints <Town> Council") == (
        "St Marys and All Saints Town Council"
    )
    assert folder_name("Cyngor Tref Llanrhaeadr-ym-Mochnant") == (
        "Cyngor Tref Llanrhaeadr-ym-Mochnant"
    )
    assert folder_name("AUX") == "AUX_"
    assert folder_name("") == "Council"


def test_fold() -> None:
    assert fold("Siân Ŵyn Małgorzata Øre Straße") == "Sian Wyn Malgorzata Ore Strasse"
