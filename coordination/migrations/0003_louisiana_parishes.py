"""Ship Louisiana's 64 parishes (name and Census FIPS code) as data. Regions group them
and are made by each deployment (the demo seeds Louisiana's nine health regions)."""

import csv
from pathlib import Path

from django.db import migrations

PARISHES_CSV = Path(__file__).resolve().parent.parent / "data" / "louisiana_parishes.csv"


def load_parishes(apps, schema_editor):
    Parish = apps.get_model("coordination", "Parish")
    with PARISHES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(Parish.objects.values_list("fips_code", flat=True))
    Parish.objects.bulk_create(
        Parish(name=row["name"], fips_code=row["fips_code"])
        for row in rows
        if row["fips_code"] not in existing
    )


def unload_parishes(apps, schema_editor):
    apps.get_model("coordination", "Parish").objects.filter(fips_code__startswith="22").delete()


class Migration(migrations.Migration):
    dependencies = [("coordination", "0002_initial")]
    operations = [migrations.RunPython(load_parishes, unload_parishes)]
