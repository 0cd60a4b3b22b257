"""Issue 19: the public dashboard — no sign-in — shows the published years only, always
suppressed exactly as the exports are, with provider participation over the years and
CSV downloads; a state admin chooses when a year is published."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from coordination.reporting import services
from tests.coordination.reporting import test_annual_report

# The annual report's years: Louisiana's 2014 worked example, and a year with small cells.
year_2014 = test_annual_report.year_2014
small_year = test_annual_report.small_year


def publish(world, cycle, published=True):
    if cycle.status == "open":  # only a closed year's figures are published
        services.reporting_cycle_close(actor=world.users["state_admin"], cycle=cycle)
        cycle.refresh_from_db()
    services.reporting_cycle_publish(
        actor=world.users["state_admin"], cycle=cycle, published=published
    )


def test_nothing_is_public_until_a_state_admin_publishes_it(world, year_2014):
    visitor = Client()
    assert "No year's figures are published yet." in visitor.get("/public/").content.decode()
    assert visitor.get("/public/2014/").status_code == 404
    assert visitor.get("/public/2014.csv").status_code == 404
    with pytest.raises(PermissionDenied):
        services.reporting_cycle_publish(
            actor=world.users["coordinator"], cycle=year_2014, published=True
        )
    publish(world, year_2014)
    assert visitor.get("/public/2014/").status_code == 200
    publish(world, year_2014, published=False)
    assert visitor.get("/public/2014/").status_code == 404


def test_the_2014_worked_example_on_the_public_dashboard(world, year_2014):
    publish(world, year_2014)
    visitor = Client()
    dashboard = visitor.get("/public/").content.decode()
    assert "206" in dashboard
    assert "15 of 47" in dashboard
    year = visitor.get("/public/2014/").content.decode()
    for expected in ["206", "84%", "11%", "5%", "15 of 47"]:
        assert expected in year
    csv_text = visitor.get("/public/2014.csv").content.decode()
    for expected in ["206", "84%", "11%", "5%", "15 of 47"]:
        assert expected in csv_text
    participation = visitor.get("/public/participation.csv").content.decode()
    assert "2014,47,15," in participation


def test_only_published_years_appear_and_small_cells_stay_hidden(world, year_2014, small_year):
    publish(world, small_year)
    visitor = Client()
    dashboard = visitor.get("/public/").content.decode()
    assert "2017" in dashboard
    assert "/public/2014/" not in dashboard  # not published: not in the trend either
    participation = visitor.get("/public/participation.csv").content.decode()
    assert "2014" not in participation
    year = visitor.get("/public/2017/").content.decode()
    assert "&lt;5" in year
    assert "(hidden)" not in year
    csv_text = visitor.get("/public/2017.csv").content.decode()
    assert "Labor trafficking,3," not in csv_text
    assert ",<5," in csv_text


def test_the_state_admin_publishes_on_the_page_and_in_the_api(world, year_2014, api):
    from coordination.plumbing.errors import Conflict

    with pytest.raises(Conflict):  # an open year's figures still move
        services.reporting_cycle_publish(
            actor=world.users["state_admin"], cycle=year_2014, published=True
        )
    services.reporting_cycle_close(actor=world.users["state_admin"], cycle=year_2014)
    admin = Client()
    admin.force_login(world.users["state_admin"])
    assert admin.post(f"/reporting/{year_2014.pk}/publish/", {"published": "1"}).status_code == 302
    year_2014.refresh_from_db()
    assert year_2014.published_at is not None
    answer = api("state_admin").post(
        f"/api/v1/reporting-cycles/{year_2014.pk}/publish/", {"published": False}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["published_at"] is None
    reporter = api("coordinator").post(
        f"/api/v1/reporting-cycles/{year_2014.pk}/publish/", {"published": True}, format="json"
    )
    assert reporter.status_code in (403, 404)


def test_a_page_drawn_for_someone_signed_in_is_never_kept_by_a_shared_cache(world, year_2014):
    publish(world, year_2014)
    assert "public" in Client().get("/public/2014/")["Cache-Control"]
    signed_in = Client()
    signed_in.force_login(world.users["coordinator"])
    assert "private" in signed_in.get("/public/2014/")["Cache-Control"]


def test_the_receipt_check_refuses_a_large_body_before_reading_it(world):
    answer = Client().post(
        "/receipts/verify/", data=b"x" * (300 * 1024), content_type="application/octet-stream"
    )
    assert answer.status_code == 413
