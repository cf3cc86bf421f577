import pytest


@pytest.fixture
def units(db):
    from otklik.org.models import Unit

    return {code: Unit.objects.get(code=code) for code in ("region-50", "podolsk", "khimki")}


@pytest.fixture
def seed_card(units):
    """The scorecard of the seed's example (App. 4): 1.5, 1 (critical), 0.75."""
    from otklik.standards.models import Scorecard, ScorecardCategory

    card = Scorecard.objects.create(region=units["region-50"], title="Разговор (пример прил. 4)")
    for order, (name, weight, critical) in enumerate(
        [
            ("Знание услуг", "1.5", False),
            ("Грамотность речи", "1", True),
            ("Вежливость", "0.75", False),
        ],
        start=1,
    ):
        ScorecardCategory.objects.create(
            scorecard=card, order=order, name=name, weight=weight, critical=critical
        )
    return card


@pytest.fixture
def categories(seed_card):
    knowledge, speech, politeness = seed_card.active_categories()
    return knowledge, speech, politeness


@pytest.fixture
def touchpoint(units):
    """A touchpoint of the App. 6 journey of ЦЗН Подольск."""
    from otklik.demo import content
    from otklik.journeys.models import Touchpoint

    return (
        Touchpoint.objects.select_related("stage__journey")
        .filter(stage__journey__title=content.JOURNEYS[0]["title"])
        .order_by("stage__order", "order")
        .first()
    )


@pytest.fixture
def khimki_touchpoint(units):
    from otklik.journeys.models import Touchpoint

    return Touchpoint.objects.filter(stage__journey__centre__code="khimki").first()


@pytest.fixture
def record(seed_card, categories, units, users):
    """Record an evaluation with the seed's scorecard at ЦЗН Подольск (overridable)."""
    from otklik.standards.services import do_record_evaluation

    def make(scores=(1, 1, 0), _scores=None, **extra):
        values = {
            "scorecard": seed_card,
            "scores": _scores
            if _scores is not None
            else dict(zip([c.pk for c in categories], scores, strict=True)),
            "channel": "office",
            "centre": units["podolsk"],
            "employee": users["specialist"],
            "evaluator": users["director"],
            **extra,
        }
        return do_record_evaluation(**values)

    return make
