"""Turning stored replies and score cards into what the pages show: turns and highlights."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from scoring.format import Scenario, Step
from trainer.practice.models import Attempt, Reply
from trainer.practice.services import scenario_of

# Where two highlights overlap, the one that matters more to the trainee wins.
_PRIORITY = {"cost": 0, "earned": 1, "impolite": 2, "polite": 3}


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # earned | cost | polite | impolite
    note: str


@dataclass
class Turn:
    """One customer message and, when answered, the reply with its grade."""

    number: int
    step: Step
    reply: Reply | None = None
    highlighted: Markup = Markup()
    missed: list[str] = field(default_factory=list)
    wrong_facts: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)


def highlights(card: dict[str, Any]) -> list[Highlight]:
    """Every span of the reply that earned or cost points, from a stored score card."""
    found: list[Highlight] = []

    def add(item: dict[str, Any], kind: str, note: str) -> None:
        evidence = item.get("evidence")
        if evidence:
            found.append(Highlight(evidence["start"], evidence["end"], kind, note))

    for point in card.get("points", []):
        if point["covered"]:
            add(point, "earned", _credit_note("Covered", point))
    for fact in card.get("facts", []):
        if fact["status"] == "right":
            add(fact, "earned", _credit_note("Right", fact))
        elif fact["status"] == "wrong":
            add(fact, "cost", f"Wrong: {fact['label']}")
    for item in card.get("never", []):
        if item["violated"]:
            add(item, "cost", f"Violation: {item['label']}")
    for marker in card.get("markers", []):
        kind = "polite" if marker["weight"] > 0 else "impolite"
        label = str(marker["strategy"]).replace("_", " ")
        found.append(Highlight(marker["start"], marker["end"], kind, label.capitalize()))
    return found


def _credit_note(verdict: str, item: dict[str, Any]) -> str:
    """What the span earned; an item only listed, not said in a sentence, earns part of it
    (cards stored before scorer 2.0 have no `stated` and count as stated)."""
    if item.get("stated", True):
        return f"{verdict}: {item['label']}"
    return f"{verdict}, but only listed, not said in a sentence (part credit): {item['label']}"


def highlight_text(text: str, spans: list[Highlight]) -> Markup:
    """The text, escaped, with non-overlapping <mark>s; HTML in the text is never run."""
    chosen: list[Highlight] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.kind], s.start)):
        if span.start < span.end <= len(text) and all(
            span.end <= other.start or span.start >= other.end for other in chosen
        ):
            chosen.append(span)
    parts: list[str] = []
    position = 0
    for span in sorted(chosen, key=lambda s: s.start):
        parts.append(str(escape(text[position : span.start])))
        parts.append(
            f'<mark class="hl hl-{span.kind}" title="{escape(span.note)}">'
            f"{escape(text[span.start : span.end])}"
            f'<span class="visually-hidden"> ({escape(span.note)})</span></mark>'
        )
        position = span.end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))  # noqa: S704 (every piece of the reply was escaped above)


def graded_turn(number: int, step: Step, reply: Reply) -> Turn:
    card = reply.card
    return Turn(
        number=number,
        step=step,
        reply=reply,
        highlighted=highlight_text(reply.text, highlights(card)),
        missed=[p["label"] for p in card["points"] if not p["covered"]],
        wrong_facts=[f["label"] for f in card["facts"] if f["status"] == "wrong"],
        missing_facts=[f["label"] for f in card["facts"] if f["status"] == "missing"],
        violations=[n["label"] for n in card["never"] if n["violated"]],
        feedback=list(card["feedback"]),
    )


def turns(attempt: Attempt) -> list[Turn]:
    """The conversation so far, ending with the unanswered customer message if there is one."""
    scenario = scenario_of(attempt)
    result = [
        graded_turn(number, scenario.step(reply.step_id), reply)
        for number, reply in enumerate(attempt.replies, start=1)
    ]
    return result + _waiting(attempt, scenario, len(result) + 1)


def latest_turns(attempt: Attempt, reply: Reply) -> list[Turn]:
    """What a reply just stored adds to the page: its graded turn, then the next message."""
    scenario = scenario_of(attempt)
    answered = graded_turn(reply.position, scenario.step(reply.step_id), reply)
    return [answered, *_waiting(attempt, scenario, reply.position + 1)]


def _waiting(attempt: Attempt, scenario: Scenario, number: int) -> list[Turn]:
    """The customer message awaiting a reply, or the closing one the conversation ended with."""
    step_id = attempt.current_step or attempt.closing_step
    if step_id is None:
        return []
    return [Turn(number=number, step=scenario.step(step_id))]
