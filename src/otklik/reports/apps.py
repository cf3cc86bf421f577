from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "otklik.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Register the periodic jobs with the shared Huey instance.
        from otklik.reports import tasks  # noqa: F401
