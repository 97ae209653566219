"""Warnings about phrases an item does not need: another of its phrases already says the same,
as written or through the synonym table (scoring/synonyms.py). They cost nothing but a
longer list to keep, so they are warnings, not errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..matching import compile_phrase
from ..phrase_sets import set_name
from .errors import ScenarioError
from .loader import Library, source_map
from .model import Step, regex_source

_LISTS = (("points", "phrases"), ("facts", "phrases"), ("facts", "wrong"), ("never", "phrases"))


def redundant_phrases(library: Library) -> list[ScenarioError]:
    """One warning per phrase whose every wording an earlier phrase of the same list already
    matches."""
    warnings = []
    for scenario_id, scenario in library.scenarios.items():
        source = source_map(library.paths[scenario_id])
        for step_index, step in enumerate(scenario.steps):
            for loc, message in _step_warnings(step):
                warnings.append(source.error(("steps", step_index, "expect", *loc), message))
    return warnings


def _step_warnings(step: Step) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for kind, key in _LISTS:
        for position, item in enumerate(getattr(step.expect, kind)):
            said: dict[tuple[str, ...], str] = {}
            for number, phrase in enumerate(getattr(item, key)):
                if regex_source(phrase) is not None or set_name(phrase) is not None:
                    continue
                forms = compile_phrase(phrase).forms()
                if forms and forms <= said.keys():
                    earlier = said[min(forms)]
                    message = (
                        f"warning: phrase {phrase!r} of {item.id!r} already matches through "
                        f"{earlier!r} (same words or synonyms): you can remove it"
                    )
                    yield (kind, position, key, number), message
                for form in forms:
                    said.setdefault(form, phrase)
