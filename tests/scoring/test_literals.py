"""The strings a `re:` pattern cannot match without, which let the matcher skip it."""

import json
import re
from pathlib import Path

import pytest

from scoring.format import load_library
from scoring.format.model import regex_source, spaced
from scoring.literals import fold, may_match, required_strings
from scoring.phrase_sets import tone_rules

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"\bstop\s+saying\b", {"saying"}),
        (r"\b(?:oh|wow),? (?:great|lovely)\b", {"great", "lovely"}),
        (r"\b(?:very )?nice to hear\b", {"nice to hear"}),
        (r"(?:^|(?<=[.!?]\s))relax\b", {"relax"}),
        (r"\byou(?:'re| are)\s+the\s+only\s+one\b", {"only"}),
        (r"INC-\d{4}", {"inc-"}),
        (r"(?:known )+incident", {"incident"}),
    ],
)
def test_the_longest_required_words_are_found(pattern, strings):
    assert required_strings(pattern, re.IGNORECASE) == strings


def test_optional_parts_and_branches_without_a_string_require_nothing():
    assert required_strings(r"(?:great|\w+) idea", re.IGNORECASE) == {" idea"}
    assert required_strings(r"(?:known )*outage", re.IGNORECASE) == {"outage"}
    assert required_strings(r"\b\w+ly\b", re.IGNORECASE) is None
    assert required_strings(r"(?:ab|incident)", re.IGNORECASE) is None  # "ab" is too short
    assert may_match(None, "")


def test_folding_matches_what_ignorecase_matches():
    # IGNORECASE matches "s" to the long s, "k" to the Kelvin sign and "i" to the dotless i.
    for text, string in [("\u017ftop", "stop"), ("\u212aeep", "keep"), ("th\u0131s", "this")]:
        assert re.search(string, text, re.IGNORECASE)
        assert may_match(frozenset([string]), fold(text))


# Every shipped pattern against the gaming replies it reads: a minute on a slow machine, not a hang.
@pytest.mark.timeout(180)
def test_no_shipped_pattern_is_skipped_where_it_matches():
    """Every match of every shipped pattern in the gaming sets' replies it is used on (a tone
    rule's on all of them, a scenario's on the replies to that scenario) contains one of the
    pattern's required strings, so skipping by them changes no grade."""
    replies: dict[str | None, list[tuple[str, str]]] = {None: []}
    for scenario, reply in _dev_replies():
        entry = (reply, fold(reply))
        replies[None].append(entry)
        replies.setdefault(scenario, []).append(entry)
    patterns = _shipped_patterns()
    assert len(patterns) > 100
    for pattern, scenario in patterns:
        regex = re.compile(pattern, re.IGNORECASE)
        strings = required_strings(pattern, re.IGNORECASE)
        for reply, folded in replies.get(scenario, []):
            if regex.search(reply):
                assert may_match(strings, folded), (pattern, reply)


def _shipped_patterns() -> list[tuple[str, str | None]]:
    """Each pattern with the scenario whose replies it reads (None: a tone rule's, all)."""
    found = {(source, None) for rule in tone_rules() for source in _patterns(rule.phrases)}
    for scenario in load_library(ROOT / "scenarios").scenarios.values():
        for step in scenario.steps:
            for item in (*step.expect.points, *step.expect.facts, *step.expect.never):
                found.update((source, scenario.id) for source in _patterns(item.phrases))
    return sorted(found, key=lambda entry: (entry[0], entry[1] or ""))


def _patterns(phrases: list[str]) -> list[str]:
    return [spaced(source) for source in map(regex_source, phrases) if source]


def _dev_replies() -> list[tuple[str, str]]:
    return [
        (entry["scenario"], entry["reply"])
        for path in sorted((ROOT / "benchmarks" / "devset").glob("adversarial*/*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for entry in [json.loads(line)]
    ]
