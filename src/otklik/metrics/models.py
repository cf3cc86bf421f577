from django.db import models
from django.utils.translation import gettext_lazy as _


class MetricUnit(models.TextChoices):
    INDEX = "index", _("index from −100 to 100")
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("count")
    SECONDS = "seconds", _("seconds")
    RATIO = "ratio", _("ratio")
    STARS = "stars", _("stars (1–5)")


class Metric(models.Model):
    """A metric of App. 4, known by the seed's code (NPS, CES, …)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=16, choices=MetricUnit.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The translated name of a catalogue metric; a metric added by hand keeps its own."""
        from otklik.metrics.catalogue import METRIC_NAMES

        return str(METRIC_NAMES.get(self.code, self.name))
