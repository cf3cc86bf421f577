from otklik.journeys.grid import ROWS, build_grid
from tests.journeys.test_versioning import journey, stage, tp


def test_the_grid_has_the_rows_of_the_seed_in_order():
    grid = build_grid(journey([stage(1, "А", [tp(10, "X")])]))
    assert [row.key for row in grid.rows] == [key for key, _label, _level in ROWS]
    assert [row.key for row in grid.rows][:4] == [
        "citizen_goal",
        "citizen_thoughts",
        "centre_goal",
        "touchpoint",
    ]


def test_stages_span_their_touchpoints_and_goal_spans_the_stage():
    content = journey(
        [
            stage(1, "А", [tp(10, "X"), tp(11, "Y")], citizen_goal="Узнать"),
            stage(2, "Б", [tp(20, "Z")]),
        ]
    )
    grid = build_grid(content)
    assert [s["span"] for s in grid.stages] == [2, 1]
    assert grid.column_count == 3
    goal = grid.rows[0]
    assert [(c.span, c.items) for c in goal.cells] == [(2, ["Узнать"]), (1, [])]
    touchpoints = next(r for r in grid.rows if r.key == "touchpoint")
    assert [c.touchpoint["name"] for c in touchpoints.cells] == ["X", "Y", "Z"]


def test_thoughts_given_for_the_whole_stage_span_it():
    content = journey([stage(1, "А", [tp(10, "X"), tp(11, "Y")], citizen_thoughts="Где?\nКогда?")])
    thoughts = next(r for r in build_grid(content).rows if r.key == "citizen_thoughts")
    assert [(c.kind, c.span, c.items) for c in thoughts.cells] == [("stage", 2, ["Где?", "Когда?"])]


def test_thoughts_per_touchpoint_are_cells_of_their_own():
    content = journey([stage(1, "А", [tp(10, "X", citizen_thoughts="Где?"), tp(11, "Y")])])
    thoughts = next(r for r in build_grid(content).rows if r.key == "citizen_thoughts")
    assert [(c.kind, c.item_id, c.items) for c in thoughts.cells] == [
        ("touchpoint", 10, ["Где?"]),
        ("touchpoint", 11, []),
    ]


def test_a_stage_without_touchpoints_still_has_one_column():
    grid = build_grid(journey([stage(1, "А")]))
    assert grid.column_count == 1
    assert all(len(row.cells) == 1 for row in grid.rows)


def test_changed_cells_are_marked():
    content = journey([stage(1, "А", [tp(10, "X", barriers="Нет")])])
    grid = build_grid(content, {("touchpoint", 10, "barriers")})
    marked = {(row.key, cell.item_id) for row in grid.rows for cell in row.cells if cell.changed}
    assert marked == {("barriers", 10)}


def test_metrics_cell_lists_codes_and_methods():
    content = journey(
        [
            stage(
                1, "А", [tp(10, "X", metrics=["CES", "NPS"], measurement_methods="Опрос на выходе")]
            )
        ]
    )
    metrics = next(r for r in build_grid(content).rows if r.key == "metrics")
    assert metrics.cells[0].metrics == ["CES", "NPS"]
    assert metrics.cells[0].items == ["Опрос на выходе"]
