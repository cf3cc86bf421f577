"""First-response waits kept in a weekly rollup row, for exact TTFR medians.

A median does not add up, so a rollup cannot keep it as a sum; it keeps the waits
themselves, packed: seconds as 8-byte big-endian IEEE 754 doubles one after another (what
PostgreSQL's ``float8send`` writes). A rollup row's waits are a multiset: rebuilt from
the facts they are sorted; facts added as they arrive append to them (``||``), so they
are sorted runs. The quantiles of any set of rows are those of their waits put together
(:func:`otklik.metrics.formulas.quantiles`), exact: a region's 8-week table reads about
2 000 such rows instead of ranking some 50 000 facts.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable

_SWAP = sys.byteorder == "little"  # the packed form is big-endian


def pack(seconds: Iterable[float]) -> bytes:
    """The waits sorted and packed (empty bytes for none)."""
    values = array("d", sorted(seconds))
    if _SWAP:
        values.byteswap()
    return values.tobytes()


def unpack(packed: bytes | memoryview) -> list[float]:
    """The packed waits as floats, in their stored order."""
    values = array("d")
    values.frombytes(packed)
    if _SWAP:
        values.byteswap()
    return values.tolist()
