"""Issue 19: every accepted submission gets a receipt — the checks it passed, a digest of
exactly what was stored, Lantern's signature — that the provider's counsel can verify with
a command or a page; one changed byte in the stored rows or in the receipt fails it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from coordination.models import ServedCase, SubmissionReceipt
from coordination.reporting import receipts
from tests.coordination.reporting import case_rows, open_year, providers, submit


@pytest.fixture
def version(world):
    (agency,) = providers(1)
    cycle = open_year(world.users["state_admin"], 2024, [agency])
    rows = case_rows(
        [(3, "sex", "confirmed", True), (2, "labor", "confirmed", False)], world.home_parish
    )
    return submit(agency, cycle, rows, [world.home_parish])


def test_an_accepted_version_gets_a_receipt_that_verifies(version):
    document = version.receipt.document
    assert document["provider"]["name"] == "Provider 1"
    assert (document["reporting_year"], document["version"], document["case_rows"]) == (2024, 1, 5)
    assert [check["check"] for check in document["checks_passed"]] == [
        "coded_fields_only",
        "privacy_guard",
        "row_checks",
    ]
    assert document["digest"]["value"] == receipts.digest(version)
    assert receipts.verify(document) == []


def test_one_changed_byte_in_the_stored_rows_fails_verification(version):
    document = version.receipt.document
    row = ServedCase.objects.filter(version=version).order_by("case_code").first()
    row.status_update = "lost_contact"  # one stored value changed behind Lantern's back
    row.save()
    assert receipts.verify(document) == [
        "What Lantern stores for this version no longer matches the receipt."
    ]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.update(case_rows=4),
        lambda d: d["provider"].update(name="Provider 2"),
        # The digest's last digit, changed to another (it may be "0" already).
        lambda d: d["digest"].update(
            value=d["digest"]["value"][:-1] + ("1" if d["digest"]["value"][-1] == "0" else "0")
        ),
        # A character inside the signature (its last ones may hold only padding bits).
        lambda d: d.update(
            signature=d["signature"][:10]
            + ("B" if d["signature"][10] != "B" else "C")
            + d["signature"][11:]
        ),
        lambda d: d.pop("signature"),
    ],
)
def test_one_changed_byte_in_the_receipt_fails_verification(version, tamper):
    document = json.loads(json.dumps(version.receipt.document))
    tamper(document)
    problems = receipts.verify(document)
    assert problems
    assert "signature" in problems[0] or "not" in problems[0]


def test_the_command_and_the_page_verify_a_receipt(version, tmp_path, capsys):
    path = tmp_path / "receipt.json"
    path.write_text(receipts.canonical_pretty(version.receipt.document))
    call_command("verify_receipt", str(path))
    assert "Verified: version 1 of Provider 1's 2024 report" in capsys.readouterr().out
    page = Client().post(
        "/receipts/verify/",
        {"file": SimpleUploadedFile("receipt.json", path.read_bytes())},
    )
    assert "Verified." in page.content.decode()
    changed = path.read_text().replace('"case_rows": 5', '"case_rows": 50')
    path.write_text(changed)
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_receipt", str(path))
    refused = Client().post("/receipts/verify/", {"text": changed}).content.decode()
    assert "Not verified." in refused
    broken = Client().post("/receipts/verify/", {"text": "{not json"}).content.decode()
    assert "This is not a receipt" in broken


def test_the_provider_downloads_its_receipt_as_json_and_pdf(version):
    agency = version.submission.agency
    client = Client()
    client.force_login(agency.reporter)
    base = f"/reporting/{version.submission.cycle_id}/{agency.pk}/versions/1/receipt"
    as_json = client.get(base + ".json")
    assert as_json.status_code == 200
    assert receipts.verify(json.loads(as_json.content)) == []
    as_pdf = client.get(base + ".pdf")
    assert as_pdf.content.startswith(b"%PDF")
    outsider = Client()
    outsider.force_login(providers(1, prefix="Other")[0].reporter)
    assert outsider.get(base + ".json").status_code == 404


def test_a_version_accepted_before_receipts_gets_one_when_asked(version):
    SubmissionReceipt.objects.all().delete()
    agency = version.submission.agency
    client = Client()
    client.force_login(agency.reporter)
    url = f"/reporting/{version.submission.cycle_id}/{agency.pk}/versions/1/receipt.json"
    first = json.loads(client.get(url).content)
    again = json.loads(client.get(url).content)
    assert first == again  # issued once, then kept
    assert receipts.verify(first) == []
    assert first["issued_after_acceptance"] is True
    assert "privacy_guard" in [check["check"] for check in first["checks_passed"]]


def test_a_late_receipt_claims_the_code_check_only_if_the_stored_codes_pass_it_today(version):
    SubmissionReceipt.objects.all().delete()
    row = ServedCase.objects.filter(version=version).first()
    row.case_code = "KIM-2024"  # stored before the name check existed
    row.save()
    document = receipts.receipt_document(version, issued_at=version.submitted_at, late=True)
    assert "privacy_guard" not in [check["check"] for check in document["checks_passed"]]


def test_the_api_gives_the_provider_its_receipt(version, world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(version.submission.agency.reporter)
    url = f"/api/v1/annual-submissions/{version.submission_id}/receipt/"
    answer = client.get(url)
    assert answer.status_code == 200
    assert receipts.verify(answer.json()) == []
    assert client.get(url, {"version": "1"}).json() == answer.json()
    assert client.get(url, {"version": "7"}).status_code == 404
    assert client.get(url, {"version": "one"}).status_code == 400
    admin = APIClient()
    admin.force_authenticate(world.users["state_admin"])
    assert admin.get(url).status_code == 403


def test_the_signing_key_is_checked_and_an_earlier_key_still_verifies(version, settings):
    document = version.receipt.document
    earlier_public = receipts.public_key_text()
    receipts._private_key.cache_clear()
    settings.RECEIPT_SIGNING_KEY = receipts.new_private_key()
    try:
        assert receipts.verify(document) == ["This receipt was not signed with this Lantern's key."]
        settings.RECEIPT_EARLIER_PUBLIC_KEYS = [earlier_public]
        assert receipts.verify(document) == []
        settings.RECEIPT_SIGNING_KEY = "not-a-key"
        receipts._private_key.cache_clear()
        assert "lantern.E001" in [problem.id for problem in receipts.key_problems()]
        settings.RECEIPT_SIGNING_KEY, settings.DEBUG = "", False
        assert "lantern.W001" in [problem.id for problem in receipts.key_problems()]
    finally:
        receipts._private_key.cache_clear()
