"""Actions on surveys and responses. Each runs in one transaction."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.feedback.choices import ResponseChannel, ResponseStatus
from otklik.feedback.models import Answer, Response, Survey, SurveyVersion
from otklik.feedback.surveys import snapshot_questions
from otklik.journeys.models import Touchpoint
from otklik.metrics import rollups


class NothingToPublish(Exception):
    """The survey's questions are the same as in its current version."""


@transaction.atomic
def do_publish_survey(survey: Survey, user) -> SurveyVersion:
    """Freeze the working copy into the next version; earlier answers keep theirs."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    questions = snapshot_questions(survey.questions.order_by("order", "pk"))
    if not questions:
        raise NothingToPublish(_("Add at least one question before publishing."))
    current = survey.current_version
    content = (survey.title, survey.intro, survey.thanks, questions)
    if current and (current.title, current.intro, current.thanks, current.questions) == content:
        raise NothingToPublish(
            _("Nothing has changed since version %(number)s.") % {"number": current.number}
        )
    number = (survey.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return SurveyVersion.objects.create(
        survey=survey,
        number=number,
        title=survey.title,
        intro=survey.intro,
        thanks=survey.thanks,
        questions=questions,
        published_by=user,
    )


def survey_for(touchpoint: Touchpoint) -> SurveyVersion | None:
    """The version citizens answer at a touchpoint: its newest active, published survey."""
    # One query on the submission path: the newest version of the newest survey.
    return (
        SurveyVersion.objects.filter(survey__touchpoints=touchpoint, survey__is_active=True)
        .order_by("-survey__created_at", "-survey__pk", "-number")
        .first()
    )


@dataclass(frozen=True)
class Submission:
    response: Response
    created: bool  # False: the same idempotency key was already stored


def do_submit_response(
    *,
    touchpoint: Touchpoint,
    version: SurveyVersion,
    answers: list[dict],
    channel: str,
    idempotency_key: uuid.UUID,
    fill_seconds: int | None = None,
    flags: list[str] | None = None,
    respondent_key: str = "",
    invitation=None,
) -> Submission:
    """Store one questionnaire exactly once.

    The response and its answers are written in one transaction before the caller
    thanks the citizen; the same idempotency key (a retried or doubled submit) returns
    the stored response instead of counting it twice. Flagged answers are kept and left
    out of the metrics until a person reviews them.
    """
    if channel not in ResponseChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    journey = touchpoint.stage.journey
    try:
        with transaction.atomic():
            response = Response.objects.create(
                idempotency_key=idempotency_key,
                survey_version=version,
                touchpoint=touchpoint,
                journey=journey,
                region_id=journey.region_id,
                centre_id=journey.centre_id,
                segment_id=journey.segment_id,
                channel=channel,
                submitted_at=timezone.now(),
                fill_seconds=fill_seconds,
                respondent_key=respondent_key,
                invitation=invitation,
                status=ResponseStatus.FLAGGED if flags else ResponseStatus.ACCEPTED,
                flags=flags or [],
            )
            Answer.objects.bulk_create(Answer(response=response, **row) for row in answers)
            if response.status == ResponseStatus.ACCEPTED:
                rollups.record(rollups.SURVEYS, [response.pk])
    except IntegrityError:
        # The key is stored already (a retry, or a concurrent one that won): that is the answer.
        existing = Response.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(response, created=True)
