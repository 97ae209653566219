"""Politeness markers of a reply, with spans and weights, plus TextBlob polarity.

Markers come from the strategy lexicons (scoring/strategies.py), the profanity list and three
detectors of our own: shouting (capitals, "!!!"), bare imperatives and, for the lexicons,
sentence openers. TextBlob's polarity is only a weak extra signal, read on the words no
marker has already counted: it scores "sorry" as negative, which an apology is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .card import Marker
from .matching import negated_before
from .profanity import profane_phrases
from .strategies import IMPERATIVE_VERBS, RULES, Strategy, lexicon_phrases
from .text import Analysis, Token, normalise_word

_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019]*[A-Z]\b(?:[ ,]+[A-Z][A-Z'\u2019]*[A-Z]\b)*")
_EXCLAMATIONS = re.compile(r"[!?]*(?:!!|\?!|!\?|\?\?)[!?]*")
# Short words in capitals that are shouted rather than acronyms ("ARE YOU SERIOUS").
_LOUD_SHORT = frozenset(
    "you are not now the and why what this stop just done fix help read very your all get "
    "can will was did had has have that".split()
)
# Words in capitals of four letters or more that name things rather than shout.
_ACRONYMS = frozenset(
    "https http smtp smtps imap ldap ldaps saml sftp json html yaml oauth gdpr ipsec vlan "
    "vlans voip ssid wifi cname nginx mysql linux macos unicode ascii jpeg ieee asap aaaa "
    "dkim dmarc ansi iban swift nasa unix".split()
)
_SOFTENERS = frozenset(["please", "kindly"])


@dataclass(frozen=True, slots=True)
class PolitenessReading:
    """What the politeness detectors found; the score itself is computed by the formula."""

    markers: tuple[Marker, ...]
    polarity: float


@dataclass(frozen=True, slots=True)
class _Entry:
    strategy: Strategy
    words: tuple[str, ...]
    anchored: bool


class _Sentiment(Protocol):
    def __call__(self, words: list[str]) -> tuple[float, float]: ...


def read_politeness(analysis: Analysis) -> PolitenessReading:
    """Every politeness marker of the reply, in text order, and the residual polarity."""
    found: list[tuple[Strategy, int, int]] = []
    covered: set[int] = set()
    for strategy, first, last in _lexicon_matches(analysis.tokens):
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


def _lexicon_matches(tokens: Sequence[Token]) -> Iterator[tuple[Strategy, int, int]]:
    """Lexicon phrases, leftmost-longest and not overlapping (first and last token index)."""
    by_word, by_prefix = _lexicon()
    free = 0
    for index, token in enumerate(tokens):
        if index < free:
            continue
        entries = by_word.get(token.word, [])
        prefixed = by_prefix.get(token.word[:4], [])
        best: tuple[int, bool, _Entry] | None = None
        for entry in [*entries, *prefixed]:
            length = _match_length(entry, tokens, index)
            if length and (best is None or (length, entry.anchored) > best[:2]):
                best = (length, entry.anchored, entry)
        if best is not None:
            free = index + best[0]
            yield best[2].strategy, index, free - 1


def _match_length(entry: _Entry, tokens: Sequence[Token], index: int) -> int:
    if entry.anchored and not tokens[index].starts_sentence:
        return 0
    if index + len(entry.words) > len(tokens):
        return 0
    sentence = tokens[index].sentence
    for offset, word in enumerate(entry.words):
        token = tokens[index + offset]
        if token.sentence != sentence:
            return 0
        if word.endswith("*"):
            if not token.word.startswith(word[:-1]):
                return 0
        elif token.word != word:
            return 0
    return len(entry.words)


@cache
def _lexicon() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    """Lexicon entries indexed by their first word, or by the first 4 letters of a prefix."""
    phrases = lexicon_phrases()
    phrases.extend((Strategy.PROFANITY, phrase) for phrase in profane_phrases())
    by_word: dict[str, list[_Entry]] = {}
    by_prefix: dict[str, list[_Entry]] = {}
    for strategy, phrase in phrases:
        anchored = phrase.startswith("^")
        words: list[str] = []
        for raw in phrase.lstrip("^").split():
            if raw.endswith("*"):
                words.append(raw)
            else:
                words.extend(word for word, _ in normalise_word(raw))
        entry = _Entry(strategy, tuple(words), anchored)
        if words[0].endswith("*"):
            by_prefix.setdefault(words[0][:4], []).append(entry)
        else:
            by_word.setdefault(words[0], []).append(entry)
    return by_word, by_prefix


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
    """Runs of words in capitals with at least one shouted word, and "!!", "?!", "??"."""
    for match in _CAPS_RUN.finditer(text):
        words = re.split(r"[ ,]+", match.group())
        if any(_is_loud(word) for word in words) or _is_loud_run(words):
            yield Strategy.SHOUTING, match.start(), match.end()
    for match in _EXCLAMATIONS.finditer(text):
        yield Strategy.SHOUTING, match.start(), match.end()


def _is_loud(word: str) -> bool:
    lower = word.lower()
    return lower in _LOUD_SHORT or (len(word) >= 5 and lower not in _ACRONYMS)


def _is_loud_run(words: list[str]) -> bool:
    """Two or more words in capitals, one of them a four-letter word: "CALM DOWN"."""
    return len(words) >= 2 and any(len(w) >= 4 and w.lower() not in _ACRONYMS for w in words)


def _polarity(words: list[str]) -> float:
    if not words:
        return 0.0
    return round(float(_sentiment()(words)[0]), 4)


@cache
def _sentiment() -> _Sentiment:
    """TextBlob's pattern-based sentiment, imported on first use (the import takes ~0.3 s)."""
    from textblob.en import sentiment

    return sentiment
