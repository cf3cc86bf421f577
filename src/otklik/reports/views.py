from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otklik.org.roles import UnitKind
from otklik.reports import render as report_render
from otklik.reports import selectors

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def report_home(request):
    units = selectors.report_units(request.user)
    if not units:
        raise Http404
    centres = [u for u in units if u.kind == UnitKind.CENTRE]
    return redirect("report_list", (centres or units)[0].code)


@login_required
def report_list(request, code):
    unit = selectors.access_unit(request.user, code)
    weekly = (
        selectors.weekly_reports_for(request.user)
        .filter(unit=unit)
        .select_related("journey")
        .order_by("-week_start", "journey__title")[:200]
    )
    monthly = None
    if unit.kind == UnitKind.CENTRE:
        monthly = selectors.monthly_reports_for(request.user).filter(unit=unit)[:60]
    return render(
        request,
        "reports/list.html",
        {
            "unit": unit,
            "units": selectors.report_units(request.user),
            "weekly": list(weekly),
            "monthly": list(monthly) if monthly is not None else None,
            "can_generate": selectors.can_generate(request.user, unit),
        },
    )


@login_required
@require_POST
def report_generate(request, code):
    """Make the reports of the period that ended now (in the background, not e-mailed)."""
    from otklik.reports import services, tasks

    unit = selectors.access_unit(request.user, code)
    if not selectors.can_generate(request.user, unit):
        raise PermissionDenied
    if request.POST.get("kind") == "monthly" and unit.kind == UnitKind.CENTRE:
        tasks.generate_monthly_report(unit.pk, services.last_month().start.isoformat(), False)
    else:
        week = services.last_week().start.isoformat()
        for subject, journey in services.weekly_subjects(unit):
            tasks.generate_weekly_report(subject.pk, journey.pk if journey else None, week, False)
    messages.success(
        request, _("The reports are being made; they appear in the list in a minute or two.")
    )
    return redirect("report_list", unit.code)


def _page(request, row, file_view):
    body = report_render.html_fragment(row.document)
    return render(
        request,
        "reports/page.html",
        {
            "report": row.document,
            "unit": row.unit,
            "body": mark_safe(body),  # noqa: S308  (rendered by our template, escaped)
            "pdf_url": reverse(file_view, args=[row.pk, "pdf"]),
            "xlsx_url": reverse(file_view, args=[row.pk, "xlsx"]),
        },
    )


def _file(row, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    field = row.pdf if kind == "pdf" else row.xlsx
    if not field.name or not field.storage.exists(field.name):
        raise Http404
    report = row.document
    name = f"{report.kind}-{report.period_short}-{row.unit.code}"
    if getattr(row, "journey_id", None):
        name += f"-journey-{row.journey_id}"
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"{name}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )


@login_required
def weekly_report(request, pk):
    return _page(request, selectors.access_weekly(request.user, pk), "weekly_report_file")


@login_required
def weekly_report_file(request, pk, kind):
    return _file(selectors.access_weekly(request.user, pk), kind)


@login_required
def monthly_report(request, pk):
    return _page(request, selectors.access_monthly(request.user, pk), "monthly_report_file")


@login_required
def monthly_report_file(request, pk, kind):
    return _file(selectors.access_monthly(request.user, pk), kind)
