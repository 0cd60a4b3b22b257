"""The contact's console shows a new alert live; acknowledging it stops its escalation.
The coordinator sees who is on duty, is warned, and puts the backup on duty."""

import datetime
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from notifications import selectors, services
from notifications.models import Alert
from tests.browser.conftest import (
    assert_accessible,
    go_to,
    sign_in,
    sign_out,
    wait_for_js,
    wait_for_sockets_to_close,
    watch_csp,
)
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
    go_to(console, "Alerts")
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
    expect(card).to_contain_text("escalates at")
    expect(console.locator("#announcer")).to_contain_text("New Critical alert for Acadiana")
    expect(console).to_have_title("(1) Alert console · Lantern")
    expect(console.get_by_text("No open alerts.")).to_be_hidden()
    assert_accessible(console, "alert console with a live alert")

    card.get_by_role("button", name=f"Acknowledge alert {alert.pk}").click()
    expect(console.get_by_role("status").filter(has_text="acknowledged")).to_be_visible()
    card = console.locator(f"#alert-{alert.pk}")
    expect(card).to_contain_text("Acknowledged")
    expect(card).not_to_contain_text("escalates at")
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
    wait_for_sockets_to_close()
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


# --- issue 18: the console's signed-out state, its order, the badge, the raiser told ---------
def elsewhere(service, **arguments):
    """Run a service as another process would: off this thread, whose event loop (the
    Playwright driver's) forbids the push's async_to_sync."""
    from django.db import connection

    result = {}

    def run():
        try:
            result["value"] = service(**arguments)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return result["value"]


@pytest.fixture
def consoles(browser, live_asgi, shipped_data):
    """Opens a signed-in alert console; every browser it opened is closed before the
    test's data is flushed (an open console's socket would still be reading it)."""
    opened = []

    def open_console(name: str):
        context = browser.new_context(base_url=live_asgi.url)
        opened.append(context)
        context.add_init_script(SOCKET_CONTROL)
        page = context.new_page()
        page.set_default_timeout(15_000)
        refused = watch_csp(page)
        sign_in(page, name, PASSWORD)
        page.goto("/alerts/")
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        return page, refused

    yield open_console
    for context in opened:
        context.close()
    wait_for_sockets_to_close()


def test_the_console_says_signed_out_and_stops_retrying_when_the_session_ends(consoles, settings):
    from django.contrib.sessions.models import Session

    settings.ALERT_SOCKET_BEAT_SECONDS = 0.5
    cast()
    console, refused = consoles("casey")
    indicator = console.locator("#connection")

    # Signing out in another tab ends the console's socket at once.
    other = console.context.new_page()
    other.goto("/")
    sign_out(other, "casey")
    expect(indicator).to_have_text("You are signed out. Sign in again to receive alerts.")
    console.wait_for_timeout(2_000)
    assert console.evaluate("window.__sockets.length") == 1  # no retry: it would be refused
    assert_accessible(console, "alert console, signed out")

    # A session that expires while the socket is down: the reconnect is refused, and the
    # console says so instead of "reconnecting" for ever.
    console, refused_again = consoles("casey")
    indicator = console.locator("#connection")
    console.evaluate("window.__holdSockets = true; window.__sockets.at(-1).close()")
    expect(indicator).to_contain_text("reconnecting in")
    Session.objects.all().delete()
    console.evaluate("window.__holdSockets = false")
    expect(indicator).to_have_text(
        "You are signed out. Sign in again to receive alerts.", timeout=20_000
    )
    count = console.evaluate("window.__sockets.length")
    console.wait_for_timeout(2_000)
    assert console.evaluate("window.__sockets.length") == count
    assert refused == refused_again == []


def test_the_newest_waiting_alert_comes_first_and_the_navigation_counts_them(consoles):
    region, people = cast()

    def raise_one(summary):
        return elsewhere(
            services.alert_raise,
            actor=people["rowan"],
            region=region,
            severity="urgent",
            summary=summary,
        )

    older = raise_one("First report: youth seen at the bus station.")
    answered = raise_one("Second report: the same adult returned.")
    elsewhere(
        services.alert_transition, actor=people["casey"], alert=answered, transition="acknowledge"
    )
    console, refused = consoles("casey")
    cards = console.locator("#alert-list > li")
    badge = console.get_by_role("navigation", name="Main").locator("[data-waiting-alerts]")
    expect(badge).to_have_text("1 waiting")

    newest = raise_one("Third report: youth asked a clerk for help.")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_have_id(f"alert-{newest.pk}")  # live, on top
    expect(cards.nth(1)).to_have_id(f"alert-{older.pk}")  # waiting
    expect(cards.nth(2)).to_have_id(f"alert-{answered.pk}")  # acknowledged, below
    expect(badge).to_have_text("2 waiting")
    expect(console).to_have_title("(2) Alert console · Lantern")
    assert_accessible(console, "alert console, newest first")

    # Acknowledged on another device: it moves below the ones still waiting.
    elsewhere(
        services.alert_transition, actor=people["casey"], alert=newest, transition="acknowledge"
    )
    expect(cards.nth(0)).to_have_id(f"alert-{older.pk}")
    expect(cards.nth(1)).to_have_id(f"alert-{newest.pk}")
    expect(badge).to_have_text("1 waiting")

    console.goto("/")
    expect(console.locator(".waiting-alerts")).to_contain_text("1 alert waiting for you.")
    console.locator(".waiting-alerts").get_by_role("link").click()
    expect(console.get_by_role("heading", level=1)).to_have_text("Alert console")
    assert refused == []


def test_whoever_raised_the_alert_sees_it_acknowledged_live(consoles):
    region, people = cast()
    coordinator, refused = consoles("rowan")
    alert = raise_from_the_page(coordinator, "Youth at the truck stop asked for help.")
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(f"Alert {alert.pk}")
    status = coordinator.locator("#alert-status")
    expect(status).to_have_text("Triggered")
    expect(coordinator.locator("#alert-facts")).to_contain_text("unless acknowledged")
    expect(coordinator.locator("#alert-watch")).to_have_attribute("data-state", "online")

    elsewhere(
        services.alert_transition, actor=people["casey"], alert=alert, transition="acknowledge"
    )
    expect(status).to_contain_text("Acknowledged by casey at")
    expect(coordinator.locator("#alert-live")).to_contain_text(f"Alert {alert.pk}: Acknowledged")
    # The page no longer says it escalates, its history has the answer, and the sentence
    # ends once ("at 5:23 p.m.", not "p.m..").
    expect(coordinator.locator("#alert-facts")).not_to_contain_text("unless acknowledged")
    expect(coordinator.locator("#alert-history li").last).to_contain_text("Acknowledged by casey")
    assert not coordinator.locator("#alert-live").inner_text().endswith("..")
    assert_accessible(coordinator, "alert page after the live acknowledgement")
    elsewhere(services.alert_transition, actor=people["casey"], alert=alert, transition="resolve")
    expect(status).to_contain_text("Resolved by casey")
    expect(coordinator.locator("#alert-watch")).to_have_count(0)

    # The coordinator reads how quickly it was answered.
    coordinator.goto("/rota/")
    coordinator.get_by_role("link", name="Alert insights: how quickly alerts were answered").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Alert insights")
    expect(coordinator.get_by_role("row", name="Acadiana")).to_contain_text("1")
    assert_accessible(coordinator, "alert insights")
    assert refused == []


def test_the_coordinator_sets_an_escalation_policy_and_answers_an_alert_given_to_coordinators(
    consoles,
):
    region, people = cast()
    coordinator, refused = consoles("rowan")
    coordinator.set_viewport_size({"width": 390, "height": 844})
    coordinator.goto("/rota/")
    coordinator.get_by_role("link", name="Change the escalation policy of Acadiana").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Escalation policy for Acadiana"
    )
    expect(coordinator.get_by_role("heading", name="Now: the default policy")).to_be_visible()
    assert_accessible(coordinator, "escalation policy on a phone")
    second = coordinator.get_by_role("group", name="Step 2")
    second.get_by_label("Notify").select_option(label="Every coordinator of the region")
    second.get_by_label("Wait for an acknowledgement (minutes)").fill("3")
    second.get_by_label("Page again (times)").fill("1")
    coordinator.get_by_role("button", name="Save the policy").click()
    expect(coordinator.get_by_role("status")).to_contain_text("escalation policy is saved")
    expect(coordinator.locator(".policy-steps li").nth(1)).to_contain_text(
        "Every coordinator of the region: wait 3 minutes, page again 1 time"
    )

    # Casey does not acknowledge in time: the alert reaches the coordinator's console.
    alert = elsewhere(
        services.alert_raise,
        actor=people["rowan"],
        region=region,
        severity="urgent",
        summary="Youth seen with an older adult at the bus station.",
    )
    Alert.objects.filter(pk=alert.pk).update(escalate_at=timezone.now())
    assert elsewhere(services.escalate_due) == 1
    coordinator.goto("/alerts/")
    card = coordinator.locator(f"#alert-{alert.pk}")
    expect(card).to_contain_text("Youth seen with an older adult")
    card.get_by_role("button", name=f"Acknowledge alert {alert.pk}").click()
    expect(coordinator.get_by_role("status").filter(has_text="acknowledged")).to_be_visible()
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", people["rowan"])
    assert refused == []
