"""A mentor's review of an attempt: per-reply corrections, an overall comment, and the audit.

The machine grade stored on each Reply is never changed; these rows sit beside it. Both review
rows carry a `version` that every save increments, so a save based on a stale page is refused.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, enum_column, now_utc
from trainer.practice.models import Attempt, Reply


def no_outcomes() -> dict[str, dict[str, Any]]:
    return {"points": {}, "facts": {}, "never": {}}


class TurnReview(db.Model):
    """The mentor's corrections of one reply; a None score keeps the machine's.

    `outcomes` holds only the items the mentor changed:
    {"points": {id: covered}, "facts": {id: "right|wrong|missing"}, "never": {id: violated}}.
    """

    __tablename__ = "turn_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"), unique=True)
    politeness: Mapped[int | None]
    correctness: Mapped[int | None]
    completeness: Mapped[int | None]
    outcomes: Mapped[dict[str, Any]] = mapped_column(JSON, default=no_outcomes)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)
    # The effective overall and violation count as saved, so progress can read them in SQL.
    effective_overall: Mapped[int | None]
    effective_violation_count: Mapped[int | None]

    reply: Mapped[Reply] = relationship()
    reviewer: Mapped[User | None] = relationship()

    # Every UPDATE checks and increments `version`: a save racing another fails (StaleDataError).
    __mapper_args__ = {"version_id_col": version}

    @property
    def changes_anything(self) -> bool:
        scores = (self.politeness, self.correctness, self.completeness)
        return any(score is not None for score in scores) or any(self.outcomes.values())


class AttemptReview(db.Model):
    """The mentor's overall comment on an attempt; its existence marks the attempt reviewed."""

    __tablename__ = "attempt_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    attempt: Mapped[Attempt] = relationship()
    reviewer: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ReviewedAttemptGrade(db.Model):
    """An attempt's effective result after its latest review, kept for progress queries.

    Rewritten by every save; a row of its own so that refreshing it never bumps the version of
    the AttemptReview another mentor may be editing.
    """

    __tablename__ = "reviewed_attempt_grades"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    politeness: Mapped[int | None]
    correctness: Mapped[int | None]
    completeness: Mapped[int | None]
    overall: Mapped[int | None]
    violation_count: Mapped[int | None]
    passed: Mapped[bool | None]
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)


class DisputeStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the mentor kept the grade
    CHANGED = "changed"  # the mentor corrected the grade


class TurnDispute(db.Model):
    """A trainee's objection to the grade of one reply: one per reply, resolved by the mentor."""

    __tablename__ = "turn_disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"), unique=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(default=now_utc)
    status: Mapped[DisputeStatus] = mapped_column(
        enum_column(DisputeStatus), default=DisputeStatus.OPEN, index=True
    )
    resolution_comment: Mapped[str] = mapped_column(Text, default="")
    resolver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    resolver: Mapped[User | None] = relationship(foreign_keys=[resolver_id])

    # Two mentors resolving at once: the second UPDATE finds a changed version and fails.
    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.status is DisputeStatus.OPEN


class ReviewAuditEntry(db.Model):
    """One saved change, with the values before and after; the app only ever appends."""

    __tablename__ = "review_audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()


@event.listens_for(ReviewAuditEntry, "before_update")
@event.listens_for(ReviewAuditEntry, "before_delete")
def _refuse_audit_changes(mapper, connection, target) -> None:  # noqa: ARG001
    raise RuntimeError("review audit entries are append-only")
