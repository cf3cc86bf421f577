from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "otklik.feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        # Register the models with the audit log.
        from otklik.feedback import audit, audit_inbox, audit_wall  # noqa: F401
