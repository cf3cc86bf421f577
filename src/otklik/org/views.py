from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from otklik.journeys import selectors
from otklik.journeys.choices import JourneyStatus
from otklik.org.access import scope_for
from otklik.org.models import Unit
from otklik.org.roles import Role, UnitKind


def _status_counts(journeys) -> list[tuple[str, int]]:
    counts = dict(
        journeys.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in JourneyStatus.choices]


@login_required
def home(request):
    """The first page after login, made of the sections the user's roles need."""
    user = request.user
    scope = scope_for(user)
    roles = scope.roles
    journeys = selectors.journeys_for(user).select_related("centre", "region", "client_group")
    context = {
        "memberships": user.memberships.select_related("unit").order_by("unit__kind"),
        "is_superuser": scope.is_superuser,
        "led_journeys": journeys.filter(team_lead=user) if Role.TEAM_LEAD in roles else None,
        "team_journeys": journeys.filter(team=user).exclude(team_lead=user),
        "status_counts": _status_counts(journeys),
        "recent_journeys": journeys.order_by("-updated_at")[:8],
    }
    region_ids = (
        list(scope.region_roles)
        if not scope.is_superuser
        else list(Unit.objects.filter(kind=UnitKind.REGION).values_list("pk", flat=True))
    )
    if region_ids:
        centres = list(
            Unit.objects.filter(
                kind=UnitKind.CENTRE, region_id__in=region_ids, is_active=True
            ).order_by("name")
        )
        counts = dict(
            journeys.filter(centre__isnull=False)
            .values("centre")
            .annotate(n=Count("pk"))
            .values_list("centre", "n")
        )
        for centre in centres:
            centre.journey_count = counts.get(centre.pk, 0)
        context["centres"] = centres
    if context["led_journeys"]:
        # A team lead's first screen is the heat map of the journey they lead (D2).
        from otklik.journeys.heatmap_views import heatmap_context

        led = context["led_journeys"]
        journey = led.filter(status=JourneyStatus.ACTIVE).first() or led.first()
        context["heatmap"] = heatmap_context(request, journey, True, compact=True)
    kpi_regions = selectors.kpi_regions(user)
    if len(kpi_regions) == 1:
        context["kpi_warnings"] = selectors.kpi_overloads(kpi_regions[0])
    return render(request, "org/home.html", context)
