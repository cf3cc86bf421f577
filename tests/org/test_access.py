"""Access rules per role, through the real views: 404 outside the scope, 403 inside it
without the right, never a leak."""

import pytest
from django.urls import reverse

from otklik.journeys.models import Journey
from otklik.org.access import scope_for

pytestmark = pytest.mark.django_db

# username → (main journey: view, edit), (other centre's draft: view, edit)
MATRIX = {
    "specialist": ((200, 403), (404, 404)),
    "teamlead": ((200, 200), (404, 404)),
    "director": ((200, 200), (404, 404)),
    "regadmin": ((200, 200), (200, 200)),
    "analyst": ((200, 403), (200, 403)),
    "specialist2": ((404, 404), (200, 403)),
    "admin": ((200, 200), (200, 200)),
}


@pytest.mark.parametrize("username", MATRIX)
def test_journey_view_and_edit_by_role(client_for, username, main_journey, other_draft):
    client = client_for(username)
    for journey, (view, edit) in zip((main_journey, other_draft), MATRIX[username], strict=True):
        assert client.get(reverse("journey_map", args=[journey.pk])).status_code == view
        assert client.get(reverse("journey_settings", args=[journey.pk])).status_code == edit


@pytest.mark.parametrize("username", MATRIX)
def test_edits_are_refused_the_same_way_as_views(client_for, username, main_journey, other_draft):
    client = client_for(username)
    for journey, (_view, edit) in zip((main_journey, other_draft), MATRIX[username], strict=True):
        stage = journey.stages.first()
        url = reverse("journey_edit_cell", args=[journey.pk, "stage", stage.pk, "citizen_goal"])
        response = client.post(url, {f"stage-{stage.pk}-citizen_goal-citizen_goal": "Новая цель"})
        stage.refresh_from_db()
        if edit == 200:
            assert response.status_code == 302
            assert stage.citizen_goal == "Новая цель"
        else:
            assert response.status_code == edit
            assert stage.citizen_goal != "Новая цель"


def test_a_team_lead_edits_only_the_journey_they_lead(client_for, users, main_journey):
    other = Journey.objects.filter(centre=main_journey.centre).exclude(pk=main_journey.pk).first()
    assert other.team_lead_id != users["teamlead"].pk
    client = client_for("teamlead")
    assert client.get(reverse("journey_map", args=[other.pk])).status_code == 200
    assert client.get(reverse("journey_settings", args=[other.pk])).status_code == 403


@pytest.mark.parametrize("username", MATRIX)
def test_lists_show_only_journeys_in_scope(client_for, users, username):
    response = client_for(username).get(reverse("journey_list"))
    assert response.status_code == 200
    scope = scope_for(users[username])
    shown = {j.pk for j in response.context["journeys"]}
    for journey in Journey.objects.all():
        centre_ok = journey.centre_id in scope.centre_roles
        region_ok = journey.region_id in scope.region_roles
        assert (journey.pk in shown) == (scope.is_superuser or centre_ok or region_ok)


def test_anonymous_visitors_are_sent_to_log_in(client, main_journey):
    response = client.get(reverse("journey_map", args=[main_journey.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_stage_of_another_journey_cannot_be_edited_through_mine(
    client_for, main_journey, other_draft
):
    foreign = other_draft.stages.first()
    url = reverse("journey_edit_cell", args=[main_journey.pk, "stage", foreign.pk, "citizen_goal"])
    response = client_for("director").post(url, {"x": "y"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("username", "status"),
    [("regadmin", 200), ("director", 403), ("specialist", 403), ("analyst", 403)],
)
def test_only_a_regional_administrator_edits_the_regions_kpis(client_for, username, status):
    from otklik.journeys.models import ClientKPI

    kpi = ClientKPI.objects.filter(region__isnull=False).first()
    assert client_for(username).get(reverse("kpi_edit", args=[kpi.pk])).status_code == status


def test_the_common_kpi_catalogue_is_the_system_administrators(client_for):
    from otklik.journeys.models import ClientKPI

    kpi = ClientKPI.objects.filter(region__isnull=True).first()
    assert client_for("regadmin").get(reverse("kpi_edit", args=[kpi.pk])).status_code == 403
    assert client_for("admin").get(reverse("kpi_edit", args=[kpi.pk])).status_code == 200


@pytest.mark.parametrize(
    ("username", "view", "edit"),
    [
        ("specialist", 200, 403),
        ("director", 200, 403),
        ("regadmin", 200, 200),
        ("specialist2", 200, 403),
        ("analyst", 200, 403),
    ],
)
def test_personas_by_role(client_for, username, view, edit):
    from otklik.journeys.models import Persona

    persona = Persona.objects.filter(centre__isnull=True).first()  # region-wide persona
    client = client_for(username)
    assert client.get(reverse("persona_detail", args=[persona.pk])).status_code == view
    assert client.get(reverse("persona_edit", args=[persona.pk])).status_code == edit
