"""The journey heat map (M7, D2): values per touchpoint, selectors, detail, access, queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from otklik.demo.facts import planted_drop_touchpoint
from otklik.feedback.choices import FeedbackChannel, QuestionType, ResponseStatus
from otklik.feedback.models import Answer, FeedbackItem, Response
from otklik.journeys import heatmap
from otklik.journeys.choices import Channel, JourneyStatus
from otklik.journeys.models import Journey, Stage, Touchpoint
from otklik.metrics.models import Metric
from otklik.metrics.slices import Granularity, Period
from otklik.org.models import Unit

pytestmark = pytest.mark.django_db


def heatmap_url(journey, **params):
    url = reverse("journey_heatmap", args=[journey.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def detail_url(journey, tp, code, **params):
    url = reverse("journey_heatmap_detail", args=[journey.pk, tp.pk, code])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


# --------------------------------------------------------------------------- the map


def test_the_team_lead_sees_values_and_the_planted_drop(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    response = client_for("teamlead").get(heatmap_url(main_journey))
    assert response.status_code == 200
    html = response.content.decode()
    for tp in Touchpoint.objects.filter(stage__journey=main_journey):
        assert f'id="heat-{tp.pk}"' in html
    heat = response.context["heat"]
    values = {v.code: v for v in heat[drop_tp.pk].values}
    assert values["NPS"].enough and values["NPS"].n >= 30
    assert values["NPS"].drop and values["NPS"].drop.startswith("Падение")
    assert heat[drop_tp.pk].has_drop
    # The drop is said in words beside the cell and above the map, not by colour alone.
    cell = html[html.index(f'id="heat-{drop_tp.pk}"') :]
    cell = cell[: cell.index("</td>")]
    assert "▼ Падение" in cell
    assert "вне коридора" in cell  # NPS −47 against the corridor +30…+100
    assert "n = " in cell
    assert "Значимое падение в 1 точке контакта" in html
    # Only the planted drop raises an alert.
    assert [tp_id for tp_id, item in heat.items() if item.has_drop] == [drop_tp.pk]


def test_a_cell_shows_the_touchpoints_own_metrics_or_nps_ces_csat(client_for, main_journey):
    response = client_for("teamlead").get(heatmap_url(main_journey))
    heat = response.context["heat"]
    for tp in Touchpoint.objects.filter(stage__journey=main_journey).prefetch_related("metrics"):
        own = {m.code for m in tp.metrics.all()}
        assert {v.code for v in heat[tp.pk].values} == (own or {"NPS", "CES", "CSAT"})


def test_too_few_answers_and_metrics_not_counted_per_touchpoint(client_for, main_journey):
    response = client_for("teamlead").get(heatmap_url(main_journey))
    html = response.content.decode()
    few = [
        v
        for item in response.context["heat"].values()
        for v in item.values
        if v.n and v.value.value is not None and not v.enough
    ]
    assert few and all(v.shown == "мало ответов" and v.trend is None for v in few)
    assert "мало ответов · n = " in html
    # Mentions carry no touchpoint: CV-1 is not counted per touchpoint.
    assert "не считается по точке контакта" in html


def test_the_trend_compares_with_the_previous_period(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    response = client_for("teamlead").get(heatmap_url(main_journey))
    ces = next(v for v in response.context["heat"][drop_tp.pk].values if v.code == "CES")
    assert ces.previous is not None and ces.previous.enough
    assert ces.trend["arrow"] in "↑↓→"
    assert ces.change


def test_values_link_to_their_detail(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    response = client_for("teamlead").get(heatmap_url(main_journey))
    assert detail_url(main_journey, drop_tp, "NPS") in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_touchpoints(
    client_for, main_journey, django_assert_max_num_queries
):
    client = client_for("teamlead")
    url = heatmap_url(main_journey)
    client.get(url)  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    stage = main_journey.stages.order_by("order").last()
    nps = Metric.objects.get(code="NPS")
    rr = Metric.objects.get(code="RR")
    for i in range(12):
        tp = Touchpoint.objects.create(
            stage=stage, name=f"Новая точка {i}", channel=Channel.OFFICE, order=100 + i
        )
        tp.metrics.set([nps, rr])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
    with django_assert_max_num_queries(len(before)):
        client.get(url)


# --------------------------------------------------------------------------- access


def test_another_centres_specialist_gets_404(client_for, main_journey):
    tp = planted_drop_touchpoint(main_journey)
    client = client_for("specialist2")
    assert client.get(heatmap_url(main_journey)).status_code == 404
    assert client.get(detail_url(main_journey, tp, "NPS")).status_code == 404


@pytest.mark.parametrize("username", ["specialist", "director", "regadmin", "analyst"])
def test_staff_of_the_journeys_units_see_it(client_for, main_journey, username):
    assert client_for(username).get(heatmap_url(main_journey)).status_code == 200


def test_every_member_of_the_journeys_team_sees_it(client_for, users, main_journey):
    """D4: a team member from another centre sees the journey's dashboards."""
    main_journey.team.add(users["specialist2"])
    tp = planted_drop_touchpoint(main_journey)
    client = client_for("specialist2")
    assert client.get(heatmap_url(main_journey)).status_code == 200
    assert client.get(detail_url(main_journey, tp, "NPS")).status_code == 200


def test_a_touchpoint_of_another_journey_or_an_unknown_metric_is_404(client_for, main_journey):
    other_tp = Touchpoint.objects.exclude(stage__journey=main_journey).first()
    tp = planted_drop_touchpoint(main_journey)
    client = client_for("teamlead")
    assert client.get(detail_url(main_journey, other_tp, "NPS")).status_code == 404
    assert client.get(detail_url(main_journey, tp, "XYZ")).status_code == 404


def test_the_team_leads_home_page_shows_the_heat_map(client_for, main_journey):
    response = client_for("teamlead").get(reverse("home"))
    assert response.status_code == 200
    assert response.context["heatmap"]["journey"].pk == main_journey.pk
    html = response.content.decode()
    assert "Тепловая карта Вашего маршрута" in html
    assert "▼ Падение" in html
    assert heatmap_url(main_journey) in html


def test_a_specialists_home_page_has_no_heat_map(client_for):
    response = client_for("specialist").get(reverse("home"))
    assert "heatmap" not in response.context


# --------------------------------------------------------------------------- selectors


def test_the_period_selector(client_for, main_journey):
    client = client_for("teamlead")
    today = timezone.localdate()
    week = client.get(heatmap_url(main_journey)).context["choice"]
    assert week.granularity is Granularity.WEEK
    assert week.period == Period.containing(today, "week")
    assert week.next is None  # the current week: nothing later yet
    week = week.period

    month = client.get(heatmap_url(main_journey, period="month")).context
    assert month["choice"].period == Period.containing(today, "month")
    assert "Месяц" in month["nav"]["granularities"][1]["label"]
    # Another length keeps the days seen: from this week to this month and back.
    week_page = client.get(heatmap_url(main_journey)).context
    to_month = week_page["nav"]["granularities"][1]["query"]
    assert client.get(f"{heatmap_url(main_journey)}?{to_month}").context[
        "choice"
    ].period == Period.containing(today, "month")
    to_week = month["nav"]["granularities"][0]["query"]
    assert client.get(f"{heatmap_url(main_journey)}?{to_week}").context["choice"].period == week

    earlier = today - timedelta(days=70)
    quarter = client.get(
        heatmap_url(main_journey, period="quarter", start=earlier.isoformat())
    ).context["choice"]
    assert quarter.period == Period.containing(earlier, "quarter")
    assert "квартал" in quarter.label

    previous = Period.containing(week.start - timedelta(days=1), "week")
    back = client.get(heatmap_url(main_journey, period="week", start=previous.start))
    assert back.context["choice"].period == previous
    assert back.context["choice"].next == week
    html = back.content.decode()
    assert f"start={week.start.isoformat()}" in html  # the «later» link
    assert "позже" in html


@pytest.mark.parametrize(
    "params",
    [{"period": "decade"}, {"start": "not-a-date"}, {"start": "2999-01-01"}, {"period": "day"}],
)
def test_unreadable_or_future_periods_give_the_current_week(client_for, main_journey, params):
    choice = client_for("teamlead").get(heatmap_url(main_journey, **params)).context["choice"]
    assert choice.period == Period.containing(timezone.localdate(), "week")


def test_a_period_before_2000_is_the_first_one_of_2000(client_for, main_journey):
    response = client_for("teamlead").get(heatmap_url(main_journey, start="0001-01-01"))
    assert response.status_code == 200
    assert response.context["choice"].period == Period.containing(date(2000, 1, 1), "week")


def test_a_centres_journey_shows_that_centre(client_for, main_journey):
    response = client_for("regadmin").get(heatmap_url(main_journey))
    centre = response.context["centre"]
    assert centre.centre.pk == main_journey.centre_id
    assert len(centre.options) == 1
    assert 'name="centre"' not in response.content.decode()


@pytest.fixture
def region_journey(main_journey):
    """A published journey of the whole region (no centre), with one touchpoint."""
    journey = Journey.objects.create(
        region=main_journey.region,
        title="Регион: единый маршрут",
        client_group=main_journey.client_group,
        status=JourneyStatus.ACTIVE,
    )
    stage = Stage.objects.create(journey=journey, name="Стадия", order=1)
    Touchpoint.objects.create(stage=stage, name="Точка", channel=Channel.OFFICE, order=1)
    return journey


def test_a_regional_journey_lets_whole_region_roles_choose_a_centre(client_for, region_journey):
    client = client_for("regadmin")
    response = client.get(heatmap_url(region_journey))
    centre = response.context["centre"]
    assert centre.centre is None  # the whole region first
    values = [value for value, _label in centre.options]
    assert values[0] == ""
    khimki = Unit.objects.get(code="khimki")
    assert str(khimki.pk) in values
    html = response.content.decode()
    assert 'name="centre"' in html and "все ЦЗН" in html

    chosen = client.get(heatmap_url(region_journey, centre=khimki.pk)).context["centre"]
    assert chosen.centre == khimki


def test_a_centres_staff_see_only_their_centre_of_a_regional_journey(client_for, region_journey):
    client = client_for("specialist")
    centre = client.get(heatmap_url(region_journey)).context["centre"]
    assert centre.centre.code == "podolsk"
    assert [value for value, _label in centre.options] == [str(centre.centre.pk)]
    khimki = Unit.objects.get(code="khimki")
    assert client.get(heatmap_url(region_journey, centre=khimki.pk)).status_code == 404


# --------------------------------------------------------------------------- detail


def _response_at(tp, day_from):
    return (
        Response.objects.filter(
            touchpoint=tp,
            status=ResponseStatus.ACCEPTED,
            submitted_at__gte=timezone.make_aware(
                timezone.datetime.combine(day_from, timezone.datetime.min.time())
            ),
        )
        .order_by("submitted_at")
        .first()
    )


def test_the_detail_shows_the_comments_of_its_touchpoint_only(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    other_tp = Touchpoint.objects.filter(stage__journey=main_journey).exclude(pk=drop_tp.pk)[0]
    week = Period.containing(timezone.localdate(), "week")
    here = _response_at(drop_tp, week.start)
    there = Response.objects.filter(touchpoint=other_tp).order_by("-submitted_at").first()
    assert here is not None and there is not None
    Answer.objects.create(
        response=here, question_key="zz", type=QuestionType.TEXT, text="Здесь <b>жарко</b>"
    )
    Answer.objects.create(
        response=there, question_key="zz", type=QuestionType.TEXT, text="Совсем другая точка"
    )
    FeedbackItem.objects.create(
        region=main_journey.region,
        centre=main_journey.centre,
        touchpoint=drop_tp,
        channel=FeedbackChannel.EMAIL,
        text="Позвоните мне: +7 916 123-45-67, ivan@example.ru",
        rating=2,
        received_at=timezone.now(),
    )
    response = client_for("teamlead").get(detail_url(main_journey, drop_tp, "NPS"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Здесь &lt;b&gt;жарко&lt;/b&gt;" in html  # escaped
    assert "Совсем другая точка" not in html
    assert "Позвоните мне" in html
    assert "916 123" not in html and "ivan@example.ru" not in html  # personal data hidden
    assert "оценка 2 из 5" in html
    # Newest first: the feedback item just received comes before the older answer.
    assert html.index("Позвоните мне") < html.index("Здесь &lt;b&gt;")


def test_the_detail_shows_value_distribution_and_trend(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    response = client_for("teamlead").get(detail_url(main_journey, drop_tp, "NPS"))
    context = response.context
    assert context["item"].drop
    labels = [part["label"] for part in context["distribution"]]
    assert labels == ["Сторонники (9–10)", "Нейтральные (7–8)", "Критики (0–6)"]
    assert round(sum(part["share"] for part in context["distribution"])) == 100
    assert len(context["trend"]) == 26
    assert context["trend"][-1][0].start == context["choice"].period.start
    assert context["chart"].spec["title"]
    html = response.content.decode()
    assert "▼ Падение" in html and "Распределение ответов" in html
    assert "Динамика по неделям" in html

    csat = client_for("teamlead").get(detail_url(main_journey, drop_tp, "CSAT")).context
    assert [p["label"] for p in csat["distribution"]][0] == "Значительно превзошло ожидания"
    ces = client_for("teamlead").get(detail_url(main_journey, drop_tp, "CES")).context
    assert [p["label"] for p in ces["distribution"]] == ["Легко", "Ни легко, ни сложно", "Сложно"]


def test_the_detail_pages_its_comments(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    week = Period.containing(timezone.localdate(), "week")
    here = _response_at(drop_tp, week.start)
    for i in range(45):
        Answer.objects.create(
            response=here, question_key=f"t{i}", type=QuestionType.TEXT, text=f"Комментарий {i}"
        )
    client = client_for("teamlead")
    first = client.get(detail_url(main_journey, drop_tp, "NPS"))
    page = first.context["page"]
    assert page.paginator.count >= 45 and len(first.context["comments"]) == 20
    assert "страница 1 из" in first.content.decode()
    last = client.get(detail_url(main_journey, drop_tp, "NPS", page=page.paginator.num_pages))
    assert last.status_code == 200 and last.context["comments"]


def test_the_detail_keeps_the_chosen_period(client_for, main_journey):
    drop_tp = planted_drop_touchpoint(main_journey)
    start = (timezone.localdate() - timedelta(days=60)).isoformat()
    response = client_for("teamlead").get(
        detail_url(main_journey, drop_tp, "CES", period="month", start=start)
    )
    choice = response.context["choice"]
    assert choice.granularity is Granularity.MONTH
    assert f"period=month&amp;start={choice.period.start.isoformat()}" in (
        response.content.decode()
    )


# --------------------------------------------------------------------------- pieces


def test_corridors_come_from_the_journeys_key_kpis(main_journey):
    corridors = heatmap.corridors(main_journey)
    assert corridors["NPS"].bounds.low == 30.0
    assert corridors["NPS"].text == "+30 … +100"


def test_period_labels():
    week = Period.containing(date(2026, 11, 30), "week")
    assert heatmap.period_label(week, Granularity.WEEK) == "30 ноября – 6 декабря 2026"
    quarter = Period.containing(date(2026, 11, 30), "quarter")
    assert heatmap.period_label(quarter, Granularity.QUARTER) == "4-й квартал 2026"
