"""Actions that change journeys. Each runs in one transaction; views only call these."""

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import Journey, JourneyVersion, Stage, Touchpoint
from otklik.journeys.versioning import STAGE_FIELDS, TOUCHPOINT_FIELDS
from otklik.ordering import move, renumber


class NothingToPublish(Exception):
    """The working copy is the same as the last published version."""


def journey_with_content(queryset, pk: int) -> Journey:
    """One journey with its stages, touchpoints and metrics in a fixed number of queries."""
    touchpoints = Touchpoint.objects.order_by("order", "pk").prefetch_related("metrics")
    stages = Stage.objects.order_by("order", "pk").prefetch_related(
        Prefetch("touchpoints", queryset=touchpoints)
    )
    return (
        queryset.select_related(
            "service", "client_group", "segment", "persona", "region", "centre", "team_lead"
        )
        .prefetch_related(Prefetch("stages", queryset=stages))
        .get(pk=pk)
    )


def snapshot(journey: Journey) -> dict:
    """The journey's content as plain data (see :mod:`otklik.journeys.versioning`)."""

    def name_of(obj) -> str:
        return str(obj) if obj is not None else ""

    stages = []
    for stage in journey.stages.all():
        touchpoints = []
        for tp in stage.touchpoints.all():
            item = {"id": tp.pk}
            for field in TOUCHPOINT_FIELDS:
                if field == "metrics":
                    item["metrics"] = sorted(m.code for m in tp.metrics.all())
                else:
                    item[field] = getattr(tp, field)
            touchpoints.append(item)
        stages.append(
            {
                "id": stage.pk,
                **{field: getattr(stage, field) for field in STAGE_FIELDS},
                "touchpoints": touchpoints,
            }
        )
    return {
        "title": journey.title,
        "description": journey.description,
        "service": name_of(journey.service),
        "client_group": name_of(journey.client_group),
        "segment": name_of(journey.segment),
        "persona": name_of(journey.persona),
        "split_basis": journey.split_basis,
        "stages": stages,
    }


def latest_version(journey: Journey) -> JourneyVersion | None:
    return journey.versions.order_by("-number").first()


@transaction.atomic
def do_publish(journey: Journey, user, comment: str = "") -> JourneyVersion:
    """Store the working copy as the next version and put the journey in use."""
    journey = Journey.objects.select_for_update().get(pk=journey.pk)
    content = snapshot(journey_with_content(Journey.objects, journey.pk))
    previous = latest_version(journey)
    if previous is not None and previous.snapshot == content:
        raise NothingToPublish(
            _("Nothing has changed since version %(number)s.") % {"number": previous.number}
        )
    number = (journey.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = JourneyVersion.objects.create(
        journey=journey, number=number, snapshot=content, comment=comment, published_by=user
    )
    if journey.status == JourneyStatus.DRAFT:
        journey.status = JourneyStatus.ACTIVE
        journey.save(update_fields=["status", "updated_at"])
    return version


def _next_order(queryset) -> int:
    return (queryset.aggregate(n=Max("order"))["n"] or 0) + 1


@transaction.atomic
def do_add_stage(journey: Journey, name: str, after: Stage | None = None) -> Stage:
    """A new stage at the end, or right after ``after``."""
    stages = journey.stages.select_for_update()
    if after is None:
        return Stage.objects.create(journey=journey, name=name, order=_next_order(stages))
    ordered = list(stages.order_by("order", "pk"))
    position = next(i for i, stage in enumerate(ordered) if stage.pk == after.pk) + 1
    new = Stage(journey=journey, name=name)
    ordered.insert(position, new)
    renumber(ordered)
    return new


@transaction.atomic
def do_add_touchpoint(stage: Stage, name: str, channel: str) -> Touchpoint:
    order = _next_order(stage.touchpoints.select_for_update())
    return Touchpoint.objects.create(stage=stage, name=name, channel=channel, order=order)


@transaction.atomic
def do_move(item: Stage | Touchpoint, step: int) -> None:
    """Move a stage within its journey, or a touchpoint within its stage, by ``step``."""
    siblings = (
        (item.journey.stages if isinstance(item, Stage) else item.stage.touchpoints)
        .select_for_update()
        .order_by("order", "pk")
    )
    ordered = list(siblings)
    if move(ordered, item.pk, step):
        renumber(ordered)


@transaction.atomic
def do_delete(item: Stage | Touchpoint) -> None:
    item.delete()
