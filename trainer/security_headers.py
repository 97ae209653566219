"""Security headers on every answer, set in one place.

The Content-Security-Policy allows scripts and stylesheets from Frontline's own origin only: no
inline script, stylesheet or style attribute anywhere (the server-drawn charts are images, their
stylesheets inside them). Pages cannot be framed, content types are not guessed, and only
Frontline's own pages learn where a visitor came from (a view may set a stricter
Referrer-Policy itself, as the candidate's pages do). HSTS is sent when HSTS_MAX_AGE is set,
which production does by default (config.py).
"""

from __future__ import annotations

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    max_age = current_app.config["HSTS_MAX_AGE"]
    if max_age:
        headers.setdefault("Strict-Transport-Security", f"max-age={max_age}; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
