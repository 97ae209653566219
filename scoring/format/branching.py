"""Which step the customer plays next, given how the trainee's reply scored.

The rules of a step's `next` are tried in order and the first that holds wins; when none holds
(or there are none) the conversation flows to the following step, or ends after the last one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .conditions import parse_condition
from .model import Scenario, Step

END = "end"


def next_step_id(
    scenario: Scenario,
    step: Step,
    scores: Mapping[str, int | None],
    matched: Collection[str],
) -> str | None:
    """The id of the step to play after `step`, or None when the conversation ends.

    `scores` maps politeness, correctness, completeness and overall to 0..100 (or None);
    `matched` holds the ids of covered points, facts stated right and violated never items.
    Expects a scenario that passed the loader's checks.
    """
    for rule in step.next:
        if rule.if_ is None or parse_condition(rule.if_).holds(scores, matched):
            return None if rule.goto == END else rule.goto
    return _following_step_id(scenario, step)


def _following_step_id(scenario: Scenario, step: Step) -> str | None:
    """The default flow: the step written after `step`, or None after the last step."""
    ids = [candidate.id for candidate in scenario.steps]
    position = ids.index(step.id)
    return ids[position + 1] if position + 1 < len(ids) else None


def falls_through(step: Step) -> bool:
    """Whether the default flow can apply: no rules, or a last rule that has an `if`."""
    return not step.next or step.next[-1].if_ is not None
