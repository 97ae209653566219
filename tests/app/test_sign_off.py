"""Ranks from effective grades, and the mentor's sign-off: a review that corrects a grade
counts towards ranks at once, never takes a rank away, and a sign-off awards the rank it
was waiting for."""

from __future__ import annotations

import pytest

from tests.helpers import (
    EASY,
    SIGN_OFF_LADDER,
    add_history,
    awards,
    first_rank_history,
    form_values,
    signed_in,
)
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.practice.models import Attempt
from trainer.progress import LADDER_EXTENSION
from trainer.progress.ladder import load_ladder_text
from trainer.progress.models import RankSignOff, RankStanding
from trainer.progress.services import evaluate_and_award
from trainer.review.services import ReviewInput, TurnInput, save_review

PAGE = "/review/trainees/{}/sign-off"


def review_every_reply(app, mentor, attempt_id: int, score: int) -> None:
    """Save a review that sets every dimension of every reply of the attempt to `score`."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        turns = [
            TurnInput(reply.id, 0, scores=dict.fromkeys(
                ("politeness", "correctness", "completeness"), score), comment="Regraded.")
            for reply in attempt.replies
        ]
        save_review(attempt, db.session.get(User, mentor.id), ReviewInput(0, "", turns))


def test_a_review_that_raises_a_grade_counts_towards_ranks_at_once(app, users, library):
    trainee = users[Role.TRAINEE]
    history = first_rank_history()
    history[-1]["score"] = 50  # the third scenario is not passed by the machine's grade
    *_, failed = add_history(app, trainee, history)
    with app.app_context():
        assert evaluate_and_award(db.session.get(User, trainee.id)) == []
    review_every_reply(app, users[Role.MENTOR], failed, 90)
    assert awards(app, trainee) == [("operator-l1", True)]


def test_a_review_that_lowers_grades_never_takes_a_rank_away(app, users, library):
    trainee = users[Role.TRAINEE]
    ids = add_history(app, trainee, first_rank_history())
    with app.app_context():
        evaluate_and_award(db.session.get(User, trainee.id))
    for attempt_id in ids:
        review_every_reply(app, users[Role.MENTOR], attempt_id, 10)
    assert awards(app, trainee) == [("operator-l1", True)]
    with app.app_context():
        standing = db.session.get(RankStanding, trainee.id)
        assert standing.rank_id == "operator-l1" and standing.recent_overall[-1] < 50


@pytest.fixture
def sign_off_ladder(app):
    app.extensions[LADDER_EXTENSION] = load_ladder_text(SIGN_OFF_LADDER)


@pytest.fixture
def ready(app, users, library, sign_off_ladder):
    """The trainee has met everything of operator-l1 but the sign-off."""
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{"slug": slug} for slug in EASY[:2]])
    with app.app_context():
        assert evaluate_and_award(db.session.get(User, trainee.id)) == []
        assert db.session.get(RankStanding, trainee.id).awaiting_sign_off
    return trainee


def test_the_queue_lists_who_waits_for_a_sign_off_and_signing_awards_the_rank(app, users, ready):
    mentor = signed_in(app, users[Role.MENTOR])
    queue = mentor.get("/review").get_data(as_text=True)
    assert "Waiting for your sign-off" in queue and PAGE.format(ready.id) in queue
    progress = mentor.get(f"/trainees/{ready.id}/progress").get_data(as_text=True)
    assert PAGE.format(ready.id) in progress and "Pending" in progress

    page = mentor.get(PAGE.format(ready.id))
    values = form_values(page.get_data(as_text=True))
    assert values["rank_id"] == "operator-l1"
    reason = {"comment": "Ready: calm and clear."}
    response = mentor.post(PAGE.format(ready.id), data=values | reason)
    assert response.status_code == 302
    assert awards(app, ready) == [("operator-l1", True)]
    with app.app_context():
        row = db.session.execute(db.select(RankSignOff)).scalar_one()
        assert (row.rank_id, row.mentor_id, row.comment) == (
            "operator-l1", users[Role.MENTOR].id, "Ready: calm and clear.")
        assert not db.session.get(RankStanding, ready.id).awaiting_sign_off
    assert "Waiting for your sign-off" not in mentor.get("/review").get_data(as_text=True)
    html = signed_in(app, ready).get("/progress").get_data(as_text=True)
    assert "Support Operator (L1)" in html


def test_a_sign_off_needs_a_reason_and_keeps_what_was_typed(app, users, ready):
    mentor = signed_in(app, users[Role.MENTOR])
    values = form_values(mentor.get(PAGE.format(ready.id)).get_data(as_text=True))
    response = mentor.post(PAGE.format(ready.id), data=values | {"comment": "ok"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "3 to 500 characters" in html
    assert form_values(html)["comment"] == "ok"
    assert awards(app, ready) == []


def test_a_sign_off_waits_for_the_other_requirements(app, users, library, sign_off_ladder):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{"slug": EASY[0]}])
    mentor = signed_in(app, users[Role.MENTOR])
    values = form_values(mentor.get(PAGE.format(trainee.id)).get_data(as_text=True))
    response = mentor.post(PAGE.format(trainee.id), data=values | {"comment": "Looks ready."})
    assert response.status_code == 422
    assert "once every other requirement" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(RankSignOff)).first() is None


def test_only_the_next_rank_can_be_signed_off(app, users, ready):
    mentor = signed_in(app, users[Role.MENTOR])
    values = form_values(mentor.get(PAGE.format(ready.id)).get_data(as_text=True))
    response = mentor.post(PAGE.format(ready.id),
                           data=values | {"rank_id": "trainee", "comment": "Looks ready."})
    assert response.status_code == 422 and "next rank" in response.get_data(as_text=True)


def test_a_rank_without_sign_off_says_so(app, users, library):
    mentor = signed_in(app, users[Role.MENTOR])
    html = mentor.get(PAGE.format(users[Role.TRAINEE].id)).get_data(as_text=True)
    assert "does not ask for a mentor's sign-off" in html


def test_only_the_trainees_mentor_signs_off(app, users, make_user, ready):
    other = signed_in(app, make_user(Role.MENTOR))
    assert other.get(PAGE.format(ready.id)).status_code == 404
    assert signed_in(app, users[Role.MANAGER]).get(PAGE.format(ready.id)).status_code == 403
