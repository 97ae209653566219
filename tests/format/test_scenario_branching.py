"""Which customer message comes next: first matching rule wins, else the default flow."""

import pytest

from scoring.format import load_scenario_text, next_step_id

POLITE = {"politeness": 90, "correctness": 80, "completeness": 70, "overall": 80}
RUDE = {**POLITE, "politeness": 30}
UNSCORED = {"politeness": None, "correctness": None, "completeness": None, "overall": None}


@pytest.mark.parametrize(
    ("step", "scores", "matched", "expected"),
    [
        ("opening", POLITE, set(), "diagnose"),
        ("opening", RUDE, set(), "escalation"),
        ("opening", POLITE, {"blame"}, "escalation"),
        ("opening", UNSCORED, set(), "diagnose"),
        ("escalation", POLITE, set(), None),
        ("escalation", POLITE, {"apologise-again"}, "diagnose"),
        ("diagnose", RUDE, set(), None),
    ],
    ids=[
        "unconditional-last-rule",
        "score-rule",
        "item-rule-wins-first",
        "no-score-is-false",
        "goto-end",
        "falls-through-to-following-step",
        "last-step-ends",
    ],
)
def test_next_step(good_scenario, step, scores, matched, expected):
    assert next_step_id(good_scenario, good_scenario.step(step), scores, matched) == expected


LINEAR = """
id: linear
version: 1
title: Three steps, no rules
domain: isp
persona: confused
channel: phone
difficulty: 1
steps:
  - id: one
    customer: Hello?
  - id: two
    customer: Is it working now?
  - id: three
    customer: Thanks.
"""


def test_steps_without_rules_follow_the_order_written():
    scenario = load_scenario_text(LINEAR, "linear.yaml")
    order = [next_step_id(scenario, step, POLITE, set()) for step in scenario.steps]
    assert order == ["two", "three", None]
