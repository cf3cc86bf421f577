"""Recording QA evaluations (SPEC X6): validated, computed with ``formulas.iqs``, stored once.

:func:`do_record_evaluation` is the one way an evaluation gets into the database (the staff
page, the API and the demo all call it). It checks that every category in use of the
scorecard is scored exactly once with a score from 0 to 1 and that the units agree (the
centre is in the region, the touchpoint, the scorecard, the employee and the interaction
belong there), computes the IQS and writes the evaluation with its scores in one
transaction. The same idempotency key again gives back the stored evaluation.

Invalid input raises :class:`django.core.exceptions.ValidationError` with a dict of field
→ messages (English msgids, shown in the active language); a category's score is the field
``scores.<category id>``.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from numbers import Real

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.feedback.choices import InteractionChannel
from otklik.feedback.models import Interaction
from otklik.journeys.models import Touchpoint
from otklik.metrics import formulas
from otklik.org.models import Membership, Unit, User
from otklik.org.roles import UnitKind
from otklik.standards.models import Evaluation, EvaluationScore, Scorecard, ScorecardCategory

MAX_NOTE = 5000
# Clocks of integrations drift a little; an evaluation further in the future is refused.
FUTURE_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True)
class Recorded:
    evaluation: Evaluation
    created: bool  # False: the key was stored before, this is the stored evaluation


@dataclass
class Prepared:
    """A validated evaluation, ready to store (see :func:`prepare_evaluation`)."""

    values: dict
    scores: list[tuple[ScorecardCategory, float]] = field(default_factory=list)
    iqs: float = 0.0
    critical_failed: bool = False


def employee_works_in(user: User, region_id: int) -> bool:
    """Whether the staff member holds a role anywhere in the region."""
    return Membership.objects.filter(
        Q(unit_id=region_id) | Q(unit__region_id=region_id), user=user
    ).exists()


def _score_value(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        return None
    number = float(value)
    if not math.isfinite(number) or not 0 <= number <= 1:
        return None
    return number


def _score_pairs(scores) -> list[tuple[object, object]]:
    if isinstance(scores, Mapping):
        return list(scores.items())
    return list(scores or [])


def _category_id(key) -> int | None:
    if isinstance(key, ScorecardCategory):
        return key.pk
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return None


def compute_iqs(scored: Iterable[tuple[Decimal | float, float, bool]]) -> tuple[float, bool]:
    """(IQS %, whether a critical category failed) of (weight, score, critical) triples."""
    triples = [
        formulas.IqsCategory(float(weight), float(score), bool(critical))
        for weight, score, critical in scored
    ]
    value = formulas.iqs(triples)
    if value is None:  # no categories: refused by validation before we get here
        raise ValueError("an evaluation needs at least one category with a weight")
    return value, any(c.critical and c.score < 1 for c in triples)


def prepare_evaluation(
    *,
    scorecard: Scorecard,
    scores: Mapping | Iterable[tuple[object, object]],
    channel: str = "",
    region: Unit | None = None,
    centre: Unit | None = None,
    touchpoint: Touchpoint | None = None,
    employee: User | None = None,
    interaction: Interaction | None = None,
    evaluated_at: datetime | None = None,
    evaluator: User | None = None,
    note: str = "",
    idempotency_key: uuid.UUID | str | None = None,
    source: str = "",
) -> Prepared:
    """Validate an evaluation and compute its IQS; raises ``ValidationError`` (a dict)."""
    errors: dict[str, list[str]] = {}

    def error(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    # Defaults from the interaction evaluated, when there is one.
    if interaction is not None:
        touchpoint = touchpoint or interaction.touchpoint
        channel = channel or interaction.channel
        employee = employee or interaction.employee
        centre = centre or interaction.centre
        region = region or interaction.region

    # Where: the touchpoint's journey fixes its region and, for a centre's journey, the centre.
    journey = stage = None
    if touchpoint is not None:
        stage = touchpoint.stage
        journey = stage.journey
        region = region or journey.region
        if journey.centre_id is not None:
            if centre is None:
                centre = journey.centre
            elif centre.pk != journey.centre_id:
                error("touchpoint", _("The touchpoint belongs to another employment centre."))
    if region is None:
        region = centre.region if centre is not None else scorecard.region
    if region.kind != UnitKind.REGION:
        error("region", _("The region must be a unit of the kind region."))
    if centre is not None and (centre.kind != UnitKind.CENTRE or centre.region_id != region.pk):
        error("centre", _("The centre must be an employment centre of the region."))
    if journey is not None and journey.region_id != region.pk:
        error("touchpoint", _("The touchpoint belongs to another region."))
    if interaction is not None and (
        interaction.region_id != region.pk
        or (interaction.centre_id and centre is not None and interaction.centre_id != centre.pk)
    ):
        error("interaction", _("The interaction belongs to another unit."))

    # The scorecard: of this region, or of this very centre; in use.
    if scorecard.region_id != region.pk or (
        scorecard.centre_id is not None and (centre is None or scorecard.centre_id != centre.pk)
    ):
        error("scorecard", _("The scorecard belongs to another unit."))
    elif not scorecard.is_active:
        error("scorecard", _("The scorecard is no longer in use."))

    if channel not in InteractionChannel.values:
        error("channel", _("Choose the channel of the conversation."))
    if employee is not None and not employee_works_in(employee, region.pk):
        error("employee", _("The employee does not work in this region."))
    if evaluated_at is None:
        evaluated_at = timezone.now()
    elif timezone.is_naive(evaluated_at):
        evaluated_at = timezone.make_aware(evaluated_at)
    if evaluated_at > timezone.now() + FUTURE_TOLERANCE:
        error("evaluated_at", _("The time of the evaluation is in the future."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        error("note", _("The note is too long: at most %(max)s characters.") % {"max": MAX_NOTE})

    # Scores: every category in use exactly once, each from 0 to 1.
    categories = {c.pk: c for c in scorecard.active_categories()}
    if not categories:
        error("scores", _("The scorecard has no categories in use."))
    given: dict[int, float] = {}
    for key, value in _score_pairs(scores):
        category_id = _category_id(key)
        category = categories.get(category_id)
        if category is None:
            error(
                "scores",
                _("«%(value)s» is not a category in use of this scorecard.") % {"value": key},
            )
            continue
        name = f"scores.{category.pk}"
        if category.pk in given:
            error(name, _("«%(name)s» is scored more than once.") % {"name": category.name})
            continue
        number = _score_value(value)
        if number is None:
            error(
                name,
                _("The score of «%(name)s» must be a number from 0 to 1.")
                % {"name": category.name},
            )
            continue
        given[category.pk] = number
    missing = [c for pk, c in categories.items() if pk not in given]
    for category in missing:
        if f"scores.{category.pk}" not in errors:
            error(f"scores.{category.pk}", _("«%(name)s» is not scored.") % {"name": category.name})
    if errors:
        raise ValidationError(errors)

    ordered = [(categories[pk], given[pk]) for pk in categories]
    iqs, critical_failed = compute_iqs((c.weight, s, c.critical) for c, s in ordered)
    values = {
        "scorecard": scorecard,
        "region": region,
        "centre": centre,
        "journey": journey,
        "stage": stage,
        "touchpoint": touchpoint,
        "channel": channel,
        "employee": employee,
        "interaction": interaction,
        "evaluated_at": evaluated_at,
        "evaluator": evaluator,
        "note": note,
        "source": (source or "")[:100],
        "iqs": iqs,
        "critical_failed": critical_failed,
    }
    if idempotency_key is not None:
        values["idempotency_key"] = (
            idempotency_key
            if isinstance(idempotency_key, uuid.UUID)
            else uuid.UUID(str(idempotency_key))
        )
    return Prepared(values=values, scores=ordered, iqs=iqs, critical_failed=critical_failed)


def stored_evaluation(idempotency_key) -> Evaluation | None:
    if idempotency_key is None:
        return None
    return Evaluation.objects.filter(idempotency_key=idempotency_key).first()


def store_evaluation(prepared: Prepared) -> Recorded:
    """Write a prepared evaluation and its scores in one transaction (once per key)."""
    key = prepared.values.get("idempotency_key")
    existing = stored_evaluation(key)
    if existing is not None:
        return Recorded(existing, False)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(**prepared.values)
            EvaluationScore.objects.bulk_create(
                EvaluationScore(
                    evaluation=evaluation,
                    category=category,
                    name=category.name,
                    weight=category.weight,
                    critical=category.critical,
                    score=score,
                )
                for category, score in prepared.scores
            )
    except IntegrityError:
        existing = stored_evaluation(key)  # stored meanwhile by a concurrent request
        if existing is None:
            raise
        return Recorded(existing, False)
    return Recorded(evaluation, True)


def do_record_evaluation(*, idempotency_key=None, **kwargs) -> Recorded:
    """Validate, compute the IQS and store one evaluation; the same key → the stored one.

    Keyword arguments are those of :func:`prepare_evaluation`: ``scorecard``, ``scores``
    ({category or its id: score 0…1}), ``channel``, ``region``, ``centre``, ``touchpoint``,
    ``employee``, ``interaction``, ``evaluated_at``, ``evaluator``, ``note``, ``source``.
    """
    existing = stored_evaluation(idempotency_key)
    if existing is not None:
        return Recorded(existing, False)
    prepared = prepare_evaluation(idempotency_key=idempotency_key, **kwargs)
    return store_evaluation(prepared)
