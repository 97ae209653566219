"""Strings a regular expression cannot match without: one substring test on the case-folded
text rules a pattern out before the engine tries it at every position of the reply."""

from __future__ import annotations

from re import _constants as ops  # the standard library's own reading of a pattern
from re import _parser

# Shorter strings occur in almost every reply and would rule nothing out.
_SHORTEST_USEFUL = 3

_REPEATS = (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT)


def required_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which is in every match of the pattern (compiled with
    IGNORECASE); None when the pattern names none worth testing."""
    found = _in_sequence(_parser.parse(pattern, flags))
    if found is None or min(map(len, found)) < _SHORTEST_USEFUL:
        return None
    return frozenset(found)


def fold(text: str) -> str:
    """The text as IGNORECASE compares it: casefold, and the dotless i that also matches "i"."""
    return text.casefold().replace("\u0131", "i")


def may_match(strings: frozenset[str] | None, folded_text: str) -> bool:
    return strings is None or any(string in folded_text for string in strings)


def _in_sequence(items) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []
    for op, argument in items:
        if op is ops.LITERAL and chr(argument).isascii():
            run.append(chr(argument).lower())
            continue
        best = _longer(best, {"".join(run)} if run else None)
        run = []
        best = _longer(best, _in_item(op, argument))
    return _longer(best, {"".join(run)} if run else None)


def _in_item(op, argument) -> set[str] | None:
    if op is ops.SUBPATTERN:
        return _in_sequence(argument[3])
    if op is ops.ATOMIC_GROUP:
        return _in_sequence(argument)
    if op in _REPEATS:
        least, _, body = argument
        return _in_sequence(body) if least >= 1 else None
    if op is ops.BRANCH:
        alternatives = [_in_sequence(branch) for branch in argument[1]]
        if any(alternative is None for alternative in alternatives):
            return None
        return set().union(*alternatives)
    return None


def _longer(first: set[str] | None, second: set[str] | None) -> set[str] | None:
    """The set whose shortest string is longer: the stronger test."""
    if first is None:
        return second
    if second is None:
        return first
    return second if min(map(len, second)) > min(map(len, first)) else first
