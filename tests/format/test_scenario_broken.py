"""Each broken file shows one kind of mistake; the exact report is part of the format's promise."""

import pytest

from scoring.format import ScenarioFormatError, load_scenario_file, load_scenario_text
from scoring.format.source import MAX_SCENARIO_BYTES

PERSONAS = "rude, insulting, confused, impatient, fast-talker, distressed, demanding, informal, "
PERSONAS += "suspicious, vip"

BROKEN = [
    (
        "unknown-key",
        "15:11: unknown key 'phrase' in point 'apologise' of step 'opening': "
        "did you mean 'phrases'?",
    ),
    (
        "wrong-type",
        "10:5: customer must be text, not a list: for several lines write '|' after the colon "
        "and indent the lines below it",
    ),
    (
        "unquoted-time",
        '15:21: YAML reads item 1 of phrases as a number: write it in quotes, "15:00"',
    ),
    ("missing-key", "9:5: missing key 'customer' in step 'opening'"),
    ("bad-persona", f"5:1: persona 'angry' is not known: write one of {PERSONAS}"),
    ("bad-channel", "6:1: channel 'sms' is not known: write one of chat, email, phone"),
    ("difficulty-out-of-range", "7:1: difficulty must be a whole number from 1 to 5, not 7"),
    (
        "bad-id-slug",
        "1:1: id 'Shop Down' must be lowercase letters, digits and hyphens, e.g. 'shop-down'",
    ),
    (
        "duplicate-key",
        "8:1: key 'title' is written twice in this mapping (first at line 3): keep one, "
        "YAML would silently use the last",
    ),
    (
        "syntax-error",
        "15:20: not valid YAML: expected ',' or ']', but got '<stream end>' "
        "(the bracket or quote opened here is never closed)",
    ),
    (
        "duplicate-step-id",
        "11:5: step id 'opening' is also used by step 1: give each step its own id",
    ),
    (
        "duplicate-item-id",
        "17:11: id 'apologise' in step 'opening' is also used by point 1: "
        "give each point, fact and never item its own id",
    ),
    ("reserved-end", "11:5: step id 'end' is reserved for 'goto: end': choose another id"),
    (
        "goto-unknown-step",
        "12:9: goto 'diagnosis' in step 'opening' names no step: did you mean 'diagnose'?",
    ),
    (
        "unreachable-step",
        "13:5: step 'diagnose' cannot be reached from the first step 'opening': "
        "add 'goto: diagnose' to a step that leads here, or remove it",
    ),
    (
        "cycle",
        "14:9: the steps go round in a loop (opening -> diagnose -> opening): "
        "change a goto so that every path reaches the end",
    ),
    (
        "rule-never-used",
        "13:9: next rule 2 of step 'opening' is never used: "
        "rule 1 has no 'if', so it always applies",
    ),
    ("non-positive-weight", "16:11: weight must be a number greater than 0, not 0"),
    (
        "bad-regex",
        "15:30: phrase 're:(apologi[sz]e' is not a valid regular expression: "
        "missing ), unterminated subpattern at position 0",
    ),
    (
        "spaced-regex",
        "15:30: phrase 're:(?<!not )sorry' breaks once each space in it stands for any run of "
        "spaces, as it does when matching (look-behind requires fixed-width pattern): "
        "write '\\s' for one space there",
    ),
    (
        "regex-matches-everything",
        "15:11: phrase 're:(sorry)?' matches every reply, even an empty one: make it stricter",
    ),
    (
        "unparsable-if",
        "12:9: if 'politness < 40' in step 'opening' cannot be read: "
        "'politness' is not a score: did you mean 'politeness'?",
    ),
    (
        "if-unknown-item",
        "17:9: if 'blam' names no point, fact or never item of step 'opening': "
        "did you mean 'blame'?",
    ),
    (
        "empty",
        " the file is empty: a scenario starts with 'id:', 'version:' and 'title:'",
    ),
    (
        "not-a-mapping",
        "1:1: the file must be a mapping of keys (id, version, title, ...), not a list",
    ),
    ("version-not-positive", "2:1: version must be a whole number of 1 or more, not 0"),
]


@pytest.mark.parametrize(("name", "report"), BROKEN, ids=[name for name, _ in BROKEN])
def test_broken_file_is_reported_exactly(in_format_tests, name, report):
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_file(f"broken/{name}.yaml")
    assert str(caught.value) == f"broken/{name}.yaml:{report}"


def test_every_broken_file_is_covered(in_format_tests):
    on_disk = {path.stem for path in (in_format_tests / "broken").glob("*.yaml")}
    assert on_disk == {name for name, _ in BROKEN}


def test_several_mistakes_in_one_file_are_all_reported(in_format_tests):
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_file("several-mistakes.yaml")
    assert str(caught.value).splitlines() == [
        "several-mistakes.yaml:2:1: version must be a whole number of 1 or more, not 1.5",
        "several-mistakes.yaml:3:1: unknown key 'titel' in the scenario: did you mean 'title'?",
        f"several-mistakes.yaml:5:1: persona 'rood' is not known: write one of {PERSONAS}",
        "several-mistakes.yaml:7:1: difficulty must be a whole number from 1 to 5, not 'hard'",
        "several-mistakes.yaml:8:16: 'Big Outage' in tags must be lowercase letters, digits "
        "and hyphens, e.g. 'big-outage'",
        "several-mistakes.yaml:10:5: missing key 'customer' in step 'opening'",
        "several-mistakes.yaml:15:11: phrases must list at least one item",
        "several-mistakes.yaml:16:11: weight must be a number greater than 0, not -1",
        "several-mistakes.yaml:17:5: next must be a list (one '- ' line per item), not 'diagnose'",
        "several-mistakes.yaml:18:5: YAML reads model_answer as true or false: write it in "
        'quotes, "yes"',
        "several-mistakes.yaml:19:5: missing key 'id' in step 2",
        "several-mistakes.yaml:20:5: expect of step 2 must be a mapping of keys "
        "(points, facts, never), not a list",
        "several-mistakes.yaml:21:5: step 3 must be a mapping of keys (id, customer, expect, ...), "
        "not 'opening'",
        "several-mistakes.yaml:23:5: customer is empty: write a value",
    ]
    assert caught.value.summary() == "14 errors in 1 file"


SIZE_LIMIT = (
    "the file is larger than the 256 KiB limit for one scenario: split it into smaller scenarios"
)


def oversized(text: str) -> str:
    padding = "#" * 79 + "\n"
    return text + padding * (MAX_SCENARIO_BYTES // len(padding) + 1)


def test_a_file_over_the_size_limit_is_refused(tmp_path, good_text):
    path = tmp_path / "huge.yaml"
    path.write_text(oversized(good_text), encoding="utf-8")
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_file(path)
    assert str(caught.value) == f"{path}: {SIZE_LIMIT}"


def test_a_text_over_the_size_limit_is_refused(good_text):
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_text(oversized(good_text), "huge.yaml")
    assert str(caught.value) == f"huge.yaml: {SIZE_LIMIT}"


def test_a_file_exactly_at_the_size_limit_loads(good_text):
    text = good_text + "#" * (MAX_SCENARIO_BYTES - len(good_text.encode("utf-8")) - 1) + "\n"
    assert len(text.encode("utf-8")) == MAX_SCENARIO_BYTES
    assert load_scenario_text(text, "full.yaml").id == "hosting-shop-down"
