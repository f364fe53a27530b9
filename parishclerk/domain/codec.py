"""Records to plain JSON values and back, strictly: every error names the path of the field."""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from .dates import DateError, parse_iso

T = TypeVar("T")
MAX_TEXT = 100_000


class InvalidData(ValueError):
    """Bad data in a file; ``path`` is where (``cases[3].received``)."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"{path}: {why}" if path else why)
        self.path = path
        self.why = why


@cache
def _hints(cls: type) -> dict[str, Any]:
    """A record's field types.  A record's annotations are text (``from __future__ import
    annotations``) naming what its own module imports, so they are evaluated there directly;
    ``typing.get_type_hints``, which walks the bases and wraps each one first, took about half
    the few milliseconds building the decoders costs at start-up.  Anything else goes to it."""
    own = cls.__dict__.get("__annotations__", {})
    module = sys.modules.get(cls.__module__)
    if (
        cls.__bases__ == (object,)
        and module is not None
        and all(isinstance(a, str) for a in own.values())
    ):
        try:
            space = vars(module)
            return {name: eval(text, space) for name, text in own.items()}  # noqa: S307 - our own annotations
        except Exception:  # a name only typing knows how to find: let it
            pass
    return typing.get_type_hints(cls)


def encode(value: Any) -> Any:
    """A record (or anything in one) as JSON-ready values; dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encoder(type(value))(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


@cache
def _encoder(cls: type) -> typing.Callable[[Any], dict[str, Any]]:
    """The encoder of one record class, generated like ``trusted_decoder`` (no per-field
    type tests at run time): exporting 100,000 records is dominated by this."""
    env: dict[str, Any] = {}
    lines = ["def run(obj):", " d = obj.__dict__", " return {"]
    for i, f in enumerate(dataclasses.fields(cls)):
        conv = _to_json(_hints(cls)[f.name])
        if conv is None:
            lines.append(f"  {f.name!r}: d[{f.name!r}],")
        else:
            env[f"c{i}"] = conv
            lines.append(f"  {f.name!r}: None if d[{f.name!r}] is None else c{i}(d[{f.name!r}]),")
    lines.append(" }")
    exec("\n".join(lines), env)  # noqa: S102 - generated from the dataclass's own fields
    return env["run"]


def _to_json(tp: Any) -> typing.Callable[[Any], Any] | None:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _to_json([a for a in typing.get_args(tp) if a is not type(None)][0])
    if origin is list:
        inner = _to_json(typing.get_args(tp)[0])
        return list if inner is None else (lambda raw: [inner(x) for x in raw])
    if tp is date:
        return date.isoformat
    if isinstance(tp, type) and issubclass(tp, Enum):
        return lambda e: e.value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _encoder(tp)
    return None


def decode(cls: type[T], raw: Any, path: str = "", *, skip: frozenset[str] = frozenset()) -> T:
    """Build ``cls`` from ``raw``; unknown keys, wrong types and impossible dates are refused."""
    if not isinstance(raw, dict):
        raise InvalidData(path, f"expected an object, found {_kind(raw)}")
    record: type = cls  # a dataclass: T stands for the record a caller gets back
    hints = _hints(record)
    names = {f.name for f in dataclasses.fields(record)} - skip
    for key in raw:
        if key not in names:
            raise InvalidData(_join(path, key), "unknown field")
    values: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in skip:
            continue
        where = _join(path, f.name)
        if f.name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise InvalidData(where, "missing")
            continue
        values[f.name] = _value(hints[f.name], raw[f.name], where)
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # pragma: no cover - guarded above
        raise InvalidData(path, str(exc)) from None


def _value(tp: Any, raw: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if raw is None:
            if len(args) == len(typing.get_args(tp)):
                raise InvalidData(path, "must not be empty")
            return None
        return _value(args[0], raw, path)
    if raw is None:
        raise InvalidData(path, "must not be null")
    if origin is list:
        (item,) = typing.get_args(tp)
        if not isinstance(raw, list):
            raise InvalidData(path, f"expected a list, found {_kind(raw)}")
        return [_value(item, v, f"{path}[{i}]") for i, v in enumerate(raw)]
    if tp is date:
        if not isinstance(raw, str):
            raise InvalidData(path, f"expected a date as YYYY-MM-DD, found {_kind(raw)}")
        try:
            return parse_iso(raw)
        except DateError as exc:
            raise InvalidData(path, str(exc)) from None
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(raw)
        except ValueError:
            allowed = ", ".join(m.value for m in tp)
            raise InvalidData(path, f"{raw!r} is not one of {allowed}") from None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return decode(tp, raw, path)
    if tp is bool:
        if not isinstance(raw, bool):
            raise InvalidData(path, f"expected true or false, found {_kind(raw)}")
        return raw
    if tp is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidData(path, f"expected a whole number, found {_kind(raw)}")
        return raw
    if tp is str:
        if not isinstance(raw, str):
            raise InvalidData(path, f"expected text, found {_kind(raw)}")
        if len(raw) > MAX_TEXT:
            raise InvalidData(
                path, f"text of {len(raw):,} characters is over the limit of {MAX_TEXT:,}"
            )
        if "\x00" in raw:
            raise InvalidData(path, "contains a NUL character")
        return raw
    raise InvalidData(path, f"cannot read a value of type {tp}")  # pragma: no cover


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(raw: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(raw), type(raw).__name__)


@cache
def trusted_decoder(cls: type[T]) -> typing.Callable[[dict[str, Any]], T]:
    """A fast decoder for documents this program wrote and checked itself (the store's own
    records): it converts types but does not re-validate.  ``decode`` is for outside data.

    The function is generated per class, as ``dataclasses`` does for ``__init__``: one line
    per field, no loop, so reading 10,000 cases costs a few tens of milliseconds.  It reads
    every field as a plain lookup (a document this program wrote has them all); one without a
    field, from an older version, is read again by a second function that gives a field
    missing its default."""
    env: dict[str, Any] = {"new": object.__new__, "cls": cls, "MISSING": _MISSING}
    record: type = cls  # a dataclass: T stands for the record a caller gets back
    fields = dataclasses.fields(record)
    fast = ["def run(doc):", " try:"]
    fast += [f"  v{i} = doc[{f.name!r}]" for i, f in enumerate(fields)]
    fast += [" except KeyError:", "  return defaulted(doc)", " obj = new(cls)", " d = obj.__dict__"]
    lines = ["def defaulted(doc):", " obj = new(cls)", " d = obj.__dict__", " g = doc.get"]
    for i, f in enumerate(fields):
        conv = _converter(_hints(record)[f.name])
        if f.default is not dataclasses.MISSING:
            env[f"default{i}"] = f.default
            fallback = f"default{i}"
        elif f.default_factory is not dataclasses.MISSING:
            env[f"factory{i}"] = f.default_factory
            fallback = f"factory{i}()"
        else:
            fallback = None
        get = f"doc[{f.name!r}]" if fallback is None else f"g({f.name!r}, MISSING)"
        lines.append(f" v = {get}")
        if fallback is not None:
            lines.append(f" if v is MISSING: v = {fallback}")
        if conv is None:
            lines.append(f" d[{f.name!r}] = v")
            fast.append(f" d[{f.name!r}] = v{i}")
        else:
            env[f"conv{i}"] = conv
            lines.append(f" d[{f.name!r}] = None if v is None else conv{i}(v)")
            fast.append(f" d[{f.name!r}] = None if v{i} is None else conv{i}(v{i})")
    lines.append(" return obj")
    fast.append(" return obj")
    exec("\n".join([*lines, *fast]), env)  # noqa: S102 - generated from the dataclass's fields
    return env["run"]


_MISSING = object()


def _converter(tp: Any) -> typing.Callable[[Any], Any] | None:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0])
    if origin is list:
        (item,) = typing.get_args(tp)
        inner = _converter(item)
        return list if inner is None else (lambda raw: [inner(x) for x in raw])
    if tp is date:
        return date.fromisoformat
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp._value2member_map_.__getitem__
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return trusted_decoder(tp)
    return None
