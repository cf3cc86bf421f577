"""Request and response bodies of the API, typed tightly so the OpenAPI schema is precise.

Every input model forbids unknown fields; strings are bounded and may not contain NUL or
unpaired surrogates (PostgreSQL and UTF-8 would refuse them later, as a 500).
"""

import datetime as dt
import uuid
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from otklik.feedback.choices import (
    MAX_FEEDBACK_TEXT,
    FeedbackChannel,
    FeedbackStatus,
    InteractionChannel,
    MentionPlatform,
    QuestionType,
    ResponseChannel,
    Sentiment,
)
from otklik.feedback.ingest import NOT_IMPORTABLE
from otklik.feedback.surveys import MAX_TEXT_LENGTH

MAX_BATCH = 500
MIN_YEAR, MAX_YEAR = 2000, 2100


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def _sane_moment(value: dt.datetime) -> dt.datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"must be between the years {MIN_YEAR} and {MAX_YEAR}")
    if timezone.is_naive(value):  # times without a zone are in the server's TIME_ZONE
        value = timezone.make_aware(value)
    return value


def text(max_length: int, min_length: int = 0):
    return Annotated[
        str,
        StringConstraints(max_length=max_length, min_length=min_length),
        AfterValidator(_clean_text),
    ]


Moment = Annotated[dt.datetime, AfterValidator(_sane_moment)]
UnitCode = Annotated[
    str, StringConstraints(max_length=64, pattern=r"^[-a-zA-Z0-9_]+$"), AfterValidator(_clean_text)
]
TouchpointCode = Annotated[
    str, StringConstraints(min_length=1, max_length=16, pattern=r"^[-A-Za-z0-9_]+$")
]
Key = Annotated[uuid.UUID, Field(description="A UUID chosen by the client; resending it is safe.")]

FeedbackChannelIn = Literal[tuple(c for c in FeedbackChannel.values if c not in NOT_IMPORTABLE)]
ResponseChannelIn = Literal[tuple(c for c in ResponseChannel.values if c != ResponseChannel.PAPER)]
InteractionChannelIn = Literal[tuple(InteractionChannel.values)]
PlatformIn = Literal[tuple(MentionPlatform.values)]
SentimentIn = Literal[tuple(Sentiment.values)]
FeedbackStatusIn = Literal[tuple(FeedbackStatus.values)]
AnswerValue = (
    Annotated[int, Field(strict=True, ge=-1000, le=1000)]
    | text(MAX_TEXT_LENGTH)
    | Annotated[list[Annotated[int, Field(strict=True, ge=0, le=1000)]], Field(max_length=50)]
)


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class ResponseIn(In):
    """A completed questionnaire for the survey currently asked at a touchpoint."""

    idempotency_key: Key
    touchpoint: TouchpointCode = Field(description="The touchpoint's public code.")
    channel: ResponseChannelIn
    answers: dict[
        Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[a-z0-9_]+$")],
        AnswerValue,
    ] = Field(
        max_length=100,
        description=(
            "Question key → answer: an integer for scale questions (NPS 0–10, rating 1–5, "
            "CSAT and CES levels), the 0-based option index for a single choice, a list of "
            "indices for a multiple choice, a string for free text. Keys are listed by "
            "GET /touchpoints."
        ),
    )
    fill_seconds: Annotated[int, Field(ge=0, le=86400)] | None = None


class FeedbackIn(In):
    idempotency_key: Key
    channel: FeedbackChannelIn
    received_at: Moment
    text: text(MAX_FEEDBACK_TEXT, 1)
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    author_name_public: text(40) = ""
    centre: UnitCode | None = Field(None, description="Centre code; the token's centre if omitted.")
    touchpoint: TouchpointCode | None = None


class InteractionIn(In):
    idempotency_key: Key
    external_id: text(100) = ""
    channel: InteractionChannelIn
    opened_at: Moment
    first_response_at: Moment | None = None
    resolved_at: Moment | None = None
    replies: Annotated[int, Field(ge=0, le=100000)] = 0
    escalated: bool = False
    resolved_first_contact: bool = False
    resolvable_first_contact: bool = True
    centre: UnitCode | None = None
    touchpoint: TouchpointCode | None = None


class MentionIn(In):
    idempotency_key: Key
    platform: PlatformIn
    url: text(1000) = Field("", description="http:// or https:// address of the post.")
    published_at: Moment
    text: text(MAX_FEEDBACK_TEXT, 1)
    stars: Annotated[int, Field(ge=1, le=5)] | None = None
    sentiment: SentimentIn | None = None
    centre: UnitCode | None = None


class ResponseBatch(In):
    items: list[ResponseIn] = Field(min_length=1, max_length=MAX_BATCH)


class FeedbackBatch(In):
    items: list[FeedbackIn] = Field(min_length=1, max_length=MAX_BATCH)


class InteractionBatch(In):
    items: list[InteractionIn] = Field(min_length=1, max_length=MAX_BATCH)


class MentionBatch(In):
    items: list[MentionIn] = Field(min_length=1, max_length=MAX_BATCH)


class Created(Schema):
    id: int
    idempotency_key: uuid.UUID
    created: bool = Field(description="False when the key was stored before (a replay).")


class BatchCreated(Schema):
    items: list[Created]
    created: int
    existing: int


class ErrorItem(Schema):
    index: int | None = Field(None, description="Position in the batch (0-based), if any.")
    field: str
    message: str


class Error(Schema):
    detail: str
    errors: list[ErrorItem] = []


class Question(Schema):
    key: str
    type: Literal[tuple(QuestionType.values)]
    text: str
    required: bool
    options: list[str]
    scale: list[int] = Field(description="Allowed scores of a scale question, else empty.")


class SurveyVersionOut(Schema):
    id: int
    number: int
    title: str
    questions: list[Question]


class TouchpointOut(Schema):
    id: int
    public_code: str
    name: str
    channel: str
    stage: str
    journey: str
    centre: str | None = Field(description="Centre code; null for a region-wide journey.")
    public_survey_url: str
    survey_version: SurveyVersionOut | None


class FeedbackOut(Schema):
    id: int
    idempotency_key: uuid.UUID
    region: str
    centre: str | None
    touchpoint: str | None
    channel: str
    text: str
    rating: int | None
    author_name_public: str
    received_at: dt.datetime
    status: str


class FeedbackPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[FeedbackOut]


class FeedbackFilters(Schema):
    since: Moment | None = None
    until: Moment | None = None
    centre: UnitCode | None = None
    status: FeedbackStatusIn | None = None
    limit: Annotated[int, Field(ge=1, le=500)] = 100
    offset: Annotated[int, Field(ge=0, le=10_000_000)] = 0
