import pytest

from otklik.journeys.kpis import Bounds, Status, corridor_status, effective_bounds, too_many_kpis


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Status.NO_DATA),
        (50, Status.GREEN),
        (40, Status.GREEN),  # the bounds belong to the corridor
        (35, Status.AMBER),
        (30, Status.AMBER),  # exactly at the margin is still amber
        (29.9, Status.RED),
        (100, Status.GREEN),
    ],
)
def test_lower_bound_corridor(value, expected):
    assert corridor_status(value, Bounds(low=40, high=None, amber_margin=10)) == expected


def test_upper_bound_corridor_for_times():
    bounds = Bounds(low=None, high=300, amber_margin=60)
    assert corridor_status(120, bounds) == Status.GREEN
    assert corridor_status(330, bounds) == Status.AMBER
    assert corridor_status(400, bounds) == Status.RED


def test_no_margin_means_outside_is_red():
    assert corridor_status(79.9, Bounds(80, 100)) == Status.RED


def test_a_regional_corridor_replaces_the_common_one():
    common, regional = Bounds(40, None, 10), Bounds(50, None, 5)
    assert effective_bounds(common, regional) == regional
    assert effective_bounds(common, None) == common


def test_more_than_six_key_kpis_is_too_many():
    assert not too_many_kpis(6)
    assert too_many_kpis(7)


@pytest.mark.django_db
def test_the_demo_region_has_no_kpi_overload_but_a_seventh_key_kpi_warns(client_for):
    from django.urls import reverse

    from otklik.journeys.models import ClientKPI

    client = client_for("regadmin")
    assert "Слишком много" not in client.get(reverse("home")).content.decode()
    candidate = ClientKPI.objects.filter(
        client_group__code="employers", is_active=False, region__isnull=True
    ).first()
    candidate.is_active = True
    candidate.save()
    home = client.get(reverse("home")).content.decode()
    assert "Слишком много ключевых клиентских показателей" in home
    page = client.get(reverse("kpi_list")).content.decode()
    assert "7 ключевых показателей" in page
