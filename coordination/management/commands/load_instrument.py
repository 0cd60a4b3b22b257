from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ...learning import instruments, services
from ...people.access import SYSTEM

LOADERS = {
    "survey": services.survey_instrument_load,
    "training": services.training_module_load,
    "survey-translation": services.survey_translation_load,
    "training-translation": services.training_translation_load,
}


class Command(BaseCommand):
    help = (
        "Load a collaboration-survey instrument (`survey`) or a training module with its "
        "knowledge test (`training`) from a YAML or JSON file, or a Spanish or Vietnamese "
        "translation of one (`survey-translation`, `training-translation`: the instrument "
        "is unchanged); coordination/data/ holds a demo of each shape."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(LOADERS))
        parser.add_argument("path")

    def handle(self, *args, kind: str, path: str, **options):
        try:
            loaded = LOADERS[kind](actor=SYSTEM, data=instruments.read(path))
        except ValidationError as error:
            raise CommandError(instruments.describe(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Loaded {loaded}."))
