"""The effective grade of a reply, and the review queue's filters."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from scoring import formula
from tests.helpers import RUDE, finished_attempt, form_values, reply_ids, signed_in
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.practice.models import Attempt, Reply
from trainer.review.grades import effective_attempt, effective_scores, turn_reviews
from trainer.review.models import TurnReview
from trainer.review.services import ReviewConflict, ReviewInput, TurnInput, save_review


@pytest.fixture
def rude_attempt(app, users, library) -> int:
    return finished_attempt(app, users[Role.TRAINEE])


def first_reply(app, attempt_id: int) -> Reply:
    return db.session.get(Reply, reply_ids(app, attempt_id)[0])


def test_without_a_review_the_machine_grade_counts(app, rude_attempt):
    with app.app_context():
        reply = first_reply(app, rude_attempt)
        scores = effective_scores(reply)
        assert (scores.politeness, scores.overall, scores.violation_count) == (
            reply.politeness,
            reply.overall,
            reply.violation_count,
        )
        assert scores.corrected == frozenset()


def test_the_mentors_scores_and_outcomes_replace_the_machines(app, rude_attempt):
    with app.app_context():
        reply = first_reply(app, rude_attempt)
        assert reply.violation_count == 1  # "argue"
        review = TurnReview(
            reply_id=reply.id,
            politeness=60,
            correctness=70,
            outcomes={"points": {}, "facts": {}, "never": {"argue": False}},
            comment="Firm, not arguing.",
        )
        scores = effective_scores(reply, review)
        assert (scores.politeness, scores.correctness) == (60, 70)
        assert scores.completeness == reply.completeness  # kept: the mentor left it blank
        assert scores.violation_count == 0
        assert scores.overall == formula.overall(60, 70, reply.completeness)
        assert {"politeness", "correctness", "violation_count"} <= scores.corrected


def test_a_remaining_violation_still_caps_the_overall(app, rude_attempt):
    with app.app_context():
        reply = first_reply(app, rude_attempt)
        review = TurnReview(
            reply_id=reply.id,
            politeness=100,
            correctness=100,
            completeness=100,
            outcomes={"points": {}, "facts": {}, "never": {}},
            comment="x y z",
        )
        assert effective_scores(reply, review).overall == formula.DEFAULT_WEIGHTS.violation_cap


def test_effective_attempt_follows_the_saved_review(app, users, rude_attempt):
    with app.app_context():
        attempt = db.session.get(Attempt, rude_attempt)
        mentor = db.session.get(User, users[Role.MENTOR].id)
        assert not attempt.passed
        turns = [
            TurnInput(
                reply.id,
                0,
                scores=dict.fromkeys(("politeness", "correctness", "completeness"), 95),
                outcomes={"points": {}, "facts": {}, "never": {"argue": False}},
                comment="Counted as fine after discussion.",
            )
            for reply in attempt.replies
        ]
        save_review(attempt, mentor, ReviewInput(0, "", turns))
        effective = effective_attempt(attempt, turn_reviews(attempt))
        assert effective.overall == 95 and effective.violation_count == 0 and effective.passed
        assert not db.session.get(Attempt, rude_attempt).passed  # the machine's stays


def queue_ids(client, query: str = "") -> list[int]:
    response = client.get(f"/review{query}")
    assert response.status_code == 200
    return [
        int(n)
        for n in re.findall(r'href="/review/attempts/(\d+)"', response.get_data(as_text=True))
    ]


def test_the_queue_lists_the_team_newest_first_and_filters(app, users, make_user, library):
    trainee = users[Role.TRAINEE]
    low = finished_attempt(app, trainee, then=RUDE)
    rude = finished_attempt(app, trainee)  # one rude reply: a violation, overall still >= 60
    polite = finished_attempt(app, trainee, first_reply=None)
    exam = finished_attempt(app, trainee, first_reply=None, mode="exam")
    stranger = make_user(Role.TRAINEE, mentor=make_user(Role.MENTOR))
    finished_attempt(app, stranger)  # another mentor's trainee: never listed
    mentor = signed_in(app, users[Role.MENTOR])
    everything = [exam, polite, rude, low]
    assert queue_ids(mentor) == everything
    assert queue_ids(mentor, "?show=exam") == [exam]
    assert queue_ids(mentor, "?show=violations") == [rude, low]
    assert queue_ids(mentor, "?show=low") == [low]
    assert queue_ids(mentor, "?show=low&show=exam") == []
    assert queue_ids(mentor, "?show=nonsense") == everything  # ignored, not an error

    page = mentor.get(f"/review/attempts/{polite}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    with app.app_context():
        versions = {f"r{rid}-version": "0" for rid in reply_ids(app, polite)}
    mentor.post(
        f"/review/attempts/{polite}", data={"csrf_token": token, "attempt_version": "0", **versions}
    )
    assert queue_ids(mentor, "?show=unreviewed") == [exam, rude, low]


def test_the_queue_is_for_mentors(app, users):
    trainee = signed_in(app, users[Role.TRAINEE])
    assert trainee.get("/review").status_code == 403


def test_a_save_that_loses_the_race_is_a_conflict(app, users, rude_attempt):
    """Both saves passed the version check; the database refuses the second one's UPDATE."""
    with app.app_context():
        attempt = db.session.get(Attempt, rude_attempt)
        mentor = db.session.get(User, users[Role.MENTOR].id)
        reply_id = attempt.replies[0].id

        def correction(politeness: int, version: int) -> ReviewInput:
            given = TurnInput(
                reply_id,
                version,
                scores={"politeness": politeness},
                comment="A considered correction.",
            )
            return ReviewInput(0 if version == 0 else 1, "", [given])

        save_review(attempt, mentor, correction(40, 0))
        turn_reviews(attempt)  # this session now holds version 1 of the review
        db.session.execute(
            update(TurnReview)
            .where(TurnReview.reply_id == reply_id)
            .values(politeness=50, version=TurnReview.version + 1)
        )
        with pytest.raises(ReviewConflict) as conflict:
            save_review(attempt, mentor, correction(60, 1))
        assert conflict.value.versions[reply_id] == 2
        assert conflict.value.current[reply_id]["politeness"] == 50


def test_open_disputes_come_first_in_the_queue(app, users, library):
    trainee = users[Role.TRAINEE]
    disputed = finished_attempt(app, trainee)
    newer = finished_attempt(app, trainee, first_reply=None)
    mentor = signed_in(app, users[Role.MENTOR])
    assert queue_ids(mentor) == [newer, disputed]
    client = signed_in(app, trainee)
    path = f"/review/replies/{reply_ids(app, disputed)[0]}/dispute"
    values = form_values(client.get(path).get_data(as_text=True)) | {
        "reason": "I offered the manager as the policy says."}
    assert client.post(path, data=values).status_code == 302
    assert queue_ids(mentor) == [disputed, newer]
