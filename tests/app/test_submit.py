"""submit_reply on the service, one rule at a time: which replies are refused, which are repeats,
what is stored with a reply, and when the conversation ends.

A trainee's grade is the replies stored here: a reply must count once, to the step it answers,
and a refused reply must leave the conversation where it was.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta

import pytest
from flask_login import login_user
from werkzeug.exceptions import NotFound

from tests.helpers import start_practice
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.library.catalogue import get_current_version_or_404
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.practice.services import (
    EMPTY_REPLY,
    MAX_REPLY_CHARS,
    ReplyRejected,
    attempts_of,
    check_reply_text,
    get_attempt_or_404,
    start_attempt,
    submit_reply,
)
from trainer.signals import attempt_graded

SLUG = "hosting-shop-outage"  # opening -> lost-sales (polite) or -> manager-demand (rude)
RUDE = "Calm down. This is your fault, you should have read the status page, idiot."
ENDED = "This conversation has ended; your replies are in the transcript."
STALE = ("That message was not the customer's latest one (the page was out of date). "
         "The conversation is shown as it is now; your text is kept below.")


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


def test_an_attempt_starts_at_the_first_message_served_at_the_start(app, users, library):
    begin = datetime(2026, 4, 1, 8, 30)
    with app.app_context():
        version = get_current_version_or_404(SLUG)
        mine = start_attempt(db.session.get(User, users[Role.TRAINEE].id), version,
                             AttemptMode.EXAM, now=begin)
        assert (mine.started_at, mine.current_step_served_at) == (begin, begin)
        assert (mine.current_step, mine.mode, mine.replies) == ("opening", AttemptMode.EXAM, [])
        assert mine.user_id == users[Role.TRAINEE].id
        candidates = start_attempt(None, version, AttemptMode.EXAM, now=begin)
        assert candidates.user_id is None


@pytest.mark.parametrize(
    ("who", "write", "allowed"),
    [(Role.TRAINEE, False, True), (Role.TRAINEE, True, True), (Role.MENTOR, False, True),
     (Role.MENTOR, True, False), (Role.MANAGER, False, False)],
)
def test_an_attempt_is_shown_to_its_trainee_and_read_by_their_mentor(app, users, attempt, who,
                                                                     write, allowed):
    with app.test_request_context():
        login_user(db.session.get(User, users[who].id))
        if allowed:
            assert get_attempt_or_404(attempt.id, write=write).id == attempt.id
        else:
            with pytest.raises(NotFound):
                get_attempt_or_404(attempt.id, write=write)
        with pytest.raises(NotFound):
            get_attempt_or_404(attempt.id + 1000)


def test_a_reply_stores_its_grade_and_its_violations(attempt):
    reply = submit_reply(attempt, "opening", RUDE).reply
    violated = [item for item in reply.card["never"] if item["violated"]]
    # "Calm down" argues with the customer, "your fault" blames them: two never items.
    assert [item["id"] for item in violated] == ["argue", "blame"]
    assert reply.violation_count == 2 and reply.politeness < 25
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
    with pytest.raises(ReplyRejected, match=re.escape(ENDED) + "$"):
        submit_reply(attempt, "manager-demand", "One more thing.")
    assert len(stored_replies(attempt)) == 2


def test_a_form_for_another_step_is_refused_and_nothing_moves(attempt, answer):
    with pytest.raises(ReplyRejected, match=re.escape(STALE) + "$"):
        submit_reply(attempt, "lost-sales", "Answering a message not sent yet.")
    assert attempt.current_step == "opening" and stored_replies(attempt) == []
    submit_reply(attempt, "opening", answer("opening"))
    # a step this attempt never reached
    with pytest.raises(ReplyRejected, match=re.escape(STALE) + "$"):
        submit_reply(attempt, "manager-demand", "From a page of another attempt.")
    assert attempt.current_step == "lost-sales" and stored_replies(attempt) == [("opening", 1)]


def test_another_attempts_reply_to_the_same_step_is_no_repeat(app, users, attempt, answer):
    """Each attempt has its own replies: a reply of an earlier attempt at the same scenario is
    never returned as this attempt's original."""
    finish(attempt, answer)
    fresh = start_practice(app, users[Role.TRAINEE], SLUG)
    mine = db.session.get(Attempt, fresh.id)
    with pytest.raises(ReplyRejected, match=re.escape(STALE) + "$"):
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


def test_two_tabs_answering_at_once_both_get_the_reply_that_stands(app, attempt):
    """Both tabs read the conversation before either sends: the database keeps one reply, and
    the slower tab is shown that one, not its own."""
    barrier = threading.Barrier(2)
    results = {}

    def send(text: str) -> None:
        with app.app_context():
            mine = db.session.get(Attempt, attempt.id)
            assert mine.current_step == "opening" and not mine.replies
            barrier.wait()
            results[text] = submit_reply(mine, "opening", text)

    threads = [threading.Thread(target=send, args=(f"{RUDE} (tab {n})",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = results.values()
    assert first.reply.id == second.reply.id and first.reply.text == second.reply.text
    assert sorted([first.duplicate, second.duplicate]) == [False, True]
