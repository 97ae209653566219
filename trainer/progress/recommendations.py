"""Which scenarios to play next: the ones that close the gap to the next rank.

Pure: the catalogue, the history and the evaluation in; two or three picks with the reason for
each out. A pick should count towards an open requirement (right difficulty, a customer type not
handled yet, a scenario not passed yet) and train the weakest area (persona x dimension).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring import PassRule
from trainer.formatting import value_label
from trainer.progress.evaluation import AttemptFact, RankResult
from trainer.progress.insights import WeakSpot
from trainer.progress.ladder import Ladder, PersonasHandled, Rank, ScenariosPassed
from trainer.progress.tally import Tally, tally

MAX_PICKS = 3


@dataclass(frozen=True)
class CatalogueEntry:
    slug: str
    title: str
    difficulty: int
    persona: str
    domain: str


@dataclass(frozen=True)
class Recommendation:
    slug: str
    title: str
    difficulty: int
    persona: str
    mode: str  # exam where it can count, practice where the trainee has practised it already
    reasons: tuple[str, ...]


def _open_requirements(rank: Rank | None, result: RankResult | None):
    """The next rank's unmet requirements that playing a scenario can close."""
    if rank is None or result is None:
        return []
    return [
        requirement
        for index, requirement in enumerate(rank.requirements)
        if not result.requirement_met(index)
        and isinstance(requirement, ScenariosPassed | PersonasHandled)
    ]


def pass_bars(ladder: Ladder) -> frozenset[PassRule]:
    """Every bar the recommendations may judge a pass by: the ladder's and its requirements'."""
    return frozenset({ladder.pass_rule.rule} | {
        ladder.bar(requirement)
        for rank in ladder.ranks
        for requirement in rank.requirements
        if isinstance(requirement, ScenariosPassed | PersonasHandled)
    })


def recommend(
    ladder: Ladder,
    next_rank: Rank | None,
    next_result: RankResult | None,
    attempts: Sequence[AttemptFact],
    catalogue: Sequence[CatalogueEntry],
    weak: WeakSpot,
) -> list[Recommendation]:
    """Up to three scenarios, best first, each with the reasons to play it."""
    return recommend_from_tallies(ladder, next_rank, next_result,
                                  tally(attempts, pass_bars(ladder)), catalogue, weak)


def recommend_from_tallies(
    ladder: Ladder,
    next_rank: Rank | None,
    next_result: RankResult | None,
    tallies: Sequence[Tally],
    catalogue: Sequence[CatalogueEntry],
    weak: WeakSpot,
) -> list[Recommendation]:
    """recommend from the history's tallies (which must tell pass_bars(ladder))."""
    open_requirements = _open_requirements(next_rank, next_result)
    played = {group.slug for group in tallies}
    bar = ladder.bar(open_requirements[0]) if open_requirements else ladder.pass_rule.rule
    passed = {group.slug for group in tallies if bar in group.passing}
    best_passed = max((group.difficulty for group in tallies
                       if ladder.pass_rule.rule in group.passing), default=0)
    target = max(
        (requirement.min_difficulty for requirement in open_requirements),
        default=max(1, best_passed),
    )
    wanted: dict[str, str] = {}
    for requirement in open_requirements:
        if isinstance(requirement, PersonasHandled):
            covered = {group.persona for group in tallies
                       if ladder.bar(requirement) in group.passing}
            for group in requirement.groups:
                if not covered.intersection(group):
                    wanted.update(dict.fromkeys(group, " or ".join(
                        value_label(persona, sentence_start=False) for persona in group)))
    practised = {group.slug for group in tallies if group.mode == "practice"}

    scored = []
    for entry in catalogue:
        # Harder than the target still counts; easier does not, so it costs more.
        gap = entry.difficulty - target
        score, reasons = (-gap if gap >= 0 else 4 * gap), []
        if entry.persona in wanted:
            score += 4
            reasons.append(f"no {wanted[entry.persona]} customer handled yet")
        if weak.persona == entry.persona and weak.dimension:
            score += 2
            reasons.append(f"trains the weakest area: {weak.dimension} with "
                           f"{value_label(entry.persona, sentence_start=False)} customers "
                           f"({weak.score})")
        if entry.slug in passed:
            score -= 3
        elif entry.slug not in played:
            score += 1
            reasons.append("not played yet")
        counts = entry.slug not in practised and next_rank is not None and open_requirements
        if counts and entry.difficulty >= target:
            reasons.append(f"an exam at difficulty {entry.difficulty} counts for "
                           f"{next_rank.name}")
        elif entry.slug in practised and open_requirements:
            score -= 2
            reasons.append("practised already: its exams no longer count for a rank")
        if not reasons:
            reasons.append(f"difficulty {entry.difficulty}, close to the current level")
        scored.append((-score, entry.difficulty, entry.slug, entry, tuple(reasons)))
    scored.sort(key=lambda item: item[:3])
    return [
        Recommendation(entry.slug, entry.title, entry.difficulty, entry.persona,
                       "practice" if entry.slug in practised else "exam", reasons)
        for *_, entry, reasons in scored[:MAX_PICKS]
    ]
