"""The figures of a scenario's steps, worked out from plain rows (no database, no Flask).

`trainer.library.item_statistics.queries` reads the rows; everything here is a pure function of
them, so each figure can be checked on a handful of hand-built replies.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from scoring import DEFAULT_PASS_RULE, DIMENSIONS

# A pass rate says "everyone passes" or "nobody passes" only from this many replies on.
MIN_REPLIES_FOR_PASS_FLAG = 10
EASY_PASS_RATE, HARD_PASS_RATE = 0.95, 0.05
# Corrections say "the scorer misjudges this step" only from this many reviewed replies on.
MIN_REVIEWED_FOR_CORRECTION_FLAG = 5
CORRECTED_SHARE_FLAG = 0.30
# A correlation needs this many replies with something else graded in the same attempt.
MIN_PAIRS_FOR_DISCRIMINATION = 10
TOP_ITEMS = 3
SCORES = ("overall", *DIMENSIONS)


@dataclass(frozen=True)
class GradedReply:
    """One reply as the statistics read it: the grade that counts (the mentor's correction where
    there is one) and the machine's overall beside it."""

    attempt_id: int
    step_id: str
    politeness: int
    correctness: int | None
    completeness: int | None
    overall: int
    violation_count: int
    machine_overall: int
    corrected: bool  # a mentor's review changed a score or the violations
    reviewed: bool  # the attempt has a mentor's review, so an unchanged grade was agreed with

    @property
    def passed(self) -> bool:
        return DEFAULT_PASS_RULE.passes(
            self.overall, (getattr(self, name) for name in DIMENSIONS), self.violation_count
        )


@dataclass(frozen=True)
class ItemCount:
    """How many replies to a step ended with one outcome of one item (after corrections)."""

    step_id: str
    kind: str  # "points", "facts" or "never"
    item_id: str
    label: str
    outcome: bool | str  # covered / violated (points, never), or a fact's status
    replies: int


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


def _mean(values: Iterable[int | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else None


def graded_reply(
    attempt_id: int,
    step_id: str,
    machine: Sequence[int | None],
    review: Sequence[int | None],
    reviewed: bool,
) -> GradedReply:
    """A reply from its machine grade and its review's values, both in the order politeness,
    correctness, completeness, overall, violation count; a review's None keeps the machine's."""
    grade = [mine if mine is not None else theirs for mine, theirs in zip(review, machine,
                                                                           strict=True)]
    return GradedReply(attempt_id, step_id, *grade, machine_overall=machine[3],
                       corrected=grade != list(machine), reviewed=reviewed)


def corrections(replies: Sequence[GradedReply]) -> Corrections:
    reviewed = [reply for reply in replies if reply.reviewed]
    changed = [reply for reply in reviewed if reply.corrected]
    differences = [reply.overall - reply.machine_overall for reply in changed]
    return Corrections(
        reviewed=len(reviewed),
        corrected=len(changed),
        up=sum(1 for difference in differences if difference > 0),
        down=sum(1 for difference in differences if difference < 0),
        mean_change=statistics.fmean(differences) if differences else None,
    )


def discrimination(
    replies: Sequence[GradedReply], attempt_totals: dict[int, tuple[int, int]]
) -> Discrimination:
    """Point-biserial correlation of passing the step with how the same attempt's other replies
    did (their mean overall): `attempt_totals` holds each attempt's (sum of overall, replies)."""
    passed, rest = [], []
    for reply in replies:
        total, count = attempt_totals[reply.attempt_id]
        if count > 1:
            passed.append(1.0 if reply.passed else 0.0)
            rest.append((total - reply.overall) / (count - 1))
    pairs = len(passed)
    if pairs < MIN_PAIRS_FOR_DISCRIMINATION:
        return Discrimination(None, pairs, "too few")
    if len(set(passed)) == 1:
        return Discrimination(None, pairs, "everyone passed" if passed[0] else "nobody passed")
    if len(set(rest)) == 1:
        return Discrimination(None, pairs, "the other replies all scored alike")
    return Discrimination(statistics.correlation(passed, rest), pairs)


def _missed_or_committed(kind: str, outcome: bool | str) -> str | None:
    if kind == "points":
        return None if outcome else "missed"
    if kind == "facts":
        return {"missing": "missed", "wrong": "stated wrong"}.get(str(outcome))
    return "committed" if outcome else None


def item_shares(
    counts: Iterable[ItemCount], reached: dict[str, int]
) -> dict[str, tuple[list[ItemShare], list[ItemShare]]]:
    """Per step, the points and facts most often missed (or stated wrong) and the violations
    most often committed, TOP_ITEMS of each, most frequent first."""
    found: dict[str, tuple[list[ItemShare], list[ItemShare]]] = defaultdict(lambda: ([], []))
    for count in counts:
        outcome = _missed_or_committed(count.kind, count.outcome)
        if outcome is None or not count.replies or not reached.get(count.step_id):
            continue
        share = ItemShare(count.item_id, count.label, outcome, count.replies,
                          count.replies / reached[count.step_id])
        found[count.step_id][outcome == "committed"].append(share)
    return {
        step_id: (_most_frequent(missed), _most_frequent(committed))
        for step_id, (missed, committed) in found.items()
    }


def _most_frequent(shares: list[ItemShare]) -> list[ItemShare]:
    return sorted(shares, key=lambda share: (-share.replies, share.item_id, share.outcome))[
        :TOP_ITEMS
    ]


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def flags(step: StepFigures) -> tuple[str, ...]:
    """Why an author should look at this step, in plain words; empty when nothing stands out."""
    reasons = []
    rate = step.pass_rate
    if rate is not None and step.reached >= MIN_REPLIES_FOR_PASS_FLAG:
        if rate >= EASY_PASS_RATE:
            reasons.append(
                f"Almost everyone passes ({_percent(rate)} of {step.reached}): the step tells "
                "trainees apart little; it may be too easy or its bar too low."
            )
        elif rate <= HARD_PASS_RATE:
            reasons.append(
                f"Almost nobody passes ({_percent(rate)} of {step.reached}): check that the "
                "customer's message asks for what the points and facts expect, and their phrases."
            )
    fixes = step.corrections
    if (fixes.reviewed >= MIN_REVIEWED_FOR_CORRECTION_FLAG
            and fixes.corrected / fixes.reviewed >= CORRECTED_SHARE_FLAG):
        direction = ("mostly up" if fixes.up > fixes.down
                     else "mostly down" if fixes.down > fixes.up else "both ways")
        reasons.append(
            f"Mentors corrected the grade of {fixes.corrected} of {fixes.reviewed} reviewed "
            f"replies ({_percent(fixes.corrected / fixes.reviewed)}, {direction}): the scorer "
            "may misjudge this step; look at the phrases of the items mentors changed."
        )
    value = step.discrimination.value
    if value is not None and value < 0:
        reasons.append(
            f"Trainees who do well on the rest of the conversation pass this step less often "
            f"(discrimination {value:.2f}): the step may reward the wrong thing or be unclear."
        )
    return tuple(reasons)


def step_figures(
    replies: Sequence[GradedReply],
    counts: Iterable[ItemCount],
    steps: Sequence[tuple[str, str]],
) -> list[StepFigures]:
    """The figures of each step in `steps` ((id, customer's message) in the order to show),
    then of any step replied to that `steps` does not name."""
    by_step: dict[str, list[GradedReply]] = defaultdict(list)
    attempt_totals: dict[int, tuple[int, int]] = {}
    for reply in replies:
        by_step[reply.step_id].append(reply)
        total, count = attempt_totals.get(reply.attempt_id, (0, 0))
        attempt_totals[reply.attempt_id] = (total + reply.overall, count + 1)
    named = dict(steps)
    order = [*named, *sorted(set(by_step) - set(named))]
    reached = {step_id: len(by_step[step_id]) for step_id in order}
    items = item_shares(counts, reached)
    figures = []
    for step_id in order:
        answers = by_step[step_id]
        missed, violations = items.get(step_id, ([], []))
        step = StepFigures(
            step_id=step_id,
            customer=named.get(step_id, ""),
            reached=len(answers),
            means={name: _mean(getattr(reply, name) for reply in answers) for name in SCORES},
            passed=sum(1 for reply in answers if reply.passed),
            missed=tuple(missed),
            violations=tuple(violations),
            corrections=corrections(answers),
            discrimination=discrimination(answers, attempt_totals),
        )
        figures.append(replace(step, flags=flags(step)))
    return figures
