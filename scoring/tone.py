"""The shared tone rules found in a reply: blame, veiled blame, sarcasm, condescension, insults.

Rules come from scoring/phrase_sets.yaml and apply to every step; words inside quotation marks
are the customer's own and never count, for the rules or for politeness. Sarcasm and
condescension also take the courtesy out of their sentence: "Thank you SO much" there is no
gratitude.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .card import Evidence, Marker
from .matching import Phrase, PhraseIndex, compile_idiom
from .phrase_sets import PhraseSet, phrase_sets, tone_rules
from .text import Analysis
from .tone_model import load_model, sentence_features, sentences_to_judge

# Rules whose sentence earns no courtesy: polite words said sarcastically or from above.
MUTING_RULES = frozenset(["sarcasm", "condescension", "mock-thanks"])
# Rules that judge a reply against the customer's message: thanking someone for kind words is
# sarcasm only when they wrote none. Off for a reply scored without its step.
CONTEXT_RULES = frozenset(["mock-thanks"])
# A customer's message that thanks or praises the agent, which kind words may then answer.
_KIND_CUSTOMER = re.compile(
    r"\b(?:thanks?|thank you|thx|cheers|appreciated?|grateful|kind of you|helpful|lifesaver"
    r"|you(?:'re| are) (?:a )?(?:star|legend|the best))\b",
    re.IGNORECASE,
)
# The rule that reports each fault the fitted model finds, and the phrase its evidence names.
FITTED_RULES = {
    "blame": "blame",
    "veiled-blame": "veiled-blame",
    "sarcasm": "sarcasm",
    "condescension": "condescension",
    "insult": "insult",
    "dismissive": "argue",
}
FITTED_PHRASE = "(the sentence as a whole)"
# A sentence whose own words (names and greetings aside, as the model reads it) are only a
# closing wish is sincere: the fit has read "I do hope" mostly in mockery ("I do hope that's
# plain enough"), but no bad reply of the dev sets closes with "I do hope this helps", while
# good replies in formal voices do.
_CLOSING_WISH = re.compile(
    r"i (?:do |really |truly |sincerely )?hope (?:this|that|my answer|my reply) "
    r"(?:helps|puts your mind at ease|clears (?:it|things) up|answers your question)"
)
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|\u201c[^\u201d\n]{1,300}\u201d")


def rules_off_for(customer: str) -> frozenset[str]:
    """The context rules a customer's message switches off: kind words from the customer
    make thanks for kind words sincere."""
    return CONTEXT_RULES if _KIND_CUSTOMER.search(customer) else frozenset()


@dataclass(frozen=True, slots=True)
class ToneHit:
    rule: PhraseSet
    evidence: Evidence


@lru_cache(maxsize=64)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of text in double quotation marks (straight or curly): the customer's words.
    Cached: every tone rule, never item and fact of a reply asks for the same reply's spans."""
    if '"' not in text and "\u201c" not in text:
        return ()
    return tuple(match.span() for match in _QUOTED.finditer(text))


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(first <= start and end <= last for first, last in spans)


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < last and first < end for first, last in spans)


def find_tone(analysis: Analysis, off: Collection[str] = ()) -> tuple[ToneHit, ...]:
    """Every hit of each tone rule not switched off, outside quotation marks; a rule's first
    hit in the author's order of its phrases comes first. Then the sentences no rule caught
    that the fitted model reads as faulty (scoring/tone_model.py)."""
    hits = tuple(_rule_hits(analysis, [rule for rule in tone_rules() if rule.id not in off]))
    # Words a context rule would catch but the customer's message makes sincere ("thanks for
    # your kind words" to a customer who wrote some) are not for the model to read as mockery.
    sincere = CONTEXT_RULES.intersection(off)
    excused = tuple(_rule_hits(analysis, [rule for rule in tone_rules() if rule.id in sincere]))
    return hits + tuple(_fitted_hits(analysis, off, hits + excused))


def _rule_hits(analysis: Analysis, rules: Iterable[PhraseSet]) -> Iterator[ToneHit]:
    for rule in rules:
        for evidence in unquoted_matches(_compiled(rule).candidates(analysis), analysis):
            yield ToneHit(rule, evidence)


def _fitted_hits(
    analysis: Analysis, off: Collection[str], judged: Sequence[ToneHit]
) -> Iterator[ToneHit]:
    """The model's faults in the sentences no rule has judged already."""
    model = load_model()
    sets = phrase_sets()
    for tokens, (start, end) in sentences_to_judge(analysis, quoted_spans(analysis.text)):
        if any(start <= hit.evidence.start < end for hit in judged):
            continue
        if _CLOSING_WISH.fullmatch(" ".join(token.word for token in tokens)):
            continue
        fault = model.fault(sentence_features(tokens), len(tokens))
        rule = sets.get(FITTED_RULES.get(fault, "")) if fault else None
        if rule is not None and rule.id not in off:
            text = analysis.text[start:end]
            yield ToneHit(rule, Evidence(FITTED_PHRASE, text, start, end))


def unquoted_matches(phrases: Iterable[Phrase], analysis: Analysis) -> Iterator[Evidence]:
    """Every match of the phrases, in their order, that neither opens nor closes inside quoted
    words: quoting the customer's insult is no insult, but words of our own around a quote
    ("calling us "clowns" won't make it faster") still speak for us."""
    quoted = quoted_spans(analysis.text)
    for phrase in phrases:
        for evidence in phrase.find_all(analysis):
            if not (
                overlaps(quoted, evidence.start, evidence.start + 1)
                or overlaps(quoted, evidence.end - 1, evidence.end)
            ):
                yield evidence


def adjust_markers(
    markers: Sequence[Marker], hits: Sequence[ToneHit], analysis: Analysis
) -> tuple[Marker, ...]:
    """The markers without the courtesy of sentences that are sarcastic or condescending, and
    without the rudeness of words the reply quotes from the customer."""
    muted = [
        _sentence_span(analysis, hit.evidence.start) for hit in hits if hit.rule.id in MUTING_RULES
    ]
    quoted = quoted_spans(analysis.text)
    return tuple(
        marker
        for marker in markers
        if not inside(muted if marker.weight > 0 else quoted, marker.start, marker.end)
    )


@cache
def _compiled(rule: PhraseSet) -> PhraseIndex:
    """The rule's phrases as idioms: their words follow one another."""
    return PhraseIndex(compile_idiom(phrase) for phrase in rule.phrases)


def _sentence_span(analysis: Analysis, offset: int) -> tuple[int, int]:
    tokens = analysis.tokens
    sentence = analysis.sentence_at(offset)
    members = analysis.sentences[sentence]
    return tokens[members[0]].start, tokens[members[-1]].end
