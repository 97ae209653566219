"""Scenarios and their imported versions; a version is never changed once stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.database import db, now_utc


class ScenarioRecord(db.Model):
    """A scenario id (slug) and the version the catalogue offers now."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("scenario_versions.id", use_alter=True, ondelete="SET NULL")
    )
    # Set while the scenario is out of the catalogue; its versions and attempts stay.
    retired_at: Mapped[datetime | None]

    current: Mapped[ScenarioVersion | None] = relationship(foreign_keys=[current_version_id])
    versions: Mapped[list[ScenarioVersion]] = relationship(
        back_populates="scenario",
        foreign_keys="ScenarioVersion.scenario_id",
        order_by="ScenarioVersion.version",
    )


class ScenarioVersion(db.Model):
    """One imported version, frozen: attempts refer to it so old grades keep their meaning."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), index=True)
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(80), index=True)
    persona: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    difficulty: Mapped[int] = mapped_column(index=True)
    step_count: Mapped[int]  # the most replies a conversation asks for
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_path: Mapped[str] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(default=now_utc)

    scenario: Mapped[ScenarioRecord] = relationship(
        back_populates="versions", foreign_keys=[scenario_id]
    )

    @property
    def slug(self) -> str:
        return self.scenario.slug
