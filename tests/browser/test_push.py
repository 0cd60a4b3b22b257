"""Issue 18, Web Push in Chromium: the alert settings page registers Lantern's service worker;
a push, as the push service delivers it, shows a notification whose "Acknowledge" button
acknowledges the alert on the server (no session, no CSRF token: the push's signed
token). Headless Chromium has no push service to subscribe with, so the push event is
dispatched to the service worker with the payload Lantern would encrypt for the device."""

import json

from playwright.sync_api import expect

from notifications.models import Alert
from notifications.push import services as push_services
from notifications.push import vapid
from tests.browser.conftest import assert_accessible, sign_in, watch_csp
from tests.browser.test_alerts import PASSWORD, cast, elsewhere

DISPATCH = """async (payload) => {
  const data = JSON.parse(payload);
  self.dispatchEvent(new PushEvent("push", { data: JSON.stringify(data) }));
  let shown = [];
  for (let i = 0; i < 100 && !shown.length; i++) {
    await new Promise((done) => setTimeout(done, 50));
    shown = await self.registration.getNotifications({ tag: "alert-" + data.id });
  }
  const notification = shown[0];
  const seen = { title: notification.title, body: notification.body,
                 actions: notification.actions.map((action) => action.action) };
  self.dispatchEvent(new NotificationEvent("notificationclick", { notification, action: "acknowledge" }));
  for (let i = 0; i < 100; i++) {
    await new Promise((done) => setTimeout(done, 50));
    const now = await self.registration.getNotifications({ tag: "alert-" + data.id });
    if (now.length && now[0].title !== seen.title) { seen.after = now[0].title; break; }
  }
  return seen;
}"""


def test_the_service_worker_registers_and_the_notifications_acknowledge_reaches_the_server(
    browser, live_asgi, shipped_data, settings
):
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = vapid.new_private_key()
    region, people = cast()
    context = browser.new_context(base_url=live_asgi.url)
    context.grant_permissions(["notifications"], origin=live_asgi.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = watch_csp(page)
    sign_in(page, "casey", PASSWORD)
    page.goto("/alerts/")
    page.get_by_role("link", name="Get alerts on your phone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alert settings")
    assert_accessible(page, "alert settings")
    button = page.get_by_role("button", name="Turn on notifications on this device")
    with context.expect_event("serviceworker") as registered:
        button.click()
    worker = registered.value
    assert worker.url == f"{live_asgi.url}/service-worker.js"
    # Subscribing needs a push service, which headless Chromium lacks: the page says so.
    expect(page.locator("#push-note")).to_contain_text("Could not turn on notifications")
    assert_accessible(page, "alert settings after a refused subscription")

    alert = elsewhere(
        raise_critical, region=region, actor=people["rowan"], summary="Youth at a motel."
    )
    payload = elsewhere(
        push_services._payload, alert=alert, user_id=people["casey"].pk, kind="alert"
    )
    seen = worker.evaluate(DISPATCH, json.dumps(payload))
    assert seen["title"] == "Critical alert — Acadiana"
    assert seen["body"] == "Youth at a motel."
    assert seen["actions"] == ["acknowledge", "open"]
    assert seen.get("after") == "Alert acknowledged"
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", people["casey"])
    context.close()
    assert refused == []


def raise_critical(*, region, actor, summary) -> Alert:
    from notifications import services

    return services.alert_raise(actor=actor, region=region, severity="critical", summary=summary)
