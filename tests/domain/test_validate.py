"""One set of field rules: every text field of every record refuses control characters and
over-long values, and names the field; the rules agree with the interchange file."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from typing import Any

import pytest

from parishclerk.domain.codec import MAX_TEXT, InvalidData
from parishclerk.domain.records import (
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
    Council,
    Evidence,
    NextAction,
    Person,
    Policy,
    PolicyVersion,
    Procedure,
    Reminder,
    Role,
    Subject,
    SubjectAccess,
)
from parishclerk.domain.validate import (
    MAX_FREE_TEXT,
    check_record,
    check_text,
    text_problem,
)

SHA = "0" * 64
D = date(2026, 1, 5)

GOOD: list[Any] = [
    Council(
        "Llanfair Community Council",
        principal_authority="Gwynedd",
        monitoring_officer="MO",
        contact="Neuadd y Pentref\nLlanfair",
        subject_access=[SubjectAccess("Siân Ŵyn", D, D)],
    ),
    Person("p1", "Siân Ŵyn", Role.CLERK, D, email="s@example.org", notes="line\nline"),
    Policy("sm", "Social Media Policy", [Role.CLERK]),
    PolicyVersion("sm-1", "sm", "2026", D, minute="26/1", summary="x", document="p.pdf"),
    Acknowledgement("p1", "sm-1", D, "signed form"),
    Case(
        "SM-2026-001",
        D,
        "Member of the public",
        Subject(name="A resident"),
        Procedure.MODERATION,
        platform="Facebook",
        link="https://example.org/p",
        summary="What happened",
        next_action=NextAction("Write back", D),
    ),
    CaseEvent("SM-2026-001", 1, D, "note", "text"),
    Evidence("SM-2026-001", 1, D, "Clerk", "screenshot", "post.png", SHA, "desc", 10),
    Reminder("r1", "Annual Meeting", D, notes="n"),
    Account("a1", "Facebook", "@llanfair", authorised=["p1"]),
]


def text_fields(record: Any) -> list[tuple[str, Any, str]]:
    """(path, the object holding it, attribute) for every text field, nested ones too (in a
    list of records, the first)."""
    out: list[tuple[str, Any, str]] = []
    hints = typing.get_type_hints(type(record))
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            out += [(f"{f.name}[0].{p}", o, a) for p, o, a in text_fields(value[0])]
        elif dataclasses.is_dataclass(value):
            out += [(f"{f.name}.{p}", o, a) for p, o, a in text_fields(value)]
        elif hints[f.name] in (str, str | None):
            out.append((f.name, record, f.name))
    return out


CASES = [
    pytest.param(i, path, id=f"{type(r).__name__}.{path}")
    for i, r in enumerate(GOOD)
    for path, _, _ in text_fields(r)
]


def test_the_good_records_pass() -> None:
    for record in GOOD:
        check_record(record)


@pytest.mark.parametrize(
    "bad",
    ["a\x1b[2Jb", "a\u202eb", "x" * (MAX_FREE_TEXT + 1)],
    ids=["escape", "bidi override", "huge"],
)
@pytest.mark.parametrize(("index", "path"), CASES)
def test_every_text_field_refuses_controls_and_huge_values(index: int, path: str, bad: str) -> None:
    record = dataclasses.replace(GOOD[index])
    for p, holder, attr in text_fields(record):
        if p == path:
            if holder is not record:  # a nested record: copy it so GOOD stays good
                holder = dataclasses.replace(holder)
                outer = p.split(".")[0]
                if outer.endswith("[0]"):
                    setattr(record, outer[:-3], [holder])
                else:
                    setattr(record, outer, holder)
                if isinstance(holder, Subject):  # a subject is a person or a name
                    holder.name = holder.person = None
            setattr(holder, attr, bad)
    with pytest.raises(InvalidData) as refused:
        check_record(record)
    assert refused.value.path.endswith(path.split(".")[-1]), refused.value
    assert "\n" not in str(refused.value)


def test_the_free_text_limit_is_within_what_a_file_can_carry() -> None:
    assert MAX_FREE_TEXT < MAX_TEXT


@pytest.mark.parametrize(
    ("value", "kind", "why"),
    [
        ("\u200b", {}, "no visible characters"),
        ("\u3164", {}, "no visible characters"),  # a Hangul filler: a 'letter' showing nothing
        ("\u200b \u200b", {}, "no visible characters"),
        ("", {}, "is required"),
        ("", {"required": False}, None),
        ("12", {"letters": True}, "at least one letter"),
        ("Ŵyn", {"letters": True}, None),
        ("Zoë\u0301", {"letters": True}, None),
        ("a\nb", {}, "line break"),
        ("a\nb", {"multiline": True}, None),
        ("a\r\nb\tc", {"multiline": True}, None),
        ("a\rb", {"multiline": True}, r"\x0d"),
        ("a\ud800b", {}, "surrogate"),
        ("a\x00b", {}, r"\x00 NUL"),
    ],
)
def test_text_problem(value: str, kind: dict[str, Any], why: str | None) -> None:
    found = text_problem(value, **kind)
    if why is None:
        assert found is None
    else:
        assert found is not None and why in found


def test_check_text_names_the_field() -> None:
    with pytest.raises(InvalidData) as refused:
        check_text("a\x1bb", "people[3].name")
    assert str(refused.value).startswith("people[3].name: holds control characters (\\x1b")
