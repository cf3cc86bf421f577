"""Load the App. 4 metric catalogue, so every installation knows the codes."""

from django.db import migrations

# Frozen here: a migration must not change when the catalogue module does.
CATALOGUE = [
    ("NPS", "Net Promoter Score (NPS)", "index", True),
    ("CES", "Customer Effort Score (CES)", "index", True),
    ("CSAT", "Customer satisfaction (CSAT)", "percent", True),
    ("RR", "Resolution rate (RR)", "percent", True),
    ("CV-1", "Conversation volume: mentions (CV-1)", "count", True),
    ("CV-2", "Conversation volume: interactions by channel (CV-2)", "count", True),
    ("IQS", "Internal quality score (IQS)", "percent", True),
    ("TTFR", "Time to first response (TTFR)", "seconds", False),
    ("ER", "Escalation rate (ER)", "percent", False),
    ("FCR", "First contact resolution (FCR)", "percent", True),
    ("RpC", "Replies per conversation (RpC)", "ratio", False),
    ("EXT_RATING", "External rating on review sites", "stars", True),
    ("RESPONSE_RATE", "Survey response rate", "percent", True),
]


def load(apps, schema_editor):
    Metric = apps.get_model("metrics", "Metric")
    for code, name, unit, higher in CATALOGUE:
        Metric.objects.update_or_create(
            code=code, defaults={"name": name, "unit": unit, "higher_is_better": higher}
        )


class Migration(migrations.Migration):
    dependencies = [("metrics", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
