"""Drawing a candidate's scenarios from a pool: reproducible, by difficulty, not by token."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.helpers import candidate_row, invite_to
from trainer.database import db
from trainer.hiring.drawing import draw, mix_problem, plan_for
from trainer.hiring.models import Candidate
from trainer.library.models import ScenarioVersion

POOL = [(id_, difficulty) for difficulty in (1, 2, 3) for id_ in range(difficulty * 10,
                                                                        difficulty * 10 + 5)]
MIX = {"1": 1, "2": 2, "3": 1}


def test_a_draw_is_the_same_for_the_same_candidate_and_respects_the_mix():
    first = draw(7, 42, POOL, MIX)
    assert first == draw(7, 42, list(reversed(POOL)), dict(reversed(MIX.items())))
    difficulty = dict(POOL)
    assert Counter(difficulty[id_] for id_ in first) == {1: 1, 2: 2, 3: 1}
    assert [difficulty[id_] for id_ in first] == sorted(difficulty[id_] for id_ in first)
    assert len(set(first)) == 4


def test_candidates_get_comparable_but_not_identical_draws():
    draws = {tuple(draw(7, candidate, POOL, MIX)) for candidate in range(1, 21)}
    assert len(draws) > 10
    assert draw(7, 1, POOL, MIX) != draw(8, 1, POOL, MIX) or draw(7, 2, POOL, MIX) != draw(
        8, 2, POOL, MIX)


def test_a_mix_larger_than_the_pool_is_explained():
    assert mix_problem([1, 1, 2], {"1": 2, "2": 1}) is None
    assert "fewer than the 2 to draw" in mix_problem([1, 2], {"2": 2})
    assert mix_problem([1, 2], {}) == "Draw at least one scenario."
    with pytest.raises(ValueError):
        draw(1, 1, POOL, {"4": 1})


def test_the_plan_stored_at_the_invitation_is_the_reproducible_draw(app, library,
                                                                   make_assignment):
    slugs = ("hosting-ssl-expired", "hosting-content-edit", "crm-automation-trigger",
             "crm-csv-import", "crm-reminder-timezone", "hosting-shop-outage")
    assignment_id = make_assignment(slugs=slugs, selection="pool", mix={"1": 2, "2": 1})
    invited = [invite_to(app, assignment_id, email=f"c{n}@example.com") for n in range(6)]
    plans = [candidate_row(app, one.id).plan for one in invited]
    with app.app_context():
        for one, plan in zip(invited, plans, strict=True):
            candidate = db.session.get(Candidate, one.id)
            assert plan_for(candidate.assignment, candidate) == plan
            levels = [db.session.get(ScenarioVersion, id_).difficulty for id_ in plan]
            assert levels == [1, 1, 2]
    assert len({tuple(plan) for plan in plans}) > 1
