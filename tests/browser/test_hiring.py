"""A hiring manager sets up a test and invites two candidates; each takes it in their own
browser; the manager compares them blind, reveals the names and exports the results."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, TIMEOUT_MS, sign_in
from trainer.auth.models import Role
from trainer.hiring.export import COLUMNS

pytestmark = pytest.mark.browser

SCENARIOS = ("hosting-ssl-expired", "hosting-shop-outage")
RUDE = "Calm down. This is your fault, you should have read the status page, idiot."


def create_assignment(page: Page, library) -> None:
    page.goto("/hiring")
    page.get_by_role("link", name="New assignment").click()
    page.get_by_label("Title").fill("Tier 1 support, spring intake")
    page.get_by_label("Instructions for the candidates").fill("Answer each customer as at work.")
    for slug in SCENARIOS:
        page.get_by_label(re.compile(re.escape(library.scenarios[slug].title))).check()
    page.get_by_label("Time limit (minutes, for the whole test)").fill("30")
    page.get_by_role("button", name="Save assignment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tier 1 support, spring intake")


def invite(page: Page, name: str, email: str) -> str:
    page.get_by_label("Candidate's name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Invite").click()
    link = page.get_by_label(re.compile(re.escape(name)))
    expect(link).to_have_value(re.compile(r"/test/[A-Za-z0-9_-]{22}$"))
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name=re.compile("Copied|Selected"))).to_be_visible()
    return link.input_value()


def take_test(browser: Browser, url: str, library, rude: bool) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(url)
        expect(page.get_by_text("What is recorded")).to_be_visible()
        page.get_by_role("button", name=re.compile("Start the test")).click()
        while page.locator("#reply-form input[name=step_id]").count():
            expect(page.locator("#countdown")).to_contain_text("Time left")
            position = int(page.locator("#reply-form input[name=position]").input_value())
            step_id = page.locator("#reply-form input[name=step_id]").input_value()
            scenario = library.scenarios[SCENARIOS[position - 1]]
            text = RUDE if rude else scenario.step(step_id).model_answer
            page.get_by_label(re.compile("^Your reply")).fill(text)
            page.get_by_role("button", name="Send").click()
            page.wait_for_load_state()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
        expect(page.locator("body")).not_to_contain_text("Politeness")
    finally:
        context.close()


def test_two_candidates_compared_blind_and_exported(page, browser, live_server, users, library,
                                                   tmp_path):
    sign_in(page, live_server, users[Role.MANAGER].email)
    create_assignment(page, library)
    links = {name: invite(page, name, email) for name, email in (
        ("Ada Lovelace", "ada@example.com"), ("Bob Rude", "bob@example.com"))}
    take_test(browser, links["Ada Lovelace"], library, rude=False)
    take_test(browser, links["Bob Rude"], library, rude=True)

    page.get_by_role("link", name="Results").first.click()
    table = page.locator("table.results")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).not_to_contain_text("Ada Lovelace")  # blind until revealed
    expect(table).to_contain_text("submitted")
    page.get_by_role("checkbox", name=re.compile("^Compare")).first.check()
    page.get_by_role("checkbox", name=re.compile("^Compare")).last.check()
    page.get_by_role("button", name="Compare the ticked candidates").click()
    expect(page.locator(".compare > section.card")).to_have_count(2)
    expect(page.locator("table.side-by-side")).to_have_count(2)
    page.get_by_role("link", name=re.compile("^Results:")).click()

    page.get_by_role("button", name="Reveal names and e-mails").click()
    expect(table).to_contain_text("Ada Lovelace")
    expect(table.locator("tbody tr").first).to_contain_text("Ada Lovelace")  # best first
    page.get_by_role("link", name=re.compile("^Overall")).click()  # reversed: worst first
    expect(table.locator("tbody tr").first).to_contain_text("Bob Rude")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    path = tmp_path / "results.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert tuple(rows[0]) == COLUMNS
    assert {row["name"]: row["passed"] for row in rows} == {"Ada Lovelace": "yes",
                                                             "Bob Rude": "no"}
