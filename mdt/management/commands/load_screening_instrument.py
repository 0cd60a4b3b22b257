from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from coordination.learning import instruments
from coordination.people.access import SYSTEM

from ...screening import instrument as screening
from ...screening import services


class Command(BaseCommand):
    help = (
        "Load a screening instrument (a new name, or a new version of one) from a YAML or "
        "JSON file; mdt/data/screening_instrument_demo.yaml shows the shape."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--translation",
            action="store_true",
            help="The file is a Spanish or Vietnamese translation of a loaded instrument.",
        )

    def handle(self, *args, path: str, translation: bool = False, **options):
        load = (
            services.screening_translation_load
            if translation
            else services.screening_instrument_load
        )
        try:
            loaded = load(actor=SYSTEM, data=screening.read(path))
        except ValidationError as error:
            raise CommandError(instruments.describe(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded {loaded}."))
