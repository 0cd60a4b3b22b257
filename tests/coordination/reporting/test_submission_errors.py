"""Issue 21 on the submission page: each problem next to its box, in plain words, with the
rows numbered as the page shows them (a typed row) or as the spreadsheet does (a file);
adding rows keeps what was typed; a decline starts on no reason; a version says how it
came in."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coordination.models import ServedCase
from coordination.reporting import submissions
from tests.coordination.reporting import case_rows, open_year, providers, submit


@pytest.fixture
def year(world):
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    return open_year(world.users["state_admin"], 2024, [world.home_agency, *providers(1)])


def reporter(world) -> Client:
    client = Client()
    client.force_login(world.users["reporter"])
    return client


def typed(world, rows: list[dict], total: int = 5) -> dict:
    """The form as a browser sends it: the figures, and `rows` typed in the first boxes of
    a table of `total` rows (the rest left empty)."""
    form = {
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk],
        "children_served": "1",
        "adults_served": "1",
        "cases-TOTAL_FORMS": str(total),
        "cases-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        form.update({f"cases-{index}-{column}": value for column, value in row.items()})
    return form


def two_rows(world, first_code="HA-0001", second_code="HA-0002") -> list[dict]:
    parish = world.home_parish.name
    return [
        {
            "case_code": first_code,
            "trafficking_type": "sex",
            "victim_status": "confirmed",
            "age_band": "15-17",
            "parish": parish,
            "status_update": "receiving_services",
        },
        {
            "case_code": second_code,
            "trafficking_type": "labor",
            "victim_status": "prospective",
            "age_band": "25-34",
            "parish": parish,
            "status_update": "lost_contact",
        },
    ]


def summary_of(page: str) -> str:
    return page.split("data-error-summary")[1].split("</div>")[0]


def words(html: str) -> str:
    """What a person reads: the text without the tags (and their ids)."""
    return re.sub(r"<[^>]+>", "", html)


def cell(page: str, box_id: str) -> str:
    """The table cell holding the box `box_id`, with what it says."""
    return re.search(rf'<td>(?:(?!</td>).)*id="{box_id}"(?:(?!</td>).)*</td>', page, re.S)[0]


def test_a_refused_case_code_is_marked_in_its_cell_in_plain_words(world, year):
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    page = reporter(world).post(url, typed(world, two_rows(world, "MARIA-0315"))).content.decode()
    box = cell(page, "id_cases-0-case_code")
    assert 'aria-invalid="true"' in box
    assert 'aria-describedby="id_cases-0-case_code_error"' in box
    assert 'id="id_cases-0-case_code_error"' in box
    assert "Letters only as short abbreviations" in box
    assert 'value="MARIA-0315"' in box  # the typed text is kept in its box
    summary = summary_of(page)
    assert '<a href="#id_cases-0-case_code">Case row 1, case code: Letters only' in summary
    assert "case_code" not in words(summary)
    assert "Row 2" not in words(summary)
    assert "MARIA" not in summary  # the refused value is never repeated
    # The other row, and the other boxes of the refused one, come back as they were typed.
    assert 'value="HA-0002"' in page
    assert 'aria-invalid="true"' not in cell(page, "id_cases-1-case_code")
    assert '<option value="labor" selected>' in page
    assert '<option value="sex" selected>' in page
    assert not ServedCase.objects.exists()


def test_rows_are_named_as_the_table_numbers_them_whatever_rows_are_left_empty(world, year):
    rows = two_rows(world, "HA-0001", "HA-0001")
    form = typed(world, [])
    form.update({f"cases-2-{column}": value for column, value in rows[0].items()})
    form.update({f"cases-4-{column}": value for column, value in rows[1].items()})
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    page = reporter(world).post(url, form).content.decode()
    summary = summary_of(page)
    assert "Case row 5, case code: The same case code as case row 3." in summary
    assert 'aria-invalid="true"' in cell(page, "id_cases-4-case_code")


def test_a_typed_row_left_half_empty_asks_for_the_label_not_the_codes(world, year):
    row = {"case_code": "HA-0001", "trafficking_type": "sex", "parish": world.home_parish.name}
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    page = reporter(world).post(url, typed(world, [row])).content.decode()
    summary = summary_of(page)
    assert "Case row 1, victim status: Choose the victim status." in summary
    assert "Case row 1, age band: Choose the age band." in summary
    assert "receiving_services" not in summary  # no list of codes for a list of labels
    assert 'aria-invalid="true"' in cell(page, "id_cases-0-age_band")
    assert 'value="HA-0001"' in page


def test_a_files_rows_are_named_as_the_spreadsheet_shows_them_at_the_file_box(world, year):
    header = ",".join(submissions.COLUMNS)
    data = f"{header}\nJANE-0001,sex,confirmed,15-17,{world.home_parish.name},reunified\n"
    form = typed(world, [], total=0)
    form["file"] = SimpleUploadedFile("cases.csv", data.encode())
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    page = reporter(world).post(url, form).content.decode()
    summary = summary_of(page)
    assert '<a href="#id_file">Case rows as a file (.csv or .xlsx): In the file' in summary
    assert "the header being row 1" in summary
    assert "Row 2, column case_code: a group of letters in it reads as a person" in summary
    assert "JANE" not in summary  # the refused value is never repeated
    assert re.search(r'<input type="file"[^>]*aria-invalid="true"[^>]*id="id_file"', page)


def test_adding_rows_keeps_what_was_typed_and_stores_nothing(world, year):
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    form = typed(world, two_rows(world, "MARIA-0315"), total=5)
    form["add_rows"] = "10"
    answer = reporter(world).post(url, form)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert 'name="cases-TOTAL_FORMS" value="15"' in page
    assert 'value="MARIA-0315"' in page
    assert 'value="HA-0002"' in page
    assert '<option value="labor" selected>' in page
    assert 'name="children_served" value="1"' in page
    assert re.search(rf'name="parishes_served" value="{world.home_parish.pk}"[^>]*checked', page)
    assert "data-error-summary" not in page  # nothing checked: no errors for the blank rows
    assert 'aria-invalid="true"' not in page
    assert re.search(r'name="cases-5-case_code"[^>]*autofocus', page)  # the first new row
    assert not ServedCase.objects.exists()


def test_adding_rows_stops_at_the_tables_limit(world, year):
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    form = typed(world, [], total=495)
    form["add_rows"] = "10"
    page = reporter(world).post(url, form).content.decode()
    assert 'name="cases-TOTAL_FORMS" value="500"' in page
    assert 'name="add_rows"' not in page


def test_the_columns_are_named_in_words_and_the_headers_as_the_files(world, year):
    page = reporter(world).get(f"/reporting/{year.pk}/{world.home_agency.pk}/").content.decode()
    assert "Columns: case_code" not in page
    assert "<code>case_code</code> for the case code" in page
    assert "<code>status_update</code> for the status update" in page
    assert '<th scope="col">Trafficking type</th>' in page


def test_a_version_says_how_it_came_in_plain_words(world, year):
    world.home_agency.reporter = world.users["reporter"]
    submit(
        world.home_agency,
        year,
        case_rows([(1, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    page = reporter(world).get(f"/reporting/{year.pk}/{world.home_agency.pk}/").content.decode()
    assert "(typed on the page or sent by an app)" in page
    assert "web form or api" not in page.lower()


def test_the_decline_a_state_admin_records_starts_on_no_reason(world, year):
    admin = Client()
    admin.force_login(world.users["state_admin"])
    url = f"/reporting/{year.pk}/tracker/"
    page = admin.get(url).content.decode()
    select = re.search(r'<select name="reason"[^>]*>.*?</select>', page, re.S)[0]
    assert "required" in select.split(">")[0]
    first = re.search(r"<option[^>]*>[^<]*</option>", select)[0]
    assert first == '<option value="" selected>Choose…</option>'
    refused = admin.post(url, {"agency": world.home_agency.pk, "reason": ""}).content.decode()
    assert "Choose the reason the provider gave." in refused
    assert "Recorded:" not in refused


def test_a_problem_reads_back_as_it_was_written():
    problem = submissions.RowProblem(7, "case_code", "the same case code as row 3.", same_as=3)
    assert submissions.read_problem(str(problem)) == problem
    plain = submissions.RowProblem(12, "age_band", "empty; use one of 0-11, 12-14.")
    assert submissions.read_problem(str(plain)) == plain
    assert submissions.read_problem("Cases in parishes not listed as served: Orleans.") is None
    assert submissions.read_problem("Row 4: expected the columns case_code.") is None
    assert list(submissions.COLUMN_LABELS) == submissions.COLUMNS
