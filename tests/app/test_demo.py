"""`flask demo accounts`: demo accounts whose history is made through the app's own services,
once, never in production, and removed whole by `flask demo remove`."""

from __future__ import annotations

import pytest

from scoring import SCORER_VERSION, score_reply
from tests.helpers import login, text_of
from trainer.auth.models import Role, User
from trainer.calibration.models import BandCount, CalibrationGrade, CalibrationSession, ReviewedTurn
from trainer.database import db
from trainer.demo import DEMO_EMAILS, DEMO_PASSWORD, LENA, MAYA, OMAR, TOM
from trainer.practice.models import Attempt, Reply
from trainer.practice.services import scenario_of
from trainer.progress.models import RankAward, RankSignOff
from trainer.review.models import AttemptReview, TurnDispute, TurnReview

MADE = (User, Attempt, Reply, TurnReview, AttemptReview, TurnDispute, RankAward, RankSignOff,
        CalibrationSession, CalibrationGrade, ReviewedTurn, BandCount)


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {model.__tablename__: db.session.scalar(
            db.select(db.func.count()).select_from(model)) for model in MADE}


@pytest.fixture
def demo(app, runner, library):
    result = runner.invoke(args=["demo", "accounts"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_history_is_graded_by_the_scorer_and_made_once(app, runner, demo):
    assert demo.count("Created demo") == len(DEMO_EMAILS)
    assert "Maya signed off Lena: Senior Specialist (L3)." in demo
    made = counts(app)
    again = runner.invoke(args=["demo", "accounts"])
    assert again.exit_code == 0 and again.output == ""
    assert counts(app) == made
    with app.app_context():
        replies = db.session.execute(db.select(Reply)).scalars().all()
        assert {reply.scorer_version for reply in replies} == {SCORER_VERSION}
        for reply in replies[::7]:
            step = scenario_of(reply.attempt).step(reply.step_id)
            assert score_reply(reply.text, step).overall == reply.overall
        attempts = db.session.execute(db.select(Attempt)).scalars().all()
        assert all(attempt.finished for attempt in attempts)
        assert {attempt.passed for attempt in attempts} == {True, False}
        assert len({attempt.finished_at.date() for attempt in attempts}) > 10


def test_the_history_shows_a_correction_a_dispute_a_sign_off_and_a_session(app, demo):
    with app.app_context():
        by_email = {user.email: user for user in db.session.execute(db.select(User)).scalars()}
        [correction] = db.session.execute(
            db.select(TurnReview).where(TurnReview.completeness.is_not(None))).scalars().all()
        assert correction.reviewer_id == by_email[MAYA].id and correction.comment
        [dispute] = db.session.execute(db.select(TurnDispute)).scalars().all()
        assert dispute.is_open and dispute.trainee_id == by_email[TOM].id
        [signed] = db.session.execute(db.select(RankSignOff)).scalars().all()
        assert (signed.user_id, signed.mentor_id) == (by_email[LENA].id, by_email[MAYA].id)
        tom_ranks = db.session.execute(
            db.select(RankAward.rank_id).where(RankAward.user_id == by_email[TOM].id)).scalars()
        assert list(tom_ranks) == ["operator-l1"]
        [session] = db.session.execute(db.select(CalibrationSession)).scalars().all()
        submitted = {m.mentor_id for m in session.members if m.submitted_at}
        assert submitted == {by_email[OMAR].id} and session.closed_at is None


def test_the_first_look_is_not_empty(app, demo):
    mentor = app.test_client()
    login(mentor, MAYA, DEMO_PASSWORD)
    queue = text_of(mentor.get("/review"))
    assert "open dispute" in queue and "corrected" in queue
    team = text_of(mentor.get("/trainees"))
    assert "Lena Lindqvist Senior Specialist (L3)" in team
    assert "Tom Trainee Support Operator (L1)" in team
    assert "Demo: a rude first reply" in text_of(mentor.get("/calibration/sessions"))
    assert "1 of them corrected" in text_of(mentor.get("/calibration"))
    trainee = app.test_client()
    login(trainee, TOM, DEMO_PASSWORD)
    assert "Current rank: Support Operator (L1)" in text_of(trainee.get("/progress"))


def test_remove_deletes_all_of_it(app, runner, demo):
    removed = runner.invoke(args=["demo", "remove"])
    assert removed.exit_code == 0 and f"Removed {len(DEMO_EMAILS)} demo accounts." in removed.output
    assert set(counts(app).values()) == {0}


def test_without_the_library_the_accounts_come_without_history(app, runner):
    result = runner.invoke(args=["demo", "accounts"])
    assert result.exit_code == 0
    assert "Demo history skipped" in result.output and "scenarios import" in result.output
    assert counts(app)["attempts"] == 0


def test_never_in_production(app, runner):
    app.config["FRONTLINE_ENV"] = "production"
    refused = runner.invoke(args=["demo", "accounts"])
    assert refused.exit_code != 0 and "never created in production" in refused.output
    assert counts(app)["users"] == 0


def test_an_account_changed_by_hand_skips_only_what_it_prevents(app, runner, library,
                                                                make_user):
    make_user(Role.TRAINEE, TOM)  # without a mentor: Tom cannot dispute a grade
    result = runner.invoke(args=["demo", "accounts"])
    assert result.exit_code == 0, result.output
    assert "Part of the demo history skipped: You have no mentor" in result.output
    assert "Maya signed off Lena" in result.output
    assert counts(app)["calibration_sessions"] == 1
