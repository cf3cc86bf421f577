from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "otklik.imports"
    verbose_name = _("Data import")

    def ready(self) -> None:
        # Register the background jobs with the shared Huey instance.
        from otklik.imports import tasks  # noqa: F401
