"""Print a new private key for RECEIPT_SIGNING_KEY (providers' submission receipts)."""

from django.core.management.base import BaseCommand

from coordination.reporting import receipts


class Command(BaseCommand):
    help = "Print a new Ed25519 private key for RECEIPT_SIGNING_KEY."

    def handle(self, *args, **options):
        self.stdout.write(receipts.new_private_key())
        self.stderr.write(
            "Set it as RECEIPT_SIGNING_KEY on the web processes and the task worker, and keep "
            "it: receipts signed with an earlier key no longer verify once it changes."
        )
