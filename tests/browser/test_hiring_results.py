"""The manager's results in a browser: the table fits a 1280x800 screen and a phone, and the
comparison lines the candidates' replies up step by step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import POLITE, CandidateBrowser, invite_to
from trainer.auth.models import Role

pytestmark = pytest.mark.browser

RUDE = "Calm down. Stop shouting and read the status page, idiot."
# Long names and addresses are the hard case for the table's width.
CANDIDATES = (
    ("Maximiliana Montgomery-Featherstonehaugh",
     "maximiliana.montgomery-featherstonehaugh@recruiting.example.com", POLITE),
    ("Bob Rude", "bob@example.com", RUDE),
    ("Cy Waiting", "cy@example.com", None),
)
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def taken(app, make_assignment, library) -> tuple[int, list[int]]:
    """An assignment three candidates started: two finished it, one has not replied yet."""
    assignment_id = make_assignment()
    ids = []
    for name, email, reply in CANDIDATES:
        invited = invite_to(app, assignment_id, name, email)
        browser = CandidateBrowser(app, invited.token)
        browser.start()
        if reply:
            browser.finish(reply)
        ids.append(invited.id)
    return assignment_id, ids


def overflow(page: Page, selector: str = "html") -> int:
    """How many pixels the element's content is wider than its box."""
    return page.evaluate("s => (e => e.scrollWidth - e.clientWidth)(document.querySelector(s))",
                         selector)


def test_the_results_fit_a_laptop_and_a_phone(page, live_server, users, taken):
    assignment_id, _ = taken
    sign_in(page, live_server, users[Role.MANAGER].email)
    page.set_viewport_size(LAPTOP)
    page.goto(f"/hiring/{assignment_id}/results")
    page.get_by_role("button", name="Reveal names and e-mails").click()
    table = page.locator("table.results")
    expect(table).to_contain_text("maximiliana.montgomery")
    assert overflow(page) == 0 and overflow(page, ".table-wrap") == 0
    for heading in ("Violations", "Signals", "Result"):
        box = page.get_by_role("columnheader", name=re.compile(heading)).bounding_box()
        assert box["x"] + box["width"] <= LAPTOP["width"], heading
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    assert overflow(page) == 0
    first = table.locator("tbody tr").first
    expect(first.get_by_role("link", name=re.compile("Maximiliana"))).to_be_visible()
    labels = first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    assert '"Overall"' in labels  # each value is labelled on its card
    page.get_by_label("Sort by").select_option("candidate")
    page.get_by_label("Order").select_option("asc")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(table.locator("tbody tr").first).to_contain_text("Bob Rude")
    assert_accessible(page)


def test_the_comparison_lines_up_the_replies_step_by_step(page, live_server, users, taken,
                                                         library):
    assignment_id, _ = taken
    sign_in(page, live_server, users[Role.MANAGER].email)
    page.set_viewport_size(LAPTOP)
    page.goto(f"/hiring/{assignment_id}/results")
    for checkbox in page.get_by_role("checkbox", name=re.compile("^Compare")).all():
        checkbox.check()
    page.get_by_role("button", name="Compare the ticked candidates").click()
    tables = page.locator("table.side-by-side")
    expect(tables).to_have_count(2)  # one per scenario
    first = tables.first
    expect(first.locator("thead th")).to_have_count(1 + len(CANDIDATES))
    opening = first.locator("tbody tr").nth(1)  # after the scenario's grade
    expect(opening.get_by_role("rowheader")).to_contain_text(
        library.scenarios["hosting-ssl-expired"].steps[0].customer.split()[0])
    cells = opening.locator("td")
    expect(cells.nth(0)).to_contain_text(POLITE[:30])
    expect(cells.nth(1)).to_contain_text("Calm down.")
    expect(cells.nth(1)).to_contain_text("Violations:")
    expect(cells.nth(2)).to_contain_text("Not answered.")
    expect(cells.nth(0).locator(".scores")).to_contain_text("Overall")
    assert overflow(page) == 0
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    assert overflow(page) == 0
    assert_accessible(page)

    page.set_viewport_size(LAPTOP)
    page.locator(".compare h2 a").first.click()  # the candidate's graded transcripts
    expect(page.get_by_role("heading", name="Graded transcripts")).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text(re.compile(r"\d+ min \d+ s of 30 min"))
    assert_accessible(page)
