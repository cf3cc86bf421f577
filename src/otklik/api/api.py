"""The REST API (``/api/v1/…``, OpenAPI 3 at ``/api/openapi.json``, docs at ``/api/docs``).

Status codes, the same for every endpoint:

- 201 a record was created; 200 its idempotency key was stored before (the stored id
  is returned, the body is not compared); a batch answers 201 when any item was new;
- 400 the body is not JSON; 401 no token, an unknown or a revoked one; 403 the token
  lacks the scope the endpoint needs; 413 the body is larger than Django accepts;
- 422 the input is wrong, with ``errors``: ``[{"index", "field", "message"}]`` (``index``
  is the position in a batch). A record for a unit outside the token's region/centre is
  a 422 on the field naming it (``centre``, ``touchpoint``), as an unknown code would be:
  the API does not reveal other regions' data.

Batches are all-or-nothing: when any item is wrong nothing is stored. Validation and
storage of feedback items, interactions and mentions go through :mod:`otklik.feedback.ingest`
(the same rules as file imports); survey responses through the public survey's form and
:func:`otklik.feedback.services.do_submit_response`.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from ninja import NinjaAPI, Query, Router, Swagger
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import Status

from otklik.api import schemas as s
from otklik.api import tokens
from otklik.api.auth import TokenAuth
from otklik.api.errors import Invalid
from otklik.api.errors import token_with_scope as _token
from otklik.api.models import IntegrationToken, TokenScope
from otklik.feedback import ingest
from otklik.feedback.ingest import Kind
from otklik.feedback.models import FeedbackItem, Interaction, Mention, Response
from otklik.feedback.services import do_submit_response, survey_for
from otklik.feedback.surveys import answer_form_class, answers_from, scale_choices
from otklik.journeys.models import Touchpoint
from otklik.metrics.api import router as metrics_router
from otklik.standards.api import router as evaluations_router

log = logging.getLogger(__name__)


api = NinjaAPI(
    title="Otklik API",
    version="1",
    description=__doc__,
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI from ninja's own static files; no badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)
v1 = Router(tags=["v1"])

ERRORS = {400: s.Error, 401: s.Error, 403: s.Error, 413: s.Error, 422: s.Error}
CREATED = {200: s.Created, 201: s.Created, **ERRORS}
BATCH = {200: s.BatchCreated, 201: s.BatchCreated, **ERRORS}


def _error(api_, request, status: int, detail: str, errors=()):
    return api_.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    errors = []
    for error in exc.errors:
        loc = list(error.get("loc") or [])
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
            if loc and loc[0] in ("payload", "filters"):
                loc = loc[1:]
        index = None
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            index, loc = loc[1], loc[2:]
        errors.append(
            {
                "index": index,
                "field": ".".join(str(part) for part in loc) or "body",
                "message": str(error.get("msg", "invalid"))[:500],
            }
        )
    return _error(api, request, 422, "The input is not valid.", errors)


@api.exception_handler(Invalid)
def _invalid(request, exc):
    return _error(api, request, 422, "The input is not valid.", exc.errors)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(api, request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return _error(api, request, 413, "The request body is too large.")


# Writing facts


def _check_keys(token, model, items) -> dict:
    """Stored facts for these keys, {key: pk}; a key used for another unit's fact is a 422."""
    keys = [item.idempotency_key for item in items]
    stored = {}
    errors = []
    rows = model.objects.filter(idempotency_key__in=keys).values_list(
        "idempotency_key", "pk", "region_id", "centre_id"
    )
    by_key = {key: (pk, region, centre) for key, pk, region, centre in rows}
    for index, item in enumerate(items):
        found = by_key.get(item.idempotency_key)
        if found is None:
            continue
        if not tokens.covers(token, found[1], found[2]):
            errors.append(
                {
                    "index": index,
                    "field": "idempotency_key",
                    "message": "This idempotency key is already used for another record.",
                }
            )
        stored[item.idempotency_key] = found[0]
    if errors:
        raise Invalid(errors)
    return stored


RAW_FIELDS = {
    Kind.FEEDBACK: (
        "centre", "touchpoint", "channel", "received_at", "text", "rating",
        "author_name_public",
    ),
    Kind.INTERACTIONS: (
        "external_id", "centre", "touchpoint", "channel", "opened_at", "first_response_at",
        "resolved_at", "replies", "escalated", "resolved_first_contact",
        "resolvable_first_contact",
    ),
    Kind.MENTIONS: ("centre", "platform", "url", "published_at", "text", "stars", "sentiment"),
}  # fmt: skip
MODELS = {Kind.FEEDBACK: FeedbackItem, Kind.INTERACTIONS: Interaction, Kind.MENTIONS: Mention}


def _raw(kind: str, item) -> dict:
    """An API record as the row :meth:`ingest.Ingest.validate` reads."""
    raw = {}
    for name in RAW_FIELDS[kind]:
        value = getattr(item, name)
        if isinstance(value, bool):
            value = "1" if value else "0"
        raw[name] = "" if value is None else value
    return raw


def _ingest(token: IntegrationToken, kind: str, items: list) -> list[tuple[int, bool]]:
    """Validate all, store all or nothing; (id, created) per item, in order."""
    model = MODELS[kind]
    stored = _check_keys(token, model, items)
    reader = ingest.Ingest(
        kind=kind, region=token.region, centre=token.centre, source_name=f"api:{token.pk}"
    )
    records, errors = [], []
    for index, item in enumerate(items):
        if item.idempotency_key in stored:
            continue
        cleaned, row_errors = reader.validate(index, _raw(kind, item))
        for error in row_errors:
            errors.append(
                {
                    "index": index,
                    "field": error["field"],
                    "message": ingest.render_error(error),
                }
            )
        if not row_errors:
            cleaned["idempotency_key"] = item.idempotency_key
            records.append(cleaned)
    if errors:
        raise Invalid(errors)
    try:
        with transaction.atomic():
            ingest.store(kind, records)
    except (IntegrityError, DjangoValidationError, ValueError) as error:
        log.warning("API %s: could not store: %s", kind, error)
        raise Invalid(
            [{"index": None, "field": "items", "message": "The records could not be stored."}]
        ) from error
    keys = [item.idempotency_key for item in items]
    direct = dict(
        model.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", "pk")
    )
    ids = dict(direct)
    # A record that is stored under another key (the same source id, the same post).
    for record in records:
        key = record["idempotency_key"]
        if key in ids:
            continue
        if kind == Kind.INTERACTIONS and record["external_id"]:
            same = Interaction.objects.filter(
                source=record["source"], external_id=record["external_id"]
            )
        elif kind == Kind.MENTIONS and record["url"]:
            same = Mention.objects.filter(platform=record["platform"], url=record["url"])
        else:
            same = model.objects.none()
        ids[key] = same.values_list("pk", flat=True).first()
        if ids[key] is None:  # cannot happen unless stored rows vanished meanwhile
            raise Invalid([{"index": None, "field": "items", "message": "Please retry."}])
    created_keys = {r["idempotency_key"] for r in records if r["idempotency_key"] in direct}
    result, seen = [], set()
    for item in items:
        key = item.idempotency_key
        result.append((ids[key], key in created_keys and key not in seen))
        seen.add(key)
    return result


def _touchpoint(token: IntegrationToken, code: str) -> Touchpoint | None:
    touchpoints = Touchpoint.objects.select_related("stage__journey").filter(
        public_code=code, stage__journey__region_id=token.region_id
    )
    if token.centre_id is not None:
        touchpoints = touchpoints.filter(stage__journey__centre_id=token.centre_id)
    return touchpoints.first()


def _responses(token: IntegrationToken, items: list) -> list[tuple[int, bool]]:
    stored = _check_keys(token, Response, items)
    prepared, errors = [], []
    for index, item in enumerate(items):
        if item.idempotency_key in stored:
            prepared.append(None)
            continue
        touchpoint = _touchpoint(token, item.touchpoint)
        version = survey_for(touchpoint) if touchpoint else None
        if touchpoint is None:
            errors.append(
                {
                    "index": index,
                    "field": "touchpoint",
                    "message": "There is no touchpoint with this code in the token's units.",
                }
            )
            continue
        if version is None:
            errors.append(
                {
                    "index": index,
                    "field": "touchpoint",
                    "message": "No survey is asked at this touchpoint.",
                }
            )
            continue
        known = {question["key"] for question in version.questions}
        for key in sorted(set(item.answers) - known):
            errors.append(
                {"index": index, "field": f"answers.{key}", "message": "No such question."}
            )
        data = {f"q_{key}": value for key, value in item.answers.items() if key in known}
        for name, value in list(data.items()):
            if isinstance(value, int) and not isinstance(value, bool):
                data[name] = str(value)
            elif isinstance(value, list):
                data[name] = [str(v) for v in value]
        form = answer_form_class(version.questions)(data=data)
        if not form.is_valid():
            for name, messages in form.errors.items():
                field = f"answers.{name[2:]}" if name.startswith("q_") else "answers"
                for message in messages:
                    errors.append({"index": index, "field": field, "message": str(message)})
            continue
        prepared.append(
            (item, touchpoint, version, answers_from(form.cleaned_data, version.questions))
        )
    if errors:
        raise Invalid(errors)
    result = []
    try:
        with transaction.atomic():
            for item, ready in zip(items, prepared, strict=True):
                if ready is None:
                    result.append((stored[item.idempotency_key], False))
                    continue
                _item, touchpoint, version, answers = ready
                submission = do_submit_response(
                    touchpoint=touchpoint,
                    version=version,
                    answers=answers,
                    channel=item.channel,
                    idempotency_key=item.idempotency_key,
                    fill_seconds=item.fill_seconds,
                )
                result.append((submission.response.pk, submission.created))
    except (IntegrityError, DjangoValidationError, ValueError) as error:
        log.warning("API responses: could not store: %s", error)
        raise Invalid(
            [{"index": None, "field": "items", "message": "The responses could not be stored."}]
        ) from error
    return result


def _one(items, result):
    (pk, created) = result[0]
    body = {"id": pk, "idempotency_key": items[0].idempotency_key, "created": created}
    return Status(201 if created else 200, body)


def _many(items, result):
    rows = [
        {"id": pk, "idempotency_key": item.idempotency_key, "created": created}
        for item, (pk, created) in zip(items, result, strict=True)
    ]
    new = sum(1 for row in rows if row["created"])
    body = {"items": rows, "created": new, "existing": len(rows) - new}
    return Status(201 if new else 200, body)


@v1.post("/responses", response=CREATED, summary="Create a survey response")
def create_response(request, payload: s.ResponseIn):
    token = _token(request, TokenScope.WRITE_RESPONSES)
    return _one([payload], _responses(token, [payload]))


@v1.post("/responses/batch", response=BATCH, summary="Create survey responses (all or none)")
def create_responses(request, payload: s.ResponseBatch):
    token = _token(request, TokenScope.WRITE_RESPONSES)
    return _many(payload.items, _responses(token, payload.items))


@v1.post("/feedback-items", response=CREATED, summary="Create a feedback item")
def create_feedback(request, payload: s.FeedbackIn):
    token = _token(request, TokenScope.WRITE_FEEDBACK)
    return _one([payload], _ingest(token, Kind.FEEDBACK, [payload]))


@v1.post("/feedback-items/batch", response=BATCH, summary="Create feedback items (all or none)")
def create_feedback_batch(request, payload: s.FeedbackBatch):
    token = _token(request, TokenScope.WRITE_FEEDBACK)
    return _many(payload.items, _ingest(token, Kind.FEEDBACK, payload.items))


@v1.post("/interactions", response=CREATED, summary="Create an interaction")
def create_interaction(request, payload: s.InteractionIn):
    token = _token(request, TokenScope.WRITE_INTERACTIONS)
    return _one([payload], _ingest(token, Kind.INTERACTIONS, [payload]))


@v1.post("/interactions/batch", response=BATCH, summary="Create interactions (all or none)")
def create_interactions(request, payload: s.InteractionBatch):
    token = _token(request, TokenScope.WRITE_INTERACTIONS)
    return _many(payload.items, _ingest(token, Kind.INTERACTIONS, payload.items))


@v1.post("/mentions", response=CREATED, summary="Create a mention")
def create_mention(request, payload: s.MentionIn):
    token = _token(request, TokenScope.WRITE_MENTIONS)
    return _one([payload], _ingest(token, Kind.MENTIONS, [payload]))


@v1.post("/mentions/batch", response=BATCH, summary="Create mentions (all or none)")
def create_mentions(request, payload: s.MentionBatch):
    token = _token(request, TokenScope.WRITE_MENTIONS)
    return _many(payload.items, _ingest(token, Kind.MENTIONS, payload.items))


# Reading


def _version_out(version) -> dict | None:
    if version is None:
        return None
    return {
        "id": version.pk,
        "number": version.number,
        "title": version.title,
        "questions": [
            {
                "key": question["key"],
                "type": question["type"],
                "text": question["text"],
                "required": bool(question.get("required")),
                "options": list(question.get("options") or []),
                "scale": sorted(score for score, _label in scale_choices(question)),
            }
            for question in version.questions
        ],
    }


@v1.get(
    "/touchpoints",
    response={200: list[s.TouchpointOut], **ERRORS},
    summary="Touchpoints of the token's units, with their public survey addresses",
)
def list_touchpoints(request):
    token = _token(request, TokenScope.READ_TOUCHPOINTS)
    touchpoints = Touchpoint.objects.select_related("stage__journey__centre").filter(
        stage__journey__region_id=token.region_id
    )
    if token.centre_id is not None:
        touchpoints = touchpoints.filter(stage__journey__centre_id=token.centre_id)
    base = settings.OTKLIK_PUBLIC_BASE_URL
    result = []
    for touchpoint in touchpoints.order_by("stage__journey_id", "stage__order", "order", "pk"):
        journey = touchpoint.stage.journey
        result.append(
            {
                "id": touchpoint.pk,
                "public_code": touchpoint.public_code,
                "name": touchpoint.name,
                "channel": touchpoint.channel,
                "stage": touchpoint.stage.name,
                "journey": journey.title,
                "centre": journey.centre.code if journey.centre else None,
                "public_survey_url": base + reverse("public_survey", args=[touchpoint.public_code]),
                "survey_version": _version_out(survey_for(touchpoint)),
            }
        )
    return Status(200, result)


@v1.get(
    "/feedback-items",
    response={200: s.FeedbackPage, **ERRORS},
    summary="Feedback items of the token's units, newest first",
)
def list_feedback(request, filters: Query[s.FeedbackFilters]):
    token = _token(request, TokenScope.READ_FEEDBACK)
    items = FeedbackItem.objects.filter(region_id=token.region_id)
    if token.centre_id is not None:
        items = items.filter(centre_id=token.centre_id)
    if filters.centre:
        items = items.filter(centre__code=filters.centre)
    if filters.since:
        items = items.filter(received_at__gte=filters.since)
    if filters.until:
        items = items.filter(received_at__lt=filters.until)
    if filters.status:
        items = items.filter(status=filters.status)
    count = items.count()
    page = items.select_related("region", "centre", "touchpoint").order_by("-received_at", "-pk")[
        filters.offset : filters.offset + filters.limit
    ]
    return Status(
        200,
        {
            "count": count,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [
                {
                    "id": item.pk,
                    "idempotency_key": item.idempotency_key,
                    "region": item.region.code,
                    "centre": item.centre.code if item.centre else None,
                    "touchpoint": item.touchpoint.public_code if item.touchpoint else None,
                    "channel": item.channel,
                    "text": item.text,
                    "rating": item.rating,
                    "author_name_public": item.author_name_public,
                    "received_at": item.received_at,
                    "status": item.status,
                }
                for item in page
            ],
        },
    )


api.add_router("/v1", v1)
api.add_router("/v1", evaluations_router)
api.add_router("/v1", metrics_router)
