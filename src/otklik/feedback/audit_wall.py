"""Audit trail (who changed what) for feedback items and «you said — we did» notices.

Imported once from ``FeedbackConfig.ready()``. The citizen's original text is left out of
the log: it never changes, and it may hold personal data the wall masks.
"""

from auditlog.registry import auditlog

from otklik.feedback.models import ChangeNotice, FeedbackItem

if not auditlog.contains(FeedbackItem):
    auditlog.register(FeedbackItem, exclude_fields=["text", "idempotency_key"])
if not auditlog.contains(ChangeNotice):
    auditlog.register(ChangeNotice)
