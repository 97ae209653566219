"""The figures of a scenario's steps, from plain rows and sums (no database, no Flask).

A finished attempt adds its replies to per-step totals (`step_totals`) and its missed or
committed items to item counts (`item_counts`); every total is a sum, so an attempt can be
taken off and counted again when a mentor corrects it. The figures of a step (means, pass rate,
corrections, discrimination, flags) are then worked out from the summed totals alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from scoring import DEFAULT_PASS_RULE, DIMENSIONS
from trainer.formatting import percent

# A pass rate says "everyone passes" or "nobody passes" only from this many replies on.
MIN_REPLIES_FOR_PASS_FLAG = 10
EASY_PASS_RATE, HARD_PASS_RATE = 0.95, 0.05
# Corrections say "the scorer misjudges this step" only from this many reviewed replies on.
MIN_REVIEWED_FOR_CORRECTION_FLAG = 5
CORRECTED_SHARE_FLAG = 0.30
# A correlation needs this many replies with something else graded in the same attempt.
MIN_PAIRS_FOR_DISCRIMINATION = 10
TOP_ITEMS = 3
# The same, for the page that explains them.
THRESHOLDS = {
    "replies": MIN_REPLIES_FOR_PASS_FLAG, "reviewed": MIN_REVIEWED_FOR_CORRECTION_FLAG,
    "corrected": CORRECTED_SHARE_FLAG, "pairs": MIN_PAIRS_FOR_DISCRIMINATION,
    "top_items": TOP_ITEMS,
}
# What a reply did with an item that the statistics count, per kind of item and outcome.
COUNTED_OUTCOMES: dict[str, dict[Any, str]] = {
    "points": {False: "missed"},
    "facts": {"missing": "missed", "wrong": "stated wrong"},
    "never": {True: "committed"},
}


@dataclass(frozen=True)
class GradedReply:
    """One reply as the statistics read it: the grade that counts (the mentor's correction where
    there is one) and the machine's overall beside it."""

    step_id: str
    politeness: int
    correctness: int | None
    completeness: int | None
    overall: int
    violation_count: int
    machine_overall: int
    corrected: bool = False  # a mentor's review changed a score or the violations
    reviewed: bool = False  # the attempt has a mentor's review: an unchanged grade was agreed

    @property
    def passed(self) -> bool:
        return DEFAULT_PASS_RULE.passes(
            self.overall, (getattr(self, name) for name in DIMENSIONS), self.violation_count
        )


@dataclass
class StepTotals:
    """Sums over the counted replies to one step; `rest` is the mean overall of the other
    replies of the same attempt, paired with passing this step (x: 1 passed, 0 not)."""

    replies: int = 0
    passed: int = 0
    overall_sum: int = 0
    politeness_sum: int = 0
    correctness_sum: int = 0
    correctness_replies: int = 0
    completeness_sum: int = 0
    completeness_replies: int = 0
    reviewed: int = 0
    corrected: int = 0
    raised: int = 0
    lowered: int = 0
    change_sum: int = 0
    pairs: int = 0
    pairs_passed: int = 0
    rest_sum: float = 0.0
    rest_squares: float = 0.0
    rest_when_passed: float = 0.0

    def add(self, other: StepTotals, sign: int = 1) -> None:
        for column in fields(self):
            name = column.name
            setattr(self, name, getattr(self, name) + sign * getattr(other, name))

    def as_dict(self) -> dict[str, int | float]:
        return {column.name: getattr(self, column.name) for column in fields(self)}


COUNTERS = tuple(column.name for column in fields(StepTotals))


def step_totals(replies: Sequence[GradedReply]) -> dict[str, StepTotals]:
    """What one attempt's replies add to each step's totals."""
    attempt_sum, attempt_count = sum(reply.overall for reply in replies), len(replies)
    totals: dict[str, StepTotals] = {}
    for reply in replies:
        passed = int(reply.passed)
        change = reply.overall - reply.machine_overall
        step = StepTotals(
            replies=1, passed=passed, overall_sum=reply.overall,
            politeness_sum=reply.politeness,
            correctness_sum=reply.correctness or 0,
            correctness_replies=int(reply.correctness is not None),
            completeness_sum=reply.completeness or 0,
            completeness_replies=int(reply.completeness is not None),
            reviewed=int(reply.reviewed),
            corrected=int(reply.reviewed and reply.corrected),
            raised=int(reply.reviewed and change > 0),
            lowered=int(reply.reviewed and change < 0),
            change_sum=change if reply.reviewed and reply.corrected else 0,
        )
        if attempt_count > 1:
            rest = (attempt_sum - reply.overall) / (attempt_count - 1)
            step.pairs, step.pairs_passed = 1, passed
            step.rest_sum, step.rest_squares = rest, rest * rest
            step.rest_when_passed = rest * passed
        totals.setdefault(reply.step_id, StepTotals()).add(step)
    return totals


@dataclass(frozen=True)
class ItemOutcome:
    """One item of one reply, with its outcome after the mentor's corrections."""

    step_id: str
    kind: str  # "points", "facts" or "never"
    item_id: str
    label: str
    outcome: bool | str  # covered / violated (points, never), or a fact's status


ItemKey = tuple[str, str, str, str]  # step, kind, item id, counted outcome


def item_counts(outcomes: Iterable[ItemOutcome]) -> dict[ItemKey, tuple[str, int]]:
    """The missed, wrong and committed items among these: (label, how many) per key."""
    counts: dict[ItemKey, tuple[str, int]] = {}
    for item in outcomes:
        counted = COUNTED_OUTCOMES[item.kind].get(item.outcome)
        if counted is not None:
            key = (item.step_id, item.kind, item.item_id, counted)
            counts[key] = (item.label, counts.get(key, ("", 0))[1] + 1)
    return counts


@dataclass(frozen=True)
class ItemShare:
    """An item that replies to the step missed, stated wrong or committed, and how often."""

    item_id: str
    label: str
    outcome: str  # "missed", "stated wrong" or "committed"
    replies: int
    share: float


@dataclass(frozen=True)
class Corrections:
    """Mentors' corrections of the step's grade, among the replies they reviewed."""

    reviewed: int = 0
    corrected: int = 0
    up: int = 0  # overall raised
    down: int = 0  # overall lowered
    mean_change: float | None = None  # of overall, over the corrected replies

    @property
    def share(self) -> float | None:
        return self.corrected / self.reviewed if self.reviewed else None


@dataclass(frozen=True)
class Discrimination:
    """Correlation between passing the step and the mean overall of the attempt's other
    replies; None with the reason when it cannot be computed."""

    value: float | None
    pairs: int
    reason: str = ""


@dataclass(frozen=True)
class StepFigures:
    step_id: str
    customer: str
    reached: int  # attempts with a reply to this step (one reply per attempt and step)
    means: dict[str, float | None]  # overall and each dimension
    passed: int
    missed: tuple[ItemShare, ...]
    violations: tuple[ItemShare, ...]
    corrections: Corrections
    discrimination: Discrimination
    flags: tuple[str, ...] = field(default=())

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.reached if self.reached else None


def _ratio(total: float, count: int) -> float | None:
    return total / count if count else None


def means(totals: StepTotals) -> dict[str, float | None]:
    return {
        "overall": _ratio(totals.overall_sum, totals.replies),
        "politeness": _ratio(totals.politeness_sum, totals.replies),
        "correctness": _ratio(totals.correctness_sum, totals.correctness_replies),
        "completeness": _ratio(totals.completeness_sum, totals.completeness_replies),
    }


def corrections(totals: StepTotals) -> Corrections:
    return Corrections(totals.reviewed, totals.corrected, totals.raised, totals.lowered,
                       _ratio(totals.change_sum, totals.corrected))


def discrimination(totals: StepTotals) -> Discrimination:
    """Point-biserial correlation (Pearson's r with a 0/1 variable) from the sums."""
    n, passed = totals.pairs, totals.pairs_passed
    if n < MIN_PAIRS_FOR_DISCRIMINATION:
        return Discrimination(None, n, "too few")
    if passed in (0, n):
        return Discrimination(None, n, "everyone passed" if passed else "nobody passed")
    spread = n * totals.rest_squares - totals.rest_sum ** 2
    if spread <= 1e-9 * max(1.0, n * totals.rest_squares):  # equal but for rounding
        return Discrimination(None, n, "the other replies all scored alike")
    covariance = n * totals.rest_when_passed - passed * totals.rest_sum
    return Discrimination(covariance / math.sqrt((n * passed - passed**2) * spread), n)


def _most_frequent(shares: list[ItemShare]) -> tuple[ItemShare, ...]:
    ranked = sorted(shares, key=lambda share: (-share.replies, share.item_id, share.outcome))
    return tuple(ranked[:TOP_ITEMS])


def item_shares(
    counts: Iterable[tuple[ItemKey, str, int]], reached: dict[str, int]
) -> dict[str, tuple[tuple[ItemShare, ...], tuple[ItemShare, ...]]]:
    """Per step, the TOP_ITEMS points and facts most often missed (or stated wrong) and
    violations most often committed, most frequent first, from ((step, kind, item, outcome),
    label, replies) counts."""
    found: dict[str, tuple[list[ItemShare], list[ItemShare]]] = defaultdict(lambda: ([], []))
    for (step_id, _kind, item_id, outcome), label, replies in counts:
        if replies > 0 and reached.get(step_id):
            share = ItemShare(item_id, label, outcome, replies, replies / reached[step_id])
            found[step_id][outcome == "committed"].append(share)
    return {step_id: (_most_frequent(missed), _most_frequent(committed))
            for step_id, (missed, committed) in found.items()}


def flags(step: StepFigures) -> tuple[str, ...]:
    """Why an author should look at this step, in plain words; empty when nothing stands out."""
    reasons = []
    rate = step.pass_rate
    if rate is not None and step.reached >= MIN_REPLIES_FOR_PASS_FLAG:
        if rate >= EASY_PASS_RATE:
            reasons.append(
                f"Almost everyone passes ({percent(rate)} of {step.reached}): the step tells "
                "trainees apart little; it may be too easy or its bar too low."
            )
        elif rate <= HARD_PASS_RATE:
            reasons.append(
                f"Almost nobody passes ({percent(rate)} of {step.reached}): check that the "
                "customer's message asks for what the points and facts expect, and their phrases."
            )
    fixes = step.corrections
    share = fixes.share
    if (share is not None and fixes.reviewed >= MIN_REVIEWED_FOR_CORRECTION_FLAG
            and share >= CORRECTED_SHARE_FLAG):
        direction = ("mostly up" if fixes.up > fixes.down
                     else "mostly down" if fixes.down > fixes.up else "both ways")
        reasons.append(
            f"Mentors corrected the grade of {fixes.corrected} of {fixes.reviewed} reviewed "
            f"replies ({percent(share)}, {direction}): the scorer may misjudge this step; "
            "look at the phrases of the items the mentors changed."
        )
    value = step.discrimination.value
    if value is not None and value < 0:
        reasons.append(
            f"Trainees who do well in the rest of the conversation pass this step less often "
            f"(discrimination {value:.2f}): the step may reward the wrong thing or be unclear."
        )
    return tuple(reasons)


def step_figures(
    totals: dict[str, StepTotals],
    counts: Iterable[tuple[ItemKey, str, int]],
    steps: Sequence[tuple[str, str]],
) -> list[StepFigures]:
    """The figures of each step in `steps` ((id, customer's message) in the order to show),
    then of any counted step that `steps` does not name."""
    named = dict(steps)
    order = [*named, *sorted(set(totals) - set(named))]
    reached = {step_id: totals[step_id].replies for step_id in totals}
    items = item_shares(counts, reached)
    figures = []
    for step_id in order:
        step_total = totals.get(step_id, StepTotals())
        missed, violations = items.get(step_id, ((), ()))
        step = StepFigures(
            step_id=step_id,
            customer=named.get(step_id, ""),
            reached=step_total.replies,
            means=means(step_total),
            passed=step_total.passed,
            missed=missed,
            violations=violations,
            corrections=corrections(step_total),
            discrimination=discrimination(step_total),
        )
        figures.append(replace(step, flags=flags(step)))
    return figures
