from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoordinationConfig(AppConfig):
    default = True
    name = "coordination"
    verbose_name = "Coordination: regions, agencies and people"


class LanternAdminConfig(admin_apps.AdminConfig):
    """Django admin, opened to state admins (not only `is_staff`) by Lantern's access policy."""

    default = False
    default_site = "coordination.admin_site.LanternAdminSite"
