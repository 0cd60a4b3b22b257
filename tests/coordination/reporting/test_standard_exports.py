"""A reporting year in standard forms: the HTCDS export (case-level, state admins only,
its aggregate section the suppressed report) and the federal performance measures."""

import csv
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.reporting import htcds, measures
from coordination.reporting.models import ServedCase
from coordination.reporting.report import annual_report
from tests.coordination.reporting import test_annual_report

year_2014 = test_annual_report.year_2014
small_year = test_annual_report.small_year

# Every field name of HTCDS 2.0 with its prefix, as "HTCDS Field Standards 2.0.ods" lists
# them (github.com/UNMigration/HTCDS, commit 3c2f6537cd76), transcribed here so that the
# test does not take the export's word for it.
HTCDS_2_0_LISTED = """
org_Name org_ShippingCity org_ShippingCountry org_ShippingState org_ShippingStreet
org_ShippingPostalCode org_ShippingLongitude org_ShippingLatitude org_Phone org_Type
prs_Salutation prs_FirstName prs_MiddleName prs_SecondName prs_Birthdate prs_Gender
prs_Deceased prs_MaritalStatus prs_NumberOfChildren prs_PrimaryLanguage
prs_SecondaryLanguage prs_HighestLevelOfEducation prs_Citizenship prs_IdentityNumber
prs_Title prs_Email prs_HomePhone prs_MobilePhone prs_MailingCity prs_MailingCountry
prs_MailingState prs_MailingStreet prs_MailingPostalCode prs_MailingLongitude
prs_MailingLatitude
vic_AgreementToManagePersonalData vic_TraffickingStatus
vic_TraffickingStatusDecisionMakingOrg vic_RelationshipToTrafficker vic_AgeWhenTrafficked
vic_RecruitmentWebsitesAndApps vic_MethodOfRecruitment vic_LocationOfRecruitment
vic_MethodsOfControl vic_TypeOfExploitation vic_ForcedLabourIndustry
vic_TypeOfSexExploitation vic_LocationOfExploitation vic_ExploitationWebsitesAndApps
vic_Vulnerabilities vic_DetailsOfVulnerabilities
per_RoleInProcess per_RoleDetails per_Organisation
cas_Status cas_ReasonForCaseClosure cas_CaseOwner cas_ReferringOrganisation
cas_IncomingReferralDate cas_ReferringPrimaryCaseWorker cas_ReasonForIncomingReferral
cas_IncomingReferralDetails cas_ReferredOrganisation cas_ReferredPrimaryCaseWorker
cas_ReasonForOutgoingReferral cas_OutgoingReferralDate cas_OutgoingReferralDetails
cco_CaseComment
hte_Longitude hte_Latitude hte_City hte_Country hte_State hte_Street hte_PostalCode
hte_Date hte_Type hte_Description
spl_Objectives spl_ActionPlan spl_PlannedEndDate spl_ActualEndDate spl_Type
con_Consent
"""
HTCDS_2_0_FIELDS = set(HTCDS_2_0_LISTED.split())
CASE_CODE = re.compile(r"C-\d{5}")


def breakdown(document: dict, key: str) -> dict:
    table = next(table for table in document["breakdowns"] if table["key"] == key)
    return {row["code"]: row for row in table["rows"]}


def measure(document: dict, key: str) -> dict:
    return next(entry for entry in document["answered"] if entry["key"] == key)


def test_the_2014_worked_example_in_htcds(year_2014):
    document = htcds.htcds_export(year_2014)
    assert (document["standard"], document["version"], document["year"]) == ("HTCDS", "2.0", 2014)
    records = document["records"]
    assert len(records) == 206
    kinds = [tuple(record["vic_TypeOfExploitation"]) for record in records]
    assert kinds.count(("SexualExploitation",)) == 173
    assert kinds.count(("ForcedLabour",)) == 23
    assert kinds.count(("SexualExploitation", "ForcedLabour")) == 10
    assert {record["vic_TraffickingStatus"] for record in records} == {"ActualVictimOfTrafficking"}
    assert {record["cas_Status"] for record in records} == {"Active"}

    aggregates = document["aggregates"]
    assert aggregates["providers"]["text"] == "15 of 47"
    assert aggregates["cases"]["total"] == 206
    by_type = breakdown(aggregates, "trafficking_type")
    assert [by_type[code]["percent"] for code in ("sex", "labor", "sex_and_labor")] == [84, 11, 5]
    assert by_type["sex_and_labor"]["vic_TypeOfExploitation"] == [
        "SexualExploitation",
        "ForcedLabour",
    ]
    assert by_type["unknown"]["vic_TypeOfExploitation"] is None
    services = {row["code"]: row for row in aggregates["services_offered"]}
    assert (services["case_management"]["providers"], services["case_management"]["spl_Type"]) == (
        15,
        "SocialCare",
    )
    assert services["safe_housing"]["spl_Type"] is None  # HTCDS has no housing type


def test_the_csv_has_one_column_per_field_named_as_htcds_names_it(year_2014):
    rows = list(csv.reader(io.StringIO(htcds.csv_bytes(htcds.htcds_export(year_2014)).decode())))
    header, body = rows[0], rows[1:]
    assert len(body) == 206
    standard = [name for name in header if not name.startswith("lantern_")]
    assert standard == htcds.HTCDS_FIELDS
    assert set(standard) <= HTCDS_2_0_FIELDS
    # Outside the standard, and named so: what HTCDS has no field for.
    assert [name for name in header if name.startswith("lantern_")] == htcds.LANTERN_FIELDS
    assert not set(htcds.LANTERN_FIELDS) & HTCDS_2_0_FIELDS
    first = dict(zip(header, body[0], strict=True))
    assert first["lantern_ServiceLocationSubdivision"] == "US-LA"
    assert first["vic_TypeOfExploitation"] in {
        "SexualExploitation",
        "ForcedLabour",
        "SexualExploitation;ForcedLabour",
    }


def test_no_provider_case_code_leaves_lantern(year_2014):
    document = htcds.htcds_export(year_2014)
    codes = set(ServedCase.objects.values_list("case_code", flat=True))
    assert codes
    assert all(CASE_CODE.fullmatch(code) for code in codes)
    for text in (htcds.json_bytes(document).decode(), htcds.csv_bytes(document).decode()):
        assert not CASE_CODE.search(text)
    ids = [record["lantern_RecordId"] for record in document["records"]]
    assert len(set(ids)) == 206
    assert ids == [
        record["lantern_RecordId"] for record in htcds.htcds_export(year_2014)["records"]
    ]
    # The same code at another provider, or in another year, is another id.
    assert htcds.record_id(1, 2014, "C-00001") != htcds.record_id(2, 2014, "C-00001")
    assert htcds.record_id(1, 2014, "C-00001") != htcds.record_id(1, 2015, "C-00001")


def test_the_aggregate_section_is_the_suppressed_report(small_year):
    aggregates = htcds.htcds_export(small_year)["aggregates"]
    assert aggregates["suppressed"] is True
    by_type = breakdown(aggregates, "trafficking_type")
    assert by_type["labor"]["confirmed"] == "<5"
    assert by_type["labor"]["percent"] is None
    shown = [row[column] for row in by_type.values() for column in ("confirmed", "total")]
    assert "*" in shown  # a complementary cell
    published = annual_report(small_year, suppress=True).as_dict()
    for table in published["breakdowns"]:
        ours = breakdown(aggregates, table["key"])
        for row in table["rows"]:
            assert {name: ours[row["code"]][name] for name in row} == row
    text = htcds.json_bytes(htcds.htcds_export(small_year)).decode()
    assert '"confirmed": 3' not in text.split('"aggregates"')[1]


def test_the_export_reads_rows_in_a_fixed_number_of_queries(year_2014, small_year):
    counts = []
    for cycle in (year_2014, small_year):
        with CaptureQueriesContext(connection) as queries:
            htcds.htcds_export(cycle)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 22


def test_the_2014_performance_measures(year_2014):
    document = measures.performance_measures(year_2014)
    assert document["providers"]["text"] == "15 of 47"
    by_type = {row["code"]: row for row in measure(document, "victims_by_trafficking_type")["rows"]}
    assert [by_type[code]["percent"] for code in ("sex", "labor", "sex_and_labor")] == [84, 11, 5]
    by_age = {row["code"]: row for row in measure(document, "victims_by_age_group")["rows"]}
    assert (by_age["minor"]["total"], by_age["adult"]["total"]) == (145, 61)
    status = measure(document, "victims_by_status_at_period_end")
    assert status["published"] is True
    assert {row["code"]: row["total"] for row in status["rows"]}["receiving_services"] == 206
    missing = {entry["key"] for entry in document["not_answered"]}
    assert {"citizenship", "new_and_ongoing_clients", "half_year_figures", "gender"} <= missing
    assert all(entry["why"] for entry in document["not_answered"])
    text = measures.csv_bytes(document).decode()
    for expected in ["84%", "11%", "5%", "15 of 47", "U.S. citizens"]:
        assert expected in text


def test_the_measures_are_suppressed_as_the_report_is(small_year):
    document = measures.performance_measures(small_year)
    report = annual_report(small_year, suppress=True)
    tables = {table.key: report.rows(table) for table in report.tables}
    assert measure(document, "victims_by_trafficking_type")["rows"] == tables["trafficking_type"]
    assert measure(document, "victims_served")["rows"] == tables["victim_status"]
    status = measure(document, "victims_by_status_at_period_end")
    shown = [row[name] for row in status["rows"] for name in ("confirmed", "prospective", "total")]
    assert not {2, 3} & set(shown)  # no small count, whatever is published
    if status["published"]:
        assert "<5" in shown
    assert ",<5," in measures.csv_bytes(document).decode()


def test_a_half_year_cycle_answers_for_its_half():
    half = SimpleNamespace(year=2025, cadence="semiannual", label="2025, first half")
    assert measures._period(half) == ("Reporting cycle 2025, first half", False)
    whole = SimpleNamespace(year=2025, cadence="annual", label="2025")
    assert measures._period(whole) == ("Reporting year 2025 (whole year)", True)


@pytest.mark.parametrize("what", ["htcds", "measures"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("reporter", 403),
        ("coordinator", 403),
        ("state_admin", 200),
        ("superuser", 200),
    ],
)
def test_who_exports_a_year_in_standard_form(small_year, api, monkeypatch, what, persona, status):
    def refused(*args, **kwargs):
        raise AssertionError("computed for someone who may not have it")

    if status != 200:
        monkeypatch.setattr(htcds, "htcds_export", refused)
        monkeypatch.setattr(measures, "performance_measures", refused)
    client = api(persona)
    url = f"/api/v1/reports/annual/2017/{what}/"
    answer = client.get(url)
    assert answer.status_code == status
    csv_answer = client.get(url, {"format": "csv"})
    assert csv_answer.status_code == status
    if status != 200:
        assert csv_answer["Content-Type"].startswith("application/json")
        assert client.get(f"/api/v1/reports/annual/1999/{what}/").status_code == status
        return
    assert answer["Content-Type"] == "application/json"
    assert json.loads(answer.content)["year"] == 2017
    assert csv_answer["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_answer["Content-Disposition"]
    assert client.get(f"/api/v1/reports/annual/1999/{what}/").status_code == 404
    assert client.get(url, {"format": "xml"}).status_code == 404
