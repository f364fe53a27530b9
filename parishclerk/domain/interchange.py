"""The interchange file (``parishclerk/1``): the whole council as one JSON document.

``to_document`` and ``from_document`` are exact inverses.  ``from_document`` checks everything
(unknown keys, types, dates, dangling identifiers, duplicates) and raises ``InvalidData`` naming
the path of the first bad field; it builds nothing partial.
"""

from __future__ import annotations

from typing import Any

from .codec import InvalidData, decode, encode
from .records import (
    Account,
    Acknowledgement,
    Case,
    CaseEvent,
    Council,
    CouncilData,
    Evidence,
    Person,
    Policy,
    PolicyVersion,
    Reminder,
)
from .validate import (
    check_account,
    check_ack,
    check_case,
    check_council,
    check_event,
    check_evidence,
    check_person,
    check_policy,
    check_reminder,
    check_version,
)

FORMAT = "parishclerk/1"
TOP_KEYS = (
    "format",
    "council",
    "people",
    "policies",
    "acknowledgements",
    "cases",
    "reminders",
    "accounts",
)


def to_document(data: CouncilData) -> dict[str, Any]:
    versions: dict[str, list[PolicyVersion]] = {}
    for v in data.versions:
        versions.setdefault(v.policy, []).append(v)
    events: dict[str, list[CaseEvent]] = {}
    for e in data.events:
        events.setdefault(e.case, []).append(e)
    evidence: dict[str, list[Evidence]] = {}
    for item in data.evidence:
        evidence.setdefault(item.case, []).append(item)

    def policy(p: Policy) -> dict[str, Any]:
        doc = encode(p)
        doc["versions"] = [
            _drop(encode(v), "policy")
            for v in sorted(versions.get(p.id, []), key=lambda v: v.adopted)
        ]
        return doc

    def case(c: Case) -> dict[str, Any]:
        doc = encode(c)
        doc["subject"] = _drop(doc["subject"], *(k for k, v in doc["subject"].items() if v is None))
        doc["events"] = [
            _drop(encode(e), "case", "seq")
            for e in sorted(events.get(c.reference, []), key=lambda e: e.seq)
        ]
        doc["evidence"] = [
            _drop(encode(e), "case", "seq")
            for e in sorted(evidence.get(c.reference, []), key=lambda e: e.seq)
        ]
        return doc

    return {
        "format": FORMAT,
        "council": encode(data.council),
        "people": [encode(p) for p in data.people],
        "policies": [policy(p) for p in data.policies],
        "acknowledgements": [encode(a) for a in data.acknowledgements],
        "cases": [case(c) for c in data.cases],
        "reminders": [encode(r) for r in data.reminders],
        "accounts": [encode(a) for a in data.accounts],
    }


def from_document(doc: Any, categories: dict[str, str] | None = None) -> CouncilData:
    if not isinstance(doc, dict):
        raise InvalidData("", "the file does not hold a JSON object")
    for key in doc:
        if key not in TOP_KEYS:
            raise InvalidData(key, "unknown field")
    if doc.get("format") != FORMAT:
        raise InvalidData("format", f"expected {FORMAT!r}, found {doc.get('format')!r}")
    if "council" not in doc:
        raise InvalidData("council", "missing")
    council = decode(Council, doc["council"], "council")
    check_council(council)
    data = CouncilData(council=council)

    for i, raw in enumerate(_list(doc, "people")):
        person = decode(Person, raw, f"people[{i}]")
        check_person(person, f"people[{i}]")
        data.people.append(person)
    people = _unique([p.id for p in data.people], "people", "id")

    version_ids: list[str] = []
    for i, raw in enumerate(_list(doc, "policies")):
        path = f"policies[{i}]"
        if not isinstance(raw, dict):
            raise InvalidData(path, "expected an object")
        body = {k: v for k, v in raw.items() if k != "versions"}
        policy = decode(Policy, body, path)
        check_policy(policy, path)
        data.policies.append(policy)
        for j, rv in enumerate(_list(raw, "versions", path)):
            vpath = f"{path}.versions[{j}]"
            v = decode(PolicyVersion, _with(rv, vpath, policy=policy.id), vpath)
            check_version(v, vpath)
            data.versions.append(v)
            version_ids.append(v.id)
    _unique([p.id for p in data.policies], "policies", "id")
    versions = _unique(version_ids, "policies[].versions", "id")

    seen_acks: set[tuple[str, str, object]] = set()
    for i, raw in enumerate(_list(doc, "acknowledgements")):
        path = f"acknowledgements[{i}]"
        ack = decode(Acknowledgement, raw, path)
        check_ack(ack, path)
        if ack.person not in people:
            raise InvalidData(f"{path}.person", f"{ack.person!r} is not one of the people")
        if ack.version not in versions:
            raise InvalidData(f"{path}.version", f"{ack.version!r} is not a policy version")
        if (ack.person, ack.version, ack.on) in seen_acks:
            raise InvalidData(path, "acknowledges the same version twice on one day")
        seen_acks.add((ack.person, ack.version, ack.on))
        data.acknowledgements.append(ack)

    for i, raw in enumerate(_list(doc, "cases")):
        path = f"cases[{i}]"
        if not isinstance(raw, dict):
            raise InvalidData(path, "expected an object")
        body = {k: v for k, v in raw.items() if k not in ("events", "evidence")}
        c = decode(Case, body, path)
        check_case(c, path, categories)
        if c.subject.person is not None and c.subject.person not in people:
            raise InvalidData(
                f"{path}.subject.person", f"{c.subject.person!r} is not one of the people"
            )
        data.cases.append(c)
        for j, raw_event in enumerate(_list(raw, "events", path)):
            epath = f"{path}.events[{j}]"
            event = decode(CaseEvent, _with(raw_event, epath, case=c.reference, seq=j + 1), epath)
            check_event(event, epath)
            data.events.append(event)
        for j, raw_item in enumerate(_list(raw, "evidence", path)):
            epath = f"{path}.evidence[{j}]"
            item = decode(Evidence, _with(raw_item, epath, case=c.reference, seq=j + 1), epath)
            check_evidence(item, epath)
            data.evidence.append(item)
    _unique([c.reference for c in data.cases], "cases", "reference")

    for i, raw in enumerate(_list(doc, "reminders")):
        path = f"reminders[{i}]"
        r = decode(Reminder, _default_id(raw, path, f"r{i + 1}"), path)
        check_reminder(r, path)
        data.reminders.append(r)
    _unique([r.id for r in data.reminders], "reminders", "id")

    for i, raw in enumerate(_list(doc, "accounts")):
        path = f"accounts[{i}]"
        account = decode(Account, _default_id(raw, path, f"a{i + 1}"), path)
        check_account(account, path)
        for j, pid in enumerate(account.authorised):
            if pid not in people:
                raise InvalidData(f"{path}.authorised[{j}]", f"{pid!r} is not one of the people")
        data.accounts.append(account)
    _unique([a.id for a in data.accounts], "accounts", "id")
    return data


def _list(doc: dict[str, Any], key: str, path: str = "") -> list[Any]:
    where = f"{path}.{key}" if path else key
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise InvalidData(where, "expected a list")
    return value


def _with(raw: Any, path: str, **fixed: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidData(path, "expected an object")
    for key in fixed:
        if key in raw:
            raise InvalidData(f"{path}.{key}", "unknown field")
    return {**raw, **fixed}


def _default_id(raw: Any, path: str, default: str) -> Any:
    if isinstance(raw, dict) and "id" not in raw:
        return {"id": default, **raw}
    return raw


def _drop(doc: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in keys}


def _unique(ids: list[str], table: str, field: str) -> set[str]:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            raise InvalidData(f"{table}[{i}].{field}", f"{value!r} appears twice")
        seen.add(value)
    return seen
