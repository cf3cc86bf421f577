from django.utils import translation

from otklik.metrics import alerts, display
from otklik.metrics.queries import MetricValue


def test_values_read_the_russian_way():
    with translation.override("ru"):
        assert display.number("NPS", 23.6) == "+24"
        assert display.number("NPS", -4.2) == "−4"
        assert display.number("CSAT", 80.5) == "81 %"  # halves up, as the seed rounds
        assert display.number("TTFR", 15000) == "4 ч 10 мин"
        assert display.number("TTFR", 42) == "42 с"
        assert display.number("RpC", 2.25) == "2,3"
        assert display.number("CV-2", 12345) == "12\u00a0345"  # a no-break space
        assert display.number("NPS", None) == "—"


def test_changes_and_arrows():
    with translation.override("ru"):
        assert display.change("CSAT", -3.2) == "−3 п. п."
        assert display.change("NPS", 0.01) == "±0"
        assert display.change("NPS", -0.3) == "±0"  # shown as a whole number: not «−0»
        assert display.change("RpC", -0.04) == "±0"
        assert display.change("RpC", -0.25) == "−0,3"
        assert display.trend("NPS", 5)["arrow"] == "↑" and display.trend("NPS", 5)["good"]
        assert display.trend("TTFR", 60)["label"] == "хуже"
        assert display.trend("CV-2", 60) == {"arrow": "↑", "label": "больше", "good": None}


def test_a_change_shown_as_zero_is_no_change():
    with translation.override("ru"):
        for code, delta in (("CSAT", -0.3), ("NPS", 0.4), ("TTFR", -0.2), ("RpC", -0.04)):
            assert display.change(code, delta) == "±0"
            assert display.trend(code, delta) == {
                "arrow": "→",
                "label": "без изменений",
                "good": None,
            }
        assert display.trend("CSAT", -0.6)["label"] == "хуже"  # shown as «−1 п. п.»


def test_a_small_sample_says_so():
    with translation.override("ru"):
        few = MetricValue("NPS", 50.0, 6, counts={})
        assert display.shown(few) == "мало ответов"
        assert display.shown(MetricValue("NPS", 50.0, 40)) == "+50"


def test_a_drop_in_words():
    check = alerts.drop_alert(alerts.IndexEstimate(20, 20, 60), alerts.IndexEstimate(300, 100, 100))
    with translation.override("ru"):
        assert display.drop_text(check, "NPS").startswith("Падение: −")
