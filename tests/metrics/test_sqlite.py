"""The type-7 quantiles aggregate the metrics register on SQLite."""

import json
import sqlite3

import pytest

from otklik.metrics import formulas, sqlite, waits

FRACTIONS = sqlite.FRACTION_SETS[0]


@pytest.fixture
def db():
    """A bare SQLite connection with the aggregates, as ``register`` adds them to Django's."""
    con = sqlite3.connect(":memory:")
    sqlite.add_aggregates(con)
    con.execute("CREATE TABLE t (g TEXT, v REAL)")
    yield con
    con.close()


def test_each_group_gets_the_formulas_quantiles_nulls_left_out(db):
    rows = {"a": [100, 3600, 1, 0, 0, 101, None], "b": [45], "c": [None]}
    db.executemany("INSERT INTO t VALUES (?, ?)", [(g, v) for g, vs in rows.items() for v in vs])
    name = sqlite.quantiles_function(FRACTIONS)
    found = dict(db.execute(f"SELECT g, {name}(v) FROM t GROUP BY g"))  # noqa: S608
    assert json.loads(found["a"]) == list(formulas.quantiles([100, 3600, 1, 0, 0, 101], FRACTIONS))
    assert json.loads(found["b"]) == [45.0, 45.0]
    assert found["c"] is None  # only NULLs: nothing, as percentile_cont
    assert db.execute(f"SELECT {name}(v) FROM t WHERE v < 0").fetchone() == (None,)  # noqa: S608


def test_the_fractions_name_the_aggregate():
    assert sqlite.quantiles_function([0.5, 0.9]) == "type7_quantiles_0p5_0p9"
    assert tuple(q for _name, q in formulas.TTFR_QUANTILES) == FRACTIONS
    with pytest.raises(ValueError, match="FRACTION_SETS"):
        sqlite.quantiles_function([0.25])


def test_packed_waits_are_each_groups_waits_sorted_nulls_left_out(db):
    rows = {"a": [100, 3600.5, None, 1, 0], "b": [None]}
    db.executemany("INSERT INTO t VALUES (?, ?)", [(g, v) for g, vs in rows.items() for v in vs])
    found = dict(db.execute("SELECT g, packed_waits(v) FROM t GROUP BY g"))
    assert found == {"a": waits.pack([0, 1, 100, 3600.5]), "b": b""}
