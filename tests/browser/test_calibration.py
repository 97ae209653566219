"""A calibration session in the browser: an admin starts it, two mentors grade blind (one
first forgets a score and keeps what they typed), and everyone sees the grades side by side;
each page is checked by axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import finished_attempt
from trainer.auth.models import Role

pytestmark = pytest.mark.browser
SCORES = ("Politeness", "Correctness", "Completeness")


def grade_everything(page: Page, score: str) -> None:
    for name in SCORES:
        fields = page.get_by_label(name, exact=True)
        for index in range(fields.count()):
            fields.nth(index).fill(score)


def test_a_blind_session_from_start_to_results(page, browser, live_server, users, make_user,
                                               library):
    attempt_id = finished_attempt(live_server.app, users[Role.TRAINEE])
    second = make_user(Role.MENTOR, "second.mentor@example.com")
    sign_in(page, live_server, users[Role.ADMIN].email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calibration").click()
    assert_accessible(page)
    page.get_by_role("link", name="Calibration sessions").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a session").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Outage calibration")
    page.get_by_label("Transcript").select_option(str(attempt_id))
    page.get_by_label(users[Role.MENTOR].name, exact=True).check()
    page.get_by_label(second.name, exact=True).check()
    page.get_by_role("button", name="Start the session").click()
    expect(page.get_by_text("Session started with 2 mentors.")).to_be_visible()
    assert_accessible(page)
    session_url = page.url

    mentor = browser.new_context(base_url=live_server.url).new_page()
    sign_in(mentor, live_server, users[Role.MENTOR].email)
    mentor.goto(session_url)
    expect(mentor.get_by_text(re.compile(r"machine \d+"))).to_have_count(0)
    grade_everything(mentor, "80")
    mentor.get_by_label("Politeness", exact=True).first.fill("")
    mentor.get_by_role("button", name="Submit my grades").click()
    expect(mentor.get_by_text("Politeness of reply 1 is required")).to_be_visible()
    expect(mentor.get_by_label("Correctness", exact=True).first).to_have_value("80")
    assert_accessible(mentor)
    mentor.get_by_label("Politeness", exact=True).first.fill("35")
    mentor.get_by_role("button", name="Submit my grades").click()
    expect(mentor.get_by_text("Your grades are in.")).to_be_visible()

    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in(other, live_server, second.email)
    other.goto(session_url)
    expect(other.get_by_text("1 of 2 mentors have submitted")).to_be_visible()
    grade_everything(other, "70")
    other.get_by_role("button", name="Submit my grades").click()
    expect(other.get_by_role("row", name=re.compile("^Between mentors"))).to_be_visible()

    for viewer in (mentor, page):
        viewer.goto(session_url)
        grades = viewer.get_by_role("table", name="Grades of reply 1")
        expect(grades.get_by_role("row", name=re.compile(r"^Mentor 35 80 80"))).to_be_visible()
        expect(grades.get_by_role("row", name=re.compile("^Scorer"))).to_be_visible()
    assert_accessible(page)
