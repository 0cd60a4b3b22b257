"""The case rows of an annual submission: the template providers fill, reading an uploaded
CSV or spreadsheet (tablib, with openpyxl for .xlsx), and checking every row.

Every problem is reported by row and column, and a file with any bad row is refused whole:
`clean_case_rows` returns either clean rows or the complete list of problems.
"""

from __future__ import annotations

from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError

from .models import AgeBand, CaseStatusUpdate, Parish, TraffickingType, VictimStatus
from .plumbing.spreadsheet import safe_row
from .privacy import code_problem

COLUMNS = ["case_code", "trafficking_type", "victim_status", "age_band", "parish", "status_update"]
CODED = {
    "trafficking_type": TraffickingType,
    "victim_status": VictimStatus,
    "age_band": AgeBand,
    "status_update": CaseStatusUpdate,
}
FORMATS = {"csv": "csv", "xlsx": "xlsx"}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class CaseRow:
    case_code: str
    trafficking_type: str
    victim_status: str
    age_band: str
    parish: Parish
    status_update: str


def template(file_format: str) -> bytes:
    """An empty template with the columns, in `csv` or `xlsx`."""
    data = tablib.Dataset(headers=safe_row(COLUMNS), title="cases")
    exported = data.export(FORMATS[file_format])
    return exported.encode() if isinstance(exported, str) else exported


def read_case_file(uploaded) -> list[dict]:
    """The rows of an uploaded .csv or .xlsx file, as dicts by column. A file of another
    format, or with missing or unknown columns, is refused before any row is read."""
    name = (getattr(uploaded, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(
            {"file": ["Upload the template as a .csv file or an Excel workbook (.xlsx)."]}
        )
    content = uploaded.read()
    try:
        if extension == "csv":
            data = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            data = tablib.Dataset().load(content, format="xlsx")
    except Exception as error:  # tablib raises many kinds for a damaged file
        raise ValidationError(
            {"file": [f"This is not a readable {extension} file ({type(error).__name__})."]}
        ) from error
    headers = [str(header or "").strip().lower() for header in (data.headers or [])]
    missing = [column for column in COLUMNS if column not in headers]
    unknown = [header for header in headers if header and header not in COLUMNS]
    problems = []
    if missing:
        problems.append(f"Missing columns: {', '.join(missing)}.")
    if unknown:
        # Never echo an unknown header: it could be anything, a name included.
        problems.append(
            f"{len(unknown)} column(s) not in the template; use exactly: {', '.join(COLUMNS)}."
        )
    if problems:
        raise ValidationError({"file": problems})
    if data.height > MAX_ROWS:
        raise ValidationError({"file": [f"At most {MAX_ROWS} rows per file."]})
    rows = []
    for values in data:
        row = {header: value for header, value in zip(headers, values, strict=False) if header}
        if any(str(value or "").strip() for value in row.values()):
            rows.append(row)
    return rows


def _parish_lookup() -> dict[str, Parish]:
    lookup = {}
    for parish in Parish.objects.all():
        lookup[parish.name.lower()] = parish
        lookup[f"{parish.name} parish".lower()] = parish
        lookup[parish.fips_code] = parish
    return lookup


def clean_case_rows(rows: list[dict], *, first_row: int = 2) -> list[CaseRow]:
    """Check every row; raise one ValidationError listing every problem ("Row 3, column
    age_band: …"), or return the clean rows. `first_row` is the number of the first data
    row as the provider sees it (2 in a file under its header row)."""
    parishes = _parish_lookup()
    problems: list[str] = []
    clean: list[CaseRow] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows):
        number = first_row + offset
        if not isinstance(row, dict):
            problems.append(f"Row {number}: expected the columns {', '.join(COLUMNS)}.")
            continue
        values = {column: str(row.get(column) or "").strip() for column in COLUMNS}
        row_problems = []
        code = values["case_code"].upper()
        problem = code_problem(code)
        if problem:
            row_problems.append(
                f"Row {number}, column case_code: {problem}. Use the provider's de-identified "
                "case code."
            )
        elif code in seen:
            row_problems.append(
                f"Row {number}, column case_code: the same case code as row {seen[code]}."
            )
        else:
            seen[code] = number
        for column, choices in CODED.items():
            if values[column] not in choices.values:
                shown = "empty" if not values[column] else "not a code of the template"
                row_problems.append(
                    f"Row {number}, column {column}: {shown}; use one of "
                    f"{', '.join(choices.values)}."
                )
        parish = parishes.get(values["parish"].lower())
        if parish is None:
            row_problems.append(
                f"Row {number}, column parish: not a Louisiana parish; give its name "
                "(Orleans) or FIPS code (22071)."
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        clean.append(
            CaseRow(
                case_code=code,
                trafficking_type=values["trafficking_type"],
                victim_status=values["victim_status"],
                age_band=values["age_band"],
                parish=parish,
                status_update=values["status_update"],
            )
        )
    if problems:
        raise ValidationError({"cases": problems})
    return clean
