"""What a trainee's history says about them: scores over time, strengths and weaknesses.

Pure functions of the finished attempts (evaluation.AttemptFact), for the dashboard's charts,
tables and recommendations.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from scoring import DIMENSIONS
from trainer.progress.evaluation import AttemptFact
from trainer.progress.tally import SCORES, Tally, tally

MAX_CHART_POINTS = 30


@dataclass(frozen=True)
class SeriesPoint:
    """The mean scores of a run of consecutive attempts, labelled by the last one's date (with
    its time, or the attempts' numbers, where the date alone would repeat)."""

    label: str
    attempts: int
    politeness: int | None
    correctness: int | None
    completeness: int | None


@dataclass(frozen=True)
class PersonaRow:
    persona: str
    attempts: int
    passed: int
    politeness: int | None
    correctness: int | None
    completeness: int | None
    overall: int | None

    def score(self, dimension: str) -> int | None:
        return getattr(self, dimension)


@dataclass(frozen=True)
class WeakSpot:
    """The lowest mean score of one dimension with one persona (None without history)."""

    persona: str | None
    dimension: str | None
    score: int | None


def _finished(attempts: Sequence[AttemptFact]) -> list[AttemptFact]:
    return sorted(
        (a for a in attempts if a.finished_at is not None),
        key=lambda a: (a.finished_at, a.attempt_id),
    )


def _mean(values: Sequence[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return round(statistics.fmean(present)) if present else None


def score_series(attempts: Sequence[AttemptFact], max_points: int = MAX_CHART_POINTS
                 ) -> list[SeriesPoint]:
    """At most `max_points` points over time; beyond that, neighbours are averaged together."""
    finished = _finished(attempts)
    size = max(1, -(-len(finished) // max_points))  # ceiling division
    groups = [finished[start:start + size] for start in range(0, len(finished), size)]
    spans = [(start + 1, start + len(group))
             for start, group in zip(range(0, len(finished), size), groups, strict=True)]
    labels = _distinct_labels([group[-1].finished_at for group in groups], spans)
    return [
        SeriesPoint(
            label=label,
            attempts=len(group),
            **{name: _mean([getattr(a, name) for a in group]) for name in DIMENSIONS},
        )
        for label, group in zip(labels, groups, strict=True)
    ]


_LABEL_STYLES: list[Callable[[datetime, tuple[int, int]], str]] = [
    lambda when, span: when.strftime("%d %b"),
    lambda when, span: when.strftime("%d %b %H:%M"),
    lambda when, span: (f"Attempt {span[0]}" if span[0] == span[1]
                        else f"Attempts {span[0]}-{span[1]}"),
]


def _distinct_labels(ends: Sequence[datetime], spans: Sequence[tuple[int, int]]) -> list[str]:
    """Each point's label in the first style that no other point shares: the date, the date
    and time, else the numbers of its attempts (`spans`: first and last, counted from 1)."""
    labels = [""] * len(ends)
    pending = list(range(len(ends)))
    for style in _LABEL_STYLES:
        tried = {index: style(ends[index], spans[index]) for index in pending}
        counts = Counter(tried.values())
        for index, label in tried.items():
            if counts[label] == 1 or style is _LABEL_STYLES[-1]:
                labels[index] = label
        pending = [index for index in pending if not labels[index]]
    return labels


def persona_breakdown(attempts: Sequence[AttemptFact]) -> list[PersonaRow]:
    """Mean scores per persona the trainee has met, weakest overall first."""
    return persona_rows(tally(attempts))


def persona_rows(tallies: Sequence[Tally]) -> list[PersonaRow]:
    """persona_breakdown from the history's tallies."""
    by_persona: dict[str, list[Tally]] = {}
    for group in tallies:
        by_persona.setdefault(group.persona, []).append(group)
    rows = [
        PersonaRow(
            persona=persona,
            attempts=sum(group.attempts for group in groups),
            passed=sum(group.passed for group in groups),
            **{name: _mean_of(sum(group.sums[name] for group in groups),
                              sum(group.counts[name] for group in groups))
               for name in SCORES},
        )
        for persona, groups in by_persona.items()
    ]
    return sorted(rows, key=lambda row: (row.overall if row.overall is not None else 101,
                                         row.persona))


def _mean_of(total: int, count: int) -> int | None:
    """_mean of `count` scores summing to `total` (fmean of integers is their sum over their
    count, so both round alike)."""
    return round(total / count) if count else None


def dimension_means(attempts: Sequence[AttemptFact]) -> dict[str, int | None]:
    finished = _finished(attempts)
    return {name: _mean([getattr(a, name) for a in finished]) for name in DIMENSIONS}


def weakest_spot(rows: Sequence[PersonaRow]) -> WeakSpot:
    """The persona and dimension to work on: the lowest cell of the persona table."""
    cells = [
        (score, row.persona, name)
        for row in rows
        for name in DIMENSIONS
        if (score := row.score(name)) is not None
    ]
    if not cells:
        return WeakSpot(None, None, None)
    score, persona, dimension = min(cells)
    return WeakSpot(persona, dimension, score)
