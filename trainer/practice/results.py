"""What an attempt's replies add up to, judged by scoring's pass rule."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from scoring import DIMENSIONS, PassRule
from trainer.practice.models import Attempt, Reply


@dataclass(frozen=True)
class Grade:
    """A reply's grade apart from the stored reply, for a summary: as a mentor corrected it, as
    today's scorer gives it, or standing in for a scenario never reached."""

    politeness: int | None
    correctness: int | None
    completeness: int | None
    overall: int | None
    violation_count: int
    reply_ms: int


@dataclass(frozen=True)
class AttemptResult:
    """An attempt's scores and pass/fail worked out from replies (the machine's grades, or the
    effective ones after a review), before or instead of being stored on the attempt."""

    politeness: int | None = None
    correctness: int | None = None
    completeness: int | None = None
    overall: int | None = None
    violation_count: int | None = None
    median_reply_ms: int | None = None
    passed: bool | None = None


def _mean(values: Sequence[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return round(statistics.fmean(present)) if present else None


def summarise(replies: Sequence[Reply | Grade], rule: PassRule) -> AttemptResult:
    """The mean scores, violation count, median reply time and pass/fail of these replies;
    no replies never pass."""
    means = {name: _mean([getattr(reply, name) for reply in replies])
             for name in (*DIMENSIONS, "overall")}
    violations = sum(reply.violation_count for reply in replies)
    return AttemptResult(
        **means,
        violation_count=violations,
        median_reply_ms=(
            round(statistics.median(reply.reply_ms for reply in replies)) if replies else None
        ),
        passed=bool(replies) and rule.passes(
            means["overall"], [means[name] for name in DIMENSIONS], violations
        ),
    )


def store_result(attempt: Attempt, result: AttemptResult) -> None:
    """Copy the result to the attempt's columns; the caller commits."""
    for name, value in asdict(result).items():
        setattr(attempt, name, value)
