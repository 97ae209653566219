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


def _shipped_patterns() -> list[str]:
    phrases = [phrase for rule in tone_rules() for phrase in rule.phrases]
    for scenario in load_library(ROOT / "scenarios").scenarios.values():
        for step in scenario.steps:
            for item in (*step.expect.points, *step.expect.facts, *step.expect.never):
                phrases.extend(item.phrases)
    return sorted({spaced(source) for source in map(regex_source, phrases) if source})


def _dev_replies() -> list[str]:
    return [
        json.loads(line)["reply"]
        for path in sorted((ROOT / "benchmarks" / "devset").glob("adversarial*/*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# Every shipped pattern against every gaming reply: about 30 s on a slow machine, not a hang.
@pytest.mark.timeout(180)
def test_no_shipped_pattern_is_skipped_where_it_matches():
    """Every match of every shipped pattern in the gaming sets' replies contains one of the
    pattern's required strings, so skipping by them changes no grade."""
    replies = [(reply, fold(reply)) for reply in _dev_replies()]
    patterns = _shipped_patterns()
    assert len(patterns) > 100
    for pattern in patterns:
        regex = re.compile(pattern, re.IGNORECASE)
        strings = required_strings(pattern, re.IGNORECASE)
        for reply, folded in replies:
            if regex.search(reply):
                assert may_match(strings, folded), (pattern, reply)
