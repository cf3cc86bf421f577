"""Audit trail (who changed what) for QA scorecards, through django-auditlog.

Categories record their scorecard in the entry's additional data, so the scorecard's change
log lists them. Evaluations are facts: they are recorded once and never edited.
"""

from auditlog.registry import auditlog

from otklik.standards.models import Scorecard, ScorecardCategory

auditlog.register(Scorecard)
auditlog.register(ScorecardCategory)
