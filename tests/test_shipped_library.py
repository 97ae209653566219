"""The shipped scenario library: its coverage, and model answers that the scorer rates as model.

A scenario and its model answer must never drift apart: every model answer covers all its
points, states every fact right, commits no violation and scores overall at least 85.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scoring import DEFAULT_WEIGHTS, score_reply
from scoring.examples import check_examples
from scoring.format import Persona, load_library

LIBRARY = load_library(Path(__file__).resolve().parent.parent / "scenarios")
STEPS = [
    pytest.param(scenario, step, id=f"{scenario.id}/{step.id}")
    for scenario in LIBRARY.scenarios.values()
    for step in scenario.steps
    if step.closing is None
]
DOMAINS = ("web-hosting", "crm", "ad-network", "office-it")
MODEL_ANSWER_MINIMUM = 85


@pytest.mark.parametrize(("scenario", "step"), STEPS)
def test_model_answer_scores_as_a_model(scenario, step):
    assert step.model_answer, "every step needs a model answer"
    card = score_reply(step.model_answer, step)
    assert [p.id for p in card.points if not p.covered] == []
    assert {f.id: f.status.value for f in card.facts if f.status.value != "right"} == {}
    assert [n.id for n in card.never if n.violated] == []
    assert card.overall >= MODEL_ANSWER_MINIMUM, card.to_contract()


@pytest.mark.parametrize(("scenario", "step"), STEPS)
def test_the_model_answers_key_terms_as_a_list_score_far_below_it(scenario, step):
    """Pasting the terms that earned the model answer its credit, as a comma list, is no
    reply: it stays under the list cap and well below the answer it was taken from."""
    card = score_reply(step.model_answer, step)
    terms = [
        item.evidence.text for item in (*card.points, *card.facts) if item.evidence is not None
    ]
    listed = score_reply(", ".join(dict.fromkeys(terms)), step)
    assert listed.overall <= DEFAULT_WEIGHTS.list_cap
    assert listed.overall <= card.overall - 10
    assert not listed.passes()


RUDE_ADDITIONS = [
    "Honestly, this is your own fault.",
    "As outlined in the email we sent, which you may have missed, this was all explained.",
    "I'm sure reading the notice was too hard.",
    "Not that you'd understand any of this.",
]


@pytest.mark.parametrize("addition", RUDE_ADDITIONS)
def test_a_model_answer_with_one_rude_sentence_fails_on_every_step(addition):
    failing = [
        f"{scenario.id}/{step.id}"
        for scenario in LIBRARY.scenarios.values()
        for step in scenario.steps
        if step.closing is None and score_reply(f"{step.model_answer} {addition}", step).passes()
    ]
    assert failing == []


def test_every_labelled_example_is_graded_as_its_author_says():
    assert [str(disagreement) for disagreement in check_examples(LIBRARY)] == []


def test_library_size_and_domains():
    domains = Counter(scenario.domain for scenario in LIBRARY.scenarios.values())
    assert len(LIBRARY.scenarios) >= 30
    assert all(domains[domain] >= 4 for domain in DOMAINS), domains


def test_every_persona_appears_at_least_twice():
    personas = Counter(scenario.persona for scenario in LIBRARY.scenarios.values())
    assert {persona: personas[persona] for persona in Persona if personas[persona] < 2} == {}


def test_every_difficulty_has_at_least_four_scenarios():
    levels = Counter(scenario.difficulty for scenario in LIBRARY.scenarios.values())
    assert all(levels[level] >= 4 for level in range(1, 6)), levels


def test_steps_and_branching():
    scenarios = list(LIBRARY.scenarios.values())
    replies = {s.id: sum(1 for step in s.steps if step.closing is None) for s in scenarios}
    assert {name: count for name, count in replies.items() if not 2 <= count <= 7} == {}
    branching = [s.id for s in scenarios if any(b.if_ for step in s.steps for b in step.next)]
    assert len(branching) >= 10, branching


@pytest.mark.parametrize(("scenario", "step"), STEPS)
def test_each_step_expects_two_to_four_points_and_a_never_item(scenario, step):
    assert 2 <= len(step.expect.points) <= 4
    assert step.expect.never
