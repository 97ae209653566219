"""The test's clock at its edges, on the services with an explicit `now`: the status a manager
reads at each stage, the deadline and the expiry to the microsecond, and a test closed once.

A candidate's result hangs on these comparisons: a reply at the last moment must count or not
count the same way everywhere, and a finished test must never turn into "time up".
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.helpers import POLITE, invite_to
from trainer.database import db
from trainer.hiring import exam
from trainer.hiring.candidate_routes import Countdown
from trainer.hiring.invitations import revoke
from trainer.hiring.models import Candidate, CloseReason
from trainer.hiring.tokens import candidate_for_token
from trainer.practice.models import Reply
from trainer.practice.services import ReplyRejected
from trainer.signals import attempt_graded

TICK = timedelta(microseconds=1)


@pytest.fixture
def invited(app, make_assignment):
    """A candidate invited to a 30-minute test whose link expires in two hours."""
    return invite_to(app, make_assignment(minutes=30, expires_in=timedelta(hours=2)))


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def load(token: str) -> Candidate:
    """The candidate as stored, without the side effects of opening the link."""
    db.session.expire_all()
    return candidate_for_token(token)


def expiry(token: str) -> datetime:
    return load(token).assignment.expires_at


def started(token: str, at: datetime) -> Candidate:
    exam.start_test(load(token), now=at)
    return load(token)


def answer(candidate: Candidate, at: datetime, text: str = POLITE) -> exam.Answer:
    scenario = exam.current_scenario(candidate, at)
    return exam.submit_answer(candidate, scenario.position, scenario.attempt.current_step, text,
                              now=at)


def finish(token: str, at: datetime) -> Candidate:
    """Answer every message of every scenario at `at`, until the test closes."""
    for _ in range(40):
        candidate = load(token)
        if exam.current_scenario(candidate, at) is None:
            return load(token)
        answer(candidate, at)
    raise AssertionError("the test did not end")


def reply_count() -> int:
    return len(db.session.execute(db.select(Reply.id)).all())


# --- the manager's status column -----------------------------------------------------------------

def test_an_invited_candidate_is_invited_until_the_expiry_and_expired_from_it(ctx, invited):
    expires = expiry(invited.token)
    candidate = load(invited.token)
    assert exam.status_of(candidate, expires - timedelta(hours=1)) == "invited"
    assert exam.status_of(candidate, expires - TICK) == "invited"
    assert exam.status_of(candidate, expires) == "expired"
    assert exam.status_of(candidate, expires + timedelta(days=3)) == "expired"


def test_a_started_test_is_in_progress_until_the_deadline_and_time_up_from_it(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    assert candidate.deadline == begin + timedelta(minutes=30)
    assert exam.status_of(candidate, begin) == "in progress"
    assert exam.status_of(candidate, candidate.deadline - TICK) == "in progress"
    assert exam.status_of(candidate, candidate.deadline) == "time up"
    # Past the link's expiry a started test is not "expired": it ran out of time.
    assert exam.status_of(candidate, begin + timedelta(hours=2)) == "time up"


@pytest.mark.parametrize("start", [False, True], ids=["not-started", "started"])
def test_a_withdrawn_link_says_so_before_and_after_the_expiry(ctx, invited, start):
    expires = expiry(invited.token)
    if start:
        started(invited.token, expires - timedelta(hours=1))
    revoke(load(invited.token), now=expires - timedelta(minutes=50))
    candidate = load(invited.token)
    assert exam.status_of(candidate, expires - timedelta(minutes=45)) == "link withdrawn"
    assert exam.status_of(candidate, expires + timedelta(hours=1)) == "link withdrawn"


def test_a_finished_test_is_submitted_at_any_time_and_a_closed_one_time_up(ctx, app,
                                                                           make_assignment):
    first = invite_to(app, make_assignment(minutes=30), "Ada", "ada@example.com")
    second = invite_to(app, make_assignment(minutes=30), "Grace", "grace@example.com")
    begin = expiry(first.token) - timedelta(days=1)
    started(first.token, begin)
    done = finish(first.token, begin + timedelta(minutes=5))
    late = started(second.token, begin)
    exam.close_for_time(late)
    for when in (begin + timedelta(minutes=10), begin + timedelta(days=30)):
        assert exam.status_of(load(first.token), when) == "submitted"
        assert exam.status_of(load(second.token), when) == "time up"
    assert done.closed_by is CloseReason.FINISHED


# --- opening the link ----------------------------------------------------------------------------

def test_an_unknown_link_is_refused_without_a_candidate(ctx, invited):
    with pytest.raises(exam.LinkRefused) as refused:
        exam.open_link("B" * 22)
    assert refused.value.reason is exam.Refusal.UNKNOWN and refused.value.candidate is None


def test_a_withdrawn_link_is_refused_with_its_candidate(ctx, invited):
    revoke(load(invited.token))
    with pytest.raises(exam.LinkRefused) as refused:
        exam.open_link(invited.token)
    assert refused.value.reason is exam.Refusal.REVOKED
    assert refused.value.candidate.id == invited.id


def test_a_link_never_started_opens_until_the_expiry_and_is_refused_from_it(ctx, invited):
    expires = expiry(invited.token)
    assert exam.open_link(invited.token, expires - TICK).id == invited.id
    with pytest.raises(exam.LinkRefused) as refused:
        exam.open_link(invited.token, expires)
    assert refused.value.reason is exam.Refusal.EXPIRED and str(refused.value) == "expired"
    assert refused.value.candidate.id == invited.id


def test_reopening_a_started_test_at_the_deadline_closes_it_with_its_replies(ctx, invited):
    """Reloading /play is the only request a candidate may make after the deadline: it must
    close the test then, with what was submitted, not leave it open for the manager."""
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    answer(candidate, begin + timedelta(minutes=1))
    deadline = candidate.deadline
    assert not exam.open_link(invited.token, deadline - TICK).closed
    opened = exam.open_link(invited.token, deadline)
    assert opened.closed_by is CloseReason.TIME_LIMIT and opened.closed_at == deadline
    attempt = opened.attempts[0].attempt
    assert attempt.finished_at == deadline and attempt.overall is not None
    assert attempt.current_step is None and len(attempt.replies) == 1


def test_closing_for_time_grades_the_open_conversation_once(ctx, app, invited):
    graded = []

    def record(sender, attempt, by):
        graded.append((attempt.id, by))

    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    open_attempt = exam.current_scenario(candidate, begin).attempt_id
    attempt_graded.connect(record, app)
    try:
        exam.open_link(invited.token, candidate.deadline)
        exam.open_link(invited.token, candidate.deadline + timedelta(minutes=1))
    finally:
        attempt_graded.disconnect(record, app)
    assert graded == [(open_attempt, None)]


def test_a_started_test_still_opens_after_the_links_expiry(ctx, make_assignment, app):
    """The deadline, not the expiry, ends a started test: the candidate sees it closed,
    not a refused link."""
    invited = invite_to(app, make_assignment(minutes=60, expires_in=timedelta(hours=2)))
    expires = expiry(invited.token)
    started(invited.token, expires - timedelta(minutes=10))
    opened = exam.open_link(invited.token, expires + timedelta(minutes=5))
    assert opened.closed_by is CloseReason.TIME_LIMIT and opened.closed_at == expires


def test_a_finished_test_opened_after_the_deadline_stays_finished(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    started(invited.token, begin)
    done = finish(invited.token, begin + timedelta(minutes=3))
    finished_at = done.closed_at
    reopened = exam.open_link(invited.token, begin + timedelta(minutes=45))
    assert reopened.closed_by is CloseReason.FINISHED
    assert reopened.closed_at == finished_at == begin + timedelta(minutes=3)


# --- replies at the deadline ---------------------------------------------------------------------

def test_a_reply_just_before_the_deadline_counts(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    answered = answer(candidate, candidate.deadline - TICK)
    result = answered.result
    assert answered.scenario.position == 1 and answered.scenario.candidate_id == invited.id
    assert not result.duplicate and result.reply.received_at == candidate.deadline - TICK
    assert not load(invited.token).closed and reply_count() == 1


def test_a_reply_at_the_deadline_is_refused_and_closes_the_test(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    answer(candidate, begin + timedelta(minutes=2))
    with pytest.raises(exam.TimeUp) as late:
        answer(load(invited.token), candidate.deadline)
    assert late.value.args[0].startswith("Time is up: the test closed at")
    closed = load(invited.token)
    assert closed.closed_by is CloseReason.TIME_LIMIT and closed.closed_at == candidate.deadline
    assert reply_count() == 1


def test_a_reply_to_a_finished_test_is_refused_as_closed(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    started(invited.token, begin)
    done = finish(invited.token, begin + timedelta(minutes=3))
    before = reply_count()
    with pytest.raises(ReplyRejected) as refused:
        exam.submit_answer(done, 1, "greeting",
                           "One more thing", now=begin + timedelta(minutes=4))
    assert not isinstance(refused.value, exam.TimeUp)
    assert str(refused.value) == exam.CLOSED and reply_count() == before


def test_a_reply_for_a_scenario_not_opened_is_told_the_test_moved_on(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = started(invited.token, begin)
    with pytest.raises(ReplyRejected) as refused:
        exam.submit_answer(candidate, 2, "greeting", POLITE, now=begin)
    assert str(refused.value) == exam.MOVED_ON and reply_count() == 0


# --- the clock shown and recorded ----------------------------------------------------------------

def test_remaining_seconds_count_down_to_zero_and_stay_there(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    candidate = load(invited.token)
    assert exam.remaining_seconds(candidate, begin) == 0  # not started
    candidate = started(invited.token, begin)
    assert exam.remaining_seconds(candidate, begin) == 1800
    assert exam.remaining_seconds(candidate, begin + timedelta(seconds=0.5)) == 1799
    assert exam.remaining_seconds(candidate, begin + timedelta(minutes=29, seconds=59)) == 1
    assert exam.remaining_seconds(candidate, begin + timedelta(minutes=40)) == 0
    exam.close_for_time(candidate)
    assert exam.remaining_seconds(load(invited.token), begin + timedelta(minutes=1)) == 0


def test_time_used_runs_until_the_deadline_or_the_close(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    assert exam.time_used(load(invited.token), begin) is None
    candidate = started(invited.token, begin)
    assert exam.time_used(candidate, begin + timedelta(minutes=12)) == timedelta(minutes=12)
    assert exam.time_used(candidate, begin + timedelta(hours=5)) == timedelta(minutes=30)
    done = finish(invited.token, begin + timedelta(minutes=7))
    assert exam.time_used(done, begin + timedelta(minutes=20)) == timedelta(minutes=7)


def test_starting_twice_keeps_the_first_clock(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    started(invited.token, begin)
    again = exam.start_test(load(invited.token), now=begin + timedelta(minutes=10))
    candidate = load(invited.token)
    assert candidate.started_at == begin and candidate.deadline == begin + timedelta(minutes=30)
    assert again.position == 1 and again.attempt.started_at == begin


def test_nothing_is_open_before_the_start_or_after_the_close(ctx, invited):
    begin = expiry(invited.token) - timedelta(hours=1)
    assert exam.current_scenario(load(invited.token), begin) is None
    started(invited.token, begin)
    done = finish(invited.token, begin + timedelta(minutes=3))
    assert exam.current_scenario(done, begin + timedelta(minutes=4)) is None
    assert len(done.attempts) == len(done.plan) == 2
    assert all(link.attempt.finished for link in done.attempts)
    # The scenarios are played in the order drawn at the invitation, each opening when the one
    # before it ends, by the test's clock.
    assert [link.attempt.scenario_version_id for link in done.attempts] == done.plan
    assert [link.attempt.started_at for link in done.attempts] == [
        begin, begin + timedelta(minutes=3)]


@pytest.mark.parametrize(("remaining", "state"), [
    (301, "normal"), (300, "warning"), (61, "warning"), (60, "danger"), (0, "danger"),
])
def test_the_clock_turns_to_warning_then_danger_in_the_last_minutes(remaining, state):
    assert Countdown(remaining).state == state
