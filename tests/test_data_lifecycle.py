"""Data lifecycle: retention deletes closed referrals and old audit entries past their
settings (and nothing else); a region's export holds its de-identified data only."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from coordination.models import AuditEntry
from coordination.people.services import audit_record
from mdt import services as mdt_services
from mdt.models import Referral, StatusUpdate
from notifications import services as notifications_services
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.phases.factories import InitiativeFactory

DAY = datetime.timedelta(days=1)


def closed_referral(world, days_ago: int) -> Referral:
    referral = ReferralFactory(mdt=world.mdt, notes="Met at the school office")
    mdt_services.referral_transition(
        actor=world.users["mdt_member"], referral=referral, transition="close", note="Done"
    )
    Referral.objects.filter(pk=referral.pk).update(closed_at=timezone.now() - days_ago * DAY)
    return referral


def test_retention_deletes_only_what_is_past_its_time(world, settings):
    settings.RETENTION_CLOSED_REFERRAL_DAYS = 30
    settings.RETENTION_AUDIT_DAYS = 60
    expired = closed_referral(world, days_ago=31)
    recent = closed_referral(world, days_ago=29)
    open_but_old = ReferralFactory(mdt=world.mdt)
    Referral.objects.filter(pk=open_but_old.pk).update(created_at=timezone.now() - 400 * DAY)
    user = world.users["state_admin"]
    old_entry = audit_record(user=user, action="read_list", object_type="referral", object_ids=[1])
    AuditEntry.objects.filter(pk=old_entry.pk).update(at=timezone.now() - 61 * DAY)
    kept_entries = AuditEntry.objects.count() - 1

    dry = StringIO()
    call_command("apply_retention", "--dry-run", stdout=dry)
    assert "would delete 1 referral(s)" in dry.getvalue()
    assert "1 audit entry" in dry.getvalue()
    assert Referral.objects.filter(pk=expired.pk).exists()

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "deleted 1 referral(s)" in out.getvalue()
    assert set(Referral.objects.values_list("pk", flat=True)) == {recent.pk, open_but_old.pk}
    assert not StatusUpdate.objects.filter(referral_id=expired.pk).exists()
    assert AuditEntry.objects.count() == kept_entries


def test_retention_of_zero_days_keeps_for_ever(world, settings):
    settings.RETENTION_CLOSED_REFERRAL_DAYS = 0
    settings.RETENTION_AUDIT_DAYS = 0
    closed_referral(world, days_ago=5000)
    call_command("apply_retention", stdout=StringIO())
    assert Referral.objects.count() == 1


def test_an_alert_about_an_expired_referral_stays_without_the_link(world, settings):
    settings.RETENTION_CLOSED_REFERRAL_DAYS = 30
    expired = closed_referral(world, days_ago=40)
    alert = notifications_services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent",
        summary="Follow-up on an old case", referral=expired,
    )  # fmt: skip
    call_command("apply_retention", stdout=StringIO())
    alert.refresh_from_db()
    assert alert.referral is None


# --- the region export ---------------------------------------------------------------------
@pytest.fixture
def region_data(world):
    InitiativeFactory(region=world.home, title="Truck-stop outreach")
    InitiativeFactory(region=world.away, title="Away initiative")
    home = ReferralFactory(mdt=world.mdt, notes="Seen twice at the bus station")
    away = ReferralFactory(mdt=MDTFactory(name="Away MDT", region=world.away))
    notifications_services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent",
        summary="Youth at a motel; LE en route", referral=home,
    )  # fmt: skip
    return home, away


def test_a_region_export_holds_that_region_only_and_names_no_user(api, world, region_data):
    home, away = region_data
    response = api("state_admin").get(f"/api/v1/regions/{world.home.pk}/export/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = response.json()
    assert document["format"] == "lantern-region-export/1"
    assert [r["case_code"] for r in document["referrals"]] == [home.case_code]
    assert [i["title"] for i in document["initiatives"]] == ["Truck-stop outreach"]
    assert document["alerts"][0]["events"][0]["kind"] == "raised"
    text = json.dumps(document)
    assert away.case_code not in text
    for user in world.users.values():
        if user is not None:
            assert f'"{user.get_username()}"' not in text
    assert AuditEntry.objects.filter(object_type="region", detail="export").count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 403),
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
        ("anonymous", 401),
    ],
)
def test_only_state_admins_export_a_region(api, world, region_data, persona, status):
    assert api(persona).get(f"/api/v1/regions/{world.home.pk}/export/").status_code == status
    assert not AuditEntry.objects.filter(object_type="region").exists()


def test_exporting_a_region_that_does_not_exist_is_404(api, world):
    assert api("state_admin").get("/api/v1/regions/999999/export/").status_code == 404


def test_the_export_command_writes_the_same_document(world, region_data, tmp_path):
    target = tmp_path / "home.json"
    call_command("export_region", "home", "--output", str(target), stderr=StringIO())
    document = json.loads(target.read_text())
    assert document["region"]["slug"] == "home"
    assert len(document["referrals"]) == 1
    with pytest.raises(CommandError, match="Regions: "):
        call_command("export_region", "nowhere")
