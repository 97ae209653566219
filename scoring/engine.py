"""score_reply: one reply, with or without a scenario step, becomes a ScoreCard."""

from __future__ import annotations

from dataclasses import dataclass

from . import formula
from .card import Evidence, FactResult, FactStatus, NeverResult, PointResult, ScoreCard
from .feedback import build_feedback
from .format.model import Fact, Never, Point, Step
from .matching import Phrase, compile_phrase, find_all, find_first
from .politeness import read_politeness
from .text import Analysis

_BLANK_FEEDBACK = "Write a reply to the customer: this one has no words."
_CACHE_LIMIT = 1024


@dataclass(frozen=True, slots=True)
class CompiledStep:
    """A step's items with their phrases compiled, ready to match many replies."""

    points: tuple[tuple[Point, tuple[Phrase, ...]], ...]
    facts: tuple[tuple[Fact, tuple[Phrase, ...], tuple[Phrase, ...]], ...]
    never: tuple[tuple[Never, tuple[Phrase, ...]], ...]


# By id() of the Step; the step is kept alongside so a recycled id is never mistaken for it.
_compiled: dict[int, tuple[Step, CompiledStep]] = {}


def compile_step(step: Step) -> CompiledStep:
    """The compiled step, cached per Step object (phrases are also cached one by one)."""
    cached = _compiled.get(id(step))
    if cached is not None and cached[0] is step:
        return cached[1]
    expect = step.expect
    compiled = CompiledStep(
        points=tuple((point, _phrases(point.phrases)) for point in expect.points),
        facts=tuple((fact, _phrases(fact.phrases), _phrases(fact.wrong)) for fact in expect.facts),
        never=tuple((item, _phrases(item.phrases)) for item in expect.never),
    )
    if len(_compiled) >= _CACHE_LIMIT:
        _compiled.clear()
    _compiled[id(step)] = (step, compiled)
    return compiled


def score_reply(
    reply: str, step: Step | None = None, weights: formula.Weights = formula.DEFAULT_WEIGHTS
) -> ScoreCard:
    """Score a reply on politeness and, given a step, correctness and completeness.

    Any text is accepted; a reply without a single word scores 0. Raises TypeError when
    `reply` is not a string.
    """
    if not isinstance(reply, str):
        raise TypeError(f"reply must be a str, not {type(reply).__name__}")
    analysis = Analysis(reply)
    reading = read_politeness(analysis)
    points, facts, never = _match_step(compile_step(step), analysis) if step else ((), (), ())
    if not analysis.tokens:
        blank = None if step is None else 0
        return ScoreCard(
            0,
            blank,
            blank,
            0,
            points,
            facts,
            never,
            reading.markers,
            reading.polarity,
            (_BLANK_FEEDBACK,),
        )
    politeness = formula.politeness(reading.markers, reading.polarity, reading.length)
    correctness = completeness = None
    if step is not None:
        correctness = formula.correctness(facts, never, weights)
        completeness = formula.completeness(points)
    overall = formula.overall(
        politeness,
        correctness,
        completeness,
        violated=any(item.violated for item in never),
        wrong_fact=any(fact.status is FactStatus.WRONG for fact in facts),
        weights=weights,
    )
    feedback = build_feedback(
        politeness, reading.markers, points, facts, never, step_given=step is not None
    )
    return ScoreCard(
        politeness,
        correctness,
        completeness,
        overall,
        points,
        facts,
        never,
        reading.markers,
        reading.polarity,
        feedback,
    )


def _phrases(sources: list[str]) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(source) for source in sources)


def _match_step(
    compiled: CompiledStep, analysis: Analysis
) -> tuple[tuple[PointResult, ...], tuple[FactResult, ...], tuple[NeverResult, ...]]:
    points = []
    for point, phrases in compiled.points:
        evidence = find_first(phrases, analysis)
        points.append(
            PointResult(point.id, point.label, point.weight, evidence is not None, evidence)
        )
    facts = [_match_fact(fact, right, wrong, analysis) for fact, right, wrong in compiled.facts]
    never = []
    for item, phrases in compiled.never:
        evidence = find_first(phrases, analysis)
        never.append(NeverResult(item.id, item.label, item.weight, evidence is not None, evidence))
    return tuple(points), tuple(facts), tuple(never)


def _match_fact(
    fact: Fact, right: tuple[Phrase, ...], wrong: tuple[Phrase, ...], analysis: Analysis
) -> FactResult:
    """Wrong when a wrong phrase matches (even if a right one does too), else right or missing.

    A wrong match inside a longer right one does not count: "an hour" is not wrong in "a
    quarter of an hour" when the latter is right.
    """
    wrong_matches = find_all(wrong, analysis)
    if wrong_matches:
        right_matches = find_all(right, analysis)
        wrong_matches = [
            evidence
            for evidence in wrong_matches
            if not any(_contains(longer, evidence) for longer in right_matches)
        ]
    if wrong_matches:
        return FactResult(fact.id, fact.label, fact.weight, FactStatus.WRONG, wrong_matches[0])
    evidence = find_first(right, analysis)
    status = FactStatus.MISSING if evidence is None else FactStatus.RIGHT
    return FactResult(fact.id, fact.label, fact.weight, status, evidence)


def _contains(outer: Evidence, inner: Evidence) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer != inner
