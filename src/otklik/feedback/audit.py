"""Audit trail (who changed what) for surveys, through django-auditlog.

Questions record their survey in the entry's additional data, so the survey's change log
lists them even after they are deleted. Published versions are frozen and responses are
citizens' facts: neither is edited, so neither is logged here.
"""

from auditlog.registry import auditlog

from otklik.feedback.models import Question, Survey

auditlog.register(Survey, m2m_fields={"touchpoints"})
auditlog.register(Question)
