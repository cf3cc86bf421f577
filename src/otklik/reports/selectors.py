"""Who sees which reports (D4): reads that check role and unit.

* A centre's weekly report: team leads, directors, regional administrators and analysts
  of the centre (a specialist of the centre gets 403).
* A journey's weekly report: those readers, and every member of the journey team and its
  lead (the journey must be theirs to see).
* The monthly feedback-system report: every employee of the centre (App. 3, §3).

Outside the user's units a report does not exist for them (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from otklik.journeys.selectors import journeys_for
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import Role, UnitKind
from otklik.reports.models import MonthlyReport, WeeklyReport

READERS = frozenset({Role.TEAM_LEAD, Role.DIRECTOR, Role.REGIONAL_ADMIN, Role.ANALYST})


def _reader_q(scope: access.Scope) -> Q:
    regions = list(scope.region_roles)  # every whole-region role reads the region's reports
    centres = [c for c, roles in scope.centre_roles.items() if roles & READERS]
    return Q(region_id__in=regions) | Q(centre_id__in=centres)


def weekly_reports_for(user) -> QuerySet[WeeklyReport]:
    scope = access.scope_for(user)
    reports = WeeklyReport.objects.all()
    if scope.is_superuser:
        return reports
    own_journeys = journeys_for(user).filter(Q(team=user) | Q(team_lead=user)).values("pk")
    return reports.filter(_reader_q(scope) | Q(journey__in=own_journeys))


def monthly_reports_for(user) -> QuerySet[MonthlyReport]:
    scope = access.scope_for(user)
    reports = MonthlyReport.objects.all()
    if scope.is_superuser:
        return reports
    return reports.filter(
        Q(region_id__in=list(scope.region_roles)) | Q(centre_id__in=list(scope.centre_roles))
    )


def _in_units(scope: access.Scope, report) -> bool:
    return scope.is_superuser or bool(scope.roles_at(report.region_id, report.centre_id))


def access_weekly(user, pk: int) -> WeeklyReport:
    report = weekly_reports_for(user).filter(pk=pk).select_related("unit", "journey").first()
    if report is not None:
        return report
    found = WeeklyReport.objects.filter(pk=pk).first()
    if found is not None and _in_units(access.scope_for(user), found):
        raise PermissionDenied
    raise Http404


def access_monthly(user, pk: int) -> MonthlyReport:
    report = monthly_reports_for(user).filter(pk=pk).select_related("unit").first()
    if report is None:
        raise Http404
    return report


def report_units(user) -> list[Unit]:
    """The centres (and regions) whose reports the user may list."""
    scope = access.scope_for(user)
    units = Unit.objects.filter(is_active=True, kind__in=[UnitKind.REGION, UnitKind.CENTRE])
    if not scope.is_superuser:
        units = units.filter(
            Q(pk__in=list(scope.region_roles))
            | Q(region_id__in=list(scope.region_roles), kind=UnitKind.CENTRE)
            | Q(pk__in=list(scope.centre_roles))
        )
    return list(units.order_by("kind", "name"))


GENERATORS = frozenset({Role.TEAM_LEAD, Role.DIRECTOR, Role.REGIONAL_ADMIN})


def can_generate(user, unit: Unit) -> bool:
    """Team leads, directors and regional administrators may make a unit's reports now."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        return True
    region = unit.region_id or unit.pk
    centre = unit.pk if unit.kind == UnitKind.CENTRE else None
    return bool(scope.roles_at(region, centre) & GENERATORS)


def access_unit(user, code: str) -> Unit:
    unit = next((u for u in report_units(user) if u.code == code), None)
    if unit is None:
        raise Http404
    return unit
