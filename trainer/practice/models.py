"""Attempts at a scenario version and the replies given in them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, enum_column, now_utc
from trainer.library.models import ScenarioVersion


class SignalKind(StrEnum):
    """What a browser reports during an exam or a hiring test: a signal to weigh, not a verdict."""

    PASTE = "paste"
    TAB_HIDDEN = "tab_hidden"
    FOCUS_LOST = "focus_lost"

    @property
    def label(self) -> str:
        return _SIGNAL_LABELS[self.value]


_SIGNAL_LABELS = {"paste": "Pasted text", "tab_hidden": "Left the tab",
                  "focus_lost": "Left the window"}


class AttemptMode(StrEnum):
    PRACTICE = "practice"  # feedback after every reply
    EXAM = "exam"  # feedback only at the end


class Attempt(db.Model):
    __tablename__ = "attempts"
    __table_args__ = (
        # A trainee's latest attempts (the standing's recent scores) and their attempts at a
        # scenario (whether an exam certifies), found without reading the whole history.
        Index("ix_attempts_user_finished", "user_id", "finished_at", "id"),
        Index("ix_attempts_user_version", "user_id", "scenario_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a hiring candidate's attempt: candidates have no account.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    scenario_version_id: Mapped[int] = mapped_column(
        ForeignKey("scenario_versions.id"), index=True
    )
    mode: Mapped[AttemptMode] = mapped_column(enum_column(AttemptMode))
    # The step whose customer message awaits a reply; None once the conversation has ended.
    current_step: Mapped[str | None] = mapped_column(String(80))
    current_step_served_at: Mapped[datetime | None]
    # The customer's closing message, when the conversation ended with one.
    closing_step: Mapped[str | None] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(default=now_utc)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)
    # Set when the trainee gave up: the attempt ends without a grade and counts for nothing,
    # its replies are kept. Never set together with finished_at.
    abandoned_at: Mapped[datetime | None]
    politeness: Mapped[int | None]
    correctness: Mapped[int | None]
    completeness: Mapped[int | None]
    overall: Mapped[int | None]
    violation_count: Mapped[int | None]
    passed: Mapped[bool | None]
    median_reply_ms: Mapped[int | None]

    user: Mapped[User | None] = relationship()
    scenario_version: Mapped[ScenarioVersion] = relationship()
    replies: Mapped[list[Reply]] = relationship(
        back_populates="attempt", order_by="Reply.position", cascade="all, delete-orphan"
    )
    signals: Mapped[list[ExamSignal]] = relationship(
        order_by="ExamSignal.recorded_at", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def abandoned(self) -> bool:
        return self.abandoned_at is not None

    @property
    def ongoing(self) -> bool:
        """Still waiting for a reply: neither finished nor abandoned."""
        return self.finished_at is None and self.abandoned_at is None


class Reply(db.Model):
    """One trainee reply with its frozen machine grade; one per attempt and step."""

    __tablename__ = "replies"
    __table_args__ = (
        UniqueConstraint("attempt_id", "step_id"),
        UniqueConstraint("attempt_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    step_id: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    politeness: Mapped[int]
    correctness: Mapped[int | None]
    completeness: Mapped[int | None]
    overall: Mapped[int]
    violation_count: Mapped[int]
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    scorer_version: Mapped[str] = mapped_column(String(16))
    served_at: Mapped[datetime]
    received_at: Mapped[datetime]
    reply_ms: Mapped[int]

    attempt: Mapped[Attempt] = relationship(back_populates="replies")


class ExamSignal(db.Model):
    """Something the trainee's browser reported during an exam attempt (a paste, leaving the
    tab), shown to the mentor beside the reply times."""

    __tablename__ = "exam_signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SignalKind] = mapped_column(enum_column(SignalKind))
    size: Mapped[int | None]  # characters pasted
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)
