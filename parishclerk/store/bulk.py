"""Building many records at once, off the garbage collector's path."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..domain.collector import held_off

FREEZE_AFTER = 5_000
"""Records (or KB of JSON) built in one go past which they are set aside from collection."""


@contextmanager
def bulk(size: int) -> Iterator[None]:
    """Build many objects at once without the cyclic garbage collector walking them.

    Parsing and decoding 10,000 cases made it run full collections over a heap of a million
    objects, about half the time they took; switched back on, it would walk them all once more
    soon after.  So a large build (``size`` over ``FREEZE_AFTER``) is also frozen
    (``gc.freeze``): kept out of every later collection.  The records hold no reference
    cycles, so reference counting still frees them when they are dropped."""
    with held_off():
        try:
            yield
        finally:
            if size > FREEZE_AFTER:
                gc.freeze()
