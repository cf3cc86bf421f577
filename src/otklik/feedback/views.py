"""Staff pages: the survey builder (F1) and the review queue of suspicious answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otklik.feedback import builder, forms, selectors
from otklik.feedback.choices import RECOMMENDED_MAX_QUESTIONS, QuestionType
from otklik.feedback.services import NothingToPublish, do_publish_survey
from otklik.feedback.surveys import TEMPLATES, answer_form_class, snapshot_questions
from otklik.journeys.selectors import editable_units
from otklik.org import access

REVIEW_PAGE_SIZE = 25


def _back(survey, anchor: str = ""):
    url = reverse("survey_detail", args=[survey.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
def survey_list(request):
    surveys = (
        selectors.surveys_for(request.user)
        .select_related("region", "centre")
        .annotate(
            question_count=Count("questions", distinct=True),
            touchpoint_count=Count("touchpoints", distinct=True),
            version_number=Max("versions__number"),
        )
        .order_by("centre__name", "title")
    )
    return render(
        request,
        "feedback/survey_list.html",
        {
            "surveys": surveys,
            "can_create": editable_units(request.user).exists(),
            "flagged_count": selectors.flagged_for(request.user).count(),
        },
    )


@login_required
def survey_create(request):
    if not editable_units(request.user).exists():
        raise PermissionDenied
    form = forms.SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        survey = form.save()
        messages.success(
            request,
            _("The survey is created. Add its questions: App. 4's ready-made ones or your own."),
        )
        return redirect("survey_detail", pk=survey.pk)
    return render(request, "feedback/survey_form.html", {"form": form})


@login_required
def survey_edit(request, pk: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    form = forms.SurveyForm(
        request.POST or None,
        instance=survey,
        user=request.user,
        can_choose_unit=access.can_edit_model(access.scope_for(request.user), survey),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The survey is saved."))
        return redirect("survey_detail", pk=survey.pk)
    return render(request, "feedback/survey_form.html", {"form": form, "survey": survey})


@login_required
def survey_detail(request, pk: int):
    survey = selectors.access_survey(request.user, pk)
    questions = selectors.working_questions(survey)
    touchpoints = selectors.attached_touchpoints(survey)
    for tp in touchpoints:
        tp.public_url = request.build_absolute_uri(reverse("public_survey", args=[tp.public_code]))
    versions = selectors.versions_with_counts(survey)
    if versions:
        published = {question["key"] for question in versions[0].questions}
        for question in questions:
            question.is_new = f"q{question.pk}" not in published
    return render(
        request,
        "feedback/survey_detail.html",
        {
            "survey": survey,
            "questions": questions,
            "too_many": selectors.too_many_questions(len(questions)),
            "recommended_max": RECOMMENDED_MAX_QUESTIONS,
            "pending": selectors.has_unpublished_changes(survey, questions),
            "current": versions[0] if versions else None,
            "versions": versions,
            "touchpoint_groups": selectors.group_touchpoints(touchpoints),
            "can_edit": selectors.can_edit_survey(request.user, survey),
            "templates": list(enumerate(TEMPLATES)),
            "question_types": QuestionType.choices,
            "entries": selectors.survey_audit(survey),
        },
    )


# Questions


@require_POST
@login_required
def question_from_template(request, pk: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    form = forms.AddTemplateForm(request.POST, count=len(TEMPLATES))
    if not form.is_valid():
        messages.error(request, _("There is no such ready-made question."))
        return _back(survey)
    try:
        question = builder.do_add_question(
            survey, builder.question_from_template(form.cleaned_data["template"])
        )
    except builder.BuilderError as error:
        messages.error(request, str(error))
        return _back(survey)
    messages.success(request, _("The question is added; you may adapt its wording."))
    return _back(survey, f"question-{question.pk}")


@login_required
def question_create(request, pk: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    kind = request.GET.get("type", "")
    initial = {"type": kind if kind in QuestionType.values else QuestionType.RATING}
    if initial["type"] == QuestionType.CES:
        initial["scale_points"] = 5
    form = forms.QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question = builder.do_add_question(survey, form.save(commit=False))
        except builder.BuilderError as error:
            messages.error(request, str(error))
            return _back(survey)
        messages.success(request, _("The question is added."))
        return _back(survey, f"question-{question.pk}")
    return render(
        request,
        "feedback/question_form.html",
        {"form": form, "survey": survey},
        status=400 if form.errors else 200,
    )


@login_required
def question_edit(request, pk: int, question_id: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    question = selectors.access_question(survey, question_id)
    original_type, original_points = question.type, question.scale_points
    form = forms.QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        old_pk = question.pk
        saved = builder.do_save_question(
            form.instance, original_type=original_type, original_points=original_points
        )
        if saved.pk != old_pk:
            messages.info(
                request,
                _(
                    "The type or the scale changed, so this is now a new question. Answers "
                    "already given stay with the old one in the published versions."
                ),
            )
        else:
            messages.success(request, _("The question is saved."))
        return _back(survey, f"question-{saved.pk}")
    return render(
        request,
        "feedback/question_form.html",
        {
            "form": form,
            "survey": survey,
            "question": question,
            "published": f"q{question.pk}" in builder.published_keys(survey),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def question_move(request, pk: int, question_id: int, direction: str):
    survey = selectors.access_survey(request.user, pk, edit=True)
    steps = {"up": -1, "down": 1}
    if direction not in steps:
        raise Http404
    question = selectors.access_question(survey, question_id)
    builder.do_move_question(question, steps[direction])
    return _back(survey, f"question-{question.pk}")


@require_POST
@login_required
def question_delete(request, pk: int, question_id: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    question = selectors.access_question(survey, question_id)
    builder.do_delete_question(question)
    messages.success(
        request,
        _("The question «%(text)s» is removed from the working copy; published versions keep it.")
        % {"text": question.text},
    )
    return _back(survey, "questions")


# Touchpoints, preview, publishing, versions


@login_required
def survey_touchpoints(request, pk: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    editable = selectors.attachable_touchpoints(request.user, survey)
    form = forms.TouchpointsForm(
        request.POST or None,
        queryset=editable,
        initial={"touchpoints": list(survey.touchpoints.values_list("pk", flat=True))},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                builder.do_set_touchpoints(survey, form.cleaned_data["touchpoints"], editable)
            except builder.BuilderError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The touchpoints of the survey are saved."))
                return _back(survey, "touchpoints")
        else:
            for error in form.errors.get("touchpoints", []):
                messages.error(request, error)
        status = 400
    else:
        status = 200
    chosen = {str(value) for value in (form["touchpoints"].value() or [])}
    touchpoints = list(editable)
    others = selectors.other_surveys_at(touchpoints, survey)
    for tp in touchpoints:
        tp.checked = str(tp.pk) in chosen
        tp.other_surveys = others.get(tp.pk, [])
    return render(
        request,
        "feedback/survey_touchpoints.html",
        {
            "survey": survey,
            "form": form,
            "groups": selectors.group_touchpoints(touchpoints),
        },
        status=status,
    )


@login_required
def survey_preview(request, pk: int):
    survey = selectors.access_survey(request.user, pk)
    working = selectors.working_questions(survey)
    questions = snapshot_questions(working)
    return render(
        request,
        "feedback/survey_preview.html",
        {
            "survey": survey,
            "title": survey.title,
            "intro": survey.intro,
            "thanks": survey.thanks,
            "form": answer_form_class(questions)(auto_id="preview_%s"),
            "too_many": selectors.too_many_questions(len(questions)),
            "pending": selectors.has_unpublished_changes(survey, working),
        },
    )


@require_POST
@login_required
def survey_publish(request, pk: int):
    survey = selectors.access_survey(request.user, pk, edit=True)
    try:
        version = do_publish_survey(survey, request.user)
    except NothingToPublish as error:
        messages.info(request, str(error))
        return _back(survey)
    messages.success(
        request,
        _(
            "Version %(number)s is published: citizens answer it from now on. Answers "
            "given earlier stay tied to the version they answered."
        )
        % {"number": version.number},
    )
    return _back(survey, "versions")


@login_required
def survey_versions(request, pk: int):
    survey = selectors.access_survey(request.user, pk)
    versions = selectors.versions_with_counts(survey)
    for version in versions:
        version.rows = selectors.question_rows(version.questions)
    return render(
        request, "feedback/survey_versions.html", {"survey": survey, "versions": versions}
    )


@login_required
def survey_version(request, pk: int, number: int):
    survey = selectors.access_survey(request.user, pk)
    version = get_object_or_404(survey.versions.select_related("published_by"), number=number)
    counted = next(v for v in selectors.versions_with_counts(survey) if v.pk == version.pk)
    return render(
        request,
        "feedback/survey_version.html",
        {
            "survey": survey,
            "version": counted,
            "form": answer_form_class(version.questions)(auto_id="version_%s"),
        },
    )


# Review of suspicious answers


@login_required
def review_queue(request):
    page = Paginator(selectors.flagged_for(request.user), REVIEW_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for response in page:
        response.answer_rows = selectors.readable_answers(response)
        response.flag_labels = [selectors.flag_label(code) for code in response.flags]
        response.can_decide = selectors.can_decide(request.user, response)
    return render(request, "feedback/review_queue.html", {"page": page})


@require_POST
@login_required
def review_decide(request, pk: int):
    response = selectors.access_response(request.user, pk, decide=True)
    form = forms.ReviewForm(request.POST)
    page = request.POST.get("page", "")
    back = reverse("survey_review") + (f"?page={page}" if page.isdigit() else "")
    if not form.is_valid():
        messages.error(request, _("Choose whether to count the response or reject it."))
        return redirect(back)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        builder.do_review_response(response, request.user, accept=accept)
    except builder.AlreadyReviewed as error:
        messages.info(request, str(error))
        return redirect(back)
    if accept:
        messages.success(request, _("The response is counted in the metrics."))
    else:
        messages.success(request, _("The response is rejected and stays out of the metrics."))
    return redirect(back)
