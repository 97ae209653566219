"""Reading a scenario's item statistics from the tallies: a few aggregate queries, the same
however many replies were counted."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from trainer.database import db
from trainer.library.catalogue import parsed_scenario
from trainer.library.item_statistics.figures import (
    COUNTERS,
    StepFigures,
    StepTotals,
    step_figures,
)
from trainer.library.item_statistics.models import CountedAttempt, ItemTally, StepTally
from trainer.library.models import ScenarioVersion


@dataclass(frozen=True)
class ScenarioStatistics:
    slug: str
    title: str
    versions: tuple[int, ...]  # every imported version, oldest first
    version: int | None  # the version the figures are limited to; None: all of them
    attempts: int
    replies: int
    steps: list[StepFigures]

    def to_json(self) -> dict[str, Any]:
        """Everything as JSON-ready data; shares and rates are fractions (0 to 1)."""
        data = asdict(self)
        for step, figures in zip(data["steps"], self.steps, strict=True):
            step["pass_rate"] = figures.pass_rate
            step["corrections"]["share"] = figures.corrections.share
        return data


def stored_versions(scenario_id: int) -> list[ScenarioVersion]:
    """Every imported version of the scenario, newest first (a body is read only to parse it
    the first time)."""
    return list(db.session.execute(
        select(ScenarioVersion).options(defer(ScenarioVersion.body))
        .where(ScenarioVersion.scenario_id == scenario_id)
        .order_by(ScenarioVersion.version.desc())
    ).scalars())


def _counted(model, scenario_id: int, version: int | None) -> list:
    conditions = [model.scenario_id == scenario_id]
    if version is not None:
        conditions.append(model.version == version)
    return conditions


def step_totals_of(scenario_id: int, version: int | None = None) -> dict[str, StepTotals]:
    """Each counted step's totals, summed over the versions asked for."""
    rows = db.session.execute(
        select(StepTally.step_id, *(func.sum(getattr(StepTally, name)) for name in COUNTERS))
        .where(*_counted(StepTally, scenario_id, version))
        .group_by(StepTally.step_id)
    )
    return {step_id: StepTotals(*sums) for step_id, *sums in rows if sums[0]}


def item_counts_of(scenario_id: int, version: int | None = None) -> list[tuple]:
    """((step, kind, item, outcome), label, replies) of every counted item outcome."""
    rows = db.session.execute(
        select(ItemTally.step_id, ItemTally.kind, ItemTally.item_id, ItemTally.outcome,
               func.max(ItemTally.label), func.sum(ItemTally.replies))
        .where(*_counted(ItemTally, scenario_id, version))
        .group_by(ItemTally.step_id, ItemTally.kind, ItemTally.item_id, ItemTally.outcome)
    )
    return [((step_id, kind, item_id, outcome), label, replies)
            for step_id, kind, item_id, outcome, label, replies in rows]


def scenario_statistics(
    slug: str, versions: list[ScenarioVersion], version: int | None = None
) -> ScenarioStatistics:
    """The figures of every step of the scenario whose `stored_versions` are given: all
    versions together, or only `version`."""
    scenario_id = versions[0].scenario_id
    steps: dict[str, str] = {}
    for stored in versions:  # the newest version's order first, then steps only older ones have
        if version in (None, stored.version):
            for step in parsed_scenario(stored).steps:
                if step.closing is None:
                    steps.setdefault(step.id, step.customer)
    totals = step_totals_of(scenario_id, version)
    attempts = db.session.execute(
        select(func.count()).select_from(CountedAttempt)
        .where(*_counted(CountedAttempt, scenario_id, version))
    ).scalar_one()
    return ScenarioStatistics(
        slug=slug,
        title=versions[0].title,
        versions=tuple(sorted(stored.version for stored in versions)),
        version=version,
        attempts=attempts,
        replies=sum(step.replies for step in totals.values()),
        steps=step_figures(totals, item_counts_of(scenario_id, version), list(steps.items())),
    )
