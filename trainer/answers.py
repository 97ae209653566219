"""Whom a request's answer is for: the page's script (JSON) or the browser (HTML)."""

from __future__ import annotations

from flask import request


def wants_json() -> bool:
    """True when the client prefers JSON, as the page's script and API clients say."""
    return request.accept_mimetypes.best == "application/json"
