"""Staff pages of QA (SPEC X6, S2): scorecards with their categories, recording an
evaluation, and the list of evaluations with their IQS."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.metrics.formulas import round_half_up
from otklik.standards import forms, selectors, services
from otklik.standards.models import Scorecard

PAGE_SIZE = 25


def _percent(value):
    return None if value is None else int(round_half_up(value))


# Scorecards


@login_required
def scorecard_list(request):
    scorecards = (
        selectors.scorecards_for(request.user)
        .select_related("region", "centre")
        .annotate(
            category_count=Count("categories", filter=Q(categories__is_active=True), distinct=True)
        )
        .order_by("centre__name", "title")
    )
    stats = {
        row["scorecard"]: row
        for row in selectors.evaluations_for(request.user)
        .order_by()
        .values("scorecard")
        .annotate(n=Count("pk"), iqs=Avg("iqs"))
    }
    rows = []
    for scorecard in scorecards:
        found = stats.get(scorecard.pk, {})
        scorecard.evaluation_count = found.get("n", 0)
        scorecard.iqs = _percent(found.get("iqs"))
        rows.append(scorecard)
    return render(
        request,
        "standards/scorecard_list.html",
        {
            "scorecards": rows,
            "can_create": selectors.can_create_scorecards(request.user),
            "can_record": selectors.usable_scorecards(request.user).exists(),
        },
    )


def _save_scorecard(form, formset) -> Scorecard:
    with transaction.atomic():
        scorecard = form.save()
        formset.instance = scorecard
        for category in formset.save(commit=False):
            category.scorecard = scorecard
            category.save()
        for category in formset.deleted_objects:
            if category.scores.exists():  # scored before: kept for those evaluations
                category.is_active = False
                category.save(update_fields=["is_active"])
            else:
                category.delete()
    return scorecard


def _scorecard_form(request, scorecard: Scorecard | None):
    form = forms.ScorecardForm(request.POST or None, instance=scorecard, user=request.user)
    formset = forms.CategoryFormSet(
        request.POST or None, instance=scorecard or Scorecard(), prefix="categories"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = _save_scorecard(form, formset)
        messages.success(
            request,
            _("The scorecard is saved. Evaluations already recorded keep their scores and IQS."),
        )
        return redirect("scorecard_detail", pk=saved.pk)
    return render(
        request,
        "standards/scorecard_form.html",
        {"form": form, "formset": formset, "scorecard": scorecard},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def scorecard_create(request):
    if not selectors.can_create_scorecards(request.user):
        raise PermissionDenied
    return _scorecard_form(request, None)


@login_required
def scorecard_edit(request, pk: int):
    scorecard = selectors.access_scorecard(request.user, pk, edit=True)
    return _scorecard_form(request, scorecard)


@login_required
def scorecard_detail(request, pk: int):
    scorecard = selectors.access_scorecard(request.user, pk)
    categories = list(scorecard.categories.order_by("-is_active", "order", "pk"))
    active = [c for c in categories if c.is_active]
    evaluations = selectors.evaluations_for(request.user).filter(scorecard=scorecard)
    total_weight = sum(c.weight for c in active)
    for category in active:
        category.share = _percent(float(category.weight / total_weight * 100))
    found = selectors.summary(evaluations)
    return render(
        request,
        "standards/scorecard_detail.html",
        {
            "scorecard": scorecard,
            "categories": categories,
            "summary": found,
            "iqs": _percent(found["iqs"]),
            "recent": evaluations.select_related("employee", "centre", "touchpoint")[:10],
            "can_edit": selectors.can_edit_scorecard(request.user, scorecard),
            "can_record": scorecard.is_active
            and selectors.usable_scorecards(request.user).filter(pk=scorecard.pk).exists(),
            "entries": selectors.scorecard_audit(scorecard),
        },
    )


# Evaluations


@login_required
def evaluation_choose(request):
    """Choose the scorecard of a new evaluation (straight to the form when there is one)."""
    scorecards = list(selectors.usable_scorecards(request.user))
    if not scorecards:
        raise PermissionDenied
    if len(scorecards) == 1:
        return redirect("evaluation_create", pk=scorecards[0].pk)
    return render(request, "standards/evaluation_choose.html", {"scorecards": scorecards})


@login_required
def evaluation_create(request, pk: int):
    scorecard = selectors.access_scorecard(request.user, pk)
    if not selectors.usable_scorecards(request.user).filter(pk=scorecard.pk).exists():
        raise PermissionDenied
    region_wide = selectors.can_record_region_wide(request.user, scorecard)
    form = forms.EvaluationForm(
        request.POST or None,
        scorecard=scorecard,
        categories=scorecard.active_categories(),
        centres=selectors.recording_centres(request.user, scorecard),
        touchpoints=selectors.recording_touchpoints(request.user, scorecard),
        staff=selectors.evaluable_staff(scorecard),
        region_wide=region_wide,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        centre, touchpoint = data.get("centre"), data.get("touchpoint")
        if touchpoint is not None and centre is None:
            centre = touchpoint.stage.journey.centre
        if centre is None and not region_wide:
            form.add_error("centre", _("Choose the centre."))
        elif not selectors.can_record(request.user, scorecard.region_id, centre and centre.pk):
            form.add_error("centre", _("You may not record evaluations for this centre."))
        else:
            try:
                recorded = services.do_record_evaluation(
                    idempotency_key=data["idempotency_key"],
                    scorecard=scorecard,
                    scores=form.scores(),
                    channel=data["channel"],
                    region=scorecard.region,
                    centre=centre,
                    touchpoint=touchpoint,
                    employee=data.get("employee"),
                    evaluated_at=data["evaluated_at"],
                    evaluator=request.user,
                    note=data.get("note", ""),
                    source="web",
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                evaluation = recorded.evaluation
                if recorded.created:
                    messages.success(
                        request,
                        _("The evaluation is recorded: IQS %(iqs)s %%.")
                        % {"iqs": evaluation.iqs_display},
                    )
                else:
                    messages.info(request, _("This evaluation was recorded before."))
                return redirect("evaluation_detail", pk=evaluation.pk)
    return render(
        request,
        "standards/evaluation_form.html",
        {"form": form, "scorecard": scorecard},
        status=400 if request.method == "POST" else 200,
    )


def _filtered(request):
    evaluations = selectors.evaluations_for(request.user)
    form = forms.EvaluationFilterForm(
        request.GET or None,
        centres=selectors.evaluation_centres(request.user),
        staff=selectors.evaluated_staff(evaluations),
        scorecards=selectors.scorecards_for(request.user).order_by("title"),
    )
    if request.GET and not form.is_valid():
        return form, evaluations.none()
    data = form.cleaned_data if form.is_bound else {}
    if data.get("centre"):
        evaluations = evaluations.filter(centre=data["centre"])
    if data.get("employee"):
        evaluations = evaluations.filter(employee=data["employee"])
    if data.get("scorecard"):
        evaluations = evaluations.filter(scorecard=data["scorecard"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        start = datetime.combine(data["date_from"], time.min, tzinfo=zone)
        evaluations = evaluations.filter(evaluated_at__gte=start)
    if data.get("date_to"):
        end = datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=zone)
        evaluations = evaluations.filter(evaluated_at__lt=end)
    return form, evaluations


@login_required
def evaluation_list(request):
    form, evaluations = _filtered(request)
    found = selectors.summary(evaluations)
    page = Paginator(
        evaluations.select_related("scorecard", "centre", "employee", "touchpoint", "evaluator"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "standards/evaluation_list.html",
        {
            "form": form,
            "page": page,
            "summary": found,
            "iqs": _percent(found["iqs"]),
            "query": query.urlencode(),
            "can_record": selectors.usable_scorecards(request.user).exists(),
            "list_url": reverse("evaluation_list"),
        },
    )


@login_required
def evaluation_detail(request, pk: int):
    evaluation = selectors.access_evaluation(request.user, pk)
    scores = list(evaluation.scores.order_by("category__order", "pk"))
    total = sum(score.weight for score in scores)
    for score in scores:
        score.points = float(score.weight) * score.score
    return render(
        request,
        "standards/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "scores": scores,
            "total_weight": total,
            "total_points": sum(score.points for score in scores),
        },
    )
