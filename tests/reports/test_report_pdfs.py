"""Every report read back as text: content present, markings on every page, nothing leaked."""

from __future__ import annotations

import re
from datetime import date

import pytest

from parishclerk.domain.procedures import OUTCOMES
from parishclerk.reports import (
    ReportError,
    breach_log,
    case_file,
    review_pack,
    signoff_sheet,
    subject_export,
)
from tests.reports.conftest import GENERATED, MEETING, body_text, flat, pages
from tests.reports.report_councils import HOSTILE, LONG_SUMMARY, SHA, busy_council, rich_council

MARK = "CONFIDENTIAL — not for publication"


def every_report(data):
    yield "pack", review_pack(data, MEETING, generated=GENERATED, agenda_item="7")
    yield "pack-c", review_pack(data, MEETING, confidential=True, generated=GENERATED)
    yield "log", breach_log(data, start=None, end=None, generated=GENERATED)
    yield "case", case_file(data, "SM-2026-001", generated=GENERATED)
    yield "signoff", signoff_sheet(data, "Social Media Policy", generated=GENERATED)
    yield "subject", subject_export(data, "p4", generated=GENERATED)


def test_every_report_is_a_pdf_with_header_and_footer_on_every_page(rich):
    for name, pdf in every_report(rich):
        texts = pages(pdf)
        total = len(texts)
        for n, text in enumerate(texts, start=1):
            folded = " ".join(text.split())
            assert f"Page {n} of {total}" in folded, (name, n)
            assert "Generated 3 Apr 2026" in folded, (name, n)
            assert "Llanfair & Pwll" in folded, (name, n)


def test_bytes_are_reproducible(rich, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775174400")  # reproducible only when asked
    first = dict(every_report(rich))
    second = dict(every_report(rich_council()))
    assert first == second


@pytest.mark.parametrize("which", ["pack-c", "log", "case", "subject"])
def test_confidential_marking_on_every_page(rich, which):
    pdf = dict(every_report(rich))[which]
    texts = pages(pdf)
    assert len(texts) >= 2  # the long summary makes these run over
    for text in texts:
        assert MARK in text


def test_public_pack_is_not_marked(rich):
    assert MARK not in flat(review_pack(rich, MEETING, generated=GENERATED))


def test_public_pack_of_a_busy_council_leaks_nothing_about_cases():
    data = busy_council(300)
    text = flat(review_pack(data, MEETING, generated=GENERATED, agenda_item="7"))
    assert "300 cases held" in text
    assert "Not broken down: staff matters" in text
    assert "SM-" not in text
    for word in (
        "Summary",
        "Troll",
        "Reporter",
        "Secret-Name",
        "example.org",
        " chase",
        "What happened",
        "Kevin",
    ):
        assert word not in text, word
    assert not re.search(r"Action\d", text)
    for labels in OUTCOMES.values():
        for label in labels.values():
            assert label not in text, label
    # counts are there, by procedure and by category
    assert "Code of Conduct" in text and "Moderation" in text
    assert "Abusive, threatening, bullying or harassing" in text


def test_public_pack_withholds_due_items_that_name_a_case(rich):
    text = flat(review_pack(rich, MEETING, generated=GENERATED))
    assert "Chase SM-2026-001" not in text  # a reminder naming a case
    assert "Chase the Monitoring Officer" not in text  # a case's next action
    assert "they are reported in confidence" in text
    assert "Annual Meeting & <b>elections</b>" in text  # other reminders stay


def test_confidential_pack_holds_councillor_matters_only(rich):
    text = flat(
        review_pack(rich, MEETING, confidential=True, generated=GENERATED, agenda_item="12")
    )
    assert "Public Bodies (Admission to Meetings) Act 1960" in text
    assert "section 1(2)" in text and "Item 12:" in text
    for ref in ("SM-2026-001", "SM-2026-003", "SM-2025-007"):
        assert ref in text
    assert "Kevin Troll-Smith" in text
    # the disciplinary case goes to the staffing committee, not to full council
    assert "SM-2026-002" not in text and "Final written warning" not in text
    assert "reported in confidence to the staffing committee" in text
    # the public sections are not reprinted
    assert "Acknowledgement register" not in text and "Breach summary" not in text


def test_pack_sections(rich):
    text = flat(review_pack(rich, MEETING, generated=GENERATED, agenda_item="7"))
    for part in (
        "Policies and their review",
        "Acknowledgement register",
        "Breach summary",
        "Due before the next meeting",
        "Exclusion of the press and public",
        "meeting of the council on 14 Apr 2026",
        "Item 7: Social Media Policy: annual review",
        "Members' Code of Conduct <Annex>",
        "25/047 & 25/048",
        "Overdue since 8 Jul 2023",
        "Version 2025.1: 20 May 2025",
        "Outstanding",
        "Cases are held; how many is withheld",
    ):
        assert part in text, part
    assert "Minute" not in text and "Signed (Chair)" not in text


def test_hostile_strings_print_literally(rich):
    log = flat(breach_log(rich, start=None, end=None, generated=GENERATED))
    assert "Llanfair & Pwll <b>Community</b> Council" in log
    assert "Cllr O'Brien <b>x posted that Tom Baker & the Clerk <script>lied</script>." in log
    assert "Gwenllian Ŵyn Jones" in log and "Seán Ó Briain" in log
    sign = flat(signoff_sheet(rich, "sm", generated=GENERATED))
    assert "Zbigniew Łukasz Wójcik" in sign and "Dafydd O'Brien <b>x" in sign
    assert "Adds a section on WhatsApp groups <b>and</b> pre-election." in sign


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_string_comes_back(empty, text):
    empty.council.name = text
    assert text in flat(breach_log(empty, start=None, end=None, generated=GENERATED))
    assert text in flat(review_pack(empty, MEETING, generated=GENERATED, agenda_item=text))


def test_breach_log_range_and_order(rich):
    text = flat(
        breach_log(rich, start=date(2026, 1, 1), end=date(2026, 2, 10), generated=GENERATED)
    )
    assert "Cases received from 1 Jan 2026 to 10 Feb 2026" in text
    assert "SM-2026-001" in text and "SM-2026-002" in text
    assert "SM-2026-003" not in text and "SM-2025-007" not in text
    assert text.index("SM-2026-001") < text.index("SM-2026-002")
    with pytest.raises(ReportError):
        breach_log(rich, start=date(2026, 3, 1), end=date(2026, 1, 1), generated=GENERATED)


def test_long_table_repeats_its_header_row():
    pdf = breach_log(busy_council(200), start=None, end=None, generated=GENERATED)
    texts = pages(pdf)
    assert len(texts) > 5
    for text in texts[1:]:  # page 1 opens with the summary, then the log begins
        assert "Reference and" in text and "Outcome or next" in text
    every = flat(pdf)
    assert all(f"Summary{i}:" in every for i in range(200))


def test_ten_thousand_character_summary_prints_in_full(rich):
    for pdf in (
        case_file(rich, "SM-2026-002", generated=GENERATED),
        breach_log(rich, start=None, end=None, generated=GENERATED),
    ):
        assert len(pages(pdf)) >= 3
        text = re.sub(r"\s+", "", body_text(pdf))
        # a reader may put a repeated table heading mid-line: none of its words is in the text
        text = re.sub(
            r"Referenceand|date|received|Subjectand|procedure|Status|Categories|"
            r"Outcomeornext|action",
            "",
            text,
        )
        assert re.sub(r"\s+", "", LONG_SUMMARY) in text


def test_case_file(rich):
    text = flat(case_file(rich, "sm-2026-001", generated=GENERATED))
    for part in (
        "Case file SM-2026-001",
        "Received 12 Jan 2026",
        "Ann Hall",
        "With monitoring officer",
        "Timeline",
        "Sent to the MO & IP",
        f"SHA-256: {SHA}",
        "SHA-256: " + "0" * 64,
        "post <1>.png",
        "Disposed of 1 Mar 2026",
        "Ynys Môn County Council",
    ):
        assert part in text, part
    with pytest.raises(ReportError, match="no case with the reference 'SM-1999-001'"):
        case_file(rich, "SM-1999-001", generated=GENERATED)


def test_signoff_sheet(rich):
    text = flat(signoff_sheet(rich, "social media policy", generated=GENERATED))
    for part in (
        "Sign-off sheet",
        "Social Media Policy, version 2025.1",
        "13 May 2025",
        "25/047 & 25/048",
        "Signature",
        "Date",
        "Ann Hall",
        "Rhiannon Price",
    ):
        assert part in text, part
    assert "Tom Baker" not in text  # a volunteer: not bound by it
    old = flat(signoff_sheet(rich, "SOCIAL MEDIA POLICY", version="2024.1", generated=GENERATED))
    assert "version 2024.1" in old and "14 May 2024" in old


def test_signoff_errors_name_what_is_unknown(rich):
    with pytest.raises(ReportError, match="no policy called 'Parking'"):
        signoff_sheet(rich, "Parking", generated=GENERATED)
    with pytest.raises(ReportError, match="has no version '9'.*2024.1, 2025.1"):
        signoff_sheet(rich, "sm", version="9", generated=GENERATED)
    with pytest.raises(ReportError, match="no adopted version"):
        signoff_sheet(rich, "Complaints Procedure", generated=GENERATED)


def test_subject_export_withholds_other_peoples_names(rich):
    text = flat(subject_export(rich, "dafydd o'brien <b>x", generated=GENERATED))
    for part in (
        "Subject access response",
        "Dafydd O'Brien <b>x",
        "Councillor",
        "1 Jun 2023",
        "SM-2026-001",
        "Cllr O'Brien <b>x posted that [withheld] & the Clerk",
        "@llanfairCC",
        "Chase the Monitoring Officer",
    ):
        assert part in text, part
    for other in ("Tom Baker", "Ann Hall", "Rhiannon Price", "Seán Ó Briain", "Ó Briain"):
        assert other not in text, other
    assert "SM-2026-002" not in text and "SM-2026-003" not in text  # about other people


def test_subject_export_of_a_reporter_gives_only_the_reference(rich):
    text = flat(subject_export(rich, "p5", generated=GENERATED))
    assert "Cases they reported" in text and "SM-2026-003" in text
    assert "Kevin" not in text and "threats" not in text
    assert "SM-2026-002" in text  # she is its subject
    assert "Gwenllian" not in text  # who reported it


def test_subject_lookup_errors(rich):
    with pytest.raises(ReportError, match="no person 'Nobody'.*nor named"):
        subject_export(rich, "Nobody", generated=GENERATED)
    rich.people[1].name = "Gwenllian Ŵyn Jones"
    with pytest.raises(ReportError, match="2 people are called .*give their id"):
        subject_export(rich, "gwenllian ŵyn jones", generated=GENERATED)


def test_empty_council(empty):
    pack = flat(review_pack(empty, MEETING, generated=GENERATED))
    assert "No breach cases are held." in pack and "Nothing is due." in pack
    log = flat(breach_log(empty, start=None, end=None, generated=GENERATED))
    assert "No cases were received in this period." in log
    with pytest.raises(ReportError):
        signoff_sheet(empty, "anything", generated=GENERATED)
    with pytest.raises(ReportError):
        subject_export(empty, "anyone", generated=GENERATED)
    with pytest.raises(ReportError):
        case_file(empty, "SM-2026-001", generated=GENERATED)


def test_fonts_are_embedded(rich):
    pdf = breach_log(rich, start=None, end=None, generated=GENERATED)
    assert b"/FontFile2" in pdf
    assert b"Helvetica" not in pdf


def test_staffing_report_holds_the_disciplinary_cases(rich):
    from parishclerk.reports import staffing_report

    pdf = staffing_report(rich, generated=GENERATED)
    text = flat(pdf)
    for page in pages(pdf):
        assert MARK in page
    assert "SM-2026-002" in text and "Rhiannon Price" in text
    assert "Final written warning" in text
    assert "Live until 2 Mar 2027" in text  # 12 months from the decision
    assert "Keep until" in text and "after the employment ends" in text
    for other in ("SM-2026-001", "SM-2026-003", "SM-2025-007", "Kevin"):
        assert other not in text, other


def test_a_long_case_carries_its_reference_onto_every_page(rich):
    from parishclerk.reports import staffing_report

    rich.cases[0].summary = LONG_SUMMARY  # SM-2026-001, a councillor's case
    for pdf, ref in (  # the long text is the case's: every page of it starts with its card
        (review_pack(rich, MEETING, confidential=True, generated=GENERATED), "SM-2026-001"),
        (staffing_report(rich, generated=GENERATED), "SM-2026-002"),
    ):
        texts = pages(pdf)
        assert len(texts) >= 3
        for text in texts[1:]:
            body_lines = [
                ln
                for ln in text.splitlines()
                if "CONFIDENTIAL" not in ln
                and "Llanfair" not in ln
                and "Item " not in ln
                and "Staffing committee:" not in ln
            ]
            first = body_lines[0] if body_lines else ""
            if "Posted a long thread" in text:
                assert first.startswith(ref), first


def test_welsh_council_words_and_route_in_the_reports(rich):
    from parishclerk.domain.records import Case, Procedure, Status, Subject

    rich.cases.append(
        Case(
            "SM-2026-004",
            date(2026, 3, 1),
            "Ann Hall",
            Subject(person="p3"),
            Procedure.CODE_OF_CONDUCT_WALES,
            summary="Called a resident a liar on Facebook.",
            status=Status.INITIAL_ASSESSMENT,
        )
    )
    conf = flat(review_pack(rich, MEETING, confidential=True, generated=GENERATED))
    assert "Initial assessment: with the Ombudsman (two-stage test" in conf
    case = flat(case_file(rich, "SM-2026-004", generated=GENERATED))
    assert "Public Services Ombudsman for Wales" in case
    assert "community council records the steps" in case
    assert "Monitoring Officer" not in case
    # the older English-route case in the same council says which route it is on
    old = flat(case_file(rich, "SM-2026-001", generated=GENERATED))
    assert "follows the English route" in old
