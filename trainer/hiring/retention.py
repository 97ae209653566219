"""Deleting candidate data: one candidate at the manager's request, and whole assignments once
their retention period has passed (`flask --app trainer hiring purge`). Both are audited.

Attempts are deleted with SQL, so the database's cascades remove their replies, grades and
review rows too; the audit keeps counts and ids, never names or e-mails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.hiring.models import (
    Candidate,
    CandidateAttempt,
    HiringAssignment,
    HiringAuditEntry,
    IntegritySignal,
)
from trainer.practice.models import Attempt, Reply


@dataclass(frozen=True)
class Deleted:
    candidates: int = 0
    attempts: int = 0
    replies: int = 0
    signals: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"candidates": self.candidates, "attempts": self.attempts,
                "replies": self.replies, "signals": self.signals}


def _delete_candidates(candidate_ids: list[int]) -> Deleted:
    """Delete the candidates, their attempts (with everything hanging off them) and signals;
    the caller commits."""
    if not candidate_ids:
        return Deleted()
    attempt_ids = list(db.session.execute(
        db.select(CandidateAttempt.attempt_id)
        .where(CandidateAttempt.candidate_id.in_(candidate_ids))
    ).scalars())
    count = db.func.count()
    replies = db.session.scalar(
        db.select(count).select_from(Reply).where(Reply.attempt_id.in_(attempt_ids))
    ) if attempt_ids else 0
    signals = db.session.scalar(
        db.select(count).select_from(IntegritySignal)
        .where(IntegritySignal.candidate_id.in_(candidate_ids))
    )
    if attempt_ids:
        db.session.execute(db.delete(Attempt).where(Attempt.id.in_(attempt_ids)))
    db.session.execute(db.delete(Candidate).where(Candidate.id.in_(candidate_ids)))
    return Deleted(len(candidate_ids), len(attempt_ids), replies, signals)


def delete_candidate_data(
    candidate: Candidate, actor: User, now: datetime | None = None
) -> Deleted:
    """Delete the candidate's data for good and record who did it; commits."""
    assignment_id, candidate_id = candidate.assignment_id, candidate.id
    deleted = _delete_candidates([candidate_id])
    db.session.add(HiringAuditEntry(
        actor_id=actor.id, assignment_id=assignment_id, action="candidate.deleted",
        details={"candidate_id": candidate_id, **deleted.as_dict()},
        created_at=now or now_utc(),
    ))
    db.session.commit()
    return deleted


def purge_due(retention_days: int, now: datetime | None = None) -> list[HiringAssignment]:
    """Assignments whose links expired more than `retention_days` ago, oldest first."""
    cutoff = (now or now_utc()) - timedelta(days=retention_days)
    return list(db.session.execute(
        db.select(HiringAssignment).where(HiringAssignment.expires_at < cutoff)
        .order_by(HiringAssignment.expires_at, HiringAssignment.id)
    ).scalars())


def purge(retention_days: int, now: datetime | None = None) -> list[tuple[int, Deleted]]:
    """Delete every assignment past its retention period with all its candidate data, one
    audit entry each, in one transaction; returns (assignment id, what was deleted)."""
    when = now or now_utc()
    done = []
    for assignment in purge_due(retention_days, when):
        deleted = _delete_candidates([candidate.id for candidate in assignment.candidates])
        details = {"title": assignment.title, "expired_at": assignment.expires_at.isoformat(),
                   "retention_days": retention_days, **deleted.as_dict()}
        db.session.execute(db.delete(HiringAssignment).where(HiringAssignment.id == assignment.id))
        db.session.add(HiringAuditEntry(
            actor_id=None, assignment_id=assignment.id, action="assignment.purged",
            details=details, created_at=when,
        ))
        done.append((assignment.id, deleted))
    db.session.commit()
    return done
