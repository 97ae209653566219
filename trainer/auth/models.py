"""Accounts, roles, teams and server-side login sessions."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from trainer.database import db, enum_column, now_utc


class Role(StrEnum):
    TRAINEE = "trainee"
    MENTOR = "mentor"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return "Hiring manager" if self is Role.MANAGER else self.value.capitalize()


AUTHOR_ROLES = frozenset({Role.MENTOR, Role.ADMIN})


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    # Granted by an admin to mentors and admins: may write, try and publish scenarios.
    can_author: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # The previous visit of the home page, which shows what changed since; None before the first.
    home_seen_at: Mapped[datetime | None]

    mentor: Mapped[User | None] = relationship(
        remote_side=[id], back_populates="trainees", foreign_keys=[mentor_id]
    )
    trainees: Mapped[list[User]] = relationship(
        back_populates="mentor", foreign_keys=[mentor_id], order_by="User.name"
    )
    sessions: Mapped[list[LoginSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # The login session this request was authenticated with (not a column).
    current_session_token = None

    @property
    def is_author(self) -> bool:
        """Whether the authoring pages are open to this user: granted, and still a mentor or
        an admin."""
        return self.can_author and self.role in AUTHOR_ROLES

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        """Flask-Login stores the session token, so ending a session on the server ends it."""
        return self.current_session_token

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class LoginSession(db.Model):
    """One signed-in browser; deleting the row signs that browser out, and so does its expiry
    (a stolen cookie does not work forever)."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    user: Mapped[User] = relationship(back_populates="sessions")


class PasswordLink(db.Model):
    """A one-time link to set a new password: issued by an admin or e-mailed on request.

    Only the token's hash is kept; a user has at most one link (a newer one replaces it), and
    using it deletes it.
    """

    __tablename__ = "password_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship()
