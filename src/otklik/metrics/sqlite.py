"""What SQLite lacks for the metrics, registered on each of its connections.

SQLite has no ``percentile_cont``; as Django registers the functions it needs on SQLite
(``STDDEV_POP`` and the like), the metrics register a type-7 quantiles aggregate for each
set of fractions they ask for (:data:`FRACTION_SETS`). The value rows stay inside the
query: SQLite hands each one to the aggregate, which answers with its group's quantiles.
Nor has it ``float8send``: ``packed_waits`` packs a group's waits for the weekly rollup
(:mod:`otklik.metrics.waits`).

The fractions are fixed per aggregate, not an argument, so that SQLite's call for a row
is ``list.append`` itself instead of a Python method: on a region's 8-week baseline (47 k
first responses in 241 touchpoints) that call is most of the query's time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial

from otklik.metrics import formulas, waits

#: The fraction sets the metrics ask for, each its own aggregate: TTFR's median and p90.
FRACTION_SETS = (tuple(q for _name, q in formulas.TTFR_QUANTILES),)


def quantiles_function(qs: Sequence[float]) -> str:
    """The name of the aggregate answering these fractions, e.g. ``type7_quantiles_0p5_0p9``."""
    fractions = tuple(float(q) for q in qs)
    if fractions not in FRACTION_SETS:
        raise ValueError(f"no SQLite quantiles aggregate for {fractions}: add it to FRACTION_SETS")
    return "type7_quantiles_" + "_".join(str(q).replace(".", "p") for q in fractions)


class Type7Quantiles:
    """``type7_quantiles_…(value)``: a JSON list of the type-7 quantiles of the group's
    non-null values at the aggregate's fractions (``formulas.quantiles``); NULL for no
    values, as PostgreSQL's ``percentile_cont``."""

    def __init__(self, qs: Sequence[float]) -> None:
        self.qs = qs
        self.values: list[float | None] = []
        self.step = self.values.append  # SQLite looks ``step`` up on the instance

    def finalize(self) -> str | None:
        values = [value for value in self.values if value is not None]
        if not values:
            return None
        return json.dumps(formulas.quantiles(values, self.qs))


class WaitsPacker:
    """``packed_waits(seconds)``: the group's non-null waits sorted and packed
    (``waits.pack``), as PostgreSQL's ``string_agg(float8send(…) ORDER BY …)``; empty
    for none."""

    def __init__(self) -> None:
        self.values: list[float | None] = []
        self.step = self.values.append

    def finalize(self) -> bytes:
        return waits.pack(value for value in self.values if value is not None)


def add_aggregates(raw_connection) -> None:
    """Register the aggregates on a ``sqlite3`` connection."""
    for qs in FRACTION_SETS:
        raw_connection.create_aggregate(quantiles_function(qs), 1, partial(Type7Quantiles, qs))
    raw_connection.create_aggregate("packed_waits", 1, WaitsPacker)


def register(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver."""
    if connection.vendor == "sqlite":
        add_aggregates(connection.connection)
