"""Checking a draft through the same loader as `flask scenarios validate`, for the editor."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.examples import Disagreement, scenario_disagreements
from scoring.format import Scenario, ScenarioError, ScenarioFormatError
from scoring.format.endings import scenario_open_endings
from scoring.format.loader import load_scenario_text
from scoring.format.source import SourceMap, read_yaml

WARNING_PREFIX = "warning: "


@dataclass(frozen=True)
class Problem:
    """One message for the editor, on its line (None: about the whole file)."""

    line: int | None
    column: int | None
    message: str
    severity: str  # "error" | "warning"

    @classmethod
    def of(cls, error: ScenarioError) -> Problem:
        warning = error.message.startswith(WARNING_PREFIX)
        message = error.message.removeprefix(WARNING_PREFIX)
        return cls(error.line, error.column, message, "warning" if warning else "error")


@dataclass(frozen=True)
class DraftCheck:
    """The loader's verdict on a draft: the scenario when it loads, and every problem."""

    scenario: Scenario | None
    source: SourceMap | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


def draft_file_name(slug: str) -> str:
    return f"{slug or 'draft'}.yaml"


def check_draft(text: str, file: str = "draft.yaml") -> DraftCheck:
    """Every loader error of the text with its line, or the scenario and its warnings."""
    try:
        scenario = load_scenario_text(text, file)
    except ScenarioFormatError as error:
        return DraftCheck(None, None, [Problem.of(each) for each in error.errors])
    source = read_yaml(text, file)[1]
    warnings = [Problem.of(each) for each in scenario_open_endings(scenario, source)]
    return DraftCheck(scenario, source, warnings)


@dataclass(frozen=True)
class ExampleReport:
    examples: int
    disagreements: list[Disagreement]

    @property
    def agreed(self) -> int:
        return self.examples - len({each.line for each in self.disagreements})


def grade_examples(scenario: Scenario, source: SourceMap) -> ExampleReport:
    """The step examples the scorer grades otherwise than labelled, as `validate` lists them."""
    examples = sum(len(step.examples) for step in scenario.steps)
    return ExampleReport(examples, scenario_disagreements(scenario, source))
