"""The TTFR sketch keeps its stated error bound, and merges by adding counts."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from otklik.metrics import formulas, sketch

waits = st.lists(
    st.floats(min_value=0, max_value=30 * 86400, allow_nan=False), min_size=1, max_size=300
)


def counts(values):
    return Counter(sketch.bucket_of(v) for v in values)


def within_bound(estimate: float, exact: float) -> bool:
    # relative error ALPHA from one second up, one second below it; a quantile between a
    # sub-second value and a larger one mixes both (hypothesis found [95.0, 0.75], q=0.5)
    return abs(estimate - exact) <= sketch.ALPHA * exact + 1.0 + 1e-9


@given(waits, st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))
def test_every_quantile_is_within_the_bound(values, q):
    exact = formulas.quantile(values, q)
    assert within_bound(sketch.quantile(counts(values), q), exact)


@given(waits, waits)
def test_merged_sketches_equal_the_sketch_of_all_values(first, second):
    merged = counts(first) + counts(second)
    assert merged == counts(first + second)
    assert within_bound(sketch.quantile(merged, 0.5), formulas.quantile(first + second, 0.5))


def test_a_value_stands_for_its_bucket():
    for seconds in (1, 1.5, 59, 60, 3600, 86400, 2_592_000):
        bucket = sketch.bucket_of(seconds)
        assert abs(sketch.value_of(bucket) - seconds) <= sketch.ALPHA * seconds + 1e-9
    assert sketch.value_of(sketch.bucket_of(0.4)) == 0.0
    assert sketch.quantile({}, 0.5) is None
