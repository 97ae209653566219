"""Grading a scenario's labelled examples: does the scorer agree with how the author says each
reply must be graded?

Each disagreement names the file and line of the example, so `flask scenarios validate` can
report it the way it reports format errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .card import FactStatus, ScoreCard
from .engine import score_reply
from .format.loader import Library, source_map
from .format.model import Example, Outcome, Scenario
from .format.source import SourceMap
from .phrase_sets import phrase_sets


@dataclass(frozen=True)
class Disagreement:
    """An example the scorer grades otherwise than its label says."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or 0}: {self.message}"


def count_examples(library: Library) -> int:
    return sum(
        len(step.examples) for scenario in library.scenarios.values() for step in scenario.steps
    )


def check_examples(library: Library) -> list[Disagreement]:
    """Every disagreement between the library's examples and the scorer, in file order."""
    found = []
    for scenario_id, scenario in library.scenarios.items():
        path = library.paths[scenario_id]
        found += scenario_disagreements(scenario, source_map(path))
    return found


def scenario_disagreements(scenario: Scenario, source: SourceMap) -> list[Disagreement]:
    """The disagreements of one scenario's examples, placed with its source map."""
    found = []
    lines = _example_lines(source)
    for step_index, step in enumerate(scenario.steps):
        for index, example in enumerate(step.examples):
            for problem in _problems(example, score_reply(example.reply, step)):
                line = lines.get((step_index, index))
                message = f"example {index + 1} ({example.kind}) of step '{step.id}': {problem}"
                found.append(Disagreement(source.file, line, message))
    return found


def _problems(example: Example, card: ScoreCard) -> Iterator[str]:
    passes = card.passes()
    if example.expect is Outcome.PASS and not passes:
        yield f"should pass but does not ({_summary(card)})"
    if example.expect is Outcome.FAIL and passes:
        yield f"should fail but passes ({_summary(card)})"
    if example.violation is not None and not _violated(card, example.violation):
        yield f"violation '{example.violation}' should fire but does not ({_summary(card)})"
    if example.wrong is not None:
        status = {fact.id: fact.status for fact in card.facts}.get(example.wrong)
        if status is not FactStatus.WRONG:
            yield f"fact '{example.wrong}' should come out wrong, not {status}"


def _violated(card: ScoreCard, item_id: str) -> bool:
    """Whether the item fired, or the tone rule of that id fired under a step item it names."""
    violated = {item.id for item in card.never if item.violated}
    rule = phrase_sets().get(item_id)
    return item_id in violated or (rule is not None and bool(violated & set(rule.reported_as)))


def _summary(card: ScoreCard) -> str:
    violations = [item.id for item in card.never if item.violated]
    wrong = [fact.id for fact in card.facts if fact.status is FactStatus.WRONG]
    parts = [
        f"overall {card.overall}, politeness {card.politeness}, correctness {card.correctness}, "
        f"completeness {card.completeness}"
    ]
    if violations:
        parts.append(f"violations {', '.join(violations)}")
    if wrong:
        parts.append(f"wrong facts {', '.join(wrong)}")
    return "; ".join(parts)


def _example_lines(source: SourceMap) -> dict[tuple[int, int], int | None]:
    """Line of each example by (step index, example index)."""
    return {
        loc[1:4:2]: line
        for loc, (line, _) in source.places.items()
        if len(loc) == 4 and loc[0] == "steps" and loc[2] == "examples"
    }

