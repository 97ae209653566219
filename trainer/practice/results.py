"""What an attempt's replies add up to, and the pass rule ranks build on."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.practice.models import Attempt, Reply

DIMENSIONS = ("politeness", "correctness", "completeness")


@dataclass(frozen=True)
class PassRule:
    """An attempt passes when overall and each dimension reach their bar with no violation."""

    overall: int = 70
    each_dimension: int = 60
    max_violations: int = 0

    def passes(self, attempt: Attempt) -> bool:
        dimensions = [getattr(attempt, name) or 0 for name in DIMENSIONS]
        return (
            (attempt.overall or 0) >= self.overall
            and all(score >= self.each_dimension for score in dimensions)
            and (attempt.violation_count or 0) <= self.max_violations
        )


DEFAULT_PASS_RULE = PassRule()


def _mean(values: Sequence[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return round(statistics.fmean(present)) if present else None


def summarise(attempt: Attempt, replies: Sequence[Reply], rule: PassRule) -> None:
    """Fill the attempt's scores, violation count, median reply time and pass/fail."""
    for name in (*DIMENSIONS, "overall"):
        setattr(attempt, name, _mean([getattr(reply, name) for reply in replies]))
    attempt.violation_count = sum(reply.violation_count for reply in replies)
    attempt.median_reply_ms = (
        round(statistics.median(reply.reply_ms for reply in replies)) if replies else None
    )
    attempt.passed = bool(replies) and rule.passes(attempt)


@dataclass
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
