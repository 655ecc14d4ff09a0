"""Loads the 98 municipalities from the package's reference data."""

from django.db import migrations


def load(apps, schema_editor):
    from parathed.reference.municipalities import all_municipalities

    municipality = apps.get_model("partnerships", "Municipality")
    for ref in all_municipalities():
        municipality.objects.update_or_create(
            code=ref.code,
            defaults={
                "name": ref.name,
                "region_code": ref.region_code,
                "region": ref.region,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
