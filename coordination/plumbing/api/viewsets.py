"""The API's base viewset: lists from scoped selectors, writes through services."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class ServiceViewSet(viewsets.GenericViewSet):
    """Create, update and delete through services; lists come from scoped selectors.

    Put it first among a viewset's bases, so that its `perform_*` win over the mixins'
    (which would call `serializer.save()` and skip the service).

    Subclasses name `selector`, and the services `create_service`, `update_service`,
    `delete_service` (taking the instance as `instance_argument`).
    """

    selector = None
    create_service = None
    update_service = None
    delete_service = None
    instance_argument = ""
    update_serializer_class = None

    def get_queryset(self):
        return self.selector(user=self.request.user)

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"} and self.update_serializer_class:
            return self.update_serializer_class
        return self.serializer_class

    def perform_create(self, serializer):
        serializer.instance = self.create_service(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            actor=self.request.user,
            **{self.instance_argument: serializer.instance, "data": serializer.validated_data},
        )

    def perform_destroy(self, instance):
        self.delete_service(actor=self.request.user, **{self.instance_argument: instance})


def transition_action(
    name: str,
    *,
    service,
    instance_argument: str,
    request_serializer,
    response_serializer,
    attribute: str | None = None,
):
    """A `POST …/<id>/<name>/` action that runs a state-transition service and answers
    the updated object. `attribute` is the viewset attribute it is bound to (when `name`
    is a Python keyword such as `return`)."""
    noun = instance_argument.replace("_", " ")

    @extend_schema(
        request=request_serializer,
        responses=response_serializer,
        summary=f"{name.capitalize()} the {noun}",
    )
    def run(self, request, pk=None):
        body = request_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = service(
            actor=request.user,
            transition=name,
            **{instance_argument: self.get_object()},
            **body.validated_data,
        )
        return Response(response_serializer(changed, context={"request": request}).data)

    run.__name__ = attribute or name
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(run)
