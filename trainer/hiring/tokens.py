"""Candidate links: 128 random bits, shown once, stored only as a SHA-256 hash.

A link is looked up by its hash and the stored hash compared in constant time, so neither the
database nor response timing gives a usable token away.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from trainer.database import db, now_utc
from trainer.hiring.models import Candidate

TOKEN_BYTES = 16  # 128 bits
# token_urlsafe(16) gives 22 characters of the URL-safe alphabet; anything else is not a token.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(candidate: Candidate, now: datetime | None = None) -> str:
    """Give the candidate a new link (the old one stops working); returns the token to show."""
    token = new_token()
    candidate.token_hash = token_hash(token)
    candidate.token_issued_at = now or now_utc()
    return token


def candidate_for_token(token: str) -> Candidate | None:
    """The candidate this link belongs to, or None for a malformed or unknown link."""
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    digest = token_hash(token)
    candidate = db.session.execute(
        db.select(Candidate).where(Candidate.token_hash == digest)
    ).scalar_one_or_none()
    if candidate is None or not hmac.compare_digest(candidate.token_hash, digest):
        return None
    return candidate
