"""Write one region's de-identified data as JSON (see config/region_export.py)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from config.region_export import region_export
from coordination.models import Region


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("region", help="The region's slug.")
        parser.add_argument("--output", help="A file to write (default: standard output).")

    def handle(self, *args, region: str, output: str | None, **options):
        try:
            chosen = Region.objects.get(slug=region)
        except Region.DoesNotExist as missing:
            known = ", ".join(Region.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No region “{region}”. Regions: {known}.") from missing
        document = json.dumps(region_export(chosen), cls=DjangoJSONEncoder, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(document + "\n")
            self.stderr.write(f"Wrote {chosen.name} to {output}.")
        else:
            sys.stdout.write(document + "\n")
