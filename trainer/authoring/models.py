"""Drafts of scenarios being written in the browser, and authors' try-out runs of them.

A draft is YAML text that may be broken at any moment; it becomes a scenario version only
when published through the library's importer. Try-outs live here, not among attempts, so no
progress, history, review or hiring query can ever count them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.library.models import ScenarioRecord


class ScenarioDraft(db.Model):
    """The text of a scenario in the making; `revision` grows with every save, so two authors
    saving the same draft get a conflict instead of overwriting each other."""

    __tablename__ = "scenario_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(default=1)
    # The scenario id and title as last read from the text, for the list (blank when unreadable).
    slug: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    # The scenario this draft edits (copied from or published as); None for a new one.
    scenario_id: Mapped[int | None] = mapped_column(
        ForeignKey("scenarios.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc)

    scenario: Mapped[ScenarioRecord | None] = relationship()
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])


class DraftTryout(db.Model):
    """One author's run through a draft as a trainee would play it, scored but never an
    attempt. The scenario is frozen at the start, so editing the draft meanwhile is safe."""

    __tablename__ = "draft_tryouts"
    __table_args__ = (UniqueConstraint("draft_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("scenario_drafts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Each reply so far: {"step_id", "text", "card"} with the scorer's card as a dict.
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    current_step: Mapped[str | None] = mapped_column(String(80))
    closing_step: Mapped[str | None] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(default=now_utc)
