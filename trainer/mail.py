"""Outgoing e-mail through Flask-Mailman, on only when MAIL_SERVER (or MAIL_BACKEND) is set.

Without it, every caller has another way: the page shows the link to hand over by hand.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from flask import Flask, Response, current_app
from flask_mailman import EmailMessage, Mail

mail = Mail()
log = logging.getLogger(__name__)


def init_mail(app: Flask) -> None:
    if app.config.get("MAIL_SERVER") or app.config.get("MAIL_BACKEND"):
        mail.init_app(app)


def mail_configured() -> bool:
    return "mailman" in current_app.extensions


def send_mail(subject: str, body: str, to: str) -> bool:
    """Send one message; False when mail is not configured or the server refused it (logged)."""
    if not mail_configured():
        return False
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send()
    except Exception:  # any transport failure: the caller falls back
        log.exception("an e-mail could not be sent")
        return False
    return True


class Message(NamedTuple):
    subject: str
    body: str
    to: str


def send_after(response: Response, message: Message) -> None:
    """Send `message` once `response` has been delivered, so the answer's timing does not tell
    whether a message went out (an SMTP exchange takes long enough to be measured)."""
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            send_mail(*message)

    response.call_on_close(send)
