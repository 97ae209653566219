"""Security headers on every answer, set in one place.

The Content-Security-Policy allows scripts and stylesheets from Frontline's own origin only: no
inline script or style attribute anywhere (the server-drawn charts are images, their stylesheets
inside them). The one exception is the stylesheet the scenario editor's CodeMirror writes into
the page, which carries this request's nonce (`csp_nonce`). Pages cannot be framed, content
types are not guessed, and only Frontline's own pages learn where a visitor came from (a view
may set a stricter Referrer-Policy itself, as the candidate's pages do). HSTS is sent when
HSTS_MAX_AGE is set, which production does by default (config.py).
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g

NONCE_BYTES = 16


def csp_nonce() -> str:
    """This request's nonce for the stylesheets a page's own script writes."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(NONCE_BYTES)
    return g.csp_nonce


def content_security_policy() -> str:
    return "; ".join((
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' 'nonce-{csp_nonce()}'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    max_age = current_app.config["HSTS_MAX_AGE"]
    if max_age:
        headers.setdefault("Strict-Transport-Security", f"max-age={max_age}; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
