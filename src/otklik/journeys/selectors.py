"""Reads of the service model that respect the user's scope (see ``org.access``)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import ClientKPI, Journey, Persona
from otklik.org import access
from otklik.org.models import Unit, User
from otklik.org.roles import MODEL_EDITORS, Role, UnitKind

PUBLISHED = Q(status__in=[JourneyStatus.ACTIVE, JourneyStatus.ARCHIVED])


def journeys_for(user) -> QuerySet[Journey]:
    """Journeys of the user's units; region-wide journeys once they are published."""
    scope = access.scope_for(user)
    return Journey.objects.filter(access.in_scope_q(scope, region_level_public=PUBLISHED))


def access_journey(user, pk: int, *, edit: bool = False) -> Journey:
    """The journey if the user may see it (404 otherwise) and, with ``edit``, change it (403)."""
    journey = journeys_for(user).filter(pk=pk).select_related("region", "centre").first()
    if journey is None:
        raise Http404
    if edit and not access.can_edit_journey(access.scope_for(user), journey, user):
        raise PermissionDenied
    return journey


def personas_for(user) -> QuerySet[Persona]:
    return Persona.objects.filter(access.in_scope_q(access.scope_for(user)))


def access_persona(user, pk: int, *, edit: bool = False) -> Persona:
    persona = personas_for(user).filter(pk=pk).first()
    if persona is None:
        raise Http404
    if edit and not access.can_edit_model(access.scope_for(user), persona):
        raise PermissionDenied
    return persona


def kpi_regions(user) -> list[int]:
    """Regions whose own KPIs the user sees: every region they work in."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        return list(Unit.objects.filter(kind=UnitKind.REGION).values_list("pk", flat=True))
    return sorted(set(scope.region_roles) | set(scope.centre_regions.values()))


def kpis_for(user) -> QuerySet[ClientKPI]:
    """The common catalogue and the KPIs of the user's regions."""
    return ClientKPI.objects.filter(Q(region__isnull=True) | Q(region_id__in=kpi_regions(user)))


def access_kpi(user, pk: int, *, edit: bool = False) -> ClientKPI:
    kpi = kpis_for(user).filter(pk=pk).first()
    if kpi is None:
        raise Http404
    if edit and not access.can_edit_kpis(access.scope_for(user), kpi.region_id):
        raise PermissionDenied
    return kpi


def editable_units(user) -> QuerySet[Unit]:
    """Units the user may create journeys and personas for: regions they administer, their
    centres, and the centres of regions they administer."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        return Unit.objects.filter(kind__in=[UnitKind.REGION, UnitKind.CENTRE], is_active=True)
    admin_regions = [r for r, roles in scope.region_roles.items() if roles & MODEL_EDITORS]
    centres = [c for c, roles in scope.centre_roles.items() if roles & MODEL_EDITORS]
    return Unit.objects.filter(
        Q(pk__in=admin_regions) | Q(kind=UnitKind.CENTRE, region_id__in=admin_regions)
        | Q(pk__in=centres),
        is_active=True,
    ).order_by("kind", "name")


def kpi_editable_regions(user) -> QuerySet[Unit]:
    scope = access.scope_for(user)
    regions = Unit.objects.filter(kind=UnitKind.REGION, is_active=True)
    if scope.is_superuser:
        return regions
    return regions.filter(pk__in=[r for r in scope.region_roles if access.can_edit_kpis(scope, r)])


def staff_of_regions(region_ids: list[int]) -> QuerySet[User]:
    """Staff working anywhere in these regions (to choose a team lead and the team)."""
    in_regions = Q(memberships__unit_id__in=region_ids) | Q(
        memberships__unit__region_id__in=region_ids
    )
    return (
        User.objects.filter(in_regions, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def is_team_lead(user) -> bool:
    return Role.TEAM_LEAD in access.scope_for(user).roles
