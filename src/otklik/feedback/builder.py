"""Staff actions on a survey's working copy and on suspicious answers.

Each action runs in one transaction and locks the survey row, so two people editing the
same survey at once never leave its questions half-reordered. Published versions are
never touched here: they are frozen JSON (see ``services.do_publish_survey``).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from otklik.feedback.choices import ResponseStatus
from otklik.feedback.models import Question, Response, Survey
from otklik.feedback.surveys import TEMPLATES
from otklik.metrics import rollups
from otklik.ordering import move, renumber

# A hard limit well above the recommended 3–5, against runaway forms.
MAX_QUESTIONS = 30


class BuilderError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _ordered(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("order", "pk"))


def _check_room(survey: Survey) -> None:
    if survey.questions.count() >= MAX_QUESTIONS:
        raise BuilderError(_("A survey can have at most %(n)s questions.") % {"n": MAX_QUESTIONS})


def published_keys(survey: Survey) -> set[str]:
    """Keys of the questions that some published version contains."""
    keys = set()
    for questions in survey.versions.values_list("questions", flat=True):
        keys.update(question["key"] for question in questions)
    return keys


@transaction.atomic
def do_add_question(survey: Survey, question: Question) -> Question:
    """Append a validated, unsaved question to the end of the working copy."""
    survey = _locked(survey)
    _check_room(survey)
    question.survey = survey
    question.order = len(_ordered(survey)) + 1
    question.full_clean()
    question.save()
    return question


def question_from_template(index: int) -> Question:
    """An unsaved question with the wording of one of App. 4's ready-made questions."""
    if not 0 <= index < len(TEMPLATES):
        raise BuilderError(_("There is no such ready-made question."))
    template = TEMPLATES[index]
    return Question(
        type=template["type"],
        text=template["text"],
        scale_points=template.get("scale_points"),
    )


@transaction.atomic
def do_save_question(question: Question, *, original_type: str, original_points) -> Question:
    """Save an edited question of the working copy.

    A question that a published version contains keeps its key while its wording is
    polished; a change of its type or scale makes it a new question (a new key), so that
    answers already given are never read on a scale they were not given on.
    """
    survey = _locked(question.survey)
    rescaled = question.type != original_type or question.scale_points != original_points
    if rescaled and f"q{question.pk}" in published_keys(survey):
        old_pk, order = question.pk, question.order
        Question.objects.filter(pk=old_pk).delete()
        question.pk = None
        question.order = order
        question.save()
        return question
    question.save()
    return question


@transaction.atomic
def do_move_question(question: Question, step: int) -> None:
    """Move a question one place up (-1) or down (+1); at either end nothing happens."""
    survey = _locked(question.survey)
    questions = _ordered(survey)
    move(questions, question.pk, step)
    renumber(questions)


@transaction.atomic
def do_delete_question(question: Question) -> None:
    """Remove a question from the working copy; published versions keep it."""
    survey = _locked(question.survey)
    question.delete()
    renumber(_ordered(survey))


@transaction.atomic
def do_set_touchpoints(survey: Survey, chosen, editable) -> None:
    """Attach the chosen touchpoints among those the user may manage.

    Touchpoints the user may not manage (another team's journey) stay as they were.
    """
    survey = _locked(survey)
    editable_ids = {tp.pk for tp in editable}
    chosen_ids = {tp.pk for tp in chosen}
    if not chosen_ids <= editable_ids:
        raise BuilderError(_("Some of the chosen touchpoints are not yours to attach."))
    kept = set(survey.touchpoints.exclude(pk__in=editable_ids).values_list("pk", flat=True))
    survey.touchpoints.set(kept | chosen_ids)


class AlreadyReviewed(BuilderError):
    """Someone has decided on this response already."""


@transaction.atomic
def do_review_response(response: Response, user, *, accept: bool) -> Response:
    """Count a suspicious response after all, or reject it for good; records who decided."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != ResponseStatus.FLAGGED:
        raise AlreadyReviewed(
            _("This response has already been reviewed: %(status)s.")
            % {"status": response.get_status_display()}
        )
    response.status = ResponseStatus.ACCEPTED if accept else ResponseStatus.REJECTED
    response.reviewed_by = user
    response.save(update_fields=["status", "reviewed_by"])
    if accept:
        rollups.record(rollups.SURVEYS, [response.pk])
    return response
