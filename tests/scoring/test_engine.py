"""score_reply end to end on a scenario step, and the score card's views of the result."""

from __future__ import annotations

import json

import pytest

from scoring import SCORER_VERSION, FactStatus, ScoreCard, Weights, score_reply
from scoring.engine import compile_step
from scoring.format import Step

from .conftest import CONTRACT_KEYS

MODEL = (
    "I'm so sorry your shop is down, I understand how frustrating this is. Our engineers "
    "expect it back by 15:00. Which domain is affected?"
)


def test_model_answer_scores_high(step: Step) -> None:
    card = score_reply(MODEL, step)
    assert card.to_contract() == {
        "politeness": card.politeness,
        "correctness": 100,
        "completeness": 100,
        "overall": card.overall,
        "points": {"apologise": True, "ask-domain": True},
        "facts": {"eta": "right"},
        "violations": [],
        "feedback": ["Good reply: polite, correct and complete."],
    }
    assert card.politeness >= 80 and card.overall >= 90


def test_evidence_spans_point_into_the_reply(step: Step) -> None:
    card = score_reply(MODEL, step)
    for item in (*card.points, *card.facts):
        assert item.evidence is not None
        assert MODEL[item.evidence.start : item.evidence.end] == item.evidence.text
    for marker in card.markers:
        assert MODEL[marker.start : marker.end] == marker.text


def test_wrong_fact_and_violation(step: Step) -> None:
    card = score_reply("There is no outage, you broke the shop yourself. Which domain?", step)
    assert card.to_contract()["facts"] == {"eta": "wrong"}
    assert card.to_contract()["violations"] == ["blame"]
    assert card.correctness == 0
    assert card.overall <= 40
    assert card.feedback[0] == "Avoid 'you broke': it blames the customer."


def test_negated_blame_is_no_violation(step: Step) -> None:
    card = score_reply("This is not your fault at all, I'm sorry. Back by 3 pm.", step)
    assert card.to_contract()["violations"] == []
    assert card.to_contract()["facts"] == {"eta": "right"}


def test_without_a_step_only_politeness_is_scored() -> None:
    card = score_reply("Thank you for your patience.")
    assert card.correctness is None and card.completeness is None
    assert card.overall == card.politeness
    assert card.to_contract()["points"] == {} and card.to_contract()["violations"] == []


def test_step_without_expectations_is_correct_and_complete(empty_step: Step) -> None:
    card = score_reply("It is going fine, thanks for asking!", empty_step)
    assert (card.correctness, card.completeness) == (100, 100)


@pytest.mark.parametrize("reply", ["", "   ", "!!! ???", "\U0001f600\U0001f600"])
def test_reply_without_words_scores_zero(step: Step, reply: str) -> None:
    card = score_reply(reply, step)
    assert card.scores() == {"politeness": 0, "correctness": 0, "completeness": 0, "overall": 0}
    assert len(card.feedback) == 1
    assert score_reply(reply).scores()["correctness"] is None


def test_reply_must_be_text() -> None:
    with pytest.raises(TypeError):
        score_reply(None)  # type: ignore[arg-type]


def test_weights_change_the_overall_score(step: Step) -> None:
    reply = "Which domain is it? Back by 15:00."
    default = score_reply(reply, step)
    politeness_only = score_reply(reply, step, Weights(1, 0, 0))
    assert politeness_only.overall == default.politeness != default.overall


def test_matched_ids_and_scores_feed_branching(step: Step) -> None:
    card = score_reply("Sorry! It's your fault, but it is back by 15:00.", step)
    assert card.matched_ids() == frozenset({"apologise", "eta", "blame"})
    assert set(card.scores()) == {"politeness", "correctness", "completeness", "overall"}


def test_card_round_trips_through_json(step: Step) -> None:
    card = score_reply("Sorry, there's no outage. YOU broke it!!! Which domain?", step)
    stored = json.loads(json.dumps(card.to_dict()))
    again = ScoreCard.from_dict(stored)
    assert again == card
    assert again.facts[0].status is FactStatus.WRONG
    assert stored["version"] == SCORER_VERSION
    assert stored["markers"] and stored["points"][0]["evidence"]["text"] == "Sorry"


def test_contract_shape_is_exact(step: Step) -> None:
    contract = score_reply("hello", step).to_contract()
    assert list(contract) == CONTRACT_KEYS
    assert all(isinstance(contract[key], int) for key in list(contract)[:4])
    assert 1 <= len(contract["feedback"]) <= 4


def test_steps_are_compiled_once(step: Step) -> None:
    assert compile_step(step) is compile_step(step)


def test_scoring_is_deterministic(step: Step) -> None:
    reply = "I'm sorry!! Could u tell me ur domian? It'll be back at 3pm, obviously."
    assert score_reply(reply, step) == score_reply(reply, step)
