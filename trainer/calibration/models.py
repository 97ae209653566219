"""Calibration: the reviewed turns as agreement reads them, and blind grading sessions.

`calibration_turns` and `calibration_items` are derived from replies and their reviews (the
machine grade beside the grade that counts), rewritten per attempt whenever a review is saved.
The three `calibration_*_counts` tables add them up (what they counted is taken off and the new
rows added in the same transaction), so the calibration page reads a few hundred counters
however many turns were reviewed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.review.models import no_outcomes


class ReviewedTurn(db.Model):
    """One reply of a reviewed attempt: machine and effective score per dimension."""

    __tablename__ = "calibration_turns"
    __table_args__ = (Index("ix_calibration_turns_step", "scenario_id", "step_id"),)

    reply_id: Mapped[int] = mapped_column(
        ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"))
    step_id: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    reviewed_at: Mapped[datetime]
    machine_politeness: Mapped[int]
    effective_politeness: Mapped[int]
    machine_correctness: Mapped[int | None]
    effective_correctness: Mapped[int | None]
    machine_completeness: Mapped[int | None]
    effective_completeness: Mapped[int | None]
    items_changed: Mapped[int] = mapped_column(default=0)
    score_difference: Mapped[int] = mapped_column(default=0)  # sum of |effective - machine|
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)  # any score or item changed


class ReviewedItem(db.Model):
    """One point, fact or never item of a reviewed turn: positive by the machine and by the
    mentor (positive: point covered, fact right, never item violated)."""

    __tablename__ = "calibration_items"

    reply_id: Mapped[int] = mapped_column(
        ForeignKey("calibration_turns.reply_id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    machine: Mapped[bool] = mapped_column(Boolean)
    effective: Mapped[bool] = mapped_column(Boolean)


class BandCount(db.Model):
    """How many reviewed turns of a month had this machine band and this effective band on
    one dimension, and the sum of their absolute score differences."""

    __tablename__ = "calibration_band_counts"

    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    month: Mapped[int] = mapped_column(primary_key=True)  # year * 100 + month of review
    machine_band: Mapped[int] = mapped_column(primary_key=True)
    effective_band: Mapped[int] = mapped_column(primary_key=True)
    turns: Mapped[int] = mapped_column(default=0)
    difference: Mapped[int] = mapped_column(default=0)


class StepCount(db.Model):
    """Reviewed and corrected turns of one step, and the sum of their score differences."""

    __tablename__ = "calibration_step_counts"

    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    turns: Mapped[int] = mapped_column(default=0)
    corrected: Mapped[int] = mapped_column(default=0)
    difference: Mapped[int] = mapped_column(default=0)


class ItemCount(db.Model):
    """The outcomes of one item of a step: machine (prediction) against mentor (truth)."""

    __tablename__ = "calibration_item_counts"

    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    true_positive: Mapped[int] = mapped_column(default=0)
    false_positive: Mapped[int] = mapped_column(default=0)
    false_negative: Mapped[int] = mapped_column(default=0)
    true_negative: Mapped[int] = mapped_column(default=0)


class CalibrationSession(db.Model):
    """A transcript that a group of mentors grade blind, then compare."""

    __tablename__ = "calibration_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    closed_at: Mapped[datetime | None]

    attempt: Mapped[Attempt] = relationship()
    created_by: Mapped[User | None] = relationship()
    members: Mapped[list[CalibrationMember]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CalibrationMember.id"
    )

    @property
    def revealed(self) -> bool:
        """Grades are shown once every member has submitted, or the session was closed."""
        return self.closed_at is not None or all(m.submitted_at for m in self.members)


class CalibrationMember(db.Model):
    """A mentor invited to a session; `submitted_at` is set once, with all their grades."""

    __tablename__ = "calibration_members"
    __table_args__ = (UniqueConstraint("session_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("calibration_sessions.id", ondelete="CASCADE")
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime | None]

    session: Mapped[CalibrationSession] = relationship(back_populates="members")
    mentor: Mapped[User] = relationship()
    grades: Mapped[list[CalibrationGrade]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )


class CalibrationGrade(db.Model):
    """A member's blind grade of one reply; correctness and completeness are None where the
    step has no facts or points. `outcomes` holds the items graded: same shape as a review's."""

    __tablename__ = "calibration_grades"
    __table_args__ = (UniqueConstraint("member_id", "reply_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("calibration_members.id", ondelete="CASCADE")
    )
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    politeness: Mapped[int]
    correctness: Mapped[int | None]
    completeness: Mapped[int | None]
    outcomes: Mapped[dict[str, Any]] = mapped_column(JSON, default=no_outcomes)

    member: Mapped[CalibrationMember] = relationship(back_populates="grades")
    reply: Mapped[Reply] = relationship()
