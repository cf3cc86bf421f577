"""Loads the demo: a region with its centres, the seed's KPIs, personas and journeys, and one
account per role. Running it again adds only what is missing and never overwrites edits.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from otklik.demo import content
from otklik.demo.facts import load_facts
from otklik.demo.inbox_loader import load_inbox
from otklik.demo.standards_loader import load_standards
from otklik.demo.wall_loader import load_wall
from otklik.feedback.models import Question, Survey
from otklik.feedback.services import do_publish_survey
from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import (
    ClientGroup,
    ClientKPI,
    Journey,
    KPIMetric,
    Persona,
    Segment,
    Service,
    Stage,
    Touchpoint,
)
from otklik.journeys.services import do_publish
from otklik.metrics.catalogue import ensure_catalogue
from otklik.metrics.models import Metric
from otklik.org.models import Membership, Unit, User
from otklik.org.roles import Role, UnitKind

# Printed by `otklik demo`; these accounts exist only in demo databases.
DEMO_PASSWORD = "otklik-demo"  # noqa: S105

MAIN_CENTRE = "podolsk"

# What the summary counts, as the person running the demo reads it.
COUNTED = {
    "accounts": gettext_lazy("accounts"),
    "client groups": gettext_lazy("client groups"),
    "client KPIs": gettext_lazy("client KPIs"),
    "journeys": gettext_lazy("journeys"),
    "personas": gettext_lazy("personas"),
    "segments": gettext_lazy("segments"),
    "units": gettext_lazy("units"),
    "surveys": gettext_lazy("surveys"),
    "feedback items": gettext_lazy("feedback items"),
    "changes": gettext_lazy("changes"),
    "reply templates": gettext_lazy("reply templates"),
    "survey responses": gettext_lazy("responses"),
    "interactions": gettext_lazy("interactions"),
    "mentions": gettext_lazy("mentions"),
    "QA scorecards": pgettext_lazy("demo summary", "QA scorecards"),
    "QA evaluations": pgettext_lazy("demo summary", "QA evaluations"),
}


@dataclass
class Summary:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)

    def count(self, what: str, created: bool) -> None:
        if created:
            self.created[what] = self.created.get(what, 0) + 1

    def add(self, what: str, n: int) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n

    def __str__(self) -> str:
        if not self.created:
            return _("The demo data is already loaded; nothing was added.")
        parts = ", ".join(f"{COUNTED[what]}: {n}" for what, n in self.created.items())
        return _("Demo data loaded (%(parts)s).") % {"parts": parts}


def _join(items) -> str:
    return "\n".join(items or [])


def _units(summary: Summary) -> tuple[Unit, dict[str, Unit]]:
    region, created = Unit.objects.get_or_create(
        code=f"region-{content.REGION['code']}",
        defaults={"kind": UnitKind.REGION, "name": content.REGION["name"]},
    )
    summary.count("units", created)
    centres = {}
    for item in content.CENTRES:
        centre, created = Unit.objects.get_or_create(
            code=item["code"],
            defaults={"kind": UnitKind.CENTRE, "name": item["name"], "parent": region},
        )
        summary.count("units", created)
        centres[item["code"]] = centre
        for number, office_name in enumerate(item.get("offices", []), start=1):
            _office, created = Unit.objects.get_or_create(
                code=f"{item['code']}-office-{number}",
                defaults={"kind": UnitKind.OFFICE, "name": office_name, "parent": centre},
            )
            summary.count("units", created)
    return region, centres


def _groups(summary: Summary) -> tuple[dict[str, ClientGroup], dict[tuple[str, str], Segment]]:
    groups, segments = {}, {}
    for order, item in enumerate(content.CLIENT_GROUPS):
        group, created = ClientGroup.objects.get_or_create(
            code=item["code"],
            defaults={"name": item["name"], "mission": item.get("mission", ""), "order": order},
        )
        summary.count("client groups", created)
        groups[item["code"]] = group
        for seg in item.get("segments", []):
            segment, created = Segment.objects.get_or_create(
                client_group=group, code=seg["code"], defaults={"name": seg["name"]}
            )
            summary.count("segments", created)
            segments[(item["code"], seg["code"])] = segment
    return groups, segments


def _kpis(summary, region, groups, segments) -> dict[tuple[str, str], ClientKPI]:
    """KPIs by (client group code, name): App. 1 repeats names across groups."""
    metrics = {m.code: m for m in Metric.objects.all()}
    kpis = {}
    for regional, items in ((False, content.KPIS), (True, content.REGIONAL_KPIS)):
        for order, item in enumerate(items):
            group = groups[item["client_group"]]
            kpi, created = ClientKPI.objects.get_or_create(
                client_group=group,
                name=item["name"],
                region=region if regional else None,
                defaults={
                    "category": item["category"],
                    "is_active": item.get("active", False),
                    "order": order,
                    "segment": segments.get((item["client_group"], item.get("segment") or "")),
                },
            )
            summary.count("client KPIs", created)
            kpis[(item["client_group"], item["name"])] = kpi
            if created:
                for binding in item.get("metrics", []):
                    KPIMetric.objects.create(
                        kpi=kpi,
                        metric=metrics[binding["code"]],
                        target_low=binding.get("target_low"),
                        target_high=binding.get("target_high"),
                        amber_margin=binding.get("amber_margin", 0),
                    )
    return kpis


def _personas(summary, region, centres, groups, segments, kpis) -> dict[str, Persona]:
    personas = {}
    for item in content.PERSONAS:
        persona, created = Persona.objects.get_or_create(
            name=item["name"],
            region=region,
            defaults={
                "client_group": groups[item["client_group"]],
                "segment": segments.get((item["client_group"], item.get("segment") or "")),
                "age_from": item.get("age_from"),
                "age_to": item.get("age_to"),
                "family_status": item.get("family_status", ""),
                "education": item.get("education", ""),
                "home_region": item.get("region", ""),
                "preferred_channels": item.get("preferred_channels", []),
                "channel_notes": item.get("channel_notes", ""),
                "goal": item.get("goal", ""),
                "values": _join(item.get("values")),
                "desires": _join(item.get("desires")),
                "pains": _join(item.get("pains")),
            },
        )
        summary.count("personas", created)
        if created:
            group = item["client_group"]
            persona.kpis.set([kpis[(group, name)] for name in item.get("kpis", [])])
        personas[item["name"]] = persona
    return personas


def _accounts(summary, region, centres) -> dict[str, User]:
    other_centre = next(
        journey["centre"]
        for journey in content.JOURNEYS
        if journey["centre"] != MAIN_CENTRE and journey["status"] == JourneyStatus.DRAFT
    )
    main, other = centres[MAIN_CENTRE], centres[other_centre]
    specs = [
        ("specialist", "Ирина", "Смирнова", Role.SPECIALIST, main),
        ("teamlead", "Алексей", "Волков", Role.TEAM_LEAD, main),
        ("director", "Елена", "Кузнецова", Role.DIRECTOR, main),
        ("regadmin", "Дмитрий", "Орлов", Role.REGIONAL_ADMIN, region),
        ("analyst", "Мария", "Лебедева", Role.ANALYST, region),
        ("specialist2", "Сергей", "Павлов", Role.SPECIALIST, other),
    ]
    users = {}
    for username, first, last, role, unit in specs:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        summary.count("accounts", created)
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        users[username] = user
        summary.accounts.append((username, f"{Role(role).label} — {unit.name}"))
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"first_name": "Администратор", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    summary.count("accounts", created)
    summary.accounts.append(("admin", _("System administrator (all units, admin site)")))
    return users


def _journeys(summary, region, centres, groups, segments, personas, users) -> None:
    metrics = {m.code: m for m in Metric.objects.all()}
    for item in content.JOURNEYS:
        centre = centres[item["centre"]] if item.get("centre") else None
        if Journey.objects.filter(title=item["title"], region=region, centre=centre).exists():
            continue
        service, _created = Service.objects.get_or_create(name=item["service"])
        is_main = item is content.JOURNEYS[0]
        journey = Journey.objects.create(
            region=region,
            centre=centre,
            title=item["title"],
            description=item.get("description", ""),
            service=service,
            client_group=groups[item["client_group"]],
            segment=segments.get((item["client_group"], item.get("segment") or "")),
            persona=personas.get(item.get("persona")),
            split_basis=item["split_basis"],
            team_lead=users["teamlead"] if is_main else None,
        )
        if is_main:
            journey.team.set([users["teamlead"], users["specialist"], users["director"]])
        summary.count("journeys", True)
        for stage_order, stage_item in enumerate(item["stages"], start=1):
            stage = Stage.objects.create(
                journey=journey,
                order=stage_order,
                name=stage_item["name"],
                citizen_goal=stage_item.get("citizen_goal", ""),
                citizen_thoughts=_join(stage_item.get("citizen_thoughts")),
                centre_goal=_join(stage_item.get("centre_goal")),
                note=stage_item.get("note", ""),
            )
            for tp_order, tp_item in enumerate(stage_item["touchpoints"], start=1):
                touchpoint = Touchpoint.objects.create(
                    stage=stage,
                    order=tp_order,
                    name=tp_item["name"],
                    channel=tp_item["channel"],
                    description=tp_item.get("description", ""),
                    **{
                        key: _join(tp_item.get(key))
                        for key in (
                            "citizen_thoughts",
                            "centre_goal",
                            "owners",
                            "tools",
                            "barriers",
                            "improvement_tools",
                            "measurement_methods",
                        )
                    },
                )
                touchpoint.metrics.set([metrics[code] for code in tp_item.get("metrics", [])])
        if item["status"] == JourneyStatus.ACTIVE:
            do_publish(
                journey,
                users["teamlead"] if is_main else users["director"],
                _("First version of the map."),
            )


def _surveys(summary, region, centres, users) -> None:
    """The App. 4 questions as a short survey at every touchpoint of the main journey."""
    journey = Journey.objects.filter(title=content.JOURNEYS[0]["title"]).first()
    if journey is None or Survey.objects.filter(title=content.SURVEY["title"]).exists():
        return
    survey = Survey.objects.create(
        region=region,
        centre=centres[MAIN_CENTRE],
        title=content.SURVEY["title"],
        intro=content.SURVEY["intro"],
        thanks=content.SURVEY["thanks"],
    )
    for order, template in enumerate(content.SURVEY["questions"], start=1):
        Question.objects.create(survey=survey, order=order, **template)
    survey.touchpoints.set(Touchpoint.objects.filter(stage__journey=journey))
    do_publish_survey(survey, users["teamlead"])
    summary.count("surveys", True)


@transaction.atomic
def load_demo(*, facts: bool = True) -> Summary:
    """Everything of the demo; ``facts=False`` leaves out the six months of generated
    answers, interactions and mentions (tests that need an empty week)."""
    summary = Summary()
    ensure_catalogue()
    region, centres = _units(summary)
    groups, segments = _groups(summary)
    kpis = _kpis(summary, region, groups, segments)
    personas = _personas(summary, region, centres, groups, segments, kpis)
    users = _accounts(summary, region, centres)
    _journeys(summary, region, centres, groups, segments, personas, users)
    _surveys(summary, region, centres, users)
    load_wall(summary, region, centres, users)
    load_inbox(summary, region, centres, users)
    load_standards(summary, region, centres, users)
    if facts:
        load_facts(summary, region, centres)
    return summary
