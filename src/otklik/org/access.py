"""Who may see and change what: every view and API call asks these functions.

A role held in a unit covers that unit and everything below it. Objects that belong to a
unit carry ``region`` and (for centre-level objects) ``centre``; an object with no centre
belongs to the whole region. Outside the user's scope an object does not exist for them
(views answer 404, never revealing it); inside the scope without the right role, 403.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from otklik.org.roles import KPI_EDITORS, MODEL_EDITORS, Role, UnitKind


@dataclass(frozen=True)
class Scope:
    """The roles a user holds, per region (whole-region roles) and per centre."""

    is_superuser: bool = False
    region_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    centre_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    # The region of every centre the user works in, for region-level objects.
    centre_regions: dict[int, int] = field(default_factory=dict)

    def roles_at(self, region_id: int | None, centre_id: int | None) -> frozenset[str]:
        """Roles that apply to an object of this region and centre (None: region-level)."""
        roles = self.region_roles.get(region_id, frozenset()) if region_id else frozenset()
        if centre_id is not None:
            roles |= self.centre_roles.get(centre_id, frozenset())
        return roles

    def works_in_region(self, region_id: int | None) -> bool:
        return region_id in self.region_roles or region_id in self.centre_regions.values()

    @property
    def roles(self) -> frozenset[str]:
        found: frozenset[str] = frozenset()
        for roles in (*self.region_roles.values(), *self.centre_roles.values()):
            found |= roles
        return found


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (that is, once per request)."""
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, "_otklik_scope", None)
    if cached is not None:
        return cached
    region_roles: dict[int, set[str]] = {}
    centre_roles: dict[int, set[str]] = {}
    centre_regions: dict[int, int] = {}
    memberships = user.memberships.select_related("unit").filter(unit__is_active=True)
    for membership in memberships:
        unit = membership.unit
        if unit.kind == UnitKind.REGION:
            region_roles.setdefault(unit.pk, set()).add(membership.role)
        else:
            centre_id = unit.centre_id_or_self
            centre_roles.setdefault(centre_id, set()).add(membership.role)
            centre_regions[centre_id] = unit.region_id
    scope = Scope(
        is_superuser=user.is_superuser,
        region_roles={k: frozenset(v) for k, v in region_roles.items()},
        centre_roles={k: frozenset(v) for k, v in centre_roles.items()},
        centre_regions=centre_regions,
    )
    user._otklik_scope = scope
    return scope


def in_scope_q(scope: Scope, *, region_level_public: Q | None = None) -> Q:
    """A filter for objects with ``region``/``centre`` fields that the scope covers.

    Region-level objects (no centre) are visible to everyone working in the region when
    they match ``region_level_public`` (e.g. published journeys); whole-region roles see
    them all.
    """
    if scope.is_superuser:
        return Q()
    q = Q(region_id__in=list(scope.region_roles)) | Q(centre_id__in=list(scope.centre_roles))
    member_regions = set(scope.centre_regions.values())
    if member_regions:
        region_level = Q(centre__isnull=True, region_id__in=list(member_regions))
        if region_level_public is not None:
            region_level &= region_level_public
        q |= region_level
    return q if (scope.region_roles or scope.centre_roles) else Q(pk__in=[])


def can_view(scope: Scope, obj, *, region_level_public: bool = True) -> bool:
    if scope.is_superuser or scope.roles_at(obj.region_id, obj.centre_id):
        return True
    return (
        obj.centre_id is None
        and region_level_public
        and obj.region_id in set(scope.centre_regions.values())
    )


def can_edit_model(scope: Scope, obj) -> bool:
    """Directors (their centre) and regional administrators (their region)."""
    return scope.is_superuser or bool(scope.roles_at(obj.region_id, obj.centre_id) & MODEL_EDITORS)


def can_edit_journey(scope: Scope, journey, user) -> bool:
    """Model editors, and the journey's own team lead working in its centre."""
    if can_edit_model(scope, journey):
        return True
    roles = scope.roles_at(journey.region_id, journey.centre_id)
    return Role.TEAM_LEAD in roles and journey.team_lead_id == user.pk


def can_edit_kpis(scope: Scope, region_id: int | None) -> bool:
    """The federal catalogue (no region) is the superuser's; a region's KPIs its admin's."""
    if scope.is_superuser:
        return True
    return region_id is not None and bool(
        scope.region_roles.get(region_id, frozenset()) & KPI_EDITORS
    )
