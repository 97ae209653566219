"""The practice use cases: start an attempt, submit a reply, and what the views may show.

Every reply is stored with its grade in the same transaction that moves the conversation on,
and the database allows one reply per attempt and step, so a retry can never count twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from scoring import DEFAULT_PASS_RULE, score_reply
from scoring.format import Scenario, Step, next_step_id
from trainer.auth.models import User
from trainer.database import db, now_utc
from trainer.library.catalogue import parsed_scenario
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.practice.results import store_result, summarise
from trainer.signals import attempt_graded

MAX_REPLY_CHARS = 4000
EMPTY_REPLY = "A customer is waiting: write a reply."
ABANDONED_REPLY = ("You abandoned this attempt; its replies are kept in your history. "
                   "Start the scenario again to play it.")


class ReplyRejected(ValueError):
    """The reply was not recorded; the message says why and what to do."""


@dataclass(frozen=True)
class SubmitResult:
    reply: Reply
    duplicate: bool  # True when this step had already been answered: the original result


# Built once: every chat request (play page, submit) runs it, and building it each time took
# 0.3 ms instead of 0.15 ms for the whole call, 3% of a submit's server time with its share of
# play pages in make bench-practice.
_CONVERSATION = (
    db.select(Attempt)
    .options(
        joinedload(Attempt.scenario_version).defer(ScenarioVersion.body),  # parsed once
        joinedload(Attempt.replies),
    )
    .where(Attempt.id == bindparam("attempt_id"))
)


def conversation(attempt_id: int) -> Attempt | None:
    """The attempt with its scenario version and replies, or None when there is no such id."""
    return db.session.execute(
        _CONVERSATION, {"attempt_id": attempt_id}
    ).unique().scalar_one_or_none()


def get_attempt_or_404(attempt_id: int, *, write: bool = False) -> Attempt:
    """The attempt if it is the signed-in trainee's own, or (to read) their mentee's; else 404.

    404 rather than 403, so nobody learns which attempts exist.
    """
    attempt = conversation(attempt_id)
    if attempt is None:
        abort(404)
    if attempt.user_id == current_user.id:
        return attempt
    if not write and attempt.user is not None and attempt.user.mentor_id == current_user.id:
        return attempt
    abort(404)


def scenario_of(attempt: Attempt) -> Scenario:
    return parsed_scenario(attempt.scenario_version)


def current_step(attempt: Attempt) -> Step | None:
    if attempt.current_step is None:
        return None
    return scenario_of(attempt).step(attempt.current_step)


# Built once: starting a scenario runs it, and building it each time took 0.2 ms instead of
# 0.09 ms for the whole call (make bench-practice starts a scenario every other submit).
_IN_PROGRESS = (
    db.select(Attempt)
    .where(
        Attempt.user_id == bindparam("user_id"),
        Attempt.scenario_version_id == bindparam("version_id"),
        Attempt.finished_at.is_(None),
        Attempt.abandoned_at.is_(None),
    )
    .order_by(Attempt.started_at.desc())
    .limit(1)
)


def in_progress_attempt(user: User, version: ScenarioVersion) -> Attempt | None:
    """The user's ongoing attempt at this scenario version, to resume instead of restarting."""
    return db.session.execute(
        _IN_PROGRESS, {"user_id": user.id, "version_id": version.id}
    ).scalar_one_or_none()


def start_attempt(
    user: User | None, version: ScenarioVersion, mode: AttemptMode, now: datetime | None = None
) -> Attempt:
    """Start at the first step; `user` is None for a hiring candidate (no account)."""
    scenario = parsed_scenario(version)
    started = now or now_utc()
    attempt = Attempt(
        user_id=user.id if user else None,
        scenario_version=version,
        mode=mode,
        current_step=scenario.steps[0].id,
        current_step_served_at=started,
        started_at=started,
        replies=[],
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt


def check_reply_text(text: str) -> str:
    """The reply as it will be stored; raises ReplyRejected when empty or too long."""
    if not text or not text.strip():
        raise ReplyRejected(EMPTY_REPLY)
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(
            f"Your reply has {len(text):,} characters; the limit is {MAX_REPLY_CHARS:,}. "
            "Shorten it and send it again."
        )
    return text.strip()


def existing_reply(attempt: Attempt, step_id: str) -> Reply | None:
    return db.session.execute(
        db.select(Reply).where(Reply.attempt_id == attempt.id, Reply.step_id == step_id)
    ).scalar_one_or_none()


def submit_reply(
    attempt: Attempt, step_id: str, text: str, now: datetime | None = None
) -> SubmitResult:
    """Grade and store the reply to `step_id`, then move to the customer's next message.

    Raises ReplyRejected for an empty or too long reply, a stale form or a finished attempt.
    Answering an already answered step returns the original result instead of a second reply.
    The reply that ends the conversation sends `attempt_graded` once stored.
    Pass an attempt loaded by `conversation` to spare the lazy loads.
    """
    if attempt.finished or step_id != attempt.current_step:
        # Only a form for an earlier message can be a repeat; the database catches a race below.
        earlier = existing_reply(attempt, step_id)
        if earlier is not None:
            return SubmitResult(earlier, duplicate=True)
    if attempt.finished:
        raise ReplyRejected("This conversation has ended; your replies are in the transcript.")
    if attempt.abandoned:
        raise ReplyRejected(ABANDONED_REPLY)
    if step_id != attempt.current_step:
        raise ReplyRejected(
            "That message was not the customer's latest one (the page was out of date). "
            "The conversation is shown as it is now; your text is kept below."
        )
    text = check_reply_text(text)
    received = now or now_utc()
    scenario = scenario_of(attempt)
    step = scenario.step(step_id)
    card = score_reply(text, step)
    served = attempt.current_step_served_at or received
    reply = Reply(
        step_id=step_id,
        position=len(attempt.replies) + 1,
        text=text,
        politeness=card.politeness,
        correctness=card.correctness,
        completeness=card.completeness,
        overall=card.overall,
        violation_count=sum(1 for item in card.never if item.violated),
        card=card.to_dict(),
        scorer_version=card.version,
        served_at=served,
        received_at=received,
        reply_ms=max(0, round((received - served).total_seconds() * 1000)),
    )
    attempt.replies.append(reply)
    following = next_step_id(scenario, step, card.scores(), card.matched_ids())
    if following is not None and scenario.step(following).closing is not None:
        attempt.closing_step, following = following, None
    attempt.current_step = following
    attempt.current_step_served_at = received
    if attempt.current_step is None:
        attempt.finished_at = received
        store_result(attempt, summarise(attempt.replies, DEFAULT_PASS_RULE))
    try:
        db.session.commit()  # the reply and the attempt's move, or neither
    except IntegrityError:  # the same step answered meanwhile: that reply stands
        db.session.rollback()
        original = existing_reply(attempt, step_id)
        if original is None:
            raise
        return SubmitResult(original, duplicate=True)
    if attempt.finished:
        attempt_graded.send(current_app._get_current_object(), attempt=attempt, by=None)
    return SubmitResult(reply, duplicate=False)


def abandon_attempt(attempt: Attempt, now: datetime | None = None) -> bool:
    """End an ongoing attempt without a grade: it counts for nothing, its replies are kept.

    Returns False, changing nothing, when the attempt had already finished or been abandoned.
    """
    if not attempt.ongoing:
        return False
    attempt.abandoned_at = now or now_utc()
    attempt.current_step = None
    db.session.commit()
    return True


def attempts_of(user: User):
    """The user's attempts, newest first, as a query the view paginates."""
    return (
        db.select(Attempt)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )
