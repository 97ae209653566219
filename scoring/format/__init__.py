"""The scenario file format: typed models, the YAML loader with precise errors, and branching."""

from .branching import next_step_id
from .conditions import Condition, parse_condition
from .errors import ScenarioError, ScenarioFormatError
from .loader import Library, content_hash, load_library, load_scenario_file, load_scenario_text
from .model import Channel, Persona, Scenario, Step

__all__ = [
    "Channel",
    "Condition",
    "Library",
    "Persona",
    "Scenario",
    "ScenarioError",
    "ScenarioFormatError",
    "Step",
    "content_hash",
    "load_library",
    "load_scenario_file",
    "load_scenario_text",
    "next_step_id",
    "parse_condition",
]
