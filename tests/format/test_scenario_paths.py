"""What a message presupposes, how a conversation ends, and the paths the loader walks."""

from __future__ import annotations

import textwrap

import pytest

from scoring.format import ScenarioFormatError, load_library, load_scenario_text
from scoring.format.endings import open_endings
from scoring.format.paths import conversation_paths, most_replies

HEAD = """\
id: import-help
version: 1
title: An import gone wrong
domain: crm
persona: confused
channel: chat
difficulty: 1
steps:
"""
OPENING = """\
  - id: opening
    customer: my contacts look weird
    expect:
      points:
        - id: undo-path
          label: Gives the path to undo the import
          phrases: ["undo import"]
        - id: reassure
          label: Reassures
          phrases: ["easy to fix"]
"""
REIMPORT = """\
  - id: reimport
    customer: ok I clicked undo. what now?
    presupposes: [opening.undo-path]
    expect:
      points:
        - id: delimiter
          label: Says to pick the semicolon
          phrases: ["semicolon"]
"""
ASK_UNDO = """\
  - id: where-is-undo
    customer: but how do I get rid of the weird ones?
    expect:
      points:
        - id: undo-path
          label: Gives the path to undo the import
          phrases: ["undo import"]
    next:
      - goto: thanks
"""
THANKS = """\
  - id: thanks
    customer: great, thanks!
    closing: resolved
"""


def scenario(*steps: str) -> str:
    return HEAD + "".join(steps)


def errors_of(text: str) -> list[str]:
    with pytest.raises(ScenarioFormatError) as raised:
        load_scenario_text(text, file="import.yaml")
    return [str(error) for error in raised.value.errors]


def branch(rules: str) -> str:
    return OPENING + textwrap.indent(f"next:\n{textwrap.indent(rules, '  ')}", "    ")


def test_the_default_flow_into_a_presupposing_message_is_refused_at_its_line():
    errors = errors_of(scenario(OPENING, REIMPORT, THANKS))
    assert errors == [
        "import.yaml:9:5: step 'reimport' takes it as said that the agent covered 'undo-path' "
        "of step 'opening', but the default flow after step 'opening' can lead there without "
        "it: take that way only 'if: undo-path', and send the other replies to a message that "
        "does not assume it"
    ]


def test_a_branch_that_sends_the_other_replies_elsewhere_is_accepted():
    text = scenario(branch("- if: not undo-path\n  goto: where-is-undo\n"), REIMPORT, ASK_UNDO,
                    THANKS)
    # where-is-undo's own `undo-path` makes the bare id ambiguous: it must be qualified.
    bare = text.replace("[opening.undo-path]", "[undo-path]")
    assert "write one of 'opening.undo-path', 'where-is-undo.undo-path'" in errors_of(bare)[0]
    loaded = load_scenario_text(text)
    paths = [[loaded.steps[i].id for i in path.steps] for path in conversation_paths(loaded)]
    assert paths == [
        ["opening", "where-is-undo", "thanks"],
        ["opening", "reimport", "where-is-undo", "thanks"],
    ]


def test_a_rule_passed_over_proves_the_item_was_not_said():
    # Rule 1 takes the covered replies away; rule 2 (a score) sends only uncovered ones on.
    rules = "- if: undo-path\n  goto: thanks\n- if: politeness > 50\n  goto: reimport\n"
    errors = errors_of(scenario(branch(rules), ASK_UNDO, REIMPORT, THANKS))
    assert len(errors) == 1
    assert "but rule 2 of step 'opening' can lead there without it" in errors[0]
    assert errors[0].startswith("import.yaml:22:9:")


def test_an_item_rule_proves_the_item_was_said():
    rules = "- if: undo-path\n  goto: reimport\n- goto: where-is-undo\n"
    loaded = load_scenario_text(
        scenario(branch(rules), REIMPORT + "    next:\n      - goto: thanks\n", ASK_UNDO, THANKS)
    )
    assert loaded.step("reimport").presupposes == ["opening.undo-path"]


@pytest.mark.parametrize(
    ("presupposes", "message"),
    [
        ("[undo-pth]", "'undo-pth' is no point or fact of any other step: did you mean "
                       "'opening.undo-path'?"),
        ("[thanks.anything]", "'thanks.anything' is no point or fact of step 'thanks'"),
        ("[Undo]", "presupposes"),
    ],
)
def test_a_reference_to_nothing_is_refused_with_a_suggestion(presupposes, message):
    text = scenario(OPENING, REIMPORT.replace("[opening.undo-path]", presupposes), THANKS)
    assert any(message in error for error in errors_of(text))


def test_the_first_message_cannot_presuppose_anything():
    first = OPENING.replace("    expect:", "    presupposes: delimiter\n    expect:", 1)
    errors = errors_of(
        scenario(first, REIMPORT.replace("    presupposes: [opening.undo-path]\n", ""), THANKS)
    )
    assert errors == [
        "import.yaml:11:5: step 'opening' takes it as said that the agent covered 'delimiter' "
        "of step 'reimport', but it is the first message: take that way only 'if: delimiter', "
        "and send the other replies to a message that does not assume it"
    ]


@pytest.mark.parametrize(
    ("extra", "name"),
    [
        ("    model_answer: you're welcome\n", "model_answer"),
        ("    next:\n      - goto: end\n", "next"),
        ("    expect:\n      points:\n        - {id: x, label: X, phrases: [x]}\n", "expect"),
        ("    tone: {off: [sarcasm]}\n", "tone"),
    ],
)
def test_a_closing_message_takes_no_reply(extra, name):
    errors = errors_of(scenario(OPENING, THANKS + extra))
    assert errors == [
        f"import.yaml:{errors[0].split(':')[1]}:5: step 'thanks' is a closing message: a closing "
        f"message ends the conversation and takes no reply: remove its '{name}'"
    ]


def test_the_first_message_cannot_be_a_closing_one():
    errors = errors_of(scenario(THANKS, OPENING))
    assert any("the first step cannot be a closing message" in error for error in errors)


def test_closing_must_be_a_known_way_to_end():
    errors = errors_of(scenario(OPENING, THANKS.replace("resolved", "happy")))
    assert errors == ["import.yaml:21:5: closing 'happy' is not known: did you mean 'unhappy'?"]


def test_a_path_that_stops_without_a_closing_message_is_a_warning(tmp_path):
    (tmp_path / "import.yaml").write_text(
        scenario(branch("- if: reassure\n  goto: thanks\n- goto: end\n"), THANKS)
    )
    warnings = [str(warning) for warning in open_endings(load_library(tmp_path))]
    assert warnings == [
        f"{tmp_path / 'import.yaml'}:22:9: warning: rule 2 of step 'opening' ends the "
        "conversation with no closing message from the customer: add a last step with "
        "'closing: resolved', 'closing: unhappy' or 'closing: handed-on' and lead there"
    ]


def test_a_nested_list_accepts_any_one_of_its_items():
    # The apology route asks for the path too: either step's undo-path will do.
    either = "[[opening.undo-path, where-is-undo.undo-path]]"
    rules = "- if: not undo-path\n  goto: where-is-undo\n"
    ask_then_reimport = ASK_UNDO.replace("      - goto: thanks", "      - if: undo-path\n"
                                         "        goto: reimport\n      - goto: thanks")
    text = scenario(branch(rules), ask_then_reimport, REIMPORT.replace("[opening.undo-path]",
                                                                       either), THANKS)
    loaded = load_scenario_text(text)
    assert loaded.step("reimport").presupposes == [["opening.undo-path",
                                                    "where-is-undo.undo-path"]]
    # Only the opening's item: the route through where-is-undo now lacks it.
    errors = errors_of(text.replace(either, "[[opening.undo-path]]"))
    assert len(errors) == 1 and "but rule 1 of step 'where-is-undo' can lead there" in errors[0]


def test_most_replies_counts_the_longest_path_without_closing_messages():
    rules = "- if: not undo-path\n  goto: where-is-undo\n"
    loaded = load_scenario_text(scenario(branch(rules), REIMPORT, ASK_UNDO, THANKS))
    assert most_replies(loaded) == 3  # opening, reimport, where-is-undo; thanks takes none
