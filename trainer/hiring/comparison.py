"""Candidates side by side: for each scenario of their tests, a row per step and a column per
candidate, so that the replies to the same customer message sit next to each other.

Conversations branch: a candidate's path may skip a step another one answered, and then their
cell at that step is empty. Candidates drawn from a pool may have scenarios the others do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.format import Step
from trainer.hiring.results import CandidateResult, ScenarioResult, turn_reviews_of
from trainer.library.catalogue import parsed_scenario
from trainer.library.models import ScenarioVersion
from trainer.practice.presenters import Turn, turns
from trainer.review.grades import EffectiveScores, effective_scores
from trainer.review.models import TurnReview


@dataclass(frozen=True)
class Cell:
    """One candidate's turn at a step and, once answered, the reply's grade as it counts (with
    the manager's correction, if any)."""

    turn: Turn
    grade: EffectiveScores | None = None


@dataclass(frozen=True)
class StepRow:
    step: Step
    cells: list[Cell | None]  # one per candidate; None: the step is not on their path


@dataclass(frozen=True)
class ScenarioRows:
    version: ScenarioVersion
    scenarios: list[ScenarioResult | None]  # one per candidate; None: not in their test
    rows: list[StepRow]


def side_by_side(results: list[CandidateResult]) -> list[ScenarioRows]:
    """Every scenario any of these candidates was given, in the order of their tests."""
    versions: dict[int, ScenarioVersion] = {}
    given: dict[int, list[ScenarioResult | None]] = {}
    for column, result in enumerate(results):
        for scenario in result.scenarios:
            versions.setdefault(scenario.version.id, scenario.version)
            given.setdefault(scenario.version.id, [None] * len(results))[column] = scenario
    reviews = turn_reviews_of([scenario.attempt.id for scenarios in given.values()
                               for scenario in scenarios if scenario and scenario.attempt])
    return [_rows(versions[version_id], scenarios, reviews)
            for version_id, scenarios in given.items()]


def _rows(version: ScenarioVersion, scenarios: list[ScenarioResult | None],
          reviews: dict[int, TurnReview]) -> ScenarioRows:
    cells: dict[str, list[Cell | None]] = {}
    for column, scenario in enumerate(scenarios):
        if scenario is None or scenario.attempt is None:
            continue
        for turn in turns(scenario.attempt):
            grade = effective_scores(turn.reply, reviews.get(turn.reply.id)) if turn.reply else None
            cells.setdefault(turn.step.id, [None] * len(scenarios))[column] = Cell(turn, grade)
    steps = parsed_scenario(version).steps
    return ScenarioRows(version, scenarios,
                        [StepRow(step, cells[step.id]) for step in steps if step.id in cells])
