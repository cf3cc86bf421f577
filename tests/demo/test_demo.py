"""The demo holds the seed's content and loads again without duplicates."""

import pytest
from django.core.management import call_command

from otklik.demo import content
from otklik.demo.loader import load_demo
from otklik.journeys.models import ClientKPI, Journey, Persona, Touchpoint
from otklik.org.models import Unit, User
from otklik.org.roles import Role

pytestmark = pytest.mark.django_db


def counts():
    return (
        Unit.objects.count(),
        User.objects.count(),
        ClientKPI.objects.count(),
        Persona.objects.count(),
        Journey.objects.count(),
        Touchpoint.objects.count(),
    )


def test_loading_again_adds_nothing():
    before = counts()
    summary = load_demo()
    assert summary.created == {}
    assert counts() == before


def test_loading_again_keeps_staff_edits():
    journey = Journey.objects.get(title=content.JOURNEYS[0]["title"])
    stage = journey.stages.first()
    stage.citizen_goal = "Изменено сотрудником"
    stage.save()
    load_demo()
    stage.refresh_from_db()
    assert stage.citizen_goal == "Изменено сотрудником"


def test_one_region_with_at_least_five_centres():
    assert Unit.objects.filter(kind="region").count() == 1
    assert Unit.objects.filter(kind="centre").count() >= 5


def test_one_account_per_role():
    for role in Role.values:
        assert User.objects.filter(memberships__role=role).exists(), role


def test_the_app6_journey_is_complete():
    seed = content.JOURNEYS[0]
    journey = Journey.objects.get(title=seed["title"])
    assert journey.status == "active"
    assert journey.versions.count() == 1
    stages = list(journey.stages.order_by("order"))
    assert [s.name for s in stages] == [s["name"] for s in seed["stages"]]
    assert len(stages) >= 7
    for stage, stage_seed in zip(stages, seed["stages"], strict=True):
        assert stage.citizen_goal == stage_seed["citizen_goal"]
        tps = list(stage.touchpoints.order_by("order"))
        assert [tp.name for tp in tps] == [tp["name"] for tp in stage_seed["touchpoints"]]
        for tp, tp_seed in zip(tps, stage_seed["touchpoints"], strict=True):
            assert tp.barriers.splitlines() == tp_seed["barriers"]
            assert tp.owners.splitlines() == tp_seed["owners"]
            assert sorted(m.code for m in tp.metrics.all()) == sorted(tp_seed["metrics"])
            assert tp.barriers and tp.owners and tp.improvement_tools


def test_seed_text_is_verbatim():
    first = (
        Touchpoint.objects.filter(
            stage__journey__title=content.JOURNEYS[0]["title"], stage__order=1
        )
        .order_by("order")
        .first()
    )
    assert "Как правильно сформулировать поисковой запрос?" in first.citizen_thoughts
    assert "Отсутствие сайта" in first.barriers


def test_the_app2_persona_and_app1_kpis():
    persona = Persona.objects.get(name=content.PERSONAS[0]["name"])
    assert (persona.age_from, persona.age_to) == (16, 23)
    assert persona.home_region == "Московская область"
    assert persona.kpis.count() == 4
    for group in ("job_seekers", "employers", "public_bodies"):
        assert ClientKPI.objects.filter(client_group__code=group, region__isnull=True).exists()
        active = ClientKPI.objects.filter(
            client_group__code=group, is_active=True, region__isnull=True
        )
        assert 0 < active.count() <= 6
        assert all(kpi.bindings.exists() for kpi in active)


def test_at_least_three_more_journeys_with_personas():
    others = Journey.objects.exclude(title=content.JOURNEYS[0]["title"])
    assert others.count() >= 3
    assert all(j.persona_id for j in others)


def test_the_demo_command_loads_without_serving(capsys):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "уже загружены" in out
    for username in ("specialist", "teamlead", "director", "regadmin", "analyst"):
        assert username in out
