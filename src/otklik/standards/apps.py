from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "otklik.standards"
    verbose_name = _("Service standards and QA")

    def ready(self) -> None:
        from otklik.standards import audit  # noqa: F401  (registers models with the audit log)
