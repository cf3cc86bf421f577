"""The one place where an incoming record becomes a fact (I1, I2).

Imports (``otklik.imports``) use it today, the REST API will use it tomorrow: a record is
first *validated* (:meth:`Ingest.validate` → a cleaned dict, or row errors), then
*stored* in batches (:func:`store`) exactly once. Every cleaned record carries a
deterministic idempotency key, so the same record sent twice — a re-imported file, a
retried API call — is stored once:

- with an id in the source: uuid5 over kind, source name and that id;
- mentions with an address: uuid5 over platform and address (the same post from two
  feeds is one mention);
- otherwise: uuid5 over the normalised content of the record plus the number of earlier
  identical records in the same file (two identical paper questionnaires are two answers,
  the same file imported again is none).

Row errors are dicts ``{"row", "field", "column", "message", "params"}`` where ``message``
is an English msgid (translated by :func:`render_error` in the reader's language), so they
can be stored as JSON and shown in Russian or English later.
"""

import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models as dj_models
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import (
    MAX_FEEDBACK_TEXT,
    FeedbackChannel,
    FeedbackStatus,
    InteractionChannel,
    MentionPlatform,
    QuestionType,
    ResponseChannel,
    ResponseStatus,
    Sentiment,
)
from otklik.feedback.models import Answer, FeedbackItem, Interaction, Mention, Response
from otklik.feedback.surveys import MAX_TEXT_LENGTH, scale_choices
from otklik.imports import parsing
from otklik.metrics import rollups
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

NAMESPACE = uuid.UUID("5b0f3c0e-6f4e-4b8e-9a57-0f7c1d1f0a11")


class Kind(dj_models.TextChoices):
    FEEDBACK = "feedback", _("Feedback items (reviews, complaints, letters)")
    INTERACTIONS = "interactions", _("Interactions (contact centre, e-mail, chat)")
    MENTIONS = "mentions", _("Mentions (social media, review sites)")
    PAPER_RESPONSES = "paper_responses", _("Paper questionnaires")


# Row errors (msgids; Russian in the catalogue).
E_REQUIRED = gettext_noop("Row %(row)s: «%(field)s» is empty, but it is required.")
E_DATE = gettext_noop(
    "Row %(row)s: the date «%(value)s» in «%(field)s» is not a date "
    "(expected ДД.ММ.ГГГГ or ДД.ММ.ГГГГ ЧЧ:ММ)."
)
E_INT = gettext_noop("Row %(row)s: «%(value)s» in «%(field)s» is not a whole number.")
E_RANGE = gettext_noop("Row %(row)s: «%(value)s» in «%(field)s» must be from %(min)s to %(max)s.")
E_BOOL = gettext_noop(
    "Row %(row)s: «%(value)s» in «%(field)s» is not yes or no (expected да/нет, 1/0, +/-)."
)
E_CHOICE = gettext_noop(
    "Row %(row)s: «%(value)s» in «%(field)s» is not one of the allowed values: %(choices)s."
)
E_TOO_LONG = gettext_noop("Row %(row)s: «%(field)s» is longer than %(max)s characters.")
E_CENTRE = gettext_noop(
    "Row %(row)s: there is no employment centre «%(value)s» in the region "
    "(give its code or its exact name)."
)
E_CENTRE_OTHER = gettext_noop(
    "Row %(row)s: the centre «%(value)s» is not «%(centre)s», the centre this source imports for."
)
E_TOUCHPOINT = gettext_noop(
    "Row %(row)s: there is no touchpoint with the code «%(value)s» in the region."
)
E_TOUCHPOINT_CENTRE = gettext_noop(
    "Row %(row)s: the touchpoint «%(value)s» belongs to another employment centre."
)
E_TOUCHPOINT_SURVEY = gettext_noop(
    "Row %(row)s: the survey «%(survey)s» is not asked at the touchpoint «%(value)s»."
)
E_TIME_ORDER = gettext_noop(
    "Row %(row)s: «%(field)s» (%(value)s) is earlier than the interaction opened (%(opened)s)."
)
E_FCR = gettext_noop(
    "Row %(row)s: the interaction is resolved at first contact, "
    "yet marked as not resolvable at first contact."
)
E_URL = gettext_noop("Row %(row)s: «%(value)s» is not a web address (http://… or https://…).")
E_ANSWER = gettext_noop(
    "Row %(row)s: «%(value)s» is not an allowed answer to «%(field)s» (allowed: %(choices)s)."
)
E_DUPLICATE = gettext_noop(
    "Row %(row)s: «%(value)s» in «%(field)s» already appears in row %(other)s of this file."
)
E_NO_CENTRE = gettext_noop(
    "Row %(row)s: the employment centre is not given and the source has no default centre."
)


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # a lazy string, or the text of a survey question
    required: bool = False


COMMON = [
    Field("external_id", _("id in the source")),
    Field("centre", _("employment centre (code or name)")),
    Field("touchpoint", _("touchpoint (public code)")),
]
FIELDS: dict[str, list[Field]] = {
    Kind.FEEDBACK: [
        *COMMON,
        Field("channel", _("channel")),
        Field("received_at", _("received"), required=True),
        Field("text", _("text"), required=True),
        Field("rating", _("rating 1–5")),
        Field("author_name_public", _("author's first name")),
    ],
    Kind.INTERACTIONS: [
        *COMMON,
        Field("channel", _("channel")),
        Field("opened_at", _("opened"), required=True),
        Field("first_response_at", _("first response")),
        Field("resolved_at", _("resolved")),
        Field("replies", _("number of replies")),
        Field("escalated", _("escalated")),
        Field("resolved_first_contact", _("resolved at first contact")),
        Field("resolvable_first_contact", _("resolvable at first contact")),
    ],
    Kind.MENTIONS: [
        Field("centre", _("employment centre (code or name)")),
        Field("platform", _("platform")),
        Field("url", _("address")),
        Field("published_at", _("published"), required=True),
        Field("text", _("text"), required=True),
        Field("stars", _("stars 1–5")),
        Field("sentiment", _("sentiment")),
    ],
    Kind.PAPER_RESPONSES: [
        Field("external_id", _("questionnaire number")),
        Field("touchpoint", _("touchpoint (public code)"), required=True),
        Field("submitted_at", _("filled in"), required=True),
    ],
}
# Channel-like fields that a source may give a default for.
CHOICE_FIELD = {
    Kind.FEEDBACK: ("channel", FeedbackChannel),
    Kind.INTERACTIONS: ("channel", InteractionChannel),
    Kind.MENTIONS: ("platform", MentionPlatform),
}
# Imports may not create wall reviews: they are the citizens' own, pre-moderated channel.
NOT_IMPORTABLE = {FeedbackChannel.WALL}

SYNONYMS = {
    InteractionChannel: {
        "телефон": "phone",
        "звонок": "phone",
        "контакт-центр": "phone",
        "кц": "phone",
        "почта": "email",
        "e-mail": "email",
        "эл. почта": "email",
        "электронная почта": "email",
        "чат": "chat",
        "соцсеть": "social",
        "мессенджер": "messenger",
        "рис": "regional_system",
        "офис": "office",
        "цзн": "office",
    },
    FeedbackChannel: {
        "книга жалоб": "complaint_book",
        "книга жалоб и предложений": "complaint_book",
        "письмо": "letter",
        "почта": "email",
        "e-mail": "email",
        "соцсеть": "social",
        "контакт-центр": "contact_centre",
        "экзит-пул": "exit_poll",
        "опрос на выходе": "exit_poll",
        "тайный покупатель": "mystery_shopper",
        "сайт отзывов": "review_site",
    },
    MentionPlatform: {
        "вк": "vk",
        "вконтакте": "vk",
        "телеграм": "telegram",
        "одноклассники": "ok",
        "2гис": "2gis",
        "яндекс карты": "yandex_maps",
        "яндекс.карты": "yandex_maps",
        "сми": "news",
        "новости": "news",
        "форум": "forum",
        "блог": "forum",
    },
    Sentiment: {
        "позитив": "positive",
        "позитивная": "positive",
        "положительная": "positive",
        "+": "positive",
        "нейтральная": "neutral",
        "нейтрально": "neutral",
        "0": "neutral",
        "негатив": "negative",
        "негативная": "negative",
        "отрицательная": "negative",
        "-": "negative",
    },
}


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower().replace("ё", "е"))


def choice_map(choices) -> dict[str, str]:
    """Accepted spellings of a choice → its code: the code, both labels, synonyms."""
    found: dict[str, str] = {}
    for code, label in choices.choices:
        found[_norm(code)] = code
        for language in ("ru", "en"):
            with translation.override(language):
                found[_norm(str(label))] = code
    for spelling, code in SYNONYMS.get(choices, {}).items():
        found.setdefault(_norm(spelling), code)
    return found


def fields_for(kind: str, survey_version=None) -> list[Field]:
    fields = list(FIELDS[kind])
    if kind == Kind.PAPER_RESPONSES and survey_version is not None:
        fields += [
            Field(f"q:{question['key']}", question["text"], required=question.get("required"))
            for question in survey_version.questions
        ]
    return fields


def render_error(error: dict) -> str:
    """The error in the active language."""
    params = dict(error.get("params") or {})
    params["row"] = error.get("row", "")
    field = error.get("field", "")
    label = error.get("column") or _field_label(field)
    params["field"] = label
    return gettext(error["message"]) % params


def _field_label(name: str) -> str:
    for fields in FIELDS.values():
        for field in fields:
            if field.name == name:
                return str(field.label)
    return name


def _key(*parts) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "\x1f".join(str(part) for part in parts))


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class Ingest:
    """Validates records of one kind for one source (region, optional centre).

    Keeps small caches (centres, touchpoints) and the counter of identical records that
    the content keys need; make one per file (or per API request).
    """

    def __init__(
        self,
        *,
        kind: str,
        region: Unit,
        centre: Unit | None = None,
        source_name: str = "",
        default_choice: str = "",
        date_hint: str = "",
        survey_version=None,
    ):
        self.kind = kind
        self.region = region
        self.centre = centre
        self.source_name = source_name
        self.default_choice = default_choice
        self.date_hint = date_hint
        self.survey_version = survey_version
        self.fields = fields_for(kind, survey_version)
        self._centres: dict[str, int] | None = None
        self._touchpoints: dict[str, tuple | None] = {}
        self._occurrences: dict[int, int] = {}
        self._choices = {
            cls: choice_map(cls)
            for cls in (FeedbackChannel, InteractionChannel, MentionPlatform, Sentiment)
        }
        self._urls: dict[tuple[str, str], int] = {}

    # Lookups

    def _centre_id(self, value: str) -> int | None:
        if self._centres is None:
            self._centres = {}
            for pk, code, name in Unit.objects.filter(
                region=self.region, kind=UnitKind.CENTRE
            ).values_list("pk", "code", "name"):
                self._centres[_norm(code)] = pk
                self._centres.setdefault(_norm(name), pk)
        return self._centres.get(_norm(value))

    def _touchpoint(self, code: str) -> tuple | None:
        """(touchpoint id, journey id, journey centre id, segment id, attached to the
        survey) for a touchpoint of this region, or None."""
        code = code.strip().upper()
        if code not in self._touchpoints:
            from otklik.journeys.models import Touchpoint

            found = (
                Touchpoint.objects.filter(
                    public_code__iexact=code, stage__journey__region=self.region
                )
                .values_list(
                    "pk",
                    "stage__journey_id",
                    "stage__journey__centre_id",
                    "stage__journey__segment_id",
                )
                .first()
            )
            if found:
                attached = (
                    self.survey_version is not None
                    and self.survey_version.survey.touchpoints.filter(pk=found[0]).exists()
                )
                found = (*found, attached)
            self._touchpoints[code] = found
        return self._touchpoints[code]

    # Validation

    def validate(self, row: int, raw: dict, columns: dict | None = None) -> tuple[dict, list]:
        """Clean one record given as {field name: raw value}.

        Returns (cleaned, errors); ``cleaned`` is complete only when ``errors`` is empty.
        ``columns`` maps field names to the file's headers, to name them in errors.
        """
        columns = columns or {}
        errors: list[dict] = []

        def error(field: str, message: str, **params) -> None:
            errors.append(
                {
                    "row": row,
                    "field": field,
                    "column": columns.get(field, ""),
                    "message": message,
                    "params": {k: str(v) for k, v in params.items()},
                }
            )

        value = {name: raw.get(name) for name in (f.name for f in self.fields)}
        for field in self.fields:
            required = field.required and not field.name.startswith("q:")
            if required and not parsing.text(value[field.name]):
                error(field.name, E_REQUIRED)
        if errors:
            return {}, errors

        def date(name: str):
            item = value.get(name)
            if item is None or parsing.text(item) == "":
                return None
            parsed = parsing.parse_datetime(item, self.date_hint)
            if parsed is None:
                error(name, E_DATE, value=parsing.text(item))
            return parsed

        def integer(name: str, low: int, high: int | None):
            item = value.get(name)
            if parsing.text(item) == "":
                return None
            number = parsing.parse_int(item)
            if number is None:
                error(name, E_INT, value=parsing.text(item))
            elif number < low or (high is not None and number > high):
                error(name, E_RANGE, value=number, min=low, max=high if high is not None else "…")
                return None
            return number

        def boolean(name: str, default: bool):
            item = value.get(name)
            if parsing.text(item) == "":
                return default
            parsed = parsing.parse_bool(item)
            if parsed is None:
                error(name, E_BOOL, value=parsing.text(item))
                return default
            return parsed

        def choice(name: str, cls, default: str = ""):
            item = parsing.text(value.get(name)) or default
            if not item:
                return ""
            code = self._choices[cls].get(_norm(item))
            if code is None or code in NOT_IMPORTABLE:
                allowed = ", ".join(
                    str(label) for c, label in cls.choices if c not in NOT_IMPORTABLE
                )
                error(name, E_CHOICE, value=item, choices=allowed)
                return ""
            return code

        def short_text(name: str, limit: int) -> str:
            item = parsing.text(value.get(name))
            if len(item) > limit:
                error(name, E_TOO_LONG, max=limit)
            return item

        cleaned: dict = {"region_id": self.region.pk}

        # Where: centre and touchpoint
        centre_id = self.centre.pk if self.centre else None
        if "centre" in value:
            given = parsing.text(value.get("centre"))
            if given:
                found = self._centre_id(given)
                if found is None:
                    error("centre", E_CENTRE, value=given)
                elif self.centre and found != self.centre.pk:
                    error("centre", E_CENTRE_OTHER, value=given, centre=self.centre.name)
                else:
                    centre_id = found
        touchpoint_id = journey_id = segment_id = None
        if "touchpoint" in value:
            code = parsing.text(value.get("touchpoint"))
            if code:
                found = self._touchpoint(code)
                if found is None:
                    error("touchpoint", E_TOUCHPOINT, value=code)
                else:
                    touchpoint_id, journey_id, journey_centre, segment_id = found[:4]
                    if journey_centre is not None:
                        if centre_id is not None and centre_id != journey_centre:
                            error("touchpoint", E_TOUCHPOINT_CENTRE, value=code)
                        centre_id = journey_centre
                    if self.survey_version is not None and not found[4]:
                        error(
                            "touchpoint",
                            E_TOUCHPOINT_SURVEY,
                            value=code,
                            survey=self.survey_version.title,
                        )
        cleaned["centre_id"] = centre_id
        external_id = short_text("external_id", 100) if "external_id" in value else ""

        if self.kind == Kind.FEEDBACK:
            cleaned.update(
                touchpoint_id=touchpoint_id,
                channel=choice("channel", FeedbackChannel, self.default_choice),
                received_at=date("received_at"),
                text=short_text("text", MAX_FEEDBACK_TEXT),
                rating=integer("rating", 1, 5),
                author_name_public=short_text("author_name_public", 40),
            )
            if not cleaned["channel"] and not any(e["field"] == "channel" for e in errors):
                error("channel", E_REQUIRED)
        elif self.kind == Kind.INTERACTIONS:
            opened = date("opened_at")
            cleaned.update(
                source=self.source_name[:100],
                external_id=external_id,
                touchpoint_id=touchpoint_id,
                channel=choice("channel", InteractionChannel, self.default_choice),
                opened_at=opened,
                first_response_at=date("first_response_at"),
                resolved_at=date("resolved_at"),
                replies=integer("replies", 0, None) or 0,
                escalated=boolean("escalated", False),
                resolved_first_contact=boolean("resolved_first_contact", False),
                resolvable_first_contact=boolean("resolvable_first_contact", True),
            )
            if not cleaned["channel"] and not any(e["field"] == "channel" for e in errors):
                error("channel", E_REQUIRED)
            if opened:
                for name in ("first_response_at", "resolved_at"):
                    moment = cleaned[name]
                    if moment and moment < opened:
                        error(
                            name,
                            E_TIME_ORDER,
                            value=parsing.text(value.get(name)),
                            opened=parsing.text(value.get("opened_at")),
                        )
            if cleaned["resolved_first_contact"] and not cleaned["resolvable_first_contact"]:
                error("resolved_first_contact", E_FCR)
        elif self.kind == Kind.MENTIONS:
            url = short_text("url", 1000)
            if url and not re.match(r"^https?://\S+$", url, re.IGNORECASE):
                error("url", E_URL, value=url)
            cleaned.update(
                platform=choice("platform", MentionPlatform, self.default_choice),
                url=url,
                published_at=date("published_at"),
                text=short_text("text", MAX_FEEDBACK_TEXT),
                stars=integer("stars", 1, 5),
                sentiment=choice("sentiment", Sentiment),
            )
            if not cleaned["platform"] and not any(e["field"] == "platform" for e in errors):
                error("platform", E_REQUIRED)
            if url and cleaned["platform"]:
                first = self._urls.setdefault((cleaned["platform"], url), row)
                if first != row:
                    error("url", E_DUPLICATE, value=url, other=first)
        elif self.kind == Kind.PAPER_RESPONSES:
            cleaned.update(
                survey_version_id=self.survey_version.pk if self.survey_version else None,
                touchpoint_id=touchpoint_id,
                journey_id=journey_id,
                segment_id=segment_id,
                submitted_at=date("submitted_at"),
                answers=self._answers(value, error),
            )

        if errors:
            return {}, errors
        cleaned["idempotency_key"] = self.key_for(cleaned, external_id)
        return cleaned, []

    def _answers(self, value: dict, error) -> list[dict]:
        if self.survey_version is None:
            return []
        answers = []
        for question in self.survey_version.questions:
            name = f"q:{question['key']}"
            item = parsing.text(value.get(name))
            kind = question["type"]
            label = {"label": question["text"]}
            if not item:
                if question.get("required"):
                    error(name, E_REQUIRED, **label)
                continue
            row = {"question_key": question["key"], "type": kind}
            if kind in (QuestionType.NPS, QuestionType.RATING, QuestionType.CSAT, QuestionType.CES):
                allowed = scale_choices(question)
                by_label = {_norm(str(text)): score for score, text in allowed}
                score = parsing.parse_int(item)
                if score is None:
                    score = by_label.get(_norm(item))
                if score not in {s for s, _label in allowed}:
                    scores = sorted(s for s, _label in allowed)
                    error(name, E_ANSWER, value=item, choices=f"{scores[0]}–{scores[-1]}", **label)
                    continue
                row["score"] = score
                if kind == QuestionType.CES:
                    row["scale_points"] = question.get("scale_points") or 5
            elif kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
                options = question.get("options") or []
                by_text = {_norm(option): option for option in options}
                parts = [item] if kind == QuestionType.SINGLE else re.split(r"[|;\n]", item)
                chosen = []
                for part in (p.strip() for p in parts if p.strip()):
                    number = parsing.parse_int(part)
                    if number is not None and 1 <= number <= len(options):
                        chosen.append(options[number - 1])
                    elif _norm(part) in by_text:
                        chosen.append(by_text[_norm(part)])
                    else:
                        error(name, E_ANSWER, value=part, choices="; ".join(options), **label)
                row["choices"] = chosen
            else:
                if len(item) > MAX_TEXT_LENGTH:
                    error(name, E_TOO_LONG, max=MAX_TEXT_LENGTH, **label)
                row["text"] = item
            answers.append(row)
        return answers

    def key_for(self, cleaned: dict, external_id: str = "") -> uuid.UUID:
        if external_id:
            return _key(self.kind, self.source_name, external_id)
        if self.kind == Kind.MENTIONS and cleaned.get("url"):
            return _key("mention", cleaned["platform"], cleaned["url"])
        content = json.dumps(
            {k: _jsonable(v) for k, v in cleaned.items()}, sort_keys=True, ensure_ascii=False
        )
        digest = hashlib.blake2b(content.encode(), digest_size=8).digest()
        number = int.from_bytes(digest, "big")
        occurrence = self._occurrences.get(number, 0)
        self._occurrences[number] = occurrence + 1
        return _key(self.kind, self.source_name, content, occurrence)


MODELS = {
    Kind.FEEDBACK: FeedbackItem,
    Kind.INTERACTIONS: Interaction,
    Kind.MENTIONS: Mention,
    Kind.PAPER_RESPONSES: Response,
}


def existing_keys(kind: str, records: list[dict]) -> set:
    """Idempotency keys of these records that are already stored (or would clash)."""
    model = MODELS[kind]
    keys = [record["idempotency_key"] for record in records]
    found = set(
        model.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    if kind == Kind.INTERACTIONS:
        ids = {
            (r["source"], r["external_id"]): r["idempotency_key"]
            for r in records
            if r["external_id"]
        }
        if ids:
            sources = {source for source, _id in ids}
            # ``exclude(external_id="")`` lets PostgreSQL use the partial unique index.
            candidates = Interaction.objects.filter(
                source__in=sources, external_id__in=[i for _s, i in ids]
            ).exclude(external_id="")
            for pair in candidates.values_list("source", "external_id"):
                if pair in ids:
                    found.add(ids[pair])
    elif kind == Kind.MENTIONS:
        urls = {(r["platform"], r["url"]): r["idempotency_key"] for r in records if r["url"]}
        if urls:
            for pair in Mention.objects.filter(url__in=[u for _p, u in urls]).values_list(
                "platform", "url"
            ):
                if pair in urls:
                    found.add(urls[pair])
    return found


def new_records(kind: str, records: list[dict]) -> list[dict]:
    """The records not stored yet, each once."""
    stored = existing_keys(kind, records)
    fresh, seen = [], set()
    for record in records:
        key = record["idempotency_key"]
        if key in stored or key in seen:
            continue
        seen.add(key)
        fresh.append(record)
    return fresh


def store(kind: str, records: Iterable[dict]) -> int:
    """Store validated records once; returns how many were new. One transaction."""
    records = list(records)
    if not records:
        return 0
    with transaction.atomic():
        fresh = new_records(kind, records)
        if not fresh:
            return 0
        if kind == Kind.FEEDBACK:
            FeedbackItem.objects.bulk_create(
                FeedbackItem(status=FeedbackStatus.NEW, **record) for record in fresh
            )
        elif kind == Kind.INTERACTIONS:
            interactions = [Interaction(**record) for record in fresh]
            for interaction in interactions:
                interaction.derive()
            _record(rollups.INTERACTIONS, Interaction.objects.bulk_create(interactions))
        elif kind == Kind.MENTIONS:
            mentions = Mention.objects.bulk_create(Mention(**record) for record in fresh)
            _record(rollups.MENTIONS, mentions)
        elif kind == Kind.PAPER_RESPONSES:
            _record(rollups.SURVEYS, _store_responses(fresh))
    return len(fresh)


def _record(family: str, stored: list) -> None:
    """Add stored facts to the metrics' rollups, in the transaction that stored them."""
    rollups.record(family, [obj.pk for obj in _with_pks(stored)])


def _with_pks(stored: list) -> list:
    """Bulk-created rows with their primary keys (a backend without RETURNING gives none)."""
    if any(obj.pk is None for obj in stored):
        by_key = dict(
            type(stored[0])
            .objects.filter(idempotency_key__in=[obj.idempotency_key for obj in stored])
            .values_list("idempotency_key", "pk")
        )
        for obj in stored:
            obj.pk = by_key[obj.idempotency_key]
    return stored


def _store_responses(records: list[dict]) -> list[Response]:
    """Paper questionnaires: responses on the paper channel, then their answers."""
    responses = []
    for record in records:
        fields = {k: v for k, v in record.items() if k != "answers"}
        responses.append(
            Response(channel=ResponseChannel.PAPER, status=ResponseStatus.ACCEPTED, **fields)
        )
    created = Response.objects.bulk_create(responses)
    _with_pks(created)
    Answer.objects.bulk_create(
        Answer(response_id=response.pk, **answer)
        for response, record in zip(created, records, strict=True)
        for answer in record["answers"]
    )
    return created
