"""The subject access response read back: whole names withheld, every record, the Art. 15
information, third parties, and the clock."""

from __future__ import annotations

from datetime import date

import pytest

from parishclerk.domain.records import (
    Case,
    CouncilData,
    Evidence,
    Person,
    Procedure,
    Reminder,
    Role,
    Status,
    Subject,
    SubjectAccess,
)
from parishclerk.domain.subject_access import (
    NameMatcher,
    answered_record,
    due_by,
    looks_like_name,
)
from parishclerk.reports import ReportError, subject_export
from tests.reports.conftest import GENERATED, flat


def test_names_are_whole_names_accent_blind():
    m = NameMatcher(["Renée Müller", "Ann Hall"])
    assert m.replace("Renee Muller said so") == "[withheld] said so"
    assert m.replace("RENÉE MÜLLER and ann hall") == "[withheld] and [withheld]"
    assert (
        m.replace("the village hall, Annhall, Ann Halliday")
        == "the village hall, Annhall, Ann Halliday"
    )
    assert NameMatcher(["Renee Muller"]).replace("Renée Müller wrote") == "[withheld] wrote"


def test_a_description_is_not_a_name():
    assert not looks_like_name("a resident")
    assert not looks_like_name("Member of the public")
    assert not looks_like_name("Clerk")
    assert looks_like_name("Seán Ó Briain") and looks_like_name("Ann Hall")


def resident_council(rich: CouncilData) -> CouncilData:
    rich.cases.append(
        Case(
            "SM-2026-010",
            date(2026, 3, 2),
            "a resident",
            Subject(person="p4"),
            Procedure.CODE_OF_CONDUCT,
            summary="Post naming a resident's address; Renee Muller was tagged.",
            status=Status.RECEIVED,
        )
    )
    rich.people.append(Person("p9", "Renée Müller", Role.COUNCILLOR, date(2024, 1, 1)))
    return rich


def test_a_reporter_described_in_words_does_not_blank_the_words(rich):
    text = flat(subject_export(resident_council(rich), "p4", generated=GENERATED))
    assert "Post naming a resident's address; [withheld] was tagged." in text
    assert "[withheld]'s address" not in text
    assert "Renee" not in text and "Renée" not in text


def test_every_record_where_the_clerk_appears(rich):
    rich.reminders.append(Reminder("r9", "Appraisal for Rhiannon Price", date(2026, 4, 20)))
    text = flat(subject_export(rich, "Rhiannon Price", generated=GENERATED))
    assert "Evidence they captured" in text and "SM-2026-001" in text  # she took the screenshot
    assert "Cases they reported" in text and "SM-2026-003" in text
    assert "Reminders that name them" in text and "Appraisal for Rhiannon Price" in text
    assert "@llanfairCC" in text  # an authorised user of the account
    assert "Kept until" in text and "after the employment ends" in text  # her own case
    assert "Kevin" not in text and "Dafydd" not in text and "Cllr O'Brien" not in text


def test_opens_with_the_article_15_information(rich):
    rich.council.contact = "Neuadd y Pentref, Llanfair LL1 1AA"
    text = flat(subject_export(rich, "p4", generated=GENERATED, received=date(2026, 3, 20)))
    for part in (
        "UK GDPR Article 15",
        "Purposes",
        "Categories of data",
        "Recipients",
        "How long",
        "rectification",
        "erase",
        "restrict",
        "Information Commissioner's Office",
        "Where it came from",
        "Neuadd y Pentref, Llanfair LL1 1AA",
        "Request received 20 Mar 2026",
        "due by 20 Apr 2026",
        "Public Services Ombudsman for Wales",  # a Welsh community council
    ):
        assert part in text, part


def test_the_clerks_covering_text_is_used(rich):
    rich.council.subject_access_text = "Annwyl <b>Dafydd</b> & co, dyma'r data."
    text = flat(subject_export(rich, "p4", generated=GENERATED))
    assert "Annwyl <b>Dafydd</b> & co, dyma'r data." in text


def test_a_third_party_can_ask_by_name(rich):
    text = flat(subject_export(rich, "kevin troll-smith", generated=GENERATED))
    assert "Kevin Troll-Smith" in text and "SM-2026-003" in text
    assert "No person record" in text
    assert "threats" in text  # the case about him
    assert "SM-2026-001" not in text and "Rhiannon Price" not in text
    evidence = Evidence(
        "SM-2026-003", 9, date(2026, 2, 20), "Ann Hall", "screenshot", "k.png", "0" * 64
    )
    rich.evidence.append(evidence)
    assert "Ann Hall" not in flat(subject_export(rich, "Kevin Troll-Smith", generated=GENERATED))


def test_unknown_names_are_refused(rich):
    with pytest.raises(ReportError, match="nor named as the subject or reporter"):
        subject_export(rich, "Nobody At All", generated=GENERATED)


def test_the_clock():
    assert due_by(date(2026, 1, 31)) == date(2026, 2, 28)
    line = answered_record(SubjectAccess("Ann Hall", date(2026, 3, 1), date(2026, 3, 5)))
    assert line == "Subject access request from Ann Hall answered on 5 Mar 2026, due by 1 Apr 2026"
    late = answered_record(SubjectAccess("A B", date(2026, 1, 1), date(2026, 3, 1), extended=True))
    assert "due by 1 Apr 2026" in late and "late" not in late


def test_a_reporter_learns_nothing_of_the_other_persons_file(rich):
    rich.people[4].left = date(2026, 3, 31)  # the Clerk, subject of SM-2026-002, has left
    text = flat(subject_export(rich, "p1", generated=GENERATED))  # she reported it
    assert "SM-2026-002" in text and "With the case file" in text
    assert "31 Mar 2026" not in text and "employment" not in text and "2032" not in text
