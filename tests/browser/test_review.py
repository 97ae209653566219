"""Mentor review in the browser: a trainee plays, the mentor corrects a turn from the keyboard
(and the calibration page counts it), the trainee reads it and disputes another turn, and the
mentor resolves the dispute. The pages not checked elsewhere are checked by axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import RUDE, SLUG, play_to_the_end
from trainer.auth.models import Role

pytestmark = pytest.mark.browser


def test_correction_dispute_and_resolution(page, browser, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    play_to_the_end(page, library, SLUG, first_reply=RUDE)
    transcript_url = page.url

    mentor = browser.new_context(base_url=live_server.url).new_page()
    sign_in(mentor, live_server, users[Role.MENTOR].email)
    navigation = mentor.get_by_role("navigation", name="Main")
    reviews = navigation.get_by_role("link", name=re.compile("^Reviews"))
    expect(reviews.locator(".badge")).to_have_text(re.compile("^1"))
    navigation.get_by_role("link", name="Calibration").click()
    expect(mentor.get_by_text("No attempt has been reviewed yet")).to_be_visible()
    reviews.click()
    mentor.get_by_role("link", name=library.scenarios[SLUG].title).click()

    # The keyboard only: focus the first score, type, Tab on to the comment, Enter in a field saves.
    politeness = mentor.get_by_label(re.compile(r"^Politeness \(machine \d+\)")).first
    politeness.focus()
    mentor.keyboard.press("Control+A")
    mentor.keyboard.type("35")
    comment = mentor.get_by_label("Comment for the trainee (required with a correction)").first
    while not comment.evaluate("element => element === document.activeElement"):
        mentor.keyboard.press("Tab")
    mentor.keyboard.type("Firm, but calling the customer an idiot still costs points.")
    politeness.focus()
    mentor.keyboard.press("Enter")
    expect(mentor.get_by_text(re.compile(r"Review saved \(\d+ changes?\)"))).to_be_visible()
    expect(reviews.locator(".badge")).to_have_count(0)
    navigation.get_by_role("link", name="Calibration").click()
    counted = re.compile(r"\d+ reviewed turns, 1 of them corrected")
    expect(mentor.get_by_text(counted)).to_be_visible()
    politeness = mentor.get_by_role("row", name=re.compile("^Politeness"))
    expect(politeness.get_by_role("cell").last).not_to_have_text("0.0")
    assert_accessible(mentor)

    page.goto(transcript_url)
    first_note = page.get_by_role("region", name="Mentor's review of reply 1")
    expect(first_note).to_contain_text("→ 35")
    expect(first_note).to_contain_text("calling the customer an idiot")
    assert_accessible(page)
    page.get_by_role("link", name="Dispute the grade of reply 2").click()
    page.get_by_label("What did the grade get wrong?").fill("too short")
    page.get_by_role("button", name="Send the dispute to my mentor").click()
    expect(page.get_by_text("10 to 1,000 characters")).to_be_visible()
    expect(page.get_by_label("What did the grade get wrong?")).to_have_value("too short")
    assert_accessible(page)
    page.get_by_label("What did the grade get wrong?").fill(
        "I explained the outage and the next update time, so completeness is too low.")
    page.get_by_role("button", name="Send the dispute to my mentor").click()
    expect(page.get_by_text("Your dispute was sent to your mentor")).to_be_visible()
    expect(page.get_by_role("region", name="Dispute of reply 2")).to_contain_text(
        "Waiting for the mentor")

    mentor.goto("/review?show=disputed")
    expect(reviews.locator(".badge")).to_have_text(re.compile("^1"))
    expect(mentor.get_by_role("cell", name=re.compile("open dispute"))).to_be_visible()
    assert_accessible(mentor)
    mentor.get_by_role("link", name=library.scenarios[SLUG].title).click()
    expect(mentor.get_by_text("Disputed by the trainee")).to_be_visible()
    assert_accessible(mentor)
    mentor.get_by_label("Upheld: the grade stands").check()
    mentor.get_by_label("Answer to the trainee (required to resolve)").fill(
        "The next update time was missing: it stays.")
    mentor.get_by_role("button", name="Save review").click()
    expect(mentor.get_by_text(re.compile(r"Review saved"))).to_be_visible()

    page.reload()
    resolution = page.get_by_role("region", name="Dispute of reply 2")
    expect(resolution).to_contain_text("Grade upheld")
    expect(resolution).to_contain_text("The next update time was missing: it stays.")
    assert_accessible(page)
