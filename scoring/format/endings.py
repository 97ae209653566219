"""Warnings about conversations that stop dead: a path that ends without the customer's
closing message. Older files end that way and still load, so these are warnings, not errors.
"""

from __future__ import annotations

from .errors import ScenarioError
from .loader import Library, source_map
from .model import Scenario
from .paths import conversation_paths
from .source import SourceMap

_REMEDY = (
    "add a last step with 'closing: resolved', 'closing: unhappy' or 'closing: handed-on' "
    "and lead there"
)


def open_endings(library: Library) -> list[ScenarioError]:
    """One warning per way out of a step that ends the conversation without a closing message."""
    warnings = []
    for scenario_id, scenario in library.scenarios.items():
        warnings += scenario_open_endings(scenario, source_map(library.paths[scenario_id]))
    return warnings


def scenario_open_endings(scenario: Scenario, source: SourceMap) -> list[ScenarioError]:
    """The open endings of one scenario, placed with its source map."""
    ends = {
        path.moves[-1].loc: path.moves[-1].described
        for path in conversation_paths(scenario)
        if path.moves[-1].target is None
    }
    return [
        source.error(loc, f"warning: {way} ends the conversation with no closing message "
                     f"from the customer: {_REMEDY}")
        for loc, way in ends.items()
    ]
