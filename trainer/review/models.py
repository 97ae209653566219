"""A mentor's review of an attempt: per-reply corrections, an overall comment, and the audit.

The machine grade stored on each Reply is never changed; these rows sit beside it. Both review
rows carry a `version` that every save increments, so a save based on a stale page is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, now_utc
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
