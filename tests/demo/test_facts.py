"""The demo's generated facts: six months of answers, interactions and mentions, one planted
drop, a touchpoint with too few answers, nothing added twice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from otklik.demo import facts
from otklik.demo.loader import MAIN_CENTRE, load_demo
from otklik.feedback.models import Answer, Interaction, Mention, Response
from otklik.metrics import queries, status
from otklik.metrics.alerts import AlertStatus
from otklik.metrics.slices import Granularity, Period, Slice
from otklik.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def podolsk():
    return Unit.objects.get(code=MAIN_CENTRE)


@pytest.fixture
def this_week():
    return Period.containing(timezone.localdate(), Granularity.WEEK)


def fact_counts():
    return (
        Response.objects.count(),
        Answer.objects.count(),
        Interaction.objects.count(),
        Mention.objects.count(),
    )


def test_the_planted_drop_is_detected(main_journey, podolsk, this_week):
    touchpoint = facts.planted_drop_touchpoint(main_journey)
    assert touchpoint is not None
    where = Slice(centre=podolsk.pk, touchpoint=touchpoint.pk)
    for week in (this_week, this_week.previous()):
        checks = status.drop_checks(where, week, ["NPS", "CSAT", "CES"])
        assert checks["NPS"].status is AlertStatus.DROP, week
        assert checks["CSAT"].status is AlertStatus.DROP, week
        assert checks["CES"].status is not AlertStatus.DROP  # only NPS and CSAT fall
        assert checks["NPS"].change < -40


def test_no_other_touchpoint_raises_a_drop(main_journey, podolsk, this_week):
    planted = facts.planted_drop_touchpoint(main_journey)
    table = status.table_drop_checks(Slice(centre=podolsk.pk), this_week, "touchpoint")
    dropped = {key for key, checks in table.items() for c in checks.values() if c.is_drop}
    assert dropped == {planted.pk}


def test_a_touchpoint_has_too_few_answers(main_journey, this_week):
    touchpoint = facts.few_answers_touchpoint(main_journey)
    value = queries.metric_values(Slice(touchpoint=touchpoint.pk), this_week, ["NPS"])["NPS"]
    assert 0 < value.n < settings.OTKLIK_METRIC_MIN_SAMPLE
    assert not value.enough


def test_touchpoints_differ_realistically(main_journey):
    half_year = Period(timezone.localdate() - timedelta(weeks=26), timezone.localdate())
    table = queries.metric_table(
        Slice(journey=main_journey.pk), half_year, "touchpoint", ["NPS", "CES"]
    )
    by_name = {}
    for stage in main_journey.stages.all():
        for tp in stage.touchpoints.all():
            by_name[(stage.name, tp.name)] = table[tp.pk]
    road = by_name[("Поиск информации", "Дорога до ЦЗН")]
    consultation = by_name[("Поиск информации", "Консультация специалиста ЦЗН")]
    assert road["CES"].value + 20 < consultation["CES"].value
    assert road["NPS"].value + 20 < consultation["NPS"].value
    assert all(values["NPS"].n > 0 for values in by_name.values())


def test_volumes_and_the_window(podolsk):
    assert 5500 <= Response.objects.count() <= 6600
    assert 5500 <= Interaction.objects.filter(source=facts.SOURCE).count() <= 6600
    assert 540 <= Mention.objects.count() <= 660
    now = timezone.now()
    first = now - timedelta(weeks=facts.WEEKS + 1)
    for model, moment in ((Response, "submitted_at"), (Interaction, "opened_at")):
        assert not model.objects.filter(**{f"{moment}__gt": now}).exists()
        assert not model.objects.filter(**{f"{moment}__lt": first}).exists()
    assert not Interaction.objects.filter(first_response_at__gt=now).exists()
    centres = set(Interaction.objects.values_list("centre__code", flat=True).distinct())
    assert len(centres) == Unit.objects.filter(kind="centre").count()
    platforms = set(Mention.objects.values_list("platform", flat=True).distinct())
    assert platforms == {"2gis", "yandex_maps", "vk"}


def test_interactions_are_valid():
    sample = Interaction.objects.filter(source=facts.SOURCE).order_by("pk")[::97]
    for interaction in sample:
        interaction.full_clean()
        assert interaction.ttfr_seconds is not None


def test_a_second_load_adds_nothing():
    before = fact_counts()
    summary = load_demo()
    assert summary.created == {}
    assert fact_counts() == before
