from django.contrib import admin
from django.contrib.auth.views import redirect_to_login

from .access import access_for


class LanternAdminSite(admin.AdminSite):
    """The Django admin, open to state admins only (a superuser counts as one)."""

    site_header = "Lantern administration"
    site_title = "Lantern administration"
    index_title = "State administration"

    def has_permission(self, request) -> bool:
        return access_for(request.user).may_use_admin_site

    def login(self, request, extra_context=None):
        # One sign-in page for everyone; the admin's own form insists on is_staff.
        return redirect_to_login(request.get_full_path())
