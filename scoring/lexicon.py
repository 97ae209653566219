"""Fast lookup of lexicon phrases in a token sequence, leftmost-longest and not overlapping.

A phrase is a few lower-case words compared with each token's normalised `word` ("don't" in a
phrase and "do not" in a reply are the same). A leading ``^`` anchors a phrase to the start of
a sentence; a one-word phrase may end in ``*`` to match any word starting so ("thank*").
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .text import Token, normalise_word

_PREFIX_KEY = 4


@dataclass(frozen=True, slots=True)
class _Entry:
    label: str
    words: tuple[str, ...]
    anchored: bool
    prefix: bool
    order: int

    def matches(self, tokens: Sequence[Token], index: int) -> bool:
        if self.anchored and not tokens[index].starts_sentence:
            return False
        if self.prefix:
            return tokens[index].word.startswith(self.words[0])
        end = index + len(self.words)
        if end > len(tokens) or tokens[end - 1].sentence != tokens[index].sentence:
            return False
        return all(
            token.word == word for token, word in zip(tokens[index:end], self.words, strict=True)
        )

    def rank(self) -> tuple[int, bool, int]:
        """Longest first, then anchored, then listed first."""
        return len(self.words), self.anchored, -self.order


class Lexicon:
    """Phrases with a label each (a strategy name, say), indexed for one pass over a reply."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self._first: dict[str, list[_Entry]] = {}
        self._pairs: dict[tuple[str, str], list[_Entry]] = {}
        self._prefixes: dict[str, list[_Entry]] = {}
        for order, (label, phrase) in enumerate(phrases):
            anchored = phrase.startswith("^")
            raw = phrase.lstrip("^").split()
            if len(raw) == 1 and raw[0].endswith("*"):
                if len(raw[0]) <= _PREFIX_KEY:
                    raise ValueError(f"{phrase!r}: a prefix needs {_PREFIX_KEY} letters or more")
                entry = _Entry(label, (raw[0][:-1],), anchored, True, order)
                self._prefixes.setdefault(raw[0][:_PREFIX_KEY], []).append(entry)
                continue
            words = tuple(word for text in raw for word, _ in normalise_word(text))
            entry = _Entry(label, words, anchored, False, order)
            if len(words) == 1:
                self._first.setdefault(words[0], []).append(entry)
            else:
                self._pairs.setdefault((words[0], words[1]), []).append(entry)

    def find(
        self, tokens: Sequence[Token], skip: Container[int] = ()
    ) -> Iterator[tuple[str, int, int]]:
        """(label, first token, last token) of every match, left to right, not overlapping;
        a match neither starts at nor spans a token in `skip`."""
        first, prefixes, pairs = self._first, self._prefixes, self._pairs
        free = 0
        for index, token in enumerate(tokens):
            if index < free or index in skip:
                continue
            word = token.word
            single = first.get(word, ())
            prefixed = prefixes.get(word[:_PREFIX_KEY], ())
            paired = (
                pairs.get((word, tokens[index + 1].word), ()) if index + 1 < len(tokens) else ()
            )
            if not (single or prefixed or paired):
                continue
            matched = [
                entry
                for entry in (*single, *prefixed, *paired)
                if entry.matches(tokens, index)
                and not (skip and any(index + step in skip for step in range(1, len(entry.words))))
            ]
            if matched:
                best = max(matched, key=_Entry.rank)
                free = index + len(best.words)
                yield best.label, index, free - 1
