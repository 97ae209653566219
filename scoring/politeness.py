"""Politeness markers of a reply, with spans and weights, plus TextBlob polarity.

Markers come from the strategy lexicons (scoring/strategies.py, where sentence openers such as
"Why..." are phrases anchored with ^), the profanity list and two detectors of our own:
shouting (capitals, "!!!") and bare imperatives. TextBlob's polarity is only a weak extra
signal, read on the words no marker has already counted: it scores "sorry" as negative, which
an apology is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .card import Marker
from .lexicon import Lexicon
from .matching import negated_before
from .profanity import profane_phrases
from .strategies import IMPERATIVE_VERBS, RULES, Strategy, lexicon_phrases
from .text import Analysis, Token, is_known_word

_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019]*[A-Z]\b(?:[ ,]+[A-Z][A-Z'\u2019]*[A-Z]\b)*")
# "!!!", "?!", "??": a single "!!" is enthusiasm as often as anger.
_EXCLAMATIONS = re.compile(r"[!?]*(?:!!!|\?!|!\?|\?\?)[!?]*")
# Short words in capitals that are shouted rather than acronyms ("ARE YOU SERIOUS").
_LOUD_SHORT = frozenset(
    "you are not now the and why what this stop just done fix help read very your all "
    "can will was did had has have that".split()
)
# English words in capitals that name things in support replies rather than shout.
_ACRONYMS = frozenset(
    "post get put patch delete head options null true false error warning info debug fatal "
    "swift".split()
)
_SOFTENERS = frozenset(["please", "kindly"])


@dataclass(frozen=True, slots=True)
class PolitenessReading:
    """What the politeness detectors found; the score itself is computed by the formula."""

    markers: tuple[Marker, ...]
    polarity: float


class _Sentiment(Protocol):
    def __call__(self, words: list[str]) -> tuple[float, float]: ...


def read_politeness(analysis: Analysis) -> PolitenessReading:
    """Every politeness marker of the reply, in text order, and the residual polarity."""
    found: list[tuple[Strategy, int, int]] = []
    covered: set[int] = set()
    for label, first, last in _lexicon().find(analysis.tokens):
        strategy = Strategy(label)
        covered.update(range(first, last + 1))
        # "not sure I understand", "no thanks": a negated courtesy is no courtesy.
        negated = RULES[strategy].weight > 0 and negated_before(analysis.tokens, first)
        if strategy is not Strategy.NEUTRAL and not negated:
            found.append((strategy, first, last))
    found.extend(_bare_imperatives(analysis, covered))
    spans = [(strategy, *analysis.span(first, last)) for strategy, first, last in found]
    spans.extend(_shouting(analysis.text))
    spans.sort(key=lambda span: (span[1], span[2]))
    words = [token.word for index, token in enumerate(analysis.tokens) if index not in covered]
    return PolitenessReading(_weighted(spans, analysis.text), _polarity(words))


def _weighted(spans: list[tuple[Strategy, int, int]], text: str) -> tuple[Marker, ...]:
    """Markers with each strategy's weight, decayed for its second, third... use."""
    uses: dict[Strategy, int] = {}
    markers = []
    for strategy, start, end in spans:
        rule = RULES[strategy]
        count = uses.get(strategy, 0)
        uses[strategy] = count + 1
        weight = round(rule.weight * rule.decay**count, 4)
        markers.append(Marker(strategy, text[start:end], start, end, weight))
    return tuple(markers)


@cache
def _lexicon() -> Lexicon:
    return Lexicon(
        [*lexicon_phrases(), *((Strategy.PROFANITY.value, phrase) for phrase in profane_phrases())]
    )


def _bare_imperatives(analysis: Analysis, covered: set[int]) -> Iterator[tuple[Strategy, int, int]]:
    """Sentences opening with a verb, without "please" and not asked as a question."""
    tokens = analysis.tokens
    for first, last in _sentences(tokens):
        opener = tokens[first]
        if opener.word not in IMPERATIVE_VERBS or first in covered:
            continue
        if first < last and tokens[first + 1].word in ("you", "i", "we", "they", "it"):
            continue
        if any(token.word in _SOFTENERS for token in tokens[first : last + 1]):
            continue
        if "?" in analysis.text[tokens[last].end : _next_start(tokens, last, analysis.text)]:
            continue
        yield Strategy.BARE_IMPERATIVE, first, first


def _sentences(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or tokens[index].sentence != tokens[start].sentence:
            yield start, index - 1
            start = index


def _next_start(tokens: Sequence[Token], index: int, text: str) -> int:
    return tokens[index + 1].start if index + 1 < len(tokens) else len(text)


def _shouting(text: str) -> Iterator[tuple[Strategy, int, int]]:
    """Runs of words in capitals with a shouted word or three words long ("I AM SO ANGRY"),
    and "!!!", "?!", "??"."""
    for match in _CAPS_RUN.finditer(text):
        words = re.split(r"[ ,]+", match.group())
        if len(words) >= 3 or any(_is_loud(word) for word in words):
            yield Strategy.SHOUTING, match.start(), match.end()
    for match in _EXCLAMATIONS.finditer(text):
        yield Strategy.SHOUTING, match.start(), match.end()


def _is_loud(word: str) -> bool:
    """An English word of four letters or more in capitals ("NEVER"), not a code ("STDOUT")."""
    lower = word.lower()
    if lower in _LOUD_SHORT:
        return True
    return len(word) >= 4 and lower not in _ACRONYMS and is_known_word(lower)


def _polarity(words: list[str]) -> float:
    """TextBlob's polarity of the words, computed on the words it knows only: a run of other
    words becomes one stand-in of the same length class, which TextBlob treats alike (it only
    asks whether an unknown word is longer than one or two letters)."""
    sentiment, known = _sentiment()
    compact: list[str] = []
    longest = 0
    for word in words:
        if word in known:
            if longest:
                compact.append("x" * min(longest, 3))
                longest = 0
            compact.append(word)
        else:
            longest = max(longest, len(word))
    if not compact:
        return 0.0
    return round(float(sentiment(compact)[0]), 4)


@cache
def _sentiment() -> tuple[_Sentiment, frozenset[str]]:
    """TextBlob's pattern-based sentiment, imported on first use (the import takes ~0.3 s),
    and the words it scores, negations included."""
    from textblob.en import sentiment

    if not dict.__len__(sentiment):  # TextBlob loads its lexicon on first use
        sentiment.load()
    return sentiment, frozenset(dict.keys(sentiment)) | frozenset(sentiment.negations)
