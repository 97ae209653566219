"""Named phrase sets shared by every scenario, and the tone rules checked on every step.

The sets live in scoring/phrase_sets.yaml. A scenario writes "@name" among an item's phrases
to reuse a set; a set marked `every_step` is a tone rule, checked on every step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SET_PREFIX = "@"
# Phrases the politeness lexicon can read: words, apostrophes and hyphens only.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z' -]*")
_FILE = Path(__file__).with_name("phrase_sets.yaml")


@dataclass(frozen=True)
class PhraseSet:
    """A named list of phrases; a tone rule when `every_step`."""

    id: str
    label: str
    phrases: tuple[str, ...]
    every_step: bool = False
    # Never items of a step that take this rule's hits as their own.
    reported_as: tuple[str, ...] = ()
    # The politeness strategy its plain phrases also count as (scoring/strategies.py).
    politeness: str | None = None


@cache
def phrase_sets() -> dict[str, PhraseSet]:
    """Every named set by id, in file order (read once per process)."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {
        name: PhraseSet(
            id=name,
            label=entry["label"],
            phrases=tuple(_text(name, phrase) for phrase in entry["phrases"]),
            every_step=bool(entry.get("every_step", False)),
            reported_as=tuple(entry.get("reported_as", ())),
            politeness=entry.get("politeness"),
        )
        for name, entry in data.items()
    }


def _text(name: str, phrase: object) -> str:
    if not isinstance(phrase, str):
        raise TypeError(f"phrase set {name!r}: {phrase!r} is not text (quote it in the YAML)")
    return phrase


def politeness_phrases() -> list[tuple[str, str]]:
    """(strategy, phrase) for the plain phrases of the sets that also cost courtesy; patterns
    stay with the tone rules, which read them."""
    return [
        (entry.politeness, phrase.lower())
        for entry in phrase_sets().values()
        if entry.politeness is not None
        for phrase in entry.phrases
        if _PLAIN.fullmatch(phrase)
    ]


def tone_rules() -> tuple[PhraseSet, ...]:
    """The sets checked on every step."""
    return tuple(entry for entry in phrase_sets().values() if entry.every_step)


def set_name(phrase: str) -> str | None:
    """The set a phrase refers to ("@argue" -> "argue"), or None for an ordinary phrase."""
    return phrase[len(SET_PREFIX) :].strip() if phrase.startswith(SET_PREFIX) else None


def expand(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases with every "@name" replaced by the set's phrases, without repeats; raises
    KeyError for an unknown set (the loader reports those first)."""
    expanded: dict[str, None] = {}
    for phrase in phrases:
        name = set_name(phrase)
        for each in phrase_sets()[name].phrases if name is not None else (phrase,):
            expanded.setdefault(each, None)
    return tuple(expanded)
