"""Small-count disclosure control for anything the public may read.

The rule, in one place, for the public PDF pack and its HTML twin alike:

1. **Primary suppression.** A count below the council's threshold (default 3) is printed as
   "fewer than 3": zero, one and two look the same, so nobody can tell whether a small group
   holds anyone at all.
2. **Secondary suppression.** Counts that add up to a printed total are a *group*.  Where a
   group holds a count that is not printed, a reader could subtract the printed ones from the
   total to get it back.  So in such a group at least two counts are not printed, and at least
   one of them is a large count (threshold or more), printed as "withheld": the small ones can
   then be anything from zero up, whatever the total.  Where no count is left to withhold, the
   total is withheld too, and that carries on into every group the total belongs to.
3. Which counts are suppressed depends only on which counts are small (which the reader sees
   anyway) and on the printed large ones, never on the value of a small count: the pattern of
   "fewer than" and "withheld" on the page gives nothing away either.

``protect`` applies (1) to (3) to named counts and their groups and returns what to print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 3
MIN_THRESHOLD = 2
MAX_THRESHOLD = 20


class Mark(StrEnum):
    EXACT = "exact"
    SMALL = "small"  # below the threshold: "fewer than 3"
    WITHHELD = "withheld"  # large, but printing it would let a small count be worked out


@dataclass(frozen=True)
class Shown:
    """One count as the public may see it."""

    mark: Mark
    value: int | None  # the count, only when ``mark`` is EXACT
    threshold: int

    @property
    def text(self) -> str:
        if self.mark is Mark.EXACT:
            return str(self.value)
        if self.mark is Mark.SMALL:
            return f"fewer than {self.threshold}"
        return "withheld"

    @property
    def exact(self) -> bool:
        return self.mark is Mark.EXACT


@dataclass(frozen=True)
class Group:
    """Counts that add up to a total; all of them printed somewhere on the same page."""

    total: str
    parts: tuple[str, ...]


def protect(
    counts: Mapping[str, int], groups: Sequence[Group], threshold: int = DEFAULT_THRESHOLD
) -> dict[str, Shown]:
    """What to print for each count so that no count below ``threshold`` can be read or worked
    out from the others.  ``counts`` names every count on the page; ``groups`` says which add up
    to which."""
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"a disclosure threshold must be at least {MIN_THRESHOLD}")
    for g in groups:
        missing = [k for k in (g.total, *g.parts) if k not in counts]
        if missing:
            raise KeyError(f"group {g.total!r} names counts not given: {missing}")
        if sum(counts[p] for p in g.parts) != counts[g.total]:
            raise ValueError(f"the parts of {g.total!r} do not add up to it")
    small = {k for k, n in counts.items() if n < threshold}
    hidden = set(small)

    def withhold_one(candidates: list[str]) -> bool:
        left = [k for k in candidates if k not in hidden]
        if not left:
            return False
        hidden.add(min(left, key=lambda k: (counts[k], k)))
        return True

    changed = True
    while changed:
        changed = False
        for g in groups:
            inside = [p for p in g.parts if p in hidden]
            if g.total in hidden:
                # a hidden total with every part printed is just their sum
                if g.parts and not inside:
                    changed |= withhold_one(list(g.parts))
                continue
            if not inside:
                continue
            if len(inside) >= 2 and any(p not in small for p in inside):
                continue
            # prefer a large part; with none left, the total goes
            if withhold_one([p for p in g.parts if p not in small]):
                changed = True
            else:
                hidden.add(g.total)
                changed = True
    out = {}
    for k, n in counts.items():
        if k in small:
            out[k] = Shown(Mark.SMALL, None, threshold)
        elif k in hidden:
            out[k] = Shown(Mark.WITHHELD, None, threshold)
        else:
            out[k] = Shown(Mark.EXACT, n, threshold)
    return out


def check_threshold(value: int) -> str | None:
    """Why ``value`` cannot be a council's threshold, or ``None``."""
    if not MIN_THRESHOLD <= value <= MAX_THRESHOLD:
        return f"must be {MIN_THRESHOLD} to {MAX_THRESHOLD}"
    return None
