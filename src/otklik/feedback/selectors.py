"""Reads of surveys and responses that respect the user's scope (see ``org.access``)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import RECOMMENDED_MAX_QUESTIONS, QuestionType, ResponseStatus
from otklik.feedback.models import Question, Response, Survey, SurveyVersion
from otklik.feedback.surveys import scale_choices, snapshot_questions
from otklik.journeys.audit_display import action_label, field_changes
from otklik.journeys.models import Touchpoint
from otklik.journeys.selectors import journeys_for
from otklik.org import access
from otklik.org.roles import Role

# Why an answer was held for review (``feedback.abuse.suspicion``), as staff read it.
FLAG_LABELS = {
    "honeypot": _("A hidden field was filled in (likely a bot)"),
    "too_fast": _("Answered faster than a person can"),
    "no_start_time": _("The form's start time is missing or forged"),
}


def flag_label(code: str) -> str:
    return str(FLAG_LABELS.get(code, code))


def too_many_questions(count: int) -> bool:
    return count > RECOMMENDED_MAX_QUESTIONS


# Surveys


def surveys_for(user) -> QuerySet[Survey]:
    """Surveys of the user's units; region-wide surveys for everyone in the region."""
    return Survey.objects.filter(access.in_scope_q(access.scope_for(user)))


def can_edit_survey(user, survey: Survey) -> bool:
    """Directors and regional administrators of its unit, and a team lead of that unit
    whose own journey's touchpoints the survey is attached to."""
    scope = access.scope_for(user)
    if access.can_edit_model(scope, survey):
        return True
    if Role.TEAM_LEAD not in scope.roles_at(survey.region_id, survey.centre_id):
        return False
    return survey.touchpoints.filter(stage__journey__team_lead=user).exists()


def access_survey(user, pk: int, *, edit: bool = False) -> Survey:
    """The survey if the user may see it (404 otherwise) and, with ``edit``, change it (403)."""
    survey = surveys_for(user).filter(pk=pk).select_related("region", "centre").first()
    if survey is None:
        raise Http404
    if edit and not can_edit_survey(user, survey):
        raise PermissionDenied
    return survey


def access_question(survey: Survey, pk: int) -> Question:
    question = survey.questions.filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def working_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("order", "pk"))


def has_unpublished_changes(survey: Survey, questions: list[Question]) -> bool:
    """Whether the working copy differs from what citizens are answering now."""
    current = survey.current_version
    if current is None:
        return bool(questions)
    content = (survey.title, survey.intro, survey.thanks, snapshot_questions(questions))
    return (current.title, current.intro, current.thanks, current.questions) != content


def versions_with_counts(survey: Survey) -> list[SurveyVersion]:
    """The survey's versions, newest first, each with its responses counted by status."""
    versions = list(survey.versions.select_related("published_by").order_by("-number"))
    rows = (
        Response.objects.filter(survey_version__survey=survey)
        .order_by()
        .values("survey_version_id", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["survey_version_id"], {})[row["status"]] = row["n"]
    for version in versions:
        by_status = counts.get(version.pk, {})
        version.counted = by_status.get(ResponseStatus.ACCEPTED, 0)
        version.flagged = by_status.get(ResponseStatus.FLAGGED, 0)
        version.rejected = by_status.get(ResponseStatus.REJECTED, 0)
        version.total = version.counted + version.flagged + version.rejected
    return versions


def attachable_touchpoints(user, survey: Survey) -> QuerySet[Touchpoint]:
    """Touchpoints the user may attach this survey to: those of journeys in their scope
    that belong to the survey's unit (or a centre of its region); a team lead who is not a
    director gets only the journeys they lead."""
    journeys = journeys_for(user).filter(region_id=survey.region_id)
    if survey.centre_id:
        journeys = journeys.filter(centre_id=survey.centre_id)
    if not access.can_edit_model(access.scope_for(user), survey):
        journeys = journeys.filter(team_lead=user)
    return (
        Touchpoint.objects.filter(stage__journey__in=journeys)
        .select_related("stage__journey")
        .order_by(
            "stage__journey__title",
            "stage__journey__pk",
            "stage__order",
            "stage__pk",
            "order",
            "pk",
        )
    )


def group_touchpoints(touchpoints) -> list[dict]:
    """Touchpoints grouped by journey and stage, in map order, for a readable list."""
    journeys: list[dict] = []
    for tp in touchpoints:
        stage, journey = tp.stage, tp.stage.journey
        if not journeys or journeys[-1]["journey"].pk != journey.pk:
            journeys.append({"journey": journey, "stages": []})
        stages = journeys[-1]["stages"]
        if not stages or stages[-1]["stage"].pk != stage.pk:
            stages.append({"stage": stage, "touchpoints": []})
        stages[-1]["touchpoints"].append(tp)
    return journeys


def attached_touchpoints(survey: Survey) -> list[Touchpoint]:
    """The survey's touchpoints in map order, each with ``shown``: the survey its public
    page serves (the newest active published one attached there)."""
    serving = (
        Survey.objects.filter(is_active=True, versions__isnull=False)
        .distinct()
        .order_by("-created_at")
    )
    touchpoints = list(
        survey.touchpoints.select_related("stage__journey")
        .prefetch_related(Prefetch("surveys", queryset=serving, to_attr="serving"))
        .order_by(
            "stage__journey__title",
            "stage__journey__pk",
            "stage__order",
            "stage__pk",
            "order",
            "pk",
        )
    )
    for tp in touchpoints:
        tp.shown = tp.serving[0] if tp.serving else None
    return touchpoints


def other_surveys_at(touchpoints, survey: Survey) -> dict[int, list[str]]:
    """For each touchpoint, the titles of the other surveys attached to it."""
    found: dict[int, list[str]] = {}
    through = Survey.touchpoints.through.objects.filter(
        touchpoint_id__in=[tp.pk for tp in touchpoints]
    ).exclude(survey_id=survey.pk)
    for tp_id, title in through.values_list("touchpoint_id", "survey__title"):
        found.setdefault(tp_id, []).append(title)
    return found


def survey_audit(survey: Survey, limit: int = 30) -> list[LogEntry]:
    """The survey's own audit entries and those of its questions, deleted ones too."""
    condition = Q(
        content_type=ContentType.objects.get_for_model(Survey), object_pk=str(survey.pk)
    ) | Q(
        content_type=ContentType.objects.get_for_model(Question),
        additional_data__survey_id=survey.pk,
    )
    entries = list(
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    for entry in entries:
        model = entry.content_type.model_class()
        entry.model_name = model._meta.verbose_name if model else entry.content_type.model
        entry.action_label = action_label(entry)
        entry.field_changes = field_changes(entry) if model else []
    return entries


def question_rows(questions: list[dict]) -> list[dict]:
    """Frozen questions with the answer options a citizen sees, for reading a version."""
    rows = []
    for question in questions:
        options = [label for _value, label in scale_choices(question)] or question["options"]
        rows.append(
            {**question, "choices": options, "type_label": QuestionType(question["type"]).label}
        )
    return rows


# Suspicious responses


def flagged_for(user) -> QuerySet[Response]:
    """Responses held for review in the user's scope, newest first."""
    return (
        Response.objects.filter(
            access.in_scope_q(access.scope_for(user)), status=ResponseStatus.FLAGGED
        )
        .select_related(
            "touchpoint__stage", "journey", "centre", "region", "survey_version__survey"
        )
        .prefetch_related("answers")
        .order_by("-submitted_at", "-pk")
    )


def access_response(user, pk: int, *, decide: bool = False) -> Response:
    """A response in the user's scope (404 otherwise); ``decide`` needs a model editor (403)."""
    response = (
        Response.objects.filter(access.in_scope_q(access.scope_for(user)), pk=pk)
        .select_related("survey_version")
        .first()
    )
    if response is None:
        raise Http404
    if decide and not access.can_edit_model(access.scope_for(user), response):
        raise PermissionDenied
    return response


def can_decide(user, response: Response) -> bool:
    return access.can_edit_model(access.scope_for(user), response)


def readable_answers(response: Response) -> list[dict]:
    """The answers of a response with their question's wording in the version answered."""
    questions = {q["key"]: q for q in response.survey_version.questions}
    order = {key: index for index, key in enumerate(questions)}
    rows = []
    for answer in sorted(response.answers.all(), key=lambda a: order.get(a.question_key, 999)):
        question = questions.get(answer.question_key)
        if answer.text:
            value = answer.text
        elif answer.choices:
            value = "; ".join(answer.choices)
        elif answer.score is not None:
            labels = dict(scale_choices(question)) if question else {}
            label = str(labels.get(answer.score, answer.score))
            score = str(answer.score)
            value = label if label.startswith(score) else f"{score} — {label}"
        else:
            value = ""
        rows.append(
            {
                "question": question["text"] if question else answer.question_key,
                "type": answer.get_type_display(),
                "value": value,
                "is_text": bool(answer.text),
            }
        )
    return rows
