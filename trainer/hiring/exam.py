"""The candidate's test: opening the link, starting, answering, and the server-side clock.

Every candidate request goes through `open_link`, which refuses a bad, withdrawn, expired or
used link with a reason, and closes a test whose deadline has passed with what was submitted.
Pass `now` to control the clock (tests do); otherwise `clock()` gives the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from scoring import DEFAULT_PASS_RULE
from trainer.database import db, now_utc
from trainer.hiring.models import Candidate, CandidateAttempt, CloseReason
from trainer.hiring.tokens import candidate_for_token
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode
from trainer.practice.results import store_result, summarise
from trainer.practice.services import (
    ReplyRejected,
    SubmitResult,
    conversation,
    start_attempt,
    submit_reply,
)
from trainer.signals import attempt_graded

TIME_UP = ("Time is up: the test closed at {deadline:%H:%M} UTC. Your replies sent before then "
           "were submitted; this reply was not recorded.")
CLOSED = "This test is closed; your replies were submitted. Thank you."
MOVED_ON = ("That conversation is over (the page was out of date); the test goes on with the "
            "conversation shown now. Your text is kept below.")


def clock() -> datetime:
    """The time every candidate request is judged by (tests replace it)."""
    return now_utc()


class Refusal(StrEnum):
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"


class LinkRefused(Exception):
    """The link cannot be used; `reason` picks the page that says why."""

    def __init__(self, reason: Refusal, candidate: Candidate | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.candidate = candidate


class TimeUp(ReplyRejected):
    """A reply arrived after the deadline: refused, and the test is closed."""


def open_link(token: str, now: datetime | None = None) -> Candidate:
    """The candidate of a usable link. A test past its deadline is closed first (so the caller
    sees `candidate.closed`). Raises LinkRefused for an unknown or withdrawn link, and for an
    expired one that was never started."""
    now = now or clock()
    candidate = candidate_for_token(token)
    if candidate is None:
        raise LinkRefused(Refusal.UNKNOWN)
    if candidate.revoked_at is not None:
        raise LinkRefused(Refusal.REVOKED, candidate)
    if not candidate.started and now >= candidate.assignment.expires_at:
        raise LinkRefused(Refusal.EXPIRED, candidate)
    if candidate.started and not candidate.closed and now >= candidate.deadline:
        close_for_time(candidate)
    return candidate


def remaining_seconds(candidate: Candidate, now: datetime | None = None) -> int:
    if candidate.deadline is None or candidate.closed:
        return 0
    return max(0, int((candidate.deadline - (now or clock())).total_seconds()))


def time_used(candidate: Candidate, now: datetime | None = None) -> timedelta | None:
    if candidate.started_at is None:
        return None
    end = candidate.closed_at or min(now or clock(), candidate.deadline)
    return end - candidate.started_at


def start_test(candidate: Candidate, now: datetime | None = None) -> CandidateAttempt | None:
    """Start the clock (once: a second start, from another tab, changes nothing) and the first
    scenario; returns the scenario to play (None when the test is over)."""
    now = now or clock()
    if not candidate.started:
        assignment = candidate.assignment
        candidate.started_at = now
        candidate.deadline = min(
            now + timedelta(minutes=assignment.time_limit_minutes), assignment.expires_at
        )
        db.session.commit()
    return current_scenario(candidate, now)


def current_scenario(candidate: Candidate, now: datetime | None = None) -> CandidateAttempt | None:
    """The scenario awaiting the candidate's replies, opening the next one when the previous
    ended; None once the test is closed (or every scenario is answered, which closes it)."""
    if candidate.closed or not candidate.started:
        return None
    played = candidate.attempts
    if played and not played[-1].attempt.finished:
        return played[-1]
    if len(played) >= len(candidate.plan):
        _close(candidate, CloseReason.FINISHED, now or clock())
        return None
    return _open_scenario(candidate, len(played) + 1, now or clock())


def _open_scenario(candidate: Candidate, position: int, now: datetime) -> CandidateAttempt:
    # The body is parsed once per process and only read when not parsed yet.
    version = db.session.get(ScenarioVersion, candidate.plan[position - 1],
                             options=[defer(ScenarioVersion.body)])
    attempt = start_attempt(None, version, AttemptMode.EXAM, now=now)
    link = CandidateAttempt(candidate=candidate, attempt=attempt, position=position)
    db.session.add(link)
    try:
        db.session.commit()
    except IntegrityError:  # another tab opened this scenario first: theirs stands
        db.session.rollback()
        db.session.execute(db.delete(Attempt).where(Attempt.id == attempt.id))
        db.session.commit()
        db.session.refresh(candidate)
        return next(item for item in candidate.attempts if item.position == position)
    return link


def _close(candidate: Candidate, reason: CloseReason, when: datetime) -> None:
    candidate.closed_at, candidate.closed_by = when, reason
    db.session.commit()


def close_for_time(candidate: Candidate) -> None:
    """The deadline passed: end the open conversation with the replies it has, close the test."""
    cut_short = [item.attempt for item in candidate.attempts if not item.attempt.finished]
    for attempt in cut_short:
        attempt.current_step = None
        attempt.finished_at = candidate.deadline
        store_result(attempt, summarise(attempt.replies, DEFAULT_PASS_RULE))
    _close(candidate, CloseReason.TIME_LIMIT, candidate.deadline)
    for attempt in cut_short:
        attempt_graded.send(current_app._get_current_object(), attempt=attempt, by=None)


@dataclass(frozen=True)
class Answer:
    result: SubmitResult
    scenario: CandidateAttempt


def submit_answer(
    candidate: Candidate, position: int, step_id: str, text: str, now: datetime | None = None
) -> Answer:
    """Record the reply to `step_id` of the scenario at `position`, in exam mode.

    Raises TimeUp after the deadline (the test is then closed with what was submitted) and
    ReplyRejected for an empty, too long or out-of-date reply, or a closed test. A repeat of a
    reply already recorded (a second tab, a double click) returns the original.
    """
    now = now or clock()
    if candidate.started and not candidate.closed and now >= candidate.deadline:
        close_for_time(candidate)
    scenario = next((item for item in candidate.attempts if item.position == position), None)
    attempt = None
    try:
        if scenario is None:
            raise ReplyRejected(MOVED_ON)
        attempt = conversation(scenario.attempt_id)
        result = submit_reply(attempt, step_id, text, now=now)
    except ReplyRejected:
        if candidate.closed_by is CloseReason.TIME_LIMIT:
            raise TimeUp(TIME_UP.format(deadline=candidate.deadline)) from None
        if candidate.closed:
            raise ReplyRejected(CLOSED) from None
        if attempt is not None and attempt.finished:
            raise ReplyRejected(MOVED_ON) from None
        raise
    return Answer(result, scenario)


class CandidateStatus(StrEnum):
    INVITED = "invited"
    IN_PROGRESS = "in progress"
    SUBMITTED = "submitted"
    TIME_UP = "time up"
    EXPIRED = "expired"
    REVOKED = "link withdrawn"


def status_of(candidate: Candidate, now: datetime | None = None) -> CandidateStatus:
    """Where the candidate stands, as the manager's pages show it."""
    now = now or clock()
    if candidate.closed:
        finished = candidate.closed_by is CloseReason.FINISHED
        return CandidateStatus.SUBMITTED if finished else CandidateStatus.TIME_UP
    if candidate.revoked_at is not None:
        return CandidateStatus.REVOKED
    if candidate.started:
        return CandidateStatus.IN_PROGRESS if now < candidate.deadline else CandidateStatus.TIME_UP
    if now >= candidate.assignment.expires_at:
        return CandidateStatus.EXPIRED
    return CandidateStatus.INVITED
