"""A mentor opens a scenario's item statistics from its page and limits them to one version;
the page is checked by axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import SLUG, finished_attempt
from trainer.auth.models import Role

pytestmark = pytest.mark.browser


def test_a_mentor_reads_the_statistics_of_a_scenario(page, live_server, users, library):
    finished_attempt(live_server.app, users[Role.TRAINEE])
    finished_attempt(live_server.app, users[Role.TRAINEE], first_reply=None)
    version = library.scenarios[SLUG].version
    sign_in(page, live_server, users[Role.MENTOR].email)
    page.goto(f"/scenarios/{SLUG}")
    page.get_by_role("link", name=re.compile("Item statistics")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Item statistics: "))
    summary = page.get_by_role("main").get_by_role("paragraph").nth(1)
    counted = r":\s+\d+ replies in 2\s+attempts"
    expect(summary).to_contain_text(re.compile("All versions together" + counted))
    table = page.get_by_role("table").first
    opening = table.get_by_role("row").filter(has=page.get_by_role("rowheader",
                                                                   name=re.compile("^opening")))
    expect(opening.get_by_role("cell").first).to_have_text("2")
    expect(opening).to_contain_text("50 % (1 of 2)")
    assert_accessible(page)
    items = page.get_by_role("table").nth(1)
    expect(items).to_contain_text(
        "Argues with the customer or polices their tone (committed: 50 %, 1)")

    page.get_by_label("Version", exact=True).select_option(str(version))
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(rf"/statistics\?version={version}$"))
    expect(summary).to_contain_text(re.compile(f"Version {version}" + counted))
    expect(page.get_by_label("Version", exact=True)).to_have_value(str(version))
