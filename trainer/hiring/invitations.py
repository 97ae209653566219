"""Inviting candidates, revoking and re-issuing their links, and e-mailing the invitations.

A new link is returned to the caller once, to show; only its hash is stored. E-mail goes out
through trainer.mail when MAIL_SERVER (or MAIL_BACKEND) is configured; otherwise, or when the
server refuses it, the page lists the link for the manager to send by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template, url_for
from sqlalchemy.exc import IntegrityError

from trainer.database import db, now_utc
from trainer.hiring.drawing import plan_for
from trainer.hiring.models import Candidate, HiringAssignment
from trainer.hiring.tokens import issue_token
from trainer.mail import send_mail


class InvitationRefused(ValueError):
    """Nothing changed; the message says why."""


@dataclass(frozen=True)
class NewLink:
    """A link to show once: to the candidate, and whether the e-mail went out."""

    candidate: Candidate
    url: str
    emailed: bool


def candidate_url(token: str) -> str:
    return url_for("hiring.landing", token=token, _external=True)


def _send(candidate: Candidate, url: str, now: datetime) -> bool:
    """E-mail the link; False when mail is not configured or the server refused it."""
    sent = send_mail(
        f"Your test assignment: {candidate.assignment.title}",
        render_template("hiring/invitation.txt", candidate=candidate, url=url),
        candidate.email,
    )
    if sent:
        candidate.emailed_at = now
    return sent


def invite(
    assignment: HiringAssignment, name: str, email: str, now: datetime | None = None
) -> NewLink:
    """Add the candidate with a fresh link and their drawn scenarios, commit, then e-mail.

    Raises InvitationRefused when the address is already invited to this assignment.
    """
    when = now or now_utc()
    email = email.strip().lower()
    if when >= assignment.expires_at:
        raise InvitationRefused("This assignment has expired: extend its expiry date first.")
    candidate = Candidate(assignment=assignment, name=name.strip(), email=email, invited_at=when)
    token = issue_token(candidate, when)
    db.session.add(candidate)
    try:
        db.session.flush()  # the id seeds the draw
    except IntegrityError:
        db.session.rollback()
        raise InvitationRefused(
            f"{email} is already invited to this assignment: re-issue their link instead."
        ) from None
    candidate.plan = plan_for(assignment, candidate)
    db.session.commit()
    url = candidate_url(token)
    emailed = _send(candidate, url, when)
    db.session.commit()
    return NewLink(candidate, url, emailed)


def revoke(candidate: Candidate, now: datetime | None = None) -> None:
    """The link stops working at once; it shows a 'withdrawn' page from now on."""
    if candidate.closed:
        raise InvitationRefused("This candidate has already submitted; there is nothing to revoke.")
    if candidate.revoked_at is None:
        candidate.revoked_at = now or now_utc()
        db.session.commit()


def reissue(candidate: Candidate, now: datetime | None = None) -> NewLink:
    """A new link replaces the old one (which stops working); a started test goes on with it."""
    if candidate.closed:
        raise InvitationRefused(
            "This candidate has already submitted; a new link would be refused."
        )
    when = now or now_utc()
    token = issue_token(candidate, when)
    candidate.revoked_at = None
    db.session.commit()
    url = candidate_url(token)
    emailed = _send(candidate, url, when)
    db.session.commit()
    return NewLink(candidate, url, emailed)
