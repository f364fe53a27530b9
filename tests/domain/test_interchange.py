"""The interchange file: an exact round trip, and refusals that name the bad field's path."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import orjson
import pytest

from parishclerk import demo
from parishclerk.domain import interchange
from parishclerk.domain.codec import InvalidData, decode, encode
from parishclerk.domain.records import CaseEvent, Evidence, Person, Role, Status

TODAY = date(2026, 11, 23)


def demo_with_events():
    data = demo.build(TODAY)
    for case in data.cases:  # in case order, seq from 1, as the file keeps them
        data.events.append(
            CaseEvent(
                case.reference,
                1,
                case.received,
                "received",
                f"Received from {case.reported_by}",
                Status.RECEIVED,
            )
        )
        data.events.append(
            CaseEvent(
                case.reference,
                2,
                case.received + timedelta(1),
                "note",
                "Rang the complainant — «quoted» ŵ",
            )
        )
        if not case.status.is_open:
            assert case.closed_on is not None
            data.events.append(
                CaseEvent(case.reference, 3, case.closed_on, "status", "Closed", Status.CLOSED)
            )
    data.evidence.append(
        Evidence(
            data.cases[0].reference,
            1,
            data.cases[0].received,
            "Clerk",
            "screenshot",
            "post.png",
            "a" * 64,
            "The post",
            1234,
        )
    )
    data.evidence.append(
        Evidence(
            data.cases[0].reference,
            2,
            data.cases[0].received,
            "Clerk",
            "saved page",
            "page.html",
            "b" * 64,
            "",
            99,
            disposed=TODAY,
        )
    )
    return data


def document():
    return interchange.to_document(demo_with_events())


def test_round_trip_is_exact():
    data = demo_with_events()
    doc = interchange.to_document(data)
    assert doc["format"] == "parishclerk/1"
    back = interchange.from_document(doc)
    assert back == data
    assert interchange.to_document(back) == doc


def test_round_trip_through_json_bytes():
    data = demo_with_events()
    raw = orjson.dumps(interchange.to_document(data))
    back = interchange.from_document(orjson.loads(raw))
    assert back == data
    assert orjson.dumps(interchange.to_document(back)) == raw


def test_document_shape_follows_the_design():
    doc = document()
    case = doc["cases"][0]
    assert case["subject"] == {"person": "p8"}
    third = next(c for c in doc["cases"] if c["procedure"] == "moderation")
    assert set(third["subject"]) == {"name"}
    assert [e["kind"] for e in case["events"]] == ["received", "note", "status"]
    assert "case" not in case["events"][0] and "seq" not in case["events"][0]
    assert "policy" not in doc["policies"][0]["versions"][0]
    assert doc["people"][0]["joined"].count("-") == 2


def test_empty_council():
    doc = {"format": "parishclerk/1", "council": {"name": "Empty PC"}}
    data = interchange.from_document(doc)
    assert data.council.name == "Empty PC" and data.people == []


def mutate(path_fn, doc=None):
    doc = copy.deepcopy(doc or document())
    path_fn(doc)
    return doc


def refused(doc) -> InvalidData:
    with pytest.raises(InvalidData) as err:
        interchange.from_document(doc)
    assert str(err.value).startswith(err.value.path) or not err.value.path
    return err.value


CASES = [
    # unknown keys
    ("unknown top-level key", lambda d: d.update(extra=1), "extra", "unknown field"),
    (
        "unknown council key",
        lambda d: d["council"].update(mayor="x"),
        "council.mayor",
        "unknown field",
    ),
    (
        "unknown person key",
        lambda d: d["people"][2].update(phone="1"),
        "people[2].phone",
        "unknown field",
    ),
    (
        "unknown case key",
        lambda d: d["cases"][0].update(colour="red"),
        "cases[0].colour",
        "unknown field",
    ),
    (
        "unknown subject key",
        lambda d: d["cases"][1]["subject"].update(age=3),
        "cases[1].subject.age",
        "unknown field",
    ),
    (
        "event carries case",
        lambda d: d["cases"][0]["events"][0].update(case="x"),
        "cases[0].events[0].case",
        "unknown field",
    ),
    (
        "event carries seq",
        lambda d: d["cases"][0]["events"][1].update(seq=9),
        "cases[0].events[1].seq",
        "unknown field",
    ),
    (
        "version carries policy",
        lambda d: d["policies"][0]["versions"][1].update(policy="sm"),
        "policies[0].versions[1].policy",
        "unknown field",
    ),
    (
        "unknown evidence key",
        lambda d: d["cases"][0]["evidence"][0].update(path="/tmp"),
        "cases[0].evidence[0].path",
        "unknown field",
    ),
    # wrong types
    ("format", lambda d: d.update(format="parishclerk/2"), "format", "expected"),
    ("people not a list", lambda d: d.update(people={}), "people", "expected a list"),
    (
        "person not an object",
        lambda d: d["people"].__setitem__(1, "Jane"),
        "people[1]",
        "expected an object",
    ),
    (
        "month as text",
        lambda d: d["council"].update(annual_meeting_month="5"),
        "council.annual_meeting_month",
        "whole number",
    ),
    (
        "month as bool",
        lambda d: d["council"].update(annual_meeting_month=True),
        "council.annual_meeting_month",
        "whole number",
    ),
    ("name as number", lambda d: d["people"][0].update(name=7), "people[0].name", "expected text"),
    ("name null", lambda d: d["people"][0].update(name=None), "people[0].name", "must not be null"),
    (
        "joined as number",
        lambda d: d["people"][0].update(joined=20260101),
        "people[0].joined",
        "expected a date",
    ),
    (
        "binds not a list",
        lambda d: d["policies"][0].update(binds="councillor"),
        "policies[0].binds",
        "expected a list",
    ),
    (
        "unknown role",
        lambda d: d["policies"][0]["binds"].__setitem__(1, "mayor"),
        "policies[0].binds[1]",
        "is not one of",
    ),
    (
        "bool as text",
        lambda d: d["policies"][2].update(reacknowledge_yearly="yes"),
        "policies[2].reacknowledge_yearly",
        "true or false",
    ),
    (
        "status unknown",
        lambda d: d["cases"][2].update(status="pending"),
        "cases[2].status",
        "is not one of",
    ),
    (
        "status outside procedure",
        lambda d: d["cases"][2].update(status="hearing"),
        "cases[2].status",
        "is not a state of the Moderation",
    ),
    (
        "outcome outside procedure",
        lambda d: d["cases"][0].update(outcome="warning"),
        "cases[0].outcome",
        "not an outcome of the Code of Conduct",
    ),
    (
        "category unknown",
        lambda d: d["cases"][0]["categories"].append("rude"),
        "cases[0].categories[2]",
        "not a breach category",
    ),
    (
        "subject both",
        lambda d: d["cases"][0]["subject"].update(name="X"),
        "cases[0].subject",
        "either a person or a name",
    ),
    (
        "next action due",
        lambda d: d["cases"][3]["next_action"].update(due="soon"),
        "cases[3].next_action.due",
        "not a date",
    ),
    ("missing received", lambda d: d["cases"][0].pop("received"), "cases[0].received", "missing"),
    ("missing council", lambda d: d.pop("council"), "council", "missing"),
    ("NUL in text", lambda d: d["people"][0].update(notes="a\x00b"), "people[0].notes", "NUL"),
    (
        "bad email",
        lambda d: d["people"][0].update(email="not-an-address"),
        "people[0].email",
        "not an email address",
    ),
    (
        "bad sha",
        lambda d: d["cases"][0]["evidence"][0].update(sha256="xyz"),
        "cases[0].evidence[0].sha256",
        "SHA-256",
    ),
    (
        "bad rule",
        lambda d: d["reminders"][0].update(rule="WHENEVER"),
        "reminders[0].rule",
        "recurrence rule",
    ),
    # impossible dates
    (
        "received 30 Feb",
        lambda d: d["cases"][0].update(received="2026-02-30"),
        "cases[0].received",
        "February 2026 has 28 days",
    ),
    (
        "joined 29 Feb common year",
        lambda d: d["people"][3].update(joined="2025-02-29"),
        "people[3].joined",
        "February 2025",
    ),
    (
        "day-first in file",
        lambda d: d["acknowledgements"][0].update(on="03/04/2026"),
        "acknowledgements[0].on",
        "YYYY-MM-DD",
    ),
    (
        "left before joined",
        lambda d: d["people"][0].update(left="2000-01-01"),
        "people[0].left",
        "before the day they joined",
    ),
    (
        "adopted month 13",
        lambda d: d["policies"][1]["versions"][0].update(adopted="2024-13-01"),
        "policies[1].versions[0].adopted",
        "no month 13",
    ),
    (
        "event date",
        lambda d: d["cases"][1]["events"][0].update(on="2026-04-31"),
        "cases[1].events[0].on",
        "April 2026 has 30 days",
    ),
    # dangling identifiers
    (
        "ack person",
        lambda d: d["acknowledgements"][4].update(person="p99"),
        "acknowledgements[4].person",
        "'p99' is not one of the people",
    ),
    (
        "ack version",
        lambda d: d["acknowledgements"][0].update(version="sm-9"),
        "acknowledgements[0].version",
        "'sm-9' is not a policy version",
    ),
    (
        "case subject",
        lambda d: d["cases"][1]["subject"].update(person="ghost"),
        "cases[1].subject.person",
        "'ghost' is not one of the people",
    ),
    (
        "account user",
        lambda d: d["accounts"][0]["authorised"].append("p404"),
        "accounts[0].authorised[2]",
        "'p404' is not one of the people",
    ),
    # duplicates
    (
        "person twice",
        lambda d: d["people"].append(dict(d["people"][0])),
        "people[17].id",
        "'p1' appears twice",
    ),
    (
        "policy twice",
        lambda d: d["policies"].append({**d["policies"][0], "versions": []}),
        "policies[3].id",
        "appears twice",
    ),
    (
        "case twice",
        lambda d: d["cases"].append(copy.deepcopy(d["cases"][2])),
        "cases[6].reference",
        "appears twice",
    ),
    (
        "reminder twice",
        lambda d: d["reminders"].append(dict(d["reminders"][0])),
        "reminders[3].id",
        "appears twice",
    ),
    (
        "account twice",
        lambda d: d["accounts"].append(dict(d["accounts"][1])),
        "accounts[2].id",
        "appears twice",
    ),
    (
        "ack twice",
        lambda d: d["acknowledgements"].append(dict(d["acknowledgements"][0])),
        "acknowledgements[%d]",
        "the same version twice",
    ),
]


@pytest.mark.parametrize("name,change,path,why", CASES, ids=[c[0] for c in CASES])
def test_refusals_name_the_path(name, change, path, why):
    doc = document()
    if "%d" in path:
        path = path % len(doc["acknowledgements"])
    err = refused(mutate(change, doc))
    assert err.path == path, str(err)
    assert why in str(err)


def test_version_ids_must_be_unique_across_policies():
    def dup(d):
        d["policies"][1]["versions"].append(dict(d["policies"][0]["versions"][0]))

    err = refused(mutate(dup))
    assert "'sm-1' appears twice" in str(err)


def test_not_an_object():
    assert refused([1, 2]).path == ""


def test_nothing_partial_is_returned():
    """A refusal raises; there is no half-built council to pick up."""
    doc = mutate(lambda d: d["cases"][-1].update(received="2026-02-30"))
    with pytest.raises(InvalidData):
        interchange.from_document(doc)
    assert doc["cases"][-1]["received"] == "2026-02-30"  # the input is left as it was


def test_reminder_and_account_ids_may_be_left_out():
    doc = document()
    for r in doc["reminders"]:
        del r["id"]
    for a in doc["accounts"]:
        del a["id"]
    data = interchange.from_document(doc)
    assert [r.id for r in data.reminders] == ["r1", "r2", "r3"]
    assert [a.id for a in data.accounts] == ["a1", "a2"]


def test_codec_round_trip_and_path():
    p = Person("p1", "Jane", Role.COUNCILLOR, date(2024, 2, 29), email=None)
    assert decode(Person, encode(p)) == p
    with pytest.raises(InvalidData) as err:
        decode(Person, {**encode(p), "role": "king"}, "people[0]")
    assert err.value.path == "people[0].role"
    with pytest.raises(InvalidData) as err:
        decode(Person, {**encode(p), "name": "x" * 100_001}, "people[0]")
    assert err.value.path == "people[0].name" and "over the limit" in str(err.value)
