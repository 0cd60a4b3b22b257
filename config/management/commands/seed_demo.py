from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coordination.demo import seed_directory, seed_learning, seed_people, seed_reporting
from coordination.plumbing.throttling import rate_limits_lifted
from mdt.demo import seed_mdts
from notifications.demo import seed_alerts
from phases.demo import seed_initiatives


class Command(BaseCommand):
    help = (
        "Fill the database with a believable demo state: Louisiana's regions and parishes, "
        "agencies, MDTs, initiatives in every phase, a little alert history, three years "
        "of annual reporting and one demo user per role, whose credentials are printed. "
        "Safe to run again: it fills in what is missing and resets the demo passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Give every demo user this password instead of a fresh random one.",
        )
        parser.add_argument(
            "--referrals",
            type=int,
            default=240,
            help="How many demo referrals to make (fewer makes a quicker demo).",
        )

    def handle(self, *args, password=None, referrals=240, **options):
        try:
            # The seed screens and raises alerts for many people in one go.
            with transaction.atomic(), rate_limits_lifted():
                seed_directory()
                credentials = seed_people(password)
                seed_reporting()
                credentials.update(seed_mdts(password, referrals))
                seed_initiatives()
                seed_learning()
                seed_alerts()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in as:"))
        width = max(len(name) for name in credentials)
        for username, (secret, what) in credentials.items():
            self.stdout.write(f"  {username.ljust(width)}  password: {secret}   ({what})")
