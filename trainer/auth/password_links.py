"""Links to set a new password: handed over by an admin, or e-mailed on request.

A link is a one-time token (trainer.link_tokens) that works until it expires, is used, or a
newer link of the same user replaces it. Setting the password through it deletes it and ends
every sign-in session of the user.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, render_template, url_for
from sqlalchemy.exc import IntegrityError

from trainer.auth.models import PasswordLink, User
from trainer.auth.services import check_password_strength, end_all_sessions, find_user_by_email
from trainer.database import db, now_utc
from trainer.demo import demo_refused
from trainer.link_tokens import new_token, row_for_token, token_hash
from trainer.mail import Message


def issue_link(user: User, lifetime: timedelta, now: datetime | None = None) -> str:
    """A new link for the user, replacing any older one; returns its URL, to show or send once."""
    when = now or now_utc()
    token = new_token()
    db.session.execute(db.delete(PasswordLink).where(PasswordLink.user_id == user.id))
    db.session.add(PasswordLink(
        user_id=user.id, token_hash=token_hash(token), created_at=when, expires_at=when + lifetime
    ))
    db.session.commit()
    return url_for("auth.set_password", token=token, _external=True)


def admin_link(user: User) -> str:
    """The link an admin hands over; it lasts PASSWORD_LINK_ADMIN_LIFETIME."""
    return issue_link(user, current_app.config["PASSWORD_LINK_ADMIN_LIFETIME"])


def email_link(address: str) -> Message | None:
    """A new link for the active account with this address, as a message to send, or None;
    the caller answers the same either way, so nobody learns which addresses have an
    account."""
    user = find_user_by_email(address)
    if user is None or not user.active or demo_refused(user.email):
        return None
    lifetime = current_app.config["PASSWORD_LINK_EMAILED_LIFETIME"]
    try:
        url = issue_link(user, lifetime)
    except IntegrityError:  # the same request twice at once: the other link goes out
        db.session.rollback()
        return None
    body = render_template(
        "auth/password_link.txt", user=user, url=url, minutes=int(lifetime.total_seconds() // 60)
    )
    return Message("Set your Frontline password", body, user.email)


def link_for_token(token: str, now: datetime | None = None) -> PasswordLink | None:
    """The unexpired link of an active user with this token, or None."""
    link = row_for_token(PasswordLink, token)
    if link is None or link.expires_at <= (now or now_utc()) or not link.user.active:
        return None
    return link


def set_password_with(link: PasswordLink, password: str) -> bool:
    """Set the user's password and use up the link, ending every session of the user.

    Raises AccountError for a weak password (the link stays). False when the link was used
    meanwhile (another tab, a double click): nothing changed then.
    """
    check_password_strength(password)
    user = link.user
    used = db.session.execute(db.delete(PasswordLink).where(PasswordLink.id == link.id))
    if used.rowcount != 1:
        db.session.rollback()
        return False
    user.set_password(password)
    end_all_sessions(user)
    db.session.commit()
    return True
