"""Generating, archiving and sending the reports (``do_*``: one transaction each; e-mail
goes out only after the commit, so nobody receives a report the archive does not hold)."""

from __future__ import annotations

import gzip
import json
import logging
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import Journey
from otklik.metrics.slices import Period
from otklik.org.models import Unit, User
from otklik.org.roles import Role, UnitKind
from otklik.reports import document, render, texts
from otklik.reports.models import MonthlyReport, StoredReport, WeeklyReport, reports_storage
from otklik.reports.monthly import build_monthly
from otklik.reports.weekly import build_weekly

logger = logging.getLogger(__name__)

CENTRE_REPORT_ROLES = (Role.DIRECTOR, Role.TEAM_LEAD)


class ReportError(ValueError):
    pass


# --------------------------------------------------------------------------- periods


def last_week(today: date | None = None) -> Period:
    """The ISO week that ended before ``today`` (local), e.g. on a Monday the week before."""
    today = today or timezone.localdate()
    return Period.containing(today, "week").previous()


def last_month(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    return Period((first - timedelta(days=1)).replace(day=1), first)


# --------------------------------------------------------------------------- who gets it


def _staff_of_centre(centre: Unit, roles=None) -> QuerySet[User]:
    """Active staff holding a role (one of ``roles``) in the centre or one of its offices:
    one condition on the same membership row."""
    condition = Q(memberships__unit=centre) | Q(memberships__unit__centre=centre)
    condition &= Q(memberships__unit__is_active=True)
    if roles is not None:
        condition &= Q(memberships__role__in=list(roles))
    return User.objects.filter(condition, is_active=True).distinct()


def weekly_recipients(unit: Unit, journey: Journey | None) -> list[User]:
    """The journey team and its lead; for a centre report the centre's director and team
    leads (SPEC D3, §4.4.5)."""
    if journey is not None:
        users = User.objects.filter(
            Q(journey_teams=journey) | Q(led_journeys=journey), is_active=True
        ).distinct()
    elif unit.kind == UnitKind.CENTRE:
        users = _staff_of_centre(unit, CENTRE_REPORT_ROLES)
    else:
        users = User.objects.none()
    return [u for u in users.exclude(email="").order_by("pk")]


def monthly_recipients(centre: Unit) -> list[User]:
    """Every employee of the centre and its offices (App. 3, mechanism §3)."""
    return list(_staff_of_centre(centre).exclude(email="").order_by("pk"))


# --------------------------------------------------------------------------- storing


def _file_name(prefix: str, extension: str) -> str:
    return f"{prefix}-{secrets.token_urlsafe(8)}.{extension}"


def _store(model, lookup: dict, defaults: dict, report: document.Report, folder: str):
    """Create or replace the archived report in one transaction; old files go after it."""
    pdf_bytes = render.pdf(report)
    xlsx_bytes = render.xlsx(report)
    saved = []
    try:
        with transaction.atomic():
            row = model.objects.select_for_update(of=("self",)).filter(**lookup).order_by().first()
            old = row.files if row is not None else []
            if row is None:
                row = model(**lookup)
            for name, value in defaults.items():
                setattr(row, name, value)
            data = document.to_json(report)
            row.data = {key: value for key, value in data.items() if key != "sections"}
            row.sent_at, row.sent_to = None, 0
            row.__dict__.pop("document", None)
            content = gzip.compress(json.dumps(data, ensure_ascii=False).encode())
            row.content.save(_file_name(folder, "json.gz"), ContentFile(content), save=False)
            saved.append(row.content.name)
            row.pdf.save(_file_name(folder, "pdf"), ContentFile(pdf_bytes), save=False)
            saved.append(row.pdf.name)
            row.xlsx.save(_file_name(folder, "xlsx"), ContentFile(xlsx_bytes), save=False)
            saved.append(row.xlsx.name)
            row.save()
            transaction.on_commit(lambda: _delete_files(old))
    except Exception:
        _delete_files(saved)  # the row was not stored: neither are its files
        raise
    return row


def _delete_files(names) -> None:
    storage = reports_storage()
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


def do_generate_weekly(
    unit: Unit, journey: Journey | None, week: Period, *, send: bool = False, now=None
) -> WeeklyReport:
    """The weekly report of a centre (``journey`` None) or of one of its journeys, stored
    (replacing an earlier one of the same week) and, with ``send``, e-mailed after the
    commit."""
    if journey is not None and journey.centre_id not in (None, unit.pk):
        raise ReportError(_("The journey belongs to another centre."))
    if journey is not None and journey.centre_id is None and unit.pk != journey.region_id:
        raise ReportError(_("The journey belongs to another region."))
    now = now or timezone.now()
    with translation.override(texts.report_language()):
        report = build_weekly(unit, journey, week, now=now)
    code = texts.week_code(week)
    folder = f"weekly/{unit.code}/{code}/" + (f"journey-{journey.pk}" if journey else "centre")
    lookup = {"unit": unit, "week_start": week.start, "journey": journey}
    defaults = {
        "region_id": unit.region_id or unit.pk,
        "centre_id": unit.pk if unit.kind == UnitKind.CENTRE else None,
        "generated_at": now,
    }
    with transaction.atomic():
        row = _store(WeeklyReport, lookup, defaults, report, folder)
        if send:
            pk = row.pk
            transaction.on_commit(lambda: send_weekly(pk))
    return row


def do_generate_monthly(
    centre: Unit, month: Period, *, send: bool = False, now=None
) -> MonthlyReport:
    if centre.kind != UnitKind.CENTRE:
        raise ReportError(_("The monthly report is made for an employment centre."))
    now = now or timezone.now()
    with translation.override(texts.report_language()):
        report = build_monthly(centre, month, now=now)
    folder = f"monthly/{centre.code}/{texts.month_code(month)}/centre"
    lookup = {"unit": centre, "month_start": month.start}
    defaults = {"region_id": centre.region_id, "centre_id": centre.pk, "generated_at": now}
    with transaction.atomic():
        row = _store(MonthlyReport, lookup, defaults, report, folder)
        if send:
            pk = row.pk
            transaction.on_commit(lambda: send_monthly(pk))
    return row


# --------------------------------------------------------------------------- sending


def _site() -> str:
    return settings.OTKLIK_PUBLIC_BASE_URL.rstrip("/")


def _send(row: StoredReport, recipients: list[User], page: str) -> int:
    """One message per recipient (nobody sees the others' addresses), the PDF attached."""
    if not recipients:
        return 0
    with translation.override(texts.report_language()):
        report = row.document
        subject = f"{report.title}: {report.subject}, {report.period}"
        lines = [report.title, report.subject, report.period, ""]
        lines += [f"{label}: {text}" for label, text in report.facts]
        lines += ["", _("The report is attached as a PDF; the web page and the XLSX workbook:")]
        lines.append(_site() + page)
        body = "\n".join(lines)
        with row.pdf.open("rb") as handle:
            pdf_bytes = handle.read()
        filename = f"{report.kind}-{report.period_short}.pdf"
        messages = []
        for user in recipients:
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            message.attach(filename, pdf_bytes, "application/pdf")
            messages.append(message)
    with get_connection() as connection:
        sent = connection.send_messages(messages) or 0
    type(row).objects.filter(pk=row.pk).update(sent_at=timezone.now(), sent_to=sent)
    return sent


def send_weekly(pk: int) -> int:
    row = WeeklyReport.objects.select_related("unit", "journey").filter(pk=pk).first()
    if row is None:
        return 0
    return _send(
        row, weekly_recipients(row.unit, row.journey), reverse("weekly_report", args=[row.pk])
    )


def send_monthly(pk: int) -> int:
    row = MonthlyReport.objects.select_related("unit").filter(pk=pk).first()
    if row is None:
        return 0
    return _send(row, monthly_recipients(row.unit), reverse("monthly_report", args=[row.pk]))


# --------------------------------------------------------------------------- what is due


def weekly_subjects(unit: Unit | None = None) -> list[tuple[Unit, Journey | None]]:
    """Every active centre, and every active journey with the unit it belongs to (only
    ``unit`` and its own journeys when given)."""
    centres = Unit.objects.filter(kind=UnitKind.CENTRE, is_active=True)
    journeys = Journey.objects.filter(status=JourneyStatus.ACTIVE).select_related(
        "centre", "region"
    )
    if unit is not None:
        centres = centres.filter(pk=unit.pk)
        if unit.kind == UnitKind.CENTRE:
            journeys = journeys.filter(centre=unit)
        else:
            journeys = journeys.filter(region=unit, centre__isnull=True)
    subjects: list[tuple[Unit, Journey | None]] = [
        (centre, None) for centre in centres.order_by("pk")
    ]
    for journey in journeys.order_by("pk"):
        unit = journey.centre or journey.region
        if unit.is_active:
            subjects.append((unit, journey))
    return subjects
