"""What the progress pages show, assembled from an evaluation: the dashboard and the team table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from trainer.progress.evaluation import RankResult, evaluate_ladder
from trainer.progress.insights import (
    PersonaRow,
    SeriesPoint,
    WeakSpot,
    dimension_means,
    persona_rows,
    score_series,
    weakest_spot,
)
from trainer.progress.ladder import Ladder, Rank
from trainer.progress.models import RankAward
from trainer.progress.queries import TeamRow
from trainer.progress.recommendations import (
    CatalogueEntry,
    Recommendation,
    pass_bars,
    recommend_from_tallies,
)
from trainer.progress.services import Evaluation
from trainer.progress.standing import Standing, standing_of
from trainer.progress.tally import tally

SPARK_WIDTH, SPARK_HEIGHT = 90, 24


@dataclass(frozen=True)
class LadderStep:
    rank: Rank
    status: str  # held | next | revoked | later | first
    award: RankAward | None


@dataclass(frozen=True)
class Dashboard:
    evaluation: Evaluation
    current_award: RankAward | None
    ladder_steps: list[LadderStep]
    series: list[SeriesPoint]
    personas: list[PersonaRow]
    dimensions: dict[str, int | None]
    weak: WeakSpot
    recommendations: list[Recommendation]

    @property
    def standing(self) -> Standing:
        return self.evaluation.standing

    @property
    def checklist(self) -> RankResult | None:
        return self.standing.next_result

    @property
    def finished_count(self) -> int:
        return len(self.evaluation.attempts)

    @property
    def corrected_count(self) -> int:
        """Finished attempts whose result a mentor's review changed."""
        return sum(1 for attempt in self.evaluation.attempts if attempt.corrected)

    @property
    def certifying_count(self) -> int:
        """Finished exams that count for a rank."""
        return sum(1 for attempt in self.evaluation.attempts if attempt.certifying)

    def dimension_extremes(self) -> tuple[str | None, str | None]:
        """(strongest, weakest) dimension by mean score; None when they cannot be told apart."""
        present = {name: value for name, value in self.dimensions.items() if value is not None}
        if len(set(present.values())) < 2:
            return None, None
        return max(present, key=present.__getitem__), min(present, key=present.__getitem__)


def build_dashboard(evaluation: Evaluation, catalogue: Sequence[CatalogueEntry]) -> Dashboard:
    ladder, standing = evaluation.ladder, evaluation.standing
    awards = {award.rank_id: award for award in evaluation.awards}
    tallies = tally(evaluation.attempts, pass_bars(ladder))
    personas = persona_rows(tallies)
    weak = weakest_spot(personas)
    return Dashboard(
        evaluation=evaluation,
        current_award=awards.get(standing.current.id),
        ladder_steps=_ladder_steps(ladder, standing, awards),
        series=score_series(evaluation.attempts),
        personas=personas,
        dimensions=dimension_means(evaluation.attempts),
        weak=weak,
        recommendations=recommend_from_tallies(ladder, standing.next, standing.next_result,
                                               tallies, catalogue, weak),
    )


def _ladder_steps(ladder: Ladder, standing: Standing, awards: dict[str, RankAward]
                  ) -> list[LadderStep]:
    steps = []
    for level, rank in enumerate(ladder.ranks):
        award = awards.get(rank.id)
        if level == 0:
            status = "first"
        elif award is not None:
            status = "held" if award.valid else "revoked"
        elif level == standing.current_level + 1:
            status = "next"
        else:
            status = "later"
        steps.append(LadderStep(rank, status, award))
    return steps


@dataclass(frozen=True)
class TeamEntry:
    row: TeamRow
    rank_name: str
    rank_level: int
    next_summary: str
    progress_percent: int
    recent: list[int]
    trend: int | None
    stale: bool

    @property
    def last_activity(self) -> datetime | None:
        return self.row.last_activity

    def sparkline(self) -> str:
        """SVG polyline points for the recent overall scores (0..100, oldest on the left)."""
        if len(self.recent) < 2:
            return ""
        step = SPARK_WIDTH / (len(self.recent) - 1)
        return " ".join(
            f"{index * step:.1f},{SPARK_HEIGHT - score * SPARK_HEIGHT / 100:.1f}"
            for index, score in enumerate(self.recent)
        )


def team_entries(ladder: Ladder, rows: Sequence[TeamRow]) -> list[TeamEntry]:
    """One entry per trainee; those never evaluated stand where an empty history puts them."""
    empty = standing_of(ladder, evaluate_ladder(ladder, []), {})
    digest = ladder.digest()
    entries = []
    for row in rows:
        saved = row.standing
        if saved is None:
            entries.append(TeamEntry(row, empty.current.name, 0, empty.summary,
                                     round(100 * empty.next_result.fraction)
                                     if empty.next_result else 100, [], None, False))
            continue
        current = ladder.rank(saved.rank_id)
        following = ladder.rank(saved.next_rank_id) if saved.next_rank_id else None
        summary = "Top of the ladder" if following is None else (
            f"{saved.requirements_met} of {saved.requirements_total} requirements "
            f"for {following.name}"
        )
        entries.append(TeamEntry(
            row=row,
            rank_name=current.name if current else saved.rank_id,
            rank_level=saved.rank_level,
            next_summary=summary,
            progress_percent=saved.progress_percent,
            recent=list(saved.recent_overall or []),
            trend=saved.trend,
            stale=saved.ladder_digest != digest,
        ))
    return entries


SORT_KEYS = {
    "name": lambda e: (e.row.name.lower(), e.row.user_id),
    "rank": lambda e: (e.rank_level, e.progress_percent, e.row.name.lower()),
    "progress": lambda e: (e.progress_percent, e.rank_level, e.row.name.lower()),
    "activity": lambda e: (e.last_activity or datetime.min, e.row.name.lower()),
    "trend": lambda e: (e.trend if e.trend is not None else -1000, e.row.name.lower()),
}


def sorted_entries(entries: list[TeamEntry], key: str, descending: bool) -> list[TeamEntry]:
    """Entries sorted by a whitelisted key (unknown keys sort by name)."""
    return sorted(entries, key=SORT_KEYS.get(key, SORT_KEYS["name"]), reverse=descending)
