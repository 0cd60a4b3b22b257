from rest_framework import permissions

from ...people.access import access_for


class StateAdminWrites(permissions.BasePermission):
    """Any signed-in user reads what their scope shows; only state admins write.

    On a detail route the object is looked up (scoped) first, so an object outside the
    user's scope answers 404 and a visible one they may not change answers 403.
    """

    message = "Only a state admin may change this."

    def has_permission(self, request, view) -> bool:
        lookup = view.lookup_url_kwarg or view.lookup_field
        if request.method in permissions.SAFE_METHODS or lookup in view.kwargs:
            return True
        return access_for(request.user).may_edit_reference_data

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access_for(request.user).may_edit_reference_data


class StateAdminOnly(permissions.BasePermission):
    message = "Only a state admin may manage people and roles."

    def has_permission(self, request, view) -> bool:
        return access_for(request.user).may_manage_people
