"""What each role's home page shows: what to do next, and what changed since the last visit.

Each role's builder runs a fixed number of queries whatever the history's size: its lists hold
the newest few rows with the count of all, and the page links to where the rest are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, func, select, true, union_all
from sqlalchemy.orm import aliased, joinedload

from trainer.auth.models import Role, User
from trainer.database import commit_unsynced, db, now_utc
from trainer.hiring.assignments import assignments_for
from trainer.hiring.models import Candidate, CloseReason, HiringAssignment
from trainer.hiring.results import pseudonym
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, Reply
from trainer.progress.models import RankAward
from trainer.progress.next_step import NextStep, next_step
from trainer.progress.recommendations import Recommendation
from trainer.progress.sign_off import awaiting_sign_off
from trainer.review.models import AttemptReview, DisputeStatus, TurnDispute, TurnReview
from trainer.review.queue import review_queue, waiting_count

SHORTLIST_SIZE = 5

Item = TypeVar("Item")


@dataclass(frozen=True)
class Shortlist(Generic[Item]):
    """The first rows of a list and how many it has, so the page can say "5 of 12"."""

    items: list[Item]
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


def _shortlisted(query: Select) -> Select:
    """`query`'s first SHORTLIST_SIZE rows, each with the count of all its rows (a window over
    the whole result), for `_shortlist_of`."""
    return query.add_columns(func.count().over()).limit(SHORTLIST_SIZE)


def _shortlist_of(
    statement: Select, make: Callable[..., Item], parameters: dict[str, object] | None = None
) -> Shortlist[Item]:
    """Run a `_shortlisted` statement: its rows as `make(*row)` and the count of all."""
    rows = db.session.execute(statement, parameters or {}).all()
    return Shortlist([make(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


def _shortlist(query: Select, make: Callable[..., Item]) -> Shortlist[Item]:
    """The first SHORTLIST_SIZE rows of `query` as `make(*row)` and the count of all its rows,
    in one query."""
    return _shortlist_of(_shortlisted(query), make)


def _after(column: ColumnElement[datetime], since: datetime | None) -> ColumnElement[bool]:
    """`column` is later than the previous visit; on the first visit everything is new."""
    return true() if since is None else column > since


def _after_since(column: ColumnElement[datetime], first_visit: bool) -> ColumnElement[bool]:
    """`_after` for a statement built once: the previous visit is the parameter `since`."""
    return true() if first_visit else column > bindparam("since")


def _since(since: datetime | None) -> dict[str, object]:
    """The parameters of a statement built with `_after_since(..., since is None)`."""
    return {} if since is None else {"since": since}


@dataclass(frozen=True)
class AttemptNews:
    """Something that happened to an attempt, with who did it and when."""

    attempt_id: int
    scenario: str
    person: str | None  # the mentor who reviewed it, or the trainee who finished it
    at: datetime


@dataclass(frozen=True)
class DisputeNews:
    """A dispute of one reply, opened or answered."""

    attempt_id: int
    position: int  # the reply's place in the transcript, for its anchor
    scenario: str
    person: str | None  # the trainee who opened it, or the mentor who answered it
    at: datetime
    status: DisputeStatus


def _dispute_news_query(
    person_id: ColumnElement[int | None], at: ColumnElement[datetime], *conditions
) -> Select:
    """The disputes meeting `conditions`, newest `at` first, named after the user `person_id`
    points to, shortlisted."""
    person = aliased(User)
    return _shortlisted(
        select(Attempt.id, Reply.position, ScenarioVersion.title, person.name, at,
               TurnDispute.status)
        .select_from(TurnDispute)
        .join(Reply, TurnDispute.reply_id == Reply.id)
        .join(Attempt, TurnDispute.attempt_id == Attempt.id)
        .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
        .outerjoin(person, person_id == person.id)
        .where(*conditions)
        .order_by(at.desc(), TurnDispute.id.desc())
    )


def _dispute_news(
    person_id: ColumnElement[int | None], at: ColumnElement[datetime], *conditions
) -> Shortlist[DisputeNews]:
    return _shortlist_of(_dispute_news_query(person_id, at, *conditions), DisputeNews)


# --- trainee -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TraineeHome:
    progress: NextStep
    resume: Attempt | None  # the latest unfinished attempt, its scenario version loaded
    promotions: list[RankAward]  # valid ranks awarded since the last visit, newest first
    reviews: Shortlist[AttemptNews]
    answers: Shortlist[DisputeNews]  # disputes the mentor answered since the last visit

    @property
    def new(self) -> bool:
        """No finished attempt yet: the page welcomes rather than shows empty figures."""
        return not self.progress.started

    @property
    def next_pick(self) -> Recommendation | None:
        return self.progress.pick

    @property
    def anything_new(self) -> bool:
        return bool(self.promotions or self.reviews.total or self.answers.total)


# The trainee's home page follows every reply in the practice mix: its statements are built
# once, like the chat's (trainer/practice/services.py). Built for each view, the three below
# took about 3 ms of the page's 9 ms of CPU (benchmarks.turn_cost), far more than running them.

@cache
def _reviews_received_statement(first_visit: bool) -> Select:
    """The trainee `user_id`'s attempts whose review (overall comment or a reply's correction)
    changed since the last visit, newest change first, shortlisted."""
    own = select(Attempt.id).where(Attempt.user_id == bindparam("user_id"))
    changes = union_all(
        select(AttemptReview.attempt_id, AttemptReview.updated_at)
        .where(AttemptReview.attempt_id.in_(own),
               _after_since(AttemptReview.updated_at, first_visit)),
        select(Reply.attempt_id, TurnReview.updated_at)
        .join(Reply, TurnReview.reply_id == Reply.id)
        .where(Reply.attempt_id.in_(own), _after_since(TurnReview.updated_at, first_visit)),
    ).subquery()
    latest = func.max(changes.c.updated_at)
    reviewer = aliased(User)
    return _shortlisted(
        select(Attempt.id, ScenarioVersion.title, reviewer.name, latest)
        .join(changes, changes.c.attempt_id == Attempt.id)
        .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
        .join(AttemptReview, AttemptReview.attempt_id == Attempt.id)
        .outerjoin(reviewer, AttemptReview.reviewer_id == reviewer.id)
        .group_by(Attempt.id, ScenarioVersion.title, reviewer.name)
        .order_by(latest.desc(), Attempt.id.desc())
    )


def _reviews_received(user: User, since: datetime | None) -> Shortlist[AttemptNews]:
    """The user's attempts whose review changed since the last visit, newest change first."""
    return _shortlist_of(_reviews_received_statement(since is None), AttemptNews,
                         {"user_id": user.id, **_since(since)})


@cache
def _answers_statement(first_visit: bool) -> Select:
    """The disputes of the trainee `user_id` that their mentor answered since the last visit."""
    return _dispute_news_query(
        TurnDispute.resolver_id, TurnDispute.resolved_at,
        Attempt.user_id == bindparam("user_id"), TurnDispute.status != DisputeStatus.OPEN,
        _after_since(TurnDispute.resolved_at, first_visit),
    )


# The latest unfinished attempt of the trainee `user_id`, its scenario version loaded.
_RESUME = (
    select(Attempt)
    .where(Attempt.user_id == bindparam("user_id"), Attempt.finished_at.is_(None),
           Attempt.abandoned_at.is_(None))
    .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    .options(joinedload(Attempt.scenario_version))
    .limit(1)
)


def trainee_home(user: User, since: datetime | None) -> TraineeHome:
    progress = next_step(user)
    resume = db.session.execute(_RESUME, {"user_id": user.id}).scalar_one_or_none()
    promotions = [award for award in reversed(progress.awards)
                  if award.valid and (since is None or award.awarded_at > since)]
    answers = _shortlist_of(_answers_statement(since is None), DisputeNews,
                            {"user_id": user.id, **_since(since)})
    return TraineeHome(progress, resume, promotions, _reviews_received(user, since), answers)


# --- mentor --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MentorHome:
    waiting: int  # attempts not reviewed yet or with an open dispute
    unreviewed: int
    disputed: int
    sign_offs: list[User]  # trainees whose next rank waits only for the mentor's sign-off
    finished: Shortlist[AttemptNews]  # attempts of the team finished since the last visit
    disputes: Shortlist[DisputeNews]  # disputes the team opened since the last visit

    @property
    def anything_new(self) -> bool:
        return bool(self.finished.total or self.disputes.total)


def _queue_count(mentor: User, show: str) -> int:
    """How many attempts the review queue lists under the filter `show`."""
    query = review_queue(mentor, [show]).with_only_columns(func.count(Attempt.id))
    return db.session.execute(query.order_by(None)).scalar_one()


def mentor_home(user: User, since: datetime | None) -> MentorHome:
    finished = (
        review_queue(user, [])
        .with_only_columns(Attempt.id, ScenarioVersion.title, User.name, Attempt.finished_at)
        .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
        .where(_after(Attempt.finished_at, since))
        .order_by(None)
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
    )
    team = select(User.id).where(User.mentor_id == user.id)
    return MentorHome(
        waiting=waiting_count(user),
        unreviewed=_queue_count(user, "unreviewed"),
        disputed=_queue_count(user, "disputed"),
        sign_offs=awaiting_sign_off(user),
        finished=_shortlist(finished, AttemptNews),
        disputes=_dispute_news(
            Attempt.user_id, TurnDispute.opened_at,
            Attempt.user_id.in_(team), _after(TurnDispute.opened_at, since),
        ),
    )


# --- hiring manager ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActiveAssignment:
    assignment_id: int
    title: str
    expires_at: datetime
    invited: int
    closed: int  # candidates who finished, or whose time ran out


@dataclass(frozen=True)
class FinishedCandidate:
    candidate_id: int
    assignment_id: int
    assignment: str
    who: str  # the name, or the pseudonym while the assignment's results are blind
    closed_at: datetime
    closed_by: CloseReason | None


def _finished_candidate(assignment: HiringAssignment, candidate: Candidate) -> FinishedCandidate:
    who = pseudonym(candidate) if assignment.blind else candidate.name
    return FinishedCandidate(candidate.id, assignment.id, assignment.title, who,
                             candidate.closed_at, candidate.closed_by)


@dataclass(frozen=True)
class ManagerHome:
    active: Shortlist[ActiveAssignment]  # assignments whose links have not expired
    finished: Shortlist[FinishedCandidate]  # candidates closed since the last visit


def _candidates(*conditions) -> ColumnElement[int]:
    """How many candidates of the assignment in the outer query meet `conditions`."""
    return (
        select(func.count(Candidate.id))
        .where(Candidate.assignment_id == HiringAssignment.id, *conditions)
        .scalar_subquery()
    )


def manager_home(user: User, since: datetime | None) -> ManagerHome:
    active = (
        assignments_for(user)
        .with_only_columns(HiringAssignment.id, HiringAssignment.title,
                           HiringAssignment.expires_at, _candidates(),
                           _candidates(Candidate.closed_at.is_not(None)))
        .where(HiringAssignment.expires_at > now_utc())
    )
    finished = (
        assignments_for(user)
        .add_columns(Candidate)
        .join(Candidate, Candidate.assignment_id == HiringAssignment.id)
        .where(Candidate.closed_at.is_not(None), _after(Candidate.closed_at, since))
        .order_by(None)
        .order_by(Candidate.closed_at.desc(), Candidate.id.desc())
    )
    return ManagerHome(_shortlist(active, ActiveAssignment),
                       _shortlist(finished, _finished_candidate))


# --- admin ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    email: str
    role: Role


@dataclass(frozen=True)
class AdminHome:
    unmentored: Shortlist[Person]  # active trainees without a mentor
    idle_mentors: Shortlist[Person]  # active mentors without an active trainee
    deactivated: int
    joined: Shortlist[Person]  # accounts created since the last visit, newest first

    @property
    def needs_attention(self) -> bool:
        return bool(self.unmentored.total or self.idle_mentors.total)


def _people(*conditions, newest_first: bool = False) -> Shortlist[Person]:
    order = (User.created_at.desc(), User.id.desc()) if newest_first else (User.name, User.id)
    return _shortlist(
        select(User.id, User.name, User.email, User.role).where(*conditions).order_by(*order),
        Person,
    )


def admin_home(user: User, since: datetime | None) -> AdminHome:
    trainee = aliased(User)
    has_trainee = (
        select(trainee.id).where(trainee.mentor_id == User.id, trainee.active).exists()
    )
    return AdminHome(
        unmentored=_people(User.role == Role.TRAINEE, User.active, User.mentor_id.is_(None)),
        idle_mentors=_people(User.role == Role.MENTOR, User.active, ~has_trainee),
        deactivated=db.session.execute(
            select(func.count(User.id)).where(~User.active)
        ).scalar_one(),
        joined=_people(User.id != user.id, _after(User.created_at, since), newest_first=True),
    )


# --- the page ------------------------------------------------------------------------------------

Home = TraineeHome | MentorHome | ManagerHome | AdminHome
BUILDERS: dict[Role, Callable[[User, datetime | None], Home]] = {
    Role.TRAINEE: trainee_home,
    Role.MENTOR: mentor_home,
    Role.MANAGER: manager_home,
    Role.ADMIN: admin_home,
}


def whats_next(user: User, since: datetime | None) -> Home:
    """What the user's home shows, with news since `since` (their previous visit; None: all)."""
    return BUILDERS[user.role](user, since)


def remember_visit(user: User, now: datetime | None = None) -> None:
    """Store this visit, so the next one shows only what changed after it; commits without
    waiting for the disk (a power cut may lose it: the next visit then shows a little more as
    new)."""
    user.home_seen_at = now or now_utc()
    commit_unsynced()
