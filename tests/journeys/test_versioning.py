from otklik.journeys.versioning import changed_cells, diff


def journey(stages, **fields):
    base = {
        "title": "Маршрут",
        "description": "",
        "service": "",
        "client_group": "Соискатели",
        "segment": "",
        "persona": "",
        "split_basis": "service_type",
    }
    return {**base, **fields, "stages": stages}


def stage(stage_id, name, touchpoints=(), **fields):
    base = {"name": name, "citizen_goal": "", "citizen_thoughts": "", "centre_goal": "", "note": ""}
    return {"id": stage_id, **base, **fields, "touchpoints": list(touchpoints)}


def tp(tp_id, name, **fields):
    base = {
        "name": name,
        "channel": "website",
        "description": "",
        "citizen_thoughts": "",
        "centre_goal": "",
        "metrics": [],
        "measurement_methods": "",
        "barriers": "",
        "owners": "",
        "tools": "",
        "improvement_tools": "",
    }
    return {"id": tp_id, **base, **fields}


def test_same_content_has_no_differences():
    content = journey([stage(1, "Поиск информации", [tp(10, "Сайт ЦЗН")])])
    assert diff(content, content) == []


def test_it_reports_a_changed_cell_with_old_and_new_value():
    old = journey([stage(1, "Поиск", [tp(10, "Сайт", barriers="Нет сайта")])])
    new = journey([stage(1, "Поиск", [tp(10, "Сайт", barriers="Нет сайта\nНеудобный интерфейс")])])
    [change] = diff(old, new)
    assert (change.kind, change.action, change.item_id, change.field) == (
        "touchpoint",
        "changed",
        10,
        "barriers",
    )
    assert change.old == "Нет сайта"
    assert change.new.endswith("Неудобный интерфейс")
    assert change.stage_name == "Поиск"
    assert changed_cells([change]) == {("touchpoint", 10, "barriers")}


def test_it_reports_added_and_removed_stages_and_touchpoints():
    old = journey([stage(1, "А", [tp(10, "X")]), stage(2, "Б", [tp(20, "Y")])])
    new = journey([stage(1, "А", [tp(10, "X"), tp(11, "Z")]), stage(3, "В")])
    actions = {(c.kind, c.action, c.item_id) for c in diff(old, new)}
    assert actions == {
        ("stage", "added", 3),
        ("stage", "removed", 2),
        ("touchpoint", "added", 11),
        ("touchpoint", "removed", 20),
    }


def test_reordering_is_one_change_not_a_change_per_item():
    old = journey([stage(1, "А"), stage(2, "Б"), stage(3, "В")])
    new = journey([stage(2, "Б"), stage(1, "А"), stage(3, "В")])
    assert [(c.kind, c.action) for c in diff(old, new)] == [("stage", "reordered")]


def test_inserting_a_stage_does_not_count_as_reordering_the_others():
    old = journey([stage(1, "А"), stage(2, "Б")])
    new = journey([stage(1, "А"), stage(5, "Новая"), stage(2, "Б")])
    assert [(c.action, c.item_id) for c in diff(old, new)] == [("added", 5)]


def test_a_touchpoint_moved_to_another_stage_is_reported_as_such():
    old = journey([stage(1, "А", [tp(10, "X")]), stage(2, "Б")])
    new = journey([stage(1, "А"), stage(2, "Б", [tp(10, "X")])])
    [change] = diff(old, new)
    assert (change.field, change.old, change.new) == ("stage", "А", "Б")


def test_metric_and_journey_field_changes():
    old = journey([stage(1, "А", [tp(10, "X", metrics=["CES"])])])
    new = journey([stage(1, "А", [tp(10, "X", metrics=["CES", "NPS"])])], persona="Молодёжь")
    fields = {(c.kind, c.field) for c in diff(old, new)}
    assert fields == {("journey", "persona"), ("touchpoint", "metrics")}
