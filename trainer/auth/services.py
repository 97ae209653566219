"""Account use cases: sign-in, sessions, passwords, and the team rules an admin works under."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from trainer.auth.models import AUTHOR_ROLES, LoginSession, Role, User
from trainer.database import db, now_utc
from trainer.demo import demo_refused

MIN_PASSWORD_LENGTH = 10
PASSWORD_TOO_SHORT = f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."
# Checked when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password.
_DUMMY_HASH = generate_password_hash("frontline-timing-equaliser")


class AccountError(ValueError):
    """A change to an account that the rules do not allow; the message is shown to the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> str:
    """The normalised address; raises AccountError saying what is wrong with it."""
    try:
        result = validate_email(email.strip(), check_deliverability=False,
                                globally_deliverable=False)
    except EmailNotValidError as error:
        raise AccountError(f"'{email.strip()}' is not a valid e-mail address: {error}") from error
    return normalise_email(result.normalized)


def find_user_by_email(email: str) -> User | None:
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(PASSWORD_TOO_SHORT)


def check_team(role: Role, mentor: User | None) -> None:
    if mentor is None:
        return
    if role is not Role.TRAINEE:
        raise AccountError("Only trainees belong to a mentor's team.")
    if mentor.role is not Role.MENTOR or not mentor.active:
        raise AccountError(f"{mentor.name} is not an active mentor.")


def create_user(
    email: str, name: str, role: Role, password: str, mentor: User | None = None,
    *, password_hash: str | None = None,
) -> User:
    """Create an account; raises AccountError for a taken e-mail, weak password or bad team.

    `password_hash`, the stored form of `password` when the caller has it already, spares
    hashing it again (a deliberately slow step).
    """
    check_password_strength(password)
    check_team(role, mentor)
    user = User(email=valid_email(email), name=name.strip(), role=role, mentor=mentor)
    if password_hash is None:
        user.set_password(password)
    else:
        user.password_hash = password_hash
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise AccountError(f"An account with the e-mail {user.email} already exists.") from error
    return user


def delete_accounts(emails: Iterable[str]) -> int:
    """Delete these accounts with everything that belongs to them; how many there were."""
    result = db.session.execute(db.delete(User).where(User.email.in_(list(emails))))
    db.session.commit()
    return result.rowcount


def active_admin_count() -> int:
    return db.session.execute(
        db.select(db.func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
    ).scalar_one()


def update_user(
    user: User, *, acting: User, email: str, name: str, role: Role, active: bool,
    mentor: User | None, can_author: bool,
) -> None:
    """Apply an admin's edit; ends the user's sessions when the account is deactivated.

    Raises AccountError (nothing saved) for an invalid or taken e-mail, a rule broken, or the
    author grant given to a role other than mentor or admin.
    """
    if can_author and role not in AUTHOR_ROLES:
        raise AccountError(
            "Only mentors and admins can be authors: untick Author or change the role."
        )
    email = valid_email(email)
    if email != user.email and find_user_by_email(email) is not None:
        raise AccountError(f"An account with the e-mail {email} already exists.")
    keeps_admin = role is Role.ADMIN and active
    losing_admin = user.role is Role.ADMIN and user.active and not keeps_admin
    if losing_admin and user.id == acting.id:
        raise AccountError("You cannot remove your own administrator access.")
    if losing_admin and active_admin_count() <= 1:
        raise AccountError("At least one active administrator must remain.")
    check_team(role, mentor)
    if user.role is Role.MENTOR and (role is not Role.MENTOR or not active):
        for trainee in user.trainees:
            trainee.mentor = None
    user.email = email
    user.name = name.strip()
    user.role = role
    user.mentor = mentor
    if user.active and not active:
        end_all_sessions(user)
    user.active = active
    user.can_author = can_author
    try:
        db.session.commit()
    except IntegrityError as error:  # the address was taken meanwhile
        db.session.rollback()
        raise AccountError(f"An account with the e-mail {email} already exists.") from error


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None, without revealing which part was wrong."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def session_lifetime(remember: bool) -> timedelta:
    """As long as the cookie that carries it: the remember-me cookie's duration, or else the
    session cookie's lifetime."""
    config = current_app.config
    return config["REMEMBER_COOKIE_DURATION"] if remember else config["PERMANENT_SESSION_LIFETIME"]


def start_session(user: User, remember: bool = False) -> None:
    """Record a new server-side session and attach its token to the user for Flask-Login; the
    user's sessions that have ended are deleted on the way."""
    now = now_utc()
    db.session.execute(db.delete(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.expires_at <= now
    ))
    login_session = LoginSession(
        user=user, created_at=now, expires_at=now + session_lifetime(remember)
    )
    db.session.add(login_session)
    db.session.commit()
    user.current_session_token = login_session.token


def purge_expired_sessions(now: datetime | None = None) -> int:
    """Delete every session that has ended; how many there were."""
    result = db.session.execute(
        db.delete(LoginSession).where(LoginSession.expires_at <= (now or now_utc()))
    )
    db.session.commit()
    return result.rowcount


# Built once, since every request runs it: building it costs about 0.05 ms, 4% of the bare
# page's 1.2 ms of server time in `make bench-practice`.
_USER_OF_SESSION = (
    db.select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token == bindparam("token"),
        LoginSession.expires_at > bindparam("now"),
        User.active,
    )
)


def load_session_user(token: str) -> User | None:
    """The active user signed in with this unexpired session token, in one query (every request
    runs it)."""
    user = db.session.execute(
        _USER_OF_SESSION, {"token": token, "now": now_utc()}
    ).scalar_one_or_none()
    if user is None or demo_refused(user.email):
        return None
    user.current_session_token = token
    return user


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(db.delete(LoginSession).where(LoginSession.token == token))
        db.session.commit()


def end_all_sessions(user: User) -> None:
    db.session.execute(db.delete(LoginSession).where(LoginSession.user_id == user.id))


def change_password(user: User, current: str, new: str) -> None:
    """Change the password and sign out every other browser of this user."""
    if not user.check_password(current):
        raise AccountError("Your current password is not correct.")
    check_password_strength(new)
    user.set_password(new)
    end_all_sessions(user)
    db.session.commit()


def get_user_or_404(user_id: int) -> User:
    """The account with this id; 404 when there is none."""
    return db.get_or_404(User, user_id)
