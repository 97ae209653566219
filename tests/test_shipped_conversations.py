"""Every conversation of the shipped library makes sense on every path it can take.

No customer message may take as said what the agent never said, and every conversation ends
with the customer's closing message. The loader proves the first on the branch structure;
these tests also play the conversations with real replies (the model answers, a rude agent, an
evasive one) and check what the customer answers to each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import score_reply
from scoring.format import Scenario, load_library, next_step_id
from scoring.format.endings import open_endings
from scoring.format.paths import conversation_paths, resolve_entry

LIBRARY = load_library(Path(__file__).resolve().parent.parent / "scenarios")
SCENARIOS = [pytest.param(scenario, id=scenario.id) for scenario in LIBRARY.scenarios.values()]
RUDE = "That's not my problem. You should have read the instructions, it's all there."
EVASIVE = "Thanks for your message. I'll look into it and get back to you."


def play(scenario: Scenario, reply_to) -> list[str]:
    """The step ids the conversation visits when every message gets `reply_to(step)`,
    checking on the way that each message's presuppositions were said."""
    said: set[tuple[str, str]] = set()
    visited = []
    step = scenario.steps[0]
    while True:
        visited.append(step.id)
        for entry in step.presupposes:
            assert said.intersection(resolve_entry(scenario, step, entry)), (
                f"{scenario.id}: step '{step.id}' assumes {entry} after {visited}"
            )
        if step.closing is not None:
            return visited
        card = score_reply(reply_to(step), step)
        matched = card.matched_ids()
        said |= {(step.id, item) for item in matched}
        following = next_step_id(scenario, step, card.scores(), matched)
        assert following is not None, f"{scenario.id}: ends after {visited} without a closing"
        step = scenario.step(following)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize(
    "reply_to",
    [
        pytest.param(lambda step: step.model_answer, id="model-answers"),
        pytest.param(lambda step: RUDE, id="rude"),
        pytest.param(lambda step: EVASIVE, id="evasive"),
    ],
)
def test_played_conversation_makes_sense_and_ends_with_the_customer(scenario, reply_to):
    visited = play(scenario, reply_to)
    assert scenario.step(visited[-1]).closing is not None


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_path_ends_with_a_closing_message(scenario):
    paths = list(conversation_paths(scenario))
    assert paths
    endings = [scenario.steps[path.steps[-1]] for path in paths]
    assert [step.id for step in endings if step.closing is None] == []


def test_the_library_has_no_open_ending():
    assert [str(warning) for warning in open_endings(LIBRARY)] == []
