"""The progress use cases: evaluate a trainee, award ranks, revoke a certificate.

Awards are recorded for good, with a snapshot of the evidence; the database allows one award
per user and rank, so concurrent evaluations (two attempts finishing at once) award it once.
Listeners of trainer.signals.rank_awarded hear of each new award after it is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from trainer.auth.models import Role, User
from trainer.database import db, now_utc, upsert
from trainer.progress import LADDER_EXTENSION
from trainer.progress.evaluation import (
    AttemptFact,
    RankResult,
    State,
    deciding_attempts,
    evaluate_ladder,
)
from trainer.progress.ladder import Ladder, Rank
from trainer.progress.models import RankAward, RankStanding
from trainer.progress.queries import awards_of, held_ranks, history_of, signed_off_ranks
from trainer.progress.standing import Standing, ranks_to_award, recent_overall, standing_of, trend
from trainer.signals import rank_awarded

MAX_REASON_CHARS = 500


class AlreadyAwarded(Exception):
    """This user already holds (or held) this rank: it is recorded once."""


class RevokeRefused(ValueError):
    """The certificate was not revoked; the message says why."""


def get_trainee_or_404(user_id: int) -> User:
    """A trainee the signed-in mentor mentors, or any trainee for managers and admins.

    404 for anyone else (or a user who is not a trainee), so nobody learns who exists.
    """
    trainee = db.get_or_404(User, user_id)
    if trainee.role is not Role.TRAINEE:
        abort(404)
    if current_user.role is Role.MENTOR and trainee.mentor_id != current_user.id:
        abort(404)
    return trainee


def get_award_or_404(award_id: int) -> RankAward:
    """The certificate if the viewer is its owner, the owner's mentor, a manager or an admin;
    404 otherwise."""
    award = db.get_or_404(RankAward, award_id)
    if current_user.role in (Role.MANAGER, Role.ADMIN) or award.user_id == current_user.id:
        return award
    if current_user.role is Role.MENTOR and award.user.mentor_id == current_user.id:
        return award
    abort(404)


def current_ladder() -> Ladder:
    return current_app.extensions[LADDER_EXTENSION]


@dataclass(frozen=True)
class Evaluation:
    """A trainee's history, every rank's checklist, their certificates and their standing."""

    ladder: Ladder
    attempts: list[AttemptFact]
    results: tuple[RankResult, ...]
    awards: list[RankAward]
    standing: Standing


def evaluate(user_id: int) -> Evaluation:
    """Evaluate the ladder for this user, reading the database in four queries; writes nothing."""
    ladder = current_ladder()
    attempts = history_of(user_id, ladder.reply_window())
    awards = awards_of(user_id)
    results = evaluate_ladder(ladder, attempts, signed_off_ranks(user_id))
    return Evaluation(ladder, attempts, results, awards,
                      standing_of(ladder, results, held_ranks(awards)))


def evaluate_and_award(user: User) -> list[RankAward]:
    """Award every rank the whole history now earns and rebuild the user's standing.

    For what the upkeep of an ending (trainer.progress.upkeep) leaves to it: corrected grades,
    sign-offs, a rank due, `ranks evaluate`. Returns the new awards (usually none); a rank
    another evaluation awarded meanwhile is skipped, not awarded twice.
    """
    if user.role is not Role.TRAINEE:
        return []
    user_id = user.id
    evaluation = evaluate(user_id)
    new_awards = []
    due = ranks_to_award(evaluation.ladder, evaluation.results, held_ranks(evaluation.awards))
    for level, rank in due:
        try:
            award = award_rank(user_id, level, rank, evidence_snapshot(evaluation, level))
        except AlreadyAwarded:
            continue
        new_awards.append(award)
    if new_awards:
        evaluation = evaluate(user_id)
    save_standing(user_id, evaluation)
    for award in new_awards:
        rank_awarded.send(current_app._get_current_object(), award=award)
    return new_awards


def award_rank(user_id: int, level: int, rank: Rank, evidence: dict) -> RankAward:
    """Record the award with its evidence and commit the session; raises AlreadyAwarded when
    the database already holds one for this user and rank."""
    award = RankAward(
        user_id=user_id, rank_id=rank.id, rank_name=rank.name, rank_level=level, evidence=evidence
    )
    db.session.add(award)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadyAwarded(f"rank '{rank.id}' is already recorded for user {user_id}") from None
    return award


def evidence_snapshot(evaluation: Evaluation, level: int) -> dict:
    """What the rank was awarded for, kept with the award even if attempts or the ladder change."""
    result = evaluation.results[level]
    counted = {attempt_id for item in result.requirements for attempt_id in item.evidence}
    return {
        "rank": {"id": result.rank_id, "name": result.name, "level": level},
        "ladder_digest": evaluation.ladder.digest(),
        "evaluated_at": now_utc().isoformat(timespec="seconds"),
        "finished_attempts": len(evaluation.attempts),
        "requirements": [
            {"kind": item.kind, "text": item.text, "state": item.state.value,
             "current": item.current, "needed": item.needed, "attempts": list(item.evidence)}
            for item in result.requirements
        ],
        "attempts": [
            {"id": a.attempt_id, "scenario": a.slug, "version": a.version,
             "difficulty": a.difficulty, "persona": a.persona, "mode": a.mode,
             "finished_at": a.finished_at.isoformat(timespec="seconds") if a.finished_at else None,
             "politeness": a.politeness, "correctness": a.correctness,
             "completeness": a.completeness, "overall": a.overall,
             "violations": a.violation_count}
            for a in evaluation.attempts
            if a.attempt_id in counted
        ],
    }


def save_standing(user_id: int, evaluation: Evaluation) -> None:
    """Store the evaluation's summary for the team view (insert or update) and commit.

    One statement, so two evaluations of the same trainee at once cannot collide on the insert.
    """
    statement = _standing_upsert(db.session.get_bind().dialect.name)
    db.session.connection().execute(statement, {"user_id": user_id, **standing_values(evaluation)})
    forget_loaded_standing(user_id)
    db.session.commit()


@cache
def _standing_upsert(dialect: str):
    """Built once per database kind: building it costs about 0.2 ms."""
    statement = upsert(RankStanding, dialect)
    kept = {"user_id", "revision"}
    columns = [column.name for column in RankStanding.__table__.columns if column.name not in kept]
    return statement.on_conflict_do_update(
        index_elements=[RankStanding.user_id],
        set_={**{name: statement.excluded[name] for name in columns},
              "revision": RankStanding.__table__.c.revision + 1},
    )


def forget_loaded_standing(user_id: int) -> None:
    """A statement changed the trainee's standing row: an ORM copy loaded before is read again
    when next used."""
    loaded = db.session.identity_map.get(db.session.identity_key(RankStanding, user_id))
    if loaded is not None:
        db.session.expire(loaded)


def standing_values(evaluation: Evaluation) -> dict:
    """The columns of a RankStanding row, from an evaluation of the whole history."""
    finished = [a.finished_at for a in evaluation.attempts if a.finished_at is not None]
    return {
        **rank_values(evaluation.ladder, evaluation.standing),
        **activity_values(recent_overall(evaluation.attempts), max(finished, default=None)),
        "deciding_attempts": deciding_attempts(
            evaluation.ladder, evaluation.results, evaluation.attempts
        ),
    }


def rank_values(ladder: Ladder, standing: Standing) -> dict:
    """The standing's columns that only a certifying attempt, a certificate or a sign-off
    can change."""
    result = standing.next_result
    return {
        "rank_id": standing.current.id,
        "rank_level": standing.current_level,
        "next_rank_id": standing.next.id if standing.next else None,
        "requirements_met": result.met_count if result else 0,
        "requirements_total": len(result.requirements) if result else 0,
        "progress_percent": round(100 * result.fraction) if result else 100,
        "awaiting_sign_off": awaits_sign_off(result) and not standing.blocked,
        "ladder_digest": ladder.digest(),
    }


def activity_values(recent: list[int], last_activity_at: datetime | None) -> dict:
    """The standing's columns that every finished attempt changes (`recent`: the latest
    overall scores, oldest first)."""
    return {
        "last_activity_at": last_activity_at,
        "recent_overall": recent,
        "trend": trend(recent),
        "evaluated_at": now_utc(),
    }


def awaits_sign_off(result: RankResult | None) -> bool:
    """Every requirement met but a pending mentor sign-off."""
    if result is None:
        return False
    pending = [item for item in result.requirements if item.state is State.PENDING]
    return bool(pending) and all(item.met or item in pending for item in result.requirements)


def revoke(award: RankAward, by: User, reason: str) -> None:
    """Revoke a certificate for good, with the admin's reason; raises RevokeRefused when it is
    already revoked or the reason is empty or too long. Refreshes the owner's standing."""
    reason = (reason or "").strip()
    if not award.valid:
        raise RevokeRefused("This certificate is already revoked.")
    if not reason:
        raise RevokeRefused("Write the reason for revoking: it is kept with the certificate.")
    if len(reason) > MAX_REASON_CHARS:
        raise RevokeRefused(f"Keep the reason under {MAX_REASON_CHARS} characters.")
    award.revoked_at = now_utc()
    award.revoked_by = by
    award.revoke_reason = reason
    db.session.commit()
    save_standing(award.user_id, evaluate(award.user_id))


def evaluate_everyone() -> tuple[int, int]:
    """Evaluate every active trainee (after a ladder edit); returns (trainees, new awards)."""
    trainees = db.session.execute(
        db.select(User).where(User.role == Role.TRAINEE, User.active).order_by(User.id)
    ).scalars().all()
    awarded = sum(len(evaluate_and_award(trainee)) for trainee in trainees)
    return len(trainees), awarded
