"""A history summed up per scenario, difficulty, persona and mode: what the recommendations and
the weakest spot read of it.

Pure, like evaluation: built here from the attempts, or by one grouped query
(queries.tallies_of) that hands the page a row per group instead of every attempt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scoring import DIMENSIONS, PassRule
from trainer.progress.evaluation import AttemptFact

SCORES = ("overall", *DIMENSIONS)


@dataclass(frozen=True)
class Tally:
    """The finished attempts of one group: how many, their scores summed, which bars they pass."""

    slug: str
    difficulty: int
    persona: str
    mode: str
    attempts: int
    passed: int  # attempts whose result (the mentor's where corrected) is a pass
    sums: dict[str, int]  # per score in SCORES: the sum of those present
    counts: dict[str, int]  # per score in SCORES: how many are present
    passing: frozenset[PassRule]  # the bars asked about that at least one attempt passes


def tally(attempts: Sequence[AttemptFact], bars: Iterable[PassRule] = ()) -> list[Tally]:
    """The finished attempts grouped, telling for each of `bars` whether a group passes it."""
    groups: dict[tuple[str, int, str, str], list[AttemptFact]] = {}
    for attempt in attempts:
        if attempt.finished_at is not None:
            key = (attempt.slug, attempt.difficulty, attempt.persona, attempt.mode)
            groups.setdefault(key, []).append(attempt)
    bars = frozenset(bars)
    return [
        Tally(
            *key,
            attempts=len(group),
            passed=sum(1 for attempt in group if attempt.passed),
            sums={name: sum(getattr(a, name) for a in group if getattr(a, name) is not None)
                  for name in SCORES},
            counts={name: sum(1 for a in group if getattr(a, name) is not None)
                    for name in SCORES},
            passing=frozenset(bar for bar in bars if any(a.passes(bar) for a in group)),
        )
        for key, group in groups.items()
    ]
