"""The bulk path for facts: many rows of one fact table, fast and in one transaction.

For loads far beyond what ``bulk_create`` carries (a national history, a large import):
rows are streamed straight to the database — PostgreSQL ``COPY … FROM STDIN`` through
psycopg 3, SQLite ``executemany`` of one prepared ``INSERT`` — inside one transaction,
and then the metrics' daily rollups are rebuilt for the local days the rows cover (in
the same transaction), so the dashboards see all of it or none of it.

Rows are tuples of *database values* in the order of ``fields`` (attribute names such as
``region_id``): ``int``, ``float``, ``bool``, ``str`` and ``None``; timestamps either as
aware ``datetime`` objects or as UTC text ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (how Django
stores them on SQLite; PostgreSQL reads it in the session's UTC); ``uuid.UUID`` or 32
hex digits for UUIDs; JSON columns as JSON text or Python lists/dicts. Nothing is
validated here: the caller gives clean rows (``full_clean`` rules, foreign keys that
exist; the database still enforces its constraints and rolls the whole load back).

Columns left out get the field's default (a callable default such as ``uuid4`` is called
per row; ``auto_now``/``auto_now_add`` get the load's start time). Interactions loaded
without their derived columns get them from :func:`~otklik.feedback.models.interaction_derived`,
row by row; a caller that computes them itself (vectorised) must follow the same rules.

Explicit primary keys are allowed (``id`` in ``fields``): PostgreSQL's sequence is moved
past them afterwards, and the table is locked against other writers meanwhile.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from otklik.feedback.models import (
    Answer,
    FeedbackItem,
    Interaction,
    Invitation,
    Mention,
    Response,
    interaction_derived,
)
from otklik.metrics import rollups

#: The fact tables this path loads.
FACT_MODELS = (Response, Answer, Interaction, Mention, FeedbackItem, Invitation)

#: The rollup family a table's rows feed; responses count through their answers.
ROLLUP_FAMILY = {
    Answer: rollups.SURVEYS,
    Interaction: rollups.INTERACTIONS,
    Mention: rollups.MENTIONS,
}

_DERIVED = ("ttfr_seconds", "ttfr_bucket", "outside_working_hours")

# SQLite: a larger page cache for the load's connection, restored afterwards. Nothing
# that weakens durability (synchronous, journal_mode) is touched.
_SQLITE_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class Loaded:
    """What one call loaded: the table, the rows, the local days they cover, the time."""

    table: str
    rows: int
    first_day: date | None
    last_day: date | None
    seconds: float
    rollup_seconds: float = 0.0


def load(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    rollups_after: bool = True,
    analyze: bool = True,
    defer_indexes: bool = False,
) -> Loaded:
    """Load ``rows`` (tuples in the order of ``fields``) into ``model``'s table atomically.

    With ``rollups_after`` (the default) the rollups of the rows' family are rebuilt for
    the local days the loaded rows cover, in the same transaction. A caller loading one
    table in many chunks passes ``False`` and calls :func:`rebuild_rollups` once.
    """
    if model not in FACT_MODELS:
        raise ValueError(f"{model.__name__} is not a fact table of the bulk path")
    started = time.perf_counter()
    columns, rows, seen = _complete(model, list(fields), rows)
    table = model._meta.db_table
    explicit_ids = model._meta.pk.attname in columns
    with transaction.atomic():
        before = _max_pk(model)
        deferred = _drop_indexes(table) if defer_indexes else []
        if connection.vendor == "postgresql":
            count = _copy_postgresql(model, table, columns, rows, explicit_ids)
        elif connection.vendor == "sqlite":
            count = _insert_sqlite(table, columns, rows)
        else:  # pragma: no cover - the project runs on these two
            raise NotImplementedError(f"no bulk path for {connection.vendor}")
        _create_indexes(deferred)
        first_day = last_day = None
        rollup_seconds = 0.0
        if count and model in ROLLUP_FAMILY:
            keys = (seen["low"], seen["high"]) if explicit_ids else (before + 1, None)
            first_day, last_day = _loaded_days(model, keys)
            if rollups_after and first_day is not None:
                rollup_started = time.perf_counter()
                rollups.rebuild([ROLLUP_FAMILY[model]], first_day, last_day + timedelta(days=1))
                rollup_seconds = time.perf_counter() - rollup_started
    if count and analyze:
        analyze_tables([table])
    return Loaded(table, count, first_day, last_day, time.perf_counter() - started, rollup_seconds)


def analyze_tables(tables: Iterable[str]) -> None:
    """Fresh planner statistics after a load. Without them SQLite picks an index by its
    shape alone: a day's answers were found through ``status`` (every row accepted)
    instead of ``submitted_at``, a scan of all answers for each day of a rebuild.

    On PostgreSQL, outside a transaction, ``VACUUM (ANALYZE)``: it also marks the loaded
    pages all-visible, without which an index-only scan reads the table after all (a
    region's 8-week TTFR quantiles: 161 ms before, 30 ms after). Autovacuum would do it
    too, some time later. Inside a transaction (where VACUUM cannot run) only ANALYZE.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")


def rebuild_rollups(families: Iterable[str] = rollups.FAMILIES, start=None, end=None) -> float:
    """Rebuild the rollups after chunked loads; returns the seconds it took."""
    started = time.perf_counter()
    rollups.rebuild(families, start, end)
    analyze_tables(rollup.table for rollup in rollups.ROLLUPS)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- rows


def _complete(model, fields: list[str], rows: Iterable[Sequence]):
    """The columns to write and the rows with defaults, derived columns and adapted values."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = [name for name in fields if name not in by_attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
    if len(set(fields)) != len(fields):
        raise ValueError("a column is given twice")
    pk = model._meta.pk.attname
    derive = model is Interaction and not set(_DERIVED) <= set(fields)
    if derive and set(_DERIVED) & set(fields):
        raise ValueError("give all of the derived interaction columns or none")
    now = timezone.now()
    missing = [
        f
        for f in model._meta.concrete_fields
        if f.attname not in fields and f.attname != pk and not (derive and f.attname in _DERIVED)
    ]
    fillers: list[tuple[Callable[[], object] | None, object]] = []  # (per row, constant)
    for field in missing:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            fillers.append((None, _adapt(field, now)))
        elif field.has_default() and callable(field.default):
            fillers.append((lambda field=field: _adapt(field, field.default()), None))
        elif field.null and not field.has_default():
            fillers.append((None, None))
        else:
            fillers.append((None, _adapt(field, field.get_default())))
    adapters = [
        (index, adapt)
        for index, name in enumerate(fields)
        if (adapt := _adapter(by_attname[name])) is not None
    ]
    columns = fields + [f.attname for f in missing] + (list(_DERIVED) if derive else [])
    opened = fields.index("opened_at") if derive else None
    first = fields.index("first_response_at") if derive and "first_response_at" in fields else None
    per_row = [(i, call) for i, (call, _constant) in enumerate(fillers) if call is not None]
    template = [constant for _call, constant in fillers]
    id_index = fields.index(pk) if pk in fields else None
    seen = {"low": None, "high": None}

    def completed():
        low = high = None
        for row in rows:
            values = list(row) if adapters or derive else row
            if id_index is not None:
                key = row[id_index]
                if low is None or key < low:
                    low = key
                if high is None or key > high:
                    high = key
            for index, adapt in adapters:
                values[index] = adapt(values[index])
            extra = template
            if per_row:
                extra = list(template)
                for index, call in per_row:
                    extra[index] = call()
            if derive:
                derived = interaction_derived(
                    _as_moment(row[opened]), _as_moment(row[first]) if first is not None else None
                )
                extra = [*extra, *(derived[name] for name in _DERIVED)]
            yield (*values, *extra) if extra else tuple(values)
        seen["low"], seen["high"] = low, high

    return columns, completed(), seen


def _as_moment(value):
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _adapter(field) -> Callable | None:
    """A converter for values that are not yet database values, or ``None``."""
    if isinstance(field, models.DateTimeField):
        return lambda value: value if value is None or type(value) is str else _utc_text(value)
    if isinstance(field, models.UUIDField):
        return lambda value: value.hex if isinstance(value, uuid.UUID) else value
    if isinstance(field, models.JSONField):
        return lambda value: value if type(value) is str else json.dumps(value)
    return None


def _adapt(field, value):
    """A default value as a database value (the same forms the rows use)."""
    if value is None:
        return None
    adapt = _adapter(field)
    return adapt(value) if adapt else value


def _utc_text(moment: datetime) -> str:
    if timezone.is_naive(moment):
        raise ValueError(f"a naive datetime in a bulk load: {moment!r}")
    return str(moment.astimezone(UTC).replace(tzinfo=None))


# --------------------------------------------------------------------------- databases


def _copy_postgresql(model, table: str, columns: list[str], rows, explicit_ids: bool) -> int:
    quote = connection.ops.quote_name
    count = 0
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL TIME ZONE 'UTC'")
        if explicit_ids:  # nobody else takes ids while ours go in
            cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
        statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            write = copy.write_row
            for row in rows:
                write(row)
                count += 1
        if explicit_ids:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(sql)
    return count


def _drop_indexes(table: str) -> list[str]:
    """Drop the table's non-unique indexes; their ``CREATE INDEX`` statements."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        found = cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [sql for _name, sql in found]


def _create_indexes(statements: list[str]) -> None:
    if not statements:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An index cannot be built while foreign-key checks of the new rows are
            # pending: run them now (they would run at commit anyway).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _insert_sqlite(table: str, columns: list[str], rows) -> int:
    quote = connection.ops.quote_name
    connection.ensure_connection()
    raw = connection.connection
    counted = _Counter(rows)
    statement = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    (cache,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    try:
        with connection.wrap_database_errors:  # Django's exceptions, as from the ORM
            raw.executemany(statement, counted)
    finally:
        raw.execute(f"PRAGMA cache_size = {int(cache)}")
    return counted.count


class _Counter:
    """Counts the rows an iterator gives (``executemany`` does not say how many)."""

    def __init__(self, rows):
        self.rows, self.count = iter(rows), 0

    def __iter__(self):
        return self

    def __next__(self):
        row = next(self.rows)
        self.count += 1
        return row


def _max_pk(model) -> int:
    return model.objects.aggregate(m=models.Max("pk"))["m"] or 0


def _loaded_days(model, keys: tuple[int, int | None]):
    """The first and last local day of the rows just loaded (found by their keys)."""
    low, high = keys
    loaded = model.objects.filter(pk__gte=low)
    if high is not None:
        loaded = loaded.filter(pk__lte=high)
    moment = {Answer: "response__submitted_at", Interaction: "opened_at", Mention: "published_at"}[
        model
    ]
    found = loaded.aggregate(first=models.Min(moment), last=models.Max(moment))
    if found["first"] is None:
        return None, None
    zone = rollups.local_zone()
    return _local_day(found["first"], zone), _local_day(found["last"], zone)


def _local_day(moment, zone) -> date:
    if isinstance(moment, str):  # pragma: no cover - Django parses datetimes
        moment = datetime.fromisoformat(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()
