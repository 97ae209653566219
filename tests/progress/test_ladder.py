"""The rank ladder file: the shipped ladder, and one precise message per kind of mistake."""

from __future__ import annotations

import pytest

from scoring import DEFAULT_PASS_RULE
from scoring.format import ScenarioFormatError
from trainer.progress.ladder import (
    DimensionAverage,
    LadderFormatError,
    MentorSignOff,
    PersonasHandled,
    ReplyTime,
    ScenariosPassed,
    load_ladder_file,
    load_ladder_text,
)

VALID = """\
ranks:
  - id: trainee
    name: Trainee
  - id: operator
    name: Operator
    requirements:
      - kind: scenarios_passed
        count: 3
"""


def test_the_shipped_ladder_has_five_ranks_and_every_requirement_kind(shipped_ladder):
    assert [rank.name for rank in shipped_ladder.ranks] == [
        "Trainee", "Support Operator (L1)", "Support Specialist (L2)",
        "Senior Specialist (L3)", "Technical Specialist",
    ]
    first, *others = shipped_ladder.ranks
    assert first.requirements == [] and all(rank.requirements for rank in others)
    kinds = {type(r) for rank in others for r in rank.requirements}
    assert kinds == {ScenariosPassed, DimensionAverage, PersonasHandled, ReplyTime, MentorSignOff}
    top_two = shipped_ladder.ranks[-2:]
    assert all(any(isinstance(r, MentorSignOff) for r in rank.requirements) for rank in top_two)
    assert shipped_ladder.reply_window() == 40


def test_defaults_and_helpers():
    ladder = load_ladder_text(VALID)
    requirement = ladder.ranks[1].requirements[0]
    assert (requirement.min_difficulty, requirement.pass_rule) == (1, None)
    assert ladder.bar(requirement) == ladder.pass_rule.rule == DEFAULT_PASS_RULE
    assert ladder.level("operator") == 1 and ladder.level("gone") is None
    assert ladder.rank("trainee").name == "Trainee" and ladder.reply_window() == 0


def test_digest_ignores_comments_and_layout_but_not_edits():
    same = load_ladder_text("# a comment\n" + VALID.replace("count: 3", "count:   3"))
    edited = load_ladder_text(VALID.replace("count: 3", "count: 4"))
    assert load_ladder_text(VALID).digest() == same.digest() != edited.digest()


def test_a_persona_group_of_one_needs_no_brackets():
    ladder = load_ladder_text(VALID.replace(
        "kind: scenarios_passed\n        count: 3",
        "kind: personas_handled\n        groups: [confused, [rude, insulting]]"))
    assert ladder.ranks[1].requirements[0].groups == [["confused"], ["rude", "insulting"]]


REQUIREMENT = "      - kind: scenarios_passed\n        count: 3\n"
BROKEN = [
    (
        VALID.replace("count: 3", "cout: 3"),
        "8:9: unknown key 'cout' in requirement 1 (scenarios_passed) of rank 'operator': "
        "did you mean 'count'?",
    ),
    (
        VALID.replace("kind: scenarios_passed", "kind: scenario_passed"),
        "7:9: requirement kind 'scenario_passed' is not known: did you mean 'scenarios_passed'?",
    ),
    (
        VALID.replace("      - kind: scenarios_passed\n", "      - min_difficulty: 2\n"),
        "7:9: missing key 'kind' in requirement 1 of rank 'operator': write one of "
        "scenarios_passed, dimension_average, personas_handled, reply_time, mentor_sign_off",
    ),
    (
        VALID.replace("count: 3", "count: 0"),
        "8:9: count in requirement 1 (scenarios_passed) of rank 'operator' must be 1 or more, "
        "not 0",
    ),
    (
        VALID.replace("count: 3", 'count: "3"'),
        "8:9: count in requirement 1 (scenarios_passed) of rank 'operator' must be a whole "
        "number, not '3': remove the quotes",
    ),
    (
        VALID.replace("count: 3", "count: 3\n        min_difficulty: 6"),
        "9:9: min_difficulty in requirement 1 (scenarios_passed) of rank 'operator' must be 5 "
        "or less, not 6",
    ),
    (
        VALID.replace("count: 3", "count: 3\n        mode: exam"),
        "9:9: unknown key 'mode' in requirement 1 (scenarios_passed) of rank 'operator': the "
        "keys here are min_difficulty, pass_rule, kind, count",
    ),
    (
        VALID.replace("count: 3", "count: 3\n        pass_rule: {overall: 120}"),
        "9:21: overall in pass_rule of requirement 1 (scenarios_passed) of rank 'operator' must "
        "be 100 or less, not 120",
    ),
    (
        VALID.replace(REQUIREMENT, "      - kind: personas_handled\n        groups: [angry]\n"),
        "8:18: 'angry' (item 1 of group 1 of groups) in requirement 1 (personas_handled) of rank "
        "'operator' is not known: write one of rude, insulting, confused, impatient, "
        "fast-talker, distressed, demanding, informal, suspicious, vip",
    ),
    (
        VALID.replace(REQUIREMENT, "      - kind: reply_time\n        last_replies: 10\n"),
        "7:9: missing key 'max_median_seconds' in requirement 1 (reply_time) of rank 'operator'",
    ),
    (
        VALID.replace("id: operator", "id: Level One"),
        "4:5: id 'Level One' in rank 2 must be lowercase letters, digits and hyphens, "
        "e.g. 'level-one'",
    ),
    (
        VALID.replace("name: Operator", "name:"),
        "5:5: name in rank 'operator' is empty: write a value or remove the line",
    ),
    (
        VALID.replace("ranks:", "pass_rule: {overal: 70}\nranks:"),
        "1:13: unknown key 'overal' in pass_rule of the ladder: did you mean 'overall'?",
    ),
    (
        VALID.replace(REQUIREMENT, "      kind: mentor_sign_off\n"),
        "6:5: requirements in rank 'operator' must be a list (one '- ' line per item), "
        "not a mapping",
    ),
    (
        VALID + "  - id: operator\n    name: Operator 2\n    requirements: [{kind: "
        "mentor_sign_off}]\n",
        "9:5: rank id 'operator' is also used by rank 2: give each rank its own id",
    ),
    (
        VALID.replace("    name: Trainee\n", "    name: Trainee\n    requirements: [{kind: "
                      "mentor_sign_off}]\n"),
        "4:5: the first rank 'trainee' is held by everyone, so it has no requirements: move "
        "them to the next rank",
    ),
    (
        VALID + "  - id: empty\n    name: Empty\n",
        "9:5: rank 'empty' has no requirements: list at least one, or everyone would hold it "
        "at once",
    ),
    (
        VALID.replace(REQUIREMENT, "      - kind: dimension_average\n        last_replies: 5\n"
                      "        minimum: {}\n"),
        "9:9: minimum names no dimension: write at least one of politeness, correctness, "
        "completeness",
    ),
    (
        VALID.replace(REQUIREMENT, "      - kind: personas_handled\n"
                      "        groups: [[rude, insulting], rude]\n"),
        "8:37: persona 'rude' is also in group 1: list it in one group",
    ),
    (
        VALID.replace("name: Trainee", "name: Trainee\n    name: Beginner"),
        "4:5: key 'name' is written twice in this mapping (first at line 3): keep one, YAML "
        "would silently use the last",
    ),
    ("ranks: [", "1:9: not valid YAML: expected the node content, but found '<stream end>' "
     "(the bracket or quote opened here is never closed)"),
    ("ranks: []", "1:1: ranks in the ladder must list at least one item"),
    ("- trainee\n", "1:1: the ladder must be a mapping of keys, not a list"),
    ("# nothing yet\n", " the file is empty: a ladder starts with 'ranks:' and lists the "
     "ranks, lowest first"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN,
                         ids=[f"broken-{n}" for n in range(len(BROKEN))])
def test_each_mistake_is_reported_with_its_line(text, message):
    with pytest.raises(LadderFormatError) as caught:
        load_ladder_text(text, "ranks.yaml")
    assert f"ranks.yaml:{message}" in str(caught.value).splitlines()
    assert isinstance(caught.value, ScenarioFormatError)  # one error type for YAML files


def test_every_mistake_of_a_file_is_reported_at_once():
    text = VALID.replace("count: 3", "count: 0\n        cout: 2").replace("name: Trainee",
                                                                          "name:")
    with pytest.raises(LadderFormatError) as caught:
        load_ladder_text(text, "ranks.yaml")
    lines = [str(error) for error in caught.value.errors]
    assert [line.split(": ")[0] for line in lines] == ["ranks.yaml:3:5", "ranks.yaml:8:9",
                                                      "ranks.yaml:9:9"]
    assert caught.value.summary() == "3 errors in 1 file"


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(LadderFormatError, match="cannot read the rank ladder"):
        load_ladder_file(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(VALID.encode() + "# caf\xe9\n".encode("latin-1"))
    with pytest.raises(LadderFormatError, match=r"latin.yaml:9: the file is not UTF-8 text"):
        load_ladder_file(latin)
    huge = tmp_path / "huge.yaml"
    huge.write_text(VALID + "#" * 300_000)
    with pytest.raises(LadderFormatError, match="larger than the 256 KiB limit"):
        load_ladder_file(huge)
