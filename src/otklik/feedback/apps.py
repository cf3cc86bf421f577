from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "otklik.feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from otklik.feedback import audit  # noqa: F401  (registers models with the audit log)
