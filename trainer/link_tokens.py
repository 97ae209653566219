"""One-time links: 128 random bits, shown once, stored only as a SHA-256 hash.

A link is looked up by its hash and the stored hash compared in constant time, so neither the
database nor response timing gives a usable token away.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 16  # 128 bits
# token_urlsafe(16) gives 22 characters of the URL-safe alphabet; anything else is not a token.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    """Whether `token` can be a link token at all (anything else is not looked up)."""
    return bool(_TOKEN_SHAPE.fullmatch(token))


def same_hash(stored: str, digest: str) -> bool:
    return hmac.compare_digest(stored, digest)
