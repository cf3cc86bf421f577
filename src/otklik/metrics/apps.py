from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "otklik.metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        from otklik.metrics import sqlite

        connection_created.connect(sqlite.register, dispatch_uid="otklik.metrics.sqlite")
