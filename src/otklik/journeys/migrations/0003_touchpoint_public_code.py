"""Give every touchpoint its own public code (a callable default would repeat one value)."""

import secrets

from django.db import migrations, models

import otklik.journeys.models


def fill_codes(apps, schema_editor):
    Touchpoint = apps.get_model("journeys", "Touchpoint")
    for touchpoint in Touchpoint.objects.filter(public_code__isnull=True):
        touchpoint.public_code = secrets.token_urlsafe(9)
        touchpoint.save(update_fields=["public_code"])


class Migration(migrations.Migration):
    dependencies = [("journeys", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="touchpoint",
            name="public_code",
            field=models.CharField(max_length=16, null=True, editable=False),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="touchpoint",
            name="public_code",
            field=models.CharField(
                default=otklik.journeys.models.new_public_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="public code",
            ),
        ),
    ]
