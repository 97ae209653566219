"""The trainee's and the mentor's pages in the browser, each checked by axe-core: the catalogue's
search, order and statuses, the chat's reply count, highlight key and abandoning, the progress
page's chart and start button, and the review form going on to the next review."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from scoring.format.paths import most_replies
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import (
    EASY,
    RUDE,
    SLUG,
    add_history,
    finished_attempt,
    start_in_browser,
)
from trainer.auth.models import Role

pytestmark = pytest.mark.browser


def card_titles(page: Page) -> list[str]:
    return page.locator(".scenario-card h2").all_inner_texts()


def test_catalogue_search_order_and_status(page, live_server, users, library):
    trainee = users[Role.TRAINEE]
    add_history(live_server.app, trainee, [{"slug": EASY[0], "score": 90}])
    sign_in(page, live_server, trainee.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Scenarios").click()
    assert_accessible(page)

    page.get_by_label("Search").fill("office it")
    page.get_by_role("button", name="Show").click()
    office = sorted(s.title for s in library.scenarios.values() if s.domain == "office-it")
    assert sorted(card_titles(page)) == office
    assert "q=office+it" in page.url  # the server searched: the address says what was asked
    expect(page.get_by_label("Search")).to_have_value("office it")

    page.get_by_role("link", name="Clear").click()
    page.get_by_label("Sort by").select_option(label="Your status")
    page.get_by_role("button", name="Show").click()
    passed = library.scenarios[EASY[0]].title
    assert card_titles(page)[-1] == passed
    expect(page.locator(".scenario-card").last.locator(".play-status")).to_have_text(
        "Your status: Passed in an exam")
    page.get_by_label("Sort by").select_option(label="Title")
    page.get_by_role("button", name="Show").click()
    titles = card_titles(page)
    assert titles == sorted(titles, key=str.casefold)
    assert_accessible(page)

    page.get_by_role("link", name=library.scenarios[SLUG].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(library.scenarios[SLUG].title)
    assert_accessible(page)


def test_the_chat_counts_replies_keys_its_highlights_and_can_be_abandoned(
        page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    start_in_browser(page, SLUG)
    limit = most_replies(library.scenarios[SLUG])
    expect(page.locator(".reply-count")).to_have_text(f"Reply 1 of up to {limit}")
    key = page.get_by_role("region", name="What the highlights mean")
    expect(key).to_be_visible()
    expect(key.locator("mark.hl-cost")).to_have_text("Cost points")

    page.get_by_label(re.compile("^Your reply")).fill(RUDE)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".reply-count")).to_have_text(f"Reply 2 of up to {limit}")
    expect(page.locator("mark.hl-cost").first).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Abandon this attempt", exact=True).click()
    page.get_by_role("button", name="Yes, abandon this attempt").click()
    expect(page.get_by_text("Attempt abandoned: it has no grade")).to_be_visible()
    assert page.url.endswith(f"/scenarios/{SLUG}")
    expect(page.get_by_role("link", name=re.compile("^Resume"))).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    row = page.get_by_role("row", name=re.compile(library.scenarios[SLUG].title))
    expect(row.get_by_role("cell").last).to_have_text("abandoned")
    assert_accessible(page)
    row.get_by_role("link").click()
    expect(page.get_by_text("1 reply before it was abandoned.")).to_be_visible()
    assert_accessible(page)


def test_progress_chart_and_the_button_that_starts_a_recommendation(
        page, live_server, users, library):
    trainee = users[Role.TRAINEE]
    add_history(live_server.app, trainee, [
        {"slug": slug, "score": score} for slug, score in zip(EASY, (90, 80, 62), strict=True)])
    sign_in(page, live_server, trainee.email)
    assert_accessible(page)  # the home page offers the same recommendation button
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    chart = page.get_by_role("img", name=re.compile("^Politeness, correctness and completeness"))
    expect(chart).to_be_visible()
    assert chart.evaluate("image => image.naturalWidth") > 0  # the drawing loaded
    page.get_by_text("The same data as a table").click()
    # All three on one day (add_history): the points carry their times, not one date thrice.
    labels = page.locator(".chart-data tbody td:first-child").all_inner_texts()
    assert len(set(labels)) == 3 and all(re.fullmatch(r"02 Feb \d\d:\d\d", x) for x in labels)
    assert_accessible(page)

    first = page.get_by_role("region", name="Recommended next").get_by_role("listitem").first
    title = first.get_by_role("heading").inner_text()
    first.get_by_role("button", name=re.compile(r"^Play in (exam|practice) mode")).click()
    page.wait_for_url(re.compile(r"/practice/attempts/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_review_form_fields_and_the_next_review(page, live_server, users, library):
    first = finished_attempt(live_server.app, users[Role.TRAINEE])
    finished_attempt(live_server.app, users[Role.TRAINEE], first_reply=None)
    sign_in(page, live_server, users[Role.MENTOR].email)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("^Reviews")).click()
    page.get_by_role("table").get_by_role("link").first.click()
    score = page.get_by_label(re.compile(r"^Politeness \(machine \d+\)")).first
    expect(score).to_have_accessible_description(re.compile(r"^0 to 100; blank keeps \d+$"))
    assert score.bounding_box()["width"] >= 100  # room for three digits at a readable size
    assert_accessible(page)

    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text(re.compile(r"Review saved \(\d+ changes?\)\. Next in your queue"))
           ).to_be_visible()
    assert page.url.endswith(f"/review/attempts/{first}")
    assert_accessible(page)
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Nothing else waits in your review queue.")).to_be_visible()
