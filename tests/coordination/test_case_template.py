"""The annual submission's case template carries the codes: the .xlsx as drop-down lists
over a `codes` sheet, the .csv as `#` note rows under the header. A filled template reads
back as exactly its rows, and errors name the row a person sees in the file."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coordination.models import Parish
from coordination.reporting import submissions
from coordination.reporting.submissions import (
    CODED,
    COLUMNS,
    MAX_ROWS,
    clean_case_rows,
    read_case_file,
    template,
)

CODED_COLUMNS = [column for column in COLUMNS if column in CODED or column == "parish"]
ROWS = [
    ["C-00001", "sex", "confirmed", "15-17", "Orleans", "receiving_services"],
    ["C-00002", "labor", "prospective", "35+", "22033", "services_completed"],
]


def codes_of(column):
    if column == "parish":
        return list(Parish.objects.order_by("name").values_list("name", flat=True))
    return list(CODED[column].values)


def download(api, file_format):
    response = api("reporter").get(f"/api/v1/annual-submissions/template.{file_format}")
    assert response.status_code == 200
    return response.content


def filled_xlsx(rows) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template("xlsx")))
    for row in rows:
        workbook["cases"].append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filled_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return template("csv") + out.getvalue().encode()


def read(name, data):
    return read_case_file(SimpleUploadedFile(name, data))


# --- the .xlsx ------------------------------------------------------------------------------------
def test_the_workbook_opens_on_the_cases_sheet_with_the_header(db):
    workbook = openpyxl.load_workbook(io.BytesIO(template("xlsx")))
    assert workbook.sheetnames == ["cases", "codes"]
    assert workbook.active.title == "cases"
    assert [cell.value for cell in workbook["cases"][1]] == COLUMNS
    assert workbook["cases"].max_row == 1


def test_the_codes_sheet_lists_every_code_with_its_meaning(db):
    sheet = openpyxl.load_workbook(io.BytesIO(template("xlsx")))["codes"]
    columns = {
        column[0].value: [cell.value for cell in column[1:] if cell.value is not None]
        for column in sheet.iter_cols()
    }
    for column in CODED_COLUMNS:
        assert columns[column] == codes_of(column), column
    for column, choices in CODED.items():
        assert columns[f"{column} means"] == list(choices.labels)
    assert "Orleans" in columns["parish"]
    assert len(columns["parish"]) >= 64
    assert columns["FIPS code"][columns["parish"].index("Orleans")] == "22071"


def test_each_coded_column_has_a_drop_down_over_the_codes_sheet(db):
    workbook = openpyxl.load_workbook(io.BytesIO(template("xlsx")))
    codes = workbook["codes"]
    validations = {
        str(validation.sqref): validation
        for validation in workbook["cases"].data_validations.dataValidation
    }
    assert len(validations) == len(CODED_COLUMNS)
    for column in CODED_COLUMNS:
        letter = openpyxl.utils.get_column_letter(COLUMNS.index(column) + 1)
        validation = validations[f"{letter}2:{letter}{MAX_ROWS + 1}"]
        assert validation.type == "list"
        assert validation.allow_blank
        assert validation.prompt
        assert validation.error
        assert validation.showInputMessage
        assert validation.showErrorMessage
        assert len(validation.errorTitle) <= 32  # Excel's limits, or it "repairs" the file
        assert len(validation.prompt) <= 255
        sheet, cells = validation.formula1.split("!")
        assert sheet.strip("'") == "codes"
        listed = [cell.value for (cell,) in codes[cells.replace("$", "")]]
        assert listed == codes_of(column), column


def test_a_hostile_parish_name_is_written_as_text_on_the_codes_sheet(world):
    world.home_parish.name = '=HYPERLINK("http://evil.example/","Open")'
    world.home_parish.save()
    sheet = openpyxl.load_workbook(io.BytesIO(template("xlsx")))["codes"]
    parishes = [cell.value for (cell,) in sheet.iter_rows(min_col=7, max_col=7)]
    assert "'" + world.home_parish.name in parishes
    assert not [name for name in parishes if str(name).startswith("=")]


# --- the .csv -------------------------------------------------------------------------------------
def test_the_csv_has_the_header_then_a_note_for_each_coded_column(db):
    lines = list(csv.reader(io.StringIO(template("csv").decode())))
    assert lines[0] == COLUMNS
    notes = lines[1:]
    assert [len(note) for note in notes] == [1] * len(CODED_COLUMNS)
    for column, (note,) in zip(CODED_COLUMNS, notes, strict=True):
        assert note.startswith(f"# {column}: ")
        if column == "parish":
            assert note == "# parish: a Louisiana parish name (Orleans) or its FIPS code (22071)"
            continue
        listed = note.removeprefix(f"# {column}: ").split("; ")
        assert [entry.split(" = ")[0] for entry in listed] == codes_of(column)
    assert "labor = Labor trafficking" in notes[0][0]


# --- reading a filled template back -----------------------------------------------------------------
@pytest.mark.parametrize(("name", "fill"), [("cases.xlsx", filled_xlsx), ("cases.csv", filled_csv)])
def test_a_filled_template_reads_back_as_exactly_its_rows(db, name, fill):
    rows = read(name, fill(ROWS))
    assert rows == [dict(zip(COLUMNS, row, strict=True)) for row in ROWS]
    clean = clean_case_rows(rows)
    assert [(case.case_code, case.parish.name) for case in clean] == [
        ("C-00001", "Orleans"),
        ("C-00002", "East Baton Rouge"),
    ]


def test_a_workbook_saved_while_looking_at_the_codes_reads_its_cases_sheet(db):
    workbook = openpyxl.load_workbook(io.BytesIO(filled_xlsx(ROWS)))
    workbook.active = workbook["codes"]
    out = io.BytesIO()
    workbook.save(out)
    rows = read("cases.xlsx", out.getvalue())
    assert [row["case_code"] for row in rows] == ["C-00001", "C-00002"]


@pytest.mark.parametrize(
    ("name", "fill", "line"),
    [
        ("cases.xlsx", filled_xlsx, 3),  # the header, a good row, the bad one
        ("cases.csv", filled_csv, 8),  # the header, five notes, a good row, the bad one
    ],
)
def test_an_error_names_the_row_a_person_sees(db, name, fill, line):
    bad = [*ROWS[0][:3], "sixteen", *ROWS[0][4:]]
    bad[0] = "C-00003"
    with pytest.raises(ValidationError) as refused:
        clean_case_rows(read(name, fill([ROWS[0], bad])))
    assert refused.value.message_dict["cases"] == [
        f"Row {line}, column age_band: not a code of the template; use one of "
        "0-11, 12-14, 15-17, 18-24, 25-34, 35+, unknown."
    ]


def test_empty_rows_and_notes_between_rows_keep_the_numbering(db):
    data = b"".join(
        [
            template("csv"),
            b"C-00001,sex,confirmed,15-17,Orleans,receiving_services\r\n",
            b"\r\n",  # line 8: empty
            b"# a note of the provider's own\r\n",  # line 9
            b"C-00001,labor,prospective,35+,Orleans,other\r\n",  # line 10: the same code
        ]
    )
    rows = read("cases.csv", data)
    assert [row.line for row in rows] == [7, 10]
    with pytest.raises(ValidationError) as refused:
        clean_case_rows(rows)
    assert refused.value.message_dict["cases"] == [
        "Row 10, column case_code: the same case code as row 7."
    ]


def test_a_row_with_a_case_code_starting_with_a_hash_is_not_a_note(db):
    """Only a row with nothing but the note is skipped: a data row is refused, never lost."""
    data = template("csv") + b"#C-1,sex,confirmed,15-17,Orleans,receiving_services\r\n"
    rows = read("cases.csv", data)
    assert len(rows) == 1
    with pytest.raises(ValidationError) as refused:
        clean_case_rows(rows)
    assert refused.value.message_dict["cases"][0].startswith("Row 7, column case_code")


def test_notes_do_not_count_as_rows_but_are_bounded(db, monkeypatch):
    monkeypatch.setattr(submissions, "MAX_ROWS", 2)
    out = io.StringIO()
    csv.writer(out).writerows(ROWS)
    assert len(read("cases.csv", template("csv") + out.getvalue().encode())) == 2
    monkeypatch.setattr(submissions, "MAX_NOTE_ROWS", 6)
    with pytest.raises(ValidationError) as refused:
        read("cases.csv", template("csv") + b"# one\r\n# two\r\n")
    assert refused.value.message_dict["file"] == ["At most 6 note rows (starting with #)."]


def test_typed_rows_are_numbered_from_the_first_row_as_before(db):
    with pytest.raises(ValidationError) as refused:
        clean_case_rows([dict(zip(COLUMNS, ROWS[0], strict=True)), {"case_code": "C-9"}])
    assert refused.value.message_dict["cases"][0].startswith("Row 3, column trafficking_type")


def test_every_problem_reads_back_to_its_row_and_column_for_the_page(db):
    """The page puts a typed row's problem in its cell: what the check writes (and the task
    worker carries as text) reads back as the same row, column and words."""
    first = dict(zip(COLUMNS, ROWS[0], strict=True))
    rows = [
        first,
        {**first, "victim_status": "", "parish": "Atlantis"},
        {**first, "case_code": "MARIA-0315"},
    ]
    with pytest.raises(ValidationError) as refused:
        clean_case_rows(rows)
    read = [submissions.read_problem(text) for text in refused.value.message_dict["cases"]]
    assert [(problem.row, problem.column) for problem in read] == [
        (3, "case_code"),
        (3, "victim_status"),
        (3, "parish"),
        (4, "case_code"),
    ]
    assert read[0].same_as == 2
    assert read[3].same_as is None
    assert [str(problem) for problem in read] == refused.value.message_dict["cases"]


# --- the download ---------------------------------------------------------------------------------
def test_the_templates_download_through_the_api(api, world):
    assert download(api, "csv") == template("csv")
    workbook = openpyxl.load_workbook(io.BytesIO(download(api, "xlsx")))
    assert (workbook.active.title, workbook.sheetnames) == ("cases", ["cases", "codes"])
    assert read("cases.xlsx", download(api, "xlsx")) == []
    assert read("cases.csv", download(api, "csv")) == []


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 401), ("no_role", 200)])
def test_who_may_download_the_template(api, world, persona, status):
    assert api(persona).get("/api/v1/annual-submissions/template.xlsx").status_code == status
