"""The calibration page: agreement between the scorer and the mentors over every review.

The page reads the counts kept beside the reviewed turns (band pairs per month and dimension,
outcomes per item, corrections per step: see trainer.calibration.reviewed), so it runs the same
few small queries however long the history is; only the most corrected turns of the top steps
are looked up among the turns. Kappa, precision and recall are computed from the counts by
`trainer.calibration.agreement`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, select, tuple_

from scoring import DIMENSIONS
from trainer.auth.models import Role, User
from trainer.calibration.agreement import AgreementTally, ItemAgreement, ScoreAgreement
from trainer.calibration.models import BandCount, ItemCount, ReviewedTurn, StepCount
from trainer.database import db
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt
from trainer.review.grades import KINDS

TOP_STEPS = 10
TURNS_PER_STEP = 3


@dataclass(frozen=True)
class MonthPoint:
    """Kappa per dimension of the turns reviewed in one month (None: undefined)."""

    label: str
    turns: int
    politeness: float | None
    correctness: float | None
    completeness: float | None


@dataclass(frozen=True)
class ItemRow:
    scenario: str
    step_id: str
    kind: str
    item_id: str
    label: str
    agreement: ItemAgreement


@dataclass(frozen=True)
class TurnLink:
    attempt_id: int
    position: int
    difference: int
    items_changed: int
    openable: bool  # the viewer may open the attempt's review page


@dataclass(frozen=True)
class StepRow:
    scenario_id: int
    scenario: str
    step_id: str
    turns: int
    corrected: int
    mean_difference: float  # of the sum of the three score changes, over the step's turns
    worst: tuple[TurnLink, ...] = ()


@dataclass(frozen=True)
class Overview:
    turns: int
    corrected: int
    dimensions: dict[str, ScoreAgreement]
    series: tuple[MonthPoint, ...]
    kinds: dict[str, ItemAgreement]
    items: list[ItemRow]
    steps: list[StepRow]


def _band_counts() -> list:
    return db.session.execute(
        select(BandCount.dimension, BandCount.month, BandCount.machine_band,
               BandCount.effective_band, BandCount.turns, BandCount.difference)
        .where(BandCount.turns > 0)
    ).all()


def _agreement(rows: list) -> tuple[dict[str, ScoreAgreement], tuple[MonthPoint, ...], int]:
    overall = {name: AgreementTally() for name in DIMENSIONS}
    monthly: dict[int, dict[str, AgreementTally]] = defaultdict(
        lambda: {name: AgreementTally() for name in DIMENSIONS}
    )
    for dimension, month, machine, effective, turns, difference in rows:
        for tally in (overall[dimension], monthly[month][dimension]):
            tally.add_group(int(machine), int(effective), int(turns), float(difference))
    series = tuple(
        MonthPoint(f"{month // 100}-{month % 100:02d}", tallies["politeness"].pairs,
                   *(tallies[name].result().kappa for name in DIMENSIONS))
        for month, tallies in sorted(monthly.items())
    )
    return ({name: tally.result() for name, tally in overall.items()}, series,
            overall["politeness"].pairs)


def _titles() -> dict[int, str]:
    rows = db.session.execute(
        select(ScenarioRecord.id, ScenarioRecord.slug, ScenarioVersion.title).outerjoin(
            ScenarioVersion, ScenarioRecord.current_version_id == ScenarioVersion.id
        )
    )
    return {scenario_id: title or slug for scenario_id, slug, title in rows}


def _items(titles: dict[int, str]) -> list[ItemRow]:
    rows = [
        ItemRow(titles.get(scenario_id, "?"), step_id, kind, item_id, label,
                ItemAgreement(*counts))
        for scenario_id, step_id, kind, item_id, label, *counts in db.session.execute(
            select(ItemCount.scenario_id, ItemCount.step_id, ItemCount.kind, ItemCount.item_id,
                   ItemCount.label, ItemCount.true_positive, ItemCount.false_positive,
                   ItemCount.false_negative, ItemCount.true_negative))
    ]
    rows = [row for row in rows if row.agreement.total]
    rows.sort(key=lambda row: (-row.agreement.disagreements, row.scenario, row.step_id,
                               KINDS.index(row.kind), row.item_id))
    return rows


def _step_rows(titles: dict[int, str]) -> list[StepRow]:
    """Every step with reviewed turns, the most corrected turns first (then the largest mean
    score change)."""
    rows = [
        StepRow(scenario_id, titles.get(scenario_id, "?"), step_id, turns, corrected,
                difference / turns)
        for scenario_id, step_id, turns, corrected, difference in db.session.execute(
            select(StepCount.scenario_id, StepCount.step_id, StepCount.turns,
                   StepCount.corrected, StepCount.difference).where(StepCount.turns > 0))
    ]
    rows.sort(key=lambda row: (-row.corrected, -row.mean_difference, row.scenario, row.step_id))
    return rows


def _with_worst_turns(top: list[StepRow], viewer: User) -> list[StepRow]:
    """The steps, each with its most corrected turns (largest score change first)."""
    if not top:
        return []
    key = (ReviewedTurn.scenario_id, ReviewedTurn.step_id)
    ranked = (
        select(ReviewedTurn.attempt_id, ReviewedTurn.position, *key,
               ReviewedTurn.score_difference, ReviewedTurn.items_changed,
               func.row_number().over(
                   partition_by=key,
                   order_by=(ReviewedTurn.score_difference.desc(),
                             ReviewedTurn.items_changed.desc(), ReviewedTurn.reply_id.desc()),
               ).label("rank"))
        .where(tuple_(*key).in_([(step.scenario_id, step.step_id) for step in top]),
               ReviewedTurn.corrected)
        .subquery()
    )
    worst: dict[tuple[int, str], list[TurnLink]] = defaultdict(list)
    for turn in db.session.execute(
        select(ranked, User.mentor_id)
        .join(Attempt, Attempt.id == ranked.c.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .where(ranked.c.rank <= TURNS_PER_STEP)
        .order_by(ranked.c.rank)
    ):
        openable = viewer.role is Role.ADMIN or turn.mentor_id == viewer.id
        worst[(turn.scenario_id, turn.step_id)].append(TurnLink(
            turn.attempt_id, turn.position, turn.score_difference, turn.items_changed, openable
        ))
    return [replace(step, worst=tuple(worst[(step.scenario_id, step.step_id)]))
            for step in top]


def overview(viewer: User) -> Overview:
    """Agreement over all reviews; links to turns only where `viewer` may open the review
    (its trainee's mentor, or an admin: as on the review page)."""
    dimensions, series, turns = _agreement(_band_counts())
    titles = _titles()
    items = _items(titles)
    kinds = {kind: sum((row.agreement for row in items if row.kind == kind), ItemAgreement())
             for kind in KINDS}
    steps = _step_rows(titles)
    top = [step for step in steps if step.corrected][:TOP_STEPS]
    return Overview(turns, sum(step.corrected for step in steps), dimensions, series, kinds,
                    items, _with_worst_turns(top, viewer))
