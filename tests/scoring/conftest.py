"""Fixtures of the scoring tests: a small scenario library and its steps (no app, no database)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from scoring import FactStatus, score_reply
from scoring.format import Scenario, Step, load_library, load_scenario_text
from scoring.matching import compile_phrase
from scoring.text import Analysis

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = FIXTURES / "scenarios"
BROKEN = FIXTURES / "broken"
# The output keys of `python -m scoring`, in the contract's order.
CONTRACT_KEYS = [
    "politeness",
    "correctness",
    "completeness",
    "overall",
    "points",
    "facts",
    "violations",
    "feedback",
]


_HEADER = """\
id: integrity-test
version: 1
title: Integrity tests
domain: web-hosting
persona: rude
channel: chat
difficulty: 2
briefing: {briefing}
steps:
  - id: only
    customer: {customer}
"""


def scenario_text(body: str = "", *, customer: str = "My shop is down!", briefing: str = "") -> str:
    """A one-step scenario; `body` is the step's other keys (expect, tone, examples) as YAML."""
    header = _HEADER.format(briefing=json.dumps(briefing), customer=json.dumps(customer))
    return header + textwrap.indent(textwrap.dedent(body), " " * 4)


def wrong_fact_evidence(reply: str, step: Step, fact_id: str) -> str | None:
    """The evidence of the fact `fact_id` (always wrong when present), or None without it."""
    facts = [fact for fact in score_reply(reply, step).facts if fact.id == fact_id]
    assert all(fact.status is FactStatus.WRONG for fact in facts)
    return facts[0].evidence.text if facts and facts[0].evidence else None


def make_step(body: str = "", *, customer: str = "My shop is down!", briefing: str = "") -> Step:
    return load_scenario_text(scenario_text(body, customer=customer, briefing=briefing)).steps[0]


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_library(SCENARIOS).scenarios["test-shop-outage"]


@pytest.fixture(scope="session")
def step(scenario: Scenario) -> Step:
    """The opening step: two points (ask-domain weighs 2), the fact eta, the never item blame."""
    return scenario.step("opening")


@pytest.fixture(scope="session")
def empty_step(scenario: Scenario) -> Step:
    """A step that expects nothing: no points, facts or never items."""
    return scenario.step("small-talk")


def find(phrase: str, reply: str) -> str | None:
    """The reply's matched words, checked to be exactly the evidence span."""
    evidence = compile_phrase(phrase).find(Analysis(reply))
    if evidence is None:
        return None
    assert reply[evidence.start : evidence.end] == evidence.text
    assert evidence.phrase == phrase
    return evidence.text
