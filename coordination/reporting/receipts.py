"""A provider's receipt: proof of what Lantern accepted and stored for a submission version,
and of the checks it passed. It carries a SHA-256 digest of the stored content in a
canonical form and Lantern's Ed25519 signature over the whole receipt, so the provider's
counsel can verify it later (`manage.py verify_receipt`, or the page `/receipts/verify/`)
against Lantern's public key and against what Lantern still stores.

`RECEIPT_SIGNING_KEY` holds the private key (base64url of its 32 raw bytes, as
`manage.py receipt_key` prints it). Without it the key is derived from SECRET_KEY, so it
changes if SECRET_KEY does: production sets its own."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import io
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

FORMAT = "lantern-submission-receipt/1"
CHECKS = [
    (
        "coded_fields_only",
        "Every field is a code from Lantern's lists, a Louisiana parish or a count: the "
        "submission holds no free text.",
    ),
    (
        "privacy_guard",
        "Every case code passed the privacy guard's code check: the shape of a code, no "
        "common given name, and no Social Security number, phone number or full date in "
        "it. (A check, not a proof: a surname or a rare name in a code can pass it.)",
    ),
    (
        "row_checks",
        "Every row passed its checks (its codes, its parish, no case code twice), and the "
        "totals of children and adults agree with the rows.",
    ),
]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _private_key(setting: str, secret: str) -> Ed25519PrivateKey:
    if setting:
        return Ed25519PrivateKey.from_private_bytes(_unb64(setting))
    seed = hashlib.sha256(b"lantern-receipt-key:" + secret.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.RECEIPT_SIGNING_KEY, settings.SECRET_KEY)


def public_key_text() -> str:
    """Lantern's public key (base64url of the raw 32 bytes): what verifies a receipt."""
    raw = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return _b64(raw)


def trusted_public_keys() -> list[str]:
    """The key signing now, and earlier ones that still verify the receipts they signed
    (`RECEIPT_EARLIER_PUBLIC_KEYS`, after a key is changed)."""
    return [public_key_text(), *settings.RECEIPT_EARLIER_PUBLIC_KEYS]


def new_private_key() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return _b64(raw)


def canonical(data) -> bytes:
    """One byte sequence for one content: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def stored_content(version) -> dict:
    """What Lantern stores for a version, in a canonical form (parishes by FIPS code, rows
    by case code)."""
    rows = version.cases.order_by("case_code").values_list(
        "case_code",
        "trafficking_type",
        "victim_status",
        "age_band",
        "parish__fips_code",
        "status_update",
    )
    return {
        "services_offered": sorted(version.services_offered),
        "parishes_served": sorted(version.parishes_served.values_list("fips_code", flat=True)),
        "children_served": version.children_served,
        "adults_served": version.adults_served,
        "cases": [list(row) for row in rows],
    }


def digest(version) -> str:
    return hashlib.sha256(canonical(stored_content(version))).hexdigest()


def _checks_passed(version, late: bool) -> list[dict]:
    """The checks the version passed. A receipt issued after acceptance (a version from
    before receipts) runs the code check again on what is stored, and claims it only if
    every case code passes it today."""
    checks = CHECKS
    if late:
        from ..privacy.codes import code_problem

        codes = version.cases.values_list("case_code", flat=True).iterator()
        if any(code_problem(code) for code in codes):
            checks = [check for check in CHECKS if check[0] != "privacy_guard"]
    return [{"check": code, "means": means} for code, means in checks]


def receipt_document(version, *, issued_at, late: bool = False) -> dict:
    """The signed receipt of a version; `late` when issued after it was accepted."""
    submission = version.submission
    document = {
        "format": FORMAT,
        "issued_at": issued_at.isoformat(),
        "provider": {"id": submission.agency_id, "name": submission.agency.name},
        "reporting_year": submission.cycle.year,
        "reporting_cycle": submission.cycle.label,
        "submission": submission.pk,
        "version": version.number,
        "submitted_at": version.submitted_at.isoformat(),
        "case_rows": version.cases.count(),
        "children_served": version.children_served,
        "adults_served": version.adults_served,
        "issued_after_acceptance": late,
        "checks_passed": _checks_passed(version, late),
        "digest": {
            "algorithm": "sha256",
            "of": "the stored content, canonical JSON",
            "value": digest(version),
        },
        "public_key": public_key_text(),
    }
    document["signature"] = _b64(private_key().sign(canonical(document)))
    return document


def signature_problem(document: dict) -> str | None:
    """None when the receipt is one Lantern signed, unchanged; else what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return "This is not a Lantern submission receipt."
    signed = {key: value for key, value in document.items() if key != "signature"}
    if signed.get("public_key") not in trusted_public_keys():
        return "This receipt was not signed with this Lantern's key."
    try:
        key = Ed25519PublicKey.from_public_bytes(_unb64(str(signed["public_key"])))
        key.verify(_unb64(str(document.get("signature", ""))), canonical(signed))
    except (InvalidSignature, ValueError, binascii.Error):
        return "The signature does not match: the receipt was changed or is not Lantern's."
    return None


def verify(document) -> list[str]:
    """What is wrong with a receipt, checked against its signature and against what
    Lantern stores now; an empty list when it verifies."""
    from .models import SubmissionVersion  # the models import nothing of this module

    problem = signature_problem(document)
    if problem:
        return [problem]
    version = (
        SubmissionVersion.objects.filter(
            submission_id=document.get("submission"), number=document.get("version")
        )
        .select_related("submission")
        .first()
    )
    if version is None:
        return ["Lantern holds no such submission version."]
    if digest(version) != document["digest"]["value"]:
        return ["What Lantern stores for this version no longer matches the receipt."]
    return []


def canonical_pretty(document: dict) -> str:
    """The receipt as a person reads it; its signature covers the canonical form, so the
    layout does not matter to verification."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


PROVES = (
    "This receipt proves that Lantern accepted and stored exactly the content its digest "
    "names, at the time it gives, after the checks it lists; verifying it later also shows "
    "whether Lantern still stores that content unchanged. It does not prove that the "
    "figures are true or complete, that the provider's own records are de-identified, or "
    "anything about content Lantern never received; and whoever holds Lantern's signing "
    "key could sign another receipt."
)


def pdf_bytes(document: dict) -> bytes:
    """The receipt as a one-page PDF to file with the provider's records."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    long_text = styles["Code"].clone("long", wordWrap="CJK", fontSize=8)
    out = io.BytesIO()
    story = [
        Paragraph("Lantern — receipt of a submission to the annual report", styles["Title"]),
        Paragraph(
            escape(
                f"{document['provider']['name']}, report for {document['reporting_year']}, "
                f"version {document['version']}, submitted {document['submitted_at']}: "
                f"{document['case_rows']} case rows, {document['children_served']} children "
                f"and {document['adults_served']} adults served. Issued {document['issued_at']}."
            ),
            styles["BodyText"],
        ),
        Paragraph("Checks passed", styles["Heading2"]),
        *[
            Paragraph(escape(f"• {check['means']}"), styles["BodyText"])
            for check in document["checks_passed"]
        ],
        Paragraph("Digest of the stored content (SHA-256)", styles["Heading2"]),
        Paragraph(escape(document["digest"]["value"]), long_text),
        Paragraph("Lantern's public key and signature (Ed25519)", styles["Heading2"]),
        Paragraph(escape(document["public_key"]), long_text),
        Paragraph(escape(document["signature"]), long_text),
        Spacer(1, 12),
        Paragraph(escape(PROVES), styles["BodyText"]),
        Paragraph(
            "Verify the JSON receipt at /receipts/verify/ on Lantern, or with "
            "<font face='Courier'>manage.py verify_receipt</font>.",
            styles["BodyText"],
        ),
    ]
    SimpleDocTemplate(out, pagesize=LETTER, title="Lantern submission receipt").build(story)
    return out.getvalue()


def key_problems() -> list:
    """Django system checks of the signing key: a malformed key is an error (every
    submission would fail at its receipt); none in production is a warning (the key then
    follows SECRET_KEY, and changing that breaks every receipt)."""
    from django.core import checks

    problems = []
    try:
        _private_key(settings.RECEIPT_SIGNING_KEY, settings.SECRET_KEY)
    except (ValueError, binascii.Error):
        problems.append(
            checks.Error(
                "RECEIPT_SIGNING_KEY is not a key: use `manage.py receipt_key`.",
                id="lantern.E001",
            )
        )
    if not settings.RECEIPT_SIGNING_KEY and not settings.DEBUG:
        problems.append(
            checks.Warning(
                "RECEIPT_SIGNING_KEY is not set: receipts are signed with a key derived from "
                "SECRET_KEY, and stop verifying if it changes.",
                id="lantern.W001",
            )
        )
    return problems
