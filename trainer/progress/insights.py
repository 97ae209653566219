"""What a trainee's history says about them: scores over time, strengths and weaknesses.

Pure functions of the finished attempts (evaluation.AttemptFact), for the dashboard's charts,
tables and recommendations.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scoring import DIMENSIONS
from trainer.progress.evaluation import AttemptFact

MAX_CHART_POINTS = 30


@dataclass(frozen=True)
class SeriesPoint:
    """The mean scores of a run of consecutive attempts, labelled by the last one's date."""

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
    points = []
    for start in range(0, len(finished), size):
        group = finished[start:start + size]
        last = group[-1].finished_at
        points.append(SeriesPoint(
            label=last.strftime("%d %b") if last else "",
            attempts=len(group),
            **{name: _mean([getattr(a, name) for a in group]) for name in DIMENSIONS},
        ))
    return points


def persona_breakdown(attempts: Sequence[AttemptFact]) -> list[PersonaRow]:
    """Mean scores per persona the trainee has met, weakest overall first."""
    by_persona: dict[str, list[AttemptFact]] = {}
    for attempt in _finished(attempts):
        by_persona.setdefault(attempt.persona, []).append(attempt)
    rows = [
        PersonaRow(
            persona=persona,
            attempts=len(group),
            passed=sum(1 for a in group if a.passed),
            overall=_mean([a.overall for a in group]),
            **{name: _mean([getattr(a, name) for a in group]) for name in DIMENSIONS},
        )
        for persona, group in by_persona.items()
    ]
    return sorted(rows, key=lambda row: (row.overall if row.overall is not None else 101,
                                         row.persona))


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
