"""The mentor's review queue: which finished attempts of their trainees need a look."""

from __future__ import annotations

from sqlalchemy import func, or_

from trainer.auth.models import User
from trainer.database import db
from trainer.practice.models import Attempt, AttemptMode
from trainer.review.models import (
    AttemptReview,
    DisputeStatus,
    ReviewedAttemptGrade,
    TurnDispute,
)

LOW_SCORE = 60
QUEUE_FILTERS = {
    "unreviewed": "Not yet reviewed",
    "disputed": "Open dispute",
    "low": f"Overall below {LOW_SCORE}",
    "violations": "Any violation",
    "exam": "Exam attempts",
}


def _reviewed():
    return db.select(AttemptReview.id).where(AttemptReview.attempt_id == Attempt.id).exists()


def _disputed():
    return (
        db.select(TurnDispute.id)
        .where(TurnDispute.attempt_id == Attempt.id, TurnDispute.status == DisputeStatus.OPEN)
        .exists()
    )


def _team_attempts(mentor: User):
    return (
        db.select(Attempt)
        .join(User, Attempt.user_id == User.id)
        .where(User.mentor_id == mentor.id, Attempt.finished_at.is_not(None))
    )


def review_queue(mentor: User, filters: list[str]):
    """The finished attempts of the mentor's trainees, open disputes first, then newest first,
    as a query to paginate. Scores are judged as they count: corrected where reviewed.

    `filters` are keys of QUEUE_FILTERS (others are ignored); all chosen ones must hold.
    """
    overall = func.coalesce(ReviewedAttemptGrade.overall, Attempt.overall)
    violations = func.coalesce(ReviewedAttemptGrade.violation_count, Attempt.violation_count)
    conditions = {
        "unreviewed": ~_reviewed(),
        "disputed": _disputed(),
        "low": overall < LOW_SCORE,
        "violations": violations > 0,
        "exam": Attempt.mode == AttemptMode.EXAM,
    }
    query = (
        _team_attempts(mentor)
        .outerjoin(ReviewedAttemptGrade, ReviewedAttemptGrade.attempt_id == Attempt.id)
        .order_by(_disputed().desc(), Attempt.finished_at.desc(), Attempt.id.desc())
    )
    for name in filters:
        if name in conditions:
            query = query.where(conditions[name])
    return query


def _waiting(mentor: User):
    """The mentor's team attempts not reviewed yet or with an open dispute."""
    return _team_attempts(mentor).where(or_(~_reviewed(), _disputed()))


def next_waiting(mentor: User, after: Attempt) -> Attempt | None:
    """The first attempt waiting for the mentor in the queue's order, other than `after`
    (just saved: it may still hold a dispute the mentor left open)."""
    return db.session.execute(
        _waiting(mentor)
        .where(Attempt.id != after.id)
        .order_by(_disputed().desc(), Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def waiting_count(mentor: User) -> int:
    """How many attempts wait for the mentor: not reviewed yet, or with an open dispute."""
    query = _waiting(mentor)
    return db.session.execute(
        query.with_only_columns(func.count(Attempt.id)).order_by(None)
    ).scalar_one()


def reviewed_ids(attempt_ids: list[int]) -> set[int]:
    """Which of these attempts have a saved review, in one query."""
    return set(
        db.session.execute(
            db.select(AttemptReview.attempt_id).where(AttemptReview.attempt_id.in_(attempt_ids))
        ).scalars()
    )


def disputed_ids(attempt_ids: list[int]) -> set[int]:
    """Which of these attempts have an open dispute, in one query."""
    return set(
        db.session.execute(
            db.select(TurnDispute.attempt_id).where(
                TurnDispute.attempt_id.in_(attempt_ids), TurnDispute.status == DisputeStatus.OPEN
            )
        ).scalars()
    )
