"""Error pages for every status a user can meet, and 503 when the database is unreachable."""

from __future__ import annotations

import time

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from trainer.answers import wants_json
from trainer.database import db
from trainer.extensions import limiter, login_manager

PAGES = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    401: ("Sign-in needed", "Please sign in to continue."),
    403: ("Not allowed", "Your account does not have access to this page."),
    404: ("Not found", "There is nothing here. Check the address or go back home."),
    405: ("Not allowed", "This page does not accept that kind of request."),
    413: (
        "Too large",
        "What you sent is larger than Frontline accepts. Shorten it and send it again.",
    ),
    429: ("Slow down", "Too many attempts in a short time. Wait a few minutes and try again."),
    500: ("Something went wrong", "An unexpected error happened; nothing half-done was saved."),
    503: (
        "Temporarily unavailable",
        "The database cannot be reached right now. Nothing was saved; try again in a minute.",
    ),
}
RETRY_AFTER_SECONDS = 30
PAGE_EXPIRED = (
    "This page had been open too long (or its security token was missing), so what you sent "
    "was not accepted. Reload the page and send it again."
)
# For the reply forms, which check their own token and show the reply again.
PAGE_EXPIRED_REPLY_KEPT = (
    "This page had been open too long, so your reply was not sent yet. It is kept below: "
    "send it again."
)


def render_error(status: int, message: str | None = None):
    """The error page (or JSON for the page's script) for this status; `message` says more
    precisely what was wrong than the status's usual text."""
    title, usual = PAGES.get(status, PAGES[500])
    message = message or usual
    if wants_json():
        return {"error": title, "message": message}, status
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return page, status


def _http_error(error: HTTPException):
    return render_error(error.code or 500)


def _too_many_requests(error: HTTPException):
    """429 with Retry-After taken from the limit that was hit."""
    body, status = render_error(429)
    limit = limiter.current_limit
    wait = max(1, int(limit.reset_at - time.time())) if limit else RETRY_AFTER_SECONDS
    return body, status, {"Retry-After": str(wait)}


def _token_refused(error: CSRFError):
    return render_error(400, PAGE_EXPIRED)


def _database_unavailable(error: OperationalError):
    try:
        db.session.rollback()
    except OperationalError:
        pass  # the connection is gone: there is nothing left to roll back
    # The page must not try to load the signed-in user from the same unreachable database.
    g._login_user = login_manager.anonymous_user()
    body, status = render_error(503)
    return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _unexpected(error: InternalServerError):
    db.session.rollback()
    return render_error(500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(CSRFError, _token_refused)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InternalServerError, _unexpected)
