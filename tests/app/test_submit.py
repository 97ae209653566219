"""submit_reply on the service, one rule at a time: which replies are refused, which are repeats,
what is stored with a reply, and when the conversation ends.

A trainee's grade is the replies stored here: a reply must count once, to the step it answers,
and a refused reply must leave the conversation where it was.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import start_practice
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.practice.services import (
    EMPTY_REPLY,
    MAX_REPLY_CHARS,
    ReplyRejected,
    attempts_of,
    check_reply_text,
    submit_reply,
)
from trainer.signals import attempt_graded

SLUG = "hosting-shop-outage"  # opening -> lost-sales (polite) or -> manager-demand (rude)
RUDE = "Calm down. This is your fault, you should have read the status page, idiot."
ENDED = "This conversation has ended"
STALE = "That message was not the customer's latest one"


@pytest.fixture
def attempt(app, users, library):
    """A fresh practice attempt at SLUG, loaded in an app context that stays open."""
    started = start_practice(app, users[Role.TRAINEE], SLUG)
    with app.app_context():
        yield db.session.get(Attempt, started.id)


@pytest.fixture
def answer(library):
    def model(step_id: str) -> str:
        return library.scenarios[SLUG].step(step_id).model_answer

    return model


def stored_replies(attempt) -> list[tuple[str, int]]:
    rows = db.session.execute(db.select(Reply.step_id, Reply.position)
                              .where(Reply.attempt_id == attempt.id).order_by(Reply.id))
    return [tuple(row) for row in rows]


def finish(attempt, answer) -> None:
    for _ in range(10):
        if attempt.current_step is None:
            return
        submit_reply(attempt, attempt.current_step, answer(attempt.current_step))
    raise AssertionError("the conversation did not end")


def test_replies_are_numbered_and_move_the_conversation_on(attempt, answer):
    first = submit_reply(attempt, "opening", answer("opening"))
    assert not first.duplicate and first.reply.position == 1
    assert attempt.current_step == "lost-sales" and not attempt.finished
    second = submit_reply(attempt, "lost-sales", answer("lost-sales"))
    assert second.reply.position == 2 and attempt.finished
    assert stored_replies(attempt) == [("opening", 1), ("lost-sales", 2)]


def test_a_reply_stores_its_grade_and_its_violations(attempt):
    reply = submit_reply(attempt, "opening", RUDE).reply
    assert reply.violation_count >= 1 and reply.politeness < 25
    assert reply.overall <= 50 and reply.card["overall"] == reply.overall
    assert (reply.correctness, reply.completeness) == (reply.card["correctness"],
                                                      reply.card["completeness"])
    assert reply.text == RUDE and reply.scorer_version


def test_a_repeat_of_an_answered_step_returns_the_original(attempt, answer):
    original = submit_reply(attempt, "opening", answer("opening")).reply
    again = submit_reply(attempt, "opening", "A second, different reply.")
    assert again.duplicate and again.reply.id == original.id
    assert attempt.current_step == "lost-sales" and stored_replies(attempt) == [("opening", 1)]


def test_a_repeat_after_the_end_still_returns_the_original(attempt, answer):
    finish(attempt, answer)
    again = submit_reply(attempt, "lost-sales", "Sent again from another tab.")
    assert again.duplicate and again.reply.step_id == "lost-sales"
    assert len(stored_replies(attempt)) == 2


def test_a_finished_conversation_refuses_a_new_reply(attempt, answer):
    finish(attempt, answer)
    with pytest.raises(ReplyRejected, match=ENDED):
        submit_reply(attempt, "manager-demand", "One more thing.")
    assert len(stored_replies(attempt)) == 2


def test_a_form_for_another_step_is_refused_and_nothing_moves(attempt, answer):
    with pytest.raises(ReplyRejected, match=STALE):
        submit_reply(attempt, "lost-sales", "Answering a message not sent yet.")
    assert attempt.current_step == "opening" and stored_replies(attempt) == []
    submit_reply(attempt, "opening", answer("opening"))
    with pytest.raises(ReplyRejected, match=STALE):  # a step this attempt never reached
        submit_reply(attempt, "manager-demand", "From a page of another attempt.")
    assert attempt.current_step == "lost-sales" and stored_replies(attempt) == [("opening", 1)]


def test_another_attempts_reply_to_the_same_step_is_no_repeat(app, users, attempt, answer):
    """Each attempt has its own replies: a reply of an earlier attempt at the same scenario is
    never returned as this attempt's original."""
    finish(attempt, answer)
    fresh = start_practice(app, users[Role.TRAINEE], SLUG)
    mine = db.session.get(Attempt, fresh.id)
    with pytest.raises(ReplyRejected, match=STALE):
        submit_reply(mine, "lost-sales", "Sent from the first attempt's page.")
    assert stored_replies(mine) == []


def test_history_lists_the_newest_attempt_first(app, users, attempt):
    user = db.session.get(User, users[Role.TRAINEE].id)
    other = [db.session.get(Attempt, start_practice(app, users[Role.TRAINEE], SLUG).id)
             for _ in range(2)]
    same_time = now_utc() - timedelta(days=1)
    attempt.started_at, other[0].started_at = same_time, same_time  # a tie: the later id first
    other[1].started_at = same_time - timedelta(hours=1)
    db.session.commit()
    listed = db.session.execute(attempts_of(user)).scalars().all()
    assert [a.id for a in listed] == [other[0].id, attempt.id, other[1].id]


@pytest.mark.parametrize(
    ("text", "stored"),
    [("  Hello, let me check.  \n", "Hello, let me check."),
     ("x" * MAX_REPLY_CHARS, "x" * MAX_REPLY_CHARS)],
    ids=["stripped", "at-the-limit"],
)
def test_reply_texts_are_stored_stripped_up_to_the_limit(text, stored):
    assert check_reply_text(text) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [("", EMPTY_REPLY), (" \n\t", EMPTY_REPLY),
     ("y" * (MAX_REPLY_CHARS + 1),
      "Your reply has 4,001 characters; the limit is 4,000. Shorten it and send it again.")],
    ids=["empty", "blank", "one-over"],
)
def test_empty_and_too_long_replies_are_refused_and_nothing_moves(attempt, text, message):
    with pytest.raises(ReplyRejected) as refused:
        submit_reply(attempt, "opening", text)
    assert str(refused.value) == message
    assert attempt.current_step == "opening" and stored_replies(attempt) == []


def test_reply_times_run_from_the_message_to_the_reply(attempt, answer):
    served = now_utc()
    attempt.current_step_served_at = served
    first = submit_reply(attempt, "opening", answer("opening"),
                         now=served + timedelta(seconds=3, milliseconds=250)).reply
    assert (first.served_at, first.reply_ms) == (served, 3250)
    assert attempt.current_step_served_at == first.received_at
    # A clock that went backwards never gives a negative time.
    second = submit_reply(attempt, "lost-sales", answer("lost-sales"),
                          now=first.received_at - timedelta(seconds=1)).reply
    assert second.reply_ms == 0


def test_the_last_reply_ends_the_attempt_grades_it_and_says_so_once(app, attempt, answer):
    graded = []

    def record(sender, attempt, by):
        graded.append((attempt.id, by))

    attempt_graded.connect(record, app)
    try:
        submit_reply(attempt, "opening", answer("opening"))
        assert graded == [] and attempt.overall is None
        end = now_utc() + timedelta(minutes=2)
        submit_reply(attempt, "lost-sales", answer("lost-sales"), now=end)
        submit_reply(attempt, "lost-sales", "again")  # a repeat sends nothing
    finally:
        attempt_graded.disconnect(record, app)
    assert graded == [(attempt.id, None)]
    assert attempt.finished_at == end and attempt.passed and attempt.overall >= 70


def test_a_closing_message_ends_the_conversation_after_the_reply(attempt, answer):
    """A rude reply escalates; the customer's closing message is shown, not answered."""
    submit_reply(attempt, "opening", RUDE)
    assert attempt.current_step == "manager-demand"
    submit_reply(attempt, "manager-demand", answer("manager-demand"))
    submit_reply(attempt, "lost-sales", answer("lost-sales"))
    assert attempt.current_step is None and attempt.closing_step == "fine-then"
    assert attempt.finished
