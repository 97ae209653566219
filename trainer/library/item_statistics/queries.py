"""Reading a scenario's item statistics from the tallies: a few aggregate queries, the same
however many replies were counted."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, Integer, bindparam, func, select
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
from trainer.library.models import ScenarioRecord, ScenarioVersion


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


# Built once with parameters, as the progress queries are: building them on each view cost
# more than running them.
_VERSIONS = (
    select(ScenarioVersion).options(defer(ScenarioVersion.body))
    .join(ScenarioRecord, ScenarioVersion.scenario_id == ScenarioRecord.id)
    .where(ScenarioRecord.slug == bindparam("slug"))
    .order_by(ScenarioVersion.version.desc())
)


def _asked_for(model) -> list[ColumnElement[bool]]:
    """The scenario's rows, of one version when `version` is given (NULL: every version)."""
    return [model.scenario_id == bindparam("scenario_id"),
            func.coalesce(bindparam("version", type_=Integer), model.version) == model.version]


_ATTEMPTS = select(func.count()).select_from(CountedAttempt).where(*_asked_for(CountedAttempt))
_STEP_TOTALS = (
    select(StepTally.step_id, *(func.sum(getattr(StepTally, name)) for name in COUNTERS),
           _ATTEMPTS.scalar_subquery())
    .where(*_asked_for(StepTally))
    .group_by(StepTally.step_id)
)
_ITEM_COUNTS = (
    select(ItemTally.step_id, ItemTally.kind, ItemTally.item_id, ItemTally.outcome,
           func.max(ItemTally.label), func.sum(ItemTally.replies))
    .where(*_asked_for(ItemTally))
    .group_by(ItemTally.step_id, ItemTally.kind, ItemTally.item_id, ItemTally.outcome)
)


def stored_versions_or_404(slug: str) -> list[ScenarioVersion]:
    """Every imported version of the scenario, newest first (a body is read only to parse it
    the first time); 404 when there is no such scenario."""
    versions = list(db.session.execute(_VERSIONS, {"slug": slug}).scalars())
    if not versions:
        abort(404)
    return versions


def step_totals_of(scenario_id: int, version: int | None = None) -> tuple[
        dict[str, StepTotals], int]:
    """Each counted step's totals, summed over the versions asked for, and how many attempts
    were counted."""
    rows = db.session.connection().execute(
        _STEP_TOTALS, {"scenario_id": scenario_id, "version": version}).all()
    totals = {step_id: StepTotals(*sums) for step_id, *sums, _ in rows if sums[0]}
    return totals, rows[0][-1] if rows else 0


def item_counts_of(scenario_id: int, version: int | None = None) -> list[tuple]:
    """((step, kind, item, outcome), label, replies) of every counted item outcome."""
    rows = db.session.connection().execute(
        _ITEM_COUNTS, {"scenario_id": scenario_id, "version": version})
    return [((step_id, kind, item_id, outcome), label, replies)
            for step_id, kind, item_id, outcome, label, replies in rows]


def scenario_statistics(
    slug: str, versions: list[ScenarioVersion], version: int | None = None
) -> ScenarioStatistics:
    """The figures of every step of the scenario whose `stored_versions_or_404` are given: all
    versions together, or only `version`."""
    scenario_id = versions[0].scenario_id
    steps: dict[str, str] = {}
    for stored in versions:  # the newest version's order first, then steps only older ones have
        if version in (None, stored.version):
            for step in parsed_scenario(stored).steps:
                if step.closing is None:
                    steps.setdefault(step.id, step.customer)
    totals, attempts = step_totals_of(scenario_id, version)
    return ScenarioStatistics(
        slug=slug,
        title=versions[0].title,
        versions=tuple(sorted(stored.version for stored in versions)),
        version=version,
        attempts=attempts,
        replies=sum(step.replies for step in totals.values()),
        steps=step_figures(totals, item_counts_of(scenario_id, version), list(steps.items())),
    )
