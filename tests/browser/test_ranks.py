"""A trainee earns a rank in the browser; anyone verifies the certificate; an admin revokes it.
The certificate, verification and trainee pages are checked by axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import sign_in
from tests.helpers import EASY, add_history, first_rank_history, play_to_the_end
from trainer.auth.models import Role

pytestmark = pytest.mark.browser

LAST_SCENARIO = EASY[2]


def test_trainee_is_promoted_and_the_certificate_verifies_until_revoked(
        page, browser, live_server, users, library):
    trainee = users[Role.TRAINEE]
    add_history(live_server.app, trainee, first_rank_history()[:2])  # 2 of the 3 scenarios
    sign_in(page, live_server, trainee.email)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name="Current rank: Trainee")).to_be_visible()
    expect(page.get_by_text("2 of 3 scenarios passed in an exam")).to_be_visible()

    play_to_the_end(page, library, LAST_SCENARIO, mode="exam")
    expect(page.get_by_text("You reached the rank of Support Operator (L1).")).to_be_visible()
    page.get_by_role("link", name="See your certificate").click()
    certificate = page.locator("article.certificate")
    expect(certificate).to_contain_text("This certifies that")
    expect(certificate).to_contain_text(trainee.name)
    expect(certificate).to_contain_text("Support Operator (L1)")
    code = certificate.locator("code").inner_text()
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", code)
    assert_accessible(page)

    page.get_by_role("link", name="Your progress").click()
    expect(page.get_by_role("heading", name="Current rank: Support Operator (L1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Next rank: Support Specialist (L2)")).to_be_visible()

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/verify")
    assert_accessible(visitor)
    visitor.get_by_label("Verification code").fill(code)
    visitor.get_by_role("button", name="Verify").click()
    result = visitor.get_by_role("region", name="Verification result")
    expect(result).to_contain_text("Valid")
    expect(result).to_contain_text(trainee.name)
    expect(result).to_contain_text("Support Operator (L1)")
    assert_accessible(visitor)

    admin = browser.new_context(base_url=live_server.url).new_page()
    sign_in(admin, live_server, users[Role.ADMIN].email)
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Trainees").click()
    assert_accessible(admin)
    admin.get_by_role("rowheader", name=trainee.name, exact=True).get_by_role("link").click()
    assert_accessible(admin)
    admin.get_by_role("link", name="certificate for Support Operator (L1)").click()
    admin.get_by_label("Reason for revoking").fill("The exam answers were shared.")
    admin.get_by_role("button", name="Revoke certificate").click()
    expect(admin.get_by_text("Certificate revoked.")).to_be_visible()
    expect(admin.get_by_text("The exam answers were shared.")).to_be_visible()
    assert_accessible(admin)

    visitor.reload()
    expect(result).to_contain_text("Revoked")
    expect(result).not_to_contain_text("exam answers")
    assert_accessible(visitor)
    for context in (visitor.context, admin.context):
        context.close()
