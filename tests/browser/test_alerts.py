"""The contact's console shows a new alert live; acknowledging it stops its escalation.
The coordinator sees who is on duty, is warned, and puts the backup on duty."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from notifications import selectors, services
from notifications.models import Alert
from tests.browser.conftest import assert_accessible, sign_in, wait_for_js, watch_csp
from tests.coordination.factories import RegionFactory, UserFactory

PASSWORD = "Contact-passphrase-9"
# Lets a test drop the console's socket and hold its reconnects for a while.
SOCKET_CONTROL = """
window.__sockets = [];
window.__holdSockets = false;
const RealWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const target = window.__holdSockets ? url.replace("/ws/alerts/", "/ws/nowhere/") : url;
  const socket = new RealWebSocket(target, protocols);
  window.__sockets.push(socket);
  return socket;
};
"""


def cast():
    region = RegionFactory(name="Acadiana", escalation_minutes=5)
    people = {}
    for name, role, duty in [
        ("casey", Role.RESPONDER, "primary"),
        ("drew", Role.RESPONDER, "backup"),
        ("rowan", Role.COORDINATOR, None),
    ]:
        people[name] = UserFactory(username=name, password=PASSWORD)
        RoleAssignment.objects.create(user=people[name], role=role, region=region, duty=duty)
    return region, people


def raise_from_the_page(page, summary: str) -> Alert:
    page.goto("/alerts/")
    page.get_by_role("link", name="Raise an alert").click()
    assert_accessible(page, "raise-an-alert form")
    page.get_by_label("Severity").select_option("critical")
    page.get_by_label("Summary").fill(summary)
    page.get_by_role("button", name="Raise the alert").click()
    expect(page.get_by_role("status")).to_contain_text("sent to casey")
    return Alert.objects.get(summary=summary)


def test_a_new_alert_appears_live_acknowledging_stops_its_escalation_and_reconnects_catch_up(
    browser, live_asgi, shipped_data
):
    region, people = cast()
    pages, refused = {}, {}
    for name in ("casey", "rowan"):
        context = browser.new_context(base_url=live_asgi.url)
        context.add_init_script(SOCKET_CONTROL)
        pages[name] = context.new_page()
        pages[name].set_default_timeout(15_000)
        refused[name] = watch_csp(pages[name])
        sign_in(pages[name], name, PASSWORD)
    console, coordinator = pages["casey"], pages["rowan"]
    console.get_by_role("navigation", name="Main").get_by_role("link", name="Alerts").click()
    expect(console.get_by_role("heading", level=1)).to_have_text("Alert console")
    expect(console.locator("#connection")).to_have_attribute("data-state", "online")
    expect(console.get_by_text("No open alerts.")).to_be_visible()

    # The coordinator raises an alert from their own browser.
    coordinator.goto("/alerts/")
    coordinator.get_by_role("link", name="Raise an alert").click()
    assert_accessible(coordinator, "raise-an-alert form")
    coordinator.get_by_label("Severity").select_option("critical")
    coordinator.get_by_label("Summary").fill(
        "Youth in immediate danger at a truck stop; LE en route."
    )
    coordinator.get_by_role("button", name="Raise the alert").click()
    expect(coordinator.get_by_role("status")).to_contain_text("sent to casey")
    alert = Alert.objects.get()

    card = console.locator(f"#alert-{alert.pk}")
    expect(card).to_contain_text("Youth in immediate danger at a truck stop")
    expect(card).to_contain_text("Critical")
    expect(card).to_contain_text("passes to the next contact at")
    expect(console.locator("#announcer")).to_contain_text("New Critical alert for Acadiana")
    expect(console).to_have_title("(1) Alert console · Lantern")
    expect(console.get_by_text("No open alerts.")).to_be_hidden()
    assert_accessible(console, "alert console with a live alert")

    card.get_by_role("button", name=f"Acknowledge alert {alert.pk}").click()
    expect(console.get_by_role("status").filter(has_text="acknowledged")).to_be_visible()
    card = console.locator(f"#alert-{alert.pk}")
    expect(card).to_contain_text("Acknowledged")
    expect(card).not_to_contain_text("passes to the next contact")
    expect(card.get_by_role("button", name=f"Resolve alert {alert.pk}")).to_be_visible()
    alert.refresh_from_db()
    assert (alert.status, alert.escalate_at) == ("acknowledged", None)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert services.escalate_due(now=later) == 0
    assert Alert.objects.get(pk=alert.pk).assigned_to == people["casey"]
    assert_accessible(console, "alert console after the acknowledgement")

    # The connection drops and the first reconnects fail; an alert is raised meanwhile.
    indicator = console.locator("#connection")
    console.evaluate("window.__holdSockets = true; window.__sockets.at(-1).close()")
    expect(indicator).to_have_attribute("data-state", "offline")
    expect(indicator).to_contain_text("reconnecting in")
    missed = raise_from_the_page(coordinator, "Second youth seen with the same adult.")
    wait_for_js(console, "window.__sockets.length >= 3")  # a retry failed: it was missed
    console.evaluate("window.__holdSockets = false")
    expect(indicator).to_have_attribute("data-state", "online", timeout=20_000)
    expect(console.locator(f"#alert-{missed.pk}")).to_contain_text("Second youth seen")
    expect(console.locator(".alert-card")).to_have_count(2)
    for page in pages.values():
        page.context.close()
    assert refused == {"casey": [], "rowan": []}  # nothing the content security policy refused


def test_the_coordinator_is_warned_and_puts_the_backup_on_duty(phone_page):
    page = phone_page
    region, people = cast()
    sign_in(page, "rowan", PASSWORD)
    warnings = page.locator(".rota-warnings")
    expect(warnings).to_contain_text("Rapid response: 1 warning")
    warnings.locator("summary").click()
    expect(warnings).to_contain_text("casey) has no open alert console")
    warnings.get_by_role("link", name="Open the on-duty rota").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("On-duty rota")
    assert_accessible(page, "rota on a phone")

    page.get_by_text("Take over now in Acadiana").click()
    page.get_by_label("Contact").select_option(label="drew")
    page.get_by_label("Reason (optional)").fill("The on-duty contact is in court today")
    page.get_by_role("button", name="Take over now").click()
    expect(page.get_by_role("status")).to_contain_text("drew is now on duty for Acadiana")
    expect(page.locator(".rota-region")).to_contain_text("drew took over")
    assert_accessible(page, "rota after a take-over")
    assert selectors.on_duty(region).contact == people["drew"]
