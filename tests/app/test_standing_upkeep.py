"""The standing kept per finished attempt is the one a full evaluation of the history gives.

Random histories of exams and practice at a few scenarios, with corrections and sign-offs, are
played twice: for one trainee through the upkeep an ending runs, for another through the full
evaluation at every step. After each step the kept standing must equal a full evaluation of its
own history, and both trainees must hold the same ranks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

import pytest
from flask import current_app
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note_event
from hypothesis import strategies as st

from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.progress import LADDER_EXTENSION, upkeep
from trainer.progress import services as progress
from trainer.progress.ladder import load_ladder_text
from trainer.progress.models import RankAward, RankSignOff, RankStanding
from trainer.progress.services import evaluate, evaluate_and_award, standing_values
from trainer.progress.standing import ranks_to_award
from trainer.review.models import ReviewedAttemptGrade, TurnReview
from trainer.signals import attempt_graded

# Reachable in a few attempts, with every requirement kind, two pass bars and a sign-off.
LADDER = """
ranks:
  - {id: start, name: Start}
  - id: one
    name: One
    requirements:
      - {kind: scenarios_passed, count: 2}
      - {kind: dimension_average, last_replies: 3, minimum: {politeness: 60}}
  - id: two
    name: Two
    requirements:
      - kind: scenarios_passed
        count: 2
        min_difficulty: 2
        pass_rule: {overall: 80, each_dimension: 70}
      - {kind: personas_handled, groups: [[rude, insulting], confused]}
      - {kind: reply_time, last_replies: 4, max_median_seconds: 60}
  - id: three
    name: Three
    requirements:
      - {kind: scenarios_passed, count: 4}
      - {kind: mentor_sign_off}
"""
# Difficulty 1 to 4; personas informal, confused (twice), rude, distressed, insulting.
SLUGS = ["hosting-content-edit", "hosting-ssl-expired", "crm-csv-import",
         "crm-reminder-timezone", "crm-archived-segment", "clickriver-traffic-review-hold"]
START = datetime(2026, 3, 2, 9, 0)
KEPT = ("rank_id", "rank_level", "next_rank_id", "requirements_met", "requirements_total",
        "progress_percent", "last_activity_at", "recent_overall", "trend", "awaiting_sign_off",
        "ladder_digest", "deciding_attempts")

score = st.integers(min_value=50, max_value=100)
grade = st.tuples(score, score, score)
finish = st.tuples(
    st.just("finish"),
    st.sampled_from(["exam", "exam", "exam", "practice"]),
    st.integers(min_value=0, max_value=len(SLUGS) - 1),
    st.lists(grade, min_size=1, max_size=3),
    st.integers(min_value=0, max_value=1),  # violations: mostly none
    st.sampled_from([20_000, 50_000, 90_000]),
)
correct = st.tuples(st.just("correct"), st.integers(min_value=0), grade)
sign_off = st.just(("sign off",))
events = st.lists(st.one_of(finish, finish, finish, correct, sign_off), min_size=4, max_size=25)


@pytest.fixture
def upkeep_app(app, library):
    app.extensions[LADDER_EXTENSION] = load_ladder_text(LADDER)
    return app


@pytest.fixture
def history_reads(monkeypatch) -> list[int]:
    """How many times a whole history was read (services.history_of), in a one-item list."""
    calls = [0]
    original = progress.history_of

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(progress, "history_of", counted)
    return calls


@pytest.mark.timeout(180)  # about 30 s: 50 histories of up to 25 steps, each evaluated twice
@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=events)
def test_kept_standing_and_ranks_equal_a_full_evaluation(upkeep_app, make_user, history_reads,
                                                         history):
    kept, reference = make_user(Role.TRAINEE), make_user(Role.TRAINEE)
    mentor = make_user(Role.MENTOR)
    with upkeep_app.app_context():
        versions = current_versions()
        played: dict[int, list[int]] = {kept.id: [], reference.id: []}
        clock = count()
        for event in history:
            when = START + timedelta(minutes=10 * next(clock))
            for trainee in (kept, reference):
                before = (len(awards(trainee.id)), history_reads[0])
                full = trainee is reference
                apply(event, trainee.id, played[trainee.id], versions, when, mentor.id, full)
                if not full and fast_path_expected(event, trainee.id, before[0]):
                    assert history_reads[0] == before[1], "the ending read the whole history"
            assert_kept_equals_full_evaluation(kept.id)
            assert awards(kept.id) == awards(reference.id)
            assert ranks_to_award_now(kept.id) == []
        note_event(f"highest rank reached: {max(awards(kept.id), default=('start', 0))[0]}")


def apply(event, user_id, played, versions, when, mentor_id, full: bool) -> None:
    """One step of the history, committed, then evaluated as the app does (or in full)."""
    kind = event[0]
    if kind == "finish":
        _, mode, slug, grades, violations, reply_ms = event
        attempt = finished_attempt(user_id, versions[SLUGS[slug]], mode, grades, violations,
                                   reply_ms, when)
        played.append(attempt.id)
        graded_by = None
    elif kind == "correct":
        if not played:
            return
        attempt = db.session.get(Attempt, played[event[1] % len(played)])
        correct_grades(attempt, event[2])
        graded_by = db.session.get(User, mentor_id)
    else:
        signed = db.session.scalar(db.select(RankSignOff.id).where(
            RankSignOff.user_id == user_id, RankSignOff.rank_id == "three"))
        if signed is None:
            db.session.add(RankSignOff(user_id=user_id, rank_id="three", mentor_id=mentor_id,
                                       comment="Ready."))
            db.session.commit()
        evaluate_and_award(db.session.get(User, user_id))
        return
    if full:
        evaluate_and_award(db.session.get(User, user_id))
    else:
        attempt_graded.send(current_app._get_current_object(), attempt=attempt, by=graded_by)


def finished_attempt(user_id, version_id, mode, grades, violations, reply_ms, when) -> Attempt:
    politeness, correctness, completeness = (round(sum(g[i] for g in grades) / len(grades))
                                             for i in range(3))
    overall = round((politeness + correctness + completeness) / 3)
    attempt = Attempt(
        user_id=user_id, scenario_version_id=version_id, mode=AttemptMode(mode),
        current_step=None, started_at=when - timedelta(minutes=5), finished_at=when,
        politeness=politeness, correctness=correctness, completeness=completeness,
        overall=overall, violation_count=violations, median_reply_ms=reply_ms,
        passed=overall >= 70 and min(politeness, correctness, completeness) >= 60
        and not violations,
    )
    attempt.replies = [
        Reply(step_id=f"step-{n}", position=n + 1, text="A reply.", politeness=p,
              correctness=c, completeness=k, overall=round((p + c + k) / 3),
              violation_count=violations if n == 0 else 0, card={}, scorer_version="test",
              served_at=when - timedelta(seconds=len(grades) - n, milliseconds=reply_ms),
              received_at=when - timedelta(seconds=len(grades) - n - 1), reply_ms=reply_ms)
        for n, (p, c, k) in enumerate(grades)
    ]
    db.session.add(attempt)
    db.session.commit()
    return attempt


def correct_grades(attempt: Attempt, corrected: tuple[int, int, int]) -> None:
    """What a saved review leaves for progress: every reply and the attempt re-graded."""
    politeness, correctness, completeness = corrected
    overall = round(sum(corrected) / 3)
    for reply in attempt.replies:
        review = db.session.scalar(db.select(TurnReview).where(TurnReview.reply_id == reply.id))
        review = review or TurnReview(reply_id=reply.id)
        review.politeness, review.correctness, review.completeness = corrected
        review.effective_overall, review.effective_violation_count = overall, 0
        db.session.add(review)
    row = db.session.get(ReviewedAttemptGrade, attempt.id) or ReviewedAttemptGrade(
        attempt_id=attempt.id)
    row.politeness, row.correctness, row.completeness = corrected
    row.overall, row.violation_count = overall, 0
    row.passed = overall >= 70 and min(corrected) >= 60
    db.session.add(row)
    db.session.commit()


def fast_path_expected(event, user_id: int, awards_before: int) -> bool:
    """An ending of a trainee who has a standing, awarding nothing, needs no history."""
    return event[0] == "finish" and awards_before == len(awards(user_id)) and \
        db.session.get(RankStanding, user_id) is not None and evaluations_before(user_id)


def evaluations_before(user_id: int) -> bool:
    """Whether the trainee had a standing before this ending (the first ending builds it)."""
    return db.session.scalar(db.select(db.func.count()).select_from(Attempt).where(
        Attempt.user_id == user_id, Attempt.finished_at.is_not(None))) > 1


def assert_kept_equals_full_evaluation(user_id: int) -> None:
    db.session.expire_all()
    row = db.session.get(RankStanding, user_id)
    if row is None:  # no attempt ended yet
        return
    expected = standing_values(evaluate(user_id))
    assert {name: getattr(row, name) for name in KEPT} == {name: expected[name] for name in KEPT}


def awards(user_id: int) -> list[tuple[str, int]]:
    return [(rank_id, level) for rank_id, level in db.session.execute(
        db.select(RankAward.rank_id, RankAward.rank_level)
        .where(RankAward.user_id == user_id).order_by(RankAward.rank_level))]


def ranks_to_award_now(user_id: int) -> list:
    evaluation = evaluate(user_id)
    held = {award.rank_id: award.valid for award in evaluation.awards}
    return ranks_to_award(evaluation.ladder, evaluation.results, held)


def current_versions() -> dict[str, int]:
    return dict(db.session.execute(
        db.select(ScenarioRecord.slug, ScenarioVersion.id)
        .join(ScenarioVersion, ScenarioRecord.current_version_id == ScenarioVersion.id)
    ).all())


def end_attempt(app, user_id: int, slug: str, when: datetime, mode: str = "exam") -> None:
    """An attempt passed at `slug`, ended as a submit ends it: stored, then the signal."""
    with app.app_context():
        attempt = finished_attempt(user_id, current_versions()[slug], mode, [(90, 90, 90)],
                                   0, 30_000, when)
        attempt_graded.send(current_app._get_current_object(), attempt=attempt, by=None)


def test_a_standing_kept_before_the_upkeep_is_rebuilt_when_the_next_attempt_ends(
        upkeep_app, make_user, history_reads):
    trainee = make_user(Role.TRAINEE)
    end_attempt(upkeep_app, trainee.id, SLUGS[0], START)
    with upkeep_app.app_context():  # as the migration leaves a standing kept before it
        db.session.execute(db.update(RankStanding).values(deciding_attempts=None))
        db.session.commit()
    reads = history_reads[0]
    end_attempt(upkeep_app, trainee.id, SLUGS[1], START + timedelta(hours=1))
    assert history_reads[0] == reads + 1
    with upkeep_app.app_context():
        assert len(db.session.get(RankStanding, trainee.id).deciding_attempts) == 2
        assert_kept_equals_full_evaluation(trainee.id)
    reads = history_reads[0]
    end_attempt(upkeep_app, trainee.id, SLUGS[2], START + timedelta(hours=2), "practice")
    assert history_reads[0] == reads  # kept from then on


def test_a_standing_written_meanwhile_is_rebuilt_not_overwritten(
        upkeep_app, make_user, history_reads, monkeypatch):
    trainee = make_user(Role.TRAINEE)
    end_attempt(upkeep_app, trainee.id, SLUGS[0], START)
    recent_overall_of = upkeep.recent_overall_of

    def another_write_first(user_id: int, length: int) -> list[int]:
        db.session.execute(db.update(RankStanding).values(revision=RankStanding.revision + 1,
                                                          deciding_attempts=[]))
        return recent_overall_of(user_id, length)

    monkeypatch.setattr(upkeep, "recent_overall_of", another_write_first)
    reads = history_reads[0]
    end_attempt(upkeep_app, trainee.id, SLUGS[2], START + timedelta(hours=1))
    assert history_reads[0] == reads + 1
    with upkeep_app.app_context():
        assert_kept_equals_full_evaluation(trainee.id)
