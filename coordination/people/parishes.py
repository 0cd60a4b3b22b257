"""Louisiana's 64 parishes, shipped as data (coordination/data/louisiana_parishes.csv)."""

import csv
from pathlib import Path

PARISHES_CSV = Path(__file__).resolve().parent.parent / "data" / "louisiana_parishes.csv"


def load_louisiana_parishes(parish_model) -> int:
    """Insert the parishes that are missing; returns how many were added.

    Takes the model class so that the data migration can pass its historical model.
    """
    with PARISHES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(parish_model.objects.values_list("fips_code", flat=True))
    added = parish_model.objects.bulk_create(
        parish_model(name=row["name"], fips_code=row["fips_code"])
        for row in rows
        if row["fips_code"] not in existing
    )
    return len(added)
