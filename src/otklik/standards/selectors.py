"""Reads of QA scorecards and evaluations that respect the user's scope (see ``org.access``).

- Scorecards: everyone working in their unit sees them (region-wide ones: everyone in the
  region); directors and regional administrators create and change them.
- Evaluations: directors, regional administrators, team leads and analysts of the unit see
  them; everyone sees the evaluations of their own work. Directors, regional
  administrators and team leads record them. Outside the user's units an evaluation does
  not exist (404); inside without the right, 403.

An evaluation is a resource for learning, not a penalty (SPEC C3): nothing here acts on a
low score by itself.
"""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from otklik.journeys.audit_display import action_label, field_changes
from otklik.journeys.models import Touchpoint
from otklik.journeys.selectors import editable_units
from otklik.org import access
from otklik.org.models import Unit, User
from otklik.org.roles import Role, UnitKind
from otklik.standards.models import Evaluation, Scorecard, ScorecardCategory

# Who records evaluations, and who reads those of others.
EVALUATORS = frozenset({Role.DIRECTOR, Role.REGIONAL_ADMIN, Role.TEAM_LEAD})
READERS = EVALUATORS | {Role.ANALYST}


# Scorecards


def scorecards_for(user) -> QuerySet[Scorecard]:
    return Scorecard.objects.filter(access.in_scope_q(access.scope_for(user)))


def can_create_scorecards(user) -> bool:
    return editable_units(user).exists()


def can_edit_scorecard(user, scorecard: Scorecard) -> bool:
    return access.can_edit_model(access.scope_for(user), scorecard)


def access_scorecard(user, pk: int, *, edit: bool = False) -> Scorecard:
    """The scorecard if the user may see it (404) and, with ``edit``, change it (403)."""
    scorecard = scorecards_for(user).filter(pk=pk).select_related("region", "centre").first()
    if scorecard is None:
        raise Http404
    if edit and not can_edit_scorecard(user, scorecard):
        raise PermissionDenied
    return scorecard


def scorecard_audit(scorecard: Scorecard, limit: int = 50) -> list[LogEntry]:
    """The scorecard's own audit entries and those of its categories."""
    condition = Q(
        content_type=ContentType.objects.get_for_model(Scorecard), object_pk=str(scorecard.pk)
    ) | Q(
        content_type=ContentType.objects.get_for_model(ScorecardCategory),
        additional_data__scorecard_id=scorecard.pk,
    )
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


# Where the user records evaluations


def _units_with(scope: access.Scope, roles: frozenset) -> tuple[list[int], list[int]]:
    regions = [r for r, held in scope.region_roles.items() if held & roles]
    centres = [c for c, held in scope.centre_roles.items() if held & roles]
    return regions, centres


def can_record(user, region_id: int, centre_id: int | None) -> bool:
    scope = access.scope_for(user)
    return scope.is_superuser or bool(scope.roles_at(region_id, centre_id) & EVALUATORS)


def is_evaluator(user) -> bool:
    scope = access.scope_for(user)
    return scope.is_superuser or bool(scope.roles & EVALUATORS)


def recording_centres(user, scorecard: Scorecard) -> QuerySet[Unit]:
    """Centres where the user may record an evaluation with this scorecard."""
    scope = access.scope_for(user)
    centres = Unit.objects.filter(
        kind=UnitKind.CENTRE, region_id=scorecard.region_id, is_active=True
    ).order_by("name")
    if scorecard.centre_id is not None:
        centres = centres.filter(pk=scorecard.centre_id)
    if scope.is_superuser:
        return centres
    regions, own = _units_with(scope, EVALUATORS)
    if scorecard.region_id in regions:
        return centres
    return centres.filter(pk__in=own)


def can_record_region_wide(user, scorecard: Scorecard) -> bool:
    """Whether the user may record an evaluation of no centre (e.g. a regional call centre)."""
    return scorecard.centre_id is None and can_record(user, scorecard.region_id, None)


def usable_scorecards(user) -> QuerySet[Scorecard]:
    """Scorecards in use that the user may record evaluations with."""
    scope = access.scope_for(user)
    cards = Scorecard.objects.filter(is_active=True).select_related("region", "centre")
    if scope.is_superuser:
        return cards.order_by("title", "pk")
    regions, centres = _units_with(scope, EVALUATORS)
    centre_regions = [scope.centre_regions[c] for c in centres if c in scope.centre_regions]
    return cards.filter(
        Q(region_id__in=regions)
        | Q(centre_id__in=centres)
        | Q(centre__isnull=True, region_id__in=centre_regions)
    ).order_by("title", "pk")


def recording_touchpoints(user, scorecard: Scorecard) -> QuerySet[Touchpoint]:
    """Touchpoints of the scorecard's unit where the user may record evaluations."""
    touchpoints = Touchpoint.objects.select_related("stage__journey").filter(
        stage__journey__region_id=scorecard.region_id
    )
    if scorecard.centre_id is not None:
        touchpoints = touchpoints.filter(
            Q(stage__journey__centre_id=scorecard.centre_id)
            | Q(stage__journey__centre__isnull=True)
        )
    scope = access.scope_for(user)
    if not scope.is_superuser:
        regions, centres = _units_with(scope, EVALUATORS)
        if scorecard.region_id not in regions:
            touchpoints = touchpoints.filter(
                Q(stage__journey__centre_id__in=centres) | Q(stage__journey__centre__isnull=True)
            )
    return touchpoints.order_by("stage__journey__title", "stage__order", "order", "pk")


def evaluable_staff(scorecard: Scorecard) -> QuerySet[User]:
    """Staff who may be evaluated with this scorecard: those working in its unit."""
    unit_id = scorecard.centre_id or scorecard.region_id
    in_unit = (
        Q(memberships__unit_id=unit_id)
        | Q(memberships__unit__centre_id=unit_id)
        | Q(memberships__unit__region_id=unit_id)
    )
    return (
        User.objects.filter(in_unit, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# Evaluations


def _readers_q(user, scope: access.Scope) -> Q:
    regions, centres = _units_with(scope, READERS)
    return Q(region_id__in=regions) | Q(centre_id__in=centres) | Q(employee_id=user.pk)


def evaluations_for(user) -> QuerySet[Evaluation]:
    """Evaluations the user may read: of their units for readers, their own for everyone."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        return Evaluation.objects.all()
    if not user.is_authenticated:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(_readers_q(user, scope))


def access_evaluation(user, pk: int) -> Evaluation:
    """The evaluation: 404 outside the user's units, 403 inside them without the right."""
    evaluation = (
        Evaluation.objects.select_related(
            "scorecard", "region", "centre", "journey", "stage", "touchpoint", "employee",
            "evaluator", "interaction",
        )
        .filter(pk=pk)
        .first()
    )  # fmt: skip
    if evaluation is None:
        raise Http404
    scope = access.scope_for(user)
    if scope.is_superuser or evaluation.employee_id == user.pk:
        return evaluation
    roles = scope.roles_at(evaluation.region_id, evaluation.centre_id)
    if not roles:
        raise Http404
    if not roles & READERS:
        raise PermissionDenied
    return evaluation


def evaluation_centres(user) -> QuerySet[Unit]:
    """Centres to filter the evaluation list by."""
    scope = access.scope_for(user)
    centres = Unit.objects.filter(kind=UnitKind.CENTRE, is_active=True).order_by("name")
    if scope.is_superuser:
        return centres
    regions, own = _units_with(scope, READERS)
    return centres.filter(Q(region_id__in=regions) | Q(pk__in=own))


def evaluated_staff(evaluations: QuerySet[Evaluation]) -> QuerySet[User]:
    """Staff who appear in these evaluations (to filter by employee)."""
    ids = evaluations.filter(employee__isnull=False).values("employee_id").order_by()
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")


def summary(evaluations: QuerySet[Evaluation]) -> dict:
    """Count, overall IQS (the mean, ``formulas.iqs_overall``) and critical failures, in SQL."""
    return evaluations.order_by().aggregate(
        count=Count("pk"),
        iqs=Avg("iqs"),
        critical_failed=Count("pk", filter=Q(critical_failed=True)),
    )
