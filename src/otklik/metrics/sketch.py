"""A mergeable log-bucket histogram for medians and percentiles of durations (TTFR).

The idea of DDSketch (Masson, Rim, Lee, VLDB 2019): bucket ``b ≥ 1`` holds the values in
``(γ^(b−2), γ^(b−1)]`` seconds with ``γ = (1 + α) / (1 − α)``, and stands for them by
``2·γ^(b−1) / (γ + 1)``; bucket 0 holds values below one second and stands for them by 0.
Buckets of different days and units merge by adding their counts, in SQL.

Error bound: every order statistic read from the buckets is within a relative error of
``ALPHA`` (2 %) of the true one for values of at least one second, and within one
second below that, so within ``ALPHA · x + 1 s`` of any true value x; the type-7
quantile (see ``formulas.quantile``) interpolates linearly between two such order
statistics, so it is within ``ALPHA · q + 1 s`` of the true quantile q. Pure Python, no
Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

ALPHA = 0.02
GAMMA = (1 + ALPHA) / (1 - ALPHA)
_LOG_GAMMA = math.log(GAMMA)


def bucket_of(seconds: float) -> int:
    """The bucket of a duration in seconds (≥ 0)."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"a duration must be a finite number ≥ 0, got {seconds!r}")
    if seconds < 1:
        return 0
    # ceil(log_γ x) + 1; the rounding guard keeps exact powers of γ in their own bucket.
    return math.ceil(round(math.log(seconds) / _LOG_GAMMA, 9)) + 1


def value_of(bucket: int) -> float:
    """The value a bucket stands for: within ``ALPHA`` of every value in it."""
    if bucket <= 0:
        return 0.0
    return 2 * GAMMA ** (bucket - 1) / (GAMMA + 1)


def quantile(counts: Mapping[int, int], q: float) -> float | None:
    """The type-7 ``q``-quantile of the values counted in ``counts`` (bucket → count).

    ``None`` when nothing is counted. See the module docstring for the error bound.
    """
    if not 0 <= q <= 1:
        raise ValueError(f"q must be between 0 and 1, got {q!r}")
    ordered = sorted((b, c) for b, c in counts.items() if c)
    n = sum(c for _b, c in ordered)
    if n == 0:
        return None
    h = (n - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    low_value = _order_statistic(ordered, lo)
    high_value = _order_statistic(ordered, hi)
    return low_value + (h - lo) * (high_value - low_value)


def _order_statistic(ordered: list[tuple[int, int]], rank: int) -> float:
    """The estimate of the value at 0-based ``rank`` among the counted values."""
    seen = 0
    for bucket, count in ordered:
        seen += count
        if rank < seen:
            return value_of(bucket)
    raise ValueError(f"rank {rank} beyond {seen} values")
