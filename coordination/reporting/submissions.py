"""The case rows of an annual submission: the template providers fill (tablib), reading an
uploaded CSV or spreadsheet (the csv module; openpyxl for .xlsx), and checking every row.

Every problem is reported by row and column, and a file with any bad row is refused whole:
`clean_case_rows` returns either clean rows or the complete list of problems.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
import tablib
from django.core.exceptions import ValidationError

from ..plumbing.spreadsheet import safe_row
from ..privacy.codes import code_problem
from .models import AgeBand, CaseStatusUpdate, Parish, TraffickingType, VictimStatus

COLUMNS = ["case_code", "trafficking_type", "victim_status", "age_band", "parish", "status_update"]
CODED = {
    "trafficking_type": TraffickingType,
    "victim_status": VictimStatus,
    "age_band": AgeBand,
    "status_update": CaseStatusUpdate,
}
CODED_VALUES = {column: frozenset(choices.values) for column, choices in CODED.items()}
FORMATS = {"csv": "csv", "xlsx": "xlsx"}
MAX_ROWS = 20_000
# A .xlsx template of 20,000 rows unpacks to about 7.5 MB of XML; a file that would unpack
# to much more is not a template, and parsing it would cost minutes.
MAX_UNPACKED_BYTES = 24 * 2**20


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
    format, or with missing or unknown columns, is refused before any row is read; reading
    stops at the first row past `MAX_ROWS`, and a workbook that would unpack to more than
    `MAX_UNPACKED_BYTES` is refused before it is opened (memory and time stay bounded
    whatever the file holds)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(
            {"file": ["Upload the template as a .csv file or an Excel workbook (.xlsx)."]}
        )
    content = uploaded.read()
    try:
        if extension == "csv":
            return _rows(_csv_table(content))
        with _xlsx_table(content) as table:
            return _rows(table)
    except ValidationError:
        raise
    except Exception as error:  # a damaged file fails in many ways, in any row
        raise ValidationError(
            {"file": [f"This is not a readable {extension} file ({type(error).__name__})."]}
        ) from error


def _csv_table(content: bytes) -> Iterator[list[str]]:
    """CSV rows, decoded a line at a time: nothing past the last row read is decoded."""
    lines = io.BytesIO(content)
    first = lines.readline().decode("utf-8-sig")
    return csv.reader(itertools.chain([first], (line.decode("utf-8") for line in lines)))


@contextlib.contextmanager
def _xlsx_table(content: bytes) -> Iterator[Iterator[tuple]]:
    """The rows of the workbook's active sheet, streamed (openpyxl's read-only mode)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        # The sizes a member declares bound what reading it unpacks (zipfile stops there),
        # so their sum bounds the whole workbook: a "zip bomb" is refused unopened.
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            {
                "file": [
                    f"This workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB, far "
                    f"more than a template of {MAX_ROWS} rows; save the rows in the template "
                    "again."
                ]
            }
        )
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        yield workbook.active.iter_rows(values_only=True)
    finally:
        workbook.close()


def _rows(table: Iterator) -> list[dict]:
    """Check the header row, then read at most `MAX_ROWS` rows (empty ones are skipped)."""
    headers = [str(header or "").strip().lower() for header in next(table, None) or []]
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
    rows = []
    for count, values in enumerate(table, start=1):
        if count > MAX_ROWS:
            raise ValidationError({"file": [f"At most {MAX_ROWS} rows per file."]})
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
            if values[column] not in CODED_VALUES[column]:
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
