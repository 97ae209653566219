"""The score card of one reply: scores, per-item results with evidence, politeness markers.

Spans are character offsets into the original reply (``reply[start:end]``), so the web app can
highlight them. `to_dict`/`from_dict` round-trip through JSON; `to_contract` is the CLI's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .verdict import DEFAULT_PASS_RULE, DIMENSIONS, PassRule

# Bump whenever the same reply could get a different grade (formula, lexicons, matching).
SCORER_VERSION = "2.17"


class FactStatus(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a phrase matched: the phrase as the scenario wrote it and the reply's own words."""

    phrase: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PointResult:
    """`stated` is False when the point is only named in a list or fragment, not said to the
    customer in a sentence: it then earns part of its weight."""

    id: str
    label: str
    weight: float
    covered: bool
    evidence: Evidence | None = None
    stated: bool = True


@dataclass(frozen=True, slots=True)
class FactResult:
    """A fact's status; the evidence is the wrong phrase when wrong, the right one when right."""

    id: str
    label: str
    weight: float
    status: FactStatus
    evidence: Evidence | None = None
    stated: bool = True


@dataclass(frozen=True, slots=True)
class NeverResult:
    id: str
    label: str
    weight: float
    violated: bool
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Marker:
    """One politeness signal found in the reply; a negative weight makes the reply less polite."""

    strategy: str
    text: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class ScoreCard:
    """Scores are 0..100; correctness and completeness are None when no step was given."""

    politeness: int
    correctness: int | None
    completeness: int | None
    overall: int
    points: tuple[PointResult, ...] = ()
    facts: tuple[FactResult, ...] = ()
    never: tuple[NeverResult, ...] = ()
    markers: tuple[Marker, ...] = ()
    polarity: float = 0.0
    feedback: tuple[str, ...] = ()
    version: str = SCORER_VERSION
    # Share of the reply's words in sentences stated to the customer (scoring/structure.py).
    stated_share: float = 1.0

    def scores(self) -> dict[str, int | None]:
        """The four scores by name, as `next:` conditions of a scenario compare them."""
        return {
            "politeness": self.politeness,
            "correctness": self.correctness,
            "completeness": self.completeness,
            "overall": self.overall,
        }

    def passes(self, rule: PassRule = DEFAULT_PASS_RULE) -> bool:
        """Whether this reply alone clears the bar (a reply scored without a step never does)."""
        scores = self.scores()
        violations = sum(1 for item in self.never if item.violated)
        return rule.passes(self.overall, (scores[name] for name in DIMENSIONS), violations)

    def matched_ids(self) -> frozenset[str]:
        """Ids of covered points, facts stated right and violated never items."""
        return frozenset(
            [point.id for point in self.points if point.covered]
            + [fact.id for fact in self.facts if fact.status is FactStatus.RIGHT]
            + [item.id for item in self.never if item.violated]
        )

    def to_contract(self) -> dict[str, Any]:
        """The output line of ``python -m scoring`` (see the scenario contract)."""
        return {
            **self.scores(),
            "points": {point.id: point.covered for point in self.points},
            "facts": {fact.id: fact.status.value for fact in self.facts},
            "violations": [item.id for item in self.never if item.violated],
            "feedback": list(self.feedback),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, as JSON-ready dicts and lists; `from_dict` rebuilds an equal card."""
        return {
            **self.scores(),
            "points": [
                _item_dict(point, covered=point.covered, stated=point.stated)
                for point in self.points
            ],
            "facts": [
                _item_dict(fact, status=fact.status.value, stated=fact.stated)
                for fact in self.facts
            ],
            "never": [_item_dict(item, violated=item.violated) for item in self.never],
            "markers": [
                {
                    "strategy": str(marker.strategy),
                    "text": marker.text,
                    "start": marker.start,
                    "end": marker.end,
                    "weight": marker.weight,
                }
                for marker in self.markers
            ],
            "polarity": self.polarity,
            "feedback": list(self.feedback),
            "version": self.version,
            "stated_share": self.stated_share,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreCard:
        """Rebuild a card from `to_dict` output; raises KeyError or TypeError on other shapes."""
        return cls(
            politeness=data["politeness"],
            correctness=data["correctness"],
            completeness=data["completeness"],
            overall=data["overall"],
            points=tuple(
                PointResult(
                    **_item_fields(item), covered=item["covered"], stated=item.get("stated", True)
                )
                for item in data["points"]
            ),
            facts=tuple(
                FactResult(
                    **_item_fields(item),
                    status=FactStatus(item["status"]),
                    stated=item.get("stated", True),
                )
                for item in data["facts"]
            ),
            never=tuple(
                NeverResult(**_item_fields(item), violated=item["violated"])
                for item in data["never"]
            ),
            markers=tuple(Marker(**marker) for marker in data["markers"]),
            polarity=data["polarity"],
            feedback=tuple(data["feedback"]),
            version=data["version"],
            stated_share=data.get("stated_share", 1.0),
        )


def _item_dict(item: PointResult | FactResult | NeverResult, **outcome: Any) -> dict[str, Any]:
    evidence = item.evidence
    return {
        "id": item.id,
        "label": item.label,
        "weight": item.weight,
        **outcome,
        "evidence": None
        if evidence is None
        else {
            "phrase": evidence.phrase,
            "text": evidence.text,
            "start": evidence.start,
            "end": evidence.end,
        },
    }


def _item_fields(item: dict[str, Any]) -> dict[str, Any]:
    evidence = item["evidence"]
    return {
        "id": item["id"],
        "label": item["label"],
        "weight": item["weight"],
        "evidence": None if evidence is None else Evidence(**evidence),
    }
