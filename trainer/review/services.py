"""Saving a mentor's review: checked input, optimistic locking, dispute resolutions, the audit.

The machine grade on Reply is frozen. A TurnReview stores only what the mentor changed;
trainer.review.grades combines the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from scoring import DIMENSIONS
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.review.audit import record_audit
from trainer.review.disputes import disputes_of, resolution_problem, resolve
from trainer.review.grades import (
    KINDS,
    attempt_review_of,
    effective_attempt,
    effective_scores,
    machine_outcomes,
    turn_reviews,
)
from trainer.review.models import (
    AttemptReview,
    ReviewedAttemptGrade,
    TurnDispute,
    TurnReview,
    no_outcomes,
)
from trainer.signals import attempt_graded

COMMENT_MIN, COMMENT_MAX = 3, 500
OVERALL_COMMENT_MAX = 2000


def get_review_attempt_or_404(attempt_id: int, *, write: bool = False) -> Attempt:
    """The attempt if the signed-in user mentors its trainee, or (to read) is an admin; else 404.

    404 rather than 403, so nobody learns which attempts exist.
    """
    attempt = db.get_or_404(Attempt, attempt_id)
    if attempt.user is None:  # a hiring candidate's: graded from the hiring results
        abort(404)
    if attempt.user.mentor_id == current_user.id:
        return attempt
    if not write and current_user.role is Role.ADMIN:
        return attempt
    abort(404)


def get_own_reply_or_404(reply_id: int) -> Reply:
    """A reply of the signed-in trainee's own attempt; 404 for anyone else's."""
    reply = db.get_or_404(Reply, reply_id)
    if reply.attempt.user_id != current_user.id:
        abort(404)
    return reply


@dataclass
class TurnInput:
    """What the form says about one reply; `version` is the review's when the page was loaded
    (0: there was none). A score of None keeps the machine's. `resolution` (upheld/changed)
    resolves the reply's open dispute; empty leaves it open."""

    reply_id: int
    version: int
    scores: dict[str, int | None] = field(default_factory=dict)
    outcomes: dict[str, dict[str, Any]] = field(default_factory=no_outcomes)
    comment: str = ""
    resolution: str = ""
    resolution_comment: str = ""


@dataclass
class ReviewInput:
    attempt_version: int
    comment: str
    turns: list[TurnInput]


class ReviewRejected(ValueError):
    """Nothing was saved; `errors` maps a reply id (None: the attempt) to its messages."""

    def __init__(self, errors: dict[int | None, list[str]]) -> None:
        super().__init__("the review has errors")
        self.errors = errors


class ReviewConflict(RuntimeError):
    """Someone saved this review after the page was loaded; nothing was saved.

    `current` holds their values (snapshots) for what changed; `versions` every current version,
    so a form re-rendered with them saves over theirs on purpose.
    """

    def __init__(self, current: dict[int | None, dict], versions: dict[int | None, int]) -> None:
        super().__init__("the review was changed by someone else")
        self.current = current
        self.versions = versions


def turn_snapshot(review: TurnReview | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        **{name: getattr(review, name) for name in DIMENSIONS},
        "outcomes": review.outcomes,
        "comment": review.comment,
    }


def attempt_snapshot(review: AttemptReview | None) -> dict[str, Any] | None:
    return None if review is None else {"comment": review.comment}


def normalised(reply: Reply, given: TurnInput) -> dict[str, Any]:
    """The input as it would be stored: only what differs from the machine grade."""
    machine = machine_outcomes(reply.card)
    outcomes = {
        kind: {
            item: value
            for item, value in given.outcomes.get(kind, {}).items()
            if item in machine[kind] and machine[kind][item] != value
        }
        for kind in KINDS
    }
    scores = {
        name: None if given.scores.get(name) == getattr(reply, name) else given.scores.get(name)
        for name in DIMENSIONS
    }
    return {**scores, "outcomes": outcomes, "comment": given.comment.strip()}


def _comment_problem(comment: str, required: bool) -> str | None:
    if required and not comment:
        return "Say why you changed the grade: a comment is required with any correction."
    if comment and not COMMENT_MIN <= len(comment) <= COMMENT_MAX:
        return f"A comment has {COMMENT_MIN} to {COMMENT_MAX} characters."
    return None


def _grade_of(state: dict[str, Any] | None) -> dict[str, Any]:
    """The corrections of a snapshot or normalised input, without the comment."""
    if state is None:
        return {**dict.fromkeys(DIMENSIONS), "outcomes": no_outcomes()}
    return {name: state[name] for name in (*DIMENSIONS, "outcomes")}


def _problems(
    replies: dict[int, Reply],
    reviews: dict[int, TurnReview],
    disputes: dict[int, TurnDispute],
    data: ReviewInput,
) -> dict[int | None, list[str]]:
    errors: dict[int | None, list[str]] = {}
    for given in data.turns:
        if given.reply_id not in replies:
            errors.setdefault(given.reply_id, []).append("This reply is not part of the attempt.")
            continue
        state = normalised(replies[given.reply_id], given)
        changes = any(state[name] is not None for name in DIMENSIONS) or any(
            state["outcomes"].values()
        )
        grade_changed = _grade_of(state) != _grade_of(turn_snapshot(reviews.get(given.reply_id)))
        problems = (
            _comment_problem(state["comment"], required=changes),
            resolution_problem(
                disputes.get(given.reply_id),
                given.resolution,
                given.resolution_comment.strip(),
                grade_changed,
            ),
        )
        for problem in problems:
            if problem:
                errors.setdefault(given.reply_id, []).append(problem)
    if len(data.comment.strip()) > OVERALL_COMMENT_MAX:
        errors[None] = [f"The overall comment has at most {OVERALL_COMMENT_MAX:,} characters."]
    return errors


def _conflict(attempt: Attempt, stale: list[int | None]) -> ReviewConflict:
    reviews = turn_reviews(attempt)
    overall = attempt_review_of(attempt)
    versions: dict[int | None, int] = {rid: row.version for rid, row in reviews.items()}
    versions[None] = overall.version if overall else 0
    current = {
        key: attempt_snapshot(overall) if key is None else turn_snapshot(reviews.get(key))
        for key in stale
    }
    return ReviewConflict(current, versions)


def save_review(
    attempt: Attempt, reviewer: User, data: ReviewInput, now: datetime | None = None
) -> int:
    """Store the review in one transaction, with an audit entry per changed row; returns how
    many rows changed. Saving marks the attempt reviewed, even when nothing was corrected, and
    refreshes the attempt's effective result that progress reads.

    Raises ReviewRejected for invalid input and ReviewConflict when a version in `data` is not
    the stored one (or another save wins the race); nothing is saved in either case.
    """
    replies = {reply.id: reply for reply in attempt.replies}
    reviews = turn_reviews(attempt)
    disputes = disputes_of(attempt)
    errors = _problems(replies, reviews, disputes, data)
    if errors:
        raise ReviewRejected(errors)
    overall = attempt_review_of(attempt)
    stale: list[int | None] = [
        given.reply_id
        for given in data.turns
        if given.version != (reviews[given.reply_id].version if given.reply_id in reviews else 0)
    ]
    if data.attempt_version != (overall.version if overall else 0):
        stale.append(None)
    if stale:
        raise _conflict(attempt, stale)

    when = now or now_utc()
    changed = 0
    for given in data.turns:
        reply = replies[given.reply_id]
        if _save_turn(attempt, reply, reviews, reviewer, normalised(reply, given), when):
            changed += 1
        if given.resolution:
            comment = given.resolution_comment.strip()
            resolve(disputes[reply.id], reviewer, given.resolution, comment, when)
            changed += 1
    comment = data.comment.strip()
    if overall is None or overall.comment != comment:
        before = attempt_snapshot(overall)
        if overall is None:
            overall = AttemptReview(attempt_id=attempt.id)
            db.session.add(overall)
        overall.comment, overall.reviewer_id, overall.updated_at = comment, reviewer.id, when
        action = "attempt_review.created" if before is None else "attempt_review.updated"
        record_audit(reviewer, attempt.id, None, action, before, {"comment": comment})
        changed += 1
    _store_effective_result(attempt, reviews)
    try:
        db.session.commit()
    except (IntegrityError, StaleDataError):  # another save won between our check and commit
        db.session.rollback()
        raise _conflict(attempt, [given.reply_id for given in data.turns] + [None]) from None
    attempt_graded.send(current_app._get_current_object(), attempt=attempt, by=reviewer)
    return changed


def _save_turn(
    attempt: Attempt,
    reply: Reply,
    reviews: dict[int, TurnReview],
    reviewer: User,
    state: dict[str, Any],
    when: datetime,
) -> bool:
    """Store one reply's normalised review (adding it to `reviews`); False when unchanged."""
    row = reviews.get(reply.id)
    before = turn_snapshot(row)
    if before == state or (row is None and not _turn_has_content(state)):
        return False
    if row is None:
        row = reviews[reply.id] = TurnReview(reply_id=reply.id)
        db.session.add(row)
    for name, value in state.items():
        setattr(row, name, value)
    row.reviewer_id, row.updated_at = reviewer.id, when
    effective = effective_scores(reply, row)
    row.effective_overall = effective.overall
    row.effective_violation_count = effective.violation_count
    action = "turn_review.created" if before is None else "turn_review.updated"
    record_audit(reviewer, attempt.id, reply.id, action, before, state)
    return True


def _store_effective_result(attempt: Attempt, reviews: dict[int, TurnReview]) -> None:
    result = effective_attempt(attempt, reviews)
    row = db.session.get(ReviewedAttemptGrade, attempt.id)
    if row is None:
        row = ReviewedAttemptGrade(attempt_id=attempt.id)
        db.session.add(row)
    for name in (*DIMENSIONS, "overall", "violation_count", "passed"):
        setattr(row, name, getattr(result, name))


def _turn_has_content(state: dict[str, Any]) -> bool:
    return (
        bool(state["comment"])
        or any(state[name] is not None for name in DIMENSIONS)
        or any(state["outcomes"].values())
    )
