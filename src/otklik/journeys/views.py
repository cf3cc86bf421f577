from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otklik.journeys import forms, selectors, services
from otklik.journeys.choices import JourneyStatus, KPICategory
from otklik.journeys.grid import build_grid
from otklik.journeys.kpis import too_many_kpis
from otklik.journeys.models import (
    ClientGroup,
    ClientKPI,
    CorridorOverride,
    Journey,
    KPIMetric,
    Persona,
    Stage,
    Touchpoint,
)
from otklik.journeys.versioning import changed_cells, diff
from otklik.org import access
from otklik.org.models import Unit


@login_required
def journey_list(request):
    journeys = (
        selectors.journeys_for(request.user)
        .select_related("client_group", "segment", "centre", "region", "team_lead", "service")
        .annotate(stage_count=Count("stages", distinct=True))
    )
    status = request.GET.get("status", "")
    if status in JourneyStatus.values:
        journeys = journeys.filter(status=status)
    centre = request.GET.get("centre", "")
    if centre.isdigit():
        journeys = journeys.filter(centre_id=int(centre))
    centres = Unit.objects.filter(
        pk__in=selectors.journeys_for(request.user).values("centre")
    ).order_by("name")
    return render(
        request,
        "journeys/journey_list.html",
        {
            "journeys": journeys.order_by("centre__name", "title"),
            "statuses": JourneyStatus.choices,
            "status": status,
            "centres": centres,
            "centre": centre,
            "can_create": selectors.editable_units(request.user).exists(),
        },
    )


@login_required
def journey_create(request):
    if not selectors.editable_units(request.user).exists():
        raise PermissionDenied
    form = forms.JourneyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        journey = form.save()
        messages.success(request, _("The journey is created. Add its stages on the map."))
        return redirect(f"{reverse('journey_map', args=[journey.pk])}?edit=1")
    return render(request, "journeys/journey_form.html", {"form": form})


@login_required
def journey_settings(request, pk: int):
    journey = selectors.access_journey(request.user, pk, edit=True)
    form = forms.JourneyForm(request.POST or None, instance=journey, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The journey is saved."))
        return redirect("journey_map", pk=journey.pk)
    return render(request, "journeys/journey_form.html", {"form": form, "journey": journey})


def _map_context(request, journey: Journey, *, editing: bool, bad_form=None, bad_key=""):
    content = services.snapshot(journey)
    latest = services.latest_version(journey)
    pending = diff(latest.snapshot, content) if latest else []
    grid = build_grid(content, changed_cells(pending) if editing else None)
    cell_forms = {}
    if editing:
        stages = {s.pk: s for s in journey.stages.all()}
        touchpoints = {tp.pk: tp for s in stages.values() for tp in s.touchpoints.all()}
        for stage in grid.stages:
            key = f"stage-{stage['id']}-header"
            cell_forms[key] = forms.StageForm(instance=stages[stage["id"]], prefix=key)
        choices = forms.metric_choices()
        for row in grid.rows:
            for cell in row.cells:
                form_class = forms.cell_form_class(cell.kind, cell.field)
                if form_class is None:
                    continue
                instance = (stages if cell.kind == "stage" else touchpoints)[cell.item_id]
                extra = {"choices": choices} if form_class is forms.TouchpointMetricsForm else {}
                cell_forms[cell.key] = form_class(instance=instance, prefix=cell.key, **extra)
        if bad_form is not None:
            cell_forms[bad_key] = bad_form
        for stage in grid.stages:
            stage["header_open"] = stage["header_key"] == bad_key
        for row in grid.rows:
            for cell in row.cells:
                cell.is_bad = cell.key == bad_key
    return {
        "journey": journey,
        "grid": grid,
        "editing": editing,
        "cell_forms": cell_forms,
        "bad_key": bad_key,
        "latest": latest,
        "pending": pending,
        "can_edit": access.can_edit_journey(access.scope_for(request.user), journey, request.user),
        "add_stage_form": forms.AddStageForm(),
        "add_touchpoint_form": forms.AddTouchpointForm(),
        "publish_form": forms.PublishForm(),
    }


@login_required
def journey_map(request, pk: int):
    journey = selectors.access_journey(request.user, pk)
    can_edit = access.can_edit_journey(access.scope_for(request.user), journey, request.user)
    journey = services.journey_with_content(Journey.objects, journey.pk)
    editing = can_edit and request.GET.get("edit") == "1"
    return render(
        request, "journeys/journey_map.html", _map_context(request, journey, editing=editing)
    )


def _item(journey: Journey, kind: str, item_id: int) -> Stage | Touchpoint:
    """A stage or touchpoint of this journey; anything else does not exist here."""
    if kind == "stage":
        return get_object_or_404(Stage, pk=item_id, journey=journey)
    if kind == "touchpoint":
        return get_object_or_404(Touchpoint, pk=item_id, stage__journey=journey)
    raise Http404


def _back_to_map(journey: Journey, anchor: str = ""):
    url = f"{reverse('journey_map', args=[journey.pk])}?edit=1"
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@login_required
def edit_cell(request, pk: int, kind: str, item_id: int, field: str):
    journey = selectors.access_journey(request.user, pk, edit=True)
    item = _item(journey, kind, item_id)
    form_class = forms.cell_form_class(kind, field)
    if form_class is None:
        raise Http404
    key = f"{kind}-{item_id}-{field}"
    form = form_class(request.POST, instance=item, prefix=key)
    if form.is_valid():
        with transaction.atomic():
            form.save()
            Journey.objects.filter(pk=journey.pk).update(updated_at=timezone.now())
        return _back_to_map(journey, key)
    journey = services.journey_with_content(Journey.objects, journey.pk)
    context = _map_context(request, journey, editing=True, bad_form=form, bad_key=key)
    return render(request, "journeys/journey_map.html", context, status=400)


@require_POST
@login_required
def add_stage(request, pk: int):
    journey = selectors.access_journey(request.user, pk, edit=True)
    form = forms.AddStageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new stage a name."))
        return _back_to_map(journey)
    after_id = request.POST.get("after", "")
    after = _item(journey, "stage", int(after_id)) if after_id.isdigit() else None
    stage = services.do_add_stage(journey, form.cleaned_data["name"], after=after)
    return _back_to_map(journey, f"stage-{stage.pk}-header")


@require_POST
@login_required
def add_touchpoint(request, pk: int, stage_id: int):
    journey = selectors.access_journey(request.user, pk, edit=True)
    stage = _item(journey, "stage", stage_id)
    form = forms.AddTouchpointForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new touchpoint a name and a channel."))
        return _back_to_map(journey)
    tp = services.do_add_touchpoint(stage, form.cleaned_data["name"], form.cleaned_data["channel"])
    return _back_to_map(journey, f"touchpoint-{tp.pk}-header")


@require_POST
@login_required
def move_item(request, pk: int, kind: str, item_id: int, direction: str):
    journey = selectors.access_journey(request.user, pk, edit=True)
    steps = {"left": -1, "right": 1}
    if direction not in steps:
        raise Http404
    item = _item(journey, kind, item_id)
    services.do_move(item, steps[direction])
    return _back_to_map(journey, f"{kind}-{item.pk}-header")


@require_POST
@login_required
def delete_item(request, pk: int, kind: str, item_id: int):
    journey = selectors.access_journey(request.user, pk, edit=True)
    item = _item(journey, kind, item_id)
    services.do_delete(item)
    messages.success(request, _("«%(name)s» is deleted.") % {"name": item.name})
    return _back_to_map(journey)


@require_POST
@login_required
def publish(request, pk: int):
    journey = selectors.access_journey(request.user, pk, edit=True)
    form = forms.PublishForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The comment is too long."))
    try:
        version = services.do_publish(journey, request.user, form.cleaned_data["comment"])
    except services.NothingToPublish as error:
        messages.info(request, str(error))
        return _back_to_map(journey)
    messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
    return redirect("journey_map", pk=journey.pk)


@login_required
def version_list(request, pk: int):
    journey = selectors.access_journey(request.user, pk)
    versions = journey.versions.select_related("published_by")
    return render(request, "journeys/version_list.html", {"journey": journey, "versions": versions})


@login_required
def version_detail(request, pk: int, number: int):
    journey = selectors.access_journey(request.user, pk)
    version = get_object_or_404(journey.versions, number=number)
    previous = journey.versions.filter(number__lt=number).order_by("-number").first()
    changes = diff(previous.snapshot, version.snapshot) if previous else []
    return render(
        request,
        "journeys/version_detail.html",
        {
            "journey": journey,
            "version": version,
            "previous": previous,
            "changes": changes,
            "grid": build_grid(version.snapshot, changed_cells(changes)),
        },
    )


@login_required
def compare(request, pk: int):
    """Differences between two versions; ``current`` stands for the working copy."""
    journey = selectors.access_journey(request.user, pk)
    versions = list(journey.versions.order_by("number"))

    def content_of(key: str):
        if key == "current":
            return services.snapshot(services.journey_with_content(Journey.objects, journey.pk))
        if key.isdigit():
            found = next((v for v in versions if v.number == int(key)), None)
            if found is not None:
                return found.snapshot
        return None

    newest = str(versions[-1].number) if versions else "current"
    older = str(versions[-2].number) if len(versions) > 1 else newest
    left_key = request.GET.get("from", older)
    right_key = request.GET.get("to", "current" if versions else newest)
    left, right = content_of(left_key), content_of(right_key)
    if left is None or right is None:
        raise Http404
    return render(
        request,
        "journeys/compare.html",
        {
            "journey": journey,
            "versions": versions,
            "left_key": left_key,
            "right_key": right_key,
            "changes": diff(left, right),
        },
    )


@login_required
def journey_history(request, pk: int):
    journey = selectors.access_journey(request.user, pk)
    return render(
        request,
        "journeys/history.html",
        {
            "journey": journey,
            "entries": selectors.journey_audit(journey),
        },
    )


# Personas


@login_required
def persona_list(request):
    personas = selectors.personas_for(request.user).select_related(
        "client_group", "segment", "region", "centre"
    )
    return render(
        request,
        "journeys/persona_list.html",
        {
            "personas": personas,
            "can_create": selectors.editable_units(request.user).exists(),
        },
    )


@login_required
def persona_detail(request, pk: int):
    persona = selectors.access_persona(request.user, pk)
    return render(
        request,
        "journeys/persona_detail.html",
        {
            "persona": persona,
            "kpis": persona.kpis.order_by("category", "order"),
            "journeys": selectors.journeys_for(request.user).filter(persona=persona),
            "entries": selectors.audit_of(persona, limit=20),
            "can_edit": access.can_edit_model(access.scope_for(request.user), persona),
        },
    )


@login_required
def persona_edit(request, pk: int | None = None):
    if pk is None:
        if not selectors.editable_units(request.user).exists():
            raise PermissionDenied
        persona = Persona()
    else:
        persona = selectors.access_persona(request.user, pk, edit=True)
    form = forms.PersonaForm(request.POST or None, instance=persona, user=request.user)
    if request.method == "POST" and form.is_valid():
        persona = form.save()
        messages.success(request, _("The persona is saved."))
        return redirect("persona_detail", pk=persona.pk)
    return render(request, "journeys/persona_form.html", {"form": form, "persona": persona})


# Client KPIs


@login_required
def kpi_list(request):
    region_ids = selectors.kpi_regions(request.user)
    region_id = int(request.GET["region"]) if request.GET.get("region", "").isdigit() else None
    if region_id not in region_ids:
        region_id = region_ids[0] if region_ids else None
    region = Unit.objects.filter(pk=region_id).first()
    kpis = (
        ClientKPI.objects.filter(Q(region__isnull=True) | Q(region_id=region_id))
        .select_related("segment", "region")
        .prefetch_related(
            Prefetch(
                "bindings",
                queryset=KPIMetric.objects.select_related("metric").prefetch_related(
                    Prefetch(
                        "overrides",
                        queryset=CorridorOverride.objects.filter(region_id=region_id),
                        to_attr="regional",
                    )
                ),
            )
        )
    )
    counts = selectors.key_kpi_counts(region_id)
    groups = []
    for group in ClientGroup.objects.all():
        group_kpis = [kpi for kpi in kpis if kpi.client_group_id == group.pk]
        active_count = counts.get((group.pk, None), 0)
        for kpi in group_kpis:
            for binding in kpi.bindings.all():
                override = binding.regional[0] if binding.regional else None
                binding.effective = override or binding
                binding.is_override = override is not None
        groups.append(
            {
                "group": group,
                "active_count": active_count,
                "too_many": too_many_kpis(active_count),
                "segment_overloads": [
                    (segment, counts[(group.pk, segment.pk)])
                    for segment in group.segments.all()
                    if too_many_kpis(counts.get((group.pk, segment.pk), 0))
                ],
                "categories": [
                    (label, [kpi for kpi in group_kpis if kpi.category == value])
                    for value, label in KPICategory.choices
                ],
            }
        )
    scope = access.scope_for(request.user)
    return render(
        request,
        "journeys/kpi_list.html",
        {
            "groups": groups,
            "region": region,
            "regions": Unit.objects.filter(pk__in=region_ids).order_by("name"),
            "can_edit_region": region_id is not None and access.can_edit_kpis(scope, region_id),
            "can_edit_catalogue": access.can_edit_kpis(scope, None),
        },
    )


@login_required
def kpi_edit(request, pk: int | None = None):
    if pk is None:
        region_id = request.GET.get("region") or request.POST.get("region")
        region = None
        if region_id:
            region = get_object_or_404(selectors.kpi_editable_regions(request.user), pk=region_id)
        elif not access.can_edit_kpis(access.scope_for(request.user), None):
            raise PermissionDenied
        kpi = ClientKPI(region=region)
    else:
        kpi = selectors.access_kpi(request.user, pk, edit=True)
        region = kpi.region
    form = forms.ClientKPIForm(request.POST or None, instance=kpi, region=region)
    formset = forms.KPIMetricFormSet(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            kpi = form.save()
            formset.instance = kpi
            formset.save()
        messages.success(request, _("The client KPI is saved."))
        url = reverse("kpi_list")
        return redirect(f"{url}?region={kpi.region_id}" if kpi.region_id else url)
    return render(
        request,
        "journeys/kpi_form.html",
        {
            "form": form,
            "formset": formset,
            "kpi": kpi,
            "region": region,
        },
    )


@login_required
def corridor_override(request, binding_id: int, region_id: int):
    """A region's own corridor for a common KPI metric (§2.1.7); empty bounds remove it."""
    region = get_object_or_404(selectors.kpi_editable_regions(request.user), pk=region_id)
    binding = get_object_or_404(
        KPIMetric.objects.select_related("kpi", "metric"), pk=binding_id, kpi__region__isnull=True
    )
    override = CorridorOverride.objects.filter(binding=binding, region=region).first()
    form = forms.CorridorOverrideForm(
        request.POST or None, instance=override or CorridorOverride(binding=binding, region=region)
    )
    if request.method == "POST":
        if "remove" in request.POST and override is not None:
            override.delete()
            messages.success(request, _("The region uses the common corridor again."))
            return redirect(f"{reverse('kpi_list')}?region={region.pk}")
        if form.is_valid():
            form.save()
            messages.success(request, _("The regional corridor is saved."))
            return redirect(f"{reverse('kpi_list')}?region={region.pk}")
    return render(
        request,
        "journeys/corridor_form.html",
        {
            "form": form,
            "binding": binding,
            "region": region,
            "override": override,
        },
    )
