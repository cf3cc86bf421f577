"""«Показатели»: the weekly metric table of a unit, for the staff who may see the unit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from otklik.demo import facts
from otklik.demo.loader import MAIN_CENTRE
from otklik.journeys.models import Stage, Touchpoint
from otklik.metrics.slices import Granularity, Period
from otklik.metrics.views import parse_week, week_code
from otklik.org.models import Unit

pytestmark = pytest.mark.django_db

URL = reverse("metrics_week")


@pytest.fixture
def podolsk():
    return Unit.objects.get(code=MAIN_CENTRE)


@pytest.fixture
def khimki():
    return Unit.objects.get(code="khimki")


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response, response.content.decode()


@pytest.mark.parametrize("username", ["teamlead", "director", "specialist", "regadmin", "analyst"])
def test_staff_of_the_centre_and_region_see_podolsk(client_for, username, podolsk):
    _response, html = page(client_for(username), unit=podolsk.pk)
    assert "Показатели: ЦЗН Подольск" in html
    assert "Тренинг с ведущим" in html


def test_another_centres_specialist_gets_404_for_podolsk(client_for, podolsk, khimki):
    client = client_for("specialist2")
    assert client.get(URL, {"unit": podolsk.pk}).status_code == 404
    assert client.get(URL, {"unit": podolsk.region_id}).status_code == 404
    response, html = page(client)  # their own centre by default
    assert response.context["unit"] == khimki
    assert "ЦЗН Подольск" not in html
    # Khimki has no journey in use: only the centre's headline, from its interactions.
    assert response.context["journey_groups"] == []
    assert "нет действующих маршрутов" in html
    cells = {cell.code: cell for cell in response.context["unit_row"].cells}
    assert cells["CV-2"].enough and cells["CV-2"].n > 0


def test_the_unit_selector_offers_only_the_users_units(client_for, podolsk):
    response, _html = page(client_for("teamlead"))
    assert response.context["unit"] == podolsk
    assert [u.pk for u in response.context["units"]] == [podolsk.pk]
    regional, _html = page(client_for("regadmin"))
    assert regional.context["unit"].kind == "region"
    assert len(regional.context["units"]) == Unit.objects.filter(kind="centre").count() + 1


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_cell_shows_value_sample_change_status_and_the_drop(client_for, podolsk, main_journey):
    response, html = page(client_for("teamlead"), unit=podolsk.pk)
    planted = facts.planted_drop_touchpoint(main_journey)
    rows = [
        row
        for group in response.context["journey_groups"]
        for stage in group.stages
        for row in stage.rows
    ]
    training = next(row for row in rows if row.label == planted.name and row.drops)
    nps = next(cell for cell in training.cells if cell.code == "NPS")
    assert nps.enough and nps.shown.startswith("−")  # a whole signed number, Russian minus
    assert nps.drop.startswith("−") and "95 % ДИ" in nps.drop
    assert nps.status_label == "вне коридора"
    assert nps.trend is not None
    assert "▼ падение" in html
    assert f"n&nbsp;=&nbsp;{nps.n}" in html
    assert "Значимое падение на этой неделе" in html or "Значимые падения" in html


def test_too_few_answers_replace_the_number(client_for, podolsk, main_journey):
    response, html = page(client_for("teamlead"), unit=podolsk.pk)
    few = facts.few_answers_touchpoint(main_journey)
    row = next(
        row
        for group in response.context["journey_groups"]
        for stage in group.stages
        for row in stage.rows
        if row.label == few.name
    )
    nps = next(cell for cell in row.cells if cell.code == "NPS")
    assert not nps.enough and nps.shown == "мало ответов" and nps.n > 0
    assert nps.status_label == "" or "мало ответов" in html
    assert nps.drop is None


def test_values_read_in_russian(client_for, podolsk):
    _response, html = page(client_for("director"), unit=podolsk.pk)
    assert " %" in html  # percents with a space and the sign
    assert "в коридоре" in html or "у границы коридора" in html
    assert "базовом периоде — 8 неделях до этой" in html
    assert "мало ответов" in html
    employers = "Подбор работников"
    assert employers in html  # the other journey in use at the centre
    assert " мин" in html or " ч " in html  # TTFR as a duration


def test_weeks_go_back_and_forth(client_for, podolsk):
    client = client_for("teamlead")
    this_week = Period.containing(timezone.localdate(), Granularity.WEEK)
    response, _html = page(client, unit=podolsk.pk)
    assert response.context["is_current"] and response.context["next_url"] == ""
    previous = week_code(this_week.previous())
    assert f"week={previous}" in response.context["previous_url"]
    older, _html = page(client, unit=podolsk.pk, week=previous)
    assert older.context["week"] == this_week.previous()
    assert f"week={week_code(this_week)}" in older.context["next_url"]
    assert client.get(URL, {"unit": podolsk.pk, "week": "soon"}).status_code == 400
    assert parse_week("2026-W01").start.isoformat() == "2025-12-29"
    assert client.get(URL, {"unit": podolsk.pk, "week": "0001-W01"}).status_code == 400


def test_a_journey_narrows_the_table(client_for, podolsk, main_journey, other_draft):
    client = client_for("teamlead")
    response, html = page(client, unit=podolsk.pk, journey=main_journey.pk)
    assert [g.journey for g in response.context["journey_groups"]] == [main_journey]
    assert "Подбор работников" not in html.split("<table")[1]
    assert client.get(URL, {"unit": podolsk.pk, "journey": 999999}).status_code == 404


def test_the_query_count_does_not_grow_with_touchpoints(client_for, podolsk, main_journey):
    client = client_for("teamlead")
    client.get(URL, {"unit": podolsk.pk})  # warm the session and caches
    with CaptureQueriesContext(connection) as before:
        page(client, unit=podolsk.pk)
    stage = Stage.objects.create(journey=main_journey, name="Ещё стадия", order=50)
    for i in range(12):
        Touchpoint.objects.create(stage=stage, name=f"Новая точка {i}", channel="office", order=i)
    with CaptureQueriesContext(connection) as after:
        _response, html = page(client, unit=podolsk.pk)
    assert "Новая точка 11" in html
    assert len(after) == len(before)
    assert len(after) <= 80
