"""Appending to the review audit log: every saved change, with who made it and the values."""

from __future__ import annotations

from typing import Any

from trainer.auth.models import User
from trainer.database import db
from trainer.review.models import ReviewAuditEntry


def record_audit(
    actor: User,
    attempt_id: int,
    reply_id: int | None,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    """Add the entry to the session; it is committed with the change it describes."""
    db.session.add(
        ReviewAuditEntry(
            actor_id=actor.id,
            attempt_id=attempt_id,
            reply_id=reply_id,
            action=action,
            before=before,
            after=after,
        )
    )
