"""The admin shows initiatives, their records and every transition, read-only: phases move
only through the transitions on the initiative page or the API (which lock, check the
gates and record the history)."""

from django.contrib import admin

from coordination.admin import ReadOnly

from .models import ActionItem, DataRequest, Finding, Initiative, OutcomeMeasure, PhaseTransition


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0


class HistoryInline(ReadOnlyInline):
    model = PhaseTransition
    fields = readonly_fields = ("at", "by", "transition", "from_phase", "to_phase", "note")
    verbose_name_plural = "transitions"


class DataRequestInline(ReadOnlyInline):
    model = DataRequest
    fields = readonly_fields = ("agency", "description", "requested_on", "answered_on")


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = readonly_fields = ("statement", "summit", "recorded_on")


class ActionItemInline(ReadOnlyInline):
    model = ActionItem
    fields = readonly_fields = ("description", "owner_agency", "due_on", "status")


class OutcomeMeasureInline(ReadOnlyInline):
    model = OutcomeMeasure
    fields = readonly_fields = ("name", "baseline", "target", "result")


@admin.register(Initiative)
class InitiativeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "region", "phase", "coordinator", "opened_at", "closed_at")
    list_filter = ("region", "phase")
    search_fields = ("title",)
    readonly_fields = (
        "region",
        "title",
        "need_statement",
        "partner_agencies",
        "victim_categories",
        "parishes",
        "coordinator",
        "phase",
        "opened_at",
        "closed_at",
    )
    fields = readonly_fields
    inlines = [
        HistoryInline,
        DataRequestInline,
        FindingInline,
        ActionItemInline,
        OutcomeMeasureInline,
    ]


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "initiative", "transition", "from_phase", "to_phase", "by")
    list_filter = ("transition", "to_phase")
    fields = readonly_fields = (
        "initiative",
        "at",
        "by",
        "transition",
        "from_phase",
        "to_phase",
        "note",
    )
