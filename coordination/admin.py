"""Django admin for coordination's records: state admins only, writes through services."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .people import services as people_services
from .people.access import access_for
from .people.models import Agency, AuditEntry, Parish, Region, Role, RoleAssignment


class StateAdminOnly:
    """Every admin screen answers to the access policy, not Django's model permissions."""

    def _allowed(self, request, obj=None) -> bool:
        return access_for(request.user).may_use_admin_site

    has_module_permission = _allowed
    has_view_permission = _allowed
    has_add_permission = _allowed
    has_change_permission = _allowed
    has_delete_permission = _allowed


class ReadOnly(StateAdminOnly):
    """State admins look; nobody writes here (records changed only through services)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceSaves(StateAdminOnly):
    """Saves from the admin go through the app's services, like every other write."""

    create_service = None
    update_service = None
    delete_service = None
    instance_argument = None

    def has_add_permission(self, request, *args) -> bool:
        return self.create_service is not None and self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.delete_service is not None and self._allowed(request)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.cleaned_data}
        if change:
            # The form has already set its values on `obj`; hand the service the stored
            # row so that it sees (and validates) what actually changes.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            self.update_service(
                actor=request.user, **{self.instance_argument: stored, "data": data}
            )
        else:
            created = self.create_service(actor=request.user, **data)
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        # Many-to-many values were set by the service already.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.delete_service(actor=request.user, **{self.instance_argument: obj})

    def delete_queryset(self, request, queryset):
        # The list's "delete selected" goes through the service too, one row at a time.
        for obj in queryset:
            self.delete_model(request, obj)


class ParishInline(admin.TabularInline):
    model = Parish
    fields = ("name", "fips_code")
    readonly_fields = ("name", "fips_code")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ServiceSaves, admin.ModelAdmin):
    list_display = ("name", "slug", "escalation_minutes", "acknowledgement_timeout_minutes")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    inlines = [ParishInline]
    create_service = staticmethod(people_services.region_create)
    update_service = staticmethod(people_services.region_update)
    delete_service = staticmethod(people_services.region_delete)
    instance_argument = "region"


@admin.register(Parish)
class ParishAdmin(ServiceSaves, admin.ModelAdmin):
    list_display = ("name", "fips_code", "region")
    list_filter = ("region",)
    search_fields = ("name", "fips_code")
    fields = ("name", "fips_code", "region")
    readonly_fields = ("name", "fips_code")
    update_service = staticmethod(people_services.parish_update)  # the 64 parishes ship as data
    instance_argument = "parish"


@admin.register(Agency)
class AgencyAdmin(ServiceSaves, admin.ModelAdmin):
    list_display = ("name", "kind", "is_service_provider", "receives_federal_victim_funds")
    list_filter = ("kind", "is_service_provider", "receives_federal_victim_funds", "regions")
    search_fields = ("name",)
    filter_horizontal = ("regions",)
    create_service = staticmethod(people_services.agency_create)
    update_service = staticmethod(people_services.agency_update)
    delete_service = staticmethod(people_services.agency_delete)
    instance_argument = "agency"


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceSaves, admin.ModelAdmin):
    """Roles are granted and withdrawn here, except an MDT member's: that role comes with
    a place on the MDT (MDT memberships), so the two are never out of step."""

    list_display = ("user", "role", "region", "duty", "mdt", "agency", "created_at")
    list_filter = ("role", "region", "duty")
    search_fields = ("user__username",)
    autocomplete_fields = ("user",)
    fields = ("user", "role", "region", "duty", "agency")
    create_service = staticmethod(people_services.role_assignment_create)
    delete_service = staticmethod(people_services.role_assignment_delete)
    instance_argument = "assignment"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            # No role is picked for the admin: granting a state admin takes a choice.
            kwargs["choices"] = [("", "---------")] + [
                c for c in Role.choices if c[0] != Role.MDT_MEMBER
            ]
            kwargs["help_text"] = people_services.MDT_ROLE_COMES_WITH_MEMBERSHIP
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # A role is granted or withdrawn, never edited in place: the history stays honest.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.role == Role.MDT_MEMBER:
            return False
        return super().has_delete_permission(request, obj)


class RoleAssignmentInline(StateAdminOnly, admin.TabularInline):
    """A person's roles, to read: they are granted on Roles (and on MDT memberships)."""

    model = RoleAssignment
    fields = readonly_fields = ("role", "region", "duty", "mdt", "agency")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class LanternUserAdmin(StateAdminOnly, UserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ("username", "email", "is_active", "last_login")
    list_filter = ("is_active", "role_assignments__role")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Deactivated here as through the API: their API tokens end for good. (A password
        # set here ends them too: each token is bound to the password it was issued under.)
        if change and not obj.is_active:
            people_services.user_credentials_end(user=obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly, admin.ModelAdmin):
    """The audit log, read-only: it is appended to by services, never edited."""

    list_display = ("at", "user", "action", "object_type", "object_ids", "detail")
    list_filter = ("action", "object_type")
    search_fields = ("user__username",)
    fields = readonly_fields = ("at", "user", "action", "object_type", "object_ids", "detail")
