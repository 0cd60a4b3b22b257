"""The case rows of an annual submission: the template providers fill, reading an uploaded
CSV or spreadsheet (the csv module; openpyxl for .xlsx), and checking every row.

The template carries the codes each coded column takes, built from the models: the .xlsx
as drop-down lists over a `codes` sheet, the .csv as note rows (`# …`) under its header,
which reading skips.

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
from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..plumbing.spreadsheet import csv_writer, safe_row
from ..privacy.codes import code_problem
from .models import AgeBand, CaseStatusUpdate, Parish, TraffickingType, VictimStatus

COLUMNS = ["case_code", "trafficking_type", "victim_status", "age_band", "parish", "status_update"]
# Each column in words, for the pages: the headers above stay the file's exact names.
COLUMN_LABELS = {
    "case_code": "Case code",
    "trafficking_type": "Trafficking type",
    "victim_status": "Victim status",
    "age_band": "Age band",
    "parish": "Parish",
    "status_update": "Status update",
}
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
# A note row: its first cell starts with this and it holds nothing else. No case code can
# start with it (privacy/codes.py wants a letter or digit first), so no data row is a note.
NOTE = "#"
# Notes are not rows of cases, but reading them is work: bounded like the rows.
MAX_NOTE_ROWS = 1_000
PARISH_HINT = "a Louisiana parish name (Orleans) or its FIPS code (22071)"
CASES_SHEET, CODES_SHEET = "cases", "codes"


@dataclass(frozen=True)
class CaseRow:
    case_code: str
    trafficking_type: str
    victim_status: str
    age_band: str
    parish: Parish
    status_update: str


class FileRow(dict):
    """A row read from a file: its values by column, and `line`, the row's number in the
    file as the provider sees it (notes and empty rows skipped before it still count)."""

    def __init__(self, values: dict, *, line: int):
        super().__init__(values)
        self.line = line


def template(file_format: str) -> bytes:
    """An empty template with the columns, in `csv` or `xlsx`, and the codes each coded
    column takes (see the module's docstring)."""
    return {"csv": _csv_template, "xlsx": _xlsx_template}[file_format]()


def _template_codes() -> dict[str, list[tuple[str, str]]]:
    """(code, meaning) pairs of each coded column, in the template's column order; a
    parish is (name, FIPS code). From the models: no code is written twice."""
    parishes = list(Parish.objects.order_by("name").values_list("name", "fips_code"))
    return {
        column: parishes if column == "parish" else list(CODED[column].choices)
        for column in COLUMNS
        if column in CODED or column == "parish"
    }


def _says_more(code: str, meaning: str) -> bool:
    """Whether a code's label tells a reader more than the code ("0–11" for "0-11" does not)."""
    return meaning.replace("\u2013", "-").lower() != code.lower()


def _csv_template() -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(COLUMNS)
    for column, codes in _template_codes().items():
        if column == "parish":
            writer.writerow([f"{NOTE} parish: {PARISH_HINT}"])
            continue
        listed = "; ".join(
            f"{code} = {meaning}" if _says_more(code, meaning) else code for code, meaning in codes
        )
        writer.writerow([f"{NOTE} {column}: {listed}"])
    return out.getvalue().encode()


def _xlsx_template() -> bytes:
    """The `cases` sheet (the header, the one the reader reads) and the `codes` sheet: a
    code column and a meaning column for each coded column, which the drop-down lists of
    the cases sheet reference (a list written into the validation holds 255 characters,
    fewer than the parishes need)."""
    workbook = openpyxl.Workbook()
    cases = workbook.active
    cases.title = CASES_SHEET
    cases.append(safe_row(COLUMNS))
    cases.freeze_panes = "A2"
    for index in range(1, len(COLUMNS) + 1):
        letter = get_column_letter(index)
        # Text, so a spreadsheet keeps "12-14" a code (not 14 December) and "0012" whole.
        cases.column_dimensions[letter].number_format = "@"
        cases.column_dimensions[letter].width = 20
    codes_sheet = workbook.create_sheet(CODES_SHEET)
    for pair, (column, codes) in enumerate(_template_codes().items()):
        first = 2 * pair + 1
        header = [column, "FIPS code" if column == "parish" else f"{column} means"]
        # Column by column: the codes under their header, then the meanings under theirs.
        for offset, values in enumerate(zip(header, *codes, strict=True)):
            for row, value in enumerate(safe_row(values), start=1):
                codes_sheet.cell(row=row, column=first + offset, value=value)
            codes_sheet.column_dimensions[get_column_letter(first + offset)].width = 24
        cases.add_data_validation(_drop_down(column, get_column_letter(first), len(codes)))
    workbook.active = cases
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _drop_down(column: str, letter: str, count: int) -> DataValidation:
    """The drop-down list of `column` on the cases sheet: the codes in column `letter` of
    the codes sheet, over every row a file may hold."""
    parish = column == "parish"
    validation = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${count + 1}",
        allow_blank=True,
        showInputMessage=True,
        promptTitle=column,
        prompt=(
            "Choose a parish from the list, or type its FIPS code (22071)."
            if parish
            else "Choose a code; the codes sheet says what each one means."
        ),
        showErrorMessage=True,
        # A parish may also be typed as its FIPS code: a warning lets it stand.
        errorStyle="warning" if parish else "stop",
        errorTitle="Not in the list",  # Excel takes at most 32 characters
        error=(
            f"Give {PARISH_HINT}."
            if parish
            else "Choose one of the list; the codes sheet says what each one means."
        ),
    )
    column_letter = get_column_letter(COLUMNS.index(column) + 1)
    validation.add(f"{column_letter}2:{column_letter}{MAX_ROWS + 1}")
    return validation


def read_case_file(uploaded) -> list[dict]:
    """The rows of an uploaded .csv or .xlsx file, as dicts by column (`FileRow`s, each
    knowing its line; empty rows and `#` notes left out). A file of another format, or
    with missing or unknown columns, is refused before any row is read; reading stops at
    the first row past `MAX_ROWS` (or note past `MAX_NOTE_ROWS`), and a workbook that would
    unpack to more than `MAX_UNPACKED_BYTES` is refused before it is opened (memory and
    time stay bounded whatever the file holds)."""
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
    """The rows of the workbook's cases sheet, or else its active sheet, streamed
    (openpyxl's read-only mode)."""
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
        # A spreadsheet saves the sheet last looked at as the active one: the template's
        # rows are on its cases sheet whichever it is. Another workbook: its active sheet.
        names = workbook.sheetnames
        sheet = workbook[CASES_SHEET] if CASES_SHEET in names else workbook.active
        yield sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _is_note(values) -> bool:
    first, *rest = values or [None]
    return (
        isinstance(first, str)
        and first.lstrip().startswith(NOTE)
        and not any(str(value or "").strip() for value in rest)
    )


def _rows(table: Iterator) -> list[FileRow]:
    """Check the header row, then read at most `MAX_ROWS` rows, each with its line number
    (the header is line 1). Empty rows and notes are skipped; notes do not count as rows,
    but there may be at most `MAX_NOTE_ROWS` of them."""
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
    rows, count, notes = [], 0, 0
    for line, values in enumerate(table, start=2):
        if _is_note(values):
            notes += 1
            if notes > MAX_NOTE_ROWS:
                raise ValidationError(
                    {"file": [f"At most {MAX_NOTE_ROWS} note rows (starting with {NOTE})."]}
                )
            continue
        count += 1
        if count > MAX_ROWS:
            raise ValidationError({"file": [f"At most {MAX_ROWS} rows per file."]})
        row = {header: value for header, value in zip(headers, values, strict=False) if header}
        if any(str(value or "").strip() for value in row.values()):
            rows.append(FileRow(row, line=line))
    return rows


def _parish_lookup() -> dict[str, Parish]:
    lookup = {}
    for parish in Parish.objects.all():
        lookup[parish.name.lower()] = parish
        lookup[f"{parish.name} parish".lower()] = parish
        lookup[parish.fips_code] = parish
    return lookup


FIRST_ROW = 2  # a list's first row is numbered as a file's first row under its header


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row, as `clean_case_rows` words it: the row's number (a file's
    line; `FIRST_ROW` for the first of a list), the column, and what is wrong (never the
    value). `same_as` is the row a repeated case code first appeared in."""

    row: int
    column: str
    text: str
    same_as: int | None = None

    def __str__(self) -> str:
        return f"Row {self.row}, column {self.column}: {self.text}"


DUPLICATE = "the same case code as row "


def read_problem(message: str) -> RowProblem | None:
    """A message of `clean_case_rows` read back into its parts (the page puts each next to
    the box it is about); None for a message about no one row and column. Messages cross
    the task worker as text, so this reads exactly what `RowProblem.__str__` writes."""
    head, _, text = message.partition(": ")
    row, _, column = head.removeprefix("Row ").partition(", column ")
    if not (head.startswith("Row ") and row.isdigit() and column in COLUMNS and text):
        return None
    same_as = text.removeprefix(DUPLICATE).rstrip(".")
    return RowProblem(
        int(row),
        column,
        text,
        int(same_as) if text.startswith(DUPLICATE) and same_as.isdigit() else None,
    )


def _row_problems(number: int, values: dict, seen: dict, parish) -> list[RowProblem]:
    """What is wrong with one row's `values` (stripped text by column); `seen` holds the
    case codes of the rows before it, and takes this row's."""
    problems = []
    code = values["case_code"].upper()
    problem = code_problem(code)
    if problem:
        text = f"{problem}. Use the provider's de-identified case code."
        problems.append(RowProblem(number, "case_code", text))
    elif code in seen:
        text = f"{DUPLICATE}{seen[code]}."
        problems.append(RowProblem(number, "case_code", text, same_as=seen[code]))
    else:
        seen[code] = number
    for column, choices in CODED.items():
        if values[column] not in CODED_VALUES[column]:
            shown = "empty" if not values[column] else "not a code of the template"
            text = f"{shown}; use one of {', '.join(choices.values)}."
            problems.append(RowProblem(number, column, text))
    if parish is None:
        text = "not a Louisiana parish; give its name (Orleans) or FIPS code (22071)."
        problems.append(RowProblem(number, "parish", text))
    return problems


def clean_case_rows(rows: list[dict], *, first_row: int = FIRST_ROW) -> list[CaseRow]:
    """Check every row; raise one ValidationError listing every problem ("Row 3, column
    age_band: …", a `RowProblem` as text), or return the clean rows. `first_row` is the
    number of the first data row as the provider sees it (2 in a file under its header
    row); a row read from a file (`FileRow`) is named by its own line, so skipped rows do
    not shift the numbers."""
    parishes = _parish_lookup()
    problems: list[str] = []
    clean: list[CaseRow] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows):
        number = getattr(row, "line", first_row + offset)
        if not isinstance(row, dict):
            problems.append(f"Row {number}: expected the columns {', '.join(COLUMNS)}.")
            continue
        values = {column: str(row.get(column) or "").strip() for column in COLUMNS}
        parish = parishes.get(values["parish"].lower())
        row_problems = _row_problems(number, values, seen, parish)
        if row_problems:
            problems.extend(map(str, row_problems))
            continue
        clean.append(
            CaseRow(
                case_code=values["case_code"].upper(),
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
