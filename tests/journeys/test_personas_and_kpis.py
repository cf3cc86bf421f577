"""Persona and client KPI pages: viewing, editing, corridors and the audit trail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from otklik.demo import content
from otklik.journeys.models import ClientKPI, CorridorOverride, KPIMetric, Persona
from otklik.metrics.models import Metric
from otklik.org.models import Unit

pytestmark = pytest.mark.django_db


def test_the_app2_persona_page_shows_every_field(client_for):
    seed = content.PERSONAS[0]
    persona = Persona.objects.get(name=seed["name"])
    html = client_for("specialist").get(reverse("persona_detail", args=[persona.pk])).content
    html = html.decode()
    for text in [
        seed["goal"],
        seed["family_status"],
        seed["education"],
        seed["region"],
        seed["channel_notes"],
        *seed["values"],
        *seed["desires"],
        *seed["pains"],
        *seed["kpis"],
    ]:
        assert text in html, text
    assert "Социальная сеть" in html  # a preferred channel, by its label


def test_a_regional_administrator_edits_a_persona_and_it_is_logged(client_for, users):
    persona = Persona.objects.get(name=content.PERSONAS[0]["name"])
    client = client_for("regadmin")
    form = client.get(reverse("persona_edit", args=[persona.pk])).context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data = {k: v for k, v in data.items() if v is not None}
    data["goal"] = "Найти первую работу по специальности"
    data["preferred_channels"] = ["social", "messenger"]
    response = client.post(reverse("persona_edit", args=[persona.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    persona.refresh_from_db()
    assert persona.goal == "Найти первую работу по специальности"
    assert persona.preferred_channels == ["social", "messenger"]
    page = client.get(reverse("persona_detail", args=[persona.pk])).content.decode()
    assert "Найти первую работу по специальности" in page
    assert users["regadmin"].get_full_name() in page  # the change log names who did it


def test_an_unknown_channel_is_refused(client_for):
    persona = Persona.objects.first()
    response = client_for("regadmin").post(
        reverse("persona_edit", args=[persona.pk]),
        {
            "name": "x",
            "owner": persona.region_id,
            "client_group": persona.client_group_id,
            "preferred_channels": ["carrier_pigeon"],
        },
    )
    assert response.status_code == 200
    assert "preferred_channels" in response.context["form"].errors
    persona.refresh_from_db()
    assert persona.name != "x"


def test_kpi_page_groups_by_client_group_and_category(client_for):
    html = client_for("analyst").get(reverse("kpi_list")).content.decode()
    for group in content.CLIENT_GROUPS:
        assert group["name"] in html
        assert group["mission"] in html
    for category in ("Индивидуальный подход", "Легкость", "Приятное взаимодействие"):
        assert category in html
    for kpi in content.KPIS:
        assert kpi["name"].replace("«", "&laquo;") in html or kpi["name"] in html


def test_a_regional_kpi_with_a_corridor(client_for):
    region = Unit.objects.get(kind="region")
    client = client_for("regadmin")
    group = ClientKPI.objects.first().client_group
    nps = Metric.objects.get(code="NPS")
    response = client.post(
        f"{reverse('kpi_create')}?region={region.pk}",
        {
            "region": region.pk,
            "client_group": group.pk,
            "category": "pleasant",
            "name": "Общение на родном языке",
            "is_active": "on",
            "order": 1,
            "bindings-TOTAL_FORMS": 1,
            "bindings-INITIAL_FORMS": 0,
            "bindings-0-metric": nps.pk,
            "bindings-0-target_low": 30,
            "bindings-0-target_high": "",
            "bindings-0-amber_margin": 10,
        },
    )
    assert response.status_code == 302
    kpi = ClientKPI.objects.get(name="Общение на родном языке")
    assert kpi.region == region
    assert kpi.bindings.get().target_low == 30


def test_a_corridor_with_bounds_the_wrong_way_round_is_refused(client_for):
    kpi = ClientKPI.objects.filter(region__isnull=False).first()
    binding = kpi.bindings.first()
    response = client_for("regadmin").post(
        reverse("kpi_edit", args=[kpi.pk]),
        {
            "client_group": kpi.client_group_id,
            "category": kpi.category,
            "name": kpi.name,
            "segment": kpi.segment_id or "",
            "is_active": "on",
            "order": kpi.order,
            "bindings-TOTAL_FORMS": 1,
            "bindings-INITIAL_FORMS": 1,
            "bindings-0-id": binding.pk,
            "bindings-0-kpi": kpi.pk,
            "bindings-0-metric": binding.metric_id,
            "bindings-0-target_low": 80,
            "bindings-0-target_high": 20,
            "bindings-0-amber_margin": 0,
        },
    )
    assert response.status_code == 200
    binding.refresh_from_db()
    assert (binding.target_low, binding.target_high) != (80, 20)


def test_a_region_overrides_a_common_corridor_and_can_go_back(client_for):
    region = Unit.objects.get(kind="region")
    binding = KPIMetric.objects.filter(kpi__region__isnull=True).first()
    url = reverse("kpi_corridor_override", args=[binding.pk, region.pk])
    client = client_for("regadmin")
    response = client.post(url, {"target_low": 55, "target_high": "", "amber_margin": 5})
    assert response.status_code == 302
    assert CorridorOverride.objects.get(binding=binding, region=region).target_low == 55
    page = client.get(reverse("kpi_list")).content.decode()
    assert "коридор региона" in page
    client.post(url, {"remove": "1", "target_low": "", "target_high": "", "amber_margin": 0})
    assert not CorridorOverride.objects.filter(binding=binding).exists()
    assert client_for("director").post(url, {"target_low": 1}).status_code == 404


def test_map_pages_keep_a_fixed_number_of_queries(client_for, main_journey):
    """Catches N+1 queries: the counts do not grow with stages and touchpoints."""
    client = client_for("teamlead")
    limits = {
        reverse("journey_map", args=[main_journey.pk]): 12,
        reverse("journey_map", args=[main_journey.pk]) + "?edit=1": 12,
        reverse("journey_version", args=[main_journey.pk, 1]): 14,
        reverse("kpi_list"): 15,
    }
    for url, limit in limits.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= limit, (url, len(queries))
