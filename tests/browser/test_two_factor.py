"""A state admin turns on two-factor sign-in with the keyboard and an authenticator's code,
then signs in with it; the pages pass axe on a phone-sized screen."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.coordination.factories import UserFactory

PASSWORD = "State-admin-passphrase-4"


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def test_a_state_admin_turns_on_two_factor_and_signs_in_with_a_code(phone_page):
    page = phone_page
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    sign_in(page, "ada", PASSWORD)
    page.get_by_role("link", name="Two-factor sign-in for your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    assert_accessible(page, "two-factor, off")
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert_accessible(page, "two-factor, scanning the key")
    device = TOTPDevice.objects.get(user=admin)
    field = page.get_by_label("Code from your authenticator app")
    field.fill(code(device))
    drafts = page.evaluate("Object.keys(sessionStorage).join(' ')")
    assert "lantern-draft:" not in drafts  # a one-time code is never kept as a draft
    field.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Two-factor sign-in is on")
    assert_accessible(page, "two-factor, on")

    sign_out(page, "ada")
    sign_in(page, "ada", PASSWORD)  # no code: asked for it
    expect(page.get_by_role("alert")).to_contain_text("enter the current 6-digit code")
    # Only the code is wrong: the password field is not marked as the problem.
    expect(page.get_by_label("Password")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Two-factor code")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "sign-in asking for the code")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Two-factor code").fill(code(device, steps_ahead=1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, ada")
