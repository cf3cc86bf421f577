"""Staff roles and what each may do. Pure rules: no database access."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SPECIALIST = "specialist", _("Specialist")
    TEAM_LEAD = "team_lead", _("Journey team lead")
    DIRECTOR = "director", _("Centre director")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    ANALYST = "analyst", _("Analyst")


class UnitKind(models.TextChoices):
    REGION = "region", _("Region")
    CENTRE = "centre", _("Employment centre")
    OFFICE = "office", _("Office")


# Which unit kinds a role may be held on: a regional administrator runs a region, a
# director a centre; specialists and team leads work in a centre or one of its offices.
ROLE_UNIT_KINDS: dict[str, set[str]] = {
    Role.SPECIALIST: {UnitKind.CENTRE, UnitKind.OFFICE},
    Role.TEAM_LEAD: {UnitKind.CENTRE, UnitKind.OFFICE},
    Role.DIRECTOR: {UnitKind.CENTRE},
    Role.REGIONAL_ADMIN: {UnitKind.REGION},
    Role.ANALYST: {UnitKind.REGION, UnitKind.CENTRE},
}

# Roles that may change the service model (journeys, personas) of the units they hold.
MODEL_EDITORS = frozenset({Role.DIRECTOR, Role.REGIONAL_ADMIN})
# Client KPIs and their corridors are set for the whole region (§2.1.6–2.1.8).
KPI_EDITORS = frozenset({Role.REGIONAL_ADMIN})
