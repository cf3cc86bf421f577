from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from otklik.dashboards.bundle import ensure_bundle


class Command(BaseCommand):
    help = _(
        "Build the charts' JavaScript (Vega, Vega-Lite, vega-embed) from the vl-convert "
        "package into the data directory, so the first dashboard opens at once."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(ensure_bundle()))
