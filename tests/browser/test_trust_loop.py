"""The trainee-mentor loop in the browser: a new trainee is welcomed, practises (the customer has
the last word), takes an exam (a paste is reported to the mentor, no model answer is shown), the
mentor reviews and corrects it from the home page, the trainee sees the correction in the history
and disputes a reply, the mentor answers, and each home page says what happened. The pages not
checked elsewhere are checked by axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import RUDE, SLUG, answer_to_the_end, play_to_the_end, start_in_browser
from trainer.auth.models import Role

pytestmark = pytest.mark.browser

PASTE = """el => {
  const data = new DataTransfer();
  data.setData("text/plain", "Pasted from my notes.");
  el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
}"""


def test_the_trainee_mentor_loop_reaches_both_home_pages(page, browser, live_server, users,
                                                         library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    page.goto("/home")
    expect(page.get_by_role("heading", name="Welcome to Frontline")).to_be_visible()
    expect(page.get_by_text("averages 0")).to_have_count(0)
    assert_accessible(page)

    # Practice: the model answers lead to the customer's closing message.
    play_to_the_end(page, library, SLUG)
    expect(page.get_by_text("Resolved: the customer is satisfied.")).to_be_visible()
    expect(page.get_by_text("Model answer", exact=True).first).to_be_visible()
    assert_accessible(page)

    # An exam at another scenario: a paste is reported; the transcript shows no model answer.
    exam_slug = "crm-csv-import"
    start_in_browser(page, exam_slug, mode="exam")
    with page.expect_request(lambda request: request.url.endswith("/signal")):
        page.locator("textarea[name=text]").evaluate(PASTE)
    answer_to_the_end(page, library, exam_slug, first_reply=RUDE)
    expect(page.get_by_text("Model answer", exact=True)).to_have_count(0)
    expect(page.get_by_text("This exam counts for a rank.")).to_be_visible()
    exam_transcript = page.url
    assert_accessible(page)

    # The mentor's home page leads to the review; the exam shows how it was taken.
    mentor = browser.new_context(base_url=live_server.url).new_page()
    sign_in(mentor, live_server, users[Role.MENTOR].email)
    mentor.goto("/home")
    assert_accessible(mentor)
    mentor.get_by_role("link", name=re.compile(r"2 not yet reviewed")).click()
    assert_accessible(mentor)
    mentor.get_by_role("link", name=library.scenarios[exam_slug].title).click()
    integrity = mentor.get_by_role("region", name="How the exam was taken")
    expect(integrity).to_contain_text("Pasted text: 1")
    assert_accessible(mentor)
    expect(mentor.get_by_text(re.compile(rf"{users[Role.TRAINEE].name} · replied in"))
           .first).to_be_visible()
    mentor.get_by_label(re.compile(r"^Politeness \(machine \d+\)")).first.fill("90")
    mentor.get_by_label("Comment for the trainee (required with a correction)").first.fill(
        "Blunt, but the fix was right and complete.")
    mentor.get_by_role("button", name="Save review").click()
    expect(mentor.get_by_text(re.compile(r"Review saved"))).to_be_visible()

    # The trainee's home page tells of the review; the history marks the corrected grade.
    page.goto("/home")
    news = page.get_by_role("region", name=re.compile("^New since"))
    expect(news.get_by_role("heading", name="Reviews by your mentor")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    row = page.get_by_role("row", name=re.compile(library.scenarios[exam_slug].title))
    row.get_by_text("corrected").click()
    expect(row.get_by_text(re.compile("The machine's grade before the correction"))).to_be_visible()
    assert_accessible(page)

    # A dispute, answered by the mentor, shows on both home pages.
    page.goto(exam_transcript)
    page.get_by_role("link", name="Dispute the grade of reply 1").click()
    page.get_by_label("What did the grade get wrong?").fill(
        "I gave the undo path and the seven days, so correctness should be higher.")
    page.get_by_role("button", name="Send the dispute to my mentor").click()
    expect(page.get_by_text("Your dispute was sent to your mentor")).to_be_visible()
    mentor.goto("/home")
    mentor.get_by_role("link", name=re.compile(r"1 open dispute")).click()
    mentor.get_by_role("link", name=library.scenarios[exam_slug].title).click()
    mentor.get_by_label("Upheld: the grade stands").check()
    mentor.get_by_label("Answer to the trainee (required to resolve)").fill(
        "The blame in your last sentence still costs correctness.")
    mentor.get_by_role("button", name="Save review").click()
    expect(mentor.get_by_text(re.compile(r"Review saved"))).to_be_visible()
    page.goto("/home")
    answers = page.get_by_role("region", name=re.compile("^New since"))
    expect(answers.get_by_role("listitem")).to_contain_text(re.compile(r"reply 1:\s+grade upheld"))
    assert_accessible(page)
