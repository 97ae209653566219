"""Loading one scenario: the good fixture, and what the YAML reader refuses or forgives."""

from pathlib import Path

import pytest
import yaml

from scoring.format import (
    Channel,
    Persona,
    ScenarioFormatError,
    content_hash,
    load_scenario_file,
    load_scenario_text,
    source,
)


def test_the_good_scenario_loads(good_scenario):
    assert good_scenario.id == "hosting-shop-down"
    assert good_scenario.persona is Persona.RUDE
    assert good_scenario.channel is Channel.CHAT
    assert good_scenario.tags == ["outage", "escalation"]
    assert [step.id for step in good_scenario.steps] == ["opening", "escalation", "diagnose"]
    opening = good_scenario.step("opening")
    assert [point.weight for point in opening.expect.points] == [1.0, 2.0]
    assert opening.expect.facts[0].wrong[0] == "tomorrow"
    assert [(rule.if_, rule.goto) for rule in opening.next] == [
        ("blame", "escalation"),
        ("politeness < 40", "escalation"),
        (None, "diagnose"),
    ]


def test_a_single_phrase_needs_no_list(good_scenario):
    assert good_scenario.step("escalation").expect.points[0].phrases == ["sorry"]


def test_text_and_file_give_the_same_scenario(good_text, good_scenario):
    assert load_scenario_text(good_text, "good.yaml") == good_scenario


def test_a_byte_order_mark_is_accepted(tmp_path, good_text):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + good_text.encode("utf-8"))
    assert load_scenario_file(path).id == "hosting-shop-down"


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: cafe\ntitle: Caf\xe9\n")
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_file(path)
    assert str(caught.value) == (
        f"{path}:2:11: the file is not UTF-8 text: save it with the UTF-8 encoding"
    )


def test_keys_are_always_words():
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_text("id: a\non: 1\n", "inline.yaml")
    assert str(caught.value).splitlines()[-1] == (
        "inline.yaml:2:1: unknown key 'on' in the scenario: the keys here are id, version, title, "
        "language, domain, persona, channel, difficulty, briefing, tags, steps"
    )


def test_a_quoted_number_is_not_a_number(good_text):
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_text(good_text.replace("version: 2", 'version: "2"'), "quoted.yaml")
    assert str(caught.value) == (
        "quoted.yaml:3:1: version must be a whole number of 1 or more, not '2': remove the quotes"
    )


def test_a_missing_file_is_reported(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_file(path)
    assert str(caught.value) == f"{path}: cannot read the file: No such file or directory"


@pytest.mark.parametrize(
    ("text", "report"),
    [
        (
            "id: a\nb: &name 1\nc: *name\n",
            "3:4: not valid YAML: the alias *name is not allowed in a scenario: "
            "write the value out",
        ),
        (
            "id: a\ntitle: !!python/object:os.system x\n",
            "2:8: not valid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'; remove the tag (the word starting "
            "with '!')",
        ),
        (
            "id: a\n\ttitle: b\n",
            "2:1: not valid YAML: found character '\\t' that cannot start any token; "
            "indent with spaces, not tabs",
        ),
        (
            "title The shop\npersona: rude\n",
            "2:8: not valid YAML: mapping values are not allowed here; put a value that "
            "contains ': ' in quotes, and check that the line above ends its key with ':'",
        ),
        (
            "id: a\n---\nid: b\n",
            "2:1: not valid YAML: but found another document (expected a single document in "
            "the stream at line 1); a scenario file holds one document: remove the '---' line",
        ),
        ("<<: {id: a}\n", "1:1: a key must be a plain word such as 'title', followed by ':'"),
        ("id: a\x07\n", "1: character #x0007 is not allowed in YAML: remove it"),
        (
            "a: " + "[" * 5000 + "]" * 5000 + "\n",
            " the file nests lists or mappings too deeply to be a scenario",
        ),
    ],
    ids=[
        "alias",
        "unsafe-tag",
        "tab",
        "missing-colon",
        "two-documents",
        "merge-key",
        "control-character",
        "deep-nesting",
    ],
)
def test_yaml_the_reader_refuses(text, report):
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario_text(text, "inline.yaml")
    assert str(caught.value) == f"inline.yaml:{report}"


def test_the_documented_example_is_the_good_scenario(good_scenario):
    guide = Path(__file__).parents[2] / "docs" / "scenario-format.md"
    example = guide.read_text(encoding="utf-8").split("```yaml\n")[1].split("```")[0]
    documented = load_scenario_text(example, "docs/scenario-format.md")
    assert content_hash(documented) == content_hash(good_scenario)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_both_yaml_readers_give_every_shipped_file_the_same_data_and_places():
    library = Path(__file__).parents[2] / "scenarios"
    for path in sorted(library.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = source._read_with(yaml.CSafeLoader(text), path.name)
        plain = source._read_with(source._ScenarioYamlLoader(text), path.name)
        assert fast == plain, path.name
