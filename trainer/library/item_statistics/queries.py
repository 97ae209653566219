"""Reading a scenario's graded replies for its item statistics, in a fixed number of queries.

Two queries do the work whatever the history's size: one row per reply with its machine grade
and its review's values (plain columns), and the outcomes of every point, fact and never item
counted per step in the database, read from the stored score cards with the database's JSON
functions (decoding thousands of cards in Python would take longer than the page may).
Only trainees' attempts count: a hiring candidate's attempt is graded by a manager, not
reviewed by a mentor.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, union_all
from sqlalchemy.orm import defer

from scoring import DIMENSIONS
from trainer.database import db
from trainer.library.catalogue import parsed_scenario
from trainer.library.item_statistics.figures import (
    GradedReply,
    ItemCount,
    StepFigures,
    graded_reply,
    step_figures,
)
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, Reply
from trainer.review.grades import KINDS
from trainer.review.models import AttemptReview, TurnReview

# The field of a stored card's item that holds its machine outcome, per kind.
OUTCOME_FIELD = {"points": "covered", "facts": "status", "never": "violated"}


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


def _of_scenario(scenario_id: int, version: int | None):
    """The conditions that pick the replies counted: trainees' attempts at this scenario
    (at one version of it, when given)."""
    conditions = [ScenarioVersion.scenario_id == scenario_id, Attempt.user_id.is_not(None)]
    if version is not None:
        conditions.append(ScenarioVersion.version == version)
    return conditions


def graded_replies(scenario_id: int, version: int | None = None) -> list[GradedReply]:
    """Every counted reply with the grade that counts, in one query."""
    query = (
        select(
            Reply.attempt_id, Reply.step_id,
            *(getattr(Reply, name) for name in DIMENSIONS), Reply.overall, Reply.violation_count,
            *(getattr(TurnReview, name) for name in DIMENSIONS),
            TurnReview.effective_overall, TurnReview.effective_violation_count,
            AttemptReview.id.is_not(None),
        )
        .join(Attempt, Reply.attempt_id == Attempt.id)
        .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
        .outerjoin(TurnReview, TurnReview.reply_id == Reply.id)
        .outerjoin(AttemptReview, AttemptReview.attempt_id == Attempt.id)
        .where(*_of_scenario(scenario_id, version))
    )
    return [
        graded_reply(attempt_id, step_id, row[:5], row[5:10], bool(row[10]))
        for attempt_id, step_id, *row in db.session.connection().execute(query)
    ]


class _JsonFunctions:
    """The few JSON functions the item counts need, as SQLite and PostgreSQL spell them."""

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"

    def elements(self, kind: str):
        """The items of one kind of each reply's card, as a table with a `value` column."""
        if self.sqlite:
            return func.json_each(Reply.card, f"$.{kind}").table_valued("value")
        return func.json_array_elements(Reply.card.op("->")(kind)).table_valued("value")

    def field(self, item: ColumnElement, name: str) -> ColumnElement:
        if self.sqlite:
            return func.json_extract(item, f"$.{name}")
        return item.op("->>")(name)

    def correction(self, kind: str, item_id: ColumnElement) -> ColumnElement:
        """The mentor's outcome of the item, NULL where they left the machine's."""
        if self.sqlite:  # item ids are slugs: nothing to escape inside the quotes
            return func.json_extract(TurnReview.outcomes, f'$.{kind}."' + item_id + '"')
        return TurnReview.outcomes.op("->")(kind).op("->>")(item_id)


def item_counts(scenario_id: int, version: int | None = None) -> list[ItemCount]:
    """How many counted replies to each step ended with each outcome of each item, mentors'
    corrections applied, in one query."""
    json = _JsonFunctions(db.session.get_bind().dialect.name)
    parts = []
    for kind in KINDS:
        item = json.elements(kind)
        item_id = json.field(item.c.value, "id")
        outcome = func.coalesce(
            json.correction(kind, item_id), json.field(item.c.value, OUTCOME_FIELD[kind])
        )
        parts.append(
            select(Reply.step_id, literal(kind).label("kind"), item_id.label("item_id"),
                   func.max(json.field(item.c.value, "label")).label("label"),
                   outcome.label("outcome"), func.count().label("replies"))
            .select_from(Reply)
            .join(Attempt, Reply.attempt_id == Attempt.id)
            .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
            .outerjoin(TurnReview, TurnReview.reply_id == Reply.id)
            .join(item, literal(True))
            .where(*_of_scenario(scenario_id, version))
            .group_by(Reply.step_id, item_id, outcome)
        )
    return [
        ItemCount(step_id, kind, item_id, label, _outcome(kind, outcome), replies)
        for step_id, kind, item_id, label, outcome, replies
        in db.session.connection().execute(union_all(*parts))
    ]


def _outcome(kind: str, value: object) -> bool | str:
    """A stored outcome as the card means it: SQLite gives 1/0 for JSON booleans, PostgreSQL's
    `->>` the text 'true'/'false'."""
    if kind == "facts":
        return str(value)
    return value in (1, True, "true")


def stored_versions(scenario_id: int) -> list[ScenarioVersion]:
    """Every imported version of the scenario, newest first (bodies loaded only if parsed)."""
    return list(db.session.execute(
        select(ScenarioVersion).options(defer(ScenarioVersion.body))
        .where(ScenarioVersion.scenario_id == scenario_id)
        .order_by(ScenarioVersion.version.desc())
    ).scalars())


def scenario_statistics(
    slug: str, versions: list[ScenarioVersion], version: int | None = None
) -> ScenarioStatistics:
    """The figures of every step of the scenario whose `stored_versions` are given: all
    versions together, or only `version`."""
    shown = [stored for stored in versions if version in (None, stored.version)]
    steps: dict[str, str] = {}
    for stored in shown:  # the newest version's order first, then steps only older ones have
        for step in parsed_scenario(stored).steps:
            if step.closing is None:
                steps.setdefault(step.id, step.customer)
    scenario_id = versions[0].scenario_id
    replies = graded_replies(scenario_id, version)
    return ScenarioStatistics(
        slug=slug,
        title=versions[0].title,
        versions=tuple(sorted(stored.version for stored in versions)),
        version=version,
        attempts=len({reply.attempt_id for reply in replies}),
        replies=len(replies),
        steps=step_figures(replies, item_counts(scenario_id, version), list(steps.items())),
    )
