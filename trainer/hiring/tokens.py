"""Candidate links: one-time link tokens (trainer.link_tokens), one per candidate."""

from __future__ import annotations

from datetime import datetime

from trainer.database import now_utc
from trainer.hiring.models import Candidate
from trainer.link_tokens import new_token, row_for_token, token_hash

__all__ = ["candidate_for_token", "issue_token", "new_token", "token_hash"]


def issue_token(candidate: Candidate, now: datetime | None = None) -> str:
    """Give the candidate a new link (the old one stops working); returns the token to show."""
    token = new_token()
    candidate.token_hash = token_hash(token)
    candidate.token_issued_at = now or now_utc()
    return token


def candidate_for_token(token: str) -> Candidate | None:
    """The candidate this link belongs to, or None for a malformed or unknown link."""
    return row_for_token(Candidate, token)
