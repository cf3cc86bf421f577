"""Recording QA evaluations: the seed's IQS, critical categories, idempotency, validation,
denormalised slices, and stored evaluations that do not change when the scorecard does."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from otklik.metrics import formulas
from otklik.org.models import Unit
from otklik.standards.models import Evaluation, EvaluationScore, Scorecard, ScorecardCategory

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict:
    with override("en"), pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_the_seeds_example_gives_77_percent(record):
    recorded = record(scores=(1, 1, 0))
    evaluation = recorded.evaluation
    assert recorded.created
    assert evaluation.iqs == pytest.approx(2.5 / 3.25 * 100)  # 76.92…
    assert evaluation.iqs_display == 77
    assert formulas.round_half_up(evaluation.iqs) == 77
    assert not evaluation.critical_failed
    evaluation.refresh_from_db()
    assert evaluation.iqs == pytest.approx(76.923, abs=0.001)


def test_all_good_is_100_and_a_failed_critical_category_is_0(record):
    assert record(scores=(1, 1, 1)).evaluation.iqs == 100
    failed = record(scores=(1, 0, 1)).evaluation
    assert failed.iqs == 0
    assert failed.critical_failed
    partly = record(scores=(1, Decimal("0.5"), 1)).evaluation  # a critical category partly met
    assert partly.iqs == 0 and partly.critical_failed


def test_fractions_are_weighted(record):
    evaluation = record(scores=(0.5, 1, 1)).evaluation
    assert evaluation.iqs == pytest.approx((0.75 + 1 + 0.75) / 3.25 * 100)


def test_scores_keep_the_category_as_it_was(record, categories):
    evaluation = record().evaluation
    rows = {s.category_id: s for s in evaluation.scores.all()}
    knowledge, speech, politeness = categories
    assert rows[knowledge.pk].weight == Decimal("1.5") and not rows[knowledge.pk].critical
    assert rows[speech.pk].critical and rows[speech.pk].name == "Грамотность речи"
    assert rows[politeness.pk].score == 0


def test_the_same_key_again_gives_the_stored_evaluation(record):
    key = uuid.uuid4()
    first = record(idempotency_key=key)
    again = record(idempotency_key=key, scores=(0, 0, 0))
    assert first.created and not again.created
    assert again.evaluation.pk == first.evaluation.pk
    assert again.evaluation.iqs == first.evaluation.iqs
    assert Evaluation.objects.filter(idempotency_key=key).count() == 1
    assert EvaluationScore.objects.filter(evaluation__idempotency_key=key).count() == 3


def test_the_touchpoint_gives_journey_stage_and_centre(record, touchpoint, units):
    evaluation = record(centre=None, touchpoint=touchpoint).evaluation
    assert evaluation.touchpoint == touchpoint
    assert evaluation.stage_id == touchpoint.stage_id
    assert evaluation.journey_id == touchpoint.stage.journey_id
    assert evaluation.centre == units["podolsk"]
    assert evaluation.region == units["region-50"]


def test_the_interaction_gives_its_defaults(record, units, users, touchpoint):
    from otklik.feedback.models import Interaction

    interaction = Interaction.objects.create(
        region=units["region-50"],
        centre=units["podolsk"],
        touchpoint=touchpoint,
        channel="phone",
        employee=users["teamlead"],
        opened_at=timezone.now() - timedelta(hours=1),
    )
    evaluation = record(centre=None, employee=None, channel="", interaction=interaction).evaluation
    assert evaluation.interaction == interaction
    assert evaluation.channel == "phone"
    assert evaluation.employee == users["teamlead"]
    assert evaluation.touchpoint == touchpoint and evaluation.centre == units["podolsk"]


def test_every_category_in_use_is_scored_exactly_once(record, seed_card, categories):
    knowledge, speech, politeness = categories
    errors = errors_of(lambda: _record_scores(record, {knowledge.pk: 1, speech.pk: 1}))
    assert errors == {f"scores.{politeness.pk}": ["«Вежливость» is not scored."]}

    errors = errors_of(
        lambda: _record_scores(record, [(knowledge.pk, 1), (knowledge.pk, 0), (speech.pk, 1),
                                        (politeness.pk, 1)])
    )  # fmt: skip
    assert errors == {f"scores.{knowledge.pk}": ["«Знание услуг» is scored more than once."]}

    errors = errors_of(
        lambda: _record_scores(record, {knowledge.pk: 1, speech.pk: 1, politeness.pk: 1, 999999: 1})
    )
    assert errors == {"scores": ["«999999» is not a category in use of this scorecard."]}


def _record_scores(record, scores):
    """Record with these scores (any shape: a dict, pairs), the fixture's other arguments."""
    return record(scores=(), _scores=scores)


@pytest.mark.parametrize("bad", [1.01, -0.1, float("nan"), float("inf"), True, "1", None])
def test_scores_are_numbers_from_0_to_1(record, categories, bad):
    errors = errors_of(lambda: record(scores=(1, bad, 1)))
    assert errors == {
        f"scores.{categories[1].pk}": [
            "The score of «Грамотность речи» must be a number from 0 to 1."
        ]
    }


def test_a_category_out_of_use_is_not_scored(record, categories):
    categories[2].is_active = False
    categories[2].save()
    knowledge, speech, _politeness = categories
    evaluation = _record_scores(record, {knowledge.pk: 1, speech.pk: 1}).evaluation
    assert evaluation.iqs == 100
    assert evaluation.scores.count() == 2


def test_units_must_agree(record, units, khimki_touchpoint, users):
    other_region = Unit.objects.create(kind="region", name="Тверская область", code="region-69")
    other_centre = Unit.objects.create(
        kind="centre", name="ЦЗН Тверь", code="tver", parent=other_region
    )
    errors = errors_of(lambda: record(region=units["region-50"], centre=other_centre))
    assert errors == {"centre": ["The centre must be an employment centre of the region."]}

    errors = errors_of(lambda: record(centre=units["podolsk"], touchpoint=khimki_touchpoint))
    assert errors == {"touchpoint": ["The touchpoint belongs to another employment centre."]}

    errors = errors_of(lambda: record(centre=other_centre))
    assert errors["scorecard"] == ["The scorecard belongs to another unit."]
    assert errors["employee"] == ["The employee does not work in this region."]


def test_a_centres_scorecard_is_for_that_centre_only(record, units, categories):
    card = Scorecard.objects.create(
        region=units["region-50"], centre=units["khimki"], title="Химки"
    )
    category = ScorecardCategory.objects.create(scorecard=card, name="Вежливость", weight=1)
    from otklik.standards.services import do_record_evaluation

    errors = errors_of(
        lambda: do_record_evaluation(
            scorecard=card, scores={category.pk: 1}, channel="office", centre=units["podolsk"]
        )
    )
    assert errors == {"scorecard": ["The scorecard belongs to another unit."]}
    ok = do_record_evaluation(
        scorecard=card, scores={category.pk: 1}, channel="office", centre=units["khimki"]
    )
    assert ok.evaluation.iqs == 100


def test_other_checks(record, seed_card):
    assert errors_of(lambda: record(channel="pigeon")) == {
        "channel": ["Choose the channel of the conversation."]
    }
    future = timezone.now() + timedelta(days=1)
    assert errors_of(lambda: record(evaluated_at=future)) == {
        "evaluated_at": ["The time of the evaluation is in the future."]
    }
    seed_card.is_active = False
    seed_card.save()
    assert errors_of(lambda: record()) == {"scorecard": ["The scorecard is no longer in use."]}


def test_nothing_is_stored_when_invalid(record):
    before = Evaluation.objects.count(), EvaluationScore.objects.count()
    with pytest.raises(ValidationError):
        record(scores=(1, 2, 1))
    assert (Evaluation.objects.count(), EvaluationScore.objects.count()) == before


def test_editing_the_scorecard_never_changes_a_stored_evaluation(record, seed_card, categories):
    evaluation = record(scores=(1, 1, 0)).evaluation
    before = list(evaluation.scores.values_list("name", "weight", "critical", "score"))
    knowledge, speech, politeness = categories
    knowledge.weight, knowledge.name = Decimal("3"), "Знание услуг и порядка"
    knowledge.save()
    speech.critical = False
    speech.save()
    politeness.is_active = False
    politeness.save()
    ScorecardCategory.objects.create(scorecard=seed_card, name="Скорость", weight=2)
    seed_card.title = "Новое название"
    seed_card.save()

    evaluation.refresh_from_db()
    assert evaluation.iqs == pytest.approx(76.923, abs=0.001)
    assert not evaluation.critical_failed
    assert list(evaluation.scores.values_list("name", "weight", "critical", "score")) == before


def test_the_demo_has_iqs_facts_from_the_seeds_example():
    from otklik.demo.standards_loader import SCORECARD, _key

    card = Scorecard.objects.get(title=SCORECARD["title"])
    assert [(c.name, c.weight, c.critical) for c in card.active_categories()] == [
        ("Знание услуг", Decimal("1.50"), False),
        ("Грамотность речи", Decimal("1.00"), True),
        ("Вежливость", Decimal("0.75"), False),
    ]
    evaluations = Evaluation.objects.filter(scorecard=card)
    assert evaluations.count() >= 30
    assert evaluations.values("centre").distinct().count() >= 5
    first = evaluations.get(idempotency_key=_key(0))
    assert first.iqs_display == 77
    span = evaluations.order_by("evaluated_at")
    assert (span.last().evaluated_at - span.first().evaluated_at).days > 120
    assert evaluations.filter(critical_failed=True, iqs=0).exists()


def test_a_concurrent_request_with_the_same_key_gets_the_stored_one(record, monkeypatch):
    """The key is checked first; when another request stores it in between, the unique
    constraint answers and the stored evaluation comes back (no error, nothing twice)."""
    from otklik.standards import services

    key = uuid.uuid4()
    winner = record(idempotency_key=key).evaluation
    real = services.stored_evaluation
    calls = []

    def not_yet(idempotency_key):
        calls.append(idempotency_key)
        return None if len(calls) <= 2 else real(idempotency_key)

    monkeypatch.setattr(services, "stored_evaluation", not_yet)
    again = record(idempotency_key=key, scores=(0, 0, 0))
    assert not again.created and again.evaluation.pk == winner.pk
    assert Evaluation.objects.filter(idempotency_key=key).count() == 1
