"""Audit trail (who changed what) for the service model, through django-auditlog.

Stages and touchpoints record their journey in the entry's additional data, so the
journey's history lists them even after they are deleted.
"""

from auditlog.registry import auditlog

from otklik.journeys.models import (
    ClientKPI,
    CorridorOverride,
    Journey,
    KPIMetric,
    Persona,
    Stage,
    Touchpoint,
)

auditlog.register(Journey, m2m_fields={"team"})
auditlog.register(Stage)
auditlog.register(Touchpoint, m2m_fields={"metrics"})
auditlog.register(ClientKPI)
auditlog.register(KPIMetric)
auditlog.register(CorridorOverride)
auditlog.register(Persona, m2m_fields={"kpis"})
