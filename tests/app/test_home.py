"""Each role's home page: what to do next, and what changed since the previous visit (shown
once: the visit that shows it makes it old)."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.helpers import (
    EASY,
    SIGN_OFF_LADDER,
    CandidateBrowser,
    add_history,
    counting_queries,
    evaluate,
    finished_attempt,
    first_rank_history,
    invite_to,
    reply_ids,
    signed_in,
    start_practice,
    text_of,
)
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.hiring.models import Candidate, HiringAssignment
from trainer.hiring.results import pseudonym
from trainer.practice.models import Attempt, Reply
from trainer.progress import LADDER_EXTENSION
from trainer.progress.ladder import load_ladder_text
from trainer.progress.models import RankAward
from trainer.progress.presenters import build_dashboard
from trainer.progress.queries import catalogue_entries
from trainer.progress.services import evaluate as evaluation_of
from trainer.review.disputes import open_dispute
from trainer.review.services import ReviewInput, TurnInput, save_review

REASON = "I did apologise in my second sentence, so the politeness grade is too low."


def home(client) -> tuple[str, str]:
    """Visit the home page: its HTML, and its text as a reader sees it."""
    response = client.get("/home")
    assert response.status_code == 200
    return response.get_data(as_text=True), text_of(response)


def first_pick(app, account):
    with app.app_context():
        return build_dashboard(evaluation_of(account.id), catalogue_entries()).recommendations[0]


def dispute_first_reply(app, account, attempt_id: int) -> None:
    with app.app_context():
        reply = db.session.get(Reply, reply_ids(app, attempt_id)[0])
        open_dispute(reply, db.session.get(User, account.id), REASON)


def review(app, mentor, attempt_id: int, resolution: str = "") -> None:
    """The mentor's first review of the attempt: no correction; `resolution` answers the
    dispute of its first reply."""
    first = reply_ids(app, attempt_id)[0]
    answer = TurnInput(first, 0, resolution=resolution, resolution_comment="The grade stands.")
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        reviewer = db.session.get(User, mentor.id)
        save_review(attempt, reviewer, ReviewInput(0, "Well done.", [answer]))


# --- trainee -------------------------------------------------------------------------------------

def test_a_new_trainee_is_welcomed_with_a_first_scenario_and_no_empty_figures(
        app, users, library, login_as, client):
    trainee = login_as(Role.TRAINEE)
    pick = first_pick(app, trainee)
    html, text = home(client)
    assert "Welcome to Frontline" in html
    assert f'href="/scenarios/{pick.slug}"' in html and pick.title in html
    assert f"Play in {pick.mode} mode" in html
    assert not re.search(r"\b0 (of|finished|attempt|repl)", text)
    assert "averages" not in text and "Resume" not in text


def test_an_unfinished_attempt_is_offered_to_resume(app, users, library, login_as, client):
    trainee = login_as(Role.TRAINEE)
    attempt = start_practice(app, trainee, "hosting-shop-outage")
    html, text = home(client)
    assert f'href="/practice/attempts/{attempt.id}"' in html
    with app.app_context():
        title = db.session.get(Attempt, attempt.id).scenario_version.title
    assert f"Resume {title}" in text and "in practice mode" in text


def test_a_review_and_a_dispute_answer_are_new_once(app, users, library, login_as, client):
    trainee = login_as(Role.TRAINEE)
    attempt_id = finished_attempt(app, trainee)
    first, _ = home(client)
    assert "Welcome to Frontline" not in first and "Play next" in first
    dispute_first_reply(app, trainee, attempt_id)
    review(app, users[Role.MENTOR], attempt_id, "upheld")

    html, text = home(client)
    transcript = f"/practice/attempts/{attempt_id}/transcript"
    assert "New since your last visit" in text
    assert "Reviews by your mentor" in text and f'href="{transcript}"' in html
    assert "reviewed by Mentor" in text
    assert "Answers to your disputes" in text and f'href="{transcript}#turn-1"' in html
    assert "grade upheld by Mentor" in text

    again, text = home(client)
    assert transcript not in again and "Nothing new since your last visit" in text


def test_a_promotion_is_shown_once_with_its_certificate(app, users, library, login_as, client):
    trainee = login_as(Role.TRAINEE)
    home(client)
    add_history(app, trainee, first_rank_history())
    assert evaluate(app, trainee) == ["operator-l1"]
    with app.app_context():
        award_id = db.session.execute(db.select(RankAward.id)).scalar_one()
    html, text = home(client)
    assert "You reached the rank of Support Operator (L1)" in text
    assert f'href="/certificates/{award_id}"' in html
    assert f'href="/certificates/{award_id}"' not in home(client)[0]


# --- mentor --------------------------------------------------------------------------------------

def test_a_mentor_sees_pending_reviews_open_disputes_and_news_once(
        app, users, library, make_user, login_as, client):
    trainee = users[Role.TRAINEE]
    reviewed, disputed = finished_attempt(app, trainee), finished_attempt(app, trainee)
    review(app, users[Role.MENTOR], reviewed)
    dispute_first_reply(app, trainee, disputed)
    login_as(Role.MENTOR)

    html, text = home(client)
    assert 'href="/review"' in html and "1 attempt to look at" in text
    assert 'href="/review?show=unreviewed"' in html and "1 not yet reviewed" in text
    assert 'href="/review?show=disputed"' in html and "1 open dispute" in text
    assert "since you joined" in text and "2 attempts finished by your trainees" in text
    assert f'href="/review/attempts/{disputed}#turn-1"' in html and "1 new dispute" in text

    assert "Nothing new since your last visit" in home(client)[1]
    html, text = home(signed_in(app, make_user(Role.MENTOR)))
    assert "Nothing waits for you" in text and f"/review/attempts/{disputed}" not in html


def test_a_mentor_sees_who_waits_for_a_sign_off(app, users, library, login_as, client):
    app.extensions[LADDER_EXTENSION] = load_ladder_text(SIGN_OFF_LADDER)
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{"slug": slug} for slug in EASY[:2]])
    assert evaluate(app, trainee) == []
    login_as(Role.MENTOR)
    html, text = home(client)
    assert f'href="/review/trainees/{trainee.id}/sign-off"' in html and "1 sign-off waiting" in text


def test_the_home_page_reads_as_many_queries_however_long_the_history(
        app, users, library, login_as, client):
    trainee = users[Role.TRAINEE]
    finished_attempt(app, trainee)
    login_as(Role.MENTOR)
    with counting_queries(app) as few:
        home(client)
    for _ in range(3):
        finished_attempt(app, trainee)
    with counting_queries(app) as many:
        home(client)
    assert len(many) == len(few)


# --- hiring manager ------------------------------------------------------------------------------

def test_a_manager_sees_active_assignments_and_candidates_who_finished(
        app, users, make_user, login_as, client, make_assignment):  # noqa: F811 (the fixture)
    assignment_id = make_assignment()
    expired = make_assignment()
    someone_elses = make_assignment(owner=make_user(Role.MANAGER))
    with app.app_context():
        db.session.get(HiringAssignment, expired).expires_at = now_utc() - timedelta(days=1)
        db.session.commit()
    invited = invite_to(app, assignment_id)
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    browser.finish()
    login_as(Role.MANAGER)

    html, text = home(client)
    assert f'href="/hiring/{assignment_id}/results"' in html
    assert "1 of 1 candidate finished" in text
    assert f"/hiring/{expired}/results" not in html and f"/hiring/{someone_elses}/" not in html
    with app.app_context():
        label = pseudonym(db.session.get(Candidate, invited.id))
    assert f'href="/hiring/candidates/{invited.id}"' in html and label in html
    assert "Ada Lovelace" not in html  # the results are blind

    assert "No candidate finished since your last visit" in home(client)[1]


# --- admin ---------------------------------------------------------------------------------------

def test_an_admin_sees_the_accounts_that_need_attention(
        app, users, make_user, login_as, client):
    loner = make_user(Role.TRAINEE, "loner@example.com")
    idle = make_user(Role.MENTOR, "idle@example.com")
    gone = make_user(Role.TRAINEE, "gone@example.com")
    with app.app_context():
        db.session.get(User, gone.id).active = False
        db.session.commit()
    login_as(Role.ADMIN)

    html, text = home(client)
    assert "1 trainee without a mentor" in text and f'href="/admin/users/{loner.id}"' in html
    assert "1 mentor without trainees" in text and f'href="/admin/users/{idle.id}"' in html
    assert "1 deactivated account" in text and 'href="/admin/users"' in html
    assert 'href="/admin/teams"' in html
    assert "Accounts created since you joined" in text and "gone@example.com" in text

    assert "No account was created since your last visit" in home(client)[1]
