from django.contrib import admin

from coordination.admin import ServiceSaves

from . import services
from .models import MDT


@admin.register(MDT)
class MDTAdmin(ServiceSaves, admin.ModelAdmin):
    list_display = ("name", "region", "chair")
    list_filter = ("region",)
    search_fields = ("name",)
    filter_horizontal = ("parishes",)
    create_service = staticmethod(services.mdt_create)
    update_service = staticmethod(services.mdt_update)
    instance_argument = "mdt"
