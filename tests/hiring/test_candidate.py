"""The candidate's side: the link's lifecycle, the server's clock, two tabs, and exam mode that
never sends a scenario's expectations to the browser."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from tests.helpers import CSRF_FIELD, POLITE, CandidateBrowser, candidate_row, invite_to
from trainer.database import db, now_utc
from trainer.hiring import exam
from trainer.hiring.models import CandidateAttempt, CloseReason, HiringAssignment
from trainer.practice.models import Attempt, Reply


def replies_of(app, candidate_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.execute(
            db.select(Reply.text).join(CandidateAttempt,
                                       CandidateAttempt.attempt_id == Reply.attempt_id)
            .where(CandidateAttempt.candidate_id == candidate_id)
            .order_by(CandidateAttempt.position, Reply.position)
        ).scalars())


@pytest.fixture
def clock(monkeypatch):
    """The candidate pages' clock, moved by the test."""
    class Clock:
        now = now_utc()

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    controlled = Clock()
    monkeypatch.setattr(exam, "clock", lambda: controlled.now)
    return controlled


def test_the_landing_page_says_what_is_recorded_and_starts_only_on_request(app,
                                                                          make_assignment):
    invited = invite_to(app, make_assignment(minutes=25))
    browser = CandidateBrowser(app, invited.token)
    page = browser.get().get_data(as_text=True)
    assert "Answer each customer as at work." in page
    assert "Time limit: 25 minutes" in page and "What is recorded" in page
    assert candidate_row(app, invited.id).started_at is None
    assert browser.get("/play").headers["Location"].endswith(f"/test/{invited.token}")
    assert browser.start().headers["Location"].endswith("/play")
    assert candidate_row(app, invited.id).started_at is not None


@pytest.mark.parametrize("token", ["nonsense", "A" * 22, "x" * 400, "%ff"])  # NUL: test_edge
def test_an_unknown_link_gets_a_clear_page(client, token):
    response = client.get(f"/test/{token}")
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_link_works_for_one_attempt_and_is_refused_after_submission(app, make_assignment):
    invited = invite_to(app, make_assignment())
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    assert browser.finish() >= 2
    done = browser.get("/done").get_data(as_text=True)
    assert "Thank you, Ada Lovelace" in done and "cannot open the test again" in done
    for part in ("", "/play"):
        assert browser.get(part).headers["Location"].endswith("/done")
    assert browser.start().headers["Location"].endswith("/done")
    late = browser.send("One more thing!", {"position": "1", "step_id": "a-later-step",
                                            "csrf_token": browser.csrf})
    assert late.headers["Location"].endswith("/done")
    assert "This test is closed" in browser.get("/done").get_data(as_text=True)
    assert "One more thing!" not in replies_of(app, invited.id)
    candidate = candidate_row(app, invited.id)
    assert candidate.closed_by is CloseReason.FINISHED


def test_an_expired_link_that_was_never_started_is_refused(app, make_assignment, clock):
    invited = invite_to(app, make_assignment(expires_in=timedelta(hours=1)))
    clock.advance(hours=2)
    response = CandidateBrowser(app, invited.token).get()
    assert response.status_code == 410
    assert "This link has expired" in response.get_data(as_text=True)


def test_the_time_limit_is_enforced_by_the_server(app, make_assignment, clock):
    invited = invite_to(app, make_assignment(minutes=10))
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    browser.send("Hello, I am sorry about the certificate, I am looking at it now.")
    form = browser.play_form()
    clock.advance(minutes=9, seconds=50)
    assert "Time left: 0 min" in browser.get("/play").get_data(as_text=True)
    clock.advance(seconds=11)
    late = browser.send("This arrives one second too late.", form)
    page = late.get_data(as_text=True)
    assert late.status_code == 409
    assert "Time is up" in page and "This arrives one second too late." in page  # text kept
    assert replies_of(app, invited.id) == [
        "Hello, I am sorry about the certificate, I am looking at it now."]
    candidate = candidate_row(app, invited.id)
    assert candidate.closed_by is CloseReason.TIME_LIMIT
    assert candidate.closed_at == candidate.deadline
    with app.app_context():
        attempt = db.session.get(Attempt, db.session.execute(
            db.select(CandidateAttempt.attempt_id)
            .where(CandidateAttempt.candidate_id == invited.id)).scalar_one())
        assert attempt.finished and attempt.overall is not None  # closed with what it had
    assert browser.get("/play").headers["Location"].endswith("/done")


def test_the_deadline_is_capped_by_the_expiry(app, make_assignment, clock):
    invited = invite_to(app, make_assignment(minutes=60, expires_in=timedelta(minutes=30)))
    CandidateBrowser(app, invited.token).start()
    candidate = candidate_row(app, invited.id)
    with app.app_context():
        expires = db.session.get(HiringAssignment, candidate.assignment_id).expires_at
    assert candidate.deadline == expires


def test_the_test_resumes_from_the_same_link_within_the_time(app, make_assignment, clock):
    invited = invite_to(app, make_assignment())
    first = CandidateBrowser(app, invited.token)
    first.start()
    first.send("First reply, from the office computer.")
    clock.advance(minutes=5)
    elsewhere = CandidateBrowser(app, invited.token)  # another device: no cookies
    page = elsewhere.get("/play").get_data(as_text=True)
    assert "First reply, from the office computer." in page
    assert "Time left: 25 min" in page
    elsewhere.finish()
    assert len(replies_of(app, invited.id)) >= 3


def test_reply_times_are_recorded_per_turn_with_the_servers_clock(app, make_assignment, clock):
    invited = invite_to(app, make_assignment())
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    form = browser.play_form()
    clock.advance(seconds=42)
    browser.send("A reply after forty-two seconds of thought.", form)
    with app.app_context():
        reply = db.session.execute(db.select(Reply)).scalar_one()
        assert reply.reply_ms == 42_000


def test_two_tabs_sending_the_same_step_record_one_reply(app, make_assignment):
    invited = invite_to(app, make_assignment())
    tabs = [CandidateBrowser(app, invited.token) for _ in range(2)]
    tabs[0].start()
    forms = [tab.play_form() for tab in tabs]
    barrier = threading.Barrier(2)
    statuses = []

    def send(tab, form, n):
        barrier.wait()
        statuses.append(tab.send(f"{POLITE} (tab {n})", form).status_code)

    threads = [threading.Thread(target=send, args=(tab, form, n))
               for n, (tab, form) in enumerate(zip(tabs, forms, strict=True))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert len(replies_of(app, invited.id)) == 1
    # Both tabs go on with the same conversation (each form has its own, timed CSRF token).
    first, second = (tab.play_form() for tab in tabs)
    assert first.pop("csrf_token") and second.pop("csrf_token") and first == second


def test_two_tabs_finishing_a_scenario_open_the_next_one_once(app, make_assignment):
    invited = invite_to(app, make_assignment())
    with app.app_context():
        exam.start_test(exam.open_link(invited.token))
    results = []
    barrier = threading.Barrier(2)

    def open_first():
        with app.app_context():
            mine = exam.open_link(invited.token)
            barrier.wait()
            results.append(exam.current_scenario(mine).attempt_id)

    with app.app_context():  # make the first scenario finished, so both open the second
        candidate = exam.open_link(invited.token)
        attempt = candidate.attempts[0].attempt
        attempt.current_step, attempt.finished_at = None, now_utc()
        db.session.commit()
    threads = [threading.Thread(target=open_first) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0] == results[1]
    with app.app_context():
        links = db.session.execute(
            db.select(CandidateAttempt).where(CandidateAttempt.candidate_id == invited.id)
        ).scalars().all()
        assert [link.position for link in links] == [1, 2]
        orphans = db.session.execute(db.select(Attempt).where(Attempt.user_id.is_(None))).all()
        assert len(orphans) == 2  # the losing tab's attempt was removed


def test_an_empty_reply_is_refused_and_the_page_keeps_the_conversation(app, make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment()).token)
    browser.start()
    response = browser.send("   ")
    assert response.status_code == 422
    assert "A customer is waiting: write a reply." in response.get_data(as_text=True)


def test_a_page_left_on_a_finished_conversation_is_told_where_the_test_is(app, make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment()).token)
    browser.start()
    old_form = browser.play_form()
    while browser.play_form()["position"] == "1":
        browser.send(POLITE)
    stale = browser.send("Written in a tab left open on the first customer.",
                         {**old_form, "step_id": "not-a-step"})
    page = stale.get_data(as_text=True)
    assert stale.status_code == 422
    assert "That conversation is over" in page
    assert "Written in a tab left open on the first customer." in page


def test_over_https_a_reply_carries_the_same_site_referer_its_csrf_check_needs(
        app, make_assignment):
    """Candidate pages keep their link from other sites, not from Frontline: over HTTPS the
    CSRF check needs the same-site Referer that `same-origin` lets the browser send."""
    invited = invite_to(app, make_assignment())
    client = app.test_client()
    base = "https://localhost"
    page = client.get(f"/test/{invited.token}", base_url=base)
    assert page.headers["Referrer-Policy"] == "same-origin"
    referer = {"Referer": f"{base}/test/{invited.token}"}
    token = CSRF_FIELD.search(page.get_data(as_text=True))[1]
    refused = client.post(f"/test/{invited.token}/start", base_url=base,
                          data={"csrf_token": token})
    assert refused.status_code == 400 and candidate_row(app, invited.id).started_at is None
    started = client.post(f"/test/{invited.token}/start", base_url=base,
                          data={"csrf_token": token}, headers=referer)
    assert started.status_code == 302 and candidate_row(app, invited.id).started_at is not None
