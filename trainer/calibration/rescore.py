"""What the scorer of today would make of past replies, without changing any stored grade.

Each stored reply is scored again against its step in the scenario version it was played on
(the frozen version, not the current one), and compared with its stored machine grade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import select

from scoring import DEFAULT_PASS_RULE, DIMENSIONS, SCORER_VERSION, score_reply
from trainer.calibration.agreement import AgreementTally, ScoreAgreement
from trainer.database import db
from trainer.library.catalogue import parsed_scenario
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt, Reply
from trainer.practice.results import Grade, summarise
from trainer.review.grades import effective_scores
from trainer.review.models import AttemptReview, TurnReview

SCORES = (*DIMENSIONS, "overall")
COMPARED = (*SCORES, "violation_count")
BATCH = 1000


@dataclass
class Change:
    """How one score would move: over how many replies, how many changed, the sum and the
    largest absolute change."""

    replies: int = 0
    changed: int = 0
    total: int = 0
    largest: int = 0

    def add(self, old: int | None, new: int | None) -> None:
        if old is None or new is None:
            return
        self.replies += 1
        self.changed += old != new
        self.total += new - old
        self.largest = max(self.largest, abs(new - old))

    @property
    def mean(self) -> float:
        return self.total / self.replies if self.replies else 0.0


@dataclass
class VersionReport:
    """The replies first graded by one scorer version."""

    replies: int = 0
    changed: int = 0
    scores: dict[str, Change] = field(default_factory=lambda: {n: Change() for n in COMPARED})


@dataclass(frozen=True)
class Flip:
    attempt_id: int
    scenario: str
    was_passed: bool
    now_passed: bool


@dataclass
class RescoreReport:
    scorer_version: str = SCORER_VERSION
    by_version: dict[str, VersionReport] = field(default_factory=lambda: defaultdict(VersionReport))
    flips: list[Flip] = field(default_factory=list)
    attempts: int = 0
    skipped: int = 0  # replies whose step is missing from their scenario version
    # Kappa of stored vs. rescored machine grades against the mentors, on reviewed turns.
    stored: dict[str, AgreementTally] = field(
        default_factory=lambda: {name: AgreementTally() for name in DIMENSIONS})
    rescored: dict[str, AgreementTally] = field(
        default_factory=lambda: {name: AgreementTally() for name in DIMENSIONS})

    @property
    def replies(self) -> int:
        return sum(report.replies for report in self.by_version.values())

    @property
    def changed(self) -> int:
        return sum(report.changed for report in self.by_version.values())

    def agreement(self) -> dict[str, tuple[ScoreAgreement, ScoreAgreement]]:
        return {name: (self.stored[name].result(), self.rescored[name].result())
                for name in DIMENSIONS}


def _replies(slugs: Sequence[str]):
    query = (
        select(Reply, Attempt, AttemptReview.id, TurnReview)
        .join(Attempt, Attempt.id == Reply.attempt_id)
        .outerjoin(AttemptReview, AttemptReview.attempt_id == Attempt.id)
        .outerjoin(TurnReview, TurnReview.reply_id == Reply.id)
        .order_by(Reply.attempt_id, Reply.position)
        .execution_options(yield_per=BATCH)
    )
    if slugs:
        query = (query.join(ScenarioVersion, ScenarioVersion.id == Attempt.scenario_version_id)
                 .join(ScenarioRecord, ScenarioRecord.id == ScenarioVersion.scenario_id)
                 .where(ScenarioRecord.slug.in_(slugs)))
    return db.session.execute(query)


def rescore(slugs: Sequence[str] = ()) -> RescoreReport:
    """Score the stored replies again (all, or those of these scenarios) and report the
    differences, by the scorer version that graded them first. Writes nothing."""
    report = RescoreReport()
    scenario_versions = {v.id: v for v in db.session.execute(select(ScenarioVersion)).scalars()}
    try:
        for _, rows in groupby(_replies(slugs), key=lambda row: row[1].id):
            _rescore_attempt(report, list(rows), scenario_versions)
    finally:
        db.session.rollback()
    return report


def _rescore_attempt(report: RescoreReport, rows: list, scenario_versions: dict) -> None:
    attempt: Attempt = rows[0][1]
    version = scenario_versions[attempt.scenario_version_id]
    scenario = parsed_scenario(version)
    new_grades = []
    for reply, _, reviewed, correction in rows:
        try:
            step = scenario.step(reply.step_id)
        except KeyError:
            report.skipped += 1
            continue
        card = score_reply(reply.text, step)
        new = Grade(**card.scores(), reply_ms=reply.reply_ms,
                    violation_count=sum(1 for item in card.never if item.violated))
        new_grades.append(new)
        section = report.by_version[reply.scorer_version]
        section.replies += 1
        section.changed += any(getattr(reply, n) != getattr(new, n) for n in COMPARED)
        for name in COMPARED:
            section.scores[name].add(getattr(reply, name), getattr(new, name))
        if reviewed is not None:
            counts = effective_scores(reply, correction)
            for name in DIMENSIONS:
                mentor = getattr(counts, name)
                for tally, machine in ((report.stored, getattr(reply, name)),
                                       (report.rescored, getattr(new, name))):
                    if mentor is not None and machine is not None:
                        tally[name].add(machine, mentor)
    report.attempts += 1
    if attempt.finished and len(new_grades) == len(rows):
        outcome = summarise(new_grades, DEFAULT_PASS_RULE)
        if outcome.passed != attempt.passed:
            report.flips.append(Flip(attempt.id, version.slug, bool(attempt.passed),
                                     outcome.passed))
