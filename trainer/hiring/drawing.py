"""Which scenarios a candidate plays: the fixed list, or a draw from the pool by difficulty.

A draw is seeded with the assignment's and the candidate's ids (never the token), so it can be
repeated and checked; every candidate of a pool gets the same number of scenarios of each
difficulty, so tests are comparable without being identical.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from trainer.hiring.models import Candidate, HiringAssignment, Selection


def draw(
    assignment_id: int,
    candidate_id: int,
    pool: Sequence[tuple[int, int]],
    mix: Mapping[str, int],
) -> list[int]:
    """Version ids drawn from `pool` ((version id, difficulty) pairs): `mix[level]` of each
    difficulty, easiest first. Raises ValueError when a level has too few scenarios."""
    rng = random.Random(f"hiring:{assignment_id}:{candidate_id}")  # noqa: S311 (not secret)
    chosen: list[int] = []
    for level in sorted(mix, key=int):
        members = sorted(version_id for version_id, difficulty in pool if difficulty == int(level))
        chosen += rng.sample(members, mix[level])  # ValueError when asking for more than exist
    return chosen


def plan_for(assignment: HiringAssignment, candidate: Candidate) -> list[int]:
    """The scenario version ids the candidate will play, in order (the candidate has an id)."""
    if assignment.selection is Selection.FIXED:
        return [item.scenario_version_id for item in assignment.scenarios]
    pool = [(item.scenario_version_id, item.scenario_version.difficulty)
            for item in assignment.scenarios]
    return draw(assignment.id, candidate.id, pool, assignment.draw_mix)


def mix_problem(pool_difficulties: Sequence[int], mix: Mapping[str, int]) -> str | None:
    """Why this mix cannot be drawn from a pool with these difficulties, or None."""
    if sum(mix.values()) < 1:
        return "Draw at least one scenario."
    for level, wanted in sorted(mix.items()):
        available = sum(1 for difficulty in pool_difficulties if difficulty == int(level))
        if wanted > available:
            return (f"The pool has {available} scenario{'' if available == 1 else 's'} of "
                    f"difficulty {level}, fewer than the {wanted} to draw.")
    return None
