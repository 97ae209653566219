"""Trainee disputes: a trainee objects to one reply's grade, once, and the mentor resolves it.

A dispute is opened from the transcript of a finished attempt and lands in the mentor's queue;
the mentor resolves it while saving the review: "changed" when that save corrects the reply's
grade, "upheld" when it keeps it, always with a comment the trainee reads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.review.audit import record_audit
from trainer.review.models import DisputeStatus, TurnDispute

REASON_MIN, REASON_MAX = 10, 1000
RESOLUTION_COMMENT_MIN, RESOLUTION_COMMENT_MAX = 3, 500
ALREADY_DISPUTED = "You have already disputed this reply: each reply can be disputed once."
RESOLUTIONS = {
    DisputeStatus.UPHELD.value: "Upheld: the grade stands",
    DisputeStatus.CHANGED.value: "Changed: I corrected the grade",
}


class DisputeRefused(ValueError):
    """The dispute was not recorded; the message says why."""


def dispute_of(reply: Reply) -> TurnDispute | None:
    return db.session.execute(
        db.select(TurnDispute).where(TurnDispute.reply_id == reply.id)
    ).scalar_one_or_none()


def disputes_of(attempt: Attempt) -> dict[int, TurnDispute]:
    """The attempt's disputes by reply id."""
    rows = db.session.execute(
        db.select(TurnDispute).where(TurnDispute.attempt_id == attempt.id)
    ).scalars()
    return {row.reply_id: row for row in rows}


def open_dispute(reply: Reply, trainee: User, reason: str, now: datetime | None = None):
    """Record the trainee's dispute of `reply` (their own) with an audit entry.

    Raises DisputeRefused when the attempt is unfinished, the trainee has no mentor, the reason
    is too short or too long, or the reply was already disputed (the database allows one).
    """
    reason = (reason or "").strip()
    attempt = reply.attempt
    if not attempt.finished:
        raise DisputeRefused("A grade can be disputed once the conversation has ended.")
    if trainee.mentor_id is None:
        raise DisputeRefused(
            "You have no mentor to review a dispute yet; ask an administrator to assign one."
        )
    if dispute_of(reply) is not None:
        raise DisputeRefused(ALREADY_DISPUTED)
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise DisputeRefused(
            f"Explain what the grade got wrong in {REASON_MIN} to {REASON_MAX:,} characters."
        )
    dispute = TurnDispute(
        reply_id=reply.id, attempt_id=attempt.id, trainee_id=trainee.id, reason=reason,
        opened_at=now or now_utc(),
    )
    db.session.add(dispute)
    record_audit(trainee, attempt.id, reply.id, "dispute.opened", None, {"reason": reason})
    try:
        db.session.commit()
    except IntegrityError:  # the same dispute sent twice at once
        db.session.rollback()
        raise DisputeRefused(ALREADY_DISPUTED) from None
    return dispute


def resolution_problem(
    dispute: TurnDispute | None, resolution: str, comment: str, grade_changed: bool
) -> str | None:
    """Why this resolution cannot be saved, or None. An empty resolution leaves it open."""
    if not resolution:
        return None
    if resolution not in RESOLUTIONS:
        return "Choose how the dispute is resolved: upheld or changed."
    if dispute is None:
        return "There is no dispute of this reply to resolve."
    if not dispute.is_open:
        return "This dispute was already resolved by someone else; reload the page to see how."
    if resolution == DisputeStatus.CHANGED and not grade_changed:
        return "To resolve the dispute as changed, correct the grade in this section."
    if resolution == DisputeStatus.UPHELD and grade_changed:
        return "You corrected the grade: resolve the dispute as changed, not upheld."
    if not RESOLUTION_COMMENT_MIN <= len(comment) <= RESOLUTION_COMMENT_MAX:
        return (
            "Tell the trainee why, in "
            f"{RESOLUTION_COMMENT_MIN} to {RESOLUTION_COMMENT_MAX} characters."
        )
    return None


def resolve(dispute: TurnDispute, mentor: User, resolution: str, comment: str, when) -> None:
    """Apply a resolution already checked by `resolution_problem`; committed by the caller."""
    dispute.status = DisputeStatus(resolution)
    dispute.resolution_comment = comment
    dispute.resolver_id = mentor.id
    dispute.resolved_at = when
    record_audit(
        mentor, dispute.attempt_id, dispute.reply_id, "dispute.resolved",
        {"status": DisputeStatus.OPEN.value},
        {"status": dispute.status.value, "comment": comment},
    )
