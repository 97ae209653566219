"""Awarded ranks (the certificates) and each trainee's latest standing on the ladder."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, now_utc

# 16 random bytes: 22 URL-safe characters that nobody can guess or enumerate.
VERIFICATION_CODE_BYTES = 16


def new_verification_code() -> str:
    return secrets.token_urlsafe(VERIFICATION_CODE_BYTES)


class RankAward(db.Model):
    """A rank reached, recorded for good with the evidence; revoking keeps the row.

    The database allows one award per user and rank, so two evaluations racing each other
    cannot award it twice.
    """

    __tablename__ = "rank_awards"
    __table_args__ = (UniqueConstraint("user_id", "rank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the unique constraint below, whose first column it is.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    rank_id: Mapped[str] = mapped_column(String(40))
    # The rank's name and place when awarded, so the certificate survives later ladder edits.
    rank_name: Mapped[str] = mapped_column(String(80))
    rank_level: Mapped[int]
    awarded_at: Mapped[datetime] = mapped_column(default=now_utc)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    verification_code: Mapped[str] = mapped_column(
        String(32), unique=True, default=new_verification_code
    )
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    @property
    def valid(self) -> bool:
        return self.revoked_at is None


class RankStanding(db.Model):
    """The latest evaluation of one trainee, kept so the team view reads one row per trainee.

    Kept up to date as the trainee's attempts end without reading their history again
    (trainer.progress.upkeep), rebuilt from the whole history when a grade is corrected, a
    certificate awarded or revoked, a rank signed off, and by `flask ranks evaluate`;
    `ladder_digest` tells whether it was computed with today's ladder.
    """

    __tablename__ = "rank_standings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    rank_id: Mapped[str] = mapped_column(String(40))
    rank_level: Mapped[int]
    next_rank_id: Mapped[str | None] = mapped_column(String(40))
    requirements_met: Mapped[int]
    requirements_total: Mapped[int]
    progress_percent: Mapped[int]
    last_activity_at: Mapped[datetime | None]
    # Overall scores of the latest finished attempts, oldest first (at most TREND_LENGTH).
    recent_overall: Mapped[list[int]] = mapped_column(JSON)
    trend: Mapped[int | None]
    ladder_digest: Mapped[str] = mapped_column(String(64))
    evaluated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    # The next rank waits only for the mentor's sign-off: shown in the mentor's review queue.
    awaiting_sign_off: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The certifying attempts that decide every requirement (evaluation.deciding_attempts):
    # with the next graded attempt they give the same results as the whole history. None
    # until the standing is rebuilt from the whole history.
    deciding_attempts: Mapped[list[int] | None] = mapped_column(JSON)
    # Counts the writes, so an update computed from a row another write changed meanwhile
    # is noticed (and the standing rebuilt) instead of overwriting it.
    revision: Mapped[int] = mapped_column(default=1, server_default=text("1"))


class RankSignOff(db.Model):
    """A mentor's approval of a trainee for a rank that requires it; given once, kept for good."""

    __tablename__ = "rank_sign_offs"
    __table_args__ = (UniqueConstraint("user_id", "rank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    rank_id: Mapped[str] = mapped_column(String(40))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(default=now_utc)

    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id])
