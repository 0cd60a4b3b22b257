"""Structured codes are checked as codes: providers' own case codes pass, whatever their
shape of letters and digits, and a name, a phone number, an SSN or a date does not pass
for one."""

import pytest

from coordination.learning.services import PARTICIPANT_CODE_WORD
from coordination.privacy import code_problem


@pytest.mark.parametrize(
    "code",
    [
        "CC-2025-001",
        "2024-118",
        "CC-25-001",
        "NOLA-0042",
        "HT-7",
        "A1B2C3",
        "2024-00017",
        "Q4-2025-3",
        "CAC-118",
        "DCFS-2025-11",
        "CASE-2024-7",
        "NOLA-2024-0042",
        "JD-2024-1",
    ],
)
def test_providers_case_codes_pass(code):
    assert code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("MARIA-LOPEZ-7", "may be a name"),
        ("KDUPRE-2024", "may be a name"),
        ("LOPEZ7", "may be a name"),
        ("KIM-2024", "reads as a person's name"),
        ("JOSE-7", "reads as a person's name"),
        ("CC-TINA-01", "reads as a person's name"),
        ("AMY2024", "reads as a person's name"),
        ("A123-45-6789", "Social Security"),
        ("X5045550100", "phone number"),
        ("D2011-04-12", "date"),
        ("2011-04-12-7", "date"),
        ("HT-20250312", "date"),
        ("123-45-6789", "Social Security"),
        ("123456789", "Social Security"),
        ("504-555-0100", "phone number"),
        ("5045550100", "phone number"),
        ("2011-04-12", "date"),
        ("04-12-2011", "date"),
        ("20110412", "date"),
        ("CC", "3 to 20"),
        ("CC_2025", "3 to 20"),
        ("ABC-DEF", "at least one digit"),
        ("X" * 21, "3 to 20"),
    ],
)
def test_what_is_not_a_code_is_refused_without_repeating_it(code, why):
    problem = code_problem(code)
    assert problem is not None
    assert why in problem
    assert code not in problem


def test_a_participants_made_up_code_may_hold_a_word_but_not_a_phone_number():
    assert (
        code_problem("RIVER-2024", min_length=4, longest_letter_run=PARTICIPANT_CODE_WORD) is None
    )
    assert "phone" in code_problem("504-555-0100", min_length=4, longest_letter_run=20)
