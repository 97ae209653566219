"""Signing in and out through the real pages, each role's navigation, and the admin's user form;
each role's home page and the sign-in, forgotten-password and account pages are checked by
axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import ARTIFACTS, sign_in
from trainer.auth.models import Role
from trainer.auth.routes import LOGIN_FAILED
from trainer.navigation import navigation_for

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_navigation_then_signs_out(page, live_server, users, role):
    sign_in(page, live_server, users[role].email)

    expect(page).to_have_url(f"{live_server.url}/home")
    # trainer/navigation.py declares each role's links; the page must show exactly those.
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    expect(links).to_have_text([item.label for item in navigation_for(role)])
    for link in links.all():
        expect(link).to_be_visible()
    assert_accessible(page)  # each role's home page

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    if role is Role.TRAINEE:  # the same page for every role: checked once
        assert_accessible(page)


def test_wrong_password_shows_the_error_and_stays_on_sign_in(page, live_server, users):
    sign_in(page, live_server, users[Role.TRAINEE].email, "not the password")

    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_text(LOGIN_FAILED)).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    assert_accessible(page)


def test_without_mail_the_forgotten_password_page_says_whom_to_ask(page, live_server):
    page.goto("/password/forgot")
    expect(page.get_by_text("Ask an administrator")).to_be_visible()
    assert_accessible(page)


class TestWithMail:
    """With mail configured (Flask-Mailman's memory outbox) the sign-in page links to a form."""

    @pytest.fixture
    def app_config(self, app_config):
        return app_config | {"MAIL_BACKEND": "locmem"}

    def test_the_forgotten_password_page_asks_for_the_address(self, page, live_server):
        page.goto("/login")
        page.get_by_role("link", name="Forgot your password?").click()
        page.get_by_label("E-mail").fill("")
        page.get_by_role("button", name="E-mail me a link").click()
        expect(page.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
        assert_accessible(page)


def test_catalogue_fits_a_phone_screen(page, live_server, users, library):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, users[Role.TRAINEE].email)
    page.goto("/scenarios/")

    expect(page.locator(".scenario-card")).to_have_count(len(library.scenarios))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "catalogue-phone.png", full_page=True)
    assert overflow <= 0, f"the catalogue scrolls sideways by {overflow}px on a phone"


def test_admin_creates_an_account_and_sees_it_listed(page, live_server, users):
    mentor = users[Role.MENTOR]
    sign_in(page, live_server, users[Role.ADMIN].email)
    page.goto("/admin/users")
    page.get_by_role("link", name="New account").click()
    assert_accessible(page)

    page.get_by_label("Name", exact=True).fill("Nadia Okafor")
    page.get_by_label("E-mail", exact=True).fill("nadia@example.com")
    page.get_by_label("Role", exact=True).select_option(label="Trainee")
    page.get_by_label("Mentor (trainees only)").select_option(
        label=f"{mentor.name} ({mentor.email})"
    )
    page.get_by_label("Initial password").fill("a long first password")
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(f"{live_server.url}/admin/users")
    expect(page.get_by_text("Account created for nadia@example.com.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="nadia@example.com")
    expect(row.get_by_role("cell").nth(0)).to_have_text("Nadia Okafor")
    expect(row.get_by_role("cell").nth(2)).to_have_text("Trainee")
    expect(row.get_by_role("cell").nth(3)).to_have_text(mentor.name)
    expect(row.get_by_role("cell").nth(4)).to_have_text("active")
