from rest_framework import permissions

from ...people.access import access_for


class WritesBy(permissions.BasePermission):
    """Any signed-in user reads what their scope shows; only those `may_write` allows
    write, checked before a body is read. On a detail route the object is looked up
    (scoped) first, so an object outside the user's scope answers 404, not 403."""

    def may_write(self, access) -> bool:
        raise NotImplementedError

    def has_permission(self, request, view) -> bool:
        lookup = view.lookup_url_kwarg or view.lookup_field
        if request.method in permissions.SAFE_METHODS or lookup in view.kwargs:
            return True
        return self.may_write(access_for(request.user))


class StateAdminWrites(WritesBy):
    """Only state admins write; a visible object they may not change answers 403."""

    message = "Only a state admin may change this."

    def may_write(self, access) -> bool:
        return access.may_edit_reference_data

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access_for(request.user).may_edit_reference_data


class StateAdminOnly(permissions.BasePermission):
    message = "Only a state admin may manage people and roles."

    def has_permission(self, request, view) -> bool:
        return access_for(request.user).may_manage_people
