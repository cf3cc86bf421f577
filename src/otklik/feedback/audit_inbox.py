"""Audit trail of the staff inbox: personal replies and reply templates.

Imported once from ``FeedbackConfig.ready()``. Changes of a feedback item's status,
touchpoint and assignee are logged by ``audit`` (the item itself is registered there).
"""

from auditlog.registry import auditlog

from otklik.feedback.models import FeedbackReply, ReplyTemplate

if not auditlog.contains(FeedbackReply):
    auditlog.register(FeedbackReply)
if not auditlog.contains(ReplyTemplate):
    auditlog.register(ReplyTemplate)
