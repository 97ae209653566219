"""A trainee plays scenarios in the real browser: two branches, resume, no double replies."""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, sign_in
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Reply

pytestmark = pytest.mark.browser

SLUG = "hosting-shop-outage"
RUDE = "Calm down. This is your fault, you should have read the status page, idiot."


def start(page: Page, mode: str = "practice") -> int:
    page.goto(f"/scenarios/{SLUG}")
    page.get_by_label(re.compile(f"{mode.capitalize()}: feedback")).check()
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/practice/attempts/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def current_step(page: Page) -> str:
    return page.locator("input[name=step_id]").input_value()


def send(page: Page, text: str, *, keyboard: bool = False) -> None:
    """Write the reply and send it; waits until the customer's next message (or the end)."""
    before = current_step(page)
    box = page.get_by_label(re.compile("^Your reply"))
    box.fill(text)
    if keyboard:
        box.press("Control+Enter")
    else:
        page.get_by_role("button", name="Send").click()
    page.wait_for_function(
        """before => { const f = document.querySelector("input[name=step_id]");
                       return !f || f.value !== before; }""",
        arg=before,
    )


def replies(live_server, attempt_id: int) -> list[str]:
    with live_server.app.app_context():
        return list(db.session.execute(
            db.select(Reply.step_id).where(Reply.attempt_id == attempt_id)
            .order_by(Reply.position)
        ).scalars())


def play_polite(page: Page, library) -> None:
    scenario = library.scenarios[SLUG]
    while page.locator("input[name=step_id]").count():
        send(page, scenario.step(current_step(page)).model_answer)


def test_polite_path_to_a_graded_transcript(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    scenario = library.scenarios[SLUG]
    expect(page.locator(".bubble.customer").last).to_contain_text(
        scenario.steps[0].customer.split()[0]
    )
    send(page, scenario.step("opening").model_answer, keyboard=True)  # Ctrl+Enter sends
    expect(page.locator(".feedback .scores").first).to_be_visible()
    expect(page.locator("mark.hl-earned").first).to_be_visible()
    play_polite(page, library)
    page.wait_for_url(re.compile(r"/transcript$"))
    expect(page.locator(".result")).to_contain_text("Passed")
    expect(page.locator(".model-answer").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "transcript.png", full_page=True)
    assert replies(live_server, attempt_id) == ["opening", "lost-sales"]


def test_rude_path_escalates_and_fails(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    send(page, RUDE)
    assert current_step(page) == "manager-demand"
    expect(page.locator("mark.hl-cost").first).to_be_visible()
    play_polite(page, library)
    page.wait_for_url(re.compile(r"/transcript$"))
    expect(page.locator(".result")).to_contain_text("Not passed")
    assert replies(live_server, attempt_id) == ["opening", "manager-demand", "lost-sales"]


def test_pasted_key_terms_are_flagged_as_a_list_and_a_veiled_blame_as_a_violation(
    page, live_server, users, library
):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    start(page)
    send(page, "Sorry, known incident INC-4471, engineers working, 11:30, which domain, status")
    expect(page.get_by_text("Write to the customer in full sentences").first).to_be_visible()
    listed = page.locator("mark.hl-earned[title*='only listed']").first
    expect(listed).to_be_attached()
    model = library.scenarios[SLUG].step(current_step(page)).model_answer
    send(page, f"{model} As outlined in the notice we sent, which you may have missed.")
    expect(page.locator("mark.hl-cost").last).to_contain_text("which you may have missed")


def test_reload_mid_attempt_resumes_with_everything_so_far(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    send(page, RUDE)
    page.get_by_label(re.compile("^Your reply")).fill("half-written answer")
    page.reload()
    assert current_step(page) == "manager-demand"
    expect(page.locator(".bubble.agent")).to_contain_text("read the status page")
    page.goto("/scenarios/")
    page.goto(f"/scenarios/{SLUG}")
    page.get_by_role("link", name=re.compile("Resume")).click()
    assert page.url.endswith(f"/practice/attempts/{attempt_id}")
    assert current_step(page) == "manager-demand"


def test_double_click_records_one_reply(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    page.get_by_label(re.compile("^Your reply")).fill(RUDE)
    page.get_by_role("button", name="Send").dblclick()
    page.wait_for_function(
        """() => document.querySelector("input[name=step_id]").value !== "opening" """
    )
    page.reload()
    assert replies(live_server, attempt_id) == ["opening"]


def test_empty_reply_is_refused_and_long_text_is_kept(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    start(page)
    box = page.get_by_label(re.compile("^Your reply"))
    box.fill("   ")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("A customer is waiting")
    too_long = "Thank you for your patience. " * 150
    page.get_by_label(re.compile("^Your reply")).fill(too_long)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("the limit is 4,000")
    expect(page.get_by_label(re.compile("^Your reply"))).to_have_value(too_long)


def test_sent_replies_are_appended_and_a_refusal_is_cleared(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    box = page.get_by_label(re.compile("^Your reply"))
    box.fill("   ")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("A customer is waiting")
    send(page, RUDE)
    send(page, library.scenarios[SLUG].step("manager-demand").model_answer)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_label(re.compile("^Your reply"))).to_have_value("")
    turns = page.locator("article.turn")
    expect(turns).to_have_count(3)
    assert [turns.nth(n).get_attribute("id") for n in range(3)] == ["turn-1", "turn-2", "turn-3"]
    expect(page.locator(".feedback")).to_have_count(2)
    expect(page.locator("#latest")).to_have_count(1)
    assert replies(live_server, attempt_id) == ["opening", "manager-demand"]


@contextmanager
def database_locked(live_server):
    """Another connection holds SQLite's write lock: the app's writes wait, then answer 503."""
    database = live_server.app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_reply_refused_while_the_database_is_busy_stays_in_the_box(page, live_server, users,
                                                                     library):
    if not live_server.app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:"):
        pytest.skip("holds SQLite's write lock")
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    answer = library.scenarios[SLUG].step("opening").model_answer
    box = page.get_by_label(re.compile("^Your reply"))
    box.fill(answer)
    with database_locked(live_server):
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("alert")).to_contain_text("database cannot be reached",
                                                          timeout=15_000)
    expect(box).to_have_value(answer)
    assert "undefined" not in page.locator("#conversation").inner_text()
    assert replies(live_server, attempt_id) == []
    send(page, answer)  # once the database is free, the same text goes through
    assert replies(live_server, attempt_id) == ["opening"]


def test_a_draft_survives_leaving_the_page_until_it_is_sent(page, live_server, users, library):
    sign_in(page, live_server, users[Role.TRAINEE].email)
    attempt_id = start(page)
    box = page.get_by_label(re.compile("^Your reply"))
    box.press_sequentially("Half a reply")
    page.goto("/home")
    page.goto(f"/practice/attempts/{attempt_id}")
    expect(box).to_have_value("Half a reply")
    send(page, library.scenarios[SLUG].step("opening").model_answer)
    page.reload()
    expect(box).to_have_value("")  # sent: the draft is gone, the next step starts empty
