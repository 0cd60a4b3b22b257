from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


def install_plumbing() -> None:
    # Before any form is built (the admin builds some as it starts): every field class
    # then words its refusals without the client's value.
    from coordination.plumbing import messages

    messages.install()


class CoordinationConfig(AppConfig):
    default = True
    name = "coordination"
    verbose_name = "Coordination: regions, agencies and people"

    def ready(self):
        install_plumbing()
        from django.core import checks

        from coordination.reporting.receipts import key_problems

        checks.register(lambda app_configs, **kwargs: key_problems(), checks.Tags.security)

        from coordination.plumbing import upkeep
        from coordination.reporting.services import reminders_send

        upkeep.register("reporting reminders", reminders_send, every=3600)


class LanternAdminConfig(admin_apps.AdminConfig):
    """Django admin, opened to state admins (not only `is_staff`) by Lantern's access policy."""

    default = False
    default_site = "coordination.admin_site.LanternAdminSite"

    def ready(self):
        install_plumbing()  # the admin's app comes first in INSTALLED_APPS
        super().ready()
