"""The fitted tone model: rudeness in words no rule lists, judged a sentence at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import score_reply
from scoring.format import load_library
from scoring.text import Analysis
from scoring.tone import FITTED_PHRASE, find_tone
from scoring.tone_model import (
    FINE,
    SHORT_WORDS,
    ToneModel,
    load_model,
    sentence_features,
    without_vocatives,
    word_class,
)

from .conftest import make_step

NO_NEVER = make_step()
SHIPPED = load_library(Path(__file__).parents[2] / "scenarios")


def fitted(reply: str) -> list[tuple[str, str]]:
    return [
        (hit.rule.id, hit.evidence.text)
        for hit in find_tone(Analysis(reply))
        if hit.evidence.phrase == FITTED_PHRASE
    ]


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Wow, deleting the live folder on a Friday, bold move.", "sarcasm"),
        ("Congratulations on finding the one button that wipes everything.", "sarcasm"),
    ],
)
def test_rudeness_no_rule_lists_is_found_with_its_sentence_as_evidence(
    sentence: str, rule: str
) -> None:
    reply = f"Your files are safe in the backup from 02:00. {sentence} I can restore it now."
    assert fitted(reply) == [(rule, sentence.rstrip("."))]
    card = score_reply(reply, NO_NEVER)
    violated = [item for item in card.never if item.violated]
    assert [item.id for item in violated] == [rule]
    assert violated[0].evidence.phrase == FITTED_PHRASE
    assert not card.passes()


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks for your patience while we sort this out.",
        "I can see the renewal notice went to the billing address on file, so let us update "
        "it together.",
        "To stop this happening again, turn on automatic renewal under Billing.",
        "Nothing you did caused this, and I am sorry it cost you a morning.",
        "Your balance is under Payments > Balance. I do hope this helps.",
        "I do hope this puts your mind at ease, Grace.",
        "Grace, I do hope my answer clears things up!",
    ],
)
def test_fine_sentences_are_left_alone(reply: str) -> None:
    assert fitted(reply) == []


@pytest.mark.parametrize(
    ("faulty", "fine", "rule"),
    [
        (
            "Thanks a million for the twelve screenshots of the same error, Paula.",
            "Thanks for the screenshots of the error, Paula, they show exactly where it fails.",
            "sarcasm",
        ),
        (
            "I'll go through it once more, very slowly this time, so it sticks.",
            "I'll go through it once more, step by step, so nothing gets missed.",
            "condescension",
        ),
        (
            "Your IT team could not set up a mailbox to save their lives.",
            "Mailbox setup is fiddly, so I'll send your IT team the exact settings.",
            "insult",
        ),
        (
            "That's your developer's problem, not ours.",
            "That part sits with your developer, and I'm happy to send him the server logs.",
            "argue",
        ),
    ],
)
def test_of_two_versions_of_a_sentence_only_the_faulty_one_is_flagged(
    faulty: str, fine: str, rule: str
) -> None:
    assert fitted(faulty) == [(rule, faulty.rstrip("."))]
    assert fitted(fine) == []


def test_a_closing_wish_with_more_to_it_is_still_judged() -> None:
    assert [rule for rule, _ in fitted("I do hope that's plain enough this time.")]


def test_quoted_words_are_the_customers_and_are_not_judged() -> None:
    sentence = "Wow, deleting the live folder on a Friday, bold move."
    assert fitted(f'You wrote "{sentence}" and I understand.') == []


def test_no_model_answer_of_the_library_is_flagged() -> None:
    flagged = [
        (scenario.id, step.id, fitted(step.model_answer))
        for scenario in SHIPPED.scenarios.values()
        for step in scenario.steps
        if step.model_answer and fitted(step.model_answer)
    ]
    assert flagged == []


def test_a_step_switching_the_rule_off_silences_the_fitted_hit_too() -> None:
    reply = "Wow, deleting the live folder on a Friday, bold move."
    muted = make_step("tone: {off: [sarcasm]}")
    assert [item.id for item in score_reply(reply, muted).never if item.violated] == []


def test_a_rule_already_caught_in_the_sentence_is_not_reported_twice() -> None:
    hits = find_tone(Analysis("It's your own fault, frankly."))
    assert [hit.rule.id for hit in hits] == ["blame"]


def test_features_generalise_over_the_customer_hedges_and_evaluation() -> None:
    analysis = Analysis("You may have overlooked the brilliant guide.")
    features = sentence_features(analysis.tokens)
    assert "g:YOU HEDGE" in features
    assert "c:PRAISE" in features
    assert any(feature.startswith("y:") for feature in features)
    assert word_class("your") == "YOU" and word_class("careless") == "REPROACH"
    assert word_class("printer") is None


def test_chances_are_a_distribution_and_the_fine_class_is_required() -> None:
    model = load_model()
    chances = model.chances(["w:nonexistent-feature"])
    assert set(chances) == set(model.classes)
    assert sum(chances.values()) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        ToneModel.from_dict(
            {"classes": ["blame"], "bias": [0], "weights": {}, "threshold": 0.5, "provenance": {}}
        )
    assert FINE in model.classes
    with pytest.raises(ValueError):
        ToneModel.from_dict(
            {
                "classes": [FINE, "blame"],
                "bias": [0, 0],
                "weights": {"w:you": [1.0]},
                "threshold": 0.5,
                "provenance": {},
            }
        )


@pytest.mark.parametrize(
    ("sentence", "judged"),
    [
        (
            "Dear Mr Aldana, I'm not sure how much plainer I can make it",
            "I'm not sure how much plainer I can make it",
        ),
        (
            "Typing in capitals won't unlock anything faster, Oliver.",
            "Typing in capitals won't unlock anything faster",
        ),
        ("Sorry, Jamal, it slipped through.", "sorry it slipped through"),
        ("Hi Grace!", "hi grace"),
    ],
)
def test_a_clause_that_only_addresses_the_customer_is_not_judged(
    sentence: str, judged: str
) -> None:
    analysis = Analysis(sentence)
    tokens = without_vocatives(list(analysis.tokens), sentence)
    assert [token.word for token in tokens] == [token.word for token in Analysis(judged).tokens]


def test_a_short_sentence_must_be_surer_to_be_flagged() -> None:
    # Chance of fine: 1 / (1 + e^3) = 0.047, between half the threshold and the threshold.
    model = ToneModel.from_dict(
        {
            "classes": [FINE, "insult"],
            "bias": [0.0, 3.0],
            "weights": {},
            "threshold": 0.06,
            "provenance": {},
        }
    )
    assert model.fault([], words=SHORT_WORDS) == "insult"
    assert model.fault([], words=SHORT_WORDS - 1) is None


@pytest.mark.parametrize(
    ("fault", "flagged"),
    [
        ("insult", True),
        ("blame", False),
        ("condescension", False),
        ("dismissive", False),
        ("veiled-blame", True),
    ],
)
def test_each_fault_is_judged_against_its_own_bar(fault: str, flagged: bool) -> None:
    # Chance of fine: 1 / (1 + e^3) = 0.047, under the file's 0.06, over the 0.03 that
    # blame, condescension and dismissiveness need, under veiled blame's 0.12.
    model = ToneModel.from_dict(
        {
            "classes": [FINE, fault],
            "bias": [0.0, 3.0],
            "weights": {},
            "threshold": 0.06,
            "provenance": {},
        }
    )
    assert (model.fault([]) == fault) is flagged


def test_veiled_blame_the_fit_half_doubts_is_flagged() -> None:
    # Chance of fine: 1 / (1 + e^2.5) = 0.076: over the file's threshold, under veiled blame's.
    model = ToneModel.from_dict(
        {
            "classes": [FINE, "veiled-blame", "blame"],
            "bias": [0.0, 2.5, -5.0],
            "weights": {},
            "threshold": 0.06,
            "provenance": {},
        }
    )
    assert model.fault([]) == "veiled-blame"
