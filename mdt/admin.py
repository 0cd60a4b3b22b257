from django.contrib import admin

from coordination.admin import ServiceSaves, StateAdminOnly

from . import services
from .models import MDT, Membership


class MembershipInline(StateAdminOnly, admin.TabularInline):
    """Shown here; members are added through `membership_add`, which also grants the role."""

    model = Membership
    fields = readonly_fields = ("user", "agency", "discipline", "joined_on")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MDT)
class MDTAdmin(ServiceSaves, admin.ModelAdmin):
    list_display = ("name", "region", "chair")
    list_filter = ("region",)
    search_fields = ("name",)
    filter_horizontal = ("parishes",)
    inlines = [MembershipInline]
    create_service = staticmethod(services.mdt_create)
    update_service = staticmethod(services.mdt_update)
    instance_argument = "mdt"
