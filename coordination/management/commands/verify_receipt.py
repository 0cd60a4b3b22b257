"""Verify a provider's submission receipt (its JSON file): Lantern's signature, and that
what Lantern stores for the version still matches its digest."""

import json

from django.core.management.base import BaseCommand, CommandError

from coordination.reporting import receipts

MAX_BYTES = 64 * 1024  # a receipt is about 2 KB


class Command(BaseCommand):
    help = "Verify a submission receipt (JSON) against Lantern's key and its stored data."

    def add_arguments(self, parser):
        parser.add_argument("receipt", help="The receipt's JSON file.")

    def handle(self, *args, receipt: str, **options):
        try:
            with open(receipt, "rb") as file:
                data = file.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise CommandError("This file is far larger than a receipt.")
            document = json.loads(data)
        except (OSError, ValueError, RecursionError) as error:
            raise CommandError(f"Cannot read the receipt: {type(error).__name__}.") from error
        problems = receipts.verify(document)
        if problems:
            raise CommandError(" ".join(problems))
        self.stdout.write(
            f"Verified: version {document['version']} of {document['provider']['name']}'s "
            f"{document['reporting_year']} report, as Lantern stores it, signed by Lantern "
            f"(key {receipts.public_key_text()})."
        )
