"""Feedback sentences: built from item labels and markers, most urgent first, one to four."""

from __future__ import annotations

import pytest

from scoring import Evidence, FactResult, FactStatus, Marker, NeverResult, PointResult, Strategy
from scoring.feedback import MAX_SENTENCES, build_feedback


def test_missing_point_becomes_a_you_didnt_sentence() -> None:
    points = [PointResult("ask-domain", "Asks which domain is affected", 1, False)]
    assert build_feedback(80, [], points, step_given=True) == (
        "You didn't ask which domain is affected.",
    )


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (
            "Apologises and acknowledges the impact",
            "You didn't apologise and acknowledge the impact.",
        ),
        (
            "Gives the expected recovery time (15:00)",
            "You didn't give the expected recovery time (15:00).",
        ),
        ("Verifies the account owner", "You didn't verify the account owner."),
        (
            "Says how the customer will be kept informed",
            "You didn't say how the customer will be kept informed.",
        ),
        ("Explains refunds and credits", "You didn't explain refunds and credits."),
        ("SLA credit on the next invoice", "Cover this next time: SLA credit on the next invoice."),
        ("Status page", "Cover this next time: status page."),
    ],
)
def test_labels_are_turned_into_advice(label: str, sentence: str) -> None:
    points = [PointResult("p", label, 1, False)]
    assert build_feedback(80, [], points)[0] == sentence


def test_violation_comes_first_and_quotes_the_reply() -> None:
    never = [
        NeverResult(
            "blame", "Blames the customer", 1, True, Evidence("your fault", "your fault", 4, 14)
        )
    ]
    points = [PointResult("p", "Asks which domain is affected", 1, False)]
    feedback = build_feedback(80, [], points, (), never)
    assert feedback[0] == "Avoid 'your fault': it blames the customer."


def test_wrong_fact_names_the_right_one() -> None:
    facts = [
        FactResult(
            "eta",
            "Gives the expected recovery time (15:00)",
            1,
            FactStatus.WRONG,
            Evidence("tomorrow", "tomorrow", 0, 8),
        )
    ]
    assert build_feedback(80, [], (), facts)[0] == (
        "'Tomorrow' is not right; give the expected recovery time (15:00) instead."
    )


def test_rude_wording_gets_concrete_advice() -> None:
    markers = [Marker(Strategy.DISMISSIVE, "calm down", 0, 9, -2.0)]
    assert build_feedback(30, markers)[0] == (
        "'Calm down' reads as dismissive; acknowledge the frustration instead."
    )


def test_marker_inside_a_violation_is_not_repeated() -> None:
    never = [
        NeverResult(
            "argue", "Argues with the customer", 1, True, Evidence("calm down", "calm down", 0, 9)
        )
    ]
    markers = [Marker(Strategy.DISMISSIVE, "calm down", 0, 9, -2.0)]
    feedback = build_feedback(30, markers, (), (), never)
    assert not any("dismissive" in sentence for sentence in feedback)


def test_heavier_points_come_first_and_at_most_four_sentences() -> None:
    points = [
        PointResult(f"p{i}", f"Asks question {i}", weight, False)
        for i, weight in enumerate([1, 3, 2, 1, 1])
    ]
    feedback = build_feedback(80, [], points)
    assert len(feedback) == MAX_SENTENCES
    assert feedback[:2] == ("You didn't ask question 1.", "You didn't ask question 2.")


def test_cold_reply_is_asked_to_acknowledge_feelings() -> None:
    feedback = build_feedback(40, [])
    assert "Acknowledge how the customer feels" in feedback[-1]


def test_nothing_to_fix_gives_praise() -> None:
    assert build_feedback(90, [], step_given=True) == ("Good reply: polite, correct and complete.",)
    assert build_feedback(90, []) == ("Good reply: clear and polite.",)


def test_long_evidence_is_shortened_in_quotes() -> None:
    text = "word " * 40
    never = [NeverResult("n", "Leaks data", 1, True, Evidence("re:word", text, 0, len(text)))]
    sentence = build_feedback(80, [], (), (), never)[0]
    assert "..." in sentence and len(sentence) < 100
