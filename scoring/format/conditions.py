"""The `if:` of a branching rule: parsed once, then tested against one scored reply.

Grammar: ``<score> <op> <number>`` (score: politeness, correctness, completeness, overall;
op: < <= > >= == !=; number: 0 to 100), or ``<item-id>`` / ``not <item-id>``, where the item is
a point (true when covered), a fact (true when stated right) or a never item (true when violated).
"""

from __future__ import annotations

import difflib
import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from .model import SLUG_PATTERN

SCORES = ("politeness", "correctness", "completeness", "overall")
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_GRAMMAR = "write '<score> <op> <number>' (e.g. 'politeness < 40'), '<item-id>' or 'not <item-id>'"
_TOKEN = re.compile(r"[<>=!]+|[^\s<>=!]+")
_NUMBER = re.compile(r"\d+(\.\d+)?")


class Condition(ABC):
    """A parsed `if:`; `holds` says whether its rule applies to a scored reply."""

    @abstractmethod
    def holds(self, scores: Mapping[str, int | None], matched: Collection[str]) -> bool:
        """`scores` by name (None when not scored); `matched`: ids of covered points, facts
        stated right and violated never items."""


@dataclass(frozen=True)
class ScoreCondition(Condition):
    """Compares one score with a number; a missing or None score never satisfies it."""

    score: str
    op: str
    number: float

    def holds(self, scores: Mapping[str, int | None], matched: Collection[str]) -> bool:
        value = scores.get(self.score)
        return value is not None and OPERATORS[self.op](value, self.number)


@dataclass(frozen=True)
class ItemCondition(Condition):
    """True when the point, fact or never item matched (or did not, with `not`)."""

    item: str
    negated: bool = False

    def holds(self, scores: Mapping[str, int | None], matched: Collection[str]) -> bool:
        return (self.item in matched) != self.negated


def parse_condition(text: str) -> Condition:
    """Parse an `if:` string; raises ValueError saying what to write instead."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        raise ValueError(f"the condition is empty: {_GRAMMAR}")
    if len(tokens) == 3 and tokens[1][0] in "<>=!":
        return _score_condition(*tokens)
    if len(tokens) == 1:
        return ItemCondition(_item_id(tokens[0]))
    if len(tokens) == 2 and tokens[0] == "not":
        return ItemCondition(_item_id(tokens[1]), negated=True)
    raise ValueError(f"cannot read '{text.strip()}': {_GRAMMAR}")


def _score_condition(score: str, op: str, number: str) -> ScoreCondition:
    if score not in SCORES:
        close = difflib.get_close_matches(score, SCORES, n=1)
        remedy = f"did you mean '{close[0]}'?" if close else f"write one of {', '.join(SCORES)}"
        raise ValueError(f"'{score}' is not a score: {remedy}")
    if op not in OPERATORS:
        raise ValueError(f"'{op}' is not a comparison: write one of {' '.join(OPERATORS)}")
    if not _NUMBER.fullmatch(number) or float(number) > 100:
        raise ValueError(f"'{number}' is not a number from 0 to 100, the range of every score")
    return ScoreCondition(score, op, float(number))


def _item_id(word: str) -> str:
    if word in SCORES:
        raise ValueError(f"'{word}' is a score: compare it with a number, e.g. '{word} < 40'")
    if not re.fullmatch(SLUG_PATTERN, word):
        raise ValueError(
            f"'{word}' is not a point, fact or never id: ids are lowercase letters, digits "
            "and hyphens"
        )
    return word
