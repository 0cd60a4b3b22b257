"""Ship Louisiana's 64 parishes (name and Census FIPS code) as data. Regions group them
and are made by each deployment (the demo seeds Louisiana's nine health regions)."""

from django.db import migrations

from coordination.people.parishes import load_louisiana_parishes


def load_parishes(apps, schema_editor):
    load_louisiana_parishes(apps.get_model("coordination", "Parish"))


def unload_parishes(apps, schema_editor):
    apps.get_model("coordination", "Parish").objects.filter(fips_code__startswith="22").delete()


class Migration(migrations.Migration):
    dependencies = [("coordination", "0002_initial")]
    operations = [migrations.RunPython(load_parishes, unload_parishes)]
