"""Mentor sign-off: the approval some ranks require besides the numbers, given once per rank.

A mentor signs off their trainee's next rank once every other requirement of it is met; the
evaluation that follows awards the rank. A sign-off is never withdrawn: it is the mentor's
recorded decision, like the award it leads to.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.progress.models import RankAward, RankSignOff, RankStanding
from trainer.progress.services import Evaluation, awaits_sign_off, evaluate, evaluate_and_award

COMMENT_MIN, COMMENT_MAX = 3, 500


class SignOffRefused(ValueError):
    """Nothing was signed off; the message says why."""


def requires_sign_off(evaluation: Evaluation) -> bool:
    """Whether the trainee's next rank asks for a mentor's sign-off."""
    rank = evaluation.standing.next
    return rank is not None and any(
        requirement.kind == "mentor_sign_off" for requirement in rank.requirements
    )


def may_sign_off(viewer: User, trainee: User, evaluation: Evaluation) -> bool:
    """Whether to offer `viewer` the sign-off of the trainee's next rank: they are the
    trainee's mentor and the rank asks for it (`sign_off` checks the rest when it is given)."""
    return trainee.mentor_id == viewer.id and requires_sign_off(evaluation)


def sign_off(trainee: User, mentor: User, rank_id: str, comment: str) -> list[RankAward]:
    """Record the mentor's sign-off of `rank_id` for the trainee, then award what is due.

    Raises SignOffRefused unless `rank_id` is the trainee's next rank, requires a sign-off,
    waits only for it, and the comment has COMMENT_MIN to COMMENT_MAX characters.
    """
    comment = (comment or "").strip()
    evaluation = evaluate(trainee.id)
    standing = evaluation.standing
    if standing.next is None or standing.next.id != rank_id:
        raise SignOffRefused("Only the trainee's next rank can be signed off.")
    if not requires_sign_off(evaluation):
        raise SignOffRefused(f"{standing.next.name} does not ask for a mentor's sign-off.")
    if standing.blocked:
        raise SignOffRefused(
            f"{standing.next.name} was revoked for this trainee; an administrator decides."
        )
    if not awaits_sign_off(standing.next_result):
        result = standing.next_result
        met = f"{result.met_count} of {len(result.requirements)}" if result else "none"
        raise SignOffRefused(
            f"Sign off once every other requirement of {standing.next.name} is met ({met} now)."
        )
    if not COMMENT_MIN <= len(comment) <= COMMENT_MAX:
        raise SignOffRefused(
            f"Say why the trainee is ready, in {COMMENT_MIN} to {COMMENT_MAX} characters."
        )
    db.session.add(
        RankSignOff(
            user_id=trainee.id, rank_id=rank_id, mentor_id=mentor.id, comment=comment,
            signed_at=now_utc(),
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise SignOffRefused(f"{standing.next.name} is already signed off.") from None
    return evaluate_and_award(trainee)


def awaiting_sign_off(mentor: User) -> list[User]:
    """The mentor's trainees whose next rank waits only for their sign-off, by name."""
    return list(
        db.session.execute(
            db.select(User)
            .join(RankStanding, RankStanding.user_id == User.id)
            .where(User.mentor_id == mentor.id, User.active, RankStanding.awaiting_sign_off)
            .order_by(User.name)
        ).scalars()
    )
