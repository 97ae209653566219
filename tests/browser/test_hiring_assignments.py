"""The manager's assignment pages in a browser: the form has room, a scenario list to search and
filter, and only the fields the chosen selection needs (without JavaScript every scenario and
field is there); an invitation's link is shown once, and a reload does not invite again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import DESKTOP, TIMEOUT_MS, sign_in
from trainer.auth.models import Role

pytestmark = pytest.mark.browser

PRINTER = "Nothing comes out of the printer"


def fill_the_rest(page: Page, title: str) -> None:
    page.get_by_label("Title").fill(title)
    page.get_by_label("Instructions for the candidates").fill("Answer as you would at work.")


def test_the_scenarios_are_found_by_words_and_facets(page, live_server, users, library):
    sign_in(page, live_server, users[Role.MANAGER].email)
    page.goto("/hiring/new")
    assert page.get_by_label("Title").bounding_box()["width"] > 700  # no longer squeezed
    rows = page.locator("#scenario-picker tbody tr")
    expect(rows).to_have_count(len(library.scenarios))
    count = page.locator("#scenario-count")
    expect(count).to_have_text(f"{len(library.scenarios)} of {len(library.scenarios)} "
                               "scenarios shown, 0 ticked.")
    draws = page.get_by_role("group", name=re.compile("^For a pool"))
    expect(draws).to_be_hidden()  # a fixed list draws nothing
    assert_accessible(page)

    page.get_by_label("Search").fill("printer")
    expect(rows.locator("visible=true")).to_have_count(2)
    page.get_by_label(re.compile(re.escape(PRINTER))).check()
    page.get_by_label("Difficulty", exact=True).select_option("3")
    expect(rows.locator("visible=true")).to_have_count(1)
    expect(rows.locator("visible=true")).to_contain_text("jammed printer")
    page.get_by_label("Search").fill("")
    page.get_by_label("Domain").select_option("web-hosting")
    facets = rows.locator("visible=true").evaluate_all(
        "rows => rows.map(row => row.dataset.domain + ' ' + row.dataset.difficulty)")
    assert facets and set(facets) == {"web-hosting 3"}
    page.get_by_label("Difficulty", exact=True).select_option("")
    page.get_by_label("Domain").select_option("")
    page.get_by_label("Ticked only").check()
    expect(rows.locator("visible=true")).to_have_count(1)
    expect(count).to_contain_text("1 ticked")

    page.get_by_label(re.compile("^A pool")).check()
    expect(draws).to_be_visible()
    expect(page.locator("#pool-ticked")).to_have_text("Ticked: 1 of difficulty 1.")
    page.get_by_label("Difficulty 1", exact=True).fill("1")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 740})  # a phone: nothing wider than it
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size(DESKTOP)

    # The ticked scenario is saved though the filter hides it now.
    page.get_by_label("Ticked only").uncheck()
    page.get_by_label("Search").fill("no title has these words")
    expect(rows.locator("visible=true")).to_have_count(0)
    fill_the_rest(page, "Pool of one")
    page.get_by_role("button", name="Save assignment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pool of one")
    expect(page.locator(".facts")).to_contain_text("1 drawn from a pool of 1")


def test_the_form_works_without_javascript(browser, live_server, users, library):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP,
                                  java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, live_server, users[Role.MANAGER].email)
        page.goto("/hiring/new")
        expect(page.locator("#scenario-filters")).to_be_hidden()
        expect(page.locator("#scenario-picker tbody tr").locator("visible=true")).to_have_count(
            len(library.scenarios))
        expect(page.get_by_role("group", name=re.compile("^For a pool"))).to_be_visible()
        page.get_by_label(re.compile(re.escape(PRINTER))).check()
        fill_the_rest(page, "Without scripts")
        page.get_by_role("button", name="Save assignment").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Without scripts")
    finally:
        context.close()


def test_an_invitation_shows_its_link_once_and_a_reload_does_not_invite_again(
        page, live_server, users, make_assignment):
    assignment_id = make_assignment()
    sign_in(page, live_server, users[Role.MANAGER].email)
    page.goto(f"/hiring/{assignment_id}")
    page.get_by_label("Candidate's name").fill("Ada Lovelace")
    page.get_by_label("E-mail").fill("ada@example.com")
    page.get_by_role("button", name="Invite").click()
    expect(page).to_have_url(f"{live_server.url}/hiring/{assignment_id}")  # not the POST's
    link = page.get_by_label(re.compile("Ada Lovelace"))
    expect(link).to_have_value(re.compile(r"/test/[A-Za-z0-9_-]{22}$"))
    assert_accessible(page)
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("shown only once"))).to_have_count(0)
    expect(page.locator("table.candidates tbody tr")).to_have_count(1)
