"""Helpers to build reporting years and submissions for the annual-report tests."""

import datetime
import itertools

from coordination.models import Parish, Role, RoleAssignment
from coordination.reporting import services as reporting_services
from tests.coordination.factories import AgencyFactory, RoleAssignmentFactory, UserFactory

CHILD_BANDS = ["0-11", "12-14", "15-17"]
ADULT_BANDS = ["18-24", "25-34", "35+"]


def providers(count: int, prefix: str = "Provider"):
    """`count` service providers, each with a reporter (`<agency>.reporter`)."""
    made = []
    for number in range(1, count + 1):
        agency = AgencyFactory(name=f"{prefix} {number}", kind="service_provider")
        agency.is_service_provider = True
        agency.save()
        reporter = UserFactory(username=f"{prefix.lower()}-{number}-reporter")
        RoleAssignmentFactory(user=reporter, role=Role.PROVIDER_REPORTER, agency=agency)
        agency.reporter = reporter
        made.append(agency)
    return made


def open_year(admin, year: int, asked):
    return reporting_services.reporting_cycle_open(
        actor=admin, year=year, providers=asked, deadline=datetime.date(year + 1, 3, 31)
    )


def case_rows(specs, parish: Parish, start: int = 1):
    """Rows from (count, trafficking_type, victim_status, minor?) specs."""
    bands = itertools.cycle(CHILD_BANDS), itertools.cycle(ADULT_BANDS)
    rows, number = [], start
    for count, kind, status, minor in specs:
        for _ in range(count):
            rows.append(
                {
                    "case_code": f"C-{number:05d}",
                    "trafficking_type": kind,
                    "victim_status": status,
                    "age_band": next(bands[0] if minor else bands[1]),
                    "parish": parish.name,
                    "status_update": "receiving_services",
                }
            )
            number += 1
    return rows


def submit(agency, cycle, rows, parishes, *, drop_rows=False):
    children = sum(row["age_band"] in CHILD_BANDS for row in rows)
    adults = sum(row["age_band"] in ADULT_BANDS for row in rows)
    return reporting_services.submission_submit(
        actor=agency.reporter,
        cycle=cycle,
        agency=agency,
        services_offered=["case_management", "safe_housing"],
        parishes_served=parishes,
        children_served=children,
        adults_served=adults,
        cases=rows,
        drop_rows=drop_rows,
    )


def a_year_asked_of(count: int, password: str):
    """A state admin "ada" opens 2024, asking `count` providers; the first provider's
    reporter signs in with `password`. Returns the cycle and the providers."""
    admin = UserFactory(username="ada", password=password)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    asked = providers(count, prefix="Provider")
    cycle = open_year(admin, 2024, asked)
    reporter = asked[0].reporter
    reporter.set_password(password)
    reporter.save()
    return cycle, asked
