"""An admin's account pages through a real browser, each checked by axe-core: searching users,
changing an e-mail address, handing over a link to set a password, and moving a trainee to
another team."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import ARTIFACTS, sign_in
from trainer.auth.models import Role

pytestmark = pytest.mark.browser


def test_admin_finds_a_trainee_fixes_the_address_and_hands_over_a_password_link(
        page, browser, live_server, users):
    trainee = users[Role.TRAINEE]
    sign_in(page, live_server, users[Role.ADMIN].email)
    page.goto("/admin/users")
    page.get_by_label("Name or e-mail").fill("TRAIN")
    page.get_by_label("Team").select_option(label=f"{users[Role.MENTOR].name}'s team")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 user")
    assert_accessible(page)
    page.get_by_role("link", name=f"Edit {trainee.email}").click()

    address = page.get_by_label("E-mail", exact=True)
    address.fill(users[Role.MENTOR].email)
    page.get_by_label("Name", exact=True).fill("Tina Trainee")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(f"An account with the e-mail {users[Role.MENTOR].email} already"
                            " exists.")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Tina Trainee")
    assert_accessible(page)
    address.fill("tina@example.com")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved tina@example.com.")).to_be_visible()

    page.get_by_role("link", name="Edit tina@example.com").click()
    page.get_by_role("button", name="Give a link to set a new password").click()
    link = page.get_by_label("Tina Trainee (tina@example.com)").input_value()
    assert re.fullmatch(rf"{live_server.url}/password/set/[\w-]{{22}}", link)
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-password-link.png", full_page=True)

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(link)
    visitor.get_by_label("New password", exact=True).fill("tina's own password")
    visitor.get_by_label("Repeat the new password").fill("not the same password")
    visitor.get_by_role("button", name="Set password").click()
    expect(visitor.locator("[aria-invalid=true]")).to_have_count(1)  # the error is on a field
    assert_accessible(visitor)
    visitor.get_by_label("New password", exact=True).fill("tina's own password")
    visitor.get_by_label("Repeat the new password").fill("tina's own password")
    visitor.get_by_role("button", name="Set password").click()
    expect(visitor.get_by_text("Your new password is set")).to_be_visible()
    sign_in(visitor, live_server, "tina@example.com", "tina's own password")
    expect(visitor).to_have_url(f"{live_server.url}/home")
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name="This link does not work any more")).to_be_visible()
    assert_accessible(visitor)
    visitor.context.close()


def test_admin_moves_a_trainee_to_another_mentor(page, live_server, users, make_user):
    other = make_user(Role.MENTOR, "omar@example.com")
    trainee = users[Role.TRAINEE]
    sign_in(page, live_server, users[Role.ADMIN].email)
    page.goto("/admin/teams")
    page.get_by_label(f"Move {trainee.name} to").select_option(
        label=f"{other.name} ({other.email})")
    page.get_by_label(f"Move {trainee.name} to").locator("xpath=../..").get_by_role(
        "button", name="Move").click()
    expect(page.get_by_text(f"{trainee.name} is now in {other.name}'s team.")).to_be_visible()
    team = page.get_by_role("region", name=f"{other.name}'s team")
    expect(team.get_by_role("link", name=trainee.name)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=ARTIFACTS / "admin-teams.png", full_page=True)
