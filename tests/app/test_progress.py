"""Awarding ranks for real: after an attempt finishes, once only, revocable, and the CLI."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy.exc import IntegrityError

from tests.helpers import EASY, add_history, awards, evaluate, first_rank_history, start_practice
from trainer import create_app
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt
from trainer.practice.services import submit_reply
from trainer.progress import LADDER_EXTENSION
from trainer.progress import services as progress
from trainer.progress.ladder import LadderFormatError, load_ladder_text
from trainer.progress.models import RankAward, RankStanding
from trainer.progress.services import (
    AlreadyAwarded,
    RevokeRefused,
    award_rank,
    current_ladder,
    evaluate_and_award,
    revoke,
)


def test_finishing_the_attempt_that_completes_the_requirements_awards_the_rank(
        app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history()[:2])
    assert evaluate(app, trainee) == [] and awards(app, trainee) == []
    attempt = start_practice(app, trainee, EASY[2], mode="exam")
    with app.app_context():
        mine = db.session.get(Attempt, attempt.id)
        scenario = library.scenarios[EASY[2]]
        while mine.current_step is not None:
            submit_reply(mine, mine.current_step, scenario.step(mine.current_step).model_answer)
        assert mine.passed
        award = db.session.execute(db.select(RankAward)).scalar_one()
        assert (award.rank_id, award.rank_name, award.rank_level) == (
            "operator-l1", "Support Operator (L1)", 1)
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", award.verification_code)
        evidence = award.evidence
        assert evidence["rank"] == {"id": "operator-l1", "name": "Support Operator (L1)",
                                    "level": 1}
        assert evidence["requirements"][0]["text"].startswith("3 of 3 scenarios passed")
        assert sorted(a["scenario"] for a in evidence["attempts"]) == sorted(EASY)
        assert evidence["ladder_digest"] == current_ladder().digest()
        standing = db.session.get(RankStanding, trainee.id)
        assert (standing.rank_id, standing.next_rank_id) == ("operator-l1", "specialist-l2")
        assert standing.requirements_total == 5 and standing.last_activity_at is not None


def play_model_answers(app, library, trainee, slug: str, mode: str) -> None:
    attempt = start_practice(app, trainee, slug, mode=mode)
    with app.app_context():
        mine = db.session.get(Attempt, attempt.id)
        while mine.current_step is not None:
            step = library.scenarios[slug].step(mine.current_step)
            submit_reply(mine, step.id, step.model_answer)
        assert mine.passed


def test_model_answers_shown_in_practice_never_earn_a_rank(app, users, library):
    """Practice shows the model answers; pasting them there, or into an exam at a scenario
    practised before, counts for nothing."""
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history()[:2])
    play_model_answers(app, library, trainee, EASY[2], "practice")
    assert awards(app, trainee) == []
    play_model_answers(app, library, trainee, EASY[2], "exam")
    assert awards(app, trainee) == []
    # An exam at a scenario never practised counts.
    play_model_answers(app, library, trainee, "pellworth-printer-offline", "exam")
    assert awards(app, trainee) == [("operator-l1", True)]


def test_each_evaluation_rewrites_the_one_standing_row_even_when_it_is_loaded(
        app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{"slug": EASY[0], "score": 72}])
    assert evaluate(app, trainee) == []
    add_history(app, trainee, [{"slug": EASY[1], "score": 91, "day": 1}])
    with app.app_context():
        standing = db.session.get(RankStanding, trainee.id)
        assert standing.recent_overall == [72] and standing.trend is None
        evaluate_and_award(db.session.get(User, trainee.id))
        assert standing.recent_overall == [72, 91] and standing.trend == 19
        assert standing.requirements_met == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(RankStanding)) == 1


def test_a_rank_is_recorded_once_however_often_it_is_evaluated(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history())
    assert evaluate(app, trainee) == ["operator-l1"]
    assert evaluate(app, trainee) == []
    assert awards(app, trainee) == [("operator-l1", True)]


def test_the_database_refuses_a_second_award_of_a_rank(app, users, library):
    trainee = users[Role.TRAINEE]
    with app.app_context():
        rank = current_ladder().ranks[1]
        award_rank(trainee.id, 1, rank, {})
        with pytest.raises(AlreadyAwarded):
            award_rank(trainee.id, 1, rank, {})
        db.session.add(RankAward(user_id=trainee.id, rank_id=rank.id, rank_name="x",
                                 rank_level=1, evidence={}))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_an_evaluation_that_read_before_another_awarded_skips_the_rank(app, users, library,
                                                                      monkeypatch):
    """The race, made deterministic: the second evaluation still believes nothing is held."""
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history())
    assert evaluate(app, trainee) == ["operator-l1"]
    monkeypatch.setattr(progress, "awards_of", lambda user_id: [])
    assert evaluate(app, trainee) == []
    assert awards(app, trainee) == [("operator-l1", True)]


def test_concurrent_evaluations_award_once(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history())
    barrier = threading.Barrier(2)
    awarded: list[list[str]] = []

    def finish() -> None:
        with app.app_context():
            user = db.session.get(User, trainee.id)
            barrier.wait()
            awarded.append([award.rank_id for award in evaluate_and_award(user)])

    threads = [threading.Thread(target=finish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(awarded) == [[], ["operator-l1"]]
    assert awards(app, trainee) == [("operator-l1", True)]


def test_exam_attempts_count_like_practice_ones(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{**play, "mode": "exam"} for play in first_rank_history()])
    assert evaluate(app, trainee) == ["operator-l1"]


def test_several_ranks_can_be_awarded_at_once_in_order(app, users, library):
    trainee = users[Role.TRAINEE]
    with app.app_context():
        catalogue = db.session.execute(
            db.select(ScenarioRecord.slug, ScenarioVersion.difficulty, ScenarioVersion.persona)
            .join(ScenarioVersion, ScenarioRecord.current_version_id == ScenarioVersion.id)
            .order_by(ScenarioRecord.slug)
        ).all()
    harder = [slug for slug, difficulty, _ in catalogue if difficulty >= 2][:5]
    people = {"rude", "insulting", "confused", "distressed"}
    handled = [slug for slug, _, persona in catalogue if persona in people]
    add_history(app, trainee, [{"slug": slug, "replies": 4} for slug in [*harder, *handled]])
    assert evaluate(app, trainee) == ["operator-l1", "specialist-l2"]
    with app.app_context():
        # the next rank needs a mentor's sign-off, which only mentor review can give
        assert db.session.get(RankStanding, trainee.id).next_rank_id == "senior-l3"


def test_mentors_managers_and_admins_are_never_evaluated(app, users, library):
    for role in (Role.MENTOR, Role.MANAGER, Role.ADMIN):
        assert evaluate(app, users[role]) == []


def test_revoking_keeps_the_record_and_the_rank_is_not_awarded_again(app, users, library):
    trainee, admin = users[Role.TRAINEE], users[Role.ADMIN]
    add_history(app, trainee, first_rank_history())
    evaluate(app, trainee)
    with app.app_context():
        award = db.session.execute(db.select(RankAward)).scalar_one()
        by = db.session.get(User, admin.id)
        for reason in ("", "   ", "x" * 501):
            with pytest.raises(RevokeRefused):
                revoke(award, by, reason)
        db.session.rollback()
        revoke(award, by, "  Answers were shared between trainees.  ")
        assert award.revoke_reason == "Answers were shared between trainees."
        assert award.revoked_by_id == admin.id and award.revoked_at is not None
        assert db.session.get(RankStanding, trainee.id).rank_id == "trainee"
        with pytest.raises(RevokeRefused, match="already revoked"):
            revoke(award, by, "again")
    add_history(app, trainee, first_rank_history(days=1))
    assert evaluate(app, trainee) == []
    assert awards(app, trainee) == [("operator-l1", False)]


def test_a_stricter_ladder_never_takes_an_awarded_rank_away(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history())
    evaluate(app, trainee)
    strict = load_ladder_text(
        "ranks:\n  - {id: trainee, name: Trainee}\n  - id: operator-l1\n"
        "    name: Support Operator (L1)\n"
        "    requirements: [{kind: scenarios_passed, count: 30}]\n")
    app.extensions[LADDER_EXTENSION] = strict
    assert evaluate(app, trainee) == []
    assert awards(app, trainee) == [("operator-l1", True)]
    with app.app_context():
        assert db.session.get(RankStanding, trainee.id).rank_id == "operator-l1"


def test_the_ladder_is_checked_when_the_app_starts(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path / "instance"))
    broken = tmp_path / "ranks.yaml"
    broken.write_text("ranks:\n  - id: trainee\n    nam: Trainee\n")
    with pytest.raises(LadderFormatError) as caught:
        create_app({**app_config, "RANK_LADDER": str(broken)})
    assert f"{broken}:3:5: unknown key 'nam' in rank 'trainee': did you mean 'name'?" in str(
        caught.value)


def test_the_ladder_file_comes_from_frontline_ranks(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path / "instance"))
    custom = tmp_path / "my-ranks.yaml"
    custom.write_text("ranks:\n  - {id: rookie, name: Rookie}\n")
    monkeypatch.setenv("FRONTLINE_RANKS", str(custom))
    app = create_app(app_config)
    assert [rank.id for rank in app.extensions[LADDER_EXTENSION].ranks] == ["rookie"]


def test_cli_validates_shows_and_evaluates(app, runner, users, library, tmp_path):
    result = runner.invoke(args=["ranks", "validate"])
    assert result.exit_code == 0 and result.output == "OK: 5 ranks, no errors.\n"
    broken = tmp_path / "ranks.yaml"
    broken.write_text("ranks:\n  - id: trainee\n    name: Trainee\n    requirement: []\n")
    result = runner.invoke(args=["ranks", "validate", str(broken)])
    assert result.exit_code == 2
    assert (f"{broken}:4:5: unknown key 'requirement' in rank 'trainee': did you mean "
            "'requirements'?") in result.output
    assert "Invalid: 1 error in 1 file." in result.output
    shown = runner.invoke(args=["ranks", "show"]).output
    assert "1\toperator-l1\tSupport Operator (L1)" in shown and "mentor_sign_off" in shown
    add_history(app, users[Role.TRAINEE], first_rank_history())
    result = runner.invoke(args=["ranks", "evaluate"])
    assert result.output == "Evaluated 1 trainees; 1 new rank.\n"
