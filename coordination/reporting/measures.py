"""Federal performance measures for victim services to trafficking survivors, as far as
Lantern's coded annual rows answer them, for a reporting year.

OVC's human-trafficking grantees report client counts each half-year (through OVC's
Trafficking Information Management System, TIMS; most other OVC grantees use the
Performance Measurement Tool, PMT): clients served, new clients, by type of trafficking,
minors and adults, U.S. citizens/LPRs and foreign nationals, gender, services and referral
sources. docs/htcds-mapping.md names the pages this was read from, and which measure is
answered and why.

Every figure is a GROUP BY in the database and is published with the report's own
suppression: the tables the report has are taken from the suppressed report as they are;
a table it has not (status at the end of the period) is suppressed together with the
report's tables, the report's algorithm run over all of them, and is withheld whole if
that would hide any figure the report publishes.
"""

from __future__ import annotations

import io
import json

from ..plumbing import spreadsheet
from . import report as report_module
from .models import CaseStatusUpdate, ReportingCycle
from .report import COLUMNS, AnnualReport, Breakdown, annual_report, current_cases

STANDARD = "OVC human-trafficking performance measures (TIMS / PMT)"
PERIOD_NOTE = (
    "The measures are asked for each half-year. Lantern's case rows carry no date (of "
    "intake, of service or of closing): they say who was served in the cycle's period. "
    "An annual cycle's figures are for the whole year; no half-year figure can be drawn "
    "from its rows."
)

# Measures answered from the report's own tables: (key, measure, report table, note).
FROM_REPORT = [
    (
        "victims_served",
        "Trafficking victims served in the period (clients served)",
        "victim_status",
        "Confirmed and prospective (at-risk, not yet verified) victims are counted apart; "
        "a person served by two providers is counted by each.",
    ),
    (
        "victims_by_trafficking_type",
        "Victims served by type of trafficking (sex, labor, both, unknown)",
        "trafficking_type",
        "",
    ),
    (
        "victims_by_age_group",
        "Victims served who are minors (under 18) and adults",
        "minor_adult",
        "By the age band the provider gave for the period.",
    ),
]
STATUS_MEASURE = (
    "victims_by_status_at_period_end",
    "Victims by status at the end of the period, including those referred to another provider",
    "Answers referrals in part: whether a person's status was 'referred to another "
    "provider' at the end of the period, not how many referrals were made, nor to whom.",
)
WITHHELD = (
    "Withheld: suppressing it with the report's tables would hide a figure the report "
    "publishes, so it cannot be published consistently with the report."
)

NOT_ANSWERED = [
    ("half_year_figures", "Any measure for a half-year (January–June, July–December)", PERIOD_NOTE),
    (
        "new_and_ongoing_clients",
        "New clients and ongoing (continuing) clients",
        "No intake or start date is kept, and case codes are the providers' own, not linked "
        "from year to year: nothing says whether a person was first served this year.",
    ),
    (
        "citizenship",
        "U.S. citizens / lawful permanent residents and foreign nationals",
        "Lantern stores no nationality, citizenship or immigration status, by design: it "
        "holds only coded, de-identified fields.",
    ),
    ("gender", "Victims served by gender", "Lantern does not collect gender."),
    (
        "services_by_type",
        "Victims who received each type of service, and services provided",
        "Services are reported per provider (the services it offers), not per person: "
        "nothing says which person received which service, nor how often.",
    ),
    (
        "referral_sources",
        "Referral sources (who referred the victim: law enforcement, hotline, ...)",
        "Not collected in the annual rows.",
    ),
    (
        "referrals_made",
        "Referrals made to other organizations, by type of service",
        "Only the status at the end of the period ('referred to another provider') is "
        "kept; see the status measure.",
    ),
    (
        "unduplicated_count",
        "Unduplicated count of victims served across providers",
        "Each provider counts under its own case codes; a person served by two providers "
        "cannot be recognised as one.",
    ),
    (
        "training_outreach_task_force",
        "Training, outreach, public awareness and task-force activity",
        "Not part of the providers' annual case reporting.",
    ),
]


def _status_table(cycle: ReportingCycle, report: AnnualReport) -> Breakdown | None:
    """The status-at-year-end table (one GROUP BY), suppressed by the report's algorithm
    over the report's tables and this one together: a total hidden in one is hidden in
    all. If that would hide anything the report shows, None: withheld."""
    counts = report_module._grouped(current_cases(cycle), "status_update")
    table = Breakdown(
        "status_update",
        "By status at the end of the period",
        list(CaseStatusUpdate.choices),
        report_module._grid(counts, CaseStatusUpdate.values),
    )
    copies = [Breakdown(t.key, t.title, t.labels, t.grid) for t in report.tables]
    report_module._suppress_all([*copies, table], report.threshold)
    published = zip(copies, report.tables, strict=True)
    if any(copy.hidden != original.hidden for copy, original in published):
        return None
    return table


def _answered(key: str, measure: str, note: str, rows: list[dict] | None) -> dict:
    entry = {"key": key, "measure": measure, "note": note, "published": rows is not None}
    entry["rows"] = rows if rows is not None else []
    if rows is None:
        entry["note"] = f"{note} {WITHHELD}".strip()
    return entry


def _period(cycle: ReportingCycle) -> tuple[str, bool]:
    """The period the cycle's rows cover, and whether it is a whole year. A cycle is
    annual unless it says otherwise: a semi-annual or quarterly cycle collects the same
    rows over its half or quarter, so its figures are that period's."""
    if cycle.cadence == "annual":
        return f"Reporting year {cycle.year} (whole year)", True
    return f"Reporting cycle {cycle.label}", False


def performance_measures(cycle: ReportingCycle) -> dict:
    """The measures the cycle's rows answer (suppressed as the report is), and those
    they cannot, each with why."""
    report = annual_report(cycle, suppress=True)
    period, whole_year = _period(cycle)
    not_answered = [
        entry for entry in NOT_ANSWERED if whole_year or entry[0] != "half_year_figures"
    ]
    tables = {table.key: table for table in report.tables}
    answered = [
        _answered(key, measure, note, report.rows(tables[table_key]))
        for key, measure, table_key, note in FROM_REPORT
    ]
    status = _status_table(cycle, report)
    key, measure, note = STATUS_MEASURE
    answered.append(_answered(key, measure, note, None if status is None else report.rows(status)))
    return {
        "standard": STANDARD,
        "year": cycle.year,
        "period": period,
        "suppressed": report.suppressed,
        "threshold": report.threshold,
        "providers": report.as_dict()["providers"],
        "answered": answered,
        "not_answered": [
            {"key": key, "measure": measure, "why": why} for key, measure, why in not_answered
        ],
        "notes": [PERIOD_NOTE, *report.as_dict()["notes"]],
    }


def json_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def csv_bytes(document: dict) -> bytes:
    """The measures answered, a row per category as published; then those not answered."""
    out = io.StringIO()
    writer = spreadsheet.csv_writer(out)  # no cell can run as a formula
    writer.writerow([document["standard"], document["year"], document["period"]])
    writer.writerow(["Providers reported", document["providers"]["text"]])
    writer.writerow([])
    writer.writerow(["measure", "category", *COLUMNS, "percent of all cases"])
    for entry in document["answered"]:
        if not entry["published"]:
            writer.writerow([entry["measure"], "withheld", "", "", "", ""])
        for row in entry["rows"]:
            share = "" if row["percent"] is None else f"{row['percent']}%"
            writer.writerow([entry["measure"], row["label"], *(row[c] for c in COLUMNS), share])
    writer.writerow([])
    writer.writerow(["measure not answered", "why"])
    for entry in document["not_answered"]:
        writer.writerow([entry["measure"], entry["why"]])
    writer.writerow([])
    for note in document["notes"]:
        writer.writerow(["Note", note])
    return out.getvalue().encode("utf-8")
