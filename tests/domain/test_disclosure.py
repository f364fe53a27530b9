"""The small-count rule: nothing below the threshold printed, nor worked out from the rest."""

from __future__ import annotations

import itertools

import pytest

from parishclerk.domain.disclosure import Group, Mark, protect


def printed(shown):
    return {k: (v.value if v.exact else v.mark) for k, v in shown.items()}


def test_large_counts_print_exactly():
    shown = protect({"t": 10, "a": 6, "b": 4}, [Group("t", ("a", "b"))])
    assert printed(shown) == {"t": 10, "a": 6, "b": 4}


def test_small_counts_read_fewer_than_the_threshold():
    shown = protect({"n": 2}, [], threshold=3)
    assert shown["n"].text == "fewer than 3" and shown["n"].value is None
    assert protect({"n": 0}, [])["n"].text == "fewer than 3"  # zero looks like one or two


def test_a_lone_small_part_takes_a_large_one_with_it():
    shown = protect({"t": 14, "a": 10, "b": 3, "c": 1}, [Group("t", ("a", "b", "c"))])
    assert shown["c"].mark is Mark.SMALL
    assert shown["b"].mark is Mark.WITHHELD  # the smallest large part
    assert shown["a"].exact and shown["t"].exact


def test_small_parts_alone_cannot_protect_each_other():
    # 2 + 2 + 2 = 6: each part would be known to be 2, so the total goes
    shown = protect({"t": 6, "a": 2, "b": 2, "c": 2}, [Group("t", ("a", "b", "c"))])
    assert shown["t"].mark is Mark.WITHHELD


def test_a_withheld_total_carries_into_its_other_groups():
    counts = {"all": 16, "x": 6, "y": 10, "x1": 2, "x2": 2, "x3": 2, "y1": 5, "y2": 5}
    groups = [
        Group("all", ("x", "y")),
        Group("x", ("x1", "x2", "x3")),
        Group("y", ("y1", "y2")),
    ]
    shown = protect(counts, groups)
    assert shown["x"].mark is Mark.WITHHELD
    assert not shown["y"].exact  # else all - y gives x back


def test_the_pattern_does_not_depend_on_a_small_count():
    """Zero, one or two in the small cell: the same cells are hidden each time."""
    patterns = set()
    for n in range(3):
        shown = protect({"t": 9 + n, "a": 5, "b": 4, "c": n}, [Group("t", ("a", "b", "c"))])
        patterns.add(tuple(sorted((k, v.mark) for k, v in shown.items() if k != "t")))
    assert len(patterns) == 1


def brute_force_recoverable(counts, groups, shown, threshold):
    """Every assignment of the hidden cells that fits the printed figures and the groups;
    a small cell is safe if it can be zero and can be non-zero."""
    hidden = [k for k, v in shown.items() if not v.exact]
    ranges = []
    for k in hidden:
        top = threshold if shown[k].mark is Mark.SMALL else 40
        low = 0 if shown[k].mark is Mark.SMALL else threshold
        ranges.append(range(low, top))
    seen: dict[str, set[int]] = {k: set() for k in hidden}
    for values in itertools.product(*ranges):
        trial = {
            **{k: v.value for k, v in shown.items() if v.exact},
            **dict(zip(hidden, values, strict=True)),
        }
        if all(trial[g.total] == sum(trial[p] for p in g.parts) for g in groups):
            for k, v in zip(hidden, values, strict=True):
                seen[k].add(v)
    return seen


@pytest.mark.parametrize(
    "counts",
    [
        {"t": 11, "a": 10, "b": 1, "c": 0},
        {"t": 13, "a": 5, "b": 4, "c": 4},
        {"t": 5, "a": 3, "b": 1, "c": 1},
        {"t": 4, "a": 4, "b": 0, "c": 0},
        {"t": 1, "a": 1, "b": 0, "c": 0},
    ],
)
def test_no_small_cell_can_be_pinned(counts):
    groups = [Group("t", ("a", "b", "c"))]
    shown = protect(counts, groups)
    seen = brute_force_recoverable(counts, groups, shown, 3)
    for k, v in shown.items():
        if v.mark is Mark.SMALL:
            assert 0 in seen[k] and len(seen[k]) > 1, (k, seen[k])


def test_bad_groups_are_refused():
    with pytest.raises(ValueError, match="do not add up"):
        protect({"t": 3, "a": 1}, [Group("t", ("a",))])
    with pytest.raises(ValueError, match="at least 2"):
        protect({"n": 1}, [], threshold=1)
