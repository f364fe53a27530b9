"""The codec's fast paths give what its careful ones give (issue 11): the field types read
straight from a record's annotations are ``typing.get_type_hints``'s, and the trusted decoder
builds the records the checking decoder builds, on a generated council."""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import pkgutil
import typing

import pytest

import parishclerk.domain
from parishclerk.domain.codec import _hints, decode, encode, trusted_decoder
from parishclerk.domain.records import CouncilData


def _records() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(parishclerk.domain.__path__):
        module = importlib.import_module(f"parishclerk.domain.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("cls", _records(), ids=lambda c: c.__qualname__)
def test_field_types_are_typings_own(cls):
    assert _hints(cls) == typing.get_type_hints(cls)


def test_trusted_decoder_builds_what_decode_builds(generate):
    data = generate.build(0, seed=11, cases=200)
    for f in dataclasses.fields(CouncilData):
        value = getattr(data, f.name)
        for record in value if isinstance(value, list) else [value]:
            doc = encode(record)
            cls: type = type(record)
            assert trusted_decoder(cls)(doc) == decode(cls, doc) == record


def test_a_document_without_a_field_gets_its_default():
    """One written before a field was added is read with the field's default, as before."""
    from datetime import date

    from parishclerk.domain.records import Case, NextAction, Person, Procedure, Role, Subject

    records: list[object] = [
        Person("p1", "Siân O'Brien & Co", Role.COUNCILLOR, date(2024, 5, 1)),
        Case(
            "SM-2026-001",
            date(2026, 1, 5),
            "Clerk",
            Subject(name="[bold]x[/]"),
            Procedure.MODERATION,
            categories=["other"],
            next_action=NextAction("Chase", date(2026, 2, 1)),
        ),
    ]
    for record in records:
        cls: type = type(record)
        for f in dataclasses.fields(cls):
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                continue
            doc = encode(record)
            del doc[f.name]
            got = trusted_decoder(cls)(doc)
            assert got == decode(cls, doc), f.name
            factory: typing.Any = f.default_factory  # a callable here: checked above
            default = f.default if f.default is not dataclasses.MISSING else factory()
            assert getattr(got, f.name) == default, f.name
