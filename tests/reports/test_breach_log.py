"""The breach log for the Chair, read back: page 1's summary, the order, overdue marks, the range,
keep-until dates, a case carried over a page, and a bookmark and a link per case."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from parishclerk.domain.records import Case, NextAction, Procedure, Status, Subject
from parishclerk.reports import breach_log
from tests.reports.conftest import GENERATED, flat, pages
from tests.reports.report_councils import rich_council

REFS = re.compile(r"SM-\d{4}-\d{3}")


def _council():
    """The rich council, with an overdue case received long ago, one older closed case due for
    retention review, and an open case received recently."""
    d = rich_council()
    d.cases += [
        Case(
            "SM-2024-001",
            date(2024, 3, 1),
            "Ann Hall",
            Subject(name="Old Poster O'Neil"),
            Procedure.MODERATION,
            summary="An old post never dealt with.",
            categories=["other"],
            status=Status.RECEIVED,
            next_action=NextAction("Ask the platform again", date(2026, 3, 1)),
        ),
        Case(
            "SM-2019-004",
            date(2019, 6, 1),
            "Ann Hall",
            Subject(name="Long Gone"),
            Procedure.MODERATION,
            summary="Removed at once.",
            categories=["other"],
            status=Status.CLOSED,
            outcome="removed",
            closed_on=date(2019, 7, 1),
        ),
        Case(
            "SM-2026-009",
            date(2026, 3, 30),
            "Ann Hall",
            Subject(name="New Poster"),
            Procedure.MODERATION,
            summary="A fresh post.",
            categories=["other"],
            status=Status.RECEIVED,
            next_action=NextAction("Decide", date(2026, 4, 10)),
        ),
    ]
    return d


def _order(text: str) -> list[str]:
    return list(dict.fromkeys(REFS.findall(text)))


def test_open_cases_first_then_closed_each_oldest_first():
    pdf = breach_log(_council(), generated=GENERATED)
    body = " ".join(pages(pdf)[1:])  # page 1's summary names some cases: read the log itself
    first = flat(pdf).split("Open cases (", 1)[1]
    assert _order(first)[:6] == [
        "SM-2024-001",
        "SM-2026-001",
        "SM-2026-002",
        "SM-2026-009",
        "SM-2019-004",
        "SM-2025-007",
    ]
    assert body  # the log runs over several pages
    closed = first.split("Closed cases (", 1)[1]
    assert _order(closed) == ["SM-2019-004", "SM-2025-007", "SM-2026-003"]


def test_page_one_summary_and_overdue_marks():
    pdf = breach_log(_council(), generated=GENERATED)
    one = " ".join(pages(pdf)[0].split())
    assert "Open cases by procedure and state" in one
    assert "Code of Conduct With monitoring officer 1" in one
    assert "Moderation Received 2" in one
    assert "All procedures Open 4" in one
    # one overdue next action (1 Mar 2026), and one closed case past its keep-until date
    assert re.search(r"Overdue: next action past its date on 3 Apr 2026 1 SM-2024-001", one)
    assert re.search(r"retention review .* 1 SM-2019-004", one)
    text = flat(pdf)
    log = text.split("Open cases (4)", 1)[1]
    # the mark sits with the overdue case, and only there
    assert log.count("Overdue") == 1
    at = log.index("Overdue")
    assert log.rfind("SM-2024-001", 0, at) > log.rfind("SM-2026-001", 0, at)
    assert "Review for disposal" in log
    assert "Next: Decide by 10 Apr 2026" in log  # due, not overdue


def test_keep_until_column():
    text = flat(breach_log(_council(), generated=GENERATED))
    assert "Keep until" in text
    assert "1 Mar 2027" in text  # moderation: a year from closure on 1 Mar 2026
    assert "5 Dec 2031" in text  # Code of Conduct: six years from closure
    assert "When closed" in text and "After leaving" in text


def test_range_takes_every_open_case_and_says_so():
    pdf = breach_log(_council(), start=date(2026, 2, 1), end=date(2026, 2, 28), generated=GENERATED)
    text = flat(pdf)
    assert (
        "Cases received from 1 Feb 2026 to 28 Feb 2026, and every case still open, "
        "whenever received" in text
    )
    refs = set(REFS.findall(text))
    assert {"SM-2026-002", "SM-2026-003"} <= refs  # received in the range
    assert {"SM-2024-001", "SM-2026-001", "SM-2026-009"} <= refs  # open, received outside
    assert not refs & {"SM-2019-004", "SM-2025-007"}  # closed, received outside


def test_open_only():
    text = flat(breach_log(_council(), open_only=True, generated=GENERATED))
    assert "Open cases only" in text
    refs = set(REFS.findall(text))
    assert refs == {"SM-2024-001", "SM-2026-001", "SM-2026-002", "SM-2026-009"}
    assert "Closed cases" not in text
    d = _council()
    d.cases = [c for c in d.cases if not c.status.is_open]
    assert "No case is open." in flat(breach_log(d, open_only=True, generated=GENERATED))


def test_no_page_starts_with_text_that_names_no_case():
    pdf = breach_log(_council(), generated=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 4
    for n, page in enumerate(reader.pages[1:], start=2):
        lines = [ln.strip() for ln in page.extract_text(extraction_mode="layout").splitlines()]
        lines = [ln for ln in lines if ln]
        # beneath the table's heading row, the first line of each page names its case
        below = lines[lines.index(next(ln for ln in lines if "date received" in ln)) + 1]
        assert REFS.match(below), (n, below)
    assert "SM-2026-002 (continued)" in flat(pdf)


def test_each_case_is_a_bookmark_and_its_link_is_clickable():
    pdf = breach_log(_council(), generated=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    outline: Any = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["Open cases (4)", "Closed cases (3)"]
    cases = [o.title for o in outline[1]] + [o.title for o in outline[3]]
    assert cases[0] == "SM-2024-001 (1 Mar 2024)" and len(cases) == 7
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if "/A" in a.get_object()
    ]
    assert uris == ["https://www.facebook.com/groups/llanfair/posts/123456789012345678"]


def test_javascript_links_are_not_clickable():
    d = _council()
    d.cases[0].link = "javascript:alert(1)"
    reader = PdfReader(io.BytesIO(breach_log(d, generated=GENERATED)))
    assert not any(page.get("/Annots") for page in reader.pages)
    assert "javascript:alert(1)" in flat(breach_log(d, generated=GENERATED))


@pytest.mark.parametrize("bad", [(date(2026, 3, 1), date(2026, 1, 1))])
def test_backwards_range_is_refused(bad):
    from parishclerk.reports import ReportError

    with pytest.raises(ReportError, match="cannot run from 1 Mar 2026 back to 1 Jan 2026"):
        breach_log(_council(), start=bad[0], end=bad[1], generated=GENERATED)


def test_every_case_is_printed_in_full_where_its_bookmark_points():
    """Each of 300 cases: its bookmark (in the log's order) leads to the page that prints its
    reference, and every field the Chair needs is somewhere in the log."""
    from tests.reports.report_councils import busy_council

    data = busy_council(300)
    pdf = breach_log(data, generated=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    outline: Any = reader.outline
    marks = [o for group in outline if isinstance(group, list) for o in group]
    opened = sorted((c for c in data.cases if c.status.is_open), key=lambda c: c.received)
    closed = sorted((c for c in data.cases if not c.status.is_open), key=lambda c: c.received)
    assert [m.title.split()[0] for m in marks] == [c.reference for c in opened + closed]
    for mark in marks:
        page = reader.get_destination_page_number(mark)
        assert page is not None and mark.title.split()[0] in texts[page]
    every = " ".join(texts)
    for c in data.cases:
        assert c.reference in every
        assert c.summary.split(":")[0] + ":" in every  # "Summary17:"
        assert f"Reported by {c.reported_by}." in every
        assert f"Platform: {c.platform}" in every
        assert c.link in every


def test_the_log_is_set_no_smaller_than_nine_points():
    from tests.reports.report_councils import busy_council

    pdf = breach_log(busy_council(60), generated=GENERATED)
    sizes = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        assert contents is not None
        sizes |= {float(s) for s in re.findall(rb" ([\d.]+) Tf", contents.get_data())}
    assert sizes and min(sizes) >= 9


@pytest.mark.parametrize(
    "text",
    [
        "[bold]Siân[/] Llewellyn",
        "Małgorzata <b>Nowak</b>",
        "O'Brien & Co (Ltd) \\ back\\slash",
        "((()) unbalanced)) \\(",
        "Bethan Ŵyn Jones",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_text_in_a_case_prints_literally(text):
    """What a clerk typed, in every field of a case, comes back as typed: the table writes
    ASCII cells in one go and other lines one at a time, and both must escape alike."""
    d = _council()
    case = d.cases[0]
    case.subject = Subject(name=text)
    case.reported_by = text
    case.summary = f"{text} said {text}"
    case.platform = text
    log = flat(breach_log(d, generated=GENERATED))
    assert f"{text} said {text}" in log
    assert f"Reported by {text}." in log
    assert f"Platform: {text}" in log
    assert log.count(text) >= 5


def test_the_log_needs_no_timelines(monkeypatch):
    """`report breaches` reads the council without case events and evidence (half of a large
    council): the log must be the same file without them."""
    from dataclasses import replace

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775174400")
    d = _council()
    assert d.events and d.evidence
    bare = replace(d, events=[], evidence=[])
    assert breach_log(d, generated=GENERATED) == breach_log(bare, generated=GENERATED)
