"""Hiring test assignments, the candidates invited to them, their attempts, signals and audit.

A candidate has no account: their personal link is the credential, and only its SHA-256 hash
is stored. Their conversations are ordinary practice attempts (exam mode, no user), linked to
the candidate through `hiring_candidate_attempts`, so scoring and review work as for trainees.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scoring import PassRule
from trainer.auth.models import User
from trainer.database import db, enum_column, now_utc
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, SignalKind

DIFFICULTIES = (1, 2, 3, 4, 5)


class Selection(StrEnum):
    FIXED = "fixed"  # every candidate plays the same scenarios
    POOL = "pool"  # each candidate draws from the pool, by difficulty


class CloseReason(StrEnum):
    FINISHED = "finished"  # the candidate answered every scenario to its end
    TIME_LIMIT = "time_limit"  # the deadline passed; what was submitted counts


class HiringAssignment(db.Model):
    __tablename__ = "hiring_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text)
    selection: Mapped[Selection] = mapped_column(enum_column(Selection))
    # For a pool: how many scenarios each candidate draws per difficulty, {"3": 2, ...}.
    draw_mix: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    time_limit_minutes: Mapped[int]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    pass_overall: Mapped[int] = mapped_column(default=70)
    pass_each_dimension: Mapped[int] = mapped_column(default=60)
    pass_max_violations: Mapped[int] = mapped_column(default=0)
    share_scores: Mapped[bool] = mapped_column(default=False)
    blind: Mapped[bool] = mapped_column(default=True)  # results hide names until revealed
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)

    owner: Mapped[User | None] = relationship()
    scenarios: Mapped[list[AssignmentScenario]] = relationship(
        back_populates="assignment",
        order_by="AssignmentScenario.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="assignment",
        order_by="Candidate.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def pass_rule(self) -> PassRule:
        return PassRule(self.pass_overall, self.pass_each_dimension, self.pass_max_violations)

    @property
    def draw_count(self) -> int:
        """How many scenarios each candidate plays."""
        if self.selection is Selection.FIXED:
            return len(self.scenarios)
        return sum(self.draw_mix.values())


class AssignmentScenario(db.Model):
    """A scenario version of the fixed list or of the pool, pinned when the assignment is saved."""

    __tablename__ = "hiring_assignment_scenarios"
    __table_args__ = (
        UniqueConstraint("assignment_id", "scenario_version_id"),
        UniqueConstraint("assignment_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_assignments.id", ondelete="CASCADE")
    )
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    position: Mapped[int]

    assignment: Mapped[HiringAssignment] = relationship(back_populates="scenarios")
    scenario_version: Mapped[ScenarioVersion] = relationship()


class Candidate(db.Model):
    """One invited person and their single attempt at the test."""

    __tablename__ = "hiring_candidates"
    __table_args__ = (UniqueConstraint("assignment_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_assignments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_issued_at: Mapped[datetime] = mapped_column(default=now_utc)
    revoked_at: Mapped[datetime | None]
    invited_at: Mapped[datetime] = mapped_column(default=now_utc)
    emailed_at: Mapped[datetime | None]
    # The scenario version ids this candidate plays, in order (drawn once, at the invitation).
    plan: Mapped[list[int]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime | None]
    deadline: Mapped[datetime | None]  # started_at + time limit, capped by the expiry
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason))

    assignment: Mapped[HiringAssignment] = relationship(back_populates="candidates")
    attempts: Mapped[list[CandidateAttempt]] = relationship(
        back_populates="candidate",
        order_by="CandidateAttempt.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    signals: Mapped[list[IntegritySignal]] = relationship(
        back_populates="candidate",
        order_by="IntegritySignal.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class CandidateAttempt(db.Model):
    """The candidate's attempt at the scenario in `position` (1-based) of their plan."""

    __tablename__ = "hiring_candidate_attempts"
    __table_args__ = (UniqueConstraint("candidate_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_candidates.id", ondelete="CASCADE")
    )
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[int]

    candidate: Mapped[Candidate] = relationship(back_populates="attempts")
    attempt: Mapped[Attempt] = relationship()


class IntegritySignal(db.Model):
    """Something the candidate's browser reported (a paste, leaving the tab): a signal for the
    manager to weigh, never a verdict."""

    __tablename__ = "hiring_signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("hiring_candidates.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SignalKind] = mapped_column(enum_column(SignalKind))
    position: Mapped[int | None]  # the scenario being played
    size: Mapped[int | None]  # characters pasted
    recorded_at: Mapped[datetime] = mapped_column(default=now_utc)

    candidate: Mapped[Candidate] = relationship(back_populates="signals")


class HiringAuditEntry(db.Model):
    """A deletion or purge of candidate data: who (None: the command line), when, what.

    Holds counts and ids, never the deleted names or e-mails. The app only ever appends.
    """

    __tablename__ = "hiring_audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    assignment_id: Mapped[int] = mapped_column(index=True)  # no key: the row outlives it
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()


@event.listens_for(HiringAuditEntry, "before_update")
@event.listens_for(HiringAuditEntry, "before_delete")
def _refuse_audit_changes(mapper, connection, target) -> None:  # noqa: ARG001
    raise RuntimeError("hiring audit entries are append-only")
