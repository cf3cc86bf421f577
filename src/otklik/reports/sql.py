"""Order statistics in the database: medians by window functions, never all rows in Python.

The same SQL on SQLite and PostgreSQL: each group's rows are ranked (``ROW_NUMBER``) and
counted (``COUNT`` over the group), and only the one or two rows around the median's rank
come back; the median is interpolated between them (type 7, as the metrics engine does).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber


def _seconds(value) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def medians(queryset: models.QuerySet, value: str, group: str) -> dict:
    """``{group value: median of value}`` for the rows of ``queryset`` where ``value`` is set.

    ``value`` and ``group`` are field names or annotations of ``queryset``; durations come
    back in seconds.
    """
    rows = queryset.order_by().filter(**{f"{value}__isnull": False})
    ranked = rows.annotate(
        g=F(group),
        v=F(value),
        rank=Window(RowNumber(), partition_by=[F(group)], order_by=F(value).asc()),
        size=Window(Count("pk"), partition_by=[F(group)]),
    )
    low = (F("size") - 1) / 2  # ⌊(size − 1) / 2⌋: integer division on both databases
    picked: dict = defaultdict(dict)
    for row in ranked.filter(Q(rank=low + 1) | Q(rank=low + 2)).values("g", "rank", "size", "v"):
        picked[row["g"]][row["rank"] - 1] = (_seconds(row["v"]), row["size"])
    result = {}
    for key, ranks in picked.items():
        size = next(iter(ranks.values()))[1]
        h = (size - 1) * 0.5
        first = int(h)
        a = ranks[first][0]
        b = ranks.get(first + 1, ranks[first])[0]
        result[key] = a + (h - first) * (b - a)
    return result
