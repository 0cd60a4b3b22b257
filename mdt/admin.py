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


@admin.register(Membership)
class MembershipAdmin(StateAdminOnly, admin.ModelAdmin):
    """Add or remove MDT members; the service grants or withdraws the `mdt_member` role
    with the membership."""

    list_display = ("user", "mdt", "agency", "discipline", "joined_on")
    list_filter = ("mdt", "discipline")
    autocomplete_fields = ("user",)
    fields = ("mdt", "user", "agency", "discipline")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        created = services.membership_add(actor=request.user, **form.cleaned_data)
        obj.pk = created.pk

    def delete_model(self, request, obj):
        services.membership_remove(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_remove(actor=request.user, membership=membership)
