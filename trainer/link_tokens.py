"""One-time links: 128 random bits, shown once, stored only as a SHA-256 hash.

A link is looked up by its hash and the stored hash compared in constant time, so neither the
database nor response timing gives a usable token away.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import TypeVar

from trainer.database import db

Row = TypeVar("Row")

TOKEN_BYTES = 16  # 128 bits
# token_urlsafe(16) gives 22 characters of the URL-safe alphabet; anything else is not a token.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def row_for_token(model: type[Row], token: str) -> Row | None:
    """The row of `model` (which has a `token_hash` column) that this token opens, or None for
    a malformed or unknown token."""
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    digest = token_hash(token)
    row = db.session.execute(
        db.select(model).where(model.token_hash == digest)
    ).scalar_one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return row
