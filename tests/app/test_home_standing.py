"""The trainee's home page shows, from the kept standing, what a full evaluation shows.

The random histories of test_standing_upkeep are played through the upkeep an ending runs;
after every step the home page's next step (standing, certificates, whether any attempt ended,
the scenario to play next) read from the kept standing must equal the one built from a full
evaluation of the history, and the history's tallies from the grouped query must equal those
counted from its attempts.
"""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import count

import pytest
from flask import Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app.test_standing_upkeep import (
    START,
    apply,
    current_versions,
    end_attempt,
    events,
    history_reads,  # noqa: F401 (a fixture)
    upkeep_app,  # noqa: F401 (a fixture)
)
from tests.helpers import signed_in, text_of
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.progress.models import RankStanding
from trainer.progress.next_step import next_step, next_step_of
from trainer.progress.queries import catalogue_entries, history_of, tallies_of
from trainer.progress.recommendations import pass_bars
from trainer.progress.services import current_ladder, evaluate
from trainer.progress.tally import tally

# Longer histories too, so the kept deciding attempts are a small part of them.
long_events = st.lists(st.sampled_from(["exam", "practice"]), min_size=30, max_size=60)


def assert_next_step_equals_full_evaluation(user_id: int) -> None:
    db.session.expire_all()
    user = db.session.get(User, user_id)
    kept = db.session.get(RankStanding, user_id)
    if kept is None:  # no attempt ended yet
        return
    assert kept.deciding_attempts is not None
    ladder = current_ladder()
    assert sorted(tallies_of(user_id, pass_bars(ladder)), key=repr) == sorted(
        tally(history_of(user_id, 0), pass_bars(ladder)), key=repr)
    assert next_step(user) == next_step_of(evaluate(user_id), catalogue_entries())


@pytest.mark.timeout(180)  # about 20 s
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=events)
def test_the_next_step_from_the_kept_standing_equals_a_full_evaluation(
        upkeep_app, make_user, history_reads, history):  # noqa: F811
    trainee, mentor = make_user(Role.TRAINEE), make_user(Role.MENTOR)
    with upkeep_app.app_context():
        versions = current_versions()
        played: list[int] = []
        clock = count()
        for event in history:
            when = START + timedelta(minutes=10 * next(clock))
            apply(event, trainee.id, played, versions, when, mentor.id, full=False)
            reads = history_reads[0]
            if db.session.get(RankStanding, trainee.id) is not None:
                next_step(db.session.get(User, trainee.id))
                assert history_reads[0] == reads, "the home page read the whole history"
            assert_next_step_equals_full_evaluation(trainee.id)


@pytest.mark.timeout(120)
@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(modes=long_events, slugs=st.randoms(use_true_random=False))
def test_a_long_history_gives_the_same_next_step(upkeep_app, make_user, modes, slugs):  # noqa: F811
    trainee = make_user(Role.TRAINEE)
    with upkeep_app.app_context():
        names = sorted(current_versions())
    for number, mode in enumerate(modes):
        end_attempt(upkeep_app, trainee.id, slugs.choice(names),
                    START + timedelta(minutes=10 * number), mode)
    with upkeep_app.app_context():
        assert_next_step_equals_full_evaluation(trainee.id)


def progress_on_home(client) -> str:
    """The home page's pick and rank sections, as a reader sees them."""
    response = client.get("/home")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    sections = re.findall(r'<section[^>]*aria-labelledby="(?:welcome|next-pick|standing)".*?'
                          r"</section>", page, flags=re.S)
    assert sections
    return text_of(Response("".join(sections)))


@pytest.mark.parametrize("staleness", ["missing", "before deciding attempts", "another ladder"])
def test_a_standing_that_cannot_tell_is_rebuilt_from_the_whole_history(
        upkeep_app, make_user, history_reads, staleness):  # noqa: F811
    trainee = make_user(Role.TRAINEE)
    with upkeep_app.app_context():
        slugs = sorted(current_versions())
    for number in range(3):
        end_attempt(upkeep_app, trainee.id, slugs[number], START + timedelta(hours=number))
    client = signed_in(upkeep_app, trainee)
    expected = progress_on_home(client)
    assert "Play next" in expected
    with upkeep_app.app_context():
        change = {"missing": db.delete(RankStanding),
                  "before deciding attempts": db.update(RankStanding).values(
                      deciding_attempts=None),
                  "another ladder": db.update(RankStanding).values(ladder_digest="old")}
        db.session.execute(change[staleness].where(RankStanding.user_id == trainee.id))
        db.session.commit()
    reads = history_reads[0]
    assert progress_on_home(client) == expected
    assert history_reads[0] == reads + 1
    with upkeep_app.app_context():
        kept = db.session.get(RankStanding, trainee.id)
        assert kept.deciding_attempts is not None
        assert kept.ladder_digest == current_ladder().digest()
    assert progress_on_home(client) == expected
    assert history_reads[0] == reads + 1  # kept from then on
