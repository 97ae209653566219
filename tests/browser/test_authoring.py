"""An author writes a scenario with a mistake in the browser, sees the error on its line, fixes
it, tries it, publishes it and a second version, and a trainee plays it; each page is checked
by axe-core."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from scoring.format import load_scenario_text
from tests.authoring.examples import copied_draft, make_author
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import answer_to_the_end, start_in_browser
from trainer.auth.models import Role
from trainer.authoring.models import ScenarioDraft
from trainer.database import db

pytestmark = pytest.mark.browser

SLUG = "hosting-password-reset"
SCENARIO = """\
id: hosting-password-reset
version: 1
title: A customer cannot reset the panel password
domain: web-hosting
persona: {persona}
channel: chat
difficulty: 1
briefing: |
  Password reset links for the ShopHost panel expire after 30 minutes.
steps:
  - id: opening
    customer: |
      The reset link you sent me says it has expired. What now?
    expect:
      points:
        - id: new-link
          label: Offers to send a new reset link
          phrases: ["new link", "send you a new", "another link"]
      facts:
        - id: expiry
          label: Says links expire after 30 minutes
          phrases: ["30 minutes", "half an hour"]
    model_answer: |
      I'm sorry about that. Reset links expire after 30 minutes for your safety. I can send you a
      new link right now: please use it within half an hour.
  - id: thanks
    closing: resolved
    customer: Got it, the new link worked. Thanks!
"""
MISTAKE = SCENARIO.format(persona="grumpy")
FIXED = SCENARIO.format(persona="confused")


@pytest.fixture
def app_config(app_config, tmp_path) -> dict[str, object]:
    """Publishing writes into a library directory of the test's own."""
    return {**app_config, "SCENARIO_LIBRARY": str(tmp_path / "library")}


def replace_text(page: Page, text: str) -> None:
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_write_fix_try_publish_and_play(page: Page, live_server, users, library):
    make_author(live_server.app, users[Role.MENTOR])
    sign_in(page, live_server, users[Role.MENTOR].email)
    page.get_by_role("link", name="Authoring").click()
    assert_accessible(page)
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_url(re.compile(r"/authoring/drafts/\d+$"))
    expect(page.locator(".cm-editor")).to_be_visible()

    replace_text(page, MISTAKE)
    error_line = page.locator(".cm-line", has=page.locator(".cm-lintRange-error"))
    expect(error_line).to_have_text("persona: grumpy")
    expect(page.locator("#problem-list")).to_contain_text("Line 5:")
    expect(page.locator("#problem-list")).to_contain_text("grumpy")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"Saved \(revision \d+\)"))
    assert_accessible(page)

    replace_text(page, FIXED)
    expect(page.locator("#check-summary")).to_have_text(re.compile("^Loads: no errors"))
    expect(page.locator(".cm-lintRange-error")).to_have_count(0)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"Saved \(revision \d+\)"))

    page.reload()  # the draft survives a closed tab
    expect(page.locator(".cm-content")).to_contain_text("persona: confused")

    page.get_by_role("link", name="Branch map").click()
    expect(page.locator("svg.branch-map .map-node")).to_have_count(2)
    expect(page.locator("#map-flags")).to_contain_text("1 possible conversation, 0 ending")
    assert_accessible(page)

    page.get_by_role("link", name="Try it").click()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Your reply").fill("Sorry! I can send you a new link; it lasts 30 minutes.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#conversation .feedback")).to_contain_text("Politeness")
    expect(page.locator("#tryout-ended")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edit").click()
    replace_text(page, FIXED.replace("title: A customer", "title: Today a customer"))
    page.get_by_role("button", name="Publish").click()  # saves what was typed first
    expect(page.locator(".flash-success")).to_contain_text(f"Published {SLUG} version 1")
    expect(page.locator("h1")).to_have_text("Today a customer cannot reset the panel password")

    page.get_by_role("button", name="Edit in a new draft").click()
    expect(page.locator(".cm-content")).to_contain_text("version: 1")
    replace_text(page, FIXED.replace("version: 1", "version: 2"))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash-success")).to_contain_text(f"Published {SLUG} version 2")
    assert_accessible(page)
    page.get_by_role("button", name="Show the differences").click()
    expect(page.locator("h1")).to_have_text(f"{SLUG}: version 1 and version 2")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, users[Role.TRAINEE].email)
    start_in_browser(page, SLUG)
    scenario = load_scenario_text(FIXED)
    answer_to_the_end(page, SimpleNamespace(scenarios={SLUG: scenario}), SLUG)
    expect(page.locator("body")).to_contain_text("Resolved")


def test_two_authors_on_one_draft_get_a_conflict_and_keep_their_text(
        page: Page, browser, live_server, users, library, make_user):
    app = live_server.app
    make_author(app, users[Role.MENTOR])
    second = make_user(Role.ADMIN, "second-admin@example.com")
    make_author(app, second)
    draft_id = copied_draft(app, users[Role.MENTOR])
    other = browser.new_context(base_url=live_server.url).new_page()
    for each, account in ((page, users[Role.MENTOR]), (other, second)):
        sign_in(each, live_server, account.email)
        each.goto(f"/authoring/drafts/{draft_id}")
        expect(each.locator(".cm-editor")).to_be_visible()

    replace_text(page, FIXED)
    expect(page.locator("#save-status")).to_have_text("Saved (revision 2).")
    replace_text(other, MISTAKE)
    expect(other.locator("#conflict")).to_be_visible()
    expect(other.locator("#conflict-text")).to_contain_text("Mentor saved this draft meanwhile")
    expect(other.locator(".cm-content")).to_contain_text("persona: grumpy")
    expect(other.locator("#mine-kept")).to_have_value(MISTAKE)
    assert_accessible(other)
    assert draft_text(app, draft_id) == FIXED

    other.get_by_role("button", name="Save mine over theirs").click()
    expect(other.locator("#save-status")).to_have_text("Saved (revision 3).")
    expect(other.locator("#conflict")).to_be_hidden()
    assert draft_text(app, draft_id) == MISTAKE
    other.context.close()


def draft_text(app, draft_id: int) -> str:
    with app.app_context():
        return db.session.get(ScenarioDraft, draft_id).text


def test_text_typed_while_offline_survives_a_closed_tab(
        page: Page, browser, live_server, users, library):
    app = live_server.app
    make_author(app, users[Role.MENTOR])
    draft_id = copied_draft(app, users[Role.MENTOR])
    sign_in(page, live_server, users[Role.MENTOR].email)
    page.goto(f"/authoring/drafts/{draft_id}")
    page.route("**/autosave", lambda route: route.abort())
    replace_text(page, FIXED)
    expect(page.locator("#save-status")).to_contain_text("Not saved (connection problem)")
    page.close()

    again = page.context.new_page()
    again.goto(f"/authoring/drafts/{draft_id}")
    expect(again.locator(".cm-content")).to_contain_text("persona: confused")
    expect(again.locator("#save-status")).to_have_text("Saved (revision 2).")
    assert draft_text(app, draft_id) == FIXED
