"""Staff pages of imports: sources, upload → dry run → import, with progress (I2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otklik.feedback.ingest import render_error
from otklik.imports import services, tasks
from otklik.imports.forms import MappingForm, SourceForm, UploadForm
from otklik.imports.models import ImportRun, ImportSource, RunStatus
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import Role, UnitKind

IMPORTERS = frozenset({Role.ANALYST, Role.DIRECTOR, Role.REGIONAL_ADMIN})
REFRESH_SECONDS = 2
SHOWN_ERRORS = 1000


def importable_units(user):
    """Regions and centres the user may import into."""
    scope = access.scope_for(user)
    units = Unit.objects.filter(kind__in=[UnitKind.REGION, UnitKind.CENTRE], is_active=True)
    if scope.is_superuser:
        return units.order_by("kind", "name")
    regions = [r for r, roles in scope.region_roles.items() if roles & IMPORTERS]
    centres = [c for c, roles in scope.centre_roles.items() if roles & IMPORTERS]
    return units.filter(
        Q(pk__in=regions) | Q(kind=UnitKind.CENTRE, region_id__in=regions) | Q(pk__in=centres)
    ).order_by("kind", "name")


def _require_importer(user):
    if not importable_units(user).exists():
        raise PermissionDenied


def _source(user, pk: int) -> ImportSource:
    source = get_object_or_404(ImportSource.objects.select_related("region", "centre"), pk=pk)
    scope = access.scope_for(user)
    if not access.can_view(scope, source, region_level_public=True):
        raise Http404
    if not (scope.is_superuser or scope.roles_at(source.region_id, source.centre_id) & IMPORTERS):
        raise PermissionDenied
    return source


def _run(user, pk: int) -> ImportRun:
    run = get_object_or_404(ImportRun.objects.select_related("source"), pk=pk)
    _source(user, run.source_id)
    return run


@login_required
def import_list(request):
    _require_importer(request.user)
    scope = access.scope_for(request.user)
    sources = ImportSource.objects.filter(access.in_scope_q(scope)).select_related(
        "region", "centre"
    )
    runs = ImportRun.objects.filter(source__in=sources).select_related("source")[:50]
    return render(request, "imports/import_list.html", {"sources": sources, "runs": runs})


@login_required
def source_create(request):
    units = importable_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = SourceForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        source = form.save()
        messages.success(request, _("The source is saved. Upload a file to map its columns."))
        return redirect("import_source", pk=source.pk)
    return render(request, "imports/source_form.html", {"form": form})


@login_required
def source_edit(request, pk: int):
    source = _source(request.user, pk)
    form = SourceForm(request.POST or None, instance=source, units=importable_units(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The source is saved."))
        return redirect("import_source", pk=source.pk)
    return render(request, "imports/source_form.html", {"form": form, "source": source})


@login_required
def source_detail(request, pk: int):
    source = _source(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored, digest = services.store_upload(upload)
        run = ImportRun.objects.create(
            source=source,
            file_name=upload.name[:255],
            stored_name=stored,
            sha256=digest,
            created_by=request.user,
        )
        return redirect("import_run_mapping", pk=run.pk)
    labels = {field.name: field.label for field in services.fields_of(source)}
    mapping = [(labels.get(field, field), column) for field, column in source.mapping.items()]
    return render(
        request,
        "imports/source_detail.html",
        {
            "source": source,
            "form": form,
            "mapping": mapping,
            "runs": source.runs.all()[:30],
        },
    )


@login_required
def run_mapping(request, pk: int):
    """Map the columns of the uploaded file to fields; remembered on the source."""
    run = _run(request.user, pk)
    source = run.source
    if run.status != RunStatus.PENDING or not run.stored_name:
        return redirect("import_run", pk=run.pk)
    try:
        headers = services.headers_of(source, services.stored_path(run))
    except services.SourceProblem as problem:
        services._fail(run, problem)
        services.delete_upload(run)
        return redirect("import_run", pk=run.pk)
    fields = services.fields_of(source)
    initial = {
        field: column for field, column in source.mapping.items() if column in set(headers)
    } or services.guess_mapping(fields, headers)
    form = MappingForm(
        request.POST or None, fields=fields, headers=headers, initial_mapping=initial
    )
    if request.method == "POST" and form.is_valid():
        source.mapping = form.mapping()
        source.save(update_fields=["mapping"])
        run.status = RunStatus.CHECKING
        run.save(update_fields=["status"])
        tasks.run_import(run.pk, commit=False)
        return redirect("import_run", pk=run.pk)
    return render(
        request,
        "imports/run_mapping.html",
        {"run": run, "source": source, "form": form, "headers": headers},
    )


@login_required
def run_detail(request, pk: int):
    run = _run(request.user, pk)
    done, total = services.progress_of(run)
    context = {
        "run": run,
        "source": run.source,
        "done": done,
        "total": total,
        "problem": services.render_problem(run),
        "errors": [(e["row"], render_error(e)) for e in run.errors[:SHOWN_ERRORS]],
        "more_errors": max(run.rows_bad - len({e["row"] for e in run.errors}), 0),
        "sample": run.sample or {},
        "can_commit": run.status == RunStatus.DRY_RUN
        and run.rows_bad == 0
        and bool(run.stored_name),
    }
    response = render(request, "imports/run_detail.html", context)
    if run.is_running and run.status != RunStatus.PENDING:
        # Reload until done: an HTTP header, since the CSP allows no script.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@require_POST
@login_required
def run_commit(request, pk: int):
    run = _run(request.user, pk)
    if run.status != RunStatus.DRY_RUN or run.rows_bad or not run.stored_name:
        messages.error(request, _("Only a checked file without errors can be imported."))
        return redirect("import_run", pk=run.pk)
    # Only one click starts the import, however many arrive.
    updated = ImportRun.objects.filter(pk=run.pk, status=RunStatus.DRY_RUN, rows_bad=0).update(
        status=RunStatus.IMPORTING, rows_done=0
    )
    if updated:
        tasks.run_import(run.pk, commit=True)
    return redirect("import_run", pk=run.pk)
