"""The metrics of App. 4 that touchpoints measure and KPIs bind to, by code.

The codes are the seed's own abbreviations; the catalogue is loaded by a data migration so
that every installation knows them, demo or not.
"""

from django.utils.translation import gettext_lazy as _

# code, name, unit, whether a higher value is better
METRICS = [
    ("NPS", _("Net Promoter Score (NPS)"), "index", True),
    ("CES", _("Customer Effort Score (CES)"), "index", True),
    ("CSAT", _("Customer satisfaction (CSAT)"), "percent", True),
    ("RR", _("Resolution rate (RR)"), "percent", True),
    ("CV-1", _("Conversation volume: mentions (CV-1)"), "count", True),
    ("CV-2", _("Conversation volume: interactions by channel (CV-2)"), "count", True),
    ("IQS", _("Internal quality score (IQS)"), "percent", True),
    ("TTFR", _("Time to first response (TTFR)"), "seconds", False),
    ("ER", _("Escalation rate (ER)"), "percent", False),
    ("FCR", _("First contact resolution (FCR)"), "percent", True),
    ("RpC", _("Replies per conversation (RpC)"), "ratio", False),
    ("EXT_RATING", _("External rating on review sites"), "stars", True),
    ("RESPONSE_RATE", _("Survey response rate"), "percent", True),
]

METRIC_NAMES = {code: name for code, name, _unit, _higher in METRICS}


def ensure_catalogue() -> None:
    """Put back any catalogue metric that is missing (a flushed or hand-edited database)."""
    from otklik.metrics.models import Metric

    for code, name, unit, higher in METRICS:
        Metric.objects.get_or_create(
            code=code, defaults={"name": str(name), "unit": unit, "higher_is_better": higher}
        )
