"""Where a trainee stands on the ladder, given the evaluation and the ranks already awarded.

Pure: the services feed it what the database holds. The rules:
- the current rank is the highest rank with a valid award, or the first rank;
- promotion goes one rank at a time, from the current rank up, while each next rank is met;
- a revoked rank is never awarded again automatically: it blocks the way up until an admin acts.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trainer.progress.evaluation import AttemptFact, RankResult
from trainer.progress.ladder import Ladder, Rank

TREND_LENGTH = 10


@dataclass(frozen=True)
class Standing:
    current: Rank
    current_level: int
    next: Rank | None
    next_result: RankResult | None
    blocked: bool  # the next rank was awarded and revoked: it will not be awarded again

    @property
    def promotion_due(self) -> bool:
        """The next rank is met but not recorded yet (the ladder changed since the last
        evaluation)."""
        return self.next_result is not None and self.next_result.met and not self.blocked

    @property
    def summary(self) -> str:
        """"3 of 5 requirements for Support Specialist (L2)", or why there is no next step."""
        if self.next is None or self.next_result is None:
            return "Top of the ladder"
        if self.blocked:
            return f"{self.next.name}: certificate revoked"
        result = self.next_result
        return f"{result.met_count} of {len(result.requirements)} requirements for {self.next.name}"


def current_level(ladder: Ladder, held: Mapping[str, bool]) -> int:
    """The level of the highest validly held rank (`held`: rank id -> award still valid)."""
    levels = [ladder.level(rank_id) for rank_id, valid in held.items() if valid]
    return max((level for level in levels if level is not None), default=0)


def standing_of(
    ladder: Ladder, results: Sequence[RankResult], held: Mapping[str, bool]
) -> Standing:
    level = current_level(ladder, held)
    has_next = level + 1 < len(ladder.ranks)
    next_rank = ladder.ranks[level + 1] if has_next else None
    return Standing(
        current=ladder.ranks[level],
        current_level=level,
        next=next_rank,
        next_result=results[level + 1] if has_next else None,
        blocked=next_rank is not None and held.get(next_rank.id) is False,
    )


def ranks_to_award(
    ladder: Ladder, results: Sequence[RankResult], held: Mapping[str, bool]
) -> list[tuple[int, Rank]]:
    """(level, rank) of each rank to award now, lowest first; empty when nothing changes."""
    due = []
    for level in range(current_level(ladder, held) + 1, len(ladder.ranks)):
        rank = ladder.ranks[level]
        if rank.id in held or not results[level].met:
            break
        due.append((level, rank))
    return due


def recent_overall(attempts: Sequence[AttemptFact]) -> list[int]:
    """Overall scores of the latest finished attempts, oldest first."""
    finished = sorted(
        (a for a in attempts if a.finished_at is not None and a.overall is not None),
        key=lambda a: (a.finished_at, a.attempt_id),
    )
    return [a.overall for a in finished[-TREND_LENGTH:] if a.overall is not None]


def trend(scores: Sequence[int]) -> int | None:
    """The newer half's mean minus the older half's, rounded; None with fewer than 2 scores."""
    if len(scores) < 2:
        return None
    half = len(scores) // 2
    return round(statistics.fmean(scores[-half:]) - statistics.fmean(scores[:half]))
