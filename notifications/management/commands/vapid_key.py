"""Print a new VAPID private key for WEB_PUSH_VAPID_PRIVATE_KEY (phone notifications)."""

from django.core.management.base import BaseCommand

from notifications.push import vapid


class Command(BaseCommand):
    help = "Print a new VAPID private key for WEB_PUSH_VAPID_PRIVATE_KEY."

    def handle(self, *args, **options):
        self.stdout.write(vapid.new_private_key())
        self.stderr.write(
            "Set it as WEB_PUSH_VAPID_PRIVATE_KEY on the web processes and the alert worker. "
            "Changing it later means every device subscribes again."
        )
