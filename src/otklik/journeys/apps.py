from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "otklik.journeys"
    verbose_name = _("Client journeys")

    def ready(self) -> None:
        from otklik.journeys import audit  # noqa: F401  (registers models with the audit log)
