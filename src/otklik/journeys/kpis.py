"""Client KPI rules: corridor status and the recommended number of KPIs (§2.1, App. 1).

Pure functions: the metrics engine feeds them values; the KPI pages show the corridors.
"""

from dataclasses import dataclass
from enum import StrEnum

from otklik.journeys.choices import RECOMMENDED_MAX_KPIS


class Status(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Bounds:
    low: float | None
    high: float | None
    amber_margin: float = 0.0


def corridor_status(value: float | None, bounds: Bounds) -> Status:
    """Green inside the corridor, amber within the margin outside it, red beyond.

    A corridor may be open on one side (only a lower bound for «higher is better»
    metrics, only an upper bound for times and escalations).
    """
    if value is None:
        return Status.NO_DATA
    below = bounds.low - value if bounds.low is not None and value < bounds.low else 0.0
    above = value - bounds.high if bounds.high is not None and value > bounds.high else 0.0
    distance = max(below, above)
    if distance == 0:
        return Status.GREEN
    return Status.AMBER if distance <= bounds.amber_margin else Status.RED


def effective_bounds(base: Bounds, override: Bounds | None) -> Bounds:
    """A region's own corridor replaces the common one (§2.1.7)."""
    return override if override is not None else base


def corridor_bounds(binding, override=None) -> Bounds:
    """The bounds of a KPI's metric (``KPIMetric``), its region's override (a
    ``CorridorOverride``, or ``None``) winning."""

    def bounds(corridor) -> Bounds:
        return Bounds(corridor.target_low, corridor.target_high, corridor.amber_margin)

    return effective_bounds(bounds(binding), bounds(override) if override is not None else None)


def too_many_kpis(active_count: int) -> bool:
    """More key KPIs than the mission plus 5–6 recommended by App. 1 §2."""
    return active_count > RECOMMENDED_MAX_KPIS
