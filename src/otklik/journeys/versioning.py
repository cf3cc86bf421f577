"""Journey snapshots and the differences between them. Pure functions over plain dicts.

A snapshot is what a published version stores: the journey's content with stable stage
and touchpoint ids, so that two versions can be compared item by item even after stages
were renamed or reordered.
"""

from dataclasses import dataclass
from typing import Any

JOURNEY_FIELDS = (
    "title",
    "description",
    "service",
    "client_group",
    "segment",
    "persona",
    "split_basis",
)
STAGE_FIELDS = ("name", "citizen_goal", "citizen_thoughts", "centre_goal", "note")
TOUCHPOINT_FIELDS = (
    "name",
    "channel",
    "description",
    "citizen_thoughts",
    "centre_goal",
    "metrics",
    "measurement_methods",
    "barriers",
    "owners",
    "tools",
    "improvement_tools",
)


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots.

    ``kind`` is journey, stage or touchpoint; ``action`` is added, removed, changed or
    reordered; ``field`` is set for changed items.
    """

    kind: str
    action: str
    item_id: int | None
    name: str
    field: str = ""
    old: Any = None
    new: Any = None
    stage_name: str = ""


def _touchpoints(snapshot: dict) -> dict[int, tuple[dict, dict]]:
    return {tp["id"]: (tp, stage) for stage in snapshot["stages"] for tp in stage["touchpoints"]}


def _common_order(old_ids: list[int], new_ids: list[int]) -> bool:
    """Whether the items present in both lists keep their relative order."""
    common = set(old_ids) & set(new_ids)
    return [i for i in old_ids if i in common] == [i for i in new_ids if i in common]


def diff(old: dict, new: dict) -> list[Change]:
    """Every difference from ``old`` to ``new``, journey first, then stage by stage."""
    changes = [
        Change("journey", "changed", None, new["title"], field, old.get(field), new.get(field))
        for field in JOURNEY_FIELDS
        if old.get(field) != new.get(field)
    ]
    old_stages = {stage["id"]: stage for stage in old["stages"]}
    new_stages = {stage["id"]: stage for stage in new["stages"]}
    for stage in new["stages"]:
        previous = old_stages.get(stage["id"])
        if previous is None:
            changes.append(Change("stage", "added", stage["id"], stage["name"]))
            continue
        changes.extend(
            Change(
                "stage",
                "changed",
                stage["id"],
                stage["name"],
                field,
                previous.get(field),
                stage.get(field),
            )
            for field in STAGE_FIELDS
            if previous.get(field) != stage.get(field)
        )
    changes.extend(
        Change("stage", "removed", stage["id"], stage["name"])
        for stage in old["stages"]
        if stage["id"] not in new_stages
    )
    if not _common_order([s["id"] for s in old["stages"]], [s["id"] for s in new["stages"]]):
        changes.append(Change("stage", "reordered", None, ""))

    old_tps, new_tps = _touchpoints(old), _touchpoints(new)
    for tp_id, (tp, stage) in new_tps.items():
        if tp_id not in old_tps:
            changes.append(
                Change("touchpoint", "added", tp_id, tp["name"], stage_name=stage["name"])
            )
            continue
        previous, previous_stage = old_tps[tp_id]
        if previous_stage["id"] != stage["id"]:
            changes.append(
                Change(
                    "touchpoint",
                    "changed",
                    tp_id,
                    tp["name"],
                    "stage",
                    previous_stage["name"],
                    stage["name"],
                    stage["name"],
                )
            )
        changes.extend(
            Change(
                "touchpoint",
                "changed",
                tp_id,
                tp["name"],
                field,
                previous.get(field),
                tp.get(field),
                stage["name"],
            )
            for field in TOUCHPOINT_FIELDS
            if previous.get(field) != tp.get(field)
        )
    changes.extend(
        Change("touchpoint", "removed", tp_id, tp["name"], stage_name=stage["name"])
        for tp_id, (tp, stage) in old_tps.items()
        if tp_id not in new_tps
    )
    for stage in new["stages"]:
        if stage["id"] in old_stages and not _common_order(
            [tp["id"] for tp in old_stages[stage["id"]]["touchpoints"]],
            [tp["id"] for tp in stage["touchpoints"]],
        ):
            changes.append(Change("touchpoint", "reordered", None, "", stage_name=stage["name"]))
    return changes


def changed_cells(changes: list[Change]) -> set[tuple[str, int, str]]:
    """(kind, id, field) of every cell a list of changes touched, ``*`` for whole items."""
    cells = set()
    for change in changes:
        if change.item_id is None:
            continue
        if change.action == "added":
            cells.add((change.kind, change.item_id, "*"))
        elif change.action == "changed":
            cells.add((change.kind, change.item_id, change.field))
    return cells
