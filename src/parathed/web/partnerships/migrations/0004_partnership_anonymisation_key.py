"""A random key per partnership for the order of its anonymised letters."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import migrations, models

import parathed.web.partnerships.models


def fill_keys(apps: Any, schema_editor: Any) -> None:
    """Gives every existing partnership its own key (not one shared default)."""
    partnership = apps.get_model("partnerships", "Partnership")
    for row in partnership.objects.all().only("pk"):
        row.anonymisation_key = secrets.token_hex(32)
        row.save(update_fields=["anonymisation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_round_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="anonymisation_key",
            field=models.CharField(
                default="",
                editable=False,
                max_length=64,
                verbose_name="anonymisation key",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnership",
            name="anonymisation_key",
            field=models.CharField(
                default=parathed.web.partnerships.models.new_anonymisation_key,
                editable=False,
                max_length=64,
                verbose_name="anonymisation key",
            ),
        ),
    ]
