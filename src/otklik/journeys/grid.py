"""The journey map as the familiar grid of §2.2.9 / App. 6, built from a snapshot.

Stages are column groups, touchpoints the columns; each row of the seed's map is a list of
cells. A stage-level value (a citizen goal, or thoughts given for the stage as a whole)
spans the stage's columns. The same builder draws the working copy and every old version.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from otklik.journeys.models import lines

# Rows below the stage header, in the seed's order: (key, label, level). Level "stage"
# spans the stage; "touchpoint" is one cell per touchpoint; "either" spans when the stage
# has its own value and the touchpoints have none.
ROWS = [
    ("citizen_goal", _("Citizen's goal"), "stage"),
    ("citizen_thoughts", _("Citizen's thoughts"), "either"),
    ("centre_goal", _("Centre's goal"), "either"),
    ("touchpoint", _("Touchpoints"), "touchpoint"),
    ("metrics", _("Metrics of client experience"), "touchpoint"),
    ("barriers", _("Barriers"), "touchpoint"),
    ("owners", _("Responsible"), "touchpoint"),
    ("tools", _("Tools and technologies"), "touchpoint"),
    ("improvement_tools", _("Improvement tools"), "touchpoint"),
]


@dataclass
class Cell:
    kind: str  # "stage" or "touchpoint": what an edit of this cell changes
    item_id: int | None
    field: str
    span: int = 1
    items: list[str] = field(default_factory=list)
    touchpoint: dict | None = None
    changed: bool = False
    metrics: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.item_id}-{self.field}"


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]


@dataclass
class Grid:
    stages: list[dict]
    rows: list[Row]
    column_count: int


def build_grid(snapshot: dict, changed: set[tuple[str, int, str]] | None = None) -> Grid:
    changed = changed or set()

    def is_changed(kind: str, item_id: int | None, field_name: str) -> bool:
        return (kind, item_id, field_name) in changed or (kind, item_id, "*") in changed

    stages = []
    for stage in snapshot["stages"]:
        stages.append(
            {
                **stage,
                "span": max(1, len(stage["touchpoints"])),
                "header_key": f"stage-{stage['id']}-header",
                "changed": any(is_changed("stage", stage["id"], f) for f in ("*", "name", "note")),
            }
        )
    rows = []
    for key, label, level in ROWS:
        cells: list[Cell] = []
        for stage in snapshot["stages"]:
            span = max(1, len(stage["touchpoints"]))
            touchpoints_have_it = any(tp.get(key) for tp in stage["touchpoints"])
            spans_stage = level == "stage" or (
                level == "either"
                and (stage.get(key) or not stage["touchpoints"])
                and not touchpoints_have_it
            )
            if spans_stage or not stage["touchpoints"]:
                source = key if level != "touchpoint" else ""
                cells.append(
                    Cell(
                        "stage",
                        stage["id"],
                        source,
                        span,
                        lines(stage.get(source, "")) if source else [],
                        changed=bool(source) and is_changed("stage", stage["id"], source),
                    )
                )
                continue
            for tp in stage["touchpoints"]:
                cells.append(_touchpoint_cell(key, tp, is_changed))
        rows.append(Row(key, str(label), cells))
    column_count = sum(stage["span"] for stage in stages)
    return Grid(stages=stages, rows=rows, column_count=column_count)


def _touchpoint_cell(key: str, tp: dict, is_changed) -> Cell:
    if key == "touchpoint":
        return Cell(
            "touchpoint",
            tp["id"],
            "header",
            touchpoint=tp,
            items=lines(tp.get("description", "")),
            changed=any(
                is_changed("touchpoint", tp["id"], f)
                for f in ("*", "name", "channel", "description", "stage")
            ),
        )
    if key == "metrics":
        return Cell(
            "touchpoint",
            tp["id"],
            "metrics",
            metrics=list(tp.get("metrics", [])),
            items=lines(tp.get("measurement_methods", "")),
            changed=any(
                is_changed("touchpoint", tp["id"], f)
                for f in ("*", "metrics", "measurement_methods")
            ),
        )
    return Cell(
        "touchpoint",
        tp["id"],
        key,
        items=lines(tp.get(key, "")),
        changed=is_changed("touchpoint", tp["id"], key) or is_changed("touchpoint", tp["id"], "*"),
    )
