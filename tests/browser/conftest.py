"""Browser tests: a real headless Chromium (Debian's) against Lantern's ASGI application
served by uvicorn on loopback, with axe-core checking every page it opens."""

import os
import shutil
import threading
import time

import pytest

from tests.live import free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# The machine's network is closed: keep Chromium from reaching out at all.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def chromium_path():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package."
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # CI installs it; a missing browser there is a failure
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, which trips Django's
    # async-safety check on plain test-side queries. Browser tests run last (see
    # tests/conftest.py), so the allowance covers no other test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class LiveASGIServer:
    """uvicorn serving config.asgi in a thread of the test process, so it uses the test
    database; HTTP and websockets, as in production."""

    def __init__(self):
        import uvicorn

        from config.asgi import application

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live ASGI server did not start")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_asgi(django_db_setup, django_db_blocker):
    server = LiveASGIServer()
    with django_db_blocker.unblock():
        server.start()
        yield server
        server.stop()
        from django.db import connections

        connections.close_all()


@pytest.fixture
def shipped_data(transactional_db):
    """Browser tests commit for real (the server thread must see the data), so they run as
    transactional tests, whose flush also removes the parishes the migrations ship: put
    them back. (Serialized rollback did not restore them once Playwright was running.)"""
    from coordination.models import Parish
    from coordination.people.parishes import load_louisiana_parishes

    load_louisiana_parishes(Parish)


def watch_csp(page) -> list[str]:
    """Collect what the content security policy refused on `page` (Chromium reports each
    refusal on the console); the fixtures fail a test that leaves any."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def wait_for_js(page, expression: str, timeout: float = 15.0) -> None:
    """Poll `expression` until it is true. (Playwright's wait_for_function evaluates a
    string inside the page, which the content security policy rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


@pytest.fixture
def page(browser, live_asgi, shipped_data):
    context = browser.new_context(base_url=live_asgi.url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    refused = watch_csp(opened)
    yield opened
    context.close()
    wait_for_sockets_to_close()
    assert not refused, "the content security policy refused:\n" + "\n".join(refused)


@pytest.fixture
def phone_page(browser, live_asgi, shipped_data):
    context = browser.new_context(
        base_url=live_asgi.url,
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    refused = watch_csp(opened)
    yield opened
    context.close()
    wait_for_sockets_to_close()
    assert not refused, "the content security policy refused:\n" + "\n".join(refused)


def wait_for_sockets_to_close(timeout: float = 10.0) -> None:
    """A closed browser's alert sockets say goodbye on the server a moment later (their
    disconnect deletes the presence row): wait for that, bounded, so the test's flush does
    not truncate the tables that goodbye is still writing (a deadlock)."""
    from notifications.models import AlertConnection

    deadline = time.monotonic() + timeout
    while AlertConnection.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def assert_accessible(page, what: str = "") -> None:
    """Fail on any serious or critical WCAG 2.1 A/AA violation that axe-core finds."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in blocking
    )
    assert not blocking, f"axe found serious violations on {what or page.url}:\n{report}"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page, username: str) -> None:
    """From the header; on a phone the Menu button opens it first."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
    page.get_by_role("button", name=f"Sign out {username}").click()


def go_to(page, link: str) -> None:
    """Follow a link in the header: on a phone the Menu button opens it first; on a
    laptop a link inside a task group ("Cases and teams", …) is reached by opening it."""
    navigation = page.get_by_role("navigation", name="Main")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
    target = navigation.get_by_role("link", name=link, exact=True)
    if not target.is_visible():
        # A closed group's links are hidden, which role locators skip: CSS finds them.
        inside = page.locator(f'a:text-is("{link}")')
        navigation.locator("details.nav-group", has=inside).locator("summary").click()
    target.click()


def header_is_one_row(page) -> bool:
    """Every entry of the header on the brand's line: each one's middle within the
    brand's top and bottom."""
    brand = page.locator("header.site-header .brand").bounding_box()
    entries = page.locator("header.site-header nav > ul > li:visible, .nav-toggle:visible")
    middles = [box["y"] + box["height"] / 2 for box in (e.bounding_box() for e in entries.all())]
    assert len(middles) >= 2
    return all(brand["y"] <= middle <= brand["y"] + brand["height"] for middle in middles)
