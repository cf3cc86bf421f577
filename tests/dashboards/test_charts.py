"""Chart specs: valid Vega-Lite (vl-convert draws them), Russian, and the same numbers in the
chart and in its table view."""

import json
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from otklik.dashboards import charts
from otklik.metrics import display
from otklik.metrics.queries import MetricValue
from otklik.metrics.slices import Granularity, Period


@pytest.fixture(autouse=True)
def russian():
    with translation.override("ru"):
        yield


def weekly_series(values):
    start = date(2026, 3, 2)
    series = []
    for i, (value, n) in enumerate(values):
        period = Period(start + timedelta(weeks=i), start + timedelta(weeks=i + 1))
        series.append((period, {"NPS": MetricValue("NPS", value, n)}))
    return series


@override_settings(OTKLIK_METRIC_MIN_SAMPLE=30)
def test_trend_table_has_the_series_numbers_and_the_svg_is_russian():
    series = weekly_series([(24.0, 80), (31.5, 6), (None, 0), (-12.4, 45)])
    chart = charts.trend_chart(series, "NPS")

    assert chart.columns == ["Период", display.metric_name("NPS"), "Выборка"]
    assert [row[1] for row in chart.rows] == [display.shown(v["NPS"]) for _p, v in series]
    assert [row[1] for row in chart.rows] == ["+24", "мало ответов", "—", "−12"]
    assert [row[2] for row in chart.rows] == ["80", "6", "0", "45"]
    assert chart.rows[0][0] == "2–8 марта 2026"
    # Enough answers: on the line; too few: a hollow point off the line; none: a gap.
    points = chart.spec["data"]["values"]
    assert [(p["y"], p["y_few"]) for p in points] == [(24.0, None), (None, 31.5), (-12.4, None)]
    assert {p["sample"] for p in points} == {"достаточно ответов", "мало ответов"}
    assert points[1]["n"] == "6 ответов"

    svg = charts.to_svg(chart)
    assert svg.startswith("<svg")
    assert "Индекс потребительской лояльности (NPS)" in svg
    assert "мар" in svg  # Russian month names on the time axis
    assert chart.description and chart.description in svg  # the SVG's aria-label


def test_every_spec_is_self_contained_and_accessible():
    value = MetricValue("CSAT", 70.0, 200, {"distribution": {1: 5, 2: 10, 3: 40, 4: 30, 5: 15}})
    nps = MetricValue("NPS", 20.0, 200, counts={"positive": 90, "neutral": 60, "negative": 50})
    built = [
        charts.trend_chart(weekly_series([(10.0, 50)] * 3), "NPS"),
        charts.bar_chart(
            [("Телефон", 1234), ("Чат", 88)],
            title="Обращения по каналам",
            value_title="Обращений",
            category_title="Канал",
        ),
        charts.distribution_chart([("Март", charts.csat_levels(value))], title="CSAT"),
        charts.distribution_chart([("Март", charts.nps_groups(nps))], title="NPS"),
    ]
    for chart in built:
        spec = chart.spec
        assert spec["title"]["text"] and spec["description"]
        assert "url" not in spec["data"]
        assert spec["config"]["font"].startswith("DejaVu Sans")
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert spec["config"]["locale"]["time"]["shortMonths"][2] == "мар"
        assert spec["width"] == "container"
        assert spec["title"]["text"] in charts.to_svg(chart)


def test_bar_and_distribution_tables_equal_their_data():
    bars = charts.bar_chart(
        [("Чат", 88), ("Телефон", 1234)], title="Т", value_title="Обращений", category_title="К"
    )
    assert bars.rows == [["Телефон", "1\xa0234", "93 %"], ["Чат", "88", "7 %"]]
    assert [d["value"] for d in bars.spec["data"]["values"]] == [1234, 88]

    nps = MetricValue("NPS", 20.0, 200, counts={"positive": 90, "neutral": 60, "negative": 50})
    parts = charts.nps_groups(nps)
    assert [(p.share, p.count) for p in parts] == [(25.0, 50), (30.0, 60), (45.0, 90)]
    chart = charts.distribution_chart([("Март", parts)], title="NPS")
    assert chart.columns == [" ", "Критики (0–6)", "Нейтральные (7–8)", "Сторонники (9–10)"]
    assert chart.rows == [["Март", "25 % (50)", "30 % (60)", "45 % (90)"]]
    assert [d["share"] for d in chart.spec["data"]["values"]] == [25.0, 30.0, 45.0]


def test_period_labels_are_russian():
    assert charts.period_label(Period(date(2026, 3, 30), date(2026, 4, 6)), "week") == (
        "30 марта – 5 апреля 2026"
    )
    assert charts.period_label(Period(date(2026, 3, 1), date(2026, 4, 1)), "month") == "март 2026"
    assert charts.period_label(Period(date(2026, 4, 1), date(2026, 7, 1)), Granularity.QUARTER) == (
        "2 кв. 2026"
    )


def test_the_snippet_embeds_the_spec_and_the_table():
    chart = charts.trend_chart(weekly_series([(10.0, 50), (12.0, 60)]), "NPS", key="nps")
    html = render_to_string("dashboards/chart.html", {"chart": chart})
    assert 'id="chart-nps"' in html and 'data-vega-chart="chart-nps-spec"' in html
    assert '<script id="chart-nps-spec" type="application/json">' in html
    start = html.index('type="application/json">') + len('type="application/json">')
    assert json.loads(html[start : html.index("</script>", start)]) == chart.spec
    assert "<table" in html and "+12" in html and "Таблица с данными графика" in html


@pytest.mark.django_db
def test_the_vega_bundle_is_served_from_this_site_with_long_caching(client):
    from otklik.dashboards.bundle import bundle_version

    url = reverse("vega_bundle", args=[bundle_version()])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "immutable" in response["Cache-Control"]
    body = response.content.decode()
    assert "expressionInterpreter" in body and "window.vegaEmbed" in body
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzipped["Content-Encoding"] == "gzip"
    assert len(gzipped.content) < len(response.content) / 2
    assert client.get(reverse("vega_bundle", args=["0" * 12])).status_code == 404


@override_settings(OTKLIK_METRIC_MIN_SAMPLE=30)
def test_durations_are_drawn_in_minutes_or_hours_and_tabled_as_display_shows_them():
    start = date(2026, 3, 2)
    series = [
        (
            Period(start + timedelta(weeks=i), start + timedelta(weeks=i + 1)),
            {"TTFR": MetricValue("TTFR", seconds, 50)},
        )
        for i, seconds in enumerate([600.0, 1500.0])
    ]
    chart = charts.trend_chart(series, "TTFR")
    assert chart.spec["layer"][0]["encoding"]["y"]["title"] == "минуты"
    assert [p["y"] for p in chart.spec["data"]["values"]] == [10.0, 25.0]
    assert [row[1] for row in chart.rows] == ["10 мин", "25 мин"]


def test_the_bundle_command_builds_the_file(capsys):
    from django.core.management import call_command

    from otklik.dashboards.bundle import bundle_path

    call_command("chart_bundle")
    assert capsys.readouterr().out.strip() == str(bundle_path())
    assert bundle_path().stat().st_size > 100_000
