"""Scenario phrases matched against an analysed reply, returning evidence spans.

A plain phrase matches when its words occur in one sentence of the reply, in order, with at
most MAX_GAP other words between two of them, compared by key (case, punctuation, spelling
variant, contraction and inflection do not matter), long words allowing a typo or two. A match
does not count when a negation ("not", "no", "never", "can't", ...) stands before it in the
same clause or inside it: "I can't see any outage" does not match "outage". Negation words
written in the phrase itself are simply words to match: "no outage" matches "there is no outage".
A phrase starting with ``re:`` is a case-insensitive regular expression searched in the
original text, subject to the same look-back for negation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from .card import Evidence
from .format.model import regex_source
from .text import WORD_PATTERN, Analysis, Token, normalise_word

MAX_GAP = 3
NEGATION_REACH = 6
NEGATIONS = frozenset(
    "not no never none nothing nobody nowhere neither nor without hardly barely unable".split()
)
# "don't hesitate to contact us", "not only", "no problem": the negation does not reach on.
_NOT_NEGATING_BEFORE = frozenset("only hesitate problem problems worries worry doubt".split())
# Bounds the search for a phrase whose words repeat all over a very long reply.
_SEARCH_BUDGET = 2000


def max_edits(word: str) -> int:
    """Typos tolerated in a phrase word: none below 6 letters, one up to 8, then two."""
    if len(word) < 6 or not word.isalpha():
        return 0
    return 1 if len(word) < 9 else 2


@dataclass(frozen=True, slots=True)
class _Word:
    word: str
    key: str
    edits: int


class Phrase:
    """One compiled phrase; `find` returns the first match that is not negated, or None."""

    __slots__ = ("source", "_words", "_regex")

    def __init__(self, source: str) -> None:
        self.source = source
        pattern = regex_source(source)
        self._regex = None if pattern is None else re.compile(pattern, re.IGNORECASE)
        self._words = tuple(
            _Word(word, key, max_edits(word))
            for raw in WORD_PATTERN.findall(source)
            for word, key in normalise_word(raw)
        )

    def find(self, analysis: Analysis) -> Evidence | None:
        if self._regex is not None:
            return _find_regex(self._regex, self.source, analysis)
        candidates = []
        for word in self._words:
            positions = _positions(word, analysis)
            if not positions:
                return None
            candidates.append(positions)
        for path in _paths(candidates, analysis.tokens):
            if not _negated(path, analysis.tokens):
                start, end = analysis.span(path[0], path[-1])
                return Evidence(self.source, analysis.text[start:end], start, end)
        return None


@lru_cache(maxsize=8192)
def compile_phrase(source: str) -> Phrase:
    """The compiled phrase, cached: a scenario's phrases are compiled once per process."""
    return Phrase(source)


def find_first(phrases: Iterable[Phrase], analysis: Analysis) -> Evidence | None:
    """Evidence of the first phrase (in the author's order) that matches, or None."""
    for phrase in phrases:
        evidence = phrase.find(analysis)
        if evidence is not None:
            return evidence
    return None


def _find_regex(regex: re.Pattern[str], source: str, analysis: Analysis) -> Evidence | None:
    tokens = analysis.tokens
    for match in regex.finditer(analysis.text):
        if match.end() == match.start():
            continue
        if not tokens or not negated_before(tokens, analysis.token_at(match.start())):
            return Evidence(source, match.group(), match.start(), match.end())
    return None


def _positions(word: _Word, analysis: Analysis) -> Sequence[int]:
    exact = analysis.positions.get(word.key, ())
    if not word.edits:
        return exact
    typos = [
        position
        for candidate, key, positions in analysis.typo_candidates.get(word.word[0], ())
        if key != word.key and _within(word, candidate, key)
        for position in positions
    ]
    return sorted([*exact, *typos]) if typos else exact


def _within(word: _Word, candidate: str, key: str) -> bool:
    """Whether a reply word is a typo of the phrase word, as written or as stemmed."""
    if abs(len(candidate) - len(word.word)) <= word.edits:
        if OSA.distance(candidate, word.word, score_cutoff=word.edits) <= word.edits:
            return True
    return OSA.distance(key, word.key, score_cutoff=word.edits) <= word.edits


def _paths(candidates: list[Sequence[int]], tokens: Sequence[Token]) -> Iterator[list[int]]:
    """Every way to place the phrase words in order, within one sentence and MAX_GAP apart."""
    budget = [_SEARCH_BUDGET]

    def extend(path: list[int]) -> Iterator[list[int]]:
        if len(path) == len(candidates):
            yield path
            return
        previous = path[-1]
        for position in candidates[len(path)]:
            if position <= previous:
                continue
            if position - previous - 1 > MAX_GAP or budget[0] <= 0:
                return
            if tokens[position].sentence != tokens[previous].sentence:
                return
            budget[0] -= 1
            yield from extend([*path, position])

    for first in candidates[0]:
        yield from extend([first])


def _is_negation(tokens: Sequence[Token], index: int) -> bool:
    if tokens[index].word not in NEGATIONS:
        return False
    following = index + 1
    return following >= len(tokens) or tokens[following].word not in _NOT_NEGATING_BEFORE


def _negated(path: list[int], tokens: Sequence[Token]) -> bool:
    inside = set(path)
    for index in range(path[0] + 1, path[-1]):
        if index not in inside and _is_negation(tokens, index):
            return True
    return negated_before(tokens, path[0])


def negated_before(tokens: Sequence[Token], first: int) -> bool:
    """Whether a negation precedes token `first` (or the end of the reply) in the same clause."""
    clause = tokens[min(first, len(tokens) - 1)].clause
    for index in range(first - 1, max(first - 1 - NEGATION_REACH, -1), -1):
        if tokens[index].clause != clause:
            return False
        if _is_negation(tokens, index):
            return True
    return False
