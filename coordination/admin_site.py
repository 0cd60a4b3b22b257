from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .people.access import access_for


class LanternAdminSite(admin.AdminSite):
    """The Django admin, open to state admins only (a superuser counts as one)."""

    site_header = "Lantern administration"
    site_title = "Lantern administration"
    index_title = "State administration"

    def has_permission(self, request) -> bool:
        return access_for(request.user).may_use_admin_site

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def signed_in_but_not_allowed(request, *args, **kwargs):
            # A signed-in user without the role gets a plain 403, not a trip to sign-in
            # (which would send them straight back here).
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied("The administration is for state admins.")
            return inner(request, *args, **kwargs)

        return update_wrapper(signed_in_but_not_allowed, inner)

    def login(self, request, extra_context=None):
        # One sign-in page for everyone; the admin's own form insists on is_staff.
        return redirect_to_login(request.GET.get("next") or self.index_url())

    def index_url(self) -> str:
        from django.urls import reverse

        return reverse("admin:index", current_app=self.name)
