"""The tallies behind the item statistics, kept in step with the grades that count.

Each finished trainee attempt adds its replies to the totals of their step and version, and its
missed or committed items to their counts; `item_statistics_attempts` remembers what it added,
so that a mentor's review takes that off and adds the corrected grade in the same transaction.
The page then reads a few rows per step however many replies lie behind them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.database import db


class StepTally(db.Model):
    """The sums over the counted replies to one step of one version (see figures.StepTotals)."""

    __tablename__ = "item_step_tallies"

    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    replies: Mapped[int] = mapped_column(default=0)
    passed: Mapped[int] = mapped_column(default=0)
    overall_sum: Mapped[int] = mapped_column(default=0)
    politeness_sum: Mapped[int] = mapped_column(default=0)
    correctness_sum: Mapped[int] = mapped_column(default=0)
    correctness_replies: Mapped[int] = mapped_column(default=0)
    completeness_sum: Mapped[int] = mapped_column(default=0)
    completeness_replies: Mapped[int] = mapped_column(default=0)
    reviewed: Mapped[int] = mapped_column(default=0)
    corrected: Mapped[int] = mapped_column(default=0)
    raised: Mapped[int] = mapped_column(default=0)
    lowered: Mapped[int] = mapped_column(default=0)
    change_sum: Mapped[int] = mapped_column(default=0)
    pairs: Mapped[int] = mapped_column(default=0)
    pairs_passed: Mapped[int] = mapped_column(default=0)
    rest_sum: Mapped[float] = mapped_column(default=0.0)
    rest_squares: Mapped[float] = mapped_column(default=0.0)
    rest_when_passed: Mapped[float] = mapped_column(default=0.0)


class ItemTally(db.Model):
    """How many counted replies to a step of a version missed a point or fact, stated a fact
    wrong, or committed a never item."""

    __tablename__ = "item_outcome_tallies"

    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    replies: Mapped[int] = mapped_column(default=0)


class CountedAttempt(db.Model):
    """What one attempt added to the tallies, to take it off again when its grade changes.

    `added` is {"steps": {step_id: {total: value}}, "items": [[step, kind, item, outcome,
    label, replies], ...]}.
    """

    __tablename__ = "item_statistics_attempts"
    # Covers counting a scenario's attempts without reading `added`.
    __table_args__ = (Index("ix_item_statistics_attempts_scenario", "scenario_id", "version"),)

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"))
    version: Mapped[int]
    added: Mapped[dict[str, Any]] = mapped_column(JSON)
