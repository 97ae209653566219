"""Calibration sessions: an admin picks a transcript and mentors; each grades it blind; once
all have submitted (or the admin closes the session) everyone sees every grade side by side,
the agreement between the mentors and each mentor's agreement with the scorer.

Inter-rater agreement is the mean quadratic-weighted kappa over every pair of mentors who
submitted (`agreement.mean_pairwise_kappa`), per dimension and over the three pooled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from scoring import DIMENSIONS
from trainer.auth.models import Role, User
from trainer.calibration.agreement import PairwiseKappa, kappa, mean_pairwise_kappa
from trainer.calibration.models import CalibrationGrade, CalibrationMember, CalibrationSession
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.review.forms import option_of
from trainer.review.grades import KINDS, machine_outcomes
from trainer.review.models import no_outcomes

MIN_MENTORS = 2
RECENT_TRANSCRIPTS = 100
POOLED = "all three"


class SessionRejected(ValueError):
    """The session cannot be created as asked; `field` names the form field at fault."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class GradingClosed(RuntimeError):
    """Grades arrive after the member submitted theirs or after the session was closed."""


@dataclass
class GradeInput:
    scores: dict[str, int | None] = field(default_factory=dict)
    outcomes: dict[str, dict[str, Any]] = field(default_factory=no_outcomes)


def recent_transcripts(extra_id: int | None = None) -> list[Attempt]:
    """The most recently finished attempts, plus `extra_id` if it is a finished attempt."""
    query = select(Attempt).where(Attempt.finished_at.is_not(None), Attempt.user_id.is_not(None))
    recent = db.session.execute(
        query.order_by(Attempt.finished_at.desc(), Attempt.id.desc()).limit(RECENT_TRANSCRIPTS)
    ).scalars().all()
    if extra_id is not None and all(attempt.id != extra_id for attempt in recent):
        recent += db.session.execute(query.where(Attempt.id == extra_id)).scalars().all()
    return list(recent)


def active_mentors() -> list[User]:
    return list(db.session.execute(
        select(User).where(User.role == Role.MENTOR, User.active.is_(True)).order_by(User.name)
    ).scalars())


def create_session(
    admin: User, attempt_id: int, mentor_ids: Sequence[int], title: str = ""
) -> CalibrationSession:
    """Raises SessionRejected for an unfinished or unknown transcript, or too few mentors."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or not attempt.finished:
        raise SessionRejected("attempt_id", "Pick a finished transcript.")
    mentors = [user for user in active_mentors() if user.id in set(mentor_ids)]
    if len(mentors) < MIN_MENTORS:
        raise SessionRejected(
            "mentor_ids", f"Pick at least {MIN_MENTORS} active mentors."
        )
    title = title.strip() or (
        f"{attempt.scenario_version.title} ({now_utc():%Y-%m-%d})"
    )[:120]
    session = CalibrationSession(title=title, attempt=attempt, created_by=admin)
    session.members = [CalibrationMember(mentor=mentor) for mentor in mentors]
    db.session.add(session)
    db.session.commit()
    return session


def sessions_for(user: User) -> list[CalibrationSession]:
    """Every session for an admin; a mentor's own sessions otherwise. Newest first."""
    query = select(CalibrationSession).order_by(CalibrationSession.created_at.desc(),
                                                CalibrationSession.id.desc())
    if user.role is not Role.ADMIN:
        query = query.join(CalibrationMember).where(CalibrationMember.mentor_id == user.id)
    return list(db.session.execute(query).scalars())


def member_of(session: CalibrationSession, user: User) -> CalibrationMember | None:
    return next((m for m in session.members if m.mentor_id == user.id), None)


def submit_grades(
    member: CalibrationMember, grades: dict[int, GradeInput], now: datetime | None = None
) -> None:
    """Store a member's grades of every reply at once; submitting is final.

    Raises GradingClosed when the member already submitted (a second tab, a double click:
    the database's unique constraint settles a race) or the session was closed.
    """
    if member.submitted_at is not None or member.session.closed_at is not None:
        raise GradingClosed
    for reply_id, given in grades.items():
        member.grades.append(CalibrationGrade(
            reply_id=reply_id, outcomes=given.outcomes,
            **{name: given.scores.get(name) for name in DIMENSIONS},
        ))
    member.submitted_at = now or now_utc()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise GradingClosed from None


def close_session(session: CalibrationSession, now: datetime | None = None) -> None:
    if session.closed_at is None:
        session.closed_at = now or now_utc()
        db.session.commit()


@dataclass(frozen=True)
class Grader:
    """One column of the results: a mentor who submitted, or the scorer."""

    name: str
    grades: dict[int, Any]  # reply id -> CalibrationGrade or Reply (same score attributes)


@dataclass(frozen=True)
class AgreementRow:
    label: str
    kappas: dict[str, float | None]  # per dimension and POOLED
    pairs: dict[str, PairwiseKappa] | None = None  # between mentors: pairs behind each mean


@dataclass(frozen=True)
class ItemLine:
    """One point, fact or never item of a reply: each grader's outcome ("—": not graded)."""

    kind: str
    label: str
    outcomes: list[str]


@dataclass(frozen=True)
class SessionResults:
    replies: list[Reply]
    graders: list[Grader]  # the mentors who submitted, then the scorer
    missing: list[str]  # mentors who did not submit before the session was closed
    rows: list[AgreementRow]
    items: dict[int, list[ItemLine]]  # by reply id, for replies where a mentor graded items


def _scores(grader: Grader, replies: list[Reply]) -> dict[str, list[int | None]]:
    """The grader's scores per dimension in reply order, and all three in a row (pooled)."""
    per = {name: [getattr(grader.grades[r.id], name) for r in replies] for name in DIMENSIONS}
    per[POOLED] = [score for name in DIMENSIONS for score in per[name]]
    return per


def results(session: CalibrationSession) -> SessionResults:
    """Every submitted grade beside the scorer's, and the agreement figures."""
    replies = list(session.attempt.replies)
    mentors = [
        Grader(member.mentor.name, {grade.reply_id: grade for grade in member.grades})
        for member in session.members if member.submitted_at is not None
    ]
    scorer = Grader("Scorer", {reply.id: reply for reply in replies})
    missing = [member.mentor.name for member in session.members if member.submitted_at is None]
    columns = (*DIMENSIONS, POOLED)
    scored = [_scores(grader, replies) for grader in mentors]
    machine = _scores(scorer, replies)
    between = {name: mean_pairwise_kappa([grades[name] for grades in scored]) for name in columns}
    rows = [AgreementRow(f"Between mentors (mean of {between[POOLED].pairs} pairs)",
                         {name: between[name].mean for name in columns}, between)]
    rows += [
        AgreementRow(f"{grader.name} vs scorer",
                     {name: kappa(zip(grades[name], machine[name], strict=True))
                      for name in columns})
        for grader, grades in zip(mentors, scored, strict=True)
    ]
    return SessionResults(replies, [*mentors, scorer], missing, rows, _items(replies, mentors))


def _items(replies: list[Reply], mentors: list[Grader]) -> dict[int, list[ItemLine]]:
    lines: dict[int, list[ItemLine]] = {}
    for reply in replies:
        graded = [mentor.grades[reply.id].outcomes for mentor in mentors]
        if not any(any(outcomes.get(kind) for kind in KINDS) for outcomes in graded):
            continue
        machine = machine_outcomes(reply.card)
        lines[reply.id] = [
            ItemLine(kind, item["label"], [
                *(option_of(kind, outcomes[kind][item["id"]])
                  if item["id"] in outcomes.get(kind, {}) else "—" for outcomes in graded),
                option_of(kind, machine[kind][item["id"]]),
            ])
            for kind in KINDS
            for item in reply.card.get(kind, [])
        ]
    return lines


def get_session_or_404(session_id: int) -> CalibrationSession:
    """The session if the signed-in user is an admin or one of its mentors; else 404, so
    nobody learns which sessions exist."""
    session = db.get_or_404(CalibrationSession, session_id)
    if current_user.role is Role.ADMIN or member_of(session, current_user) is not None:
        return session
    abort(404)
