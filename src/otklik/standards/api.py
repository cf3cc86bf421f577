"""REST API of QA evaluations (SPEC X6, I1): ``/api/v1/evaluations`` and ``/api/v1/scorecards``.

Same rules as the other ingestion endpoints (see :mod:`otklik.api.api`): the integration
token's region (and centre) bound everything it writes and reads; 201 created, 200 the
idempotency key was stored before (the stored id is returned, the body is not compared);
422 with ``errors: [{index, field, message}]`` on wrong input — a scorecard, centre,
touchpoint, employee or interaction outside the token's units is a 422 on that field, as an
unknown one would be. A batch is all-or-nothing. The IQS is computed by the server
(:func:`otklik.metrics.formulas.iqs`); clients send the scores only.
"""

import datetime as dt
import logging
import uuid
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import BeforeValidator, Field

from otklik.api import tokens
from otklik.api.errors import Invalid, token_with_scope
from otklik.api.models import IntegrationToken, TokenScope
from otklik.api.schemas import (
    MAX_BATCH,
    BatchCreated,
    Created,
    Error,
    In,
    InteractionChannelIn,
    Key,
    Moment,
    TouchpointCode,
    UnitCode,
    text,
)
from otklik.feedback.models import Interaction
from otklik.journeys.models import Touchpoint
from otklik.org.models import Unit, User
from otklik.org.roles import UnitKind
from otklik.standards import services
from otklik.standards.models import Evaluation, EvaluationScore, Scorecard, ScorecardCategory

log = logging.getLogger(__name__)

router = Router(tags=["QA evaluations"])

ERRORS = {400: Error, 401: Error, 403: Error, 413: Error, 422: Error}
MAX_ID = 2**53  # ids above this cannot be stored; any such id is simply unknown


def _no_bool(value):
    if isinstance(value, bool):
        raise ValueError("must be a number from 0 to 1, not true/false")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ScoreValue = Annotated[float, BeforeValidator(_no_bool), Field(ge=0, le=1, allow_inf_nan=False)]


class ScoreIn(In):
    category: Id = Field(description="The category's id (GET /scorecards).")
    score: ScoreValue = Field(description="1 «хорошо», 0 «плохо», or the share met in between.")


class EvaluationIn(In):
    """One QA evaluation of one conversation or visit: a score for every category in use."""

    idempotency_key: Key
    scorecard: Id = Field(description="The scorecard's id (GET /scorecards).")
    channel: InteractionChannelIn
    evaluated_at: Moment
    scores: list[ScoreIn] = Field(min_length=1, max_length=100)
    centre: UnitCode | None = Field(
        None, description="Centre code; the token's centre, or the touchpoint's, if omitted."
    )
    touchpoint: TouchpointCode | None = Field(None, description="The touchpoint's public code.")
    employee: text(150, 1) | None = Field(None, description="Login of the employee evaluated.")
    interaction: Id | None = Field(None, description="Id of the interaction evaluated, if any.")
    note: text(services.MAX_NOTE) = ""


class EvaluationBatch(In):
    items: list[EvaluationIn] = Field(min_length=1, max_length=MAX_BATCH)


class CategoryOut(Schema):
    id: int
    order: int
    name: str
    description: str
    weight: float
    critical: bool


class ScorecardOut(Schema):
    id: int
    title: str
    description: str
    region: str
    centre: str | None
    is_active: bool
    categories: list[CategoryOut] = Field(description="The categories in use, to be scored.")


class ScoreOut(Schema):
    category: int
    name: str = Field(description="The category as it was when the evaluation was recorded.")
    weight: float
    critical: bool
    score: float


class EvaluationOut(Schema):
    id: int
    idempotency_key: uuid.UUID
    scorecard: int
    region: str
    centre: str | None
    journey: int | None
    stage: int | None
    touchpoint: str | None
    channel: str
    employee: str | None
    interaction: int | None
    evaluated_at: dt.datetime
    iqs: float = Field(description="Internal quality score, 0–100 %.")
    critical_failed: bool
    note: str
    scores: list[ScoreOut]


class EvaluationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EvaluationOut]


class EvaluationFilters(Schema):
    since: Moment | None = None
    until: Moment | None = None
    centre: UnitCode | None = None
    employee: text(150) | None = None
    scorecard: Id | None = None
    limit: Annotated[int, Field(ge=1, le=500)] = 100
    offset: Annotated[int, Field(ge=0, le=10_000_000)] = 0


def _scorecards(token: IntegrationToken):
    cards = Scorecard.objects.filter(region_id=token.region_id)
    if token.centre_id is not None:
        cards = cards.filter(Q(centre__isnull=True) | Q(centre_id=token.centre_id))
    return cards


def _resolve(token: IntegrationToken, index: int, item: EvaluationIn) -> dict:
    """The objects the item names, within the token's units; a 422 item error otherwise."""
    errors = []

    def error(name: str, message: str) -> None:
        errors.append({"index": index, "field": name, "message": message})

    scorecard = _scorecards(token).filter(pk=item.scorecard).first()
    if scorecard is None:
        error("scorecard", "There is no QA scorecard with this id in the token's units.")
    centre = token.centre
    if item.centre:
        found = Unit.objects.filter(
            code=item.centre, kind=UnitKind.CENTRE, region_id=token.region_id
        ).first()
        if found is None:
            error("centre", "There is no employment centre with this code in the region.")
        elif token.centre_id is not None and found.pk != token.centre_id:
            error("centre", "The token may write for its own centre only.")
        else:
            centre = found
    touchpoint = None
    if item.touchpoint:
        touchpoints = Touchpoint.objects.select_related("stage__journey").filter(
            public_code=item.touchpoint, stage__journey__region_id=token.region_id
        )
        if token.centre_id is not None:
            touchpoints = touchpoints.filter(
                Q(stage__journey__centre_id=token.centre_id)
                | Q(stage__journey__centre__isnull=True)
            )
        touchpoint = touchpoints.first()
        if touchpoint is None:
            error("touchpoint", "There is no touchpoint with this code in the token's units.")
    employee = None
    if item.employee:
        employee = User.objects.filter(username=item.employee).first()
        if employee is None or not services.employee_works_in(employee, token.region_id):
            error("employee", "No staff member with this login works in the token's region.")
    interaction = None
    if item.interaction is not None:
        interactions = Interaction.objects.filter(pk=item.interaction, region_id=token.region_id)
        if token.centre_id is not None:
            interactions = interactions.filter(centre_id=token.centre_id)
        interaction = interactions.first()
        if interaction is None:
            error("interaction", "There is no interaction with this id in the token's units.")
    if errors:
        raise Invalid(errors)
    return {
        "scorecard": scorecard,
        "region": token.region,
        "centre": centre,
        "touchpoint": touchpoint,
        "employee": employee,
        "interaction": interaction,
    }


def _record(token: IntegrationToken, items: list[EvaluationIn]) -> list[tuple[int, bool]]:
    keys = [item.idempotency_key for item in items]
    stored = {
        key: (pk, region, centre)
        for key, pk, region, centre in Evaluation.objects.filter(
            idempotency_key__in=keys
        ).values_list("idempotency_key", "pk", "region_id", "centre_id")
    }
    errors: list[dict] = []
    prepared: list[services.Prepared | None] = []
    for index, item in enumerate(items):
        found = stored.get(item.idempotency_key)
        if found is not None:
            if not tokens.covers(token, found[1], found[2]):
                errors.append(
                    {
                        "index": index,
                        "field": "idempotency_key",
                        "message": "This idempotency key is already used for another record.",
                    }
                )
            prepared.append(None)
            continue
        try:
            objects = _resolve(token, index, item)
            prepared.append(
                services.prepare_evaluation(
                    **objects,
                    scores=[(score.category, score.score) for score in item.scores],
                    channel=item.channel,
                    evaluated_at=item.evaluated_at,
                    note=item.note,
                    idempotency_key=item.idempotency_key,
                    source=f"api:{token.pk}",
                )
            )
        except Invalid as rejected:
            errors.extend(rejected.errors)
        except DjangoValidationError as error:
            for name, messages in error.message_dict.items():
                errors.extend({"index": index, "field": name, "message": m} for m in messages)
    if errors:
        raise Invalid(errors)
    result = []
    try:
        with transaction.atomic():
            for item, ready in zip(items, prepared, strict=True):
                if ready is None:
                    result.append((stored[item.idempotency_key][0], False))
                    continue
                recorded = services.store_evaluation(ready)
                result.append((recorded.evaluation.pk, recorded.created))
    except (IntegrityError, DjangoValidationError, ValueError) as error:
        log.warning("API evaluations: could not store: %s", error)
        raise Invalid(
            [{"index": None, "field": "items", "message": "The evaluations could not be stored."}]
        ) from error
    return result


@router.post(
    "/evaluations",
    response={200: Created, 201: Created, **ERRORS},
    summary="Record a QA evaluation",
)
def create_evaluation(request, payload: EvaluationIn):
    token = token_with_scope(request, TokenScope.WRITE_EVALUATIONS)
    pk, created = _record(token, [payload])[0]
    body = {"id": pk, "idempotency_key": payload.idempotency_key, "created": created}
    return Status(201 if created else 200, body)


@router.post(
    "/evaluations/batch",
    response={200: BatchCreated, 201: BatchCreated, **ERRORS},
    summary="Record QA evaluations (all or none)",
)
def create_evaluations(request, payload: EvaluationBatch):
    token = token_with_scope(request, TokenScope.WRITE_EVALUATIONS)
    result = _record(token, payload.items)
    rows = [
        {"id": pk, "idempotency_key": item.idempotency_key, "created": created}
        for item, (pk, created) in zip(payload.items, result, strict=True)
    ]
    new = sum(1 for row in rows if row["created"])
    return Status(201 if new else 200, {"items": rows, "created": new, "existing": len(rows) - new})


@router.get(
    "/scorecards",
    response={200: list[ScorecardOut], **ERRORS},
    summary="QA scorecards of the token's units, with the categories to score",
)
def list_scorecards(request):
    token = token_with_scope(request, TokenScope.READ_EVALUATIONS, TokenScope.WRITE_EVALUATIONS)
    cards = (
        _scorecards(token)
        .select_related("region", "centre")
        .prefetch_related(
            Prefetch(
                "categories",
                queryset=ScorecardCategory.objects.filter(is_active=True).order_by("order", "pk"),
                to_attr="active",
            )
        )
        .order_by("title", "pk")
    )
    return Status(
        200,
        [
            {
                "id": card.pk,
                "title": card.title,
                "description": card.description,
                "region": card.region.code,
                "centre": card.centre.code if card.centre else None,
                "is_active": card.is_active,
                "categories": [
                    {
                        "id": c.pk,
                        "order": c.order,
                        "name": c.name,
                        "description": c.description,
                        "weight": float(c.weight),
                        "critical": c.critical,
                    }
                    for c in card.active
                ],
            }
            for card in cards
        ],
    )


@router.get(
    "/evaluations",
    response={200: EvaluationPage, **ERRORS},
    summary="QA evaluations of the token's units, newest first",
)
def list_evaluations(request, filters: Query[EvaluationFilters]):
    token = token_with_scope(request, TokenScope.READ_EVALUATIONS)
    evaluations = Evaluation.objects.filter(region_id=token.region_id)
    if token.centre_id is not None:
        evaluations = evaluations.filter(centre_id=token.centre_id)
    if filters.centre:
        evaluations = evaluations.filter(centre__code=filters.centre)
    if filters.employee:
        evaluations = evaluations.filter(employee__username=filters.employee)
    if filters.scorecard:
        evaluations = evaluations.filter(scorecard_id=filters.scorecard)
    if filters.since:
        evaluations = evaluations.filter(evaluated_at__gte=filters.since)
    if filters.until:
        evaluations = evaluations.filter(evaluated_at__lt=filters.until)
    count = evaluations.count()
    page = (
        evaluations.select_related("region", "centre", "touchpoint", "employee")
        .prefetch_related(
            Prefetch("scores", queryset=EvaluationScore.objects.order_by("category__order", "pk"))
        )
        .order_by("-evaluated_at", "-pk")[filters.offset : filters.offset + filters.limit]
    )
    return Status(
        200,
        {
            "count": count,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [
                {
                    "id": e.pk,
                    "idempotency_key": e.idempotency_key,
                    "scorecard": e.scorecard_id,
                    "region": e.region.code,
                    "centre": e.centre.code if e.centre else None,
                    "journey": e.journey_id,
                    "stage": e.stage_id,
                    "touchpoint": e.touchpoint.public_code if e.touchpoint else None,
                    "channel": e.channel,
                    "employee": e.employee.username if e.employee else None,
                    "interaction": e.interaction_id,
                    "evaluated_at": e.evaluated_at,
                    "iqs": e.iqs,
                    "critical_failed": e.critical_failed,
                    "note": e.note,
                    "scores": [
                        {
                            "category": s.category_id,
                            "name": s.name,
                            "weight": float(s.weight),
                            "critical": s.critical,
                            "score": s.score,
                        }
                        for s in e.scores.all()
                    ],
                }
                for e in page
            ],
        },
    )
