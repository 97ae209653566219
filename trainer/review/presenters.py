"""What the review pages and the trainee's transcript show: sections per turn, changes in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring import DIMENSIONS
from trainer.practice.models import Attempt, Reply
from trainer.practice.presenters import Turn
from trainer.practice.results import AttemptResult
from trainer.review.disputes import disputes_of
from trainer.review.forms import OPTIONS, field_name, option_of
from trainer.review.grades import (
    KINDS,
    EffectiveScores,
    attempt_review_of,
    effective_attempt,
    effective_scores,
    machine_outcomes,
    turn_reviews,
)
from trainer.review.models import AttemptReview, TurnDispute, TurnReview

KIND_LABELS = {"points": "Point", "facts": "Fact", "never": "Never"}


@dataclass(frozen=True)
class ItemRow:
    """One point, fact or never item of a reply: its machine outcome and its form field."""

    kind: str
    label: str
    name: str
    machine: str
    options: tuple[str, ...]


@dataclass
class TurnSection:
    turn: Turn
    review: TurnReview | None
    effective: EffectiveScores
    items: list[ItemRow]
    changes: list[str]
    errors: list[str] = field(default_factory=list)
    theirs: dict[str, Any] | None = None  # another reviewer's values after a conflict
    dispute: TurnDispute | None = None

    @property
    def theirs_in_words(self) -> list[str]:
        """Another reviewer's corrections as sentences (their row, rebuilt without saving it)."""
        if self.theirs is None:
            return []
        return changes_in_words(self.reply, TurnReview(**self.theirs))

    @property
    def reply(self) -> Reply:
        return self.turn.reply  # type: ignore[return-value] (sections exist for answered turns)

    def name(self, part: str) -> str:
        return field_name(self.reply.id, part)


def _labels(card: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(kind, item["id"]): item["label"] for kind in KINDS for item in card.get(kind, [])}


def changes_in_words(reply: Reply, review: TurnReview | None) -> list[str]:
    """What the review changed, one sentence each, e.g. "Politeness: 40 → 70 (machine 40)"."""
    if review is None:
        return []
    changes = [
        f"{name.capitalize()}: {getattr(reply, name)} → {getattr(review, name)}"
        for name in DIMENSIONS
        if getattr(review, name) is not None
    ]
    labels = _labels(reply.card)
    machine = machine_outcomes(reply.card)
    for kind in KINDS:
        for item, value in review.outcomes.get(kind, {}).items():
            if item in machine[kind]:
                was, now = option_of(kind, machine[kind][item]), option_of(kind, value)
                changes.append(f"{KIND_LABELS[kind]} “{labels[(kind, item)]}”: {was} → {now}")
    return changes


def turn_sections(turns: list[Turn], reviews: dict[int, TurnReview]) -> list[TurnSection]:
    sections = []
    for turn in turns:
        reply = turn.reply
        if reply is None:
            continue
        review = reviews.get(reply.id)
        machine = machine_outcomes(reply.card)
        items = [
            ItemRow(
                kind,
                item["label"],
                field_name(reply.id, f"{kind}-{item['id']}"),
                option_of(kind, machine[kind][item["id"]]),
                tuple(OPTIONS[kind]),
            )
            for kind in KINDS
            for item in reply.card.get(kind, [])
        ]
        changes = changes_in_words(reply, review)
        sections.append(TurnSection(turn, review, effective_scores(reply, review), items, changes))
    return sections


@dataclass
class TranscriptNotes:
    """The mentor's review and the trainee's disputes as the transcript shows them."""

    overall: AttemptReview | None
    effective: AttemptResult
    turns: dict[int, TurnNote]
    disputes: dict[int, TurnDispute]

    @property
    def reviewed(self) -> bool:
        return self.overall is not None or bool(self.turns)


@dataclass(frozen=True)
class TurnNote:
    effective: EffectiveScores
    changes: list[str]
    review: TurnReview


def transcript_notes(attempt: Attempt) -> TranscriptNotes | None:
    """None while the attempt has neither a saved review nor a dispute."""
    overall = attempt_review_of(attempt)
    reviews = turn_reviews(attempt)
    disputes = disputes_of(attempt)
    if overall is None and not reviews and not disputes:
        return None
    turns = {
        reply.id: TurnNote(
            effective_scores(reply, reviews[reply.id]),
            changes_in_words(reply, reviews[reply.id]),
            reviews[reply.id],
        )
        for reply in attempt.replies
        if reply.id in reviews
    }
    return TranscriptNotes(overall, effective_attempt(attempt, reviews), turns, disputes)
