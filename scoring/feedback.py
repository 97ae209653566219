"""One to four sentences a trainee can act on, built from item labels and politeness markers.

Most urgent first: violations, wrong facts, rude wording, missing facts, missing points (by
weight), then softer advice. Labels are written as "Asks which domain is affected", so the
first verb is turned into its base form: "You didn't ask which domain is affected."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from . import figures, identifiers, menu_paths
from .card import FactResult, FactStatus, Marker, NeverResult, PointResult
from .strategies import Strategy

MAX_SENTENCES = 4
_QUOTE_LIMIT = 60
# What to do about a figure, a menu or an identifier the case never gives, by the fact that
# reports it.
_UNSUPPORTED_ADVICE = {
    figures.FACT_ID: figures.ADVICE,
    menu_paths.FACT_ID: menu_paths.ADVICE,
    identifiers.FACT_ID: identifiers.ADVICE,
}
_RUDE_ADVICE = {
    Strategy.INSULT: "{} is insulting; describe the problem, never the customer.",
    Strategy.PROFANITY: "{} is profanity; keep the language professional.",
    Strategy.BLAME: "{} blames the customer; say what you will do to fix it instead.",
    Strategy.DISMISSIVE: "{} reads as dismissive; acknowledge the frustration instead.",
    Strategy.ACCUSATION: "{} sounds accusatory; describe what happened, not what they did.",
    Strategy.SARCASM: "{} can read as sarcastic; say plainly what you mean.",
    Strategy.BLUNT_QUESTION: "{} sounds confrontational; ask what happened, not why.",
    Strategy.SHOUTING: "{} reads as shouting; use normal case and a single full stop.",
}
_LIST_ADVICE = (
    "Write to the customer in full sentences: a list of key terms tells them nothing and "
    "earns little."
)
_FRAGMENT_ADVICE = "Say {} to the customer in a sentence, not as a bare term."
_ORDER_ADVICE = "{} reads as an order; soften it with 'please' or 'could you'."
_WARMTH_ADVICE = (
    "Acknowledge how the customer feels, for example 'I'm sorry about this, "
    "I understand how frustrating it is.'"
)
_WARM_STRATEGIES = frozenset([Strategy.GRATITUDE, Strategy.APOLOGY, Strategy.EMPATHY])
_IRREGULAR = {"is": "be", "has": "have", "does": "do", "goes": "go"}
# Words that follow a verb rather than a noun: "and acknowledges the impact".
_AFTER_VERB = frozenset(
    "the a an that this these those their his her its it them him what which how when why "
    "whether where who your our any some each every for about to with if".split()
)


def build_feedback(
    politeness: int,
    markers: Sequence[Marker],
    points: Sequence[PointResult] = (),
    facts: Sequence[FactResult] = (),
    never: Sequence[NeverResult] = (),
    *,
    step_given: bool = False,
    listed: bool = False,
) -> tuple[str, ...]:
    """The most useful 1..MAX_SENTENCES sentences; praise when there is nothing to fix.
    `listed` says the reply is a list of terms rather than sentences."""
    advice = _advice(politeness, markers, points, facts, never)
    sentences = list(dict.fromkeys([_LIST_ADVICE, *advice] if listed else advice))
    if sentences:
        return tuple(sentences[:MAX_SENTENCES])
    if step_given:
        return ("Good reply: polite, correct and complete.",)
    return ("Good reply: clear and polite.",)


def _advice(
    politeness: int,
    markers: Sequence[Marker],
    points: Sequence[PointResult],
    facts: Sequence[FactResult],
    never: Sequence[NeverResult],
) -> Iterator[str]:
    flagged: list[tuple[int, int]] = []
    for item in never:
        if item.violated and item.evidence is not None:
            flagged.append((item.evidence.start, item.evidence.end))
            quoted = _quote(item.evidence.text)
            if _verb_phrase(item.label):
                yield f"Avoid {quoted}: it {_lower_first(item.label.rstrip('.'))}."
            else:
                yield f"Avoid {quoted} ({item.label})."
    for fact in facts:
        if fact.status is FactStatus.WRONG and fact.evidence is not None:
            verb = _verb_phrase(fact.label)
            quoted = _quote(fact.evidence.text, capital=True)
            if fact.id in _UNSUPPORTED_ADVICE:
                yield _UNSUPPORTED_ADVICE[fact.id].format(quoted)
                continue
            yield (
                f"{quoted} is not right; {verb} instead."
                if verb
                else f"{quoted} is not right: {_lower_first(fact.label)}."
            )
    for marker in markers:
        overlaps = any(marker.start < end and start < marker.end for start, end in flagged)
        template = _RUDE_ADVICE.get(marker.strategy)
        if template and not overlaps:
            yield template.format(_quote(marker.text, capital=True))
    for fact in facts:
        if fact.status is FactStatus.MISSING:
            yield _missing(fact.label)
    for item in (*facts, *points):
        if not item.stated and item.evidence is not None:
            yield _FRAGMENT_ADVICE.format(_quote(item.evidence.text))
    for point in sorted(points, key=lambda point: -point.weight):
        if not point.covered:
            yield _missing(point.label)
    if politeness < 60:
        for marker in markers:
            if marker.strategy == Strategy.BARE_IMPERATIVE:
                yield _ORDER_ADVICE.format(_quote(marker.text, capital=True))
    if politeness < 50 and not any(marker.strategy in _WARM_STRATEGIES for marker in markers):
        yield _WARMTH_ADVICE


def _missing(label: str) -> str:
    verb = _verb_phrase(label)
    return f"You didn't {verb}." if verb else f"Cover this next time: {_lower_first(label)}."


def _verb_phrase(label: str) -> str | None:
    """ "Apologises and acknowledges the impact" -> "apologise and acknowledge the impact";
    None when the label does not start with a verb."""
    first, _, rest = label.strip().rstrip(".").partition(" ")
    base = _base_verb(first)
    if base is None:
        return None

    def conjoined(match: re.Match[str]) -> str:
        verb = _base_verb(match.group(1))
        return f"and {verb}" if verb and match.group(2).lower() in _AFTER_VERB else match.group()

    rest = re.sub(r"\band (\w+)(?= (\w+))", conjoined, rest)
    return f"{base} {rest}".strip()


def _base_verb(word: str) -> str | None:
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) < 4 or not lower.isalpha() or not lower.endswith("s"):
        return None
    if lower.endswith(("ss", "us", "is")):
        return None
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("sses", "ches", "shes", "xes", "zes", "oes")):
        return lower[:-2]
    return lower[:-1]


def _quote(text: str, *, capital: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 3].rstrip() + "..."
    if capital:
        text = text[:1].upper() + text[1:]
    return f"'{text}'"


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless it starts an acronym ("SLA credit")."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
