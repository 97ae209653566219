"""The terms a scenario's own texts use: what a reply may give without the case saying so is
checked against them (menu names, identifiers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CaseTerms:
    """The terms of one scenario's texts, and whether it judges any: a step outside a
    scenario says nothing, so nothing is judged."""

    terms: frozenset[str]
    judges: bool

    @classmethod
    def of_texts(cls, texts: Iterable[str], terms_of: Callable[[str], Iterable[str]]) -> CaseTerms:
        texts = tuple(texts)
        return cls(frozenset(term for text in texts for term in terms_of(text)), bool(texts))
