"""A reporting year in the Human Trafficking Case Data Standard (HTCDS 2.0, IOM / UN
Migration, CC BY 4.0): one record per case row of the providers' current versions, in
HTCDS field names and values, and an aggregate section copied from the suppressed report.

The field names and values were read from `HTCDS Field Standards 2.0.ods` (the standard's
field reference) of github.com/UNMigration/HTCDS at commit 3c2f6537cd76; docs/htcds-mapping.md
gives the mapping field by field, and what HTCDS asks that Lantern never stores.

Case-level records are row-level data, never published: the export is for state admins
(coordination/reporting/api/standard.py). Everything published is the aggregate section,
which is the suppressed report's figures exactly.

HTCDS has no field for a case identifier, an age band, or the place a person was served;
those go in columns named `lantern_…`, outside the standard and said to be.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from collections import Counter
from collections.abc import Iterator

from django.utils.crypto import salted_hmac

from ..cases import TraffickingType, VictimStatus
from ..people.models import Parish
from ..plumbing import spreadsheet
from .models import CaseStatusUpdate, ReportingCycle, ServiceOffered, SubmissionVersion
from .report import AnnualReport, annual_report, current_cases

STANDARD = "HTCDS"
VERSION = "2.0"
SOURCE = {
    "repository": "https://github.com/UNMigration/HTCDS",
    "file": "HTCDS Field Standards 2.0.ods",
    "commit": "3c2f6537cd76c3305975aa5eef7a1bf26fe20a30",
    "licence": "CC BY 4.0, Human Trafficking Case Data Standard (HTCDS) by IOM",
}
# Louisiana, as ISO 3166-1 and 3166-2 codes (HTCDS names ISO 3166 for countries).
COUNTRY, SUBDIVISION = "US", "US-LA"

# --- Lantern's codes → HTCDS values. No entry (or None): no HTCDS value is true of it. ---
TYPE_OF_EXPLOITATION = {  # vic_TypeOfExploitation, a multiselect picklist
    TraffickingType.SEX: ["SexualExploitation"],
    TraffickingType.LABOR: ["ForcedLabour"],
    TraffickingType.SEX_AND_LABOR: ["SexualExploitation", "ForcedLabour"],
}
TRAFFICKING_STATUS = {  # vic_TraffickingStatus
    VictimStatus.CONFIRMED: "ActualVictimOfTrafficking",
    VictimStatus.PROSPECTIVE: "PossibleVictimOfTrafficking",
}
# cas_Status takes Active, FollowUp, Closed, ClosedReferred. Reunified, declined services,
# lost contact and other do not say whether the case is closed or followed up: left empty.
CASE_STATUS = {
    CaseStatusUpdate.RECEIVING_SERVICES: "Active",
    CaseStatusUpdate.SERVICES_COMPLETED: "Closed",
    CaseStatusUpdate.REFERRED_ELSEWHERE: "ClosedReferred",
}
# spl_Type (the type of a support plan). HTCDS has no housing, shelter, transport or
# family-reunification type: those stay empty rather than be called something they are not.
SUPPORT_PLAN_TYPE = {
    ServiceOffered.CASE_MANAGEMENT: "SocialCare",
    ServiceOffered.MEDICAL: "Health",
    ServiceOffered.MENTAL_HEALTH: "Health",
    ServiceOffered.SUBSTANCE_USE: "Health",
    ServiceOffered.LEGAL: "Legal",
    ServiceOffered.EDUCATION: "Education",
    ServiceOffered.EMPLOYMENT: "Livelihood",
}

# The columns of a record, in order: HTCDS fields first, then Lantern's own.
HTCDS_FIELDS = [
    "vic_TraffickingStatus",
    "vic_TypeOfExploitation",
    "cas_Status",
    "cas_ReasonForCaseClosure",
]
LANTERN_FIELDS = [
    "lantern_RecordId",
    "lantern_AgeBand",
    "lantern_StatusUpdate",
    "lantern_ServiceLocationCountry",
    "lantern_ServiceLocationSubdivision",
    "lantern_ServiceLocationParish",
    "lantern_ServiceLocationFIPS",
]
FIELDS = [LANTERN_FIELDS[0], *HTCDS_FIELDS, *LANTERN_FIELDS[1:]]
MULTISELECT_SEPARATOR = ";"  # as HTCDS's Excel toolkit stores a multiselect in one cell
RECORD_ID_LENGTH = 16  # hex digits: 64 bits, no collision to fear among 20,000 rows

ROW_COLUMNS = (
    "version__submission__agency_id",
    "case_code",
    "trafficking_type",
    "victim_status",
    "age_band",
    "parish__name",
    "parish__fips_code",
    "status_update",
)


def record_id(agency_id: int, year: int, case_code: str) -> str:
    """An opaque id for a case row. A provider's case code is its key into its own files:
    whoever holds both could go from the export to the person. A keyed hash keeps rows
    distinct and stable between exports of the same year, but cannot be turned back
    into the code without SECRET_KEY; with the year in it, a person cannot be followed
    from year to year either. (Rotating SECRET_KEY changes every id.)"""
    message = f"{agency_id}\x1f{year}\x1f{case_code}".encode()
    key = salted_hmac("lantern.htcds.record-id", b"", algorithm="sha256").digest()
    digest = hmac.new(key, message, hashlib.sha256).hexdigest()
    return digest[:RECORD_ID_LENGTH]


def _record(year: int, row: tuple) -> dict:
    agency_id, case_code, kind, status, age_band, parish, fips, update = row
    case_status = CASE_STATUS.get(update)
    closed = case_status in ("Closed", "ClosedReferred")
    return {
        "lantern_RecordId": record_id(agency_id, year, case_code),
        "vic_TraffickingStatus": TRAFFICKING_STATUS.get(status),
        "vic_TypeOfExploitation": TYPE_OF_EXPLOITATION.get(kind),
        "cas_Status": case_status,
        "cas_ReasonForCaseClosure": CaseStatusUpdate(update).label if closed else None,
        "lantern_AgeBand": age_band,
        "lantern_StatusUpdate": update,
        "lantern_ServiceLocationCountry": COUNTRY,
        "lantern_ServiceLocationSubdivision": SUBDIVISION,
        "lantern_ServiceLocationParish": parish,
        "lantern_ServiceLocationFIPS": fips,
    }


def htcds_records(cycle: ReportingCycle) -> Iterator[dict]:
    """One record per case row of the current versions: one query, whatever the rows."""
    rows = current_cases(cycle).values_list(*ROW_COLUMNS).order_by()
    for row in rows.iterator(chunk_size=2000):
        yield _record(cycle.year, row)


# --- the aggregate section: the suppressed report, with HTCDS values beside Lantern's ---
ROW_VALUES = {
    "trafficking_type": ("vic_TypeOfExploitation", TYPE_OF_EXPLOITATION),
    "victim_status": ("vic_TraffickingStatus", TRAFFICKING_STATUS),
}


def _annotated(key: str, rows: list[dict], parishes: dict[str, str]) -> list[dict]:
    if key in ROW_VALUES:
        field, values = ROW_VALUES[key]
        return [{**row, field: values.get(row["code"])} for row in rows]
    if key == "parish":
        return [
            {**row, "country": COUNTRY, "subdivision": SUBDIVISION, "fips": parishes[row["code"]]}
            if row["code"] in parishes
            else row
            for row in rows
        ]
    return rows


def services_offered(cycle: ReportingCycle) -> list[dict]:
    """How many reporting providers offer each service (their current versions). These
    count providers, not people: a provider's offer says nothing of whom it served."""
    offered = Counter(
        code
        for codes in SubmissionVersion.objects.filter(
            is_current=True, submission__cycle=cycle
        ).values_list("services_offered", flat=True)
        for code in set(codes)
    )
    return [
        {
            "code": code,
            "label": str(label),
            "spl_Type": SUPPORT_PLAN_TYPE.get(code),
            "providers": offered.get(code, 0),
        }
        for code, label in ServiceOffered.choices
    ]


def aggregates(cycle: ReportingCycle, report: AnnualReport) -> dict:
    """The published (suppressed) figures, as the report gives them: never a raw count."""
    assert report.suppressed, "the aggregate section is published: it is suppressed"
    published = report.as_dict()
    parishes = dict(Parish.objects.values_list("name", "fips_code"))
    return {
        "suppressed": published["suppressed"],
        "threshold": published["threshold"],
        "providers": published["providers"],
        "cases": published["cases"],
        "breakdowns": [
            {**table, "rows": _annotated(table["key"], table["rows"], parishes)}
            for table in published["breakdowns"]
        ],
        "services_offered": services_offered(cycle),
        "notes": published["notes"],
    }


def htcds_export(cycle: ReportingCycle) -> dict:
    """The year's HTCDS export: the case-level records (for state admins only) and the
    aggregate section (the suppressed report)."""
    records = sorted(htcds_records(cycle), key=lambda record: record["lantern_RecordId"])
    return {
        "standard": STANDARD,
        "version": VERSION,
        "source": SOURCE,
        "year": cycle.year,
        "fields": {"htcds": HTCDS_FIELDS, "lantern": LANTERN_FIELDS},
        "records": records,
        "aggregates": aggregates(cycle, annual_report(cycle, suppress=True)),
    }


def json_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return MULTISELECT_SEPARATOR.join(value)
    return str(value)  # a FIPS code stays "22071" text, never a number


def csv_bytes(document: dict) -> bytes:
    """The records, one column per field (HTCDS names, then Lantern's own). The aggregate
    section is in the JSON, and in the measures export."""
    out = io.StringIO()
    writer = spreadsheet.csv_writer(out)  # no cell can run as a formula
    writer.writerow(FIELDS)
    for record in document["records"]:
        writer.writerow([_cell(record[field]) for field in FIELDS])
    return out.getvalue().encode("utf-8")
