"""The candidate's pages in a browser: nothing but the test, a clock that stays in view and warns
in the last minutes, and a reply box locked at zero with its text kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import DESKTOP
from tests.helpers import POLITE, CandidateBrowser, invite_to

pytestmark = pytest.mark.browser


@pytest.fixture
def link(app, make_assignment) -> str:
    """The path of a fresh candidate's link to a 30-minute test."""
    return f"/test/{invite_to(app, make_assignment(minutes=30)).token}"


def nothing_but_the_test(page) -> None:
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.locator(".site-header a")).to_have_count(0)  # not even the brand's link
    assert_accessible(page)


def test_the_candidate_sees_no_navigation_and_no_sign_in(page, app, link):
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Support agent test")
    nothing_but_the_test(page)
    candidate = CandidateBrowser(app, link.rsplit("/", 1)[1])
    candidate.start()
    candidate.finish()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    nothing_but_the_test(page)
    page.goto("/test/not-a-link-at-all")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    nothing_but_the_test(page)


def test_the_clock_stays_in_view_warns_and_locks_the_reply_at_zero(page, link):
    page.set_viewport_size({"width": 1280, "height": 600})
    page.clock.install()
    page.goto(link)
    page.get_by_role("button", name=re.compile("Start the test")).click()
    clock = page.locator("#exam-clock")
    expect(clock).to_have_class(re.compile(r"\bclock-normal\b"))
    assert_accessible(page)

    # After a reply the page jumps to the newest message: the clock is still on screen.
    page.get_by_label(re.compile("^Your reply")).fill(POLITE)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile("#latest$"))
    assert page.evaluate("window.scrollY") > 0
    expect(page.locator("#countdown")).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(page.locator("#countdown")).to_be_in_viewport()

    news = page.locator("#clock-news")
    expect(news).to_have_attribute("aria-live", "polite")
    expect(news).to_have_text("")
    page.clock.fast_forward("25:00")
    expect(clock).to_have_class(re.compile(r"\bclock-warning\b"))
    expect(news).to_have_text("5 minutes left in the test.")
    page.clock.fast_forward("00:10")  # announced once, not every second
    expect(news).to_have_text("5 minutes left in the test.")
    assert_accessible(page)

    page.clock.fast_forward("04:00")
    expect(clock).to_have_class(re.compile(r"\bclock-danger\b"))
    expect(news).to_have_text("1 minute left in the test.")
    assert_accessible(page)

    box = page.get_by_label(re.compile("^Your reply"))
    box.fill("My unfinished answer about the certificate")
    page.clock.fast_forward("01:00")
    expect(page.locator("#countdown")).to_have_text("Time is up: replies are no longer accepted.")
    expect(news).to_have_text("Time is up: replies are no longer accepted.")
    expect(box).to_be_disabled()
    expect(box).to_have_value("My unfinished answer about the certificate")
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    expect(page.locator("#time-up")).to_be_visible()
    expect(page.locator("#time-up")).to_contain_text("this reply can no longer be sent")
    assert_accessible(page)


def test_a_page_opened_in_the_last_minutes_shows_the_colour_without_javascript(
        browser, live_server, app, make_assignment):
    invited = invite_to(app, make_assignment(minutes=5))
    CandidateBrowser(app, invited.token).start()
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP,
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"/test/{invited.token}/play")
        expect(page.locator("#exam-clock")).to_have_class(re.compile(r"\bclock-warning\b"))
    finally:
        context.close()
