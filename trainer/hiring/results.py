"""What the results show: each candidate's scores as they count (with the manager's manual
grades), time used, signals and pass/fail, sortable, with a pseudonym for blind mode.

A candidate's score in a dimension is the mean over the scenarios of their plan; a scenario
they never reached counts 0, one cut short by the time limit counts the replies it has.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.orm import selectinload

from scoring import DIMENSIONS, PassRule
from trainer.database import db
from trainer.hiring import exam
from trainer.hiring.exam import CandidateStatus, status_of, time_used
from trainer.hiring.models import Candidate, CandidateAttempt, HiringAssignment
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, Reply, SignalKind
from trainer.practice.results import AttemptResult, Grade, summarise
from trainer.review.grades import effective_attempt
from trainer.review.models import AttemptReview, TurnReview

# The results' columns, in order, each a sort key with its heading.
SORT_LABELS = {"candidate": "Candidate", "status": "Status", "started": "Started",
               "time": "Time used", **{name: name.capitalize() for name in DIMENSIONS},
               "overall": "Overall", "violations": "Violations", "signals": "Signals",
               "passed": "Result"}
SORT_KEYS = tuple(SORT_LABELS)
NUMBER_KEYS = frozenset({"time", *DIMENSIONS, "overall", "violations", "signals"})
CANDIDATES_WITH_RESULTS = (
    selectinload(Candidate.attempts).selectinload(CandidateAttempt.attempt)
    .selectinload(Attempt.replies),
    selectinload(Candidate.signals),
)


@dataclass
class ScenarioResult:
    position: int
    version: ScenarioVersion
    attempt: Attempt | None
    effective: AttemptResult | None  # None: never reached
    graded: bool = False  # the manager saved a manual grade


@dataclass(frozen=True, kw_only=True)
class CandidateResult(AttemptResult):
    """A candidate's test; the scores are over every scenario, `passed` None until it closes."""

    candidate: Candidate
    label: str
    status: CandidateStatus
    time_used: timedelta | None
    scenarios: list[ScenarioResult]
    signals: Counter[SignalKind] = field(default_factory=Counter)
    # The test's result on the machine's grades, when a manual grade changed it.
    machine: AttemptResult | None = None

    @property
    def corrected(self) -> bool:
        return self.machine is not None

    @property
    def graded(self) -> bool:
        return any(scenario.graded for scenario in self.scenarios)

    @property
    def finished_scenarios(self) -> int:
        return sum(1 for s in self.scenarios if s.attempt is not None and s.attempt.finished)


def pseudonym(candidate: Candidate) -> str:
    """A stable label for blind mode that neither the name nor the invitation order gives away."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"hiring-candidate:{candidate.id}".encode(), hashlib.sha256).digest()
    return "Candidate " + base64.b32encode(digest).decode()[:5]


def turn_reviews_of(attempt_ids: list[int]) -> dict[int, TurnReview]:
    """The saved grades of these attempts' replies, by reply id, in one query."""
    if not attempt_ids:
        return {}
    rows = db.session.execute(
        db.select(TurnReview).join(Reply).where(Reply.attempt_id.in_(attempt_ids))
    ).scalars()
    return {row.reply_id: row for row in rows}


def _graded_ids(attempt_ids: list[int]) -> set[int]:
    if not attempt_ids:
        return set()
    return set(db.session.execute(
        db.select(AttemptReview.attempt_id).where(AttemptReview.attempt_id.in_(attempt_ids))
    ).scalars())


NEVER_REACHED = Grade(0, 0, 0, 0, 0, 0)


def _scenario_grade(result: AttemptResult | None) -> Grade:
    """A scenario's scores as the test's summary counts them: a never-reached scenario is 0."""
    if result is None or result.overall is None:
        return NEVER_REACHED
    return Grade(result.politeness, result.correctness, result.completeness,
                 result.overall, result.violation_count or 0, result.median_reply_ms or 0)


def _test_result(
    scenarios: list[AttemptResult | None], rule: PassRule, closed: bool
) -> AttemptResult:
    """The test's scores over every scenario of the plan; pass/fail only once it closed."""
    summary = summarise([_scenario_grade(result) for result in scenarios], rule)
    return replace(summary, median_reply_ms=None, passed=summary.passed if closed else None)


def results_of(
    candidates: Iterable[Candidate], now: datetime | None = None
) -> list[CandidateResult]:
    """The results of these candidates (of one assignment), loaded in a few queries."""
    candidates = list(candidates)
    now = now or exam.clock()  # looked up here, so the tests' clock counts
    links = [item for candidate in candidates for item in candidate.attempts]
    attempt_ids = [item.attempt_id for item in links]
    reviews = turn_reviews_of(attempt_ids)
    graded = _graded_ids(attempt_ids)
    versions = {
        version.id: version for version in db.session.execute(
            db.select(ScenarioVersion).where(
                ScenarioVersion.id.in_({vid for c in candidates for vid in c.plan})
            )
        ).scalars()
    }
    results = []
    for candidate in candidates:
        played = {item.position: item.attempt for item in candidate.attempts}
        scenarios = []
        for position, version_id in enumerate(candidate.plan, start=1):
            attempt = played.get(position)
            effective = effective_attempt(attempt, reviews) if attempt is not None else None
            scenarios.append(ScenarioResult(position, versions[version_id], attempt, effective,
                                            attempt is not None and attempt.id in graded))
        summary, machine = AttemptResult(), None
        if candidate.started:  # past the deadline counts as closed, whether or not it was
            over = candidate.closed or now >= candidate.deadline
            rule = candidate.assignment.pass_rule
            summary = _test_result([s.effective for s in scenarios], rule, over)
            machine = _test_result([
                summarise(s.attempt.replies, rule) if s.attempt is not None else None
                for s in scenarios
            ], rule, over)
        results.append(CandidateResult(
            **asdict(summary),
            candidate=candidate,
            label=pseudonym(candidate),
            status=status_of(candidate, now),
            time_used=time_used(candidate, now),
            scenarios=scenarios,
            signals=Counter(signal.kind for signal in candidate.signals),
            machine=None if machine == summary else machine,
        ))
    return results


def assignment_results(
    assignment: HiringAssignment, candidate_ids: Iterable[int] | None = None
) -> list[CandidateResult]:
    """The results of the assignment's candidates, or of those of `candidate_ids` among them."""
    query = (db.select(Candidate).where(Candidate.assignment_id == assignment.id)
             .options(*CANDIDATES_WITH_RESULTS).order_by(Candidate.id))
    if candidate_ids is not None:
        query = query.where(Candidate.id.in_(list(candidate_ids)))
    return results_of(db.session.execute(query).scalars())


def _sort_value(result: CandidateResult, key: str, blind: bool):
    if key == "candidate":
        return result.label if blind else result.candidate.name.lower()
    if key == "status":
        return result.status.value
    if key == "started":
        return result.candidate.started_at
    if key == "time":
        return result.time_used
    if key == "violations":
        return result.violation_count
    if key == "signals":
        return sum(result.signals.values())
    return getattr(result, key)


def sorted_results(
    results: list[CandidateResult], key: str, descending: bool, blind: bool
) -> list[CandidateResult]:
    """Sorted by `key` (one of SORT_KEYS); rows without a value always come last."""
    key = key if key in SORT_KEYS else "candidate"
    present = [r for r in results if _sort_value(r, key, blind) is not None]
    missing = [r for r in results if _sort_value(r, key, blind) is None]
    present.sort(key=lambda r: _sort_value(r, key, blind), reverse=descending)
    return present + missing


def shared_result(candidate: Candidate) -> CandidateResult | None:
    """The candidate's own result for the thank-you page, if the manager chose to share it."""
    if not (candidate.closed and candidate.assignment.share_scores):
        return None
    return results_of([candidate])[0]
