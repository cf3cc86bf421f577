"""The access rules as pure functions over a scope (no database)."""

from types import SimpleNamespace

from otklik.org.access import Scope, can_edit_journey, can_edit_kpis, can_edit_model, can_view

REGION, OTHER_REGION, CENTRE, OTHER_CENTRE = 1, 2, 10, 11


def obj(region=REGION, centre=CENTRE, lead=None):
    return SimpleNamespace(region_id=region, centre_id=centre, team_lead_id=lead)


def centre_scope(*roles, centre=CENTRE):
    return Scope(centre_roles={centre: frozenset(roles)}, centre_regions={centre: REGION})


def test_a_centre_role_covers_its_centre_only():
    scope = centre_scope("specialist")
    assert can_view(scope, obj())
    assert not can_view(scope, obj(centre=OTHER_CENTRE))
    assert not can_view(scope, obj(region=OTHER_REGION, centre=99))


def test_region_wide_objects_are_visible_to_the_regions_centres_when_public():
    scope = centre_scope("specialist")
    assert can_view(scope, obj(centre=None))
    assert not can_view(scope, obj(centre=None), region_level_public=False)
    assert not can_view(scope, obj(region=OTHER_REGION, centre=None))


def test_a_region_role_covers_every_centre_of_the_region():
    scope = Scope(region_roles={REGION: frozenset({"analyst"})})
    assert can_view(scope, obj(centre=OTHER_CENTRE))
    assert can_view(scope, obj(centre=None), region_level_public=False)
    assert not can_edit_model(scope, obj())


def test_editors_by_role():
    assert can_edit_model(centre_scope("director"), obj())
    assert not can_edit_model(centre_scope("director"), obj(centre=None))
    assert not can_edit_model(centre_scope("director"), obj(centre=OTHER_CENTRE))
    assert not can_edit_model(centre_scope("specialist", "analyst"), obj())
    assert can_edit_model(Scope(region_roles={REGION: frozenset({"regional_admin"})}), obj())


def test_a_team_lead_edits_the_journey_they_lead():
    user = SimpleNamespace(pk=5)
    scope = centre_scope("team_lead")
    assert can_edit_journey(scope, obj(lead=5), user)
    assert not can_edit_journey(scope, obj(lead=6), user)
    assert not can_edit_journey(scope, obj(centre=OTHER_CENTRE, lead=5), user)


def test_kpis_are_edited_by_the_regional_administrator_and_the_catalogue_by_the_superuser():
    admin = Scope(region_roles={REGION: frozenset({"regional_admin"})})
    assert can_edit_kpis(admin, REGION)
    assert not can_edit_kpis(admin, OTHER_REGION)
    assert not can_edit_kpis(admin, None)
    assert can_edit_kpis(Scope(is_superuser=True), None)
    assert not can_edit_kpis(centre_scope("director"), REGION)


def test_nobody_outside_sees_anything():
    assert not can_view(Scope(), obj())
    assert not can_view(Scope(), obj(centre=None))
