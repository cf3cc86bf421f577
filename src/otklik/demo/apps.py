from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "otklik.demo"
    verbose_name = _("Demo data and serving")
