"""What keeps the packs linear on a large council gives the very answers of the simple forms it
replaced: substring and whole-word tests of many needles, and each case's events by index."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from parishclerk.domain.records import CaseEvent, Council, CouncilData, Person, Role
from parishclerk.reports.pack_view import contains_any

WORDS = ["siân", "o'brien & co", "sm-2026-1", "sm-2026-12", "ŵyn", "<b>", "[bold]x[/]", "a", " x"]
ALPHABET = "ab sm-2026-1ŵyn'<>[]_ßİ\u0301"


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(4))
def test_contains_any_is_any_in(seed):
    rng = random.Random(seed)
    needles = rng.sample(WORDS, 4) + texts(6, seed + 100)
    needles = [n for n in needles if n]
    test = contains_any(needles)
    for text in texts(400, seed) + [" ".join(WORDS), "SM-2026-12".casefold()]:
        assert test(text) == any(n in text for n in needles), (text, needles)


@pytest.mark.parametrize("seed", range(4))
def test_whole_words_is_the_regex(seed):
    rng = random.Random(seed)
    needles = [n for n in rng.sample(WORDS, 5) + texts(5, seed + 50) if n.strip()]
    patterns = [re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)") for w in needles]
    test = contains_any(needles, whole_words=True)
    for text in texts(400, seed) + ["x siân_ y", "siân", "siânx", "(siân)", "o'brien & co."]:
        assert test(text) == any(p.search(text) for p in patterns), (text, needles)


def test_empty_needles():
    assert contains_any([])("anything") is False
    assert contains_any([""])("anything") is True  # as "" in text
    assert contains_any([""], whole_words=True)("anything") is False  # never a pattern


def test_grouped_lookups_follow_the_lists():
    day = date(2026, 1, 5)
    data = CouncilData(Council("Test Parish Council"))
    data.people += [Person("p1", "Siân", Role.CLERK, day), Person("p1", "Later", Role.CLERK, day)]
    data.events += [CaseEvent("SM-1", 2, day, "note", "b"), CaseEvent("SM-1", 1, day, "note", "a")]
    first = data.person("p1")
    assert first is not None and first.name == "Siân"  # the first, as a scan would find
    assert [e.text for e in data.case_events("SM-1")] == ["a", "b"]
    data.events.append(CaseEvent("SM-2", 1, day, "note", "c"))  # grown: grouped afresh
    assert [e.text for e in data.case_events("SM-2")] == ["c"]
    data.people = [Person("p2", "Ŵyn", Role.COUNCILLOR, day)]  # replaced: grouped afresh
    now = data.person("p2")
    assert data.person("p1") is None and now is not None and now.name == "Ŵyn"
    assert data.case_events("nope") == []


def test_due_items_made_the_quick_way_are_due_items():
    import dataclasses

    from parishclerk.domain.due_items import DueItem, DueKind, Ref, _item

    args = (DueKind.CASE_ACTION, date(2026, 1, 5), "SM-1: Siân <b>", Ref("cases", "SM-1"), True)
    quick, plain = _item(*args), DueItem(*args)
    assert quick == plain and hash(quick) == hash(plain) and repr(quick) == repr(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.title = "changed"  # type: ignore[misc]  # the point: it is refused
