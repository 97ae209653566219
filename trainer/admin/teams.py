"""Mentors' teams: a trainee belongs to at most one mentor (users.mentor_id); an admin moves
trainees between teams and hands a whole team to another mentor."""

from __future__ import annotations

from sqlalchemy import Select, func, or_
from sqlalchemy.orm import selectinload

from trainer.admin.forms import ANY, NO_TEAM
from trainer.auth.models import Role, User
from trainer.auth.services import AccountError, check_team
from trainer.database import db


def move_trainee(trainee: User, mentor: User | None) -> None:
    """Put the trainee in the mentor's team (None: no team); raises AccountError for a user who
    is not a trainee or a mentor who is not an active mentor."""
    if trainee.role is not Role.TRAINEE:
        raise AccountError(f"{trainee.name} is not a trainee: only trainees belong to a team.")
    check_team(trainee.role, mentor)
    trainee.mentor = mentor
    db.session.commit()


def hand_over_team(mentor: User, successor: User) -> int:
    """Every trainee of `mentor` goes to `successor`; how many moved. Raises AccountError when
    the successor is the same mentor or not an active mentor."""
    if successor.id == mentor.id:
        raise AccountError(f"The team is already {mentor.name}'s.")
    check_team(Role.TRAINEE, successor)
    moved = len(mentor.trainees)
    for trainee in list(mentor.trainees):
        trainee.mentor = successor
    db.session.commit()
    return moved


def mentors(active_only: bool = False, with_trainees: bool = False) -> list[User]:
    query = db.select(User).where(User.role == Role.MENTOR).order_by(User.name)
    if active_only:
        query = query.where(User.active)
    if with_trainees:
        query = query.options(selectinload(User.trainees))
    return list(db.session.execute(query).scalars())


def unassigned_trainees() -> list[User]:
    return list(db.session.execute(
        db.select(User)
        .where(User.role == Role.TRAINEE, User.mentor_id.is_(None))
        .order_by(User.name)
    ).scalars())


def user_search(text: str = "", role: str = ANY, team: str = ANY) -> Select:
    """Users whose name or e-mail contains `text`, of `role`, in `team` (a mentor's id: the
    mentor and their trainees; NO_TEAM: trainees without a mentor), active ones first."""
    query = db.select(User).order_by(User.active.desc(), User.role, User.name)
    text = text.strip().lower()
    if text:
        query = query.where(or_(
            func.lower(User.name).contains(text, autoescape=True),
            User.email.contains(text, autoescape=True),
        ))
    if role:
        query = query.where(User.role == Role(role))
    if team == NO_TEAM:
        query = query.where(User.role == Role.TRAINEE, User.mentor_id.is_(None))
    elif team:
        mentor_id = int(team)
        query = query.where(or_(User.mentor_id == mentor_id, User.id == mentor_id))
    return query
