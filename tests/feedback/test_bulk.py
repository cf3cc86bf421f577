"""The bulk path for facts: what goes in comes back, derived columns, rollups, atomicity."""

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import IntegrityError

from otklik.feedback import bulk
from otklik.feedback.models import (
    Answer,
    Interaction,
    Mention,
    Response,
    interaction_derived,
)
from otklik.feedback.services import survey_for
from otklik.journeys.models import Touchpoint
from otklik.metrics import rollups

TZ = ZoneInfo(settings.TIME_ZONE)
# Days long before the demo's generated facts, so the tests' rows are the only ones there.
FIRST_DAY = date(2023, 3, 6)


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=TZ)


@pytest.fixture
def place(main_journey):
    touchpoint = next(
        tp
        for stage in main_journey.stages.all()
        for tp in stage.touchpoints.all()
        if survey_for(tp) is not None
    )
    journey = main_journey
    return {
        "touchpoint": touchpoint,
        "journey": journey,
        "region_id": journey.region_id,
        "centre_id": journey.centre_id,
    }


def rollup_rows() -> dict:
    """Every rollup table's rows (keys and measures, no ids), sorted."""
    result = {}
    for rollup in rollups.ROLLUPS:
        fields = [f.attname for f in rollup.model._meta.concrete_fields if f.attname != "id"]
        result[rollup.table] = sorted(rollup.model.objects.values_list(*fields), key=_exact_part)
    return result


def _exact_part(row: tuple) -> tuple:
    return tuple(v for v in row if not isinstance(v, float))


def assert_same_rollups(found: dict, expected: dict) -> None:
    """The same rows; float sums equal to 1e-12 relative: their last bits depend on the
    order of addition, which is the query plan's (an index or a day-by-day rebuild)."""
    assert found.keys() == expected.keys()
    for table, rows in found.items():
        assert [_exact_part(r) for r in rows] == [_exact_part(r) for r in expected[table]], table
        for row, other in zip(rows, expected[table], strict=True):
            floats = [v for v in row if isinstance(v, float)]
            assert floats == pytest.approx([v for v in other if isinstance(v, float)], rel=1e-12)


def recorded_from_scratch() -> dict:
    """The rollups that incremental ``record`` gives for every stored fact."""
    for rollup in rollups.ROLLUPS:
        rollup.model.objects.all().delete()
    rollups.record(rollups.SURVEYS, Response.objects.values_list("pk", flat=True))
    rollups.record(rollups.INTERACTIONS, Interaction.objects.values_list("pk", flat=True))
    rollups.record(rollups.MENTIONS, Mention.objects.values_list("pk", flat=True))
    return rollup_rows()


def interaction_rows(place, count: int, seed: int = 3) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        opened = at(FIRST_DAY + timedelta(days=rng.randrange(14)), rng.randrange(24), i % 60)
        first = opened + timedelta(seconds=rng.choice([0, 1, 59, 600, 7200])) if i % 5 else None
        resolved = opened + timedelta(hours=rng.randrange(1, 30)) if i % 3 else None
        resolvable = i % 7 != 0
        rows.append(
            (
                place["region_id"],
                place["centre_id"] if i % 4 else None,
                place["touchpoint"].pk if i % 6 else None,
                rng.choice(["phone", "chat", "email"]),
                opened,
                first,
                resolved,
                rng.randrange(5),
                i % 11 == 0,
                resolvable and resolved is not None and i % 2 == 0,
                resolvable,
            )
        )
    return rows


INTERACTION_FIELDS = [
    "region_id",
    "centre_id",
    "touchpoint_id",
    "channel",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "replies",
    "escalated",
    "resolved_first_contact",
    "resolvable_first_contact",
]


def test_interactions_come_back_with_derived_columns_and_rollups(place):
    rollups.rebuild()
    rows = interaction_rows(place, 300)
    before = set(Interaction.objects.values_list("pk", flat=True))

    loaded = bulk.load(Interaction, INTERACTION_FIELDS, iter(rows))

    assert loaded.rows == 300
    assert loaded.first_day >= FIRST_DAY and loaded.last_day < FIRST_DAY + timedelta(days=14)
    stored = Interaction.objects.exclude(pk__in=before).order_by("pk")
    assert stored.count() == 300
    for row, interaction in zip(rows, stored, strict=True):
        assert tuple(getattr(interaction, name) for name in INTERACTION_FIELDS) == row
        derived = interaction_derived(row[4], row[5])
        assert interaction.ttfr_seconds == derived["ttfr_seconds"]
        assert interaction.ttfr_bucket == derived["ttfr_bucket"]
        assert interaction.outside_working_hours == derived["outside_working_hours"]
        assert interaction.idempotency_key  # a default, one per row
    assert len({i.idempotency_key for i in stored}) == 300
    assert_same_rollups(rollup_rows(), recorded_from_scratch())


def test_utc_text_timestamps_mean_the_same_moments(place):
    moment = at(FIRST_DAY, 10, 30)
    text = str(moment.astimezone(UTC).replace(tzinfo=None))  # «2023-03-06 07:30:00»
    bulk.load(
        Interaction,
        ["region_id", "channel", "opened_at", "first_response_at"],
        [
            (
                place["region_id"],
                "phone",
                text,
                str((moment + timedelta(seconds=90)).astimezone(UTC).replace(tzinfo=None)),
            )
        ],
    )
    stored = Interaction.objects.get(opened_at=moment)
    assert stored.ttfr_seconds == 90.0
    assert stored.outside_working_hours is False


def test_responses_with_explicit_ids_then_answers(place):
    rollups.rebuild()
    version = survey_for(place["touchpoint"])
    keys = {q["type"]: q["key"] for q in version.questions}
    first_id = (Response.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rng = random.Random(5)
    responses, answers = [], []
    for i in range(120):
        submitted = at(FIRST_DAY + timedelta(days=i % 9), 8 + i % 12, i % 60)
        status = "accepted" if i % 10 else "flagged"
        responses.append(
            (
                first_id + i,
                uuid.uuid4().hex,
                version.pk,
                place["touchpoint"].pk,
                place["journey"].pk,
                place["region_id"],
                place["centre_id"],
                "qr",
                submitted,
                status,
            )
        )
        answers += [
            (first_id + i, keys["nps"], "nps", rng.randrange(11), None),
            (first_id + i, keys["ces"], "ces", rng.randrange(1, 6), 5),
            (first_id + i, keys["csat"], "csat", rng.randrange(1, 6), None),
        ]
    response_fields = [
        "id",
        "idempotency_key",
        "survey_version_id",
        "touchpoint_id",
        "journey_id",
        "region_id",
        "centre_id",
        "channel",
        "submitted_at",
        "status",
    ]
    loaded = bulk.load(Response, response_fields, responses)
    assert loaded.rows == 120
    answer_fields = ["response_id", "question_key", "type", "score", "scale_points"]
    loaded = bulk.load(Answer, answer_fields, answers, defer_indexes=True)
    assert loaded.rows == 360
    assert (loaded.first_day, loaded.last_day) == (FIRST_DAY, FIRST_DAY + timedelta(days=8))

    stored = Response.objects.filter(pk__gte=first_id).order_by("pk")
    assert [(r.pk, r.idempotency_key.hex, r.submitted_at, r.status, r.flags) for r in stored] == [
        (row[0], row[1], row[8], row[9], []) for row in responses
    ]
    read = Answer.objects.filter(response_id__gte=first_id).order_by("pk")
    assert [(a.response_id, a.question_key, a.type, a.score, a.scale_points) for a in read] == (
        answers
    )
    assert_same_rollups(rollup_rows(), recorded_from_scratch())
    # The ids went past the sequence: the next ordinary insert gets a fresh one.
    extra = Response.objects.create(
        survey_version=version,
        touchpoint=place["touchpoint"],
        journey=place["journey"],
        region_id=place["region_id"],
        channel="web",
    )
    assert extra.pk > first_id + 119


def test_mentions_and_their_rollups(place):
    rollups.rebuild()
    rows = [
        (
            place["region_id"],
            place["centre_id"] if i % 2 else None,
            ["vk", "2gis", "yandex_maps"][i % 3],
            f"Упоминание {i}",
            at(FIRST_DAY + timedelta(days=i % 5), 12),
            (i % 5) + 1 if i % 3 else None,
            ["positive", "negative", ""][i % 3],
        )
        for i in range(60)
    ]
    fields = ["region_id", "centre_id", "platform", "text", "published_at", "stars", "sentiment"]
    assert bulk.load(Mention, fields, rows).rows == 60
    assert_same_rollups(rollup_rows(), recorded_from_scratch())


def test_indexes_are_back_after_a_deferred_index_load(place):
    def indexes():
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, Interaction._meta.db_table)
        return {name for name, info in found.items() if info["index"]}

    before = indexes()
    bulk.load(Interaction, INTERACTION_FIELDS, interaction_rows(place, 50), defer_indexes=True)
    assert indexes() == before


def test_a_bad_row_loads_nothing(place):
    rows = interaction_rows(place, 20)
    rows[13] = (None, *rows[13][1:])  # no region: NOT NULL
    count = Interaction.objects.count()
    with pytest.raises(IntegrityError):
        bulk.load(Interaction, INTERACTION_FIELDS, rows)
    assert Interaction.objects.count() == count


def test_only_fact_tables_and_known_columns(place):
    with pytest.raises(ValueError, match="not a fact table"):
        bulk.load(Touchpoint, ["name"], [])
    with pytest.raises(ValueError, match="no column"):
        bulk.load(Interaction, ["nonsense"], [])
    with pytest.raises(ValueError, match="naive"):
        bulk.load(
            Interaction, ["region_id", "channel", "opened_at"], [(1, "phone", datetime(2023, 1, 1))]
        )


def test_a_load_leaves_planner_statistics_for_its_table(place):
    """Without statistics SQLite chose the ``status`` index for a day's answers (every row
    accepted): each day of a rollup rebuild scanned all answers."""
    bulk.load(Interaction, INTERACTION_FIELDS, iter(interaction_rows(place, 20)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'feedback_interaction'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_user_tables "
                "WHERE relname = 'feedback_interaction' AND last_analyze IS NOT NULL"
            )
        assert cursor.fetchone()[0] > 0
