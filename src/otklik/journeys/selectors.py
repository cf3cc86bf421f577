"""Reads of the service model that respect the user's scope (see ``org.access``)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from otklik.journeys.audit_display import action_label, field_changes
from otklik.journeys.choices import JourneyStatus
from otklik.journeys.kpis import too_many_kpis
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
        Q(pk__in=admin_regions)
        | Q(kind=UnitKind.CENTRE, region_id__in=admin_regions)
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


def key_kpi_counts(region_id: int | None) -> dict[tuple[int, int | None], int]:
    """Key KPIs in force in a region, per client group and segment (None: the whole group).

    The recommended maximum applies to each list a client sees: the group's own, and the
    extra list of a segment (§2.1.8 lets KPIs differ for target groups).
    """
    rows = (
        ClientKPI.objects.filter(is_active=True)
        .filter(Q(region__isnull=True) | Q(region_id=region_id))
        .values("client_group", "segment")
        .annotate(n=Count("pk"))
    )
    return {(row["client_group"], row["segment"]): row["n"] for row in rows}


def kpi_overloads(region_id: int | None) -> list[tuple[str, int]]:
    """Lists with more key KPIs than recommended, as (name of the list, count)."""
    from otklik.journeys.models import ClientGroup, Segment

    names = {(g.pk, None): g.name for g in ClientGroup.objects.all()}
    names |= {
        (s.client_group_id, s.pk): f"{s.client_group} · {s}"
        for s in Segment.objects.select_related("client_group")
    }
    return [
        (names[key], count)
        for key, count in sorted(key_kpi_counts(region_id).items(), key=lambda kv: names[kv[0]])
        if too_many_kpis(count)
    ]


def _audit(condition: Q, limit: int) -> list[LogEntry]:
    """Audit entries, newest first, each with the name of what it is about."""
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


def _entries_of(model, pk) -> Q:
    return Q(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk))


def audit_of(obj, limit: int = 300) -> list[LogEntry]:
    return _audit(_entries_of(type(obj), obj.pk), limit)


def journey_audit(journey: Journey, limit: int = 300) -> list[LogEntry]:
    """The journey's own entries and those of its stages and touchpoints, deleted ones too."""
    return _audit(
        _entries_of(Journey, journey.pk) | Q(additional_data__journey_id=journey.pk), limit
    )


def kpi_audit(kpi: ClientKPI, limit: int = 100) -> list[LogEntry]:
    """The KPI's entries and those of its metric bindings."""
    return _audit(_entries_of(ClientKPI, kpi.pk) | Q(additional_data__kpi_id=kpi.pk), limit)
