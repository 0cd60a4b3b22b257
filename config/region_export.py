"""One region's de-identified data as one JSON document: for a records request, an audit,
or moving a region to another system. It spans every app, so it lives in `config` (which
wires the apps together).

What is in it is what Lantern stores, which holds no name, birth date, address, phone,
e-mail or SSN of anyone served. Staff are left out too: the export names no user, only
agencies and disciplines. Free text (notes, minutes, alert summaries) is included as
stored; the privacy guard refused identifying text when it was written.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from coordination.models import Agency, Parish, Region, RegionPractice, Summit, SummitAttendance
from mdt.models import MDT, Meeting, Referral, Screening, StatusUpdate
from notifications.models import Alert, AlertEvent
from phases.models import (
    ActionItem,
    DataRequest,
    Finding,
    Initiative,
    OutcomeMeasure,
    PhaseTransition,
)

FORMAT = "lantern-region-export/1"


def _rows(queryset: QuerySet, *fields: str) -> list[dict]:
    return list(queryset.order_by("pk").values(*fields))


def _grouped(rows: list[dict], key: str) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row.pop(key), []).append(row)
    return grouped


def region_export(region: Region) -> dict:
    """Everything Lantern holds about `region`, by kind, each list in id order."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "region": {"id": region.pk, "name": region.name, "slug": region.slug},
        "parishes": _rows(Parish.objects.filter(region=region), "id", "name", "fips_code"),
        "agencies": _rows(Agency.objects.filter(regions=region), "id", "name", "kind"),
        **_initiatives(region),
        **_mdt_work(region),
        "alerts": _alerts(region),
        **_learning(region),
    }


def _initiatives(region: Region) -> dict:
    initiatives = Initiative.objects.filter(region=region)
    history = _grouped(
        [
            {"initiative": row.pop("initiative_id"), **row}
            for row in _rows(
                PhaseTransition.objects.filter(initiative__region=region),
                "initiative_id", "transition", "from_phase", "to_phase", "at", "note",
            )
        ],
        "initiative",
    )  # fmt: skip
    of_these = {"initiative__in": initiatives}
    return {
        "initiatives": [
            {**row, "history": history.get(row["id"], [])}
            for row in _rows(
                initiatives,
                "id", "title", "need_statement", "phase", "victim_categories", "opened_at",
                "closed_at",
            )
        ],
        "data_requests": _rows(
            DataRequest.objects.filter(**of_these),
            "id", "initiative_id", "agency_id", "description", "requested_on", "answered_on",
        ),
        "findings": _rows(
            Finding.objects.filter(**of_these),
            "id", "initiative_id", "statement", "summit_id", "recorded_on",
        ),
        "action_items": _rows(
            ActionItem.objects.filter(**of_these),
            "id", "initiative_id", "description", "owner_agency_id", "due_on", "status",
        ),
        "outcome_measures": _rows(
            OutcomeMeasure.objects.filter(**of_these),
            "id", "initiative_id", "name", "baseline", "target", "result",
        ),
    }  # fmt: skip


def _mdt_work(region: Region) -> dict:
    referrals = Referral.objects.filter(mdt__region=region)
    updates = _grouped(
        _rows(
            StatusUpdate.objects.filter(referral__in=referrals),
            "referral_id",
            "on",
            "status",
            "note",
        ),
        "referral_id",
    )
    return {
        "mdts": _rows(MDT.objects.filter(region=region), "id", "name"),
        "meetings": _rows(
            Meeting.objects.filter(mdt__region=region),
            "id", "mdt_id", "starts_at", "ends_at", "status", "location", "minutes",
        ),
        "referrals": [
            {**row, "updates": updates.get(row["id"], [])}
            for row in _rows(
                referrals,
                "id", "case_code", "mdt_id", "received_on", "age_band", "trafficking_type",
                "victim_status", "referral_source", "parish_id", "needs", "notes", "status",
                "created_at", "closed_at",
            )
        ],
        "screenings": _rows(
            Screening.objects.filter(parish__region=region),
            "id", "instrument_id", "discipline", "parish_id", "age_band", "score", "band",
            "drivers", "screened_at", "referral_id",
        ),
    }  # fmt: skip


def _alerts(region: Region) -> list[dict]:
    alerts = Alert.objects.filter(region=region)
    events = _grouped(
        _rows(
            AlertEvent.objects.filter(alert__in=alerts),
            "alert_id",
            "kind",
            "at",
            "escalation_level",
        ),
        "alert_id",
    )
    return [
        {**row, "events": events.get(row["id"], [])}
        for row in _rows(
            alerts,
            "id", "severity", "summary", "referral_id", "status", "escalation_level",
            "raised_at", "acknowledged_at", "resolved_at",
        )
    ]  # fmt: skip


def _learning(region: Region) -> dict:
    return {
        "summits": _rows(
            Summit.objects.filter(region=region), "id", "held_on", "place", "organisers"
        ),
        "summit_attendance": _rows(
            SummitAttendance.objects.filter(summit__region=region),
            "summit_id", "discipline", "count",
        ),
        "practices": _rows(
            RegionPractice.objects.filter(region=region),
            "practice", "custom_name", "in_use", "since",
        ),
    }  # fmt: skip
